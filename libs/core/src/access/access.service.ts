import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOperator, In, Repository } from 'typeorm';
import { Organisation, TeacherProfile } from '@hybridmatch/database';
import { isActiveRequestStatus, ProposalParty, TeachingRequestStatus, UserRole } from '@hybridmatch/domain';
import { ForbiddenError, NotFoundError } from '../errors/domain-error';
import { Actor } from './actor';
import { Permission, ROLES_WITH } from './permission';

/** What an organisation-owned record needs for an access decision. */
export interface OwnedByOrganisation {
  organisationId: string;
  regionId: string;
}

/** A teacher profile: owned by its company; `userId` is the teacher's own login, if any. */
export interface OwnedTeacher extends OwnedByOrganisation {
  userId: string | null;
}

/**
 * An account as far as who may know of it goes: its organisation and that organisation's region
 * (both null for a coordinator's or the platform admin's account).
 */
export interface AccountOwner {
  organisationId: string | null;
  regionId: string | null;
}

/** A teaching request: owned by its school; companies see the open ones in their region. */
export interface OwnedRequest extends OwnedByOrganisation {
  status: TeachingRequestStatus;
}

/** The columns proposals and placements share for access decisions (copied from teacher and request). */
export interface PartiesOfRecord {
  teacherId: string;
  companyId: string;
  schoolId: string;
  regionId: string;
}

/** Whose calendar feed: a teacher's (their own login manages it) or a school's (its admins). */
export type CalendarFeedOwner = { teacher: OwnedTeacher } | { school: OwnedByOrganisation };

/** The record each permission is decided on. */
export interface SubjectOf {
  [Permission.OrganisationRead]: OwnedByOrganisation;
  [Permission.OrganisationUpdate]: OwnedByOrganisation;
  [Permission.DayOffEdit]: OwnedByOrganisation;
  [Permission.TeachingRequestCreate]: OwnedByOrganisation;
  [Permission.TeacherRead]: OwnedTeacher;
  [Permission.TeacherUpdate]: OwnedTeacher;
  [Permission.TeacherVerify]: OwnedTeacher;
  [Permission.TeachingRequestRead]: OwnedRequest;
  [Permission.TeachingRequestUpdate]: OwnedByOrganisation;
  [Permission.ProposalRead]: PartiesOfRecord;
  [Permission.ProposalAnswer]: PartiesOfRecord;
  [Permission.ProposalDecide]: PartiesOfRecord;
  [Permission.PlacementRead]: PartiesOfRecord;
  [Permission.VogVerifyAtSchool]: PartiesOfRecord;
  [Permission.LessonRead]: PartiesOfRecord;
  [Permission.LessonCancel]: PartiesOfRecord;
  [Permission.LessonMove]: PartiesOfRecord;
  [Permission.LessonReportSick]: PartiesOfRecord;
  [Permission.LessonRecordOutcome]: PartiesOfRecord;
  [Permission.LessonFeedback]: PartiesOfRecord;
  [Permission.FeedbackRead]: PartiesOfRecord;
  [Permission.CalendarFeedManage]: CalendarFeedOwner;
  [Permission.RateCardRead]: OwnedByOrganisation;
  [Permission.RateCardUpdate]: OwnedByOrganisation;
  [Permission.MatchRunRead]: { regionId: string };
  [Permission.ShortageRead]: { regionId: string };
  [Permission.RegionCoordinate]: { regionId: string };
  // Decided at the route alone (no record to check): the roles of ROLES_WITH.
  [Permission.OrganisationCreate]: never;
  [Permission.HolidayEdit]: never;
  [Permission.RegionManage]: never;
  [Permission.TeacherCreate]: never;
  [Permission.ProgressRead]: never;
  [Permission.RuleFlagRead]: never;
  [Permission.UserRead]: never;
  [Permission.UserManage]: never;
  [Permission.NotificationFailuresRead]: never;
  [Permission.NotificationResend]: never;
  [Permission.QueueDashboard]: never;
}

/** Names the record in the 404/403 detail: `what` ("Proposal") and its id. */
export interface RecordRef {
  what: string;
  id: string;
}

/** The filter a list of organisation-owned records must apply. */
export type OrganisationScope =
  | { kind: 'all' }
  | { kind: 'regions'; regionIds: string[] }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'none' };

/** Teacher profiles: a hybrid teacher sees only their own. */
export type TeacherScope = OrganisationScope | { kind: 'self'; userId: string };

/** Teaching requests add the demand view: the active requests of one region. */
export type TeachingRequestScope = OrganisationScope | { kind: 'demand'; regionId: string };

/** A proposal or placement list filter on the parties' columns: `null` means the caller may see none. */
export type PartiesFilter = Partial<Record<keyof PartiesOfRecord, string | FindOperator<string>>> | null;

/** A parties filter (a TypeORM `where` of the parties' columns) as a list filter of plain values: one, or any of several. */
export function partiesListFilter(
  filter: NonNullable<PartiesFilter>,
): Partial<Record<keyof PartiesOfRecord, string | string[]>> {
  const entries = Object.entries(filter).map(([key, value]): [string, string | string[]] => [
    key,
    value instanceof FindOperator ? (value.value as unknown as string[]) : value,
  ]);
  return Object.fromEntries(entries);
}

/** Why a list filter on a parties column lies outside the caller's scope. */
const OUTSIDE_SCOPE: Record<keyof PartiesOfRecord, string> = {
  regionId: 'is not one of your regions; leave it out to list all of yours',
  teacherId: 'is not your own teacher profile; leave it out to list your own',
  companyId: 'is not your company; leave it out to list your own',
  schoolId: 'is not your school; leave it out to list your own',
};

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Company admins and hybrid teachers see the open demand of their company's region. */
const DEMAND_READERS: readonly UserRole[] = [UserRole.CompanyAdmin, UserRole.HybridTeacher];

/**
 * The one place that decides who may see and change what (after the route's `@Roles`, which
 * come from the same `ROLES_WITH` table). Services start with `requireAccess(actor, permission,
 * record, ref)`; list queries take their filter from the `…Scope` methods, so a caller never
 * even loads what is not theirs.
 *
 * - platform admin: everything;
 * - regional coordinator: whatever sits in one of their regions, and decides on proposals there;
 * - company admin: their company, its staff, the proposals and placements of its staff, and the
 *   open demand of their region;
 * - school admin: their school, its requests, and the proposals and placements for them;
 * - hybrid teacher: their own profile, their own proposals and placements, open demand.
 *
 * A record outside the caller's scope answers 404 (its existence does not leak); one the caller
 * may see but not change answers 403.
 */
@Injectable()
export class AccessService {
  constructor(
    @InjectRepository(TeacherProfile) private readonly teachers: Repository<TeacherProfile>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  /** Throws NotFoundError (not theirs to see) or ForbiddenError (theirs to see, not to do this). */
  async requireAccess<P extends Permission>(
    actor: Actor,
    permission: P,
    record: SubjectOf[P] | null | undefined,
    ref: RecordRef,
  ): Promise<void> {
    if (!record) throw new NotFoundError(ref.what, ref.id);
    const subject: SubjectOf[Permission] = record;
    const see = await this.canSee(actor, permission, subject);
    if (!see) throw new NotFoundError(ref.what, ref.id);
    if (!ROLES_WITH[permission].includes(actor.role)) throw new ForbiddenError(refusal(permission, ref));
  }

  /** Whether the actor's role has the permission at all (what the route's `@Allow` checks). */
  allows(actor: Actor, permission: Permission): boolean {
    return ROLES_WITH[permission].includes(actor.role);
  }

  /** The party a caller answers a proposal for, from their role. */
  partyOf(actor: Actor): ProposalParty {
    switch (actor.role) {
      case UserRole.CompanyAdmin:
        return ProposalParty.Company;
      case UserRole.SchoolAdmin:
        return ProposalParty.School;
      case UserRole.HybridTeacher:
        return ProposalParty.Teacher;
      default:
        throw new ForbiddenError(refusal(Permission.ProposalAnswer, { what: 'Proposal', id: '' }));
    }
  }

  // ---- list scopes --------------------------------------------------------------------------------

  /** The filter a list of organisation-owned records must apply: all, some regions, or one organisation. */
  organisationScope(actor: Actor): OrganisationScope {
    switch (actor.role) {
      case UserRole.PlatformAdmin:
        return { kind: 'all' };
      case UserRole.RegionalCoordinator:
        return { kind: 'regions', regionIds: actor.regionIds };
      case UserRole.CompanyAdmin:
      case UserRole.SchoolAdmin:
      case UserRole.HybridTeacher:
        return actor.organisationId
          ? { kind: 'organisation', organisationId: actor.organisationId }
          : { kind: 'none' };
    }
  }

  /**
   * The one rule against account enumeration (issue 9, item 12): which accounts an actor may know
   * exist. The platform admin all; everyone else those of the organisations in their scope (an
   * admin's own organisation, a coordinator's regions). As a list filter: `accountScope`
   * (the repositories render it in SQL); for one account: `seesAccount`. To anyone else an address
   * with an account is an address without one: their invite to it is kept as a pending invite,
   * which they see in the account's place (`seesPendingInvite`), just as an invite of a new address.
   */
  accountScope(actor: Actor): OrganisationScope {
    return this.organisationScope(actor);
  }

  /** Whether the actor may know that this account exists (see `accountScope`). */
  seesAccount(actor: Actor, account: AccountOwner): boolean {
    if (this.accountScope(actor).kind === 'all') return true;
    return (
      account.organisationId !== null &&
      account.regionId !== null &&
      this.inScope(actor, { organisationId: account.organisationId, regionId: account.regionId })
    );
  }

  /**
   * Whether the actor sees a pending invite of `invite.organisationId` (to the address of `owner`'s
   * account, null if it has none any more): when the organisation is in their scope and they may
   * not see the account itself (see `accountScope`).
   */
  seesPendingInvite(actor: Actor, invite: OwnedByOrganisation, owner: AccountOwner | null): boolean {
    return this.inScope(actor, invite) && !(owner && this.seesAccount(actor, owner));
  }

  /** Teacher profiles: the company's staff, the region's, all, or a hybrid teacher's own. */
  teacherScope(actor: Actor): TeacherScope {
    return actor.role === UserRole.HybridTeacher
      ? { kind: 'self', userId: actor.userId }
      : this.organisationScope(actor);
  }

  /** Teaching requests: the organisation scope, or for companies and teachers their region's demand. */
  async teachingRequestScope(actor: Actor): Promise<TeachingRequestScope> {
    const scope = this.organisationScope(actor);
    if (scope.kind !== 'organisation' || !DEMAND_READERS.includes(actor.role)) return scope;
    const organisation = await this.organisations.findOneBy({ id: scope.organisationId });
    return organisation ? { kind: 'demand', regionId: organisation.regionId } : { kind: 'none' };
  }

  /**
   * Shortage signals: the regions whose signals the caller may read (a coordinator's regions, a
   * company admin's company region; undefined: every region, for the platform admin).
   */
  async shortageRegions(actor: Actor): Promise<string[] | undefined> {
    const scope = this.organisationScope(actor);
    if (scope.kind === 'all') return undefined;
    if (scope.kind === 'regions') return scope.regionIds;
    if (scope.kind !== 'organisation' || actor.role !== UserRole.CompanyAdmin) return [];
    const organisation = await this.organisations.findOneBy({ id: scope.organisationId });
    return organisation ? [organisation.regionId] : [];
  }

  /** Proposals and placements: filter on the parties' columns. */
  async partiesScope(actor: Actor): Promise<PartiesFilter> {
    if (actor.role === UserRole.HybridTeacher) {
      const teacherId = await this.ownTeacherId(actor);
      return teacherId ? { teacherId } : null;
    }
    const scope = this.organisationScope(actor);
    switch (scope.kind) {
      case 'all':
        return {};
      case 'regions':
        return { regionId: In(scope.regionIds) };
      case 'organisation':
        return actor.role === UserRole.SchoolAdmin
          ? { schoolId: scope.organisationId }
          : { companyId: scope.organisationId };
      case 'none':
        return null;
    }
  }

  /**
   * Proposals and placements: the parties scope together with the caller's own filters on the same
   * columns. A filter inside the scope narrows the list; one outside it (a coordinator's
   * `regionId` of another region, a teacher's `teacherId` of someone else) is refused with a 403
   * naming the filter, whether or not that record exists; it is never replaced by the scope.
   * `null`: the caller may see none.
   */
  async partiesFilter(
    actor: Actor,
    filters: Partial<Record<keyof PartiesOfRecord, string>>,
  ): Promise<PartiesFilter> {
    const scope = await this.partiesScope(actor);
    if (!scope) return null;
    const where: NonNullable<PartiesFilter> = { ...definedOnly(filters) };
    for (const [key, bound] of Object.entries(scope) as [
      keyof PartiesOfRecord,
      string | FindOperator<string>,
    ][]) {
      const wanted = filters[key];
      if (wanted === undefined) {
        where[key] = bound;
        continue;
      }
      const allowed = typeof bound === 'string' ? [bound] : (bound.value as unknown as string[]);
      if (!allowed.includes(wanted)) throw ForbiddenError.filter(key, OUTSIDE_SCOPE[key]);
    }
    return where;
  }

  /** Match runs: the regions whose runs the caller may list, narrowed by `regionId`; undefined: all. */
  regionScope(actor: Actor, regionId?: string): string[] | undefined {
    const scope = this.organisationScope(actor);
    if (scope.kind === 'all') return regionId ? [regionId] : undefined;
    const own = scope.kind === 'regions' ? scope.regionIds : [];
    return regionId ? own.filter((id) => id === regionId) : own;
  }

  // ---- the decisions ------------------------------------------------------------------------------

  private async canSee(
    actor: Actor,
    permission: Permission,
    subject: SubjectOf[Permission],
  ): Promise<boolean> {
    switch (permission) {
      case Permission.OrganisationRead:
      case Permission.OrganisationUpdate:
      case Permission.DayOffEdit:
      case Permission.TeachingRequestCreate:
      case Permission.TeachingRequestUpdate:
      case Permission.RateCardRead:
      case Permission.RateCardUpdate:
        return this.inScope(actor, subject as OwnedByOrganisation);
      case Permission.OrganisationCreate:
      case Permission.HolidayEdit:
      case Permission.RegionManage:
      case Permission.TeacherCreate:
      case Permission.ProgressRead:
      case Permission.RuleFlagRead:
      case Permission.UserRead:
      case Permission.UserManage:
      case Permission.NotificationFailuresRead:
      case Permission.NotificationResend:
      case Permission.QueueDashboard:
        return true;
      case Permission.TeacherRead:
      case Permission.TeacherUpdate:
      case Permission.TeacherVerify: {
        const teacher = subject as OwnedTeacher;
        return actor.role === UserRole.HybridTeacher
          ? teacher.userId === actor.userId
          : this.inScope(actor, teacher);
      }
      case Permission.TeachingRequestRead: {
        const request = subject as OwnedRequest;
        if (this.inScope(actor, request)) return true;
        const scope = await this.teachingRequestScope(actor);
        return (
          scope.kind === 'demand' &&
          scope.regionId === request.regionId &&
          isActiveRequestStatus(request.status)
        );
      }
      case Permission.ProposalRead:
      case Permission.ProposalAnswer:
      case Permission.PlacementRead:
      case Permission.VogVerifyAtSchool:
      case Permission.LessonRead:
      case Permission.LessonCancel:
      case Permission.LessonMove:
      case Permission.LessonReportSick:
      case Permission.LessonRecordOutcome:
      case Permission.LessonFeedback:
      case Permission.FeedbackRead:
        return this.seesParties(actor, subject as PartiesOfRecord);
      case Permission.CalendarFeedManage: {
        const owner = subject as CalendarFeedOwner;
        if (actor.role === UserRole.PlatformAdmin) return true;
        if ('teacher' in owner) return owner.teacher.userId === actor.userId;
        return actor.role === UserRole.SchoolAdmin && this.inScope(actor, owner.school);
      }
      case Permission.ProposalDecide: {
        // Coordinator decisions: only the region counts (a company or school admin gets the 403 below).
        const record = subject as PartiesOfRecord;
        if (!ROLES_WITH[permission].includes(actor.role)) return true;
        return this.inScope(actor, { organisationId: record.schoolId, regionId: record.regionId });
      }
      case Permission.MatchRunRead:
      case Permission.RegionCoordinate: {
        const scope = this.organisationScope(actor);
        const { regionId } = subject as { regionId: string };
        return scope.kind === 'all' || (scope.kind === 'regions' && scope.regionIds.includes(regionId));
      }
      case Permission.ShortageRead: {
        const { regionId } = subject as { regionId: string };
        const regions = await this.shortageRegions(actor);
        return regions === undefined || regions.includes(regionId);
      }
    }
  }

  private inScope(actor: Actor, record: OwnedByOrganisation): boolean {
    const scope = this.organisationScope(actor);
    switch (scope.kind) {
      case 'all':
        return true;
      case 'regions':
        return scope.regionIds.includes(record.regionId);
      case 'organisation':
        return scope.organisationId === record.organisationId;
      case 'none':
        return false;
    }
  }

  private async seesParties(actor: Actor, record: PartiesOfRecord): Promise<boolean> {
    switch (actor.role) {
      case UserRole.HybridTeacher:
        return (await this.ownTeacherId(actor)) === record.teacherId;
      case UserRole.SchoolAdmin:
        return this.inScope(actor, { organisationId: record.schoolId, regionId: record.regionId });
      default:
        return this.inScope(actor, { organisationId: record.companyId, regionId: record.regionId });
    }
  }

  private async ownTeacherId(actor: Actor): Promise<string | null> {
    const teacher = await this.teachers.findOne({ where: { userId: actor.userId }, select: { id: true } });
    return teacher?.id ?? null;
  }
}

/** The 403 detail: why this role may see the record but not do this. */
function refusal(permission: Permission, ref: RecordRef): string {
  const what = ref.what.toLowerCase();
  switch (permission) {
    case Permission.ProposalAnswer:
      return 'Only the company, the teacher and the school answer a proposal; the coordinator approves or rejects it.';
    case Permission.ProposalDecide:
      return `Only the regional coordinator decides on a ${what}.`;
    case Permission.VogVerifyAtSchool:
      return `Only the school of this ${what} verifies the teacher's VOG; the company records it on the profile.`;
    case Permission.LessonCancel:
      return "Only the school, the teacher's company or the coordinator cancels a lesson; a teacher reports sick instead.";
    case Permission.LessonMove:
      return 'Only the school or the coordinator moves a lesson.';
    case Permission.LessonReportSick:
      return 'Only the teacher, their company or the coordinator reports the teacher sick.';
    case Permission.LessonRecordOutcome:
      return 'Only the school or the coordinator records whether a lesson was given.';
    case Permission.LessonFeedback:
      return 'Only the teacher and the school leave feedback on a lesson.';
    case Permission.FeedbackRead:
      return "Only the placement's teacher and school and the regional coordinator read its feedback.";
    default:
      return `A hybrid teacher cannot change this ${what}.`;
  }
}

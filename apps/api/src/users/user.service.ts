import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, QueryFailedError, Repository } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { Organisation, PendingInvite, Region, TeacherProfile, User } from '@hybridmatch/database';
import { Clock, isSchoolKind, ORGANISATION_ROLES, OrganisationKind, UserRole } from '@hybridmatch/domain';
import {
  AccessService,
  Actor,
  AddressOwner,
  ConflictError,
  ErrorCode,
  ForbiddenError,
  INVITABLE_BY,
  NotFoundError,
  Page,
  pageWindow,
  PendingInviteRepository,
  Permission,
  UserRepository,
  ValidationError,
} from '@hybridmatch/core';
import { AccountMailService, INVITE_VALID_FOR_MS } from '../auth/account-mail.service';
import { SessionService } from '../auth/session.service';
import { SignInStates } from '../auth/sign-in-states';
import { InviteDto, InviteUserDto, ListUsersQueryDto, UserDto } from './user.dto';

/** Where an invited person will belong. */
interface Placement {
  organisationId: string | null;
  regionIds: string[];
}

export const toUserDto = (user: User): UserDto => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  organisationId: user.organisationId,
  regionIds: (user.regions ?? []).map((region) => region.id),
  invitePending: user.inviteExpiresAt !== null,
  inviteExpiresAt: user.inviteExpiresAt,
  active: user.deactivatedAt === null,
  deactivatedAt: user.deactivatedAt,
  lastLoginAt: user.lastLoginAt,
  createdAt: user.createdAt,
});

/** A pending invite to an address with an account elsewhere reads as any pending invite (see `PendingInvite`). */
export const pendingInviteDto = (invite: PendingInvite): UserDto => ({
  id: invite.id,
  email: invite.email,
  name: invite.name,
  role: invite.role,
  organisationId: invite.organisationId,
  regionIds: [],
  invitePending: true,
  inviteExpiresAt: invite.inviteExpiresAt,
  active: invite.deactivatedAt === null,
  deactivatedAt: invite.deactivatedAt,
  lastLoginAt: null,
  createdAt: invite.createdAt,
});

const toDto = (row: User | PendingInvite): UserDto =>
  row instanceof PendingInvite ? pendingInviteDto(row) : toUserDto(row);

/** What an admin manages: an account, or a pending invite to an address with an account elsewhere. */
type Managed = { account: User } | { invite: PendingInvite; owner: AddressOwner | null };

const emailTaken = (email: string) =>
  new ConflictError(ErrorCode.EmailTaken, `There is already a user with e-mail address ${email}.`);

@Injectable()
export class UserService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectRepository(TeacherProfile) private readonly teachers: Repository<TeacherProfile>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly mail: AccountMailService,
    private readonly sessions: SessionService,
    private readonly signInStates: SignInStates,
    private readonly userRows: UserRepository,
    private readonly pendingInvites: PendingInviteRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const empty = { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    const scope = this.access.accountScope(actor);
    if (scope.kind === 'none' || (scope.kind === 'regions' && scope.regionIds.length === 0)) return empty;
    const [rows, total] = await this.userRows.page(scope, query.role, pageWindow(query));
    return { items: rows.map(toDto), page: query.page, pageSize: query.pageSize, total };
  }

  /**
   * Creates the user with a single-use invite token (only its hash is stored) and e-mails the link
   * through the outbox, in one transaction. The link goes to the person, never to the inviter.
   *
   * An address that already has an account is not revealed (no account enumeration): unless the
   * caller may see that account anyway (`AccessService.seesAccount`: the platform admin, or an
   * account of their own organisation: 409 EMAIL_TAKEN), it is invited as a new address would be,
   * but as a pending invite (no account, no link); the account's owner is told by e-mail instead.
   */
  async invite(actor: Actor, body: InviteUserDto): Promise<InviteDto> {
    const placement =
      this.access.organisationScope(actor).kind === 'all'
        ? { organisationId: body.organisationId ?? null, regionIds: body.regionIds ?? [] }
        : this.ownOrganisation(actor, body);
    await this.assertPlacementFits(body.role, placement);
    if (body.teacherProfileId !== undefined)
      await this.assertTeacherProfileLinkable(actor, body.role, placement, body.teacherProfileId);
    const email = body.email.trim().toLowerCase();
    const existing = await this.pendingInvites.addressOwner(email);
    if (existing) return this.addressInUse(actor, existing, placement, body, email);

    const created = await this.dataSource
      .transaction(async (manager) => {
        const user = await manager.save(
          User,
          manager.create(User, {
            email,
            name: body.name.trim(),
            role: body.role,
            organisationId: placement.organisationId,
            regions: placement.regionIds.map((id) => ({ id }) as Region),
            passwordHash: null,
          }),
        );
        const expiresAt = await this.mail.issueInvites(manager, [user]);
        if (body.teacherProfileId) {
          // Conditional, so two invites cannot both claim the same profile.
          const linked = await manager.update(
            TeacherProfile,
            { id: body.teacherProfileId, userId: IsNull() },
            { userId: user.id },
          );
          if (!linked.affected)
            throw new ConflictError(ErrorCode.TeacherHasLogin, 'This teacher profile already has a login.');
        }
        return { email, expiresAt };
      })
      .catch(async (error: unknown) => {
        // Invited at the same moment by someone else: the address now has an account.
        const taken = isUniqueViolation(error) && (await this.pendingInvites.addressOwner(email));
        if (taken) return this.addressInUse(actor, taken, placement, body, email);
        throw error;
      });
    return created;
  }

  /**
   * The invite answer for an address that already has an account (see `invite`): a pending invite
   * of the inviting organisation, answered as a new invite is, the owner told instead of a link.
   */
  private async addressInUse(
    actor: Actor,
    owner: AddressOwner,
    placement: Placement,
    body: InviteUserDto,
    email: string,
  ): Promise<InviteDto> {
    const organisationId = placement.organisationId;
    if (this.access.seesAccount(actor, owner) || organisationId === null) throw emailTaken(email);
    const expiresAt = new Date(this.clock.now().getTime() + INVITE_VALID_FOR_MS);
    await this.dataSource.transaction(async (manager) => {
      const invite = await this.pendingInvites.create(manager, {
        organisationId,
        email,
        name: body.name.trim(),
        role: body.role,
        teacherProfileId: body.teacherProfileId ?? null,
        inviteExpiresAt: expiresAt,
      });
      // Invited before (or at the same moment): as for an address with a pending account.
      if (!invite) throw emailTaken(email);
      // The profile changes as when a login is linked to it (its version moves).
      if (invite.teacherProfileId)
        await manager.update(TeacherProfile, invite.teacherProfileId, { updatedAt: this.clock.now() });
      await this.mail.tellAddressInUse(manager, [owner], organisationId);
    });
    return { email, expiresAt };
  }

  /**
   * E-mails the pending invite's link again (same link, same expiry). A pending invite to an address
   * with an account elsewhere tells the owner again instead (at most once a day, as the first time).
   */
  async resendInvite(actor: Actor, id: string): Promise<UserDto> {
    const managed = await this.manageable(actor, id);
    const expiresAt = 'invite' in managed ? managed.invite.inviteExpiresAt : managed.account.inviteExpiresAt;
    if (!expiresAt)
      throw new ConflictError(
        ErrorCode.InviteNotPending,
        'This person has already chosen a password; there is no invite to resend.',
      );
    if (expiresAt <= this.clock.now())
      throw new ConflictError(
        ErrorCode.InviteExpired,
        'This invite has expired; reissue it (POST …/invite/reissue) to send a new link.',
      );
    if ('invite' in managed) {
      await this.dataSource.transaction((manager) => this.tellOwner(manager, managed));
      return pendingInviteDto(managed.invite);
    }
    const user = managed.account;
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.mail.resendInvite(manager, user.id))) await this.mail.issueInvites(manager, [user]);
    });
    return this.load(id);
  }

  /** A new invite link (valid 7 days) by e-mail; the previous link stops working. */
  async reissueInvite(actor: Actor, id: string): Promise<UserDto> {
    const managed = await this.manageable(actor, id);
    if ('invite' in managed)
      return this.dataSource.transaction(async (manager) => {
        const inviteExpiresAt = new Date(this.clock.now().getTime() + INVITE_VALID_FOR_MS);
        const invite = await this.pendingInvites.update(manager, id, { inviteExpiresAt });
        await this.tellOwner(manager, managed);
        return pendingInviteDto(invite);
      });
    const user = managed.account;
    const withPassword = await this.users.findOne({
      where: { id },
      select: { id: true, passwordHash: true },
    });
    if (withPassword?.passwordHash)
      throw new ConflictError(
        ErrorCode.InviteNotPending,
        'This person has already chosen a password; they can ask for a password reset instead.',
      );
    await this.dataSource.transaction((manager) => this.mail.issueInvites(manager, [user]));
    return this.load(id);
  }

  /** Deactivates an account: no login or refresh, and its access tokens are refused at once. */
  async deactivate(actor: Actor, id: string): Promise<UserDto> {
    if (id === actor.userId)
      throw new ConflictError(
        ErrorCode.OwnAccount,
        'You cannot deactivate your own account; ask another administrator.',
      );
    const managed = await this.manageable(actor, id);
    if ('invite' in managed) {
      const { invite } = managed;
      return pendingInviteDto(
        invite.deactivatedAt
          ? invite
          : await this.pendingInvites.update(this.dataSource.manager, id, {
              deactivatedAt: this.clock.now(),
            }),
      );
    }
    if (!managed.account.deactivatedAt)
      await this.dataSource.transaction(async (manager) => {
        await manager.update(User, id, { deactivatedAt: this.clock.now() });
        await this.sessions.endAll(manager, id);
      });
    return this.load(id);
  }

  /** Lets a deactivated person sign in again (with their password; no old sign-in comes back). */
  async reactivate(actor: Actor, id: string): Promise<UserDto> {
    const managed = await this.manageable(actor, id);
    if ('invite' in managed)
      return pendingInviteDto(
        await this.pendingInvites.update(this.dataSource.manager, id, { deactivatedAt: null }),
      );
    this.signInStates.forget(id);
    await this.users.update(id, { deactivatedAt: null });
    return this.load(id);
  }

  /** Tells the owner of a pending invite's address again that the organisation invited them. */
  private async tellOwner(
    manager: EntityManager,
    managed: { invite: PendingInvite; owner: AddressOwner | null },
  ): Promise<void> {
    if (managed.owner)
      await this.mail.tellAddressInUse(manager, [managed.owner], managed.invite.organisationId);
  }

  private async load(id: string): Promise<UserDto> {
    return toUserDto(await this.users.findOneOrFail({ where: { id }, relations: { regions: true } }));
  }

  /**
   * The account an admin may manage: the platform admin any; company and school admins the
   * roles they may invite, in their own organisation. Others' accounts answer 404; accounts they
   * see but may not manage (a coordinator's view) answer 403. A pending invite to an address with
   * an account elsewhere is decided alike, for whoever sees it (`AccessService.seesPendingInvite`).
   */
  private async manageable(actor: Actor, id: string): Promise<Managed> {
    const user = await this.users.findOne({
      where: { id },
      relations: { regions: true, organisation: true },
    });
    if (!user) return this.manageableInvite(actor, id);
    const owner = user.organisation
      ? { organisationId: user.organisation.id, regionId: user.organisation.regionId }
      : null;
    if (this.access.organisationScope(actor).kind === 'all') return { account: user };
    // Whose organisation the caller may see is the access service's decision (else 404) …
    await this.access.requireAccess(actor, Permission.OrganisationRead, owner, { what: 'User', id });
    // … and which accounts an admin manages is the invite rule's (else 403).
    this.assertManages(actor, user);
    return { account: user };
  }

  private async manageableInvite(actor: Actor, id: string): Promise<Managed> {
    const found = await this.pendingInvites.findWithOwner(id);
    const invite = found?.invite;
    const organisation = invite && { organisationId: invite.organisationId, regionId: found.regionId };
    if (!invite || !organisation || !this.access.seesPendingInvite(actor, organisation, found.owner))
      throw new NotFoundError('User', id);
    await this.access.requireAccess(actor, Permission.OrganisationRead, organisation, { what: 'User', id });
    this.assertManages(actor, invite);
    return { invite, owner: found.owner };
  }

  private assertManages(actor: Actor, account: Pick<User, 'role' | 'organisationId'>): void {
    if (!INVITABLE_BY[actor.role]?.includes(account.role) || actor.organisationId !== account.organisationId)
      throw new ForbiddenError(`As ${actor.role} you may not manage this ${account.role} account.`);
  }

  /** Company and school admins invite into their own organisation only, and only the roles they may grant. */
  private ownOrganisation(actor: Actor, body: InviteUserDto): Placement {
    const invitable = INVITABLE_BY[actor.role];
    if (!invitable || !actor.organisationId) throw new ForbiddenError('Your role may not invite people.');
    if (!invitable.includes(body.role)) {
      throw new ForbiddenError(
        `As ${actor.role} you may invite ${invitable.join(' or ')} only, not ${body.role}.`,
      );
    }
    if (body.organisationId !== undefined && body.organisationId !== actor.organisationId) {
      throw new ForbiddenError('You may invite people into your own organisation only.');
    }
    return { organisationId: actor.organisationId, regionIds: body.regionIds ?? [] };
  }

  /** Each role belongs somewhere specific: coordinators to regions, admins and teachers to an organisation of the right kind. */
  private async assertPlacementFits(role: UserRole, placement: Placement): Promise<void> {
    const belongsToOrganisation = ORGANISATION_ROLES.includes(role);
    if (!belongsToOrganisation && placement.organisationId) {
      throw ValidationError.field(
        'organisationId',
        `leave this out: a ${role} belongs to no organisation`,
        'noOrganisationForRole',
      );
    }
    if (role !== UserRole.RegionalCoordinator && placement.regionIds.length) {
      throw ValidationError.field(
        'regionIds',
        'leave this out: only regional coordinators have regions',
        'regionsOnlyForCoordinators',
      );
    }
    if (role === UserRole.RegionalCoordinator) {
      if (!placement.regionIds.length)
        throw ValidationError.field(
          'regionIds',
          'a regional coordinator needs at least one region',
          'coordinatorNeedsRegion',
        );
      const known = await this.regions.findBy({ id: In(placement.regionIds) });
      const unknown = placement.regionIds.filter((id) => !known.some((region) => region.id === id));
      if (unknown.length)
        throw ValidationError.field('regionIds', `unknown region(s): ${unknown.join(', ')}`, 'unknownRegion');
    }
    if (belongsToOrganisation) {
      if (!placement.organisationId)
        throw ValidationError.field(
          'organisationId',
          `is required: a ${role} belongs to an organisation`,
          'organisationRequired',
        );
      const organisation = await this.organisations.findOneBy({ id: placement.organisationId });
      const wantsSchool = role === UserRole.SchoolAdmin;
      const fits =
        organisation &&
        (wantsSchool ? isSchoolKind(organisation.kind) : organisation.kind === OrganisationKind.Company);
      if (!fits) {
        throw ValidationError.field(
          'organisationId',
          wantsSchool ? 'must be a school or Hybride Techniekcentrum' : `must be a company for a ${role}`,
          wantsSchool ? 'notASchool' : 'notACompany',
        );
      }
    }
  }

  private async assertTeacherProfileLinkable(
    actor: Actor,
    role: UserRole,
    placement: Placement,
    teacherProfileId: string,
  ): Promise<void> {
    if (role !== UserRole.HybridTeacher || !placement.organisationId) {
      throw ValidationError.field(
        'teacherProfileId',
        'only a hybrid teacher invite can be linked to a teacher profile',
        'profileOnlyForTeacher',
      );
    }
    const profile = await this.teachers.findOneBy({
      id: teacherProfileId,
      companyId: placement.organisationId,
    });
    if (!profile)
      throw ValidationError.field(
        'teacherProfileId',
        'must be a teacher profile of the same company',
        'profileOfOtherCompany',
      );
    // A pending invite the caller sees for it stands for a login (see `PendingInvite`).
    const invited = await this.pendingInvites.visibleForProfiles(this.access.accountScope(actor), [
      profile.id,
    ]);
    if (profile.userId || invited.size > 0)
      throw new ConflictError(ErrorCode.TeacherHasLogin, 'This teacher profile already has a login.');
  }
}

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === '23505';

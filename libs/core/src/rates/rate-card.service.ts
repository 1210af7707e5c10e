import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { Organisation, Proposal, RateCardEntry } from '@hybridmatch/database';
import {
  AppliedRate,
  Clock,
  ProposalCost,
  costCents,
  euros,
  eurosNl,
  implausibleRate,
  OrganisationKind,
  planLessons,
  rateAdjustmentProblem,
  rateOn,
  TeachingRole,
  today,
} from '@hybridmatch/domain';
import { CalendarRepository } from '@hybridmatch/schedules';
import { Actor } from '../access/actor';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { ConflictError, fieldError, NotFoundError, ValidationError } from '../errors/domain-error';
import { ErrorCode, FieldError } from '../errors/error-code';
import { RateCardRepository } from '../repositories/rate-card.repository';

/** A new line of a rate card: for one staff member (`teacherId`) or a teaching role, never both. */
export interface NewRateCardEntry {
  teacherId?: string;
  role?: TeachingRole;
  hourlyRateCents: number;
  validFrom: string;
  validUntil?: string | null;
}

export interface RateCardEntryView {
  id: string;
  companyId: string;
  teacherId: string | null;
  role: TeachingRole | null;
  hourlyRateCents: number;
  validFrom: string;
  validUntil: string | null;
  createdAt: Date;
}

/** The rate a coordinator agrees at approval, and the note for the audit trail when it departs from the card. */
export interface AgreedRate {
  hourlyRateCents: number;
  auditNote: string | null;
}

const toView = (entry: RateCardEntry): RateCardEntryView => ({
  id: entry.id,
  companyId: entry.companyId,
  teacherId: entry.teacherId,
  role: entry.role,
  hourlyRateCents: entry.hourlyRateCents,
  validFrom: entry.validFrom,
  validUntil: entry.validUntil,
  createdAt: entry.createdAt,
});

/**
 * Companies' rate cards and what proposals cost (docs/COSTS.md). A company admin keeps their own
 * card; coordinators read the cards of their regions' companies. A proposal's rate comes from the
 * card; its total counts the real lessons of the period (holidays and closed days excluded).
 */
@Injectable()
export class RateCardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly cards: RateCardRepository,
    private readonly calendar: CalendarRepository,
  ) {}

  async list(actor: Actor, companyId: string): Promise<RateCardEntryView[]> {
    await this.requireCompany(actor, Permission.RateCardRead, companyId);
    return (await this.cards.entriesOf(this.dataSource.manager, companyId)).map(toView);
  }

  async add(actor: Actor, companyId: string, input: NewRateCardEntry): Promise<RateCardEntryView> {
    await this.requireCompany(actor, Permission.RateCardUpdate, companyId);
    const problems: FieldError[] = [];
    if ((input.teacherId === undefined) === (input.role === undefined))
      problems.push({
        field: 'teacherId',
        reason: 'give either teacherId (one staff member) or role, not both',
        code: 'teacherOrRole',
      });
    const implausible = implausibleRate(input.hourlyRateCents);
    if (implausible) problems.push(fieldError('hourlyRateCents', implausible, 'isPlausibleRate'));
    if (input.validUntil && input.validUntil < input.validFrom)
      problems.push({ field: 'validUntil', reason: 'must not be before validFrom', code: 'endBeforeStart' });
    if (input.teacherId && !(await this.cards.isStaffOf(this.dataSource.manager, input.teacherId, companyId)))
      problems.push({
        field: 'teacherId',
        reason: 'is not a staff member of this company',
        code: 'notStaffOfCompany',
      });
    if (problems.length) throw new ValidationError(problems);
    const saved = await this.dataSource.manager.save(RateCardEntry, {
      companyId,
      teacherId: input.teacherId ?? null,
      role: input.role ?? null,
      hourlyRateCents: input.hourlyRateCents,
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      createdByUserId: actor.userId,
    });
    return toView(saved);
  }

  async remove(actor: Actor, companyId: string, entryId: string): Promise<void> {
    await this.requireCompany(actor, Permission.RateCardUpdate, companyId);
    const removed = await this.dataSource.manager.delete(RateCardEntry, { id: entryId, companyId });
    if (!removed.affected) throw new NotFoundError('Rate card entry', entryId);
  }

  /**
   * The cost of a proposal as the parties see it before deciding: the card's rate over the lessons
   * from the first possible day to the request's end. Once placed (`agreed`), the agreed rate over
   * the placement's own dates.
   */
  async costOf(
    manager: EntityManager,
    proposal: Proposal,
    agreed?: { hourlyRateCents: number; startDate: string; endDate: string },
  ): Promise<ProposalCost> {
    const facts = await this.cards.proposalFacts(manager, proposal.id);
    const from = agreed?.startDate ?? this.firstDay(facts.periodStart);
    const until = agreed?.endDate ?? facts.periodEnd;
    const rate: AppliedRate | null = agreed
      ? { hourlyRateCents: agreed.hourlyRateCents, source: 'agreed' }
      : await this.cardRate(manager, proposal, facts.role, from);
    const { lessons, skipped } = planLessons({
      startDate: from,
      endDate: until,
      blocks: facts.blocks,
      daysOff: await this.calendar.daysOff(manager, proposal.schoolId, from, until),
    });
    const minutes = lessons.reduce(
      (sum, lesson) => sum + (lesson.endsAt.getTime() - lesson.startsAt.getTime()) / 60_000,
      0,
    );
    return {
      rate,
      from,
      until,
      lessons: lessons.length,
      skippedLessons: skipped.length,
      hours: Math.round((minutes / 60) * 100) / 100,
      totalCents: rate ? costCents(rate.hourlyRateCents, minutes) : null,
    };
  }

  /**
   * The rate agreed at approval: the card's rate when the coordinator gives none; otherwise the
   * given rate, which must be plausible and within `MAX_RATE_ADJUSTMENT` of the card's, with a
   * reason when it departs from it (kept in the audit trail).
   */
  async agreedRate(
    proposal: Proposal,
    given: number | undefined,
    reason: string | undefined,
  ): Promise<AgreedRate> {
    const manager = this.dataSource.manager;
    const { role, periodStart } = await this.cards.proposalFacts(manager, proposal.id);
    const rate = await this.cardRate(manager, proposal, role, this.firstDay(periodStart));
    const card = rate?.hourlyRateCents ?? null;
    if (given === undefined) {
      if (card === null)
        throw ValidationError.field(
          'hourlyRateCents',
          "is required: the company's rate card has no rate for this teacher and role",
          'rateRequiredWithoutCard',
        );
      return { hourlyRateCents: card, auditNote: null };
    }
    const implausible = implausibleRate(given);
    if (implausible) throw ValidationError.field('hourlyRateCents', implausible, 'isPlausibleRate');
    if (card === null || given === card) return { hourlyRateCents: given, auditNote: null };
    const problem = rateAdjustmentProblem(card, given);
    if (problem)
      throw new ConflictError(
        ErrorCode.RateOutsideCard,
        `The hourly rate ${problem.en}.`,
        `Het uurtarief ${problem.nl}.`,
      );
    if (!reason?.trim())
      throw ValidationError.field(
        'rateReason',
        {
          en: `is required when the rate departs from the rate card's ${euros(card)}`,
          nl: `is verplicht als het tarief afwijkt van ${eurosNl(card)} op de tariefkaart`,
        },
        'rateReasonRequired',
      );
    return {
      hourlyRateCents: given,
      auditNote: `Rate ${euros(given)} instead of the rate card's ${euros(card)}: ${reason.trim()}`,
    };
  }

  /** The first day a placement could start: the request's start, or today if that is later. */
  private firstDay(periodStart: string): string {
    const now = today(this.clock);
    return periodStart > now ? periodStart : now;
  }

  /** The company's card rate for the proposal's teacher in this role on `date`. */
  private async cardRate(
    manager: EntityManager,
    proposal: Proposal,
    role: TeachingRole,
    date: string,
  ): Promise<AppliedRate | null> {
    return rateOn(await this.cards.entriesOf(manager, proposal.companyId), proposal.teacherId, role, date);
  }

  private async requireCompany(
    actor: Actor,
    permission: Permission.RateCardRead | Permission.RateCardUpdate,
    id: string,
  ) {
    const company = await this.dataSource.manager.findOneBy(Organisation, {
      id,
      kind: OrganisationKind.Company,
    });
    await this.access.requireAccess(
      actor,
      permission,
      company ? { organisationId: company.id, regionId: company.regionId } : null,
      { what: 'Company', id },
    );
  }
}

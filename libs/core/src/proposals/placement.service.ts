import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '@hybridmatch/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import {
  LessonBlock,
  Placement,
  PlacementSlot,
  PlacementStatus,
  Proposal,
  TeachingRequest,
} from '@hybridmatch/database';
import { Clock, clockTime, costCents, formatClockTime, TeachingRequestStatus } from '@hybridmatch/domain';
import { Actor } from '../access/actor';
import { AccessService, partiesListFilter } from '../access/access.service';
import { PlacementColumns, PlacementRepository } from '../repositories/placement.repository';
import { ValidationError, ConflictError, RulesBrokenError } from '../errors/domain-error';
import { ProposalCheck, RuleCheckService } from '../rules/rule-check.service';
import { LessonService } from '../lessons/lesson.service';
import { ErrorCode, FieldError } from '../errors/error-code';
import { pageWindow } from '../pagination';
import { COUNTERPART_FIELDS, placementSeenBy, viewerOf } from './counterpart-view';
import { ListPlacementsQuery, PlacementPage, PlacementTerms, PlacementView } from './proposal.types';

/** PostgreSQL: an exclusion constraint refused the row. */
const EXCLUSION_VIOLATION = '23P01';
const RANGE = /^\[(\d+),(\d+)\)$/;

/** Clock hours of `minutes`, to two decimals. */
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export function toPlacementView(placement: PlacementColumns): PlacementView {
  return {
    id: placement.id,
    proposalId: placement.proposalId,
    teacherId: placement.teacherId,
    requestId: placement.requestId,
    schoolId: placement.schoolId,
    companyId: placement.companyId,
    regionId: placement.regionId,
    blockIds: placement.blockIds,
    minutesPerWeek: placement.minutesPerWeek,
    hourlyRateCents: placement.hourlyRateCents,
    startDate: placement.startDate,
    endDate: placement.endDate,
    supervisorName: placement.supervisorName,
    supervisorEmail: placement.supervisorEmail,
    status: placement.status,
    approvedByUserId: placement.approvedByUserId,
    approvedAt: placement.approvedAt,
    cancelledAt: placement.cancelledAt,
    cancelledReason: placement.cancelledReason,
    slots: (placement.slots ?? [])
      .map((slot) => {
        const [, start, end] = RANGE.exec(slot.minutes) ?? [];
        return {
          lessonBlockId: slot.lessonBlockId,
          weekday: slot.weekday,
          startTime: formatClockTime(clockTime(Number(start))),
          endTime: formatClockTime(clockTime(Number(end))),
          active: slot.active,
        };
      })
      .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime)),
  };
}

/**
 * Placements: made when a coordinator approves a proposal, inside the approval's transaction.
 *
 * Two guarantees hold however many approvals race:
 * - no overlap in time: every slot is a (teacher, weekday, minutes, dates) row under an exclusion
 *   constraint; a violation (23P01) becomes a 409;
 * - released hours and days: approvals for one teacher are serialised by locking the teacher's
 *   profile row, and then the committed minutes and weekdays in the overlapping period are
 *   counted against `releasedHoursPerWeek` and `releasedDaysPerWeek`.
 */
@Injectable()
export class PlacementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly queries: PlacementRepository,
    private readonly rules: RuleCheckService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly lessons: LessonService,
  ) {}

  /**
   * A page of the placements the caller may see (their scope and filters), each with its names
   * and cost, in one statement; with `cost`, what all of them (every page) cost together, for
   * every viewer who may see costs (not the teacher).
   */
  async list(actor: Actor, query: ListPlacementsQuery): Promise<PlacementPage> {
    const { status, requestId, teacherId, regionId } = query;
    const parties = await this.access.partiesFilter(actor, { teacherId, regionId });
    if (!parties) return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    const filter = Object.fromEntries(
      Object.entries({ status, requestId }).filter(([, value]) => value !== undefined),
    );
    const viewer = viewerOf(actor.role);
    const { rows, total, sums } = await this.queries.page(
      this.dataSource.manager,
      [filter, partiesListFilter(parties)],
      query.matchRunId,
      pageWindow(query),
      COUNTERPART_FIELDS.cost[viewer] !== 'never',
    );
    const items = rows.map((row): PlacementView => {
      const placement: PlacementView = {
        ...toPlacementView(row),
        names: row.names,
        cost: {
          lessons: row.lessons,
          hours: hoursOf(row.minutes),
          totalCents: costCents(row.hourlyRateCents, row.minutes),
        },
      };
      return placementSeenBy(placement, viewer);
    });
    return {
      items,
      page: query.page,
      pageSize: query.pageSize,
      total,
      ...(sums && { cost: { lessons: sums.lessons, hours: hoursOf(sums.minutes), totalCents: sums.cents } }),
    };
  }

  /**
   * Makes the placement and its slots for an approved proposal; the caller's transaction holds the
   * proposal lock. The one place placements are made. Time is real: the placement runs from the
   * latest of the request's start, the teacher's availability start and the first lesson day after
   * today, to the earlier of both ends (the terms may shorten it, never backdate it), and the rule
   * book checks it on every one of its dates against the teacher's profile as it is now.
   */
  async createForApproval(
    manager: EntityManager,
    proposal: Proposal,
    terms: PlacementTerms,
    actor: Actor,
  ): Promise<Placement> {
    const blocks = await manager.findBy(LessonBlock, {
      id: In(proposal.blockIds),
      requestId: proposal.requestId,
    });
    if (blocks.length !== proposal.blockIds.length) {
      throw new ConflictError(
        ErrorCode.ProposalBlocksGone,
        'Some lesson blocks of this proposal no longer exist in the request; it can no longer be approved. Reject the proposal and match again.',
        'Lesblokken van dit voorstel bestaan niet meer in de aanvraag; het kan niet meer worden goedgekeurd. Wijs het voorstel af en laat opnieuw matchen.',
      );
    }
    // Serialises the teacher's approvals: the other placements read below cannot change meanwhile.
    const teacher = await this.queries.lockTeacherRelease(manager, proposal.teacherId);
    if (!teacher.active)
      throw new ConflictError(
        ErrorCode.TeacherNotOffered,
        `${teacher.name} is no longer offered by their company; this proposal cannot be approved. Reject it.`,
        `${teacher.name} wordt niet meer aangeboden door het bedrijf; dit voorstel kan niet worden goedgekeurd. Wijs het af.`,
      );
    const check = await this.rules.checkProposal(manager, proposal, {
      start: terms.startDate,
      end: terms.endDate,
    });
    assertRealDates(check, terms);
    if (check.violations.length > 0) throw new RulesBrokenError(check.violations);
    await this.rules.passed(manager, proposal.id);
    const { start: startDate, end: endDate } = check;

    const placement = await manager.save(
      manager.create(Placement, {
        proposalId: proposal.id,
        teacherId: proposal.teacherId,
        requestId: proposal.requestId,
        schoolId: proposal.schoolId,
        companyId: proposal.companyId,
        regionId: proposal.regionId,
        blockIds: proposal.blockIds,
        minutesPerWeek: proposal.minutesPerWeek,
        hourlyRateCents: terms.hourlyRateCents,
        startDate,
        endDate,
        supervisorName: terms.supervisorName,
        supervisorEmail: terms.supervisorEmail.toLowerCase(),
        status: PlacementStatus.Active,
        approvedByUserId: actor.userId,
        approvedAt: this.clock.now(),
        cancelledAt: null,
        cancelledReason: null,
      }),
    );
    const slots = blocks.map((block) =>
      manager.create(PlacementSlot, {
        placementId: placement.id,
        lessonBlockId: block.id,
        teacherId: proposal.teacherId,
        weekday: block.weekday,
        minutes: `[${block.startTime},${block.endTime})`,
        dates: `[${startDate},${endDate}]`,
        active: true,
      }),
    );
    try {
      placement.slots = await manager.save(slots);
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === EXCLUSION_VIOLATION
      ) {
        throw new ConflictError(
          ErrorCode.PlacementOverlap,
          'This placement overlaps an approved placement of this teacher (same weekday and time in an overlapping period); it cannot be approved. Reject the proposal.',
          'Deze plaatsing overlapt met een goedgekeurde plaatsing van deze docent (zelfde weekdag en tijd in een overlappende periode); ze kan niet worden goedgekeurd. Wijs het voorstel af.',
        );
      }
      throw error;
    }
    await this.refreshRequestStatus(manager, proposal.requestId);
    await this.lessons.generateForPlacement(placement.id, manager);
    return placement;
  }

  /** Cancels the proposal's placement and frees its slots (the time becomes available again); the caller refreshes the request. */
  async cancelForProposal(manager: EntityManager, proposalId: string, reason: string): Promise<void> {
    const placement = await manager.findOneByOrFail(Placement, { proposalId });
    await manager.update(
      Placement,
      { id: placement.id },
      { status: PlacementStatus.Cancelled, cancelledAt: this.clock.now(), cancelledReason: reason },
    );
    await manager.update(PlacementSlot, { placementId: placement.id }, { active: false });
    await this.lessons.generateForPlacement(placement.id, manager);
  }

  /**
   * Derives the request's status from its active placements: open (none), partially filled (some
   * blocks covered) or filled (every block). Closed and cancelled requests are left alone.
   */
  async refreshRequestStatus(manager: EntityManager, requestId: string): Promise<void> {
    const row = await this.queries.lockRequestCoverage(manager, requestId);
    if (!row || row.status === TeachingRequestStatus.Closed || row.status === TeachingRequestStatus.Cancelled)
      return;
    const next =
      row.covered === 0
        ? TeachingRequestStatus.Open
        : row.covered >= row.blocks
          ? TeachingRequestStatus.Filled
          : TeachingRequestStatus.PartiallyFilled;
    if (next !== row.status) await manager.update(TeachingRequest, { id: requestId }, { status: next });
  }
}

/**
 * The dates the approver chose: never before the earliest start (no backdating), never after the
 * latest end. Without dates, a placement with nothing left (earliest start after the latest end)
 * is the rule book's PERIOD.
 */
function assertRealDates(check: ProposalCheck, terms: PlacementTerms): void {
  const errors: FieldError[] = [];
  if (terms.startDate !== undefined && check.start < check.earliestStart)
    errors.push({
      field: 'startDate',
      reason: `must be on or after ${check.earliestStart}: a placement starts at the latest of the request's start, the teacher's availability and the first lesson day after today`,
      code: 'beforeEarliestStart',
    });
  if (terms.endDate !== undefined && check.end > check.latestEnd)
    errors.push({
      field: 'endDate',
      reason: `must be on or before ${check.latestEnd} (the request's and the teacher's ends)`,
      code: 'afterLatestEnd',
    });
  if ((terms.startDate !== undefined || terms.endDate !== undefined) && check.end < check.start)
    errors.push({ field: 'endDate', reason: 'must be on or after startDate', code: 'endBeforeStart' });
  if (errors.length) throw new ValidationError(errors);
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import {
  FeedbackParty,
  Lesson,
  LessonFeedback,
  NotificationKind,
  Placement,
  PlacementStatus,
  SupervisorCheckIn,
} from '@hybridmatch/database';
import { CalendarRepository } from '@hybridmatch/schedules';
import {
  addDays,
  amsterdamInstant,
  Clock,
  clockTime,
  DayOff,
  isLateCancellation,
  LessonCancellationKind,
  LessonDecision,
  LessonStatus,
  mayCancel,
  mayGiveFeedback,
  mayMove,
  mayRecordOutcome,
  parseClockTime,
  planLessons,
  supervisorCheckInDates,
  today,
  UserRole,
} from '@hybridmatch/domain';
import { Actor } from '../access/actor';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import {
  ConflictError,
  InvalidStateTransitionError,
  NotFoundError,
  ValidationError,
} from '../errors/domain-error';
import { ErrorCode, FieldError } from '../errors/error-code';
import { Page, pageWindow } from '../pagination';
import {
  LessonAudience,
  LessonFacts,
  LessonRepository,
  PlacementForLessons,
} from '../repositories/lesson.repository';
import { NotificationRepository } from '../repositories/notification.repository';
import { AfterCommit } from './after-commit';
import { composeLessonMessage, LessonMessageFacts } from './lesson-messages';
import {
  CancelLesson,
  CheckInView,
  CompleteCheckIn,
  EndPlacement,
  FeedbackView,
  GiveFeedback,
  LessonView,
  ListLessonsQuery,
  MoveLesson,
  RecordOutcome,
  ReminderSettingView,
  ReportSick,
} from './lesson.types';
import { ReminderService } from './reminder.service';

/** PostgreSQL: an exclusion constraint refused the row; a unique constraint did. */
const EXCLUSION_VIOLATION = '23P01';
const UNIQUE_VIOLATION = '23505';

const codeOf = (error: unknown) =>
  error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;

const overlap = () =>
  new ConflictError(
    ErrorCode.LessonOverlap,
    'The teacher already has another lesson at that time; choose another time or ask the coordinator.',
    'De docent heeft op dat moment al een andere les; kies een andere tijd of vraag het de coördinator.',
  );

/** A lesson row as the API shows it, with the names and address of its facts (one read for many lessons). */
export function toLessonView(lesson: Lesson, facts: LessonFacts): LessonView {
  return {
    id: lesson.id,
    placementId: lesson.placementId,
    lessonBlockId: lesson.lessonBlockId,
    teacherId: lesson.teacherId,
    schoolId: lesson.schoolId,
    companyId: lesson.companyId,
    regionId: lesson.regionId,
    date: lesson.date,
    startsAt: lesson.startsAt,
    endsAt: lesson.endsAt,
    status: lesson.status,
    sequence: lesson.sequence,
    cancellationKind: lesson.cancellationKind,
    cancellationReason: lesson.cancellationReason,
    cancelledAt: lesson.cancelledAt,
    lateCancellation: lesson.lateCancellation,
    outcomeRecordedAt: lesson.outcomeRecordedAt,
    names: {
      teacherName: facts.teacherName,
      companyName: facts.companyName,
      schoolName: facts.schoolName,
      requestTitle: facts.requestTitle,
    },
    address: facts.address,
  };
}

/**
 * Lessons: generated from a placement (each weekly block on every date of its period, in
 * Europe/Amsterdam, skipping the school's days off), then cancelled, moved, reported sick and
 * marked given or not given. Every change bumps the lesson's `sequence` (the calendar feed's
 * SEQUENCE and the reminder job ids), writes the notifications in the same transaction (outbox),
 * and after commit brings the lesson's reminder jobs in line.
 */
@Injectable()
export class LessonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly lessons: LessonRepository,
    private readonly calendar: CalendarRepository,
    private readonly notifications: NotificationRepository,
    private readonly reminders: ReminderService,
    private readonly afterCommit: AfterCommit,
  ) {}

  // ---- following placements -----------------------------------------------------------------------

  /**
   * Makes (or brings in line) the lessons and supervisor check-ins of a placement, in the caller's
   * transaction: the approval calls this once it has made the placement. Lessons already past are
   * left alone; future ones outside the placement's period (or of a cancelled placement) are
   * cancelled, missing ones in it are made. Returns how many lessons were made or revived.
   */
  async generateForPlacement(placementId: string, manager: EntityManager): Promise<number> {
    const { placements, made } = await this.generateForPlacements([placementId], manager);
    if (placements === 0) throw new NotFoundError('Placement', placementId);
    return made;
  }

  /**
   * `generateForPlacement` for many placements at once, in a few set-based statements whatever
   * their number (a school year of placements: one read, one update, one insert). After commit
   * their reminders are brought in line.
   */
  async generateForPlacements(
    placementIds: readonly string[],
    manager: EntityManager,
  ): Promise<{ placements: number; made: number }> {
    const placements = await this.lessons.placementsForLessons(manager, placementIds);
    const now = this.clock.now();
    const from = today(this.clock);
    const isActive = (placement: PlacementForLessons) => placement.status === PlacementStatus.Active;
    const cancelled = await this.lessons.cancelFollowingPlacements(
      manager,
      placements.map((placement) => ({
        id: placement.id,
        period: isActive(placement) ? placement : null,
        reason: isActive(placement) ? 'The placement period changed.' : 'The placement ended.',
      })),
      now,
    );
    const planned = placements.filter(
      (placement) => isActive(placement) && maxDate(placement.startDate, from) <= placement.endDate,
    );
    const daysOff = planned.length
      ? await this.calendar.daysOffOfSchools(
          manager,
          [...new Set(planned.map((placement) => placement.schoolId))],
          from,
          planned.reduce((last, placement) => maxDate(last, placement.endDate), from),
        )
      : new Map<string, DayOff[]>();
    const made = await this.insertLessons(
      manager,
      planned.map((placement) => ({
        placement,
        lessons: planLessons({
          startDate: maxDate(placement.startDate, from),
          endDate: placement.endDate,
          blocks: placement.blocks.map((block) => ({
            blockId: block.blockId,
            weekday: block.weekday,
            startTime: clockTime(block.startTime),
            endTime: clockTime(block.endTime),
          })),
          daysOff: daysOff.get(placement.schoolId) ?? [],
        }).lessons.filter((lesson) => lesson.startsAt > now),
      })),
    );
    await this.lessons.syncCheckIns(
      manager,
      placements.map((placement) => ({
        placementId: placement.id,
        dates: isActive(placement) ? supervisorCheckInDates(placement.startDate, placement.endDate) : [],
      })),
    );
    const changed = [...cancelled, ...made];
    if (changed.length > 0) this.afterCommit.run(manager, () => this.reminders.syncLessons(changed));
    return { placements: placements.length, made: made.length };
  }

  /** The coordinator ends a placement early: from the day after `endDate` its lessons are cancelled. */
  async endPlacement(
    actor: Actor,
    placementId: string,
    body: EndPlacement,
  ): Promise<{ cancelledLessons: number }> {
    const placement = await this.dataSource.getRepository(Placement).findOneBy({ id: placementId });
    await this.access.requireAccess(actor, Permission.ProposalDecide, placement, {
      what: 'Placement',
      id: placementId,
    });
    const current = placement as Placement;
    if (current.status !== PlacementStatus.Active)
      throw new InvalidStateTransitionError(
        'This placement is cancelled; it has no lessons left to end.',
        'Deze plaatsing is geannuleerd; ze kan niet meer eerder worden beëindigd.',
      );
    const errors: FieldError[] = [];
    if (body.endDate < current.startDate)
      errors.push({ field: 'endDate', reason: 'must be on or after the start date', code: 'endBeforeStart' });
    if (body.endDate >= current.endDate)
      errors.push({
        field: 'endDate',
        reason: `must be before the current end ${current.endDate}`,
        code: 'notBeforeCurrentEnd',
      });
    if (body.endDate < addDays(today(this.clock), -1))
      errors.push({
        field: 'endDate',
        reason: 'must not lie in the past (yesterday at the earliest)',
        code: 'dateInPast',
      });
    if (errors.length) throw new ValidationError(errors);
    return this.dataSource.transaction(async (manager) => {
      await this.lessons.shortenPlacement(manager, placementId, body.endDate);
      const before = await manager.countBy(Lesson, { placementId, status: LessonStatus.Cancelled });
      await this.generateForPlacement(placementId, manager);
      const after = await manager.countBy(Lesson, { placementId, status: LessonStatus.Cancelled });
      return { cancelledLessons: after - before };
    });
  }

  // ---- reading -------------------------------------------------------------------------------------

  async list(actor: Actor, query: ListLessonsQuery): Promise<Page<LessonView>> {
    const scope = await this.access.partiesScope(actor);
    if (!scope) return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    const { placementId, teacherId, schoolId, status, lateCancellation } = query;
    const filters = Object.fromEntries(
      Object.entries({ placementId, teacherId, schoolId, status, lateCancellation }).filter(
        ([, value]) => value !== undefined,
      ),
    );
    const from = query.from ? amsterdamInstant(query.from, 0) : new Date('1970-01-01T00:00:00Z');
    const to = query.to ? amsterdamInstant(addDays(query.to, 1), 0) : new Date('9999-01-01T00:00:00Z');
    const [rows, total] = await this.dataSource.getRepository(Lesson).findAndCount({
      where: { ...filters, ...scope, startsAt: Between(from, to) },
      order: { startsAt: 'ASC', id: 'ASC' },
      ...pageWindow(query),
    });
    const items = await this.views(this.dataSource.manager, rows);
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  async get(actor: Actor, id: string): Promise<LessonView> {
    const lesson = await this.dataSource.getRepository(Lesson).findOneBy({ id });
    await this.access.requireAccess(actor, Permission.LessonRead, lesson, { what: 'Lesson', id });
    const [view] = await this.views(this.dataSource.manager, [lesson as Lesson]);
    return view;
  }

  /** The lessons' views, their names and addresses read in one statement whatever their number. */
  private async views(manager: EntityManager, lessons: readonly Lesson[]): Promise<LessonView[]> {
    if (lessons.length === 0) return [];
    const facts = await this.lessons.facts(manager, { ids: lessons.map((lesson) => lesson.id) });
    const byId = new Map(facts.map((fact) => [fact.id, fact]));
    return lessons.map((lesson) => toLessonView(lesson, byId.get(lesson.id) as LessonFacts));
  }

  // ---- changes -------------------------------------------------------------------------------------

  /** The school cancels, or the company for its teacher; within 24 h of the start it is recorded as late. */
  cancel(actor: Actor, id: string, body: CancelLesson): Promise<LessonView> {
    const kind =
      actor.role === UserRole.SchoolAdmin
        ? LessonCancellationKind.School
        : actor.role === UserRole.CompanyAdmin
          ? LessonCancellationKind.Company
          : body.onBehalfOf === 'company'
            ? LessonCancellationKind.Company
            : LessonCancellationKind.School;
    return this.change(actor, id, Permission.LessonCancel, async (manager, lesson, now) => {
      refuse(mayCancel(lesson, now));
      const late = isLateCancellation(lesson.startsAt, now);
      await this.cancelRow(manager, lesson, actor, kind, body.reason, late, now);
      return {
        kind: NotificationKind.LessonCancelled,
        audience: { teacher: true, school: true, company: true },
        facts: { reason: body.reason, late },
      };
    });
  }

  /** The teacher (or their company) reports sick: the lesson is off and both employers are told (DOMAIN.md rule 5). */
  reportSick(actor: Actor, id: string, body: ReportSick): Promise<LessonView> {
    return this.change(actor, id, Permission.LessonReportSick, async (manager, lesson, now) => {
      refuse(mayCancel(lesson, now));
      await this.cancelRow(
        manager,
        lesson,
        actor,
        LessonCancellationKind.Sick,
        body.note ?? null,
        false,
        now,
      );
      return {
        kind: NotificationKind.TeacherSick,
        audience: { teacher: actor.role !== UserRole.HybridTeacher, school: true, company: true },
        facts: { reason: body.note ?? null },
      };
    });
  }

  /** The school moves a lesson to another time (Amsterdam wall clock); the database refuses an overlap. */
  move(actor: Actor, id: string, body: MoveLesson): Promise<LessonView> {
    const to = {
      startsAt: amsterdamInstant(body.date, parseClockTime(body.startTime)),
      endsAt: amsterdamInstant(body.date, parseClockTime(body.endTime)),
    };
    return this.change(actor, id, Permission.LessonMove, async (manager, lesson, now) => {
      refuse(mayMove(lesson, to, now));
      const previous = { startsAt: lesson.startsAt, endsAt: lesson.endsAt };
      await manager.update(
        Lesson,
        { id: lesson.id },
        { startsAt: to.startsAt, endsAt: to.endsAt, sequence: lesson.sequence + 1 },
      );
      return {
        kind: NotificationKind.LessonMoved,
        audience: { teacher: true, school: true, company: true },
        facts: { reason: body.reason ?? null, previous },
      };
    });
  }

  /** Given, or not given (a no-show), once the lesson has started. */
  recordOutcome(actor: Actor, id: string, body: RecordOutcome): Promise<LessonView> {
    return this.change(actor, id, Permission.LessonRecordOutcome, async (manager, lesson, now) => {
      refuse(mayRecordOutcome(lesson, now));
      await manager.update(
        Lesson,
        { id: lesson.id },
        {
          status: body.given ? LessonStatus.Given : LessonStatus.NotGiven,
          outcomeRecordedAt: now,
          outcomeByUserId: actor.userId,
          sequence: lesson.sequence + 1,
        },
      );
      return null;
    });
  }

  // ---- feedback and check-ins ------------------------------------------------------------------------

  async giveFeedback(actor: Actor, id: string, body: GiveFeedback): Promise<FeedbackView> {
    const lesson = await this.dataSource.getRepository(Lesson).findOneBy({ id });
    await this.access.requireAccess(actor, Permission.LessonFeedback, lesson, { what: 'Lesson', id });
    const current = lesson as Lesson;
    refuse(mayGiveFeedback(current, this.clock.now()));
    const party = actor.role === UserRole.SchoolAdmin ? FeedbackParty.School : FeedbackParty.Teacher;
    try {
      const saved = await this.dataSource.getRepository(LessonFeedback).save({
        lessonId: id,
        party,
        rating: body.rating,
        comment: body.comment,
        authorUserId: actor.userId,
      });
      return { ...toFeedbackView(saved), lessonStartsAt: current.startsAt };
    } catch (error) {
      if (codeOf(error) === UNIQUE_VIOLATION)
        throw new ConflictError(
          ErrorCode.FeedbackAlreadyGiven,
          `The ${party} already gave feedback on this lesson.`,
          `${party === FeedbackParty.School ? 'Uw school heeft' : 'U heeft'} al feedback op deze les gegeven; dat kan één keer per les.`,
        );
      throw error;
    }
  }

  async feedbackOf(actor: Actor, placementId: string): Promise<FeedbackView[]> {
    await this.requirePlacement(actor, Permission.FeedbackRead, placementId);
    const rows = await this.lessons.feedbackOfPlacement(this.dataSource.manager, placementId);
    return rows.map((row) => ({ ...toFeedbackView(row), lessonStartsAt: (row.lesson as Lesson).startsAt }));
  }

  async checkIns(actor: Actor, placementId: string): Promise<CheckInView[]> {
    await this.requirePlacement(actor, Permission.PlacementRead, placementId);
    const rows = await this.dataSource
      .getRepository(SupervisorCheckIn)
      .find({ where: { placementId }, order: { dueDate: 'ASC' } });
    return rows.map(toCheckInView);
  }

  async completeCheckIn(
    actor: Actor,
    placementId: string,
    checkInId: string,
    body: CompleteCheckIn,
  ): Promise<CheckInView> {
    await this.requirePlacement(actor, Permission.LessonRecordOutcome, placementId);
    const repository = this.dataSource.getRepository(SupervisorCheckIn);
    const checkIn = await repository.findOneBy({ id: checkInId, placementId });
    if (!checkIn) throw new NotFoundError('Check-in', checkInId);
    if (checkIn.completedAt)
      throw new InvalidStateTransitionError(
        'This check-in has already been recorded.',
        'Dit begeleidingsgesprek is al vastgelegd.',
      );
    Object.assign(checkIn, {
      completedAt: this.clock.now(),
      completedByUserId: actor.userId,
      notes: body.notes ?? null,
    });
    return toCheckInView(await repository.save(checkIn));
  }

  // ---- reminder settings -------------------------------------------------------------------------------

  async reminderSetting(actor: Actor, organisationId: string): Promise<ReminderSettingView> {
    await this.requireOrganisation(actor, Permission.OrganisationRead, organisationId);
    return {
      organisationId,
      leadMinutes: await this.lessons.leadMinutes(this.dataSource.manager, organisationId),
    };
  }

  /** Sets the lead time; the reminders of the organisation's future lessons are moved to match. */
  async setReminderSetting(
    actor: Actor,
    organisationId: string,
    leadMinutes: number,
  ): Promise<ReminderSettingView> {
    await this.requireOrganisation(actor, Permission.OrganisationUpdate, organisationId);
    await this.dataSource.transaction(async (manager) => {
      await this.lessons.setLeadMinutes(manager, organisationId, leadMinutes);
      const ids = await this.lessons.futureLessonIdsOf(manager, organisationId, this.clock.now());
      // Their due time changed: new job ids come from a bumped sequence.
      if (ids.length > 0) {
        await this.lessons.bumpSequences(manager, ids);
        this.afterCommit.run(manager, () => this.reminders.syncLessons(ids));
      }
    });
    return { organisationId, leadMinutes };
  }

  // ---- internals -----------------------------------------------------------------------------------------

  /**
   * One lesson change: lock the row, check access, apply, notify (outbox) in one transaction;
   * after commit, move the reminder jobs.
   */
  private async change(
    actor: Actor,
    id: string,
    permission:
      | Permission.LessonCancel
      | Permission.LessonMove
      | Permission.LessonReportSick
      | Permission.LessonRecordOutcome,
    apply: (
      manager: EntityManager,
      lesson: Lesson,
      now: Date,
    ) => Promise<{
      kind: LessonNoticeKind;
      audience: LessonAudience;
      facts: Partial<LessonMessageFacts>;
    } | null>,
  ): Promise<LessonView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const lesson = await this.lessons.lock(manager, id);
        await this.access.requireAccess(actor, permission, lesson, { what: 'Lesson', id });
        const now = this.clock.now();
        const notice = await apply(manager, lesson as Lesson, now);
        if (notice) await this.notify(manager, id, notice.kind, notice.audience, notice.facts, actor);
        this.afterCommit.run(manager, () => this.reminders.syncLessons([id]));
        const [view] = await this.views(manager, [await manager.findOneByOrFail(Lesson, { id })]);
        return view;
      });
    } catch (error) {
      if (codeOf(error) === EXCLUSION_VIOLATION) throw overlap();
      throw error;
    }
  }

  private async cancelRow(
    manager: EntityManager,
    lesson: Lesson,
    actor: Actor,
    kind: LessonCancellationKind,
    reason: string | null,
    late: boolean,
    now: Date,
  ): Promise<void> {
    await manager.update(
      Lesson,
      { id: lesson.id },
      {
        status: LessonStatus.Cancelled,
        cancellationKind: kind,
        cancellationReason: reason,
        cancelledAt: now,
        cancelledByUserId: actor.userId,
        lateCancellation: late,
        sequence: lesson.sequence + 1,
      },
    );
  }

  private async notify(
    manager: EntityManager,
    lessonId: string,
    kind: LessonNoticeKind,
    audience: LessonAudience,
    extra: Partial<LessonMessageFacts>,
    actor: Actor,
  ): Promise<void> {
    const [facts] = await this.lessons.facts(manager, { ids: [lessonId] });
    const message = composeLessonMessage(kind, { ...facts, ...extra });
    const recipients = (await this.lessons.recipients(manager, [lessonId], audience)).filter(
      (recipient) => recipient.userId !== actor.userId,
    );
    await this.notifications.insertNew(
      manager,
      recipients.map((recipient) => ({
        recipientUserId: recipient.userId,
        recipientTeacherId: recipient.teacherId,
        proposalId: null,
        lessonId,
        kind,
        subject: message.subject,
        bodyText: message.bodyText,
        dedupeKey: `lesson-${lessonId}-${kind}-${facts.sequence}-${recipient.userId ?? `t${recipient.teacherId}`}`,
      })),
    );
  }

  private async insertLessons(
    manager: EntityManager,
    plans: Parameters<LessonRepository['upsertPlanned']>[1],
  ): Promise<string[]> {
    // The database's refusal of an overlap becomes the domain's conflict (the caller's transaction rolls back).
    try {
      return await this.lessons.upsertPlanned(manager, plans);
    } catch (error) {
      if (codeOf(error) === EXCLUSION_VIOLATION) throw overlap();
      throw error;
    }
  }

  private async requirePlacement(
    actor: Actor,
    permission: Permission.FeedbackRead | Permission.PlacementRead | Permission.LessonRecordOutcome,
    placementId: string,
  ): Promise<Placement> {
    const placement = await this.dataSource.getRepository(Placement).findOneBy({ id: placementId });
    await this.access.requireAccess(actor, permission, placement, { what: 'Placement', id: placementId });
    return placement as Placement;
  }

  private async requireOrganisation(
    actor: Actor,
    permission: Permission.OrganisationRead | Permission.OrganisationUpdate,
    organisationId: string,
  ): Promise<void> {
    const owner = await this.lessons.organisationOwner(this.dataSource.manager, organisationId);
    await this.access.requireAccess(actor, permission, owner, { what: 'Organisation', id: organisationId });
  }
}

type LessonNoticeKind =
  NotificationKind.LessonCancelled | NotificationKind.LessonMoved | NotificationKind.TeacherSick;

function refuse(decision: LessonDecision): void {
  if (decision) throw new InvalidStateTransitionError(decision.en, decision.nl);
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

function toFeedbackView(row: LessonFeedback): Omit<FeedbackView, 'lessonStartsAt'> {
  return {
    id: row.id,
    lessonId: row.lessonId,
    party: row.party,
    rating: row.rating,
    comment: row.comment,
    createdAt: row.createdAt,
  };
}

function toCheckInView(row: SupervisorCheckIn): CheckInView {
  return {
    id: row.id,
    placementId: row.placementId,
    dueDate: row.dueDate,
    completedAt: row.completedAt,
    notes: row.notes,
  };
}

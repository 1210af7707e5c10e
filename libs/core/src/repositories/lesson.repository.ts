import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Lesson, LessonFeedback, PlacementStatus, ReminderAudience } from '@hybridmatch/database';
import { LessonCancellationKind, LessonStatus, PlannedLesson, UserRole } from '@hybridmatch/domain';

/** The default reminder lead time when an organisation has set none (24 hours). */
export const DEFAULT_REMINDER_LEAD_MINUTES = 24 * 60;

/** What lesson generation needs of a placement. */
export interface PlacementForLessons {
  id: string;
  status: PlacementStatus;
  teacherId: string;
  schoolId: string;
  companyId: string;
  regionId: string;
  startDate: string;
  endDate: string;
  blocks: Array<{ blockId: string; weekday: number; startTime: number; endTime: number }>;
}

/** Who hears of a lesson event. */
export interface LessonAudience {
  teacher: boolean;
  school: boolean;
  company: boolean;
}

/** One person a lesson notification goes to: a user, or a teacher without a login (by profile). */
export interface LessonRecipient {
  lessonId: string;
  userId: string | null;
  teacherId: string | null;
}

/** The names and place a lesson message and a calendar entry show. */
export interface LessonFacts {
  id: string;
  placementId: string;
  teacherId: string;
  schoolId: string;
  startsAt: Date;
  endsAt: Date;
  status: LessonStatus;
  sequence: number;
  cancellationKind: LessonCancellationKind | null;
  cancellationReason: string | null;
  teacherName: string;
  schoolName: string;
  companyName: string;
  requestTitle: string;
  location: string;
  /** The lesson location of the request (null only if it was removed). */
  address: LessonAddress | null;
  supervisorName: string;
  updatedAt: Date;
}

/** Where a lesson is given: the school's location named in the request. */
export interface LessonAddress {
  locationName: string;
  street: string;
  postalCode: string;
  city: string;
}

/** A reminder that should be waiting in the queue: its lesson, audience, sequence and due time. */
export interface WantedReminder {
  lessonId: string;
  audience: ReminderAudience;
  sequence: number;
  dueAt: Date;
}

/** The lessons' queries: generation in bulk, recipients, reminders due, feeds and digests. */
@Injectable()
export class LessonRepository {
  /** The placements (with their weekly blocks) whose lessons are to be made; unknown ids are left out. */
  async placementsForLessons(
    manager: EntityManager,
    placementIds: readonly string[],
  ): Promise<PlacementForLessons[]> {
    const rows: Array<{
      id: string;
      status: PlacementStatus;
      teacher_id: string;
      school_id: string;
      company_id: string;
      region_id: string;
      start_date: string;
      end_date: string;
      blocks: PlacementForLessons['blocks'];
    }> = await manager.query(
      `SELECT p.id, p.status, p.teacher_id, p.school_id, p.company_id, p.region_id,
              p.start_date::text, p.end_date::text,
              coalesce((SELECT json_agg(json_build_object('blockId', b.id, 'weekday', b.weekday,
                         'startTime', extract(epoch FROM b.start_time)::int / 60,
                         'endTime', extract(epoch FROM b.end_time)::int / 60) ORDER BY b.weekday, b.start_time)
                 FROM lesson_block b WHERE b.id = ANY(p.block_ids)), '[]') AS blocks
         FROM placement p WHERE p.id = ANY($1) ORDER BY p.id`,
      [placementIds],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      teacherId: row.teacher_id,
      schoolId: row.school_id,
      companyId: row.company_id,
      regionId: row.region_id,
      startDate: row.start_date,
      endDate: row.end_date,
      blocks: row.blocks,
    }));
  }

  /**
   * Writes the planned lessons of several placements in one statement. A lesson that exists
   * already is left alone, except one cancelled only because the placement's dates had changed: it
   * is scheduled again (with a new sequence). Returns the ids written or revived.
   */
  async upsertPlanned(
    manager: EntityManager,
    plans: ReadonlyArray<{ placement: PlacementForLessons; lessons: readonly PlannedLesson[] }>,
  ): Promise<string[]> {
    const rows = plans.flatMap(({ placement, lessons }) => lessons.map((lesson) => ({ placement, lesson })));
    if (rows.length === 0) return [];
    const column = <T>(value: (row: (typeof rows)[number]) => T) => rows.map(value);
    const written: Array<{ id: string }> = await manager.query(
      `INSERT INTO lesson (placement_id, teacher_id, school_id, company_id, region_id, lesson_block_id, date, starts_at, ends_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::date[],
                            $8::timestamptz[], $9::timestamptz[])
       ON CONFLICT ON CONSTRAINT uq_lesson_block_date DO UPDATE
          SET status = 'scheduled', starts_at = excluded.starts_at, ends_at = excluded.ends_at,
              sequence = lesson.sequence + 1, cancellation_kind = NULL, cancellation_reason = NULL,
              cancelled_at = NULL, cancelled_by_user_id = NULL, late_cancellation = false, updated_at = now()
        WHERE lesson.status = 'cancelled' AND lesson.cancellation_kind = 'placement_changed'
       RETURNING id`,
      [
        column((row) => row.placement.id),
        column((row) => row.placement.teacherId),
        column((row) => row.placement.schoolId),
        column((row) => row.placement.companyId),
        column((row) => row.placement.regionId),
        column((row) => row.lesson.blockId),
        column((row) => row.lesson.date),
        column((row) => row.lesson.startsAt.toISOString()),
        column((row) => row.lesson.endsAt.toISOString()),
      ],
    );
    return written.map((row) => row.id);
  }

  /**
   * Cancels the placements' scheduled lessons that start after `now` and fall outside their period
   * (`period` null: all of them, the placement ended), each with its reason. Returns their ids.
   */
  async cancelFollowingPlacements(
    manager: EntityManager,
    placements: ReadonlyArray<{
      id: string;
      period: { startDate: string; endDate: string } | null;
      reason: string;
    }>,
    now: Date,
  ): Promise<string[]> {
    if (placements.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `UPDATE lesson l SET status = 'cancelled', cancellation_kind = $1, cancellation_reason = c.reason,
              cancelled_at = $2, sequence = l.sequence + 1, updated_at = now()
         FROM unnest($3::uuid[], $4::date[], $5::date[], $6::text[]) AS c(placement_id, start_date, end_date, reason)
        WHERE l.placement_id = c.placement_id AND l.status = 'scheduled' AND l.starts_at > $2
          AND (c.start_date IS NULL OR l.date < c.start_date OR l.date > c.end_date)
        RETURNING l.id`,
      [
        LessonCancellationKind.PlacementChanged,
        now,
        placements.map((placement) => placement.id),
        placements.map((placement) => placement.period?.startDate ?? null),
        placements.map((placement) => placement.period?.endDate ?? null),
        placements.map((placement) => placement.reason),
      ],
    );
    return rows.map((row) => row.id);
  }

  /** The lesson row, locked for the rest of the caller's transaction. */
  lock(manager: EntityManager, id: string): Promise<Lesson | null> {
    return manager.getRepository(Lesson).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The people a lesson event goes to: the teacher (their login, or their profile's address),
   * the school's admins, the company's admins, as the audience asks.
   */
  async recipients(
    manager: EntityManager,
    lessonIds: readonly string[],
    audience: LessonAudience,
  ): Promise<LessonRecipient[]> {
    if (lessonIds.length === 0) return [];
    const rows: Array<{ lesson_id: string; user_id: string | null; teacher_id: string | null }> =
      await manager.query(
        `SELECT l.id AS lesson_id, t.user_id, CASE WHEN t.user_id IS NULL THEN t.id END AS teacher_id
           FROM lesson l JOIN teacher_profile t ON t.id = l.teacher_id
          WHERE $2 AND l.id = ANY($1) AND (t.user_id IS NOT NULL OR t.email IS NOT NULL)
         UNION ALL
         SELECT l.id, u.id, NULL FROM lesson l JOIN app_user u ON u.organisation_id = l.school_id AND u.role = $5
          WHERE $3 AND l.id = ANY($1) AND u.deactivated_at IS NULL
         UNION ALL
         SELECT l.id, u.id, NULL FROM lesson l JOIN app_user u ON u.organisation_id = l.company_id AND u.role = $6
          WHERE $4 AND l.id = ANY($1) AND u.deactivated_at IS NULL`,
        [
          lessonIds,
          audience.teacher,
          audience.school,
          audience.company,
          UserRole.SchoolAdmin,
          UserRole.CompanyAdmin,
        ],
      );
    return rows.map((row) => ({ lessonId: row.lesson_id, userId: row.user_id, teacherId: row.teacher_id }));
  }

  /** Lessons with the names and address their messages and calendar entries show. */
  async facts(
    manager: EntityManager,
    where: { ids: readonly string[] } | { teacherId: string } | { schoolId: string },
    window?: { from: Date; to: Date },
  ): Promise<LessonFacts[]> {
    const [filter, value] =
      'ids' in where
        ? ['l.id = ANY($1)', where.ids]
        : 'teacherId' in where
          ? ['l.teacher_id = $1', where.teacherId]
          : ['l.school_id = $1', where.schoolId];
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT l.id, l.placement_id, l.teacher_id, l.school_id, l.starts_at, l.ends_at, l.status, l.sequence,
              l.cancellation_kind, l.cancellation_reason, l.updated_at,
              t.first_name || ' ' || t.last_name AS teacher_name, s.name AS school_name, c.name AS company_name,
              r.title AS request_title, p.supervisor_name,
              loc.name AS location_name, loc.street, loc.postal_code, loc.city,
              concat_ws(', ', s.name, loc.street, concat_ws(' ', loc.postal_code, loc.city)) AS location
         FROM lesson l
         JOIN placement p ON p.id = l.placement_id
         JOIN teacher_profile t ON t.id = l.teacher_id
         JOIN organisation s ON s.id = l.school_id
         JOIN organisation c ON c.id = l.company_id
         JOIN teaching_request r ON r.id = p.request_id
         LEFT JOIN organisation_location loc ON loc.id = r.location_id
        WHERE ${filter} AND ($2::timestamptz IS NULL OR l.ends_at >= $2) AND ($3::timestamptz IS NULL OR l.starts_at <= $3)
        ORDER BY l.starts_at, l.id`,
      [value, window?.from ?? null, window?.to ?? null],
    );
    return rows.map((row) => ({
      id: row.id as string,
      placementId: row.placement_id as string,
      teacherId: row.teacher_id as string,
      schoolId: row.school_id as string,
      startsAt: row.starts_at as Date,
      endsAt: row.ends_at as Date,
      status: row.status as LessonStatus,
      sequence: row.sequence as number,
      cancellationKind: row.cancellation_kind as LessonCancellationKind | null,
      cancellationReason: row.cancellation_reason as string | null,
      updatedAt: row.updated_at as Date,
      teacherName: row.teacher_name as string,
      schoolName: row.school_name as string,
      companyName: row.company_name as string,
      requestTitle: row.request_title as string,
      supervisorName: row.supervisor_name as string,
      location: row.location as string,
      address:
        row.location_name === null
          ? null
          : {
              locationName: row.location_name as string,
              street: row.street as string,
              postalCode: row.postal_code as string,
              city: row.city as string,
            },
    }));
  }

  /**
   * The reminders that should be waiting: scheduled lessons starting after `now` whose reminder
   * (lead time of the teacher's company or of the school) is due before `until`, and not yet
   * sent for the lesson's current sequence. `lessonIds` narrows it to some lessons.
   */
  async wantedReminders(
    manager: EntityManager,
    now: Date,
    until: Date,
    lessonIds?: readonly string[],
  ): Promise<WantedReminder[]> {
    const rows: Array<{ lesson_id: string; audience: ReminderAudience; sequence: number; due_at: Date }> =
      await manager.query(
        `SELECT l.id AS lesson_id, a.audience, l.sequence,
                l.starts_at - make_interval(mins => coalesce(rs.lead_minutes, $4)) AS due_at
           FROM lesson l
           CROSS JOIN (VALUES ('teacher'), ('school')) AS a(audience)
           LEFT JOIN reminder_setting rs
                  ON rs.organisation_id = CASE a.audience WHEN 'teacher' THEN l.company_id ELSE l.school_id END
          WHERE l.status = 'scheduled' AND l.starts_at > $1
            AND l.starts_at - make_interval(mins => coalesce(rs.lead_minutes, $4)) <= $2
            AND ($3::uuid[] IS NULL OR l.id = ANY($3))
            AND NOT EXISTS (SELECT 1 FROM lesson_reminder s
                             WHERE s.lesson_id = l.id AND s.audience = a.audience AND s.sequence = l.sequence)`,
        [now, until, lessonIds ?? null, DEFAULT_REMINDER_LEAD_MINUTES],
      );
    return rows.map((row) => ({
      lessonId: row.lesson_id,
      audience: row.audience,
      sequence: row.sequence,
      dueAt: row.due_at,
    }));
  }

  /** Records that the reminder went out; false when it had already (the row exists). */
  async recordReminder(
    manager: EntityManager,
    reminder: { lessonId: string; audience: ReminderAudience; sequence: number },
    sentAt: Date,
    recipients: number,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO lesson_reminder (lesson_id, audience, sequence, sent_at, recipients) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING lesson_id`,
      [reminder.lessonId, reminder.audience, reminder.sequence, sentAt, recipients],
    );
    return rows.length === 1;
  }

  /** The lead time (minutes) an organisation set, or the default. */
  async leadMinutes(manager: EntityManager, organisationId: string): Promise<number> {
    const [row]: Array<{ lead_minutes: number }> = await manager.query(
      `SELECT lead_minutes FROM reminder_setting WHERE organisation_id = $1`,
      [organisationId],
    );
    return row?.lead_minutes ?? DEFAULT_REMINDER_LEAD_MINUTES;
  }

  async setLeadMinutes(manager: EntityManager, organisationId: string, leadMinutes: number): Promise<void> {
    await manager.query(
      `INSERT INTO reminder_setting (organisation_id, lead_minutes) VALUES ($1, $2)
       ON CONFLICT (organisation_id) DO UPDATE SET lead_minutes = excluded.lead_minutes`,
      [organisationId, leadMinutes],
    );
  }

  /** Ids of the future scheduled lessons whose reminders follow this organisation's lead time. */
  async futureLessonIdsOf(manager: EntityManager, organisationId: string, now: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM lesson WHERE (company_id = $1 OR school_id = $1) AND status = 'scheduled' AND starts_at > $2`,
      [organisationId, now],
    );
    return rows.map((row) => row.id);
  }

  /** Ends a placement earlier: its period and its slots' date ranges (the time is free after `endDate`). */
  async shortenPlacement(manager: EntityManager, placementId: string, endDate: string): Promise<void> {
    await manager.query(`UPDATE placement SET end_date = $2, updated_at = now() WHERE id = $1`, [
      placementId,
      endDate,
    ]);
    await manager.query(
      `UPDATE placement_slot SET dates = daterange(lower(dates), $2::date, '[]') WHERE placement_id = $1`,
      [placementId, endDate],
    );
  }

  /** Each placement's check-ins due on its `dates` exist; its open ones on other dates are removed. */
  async syncCheckIns(
    manager: EntityManager,
    placements: ReadonlyArray<{ placementId: string; dates: readonly string[] }>,
  ): Promise<void> {
    if (placements.length === 0) return;
    const due = placements.flatMap(({ placementId, dates }) => dates.map((date) => ({ placementId, date })));
    const placementIds = due.map((row) => row.placementId);
    const dates = due.map((row) => row.date);
    await manager.query(
      `DELETE FROM supervisor_check_in c
        WHERE c.placement_id = ANY($1) AND c.completed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::date[]) AS d(placement_id, due_date)
                           WHERE d.placement_id = c.placement_id AND d.due_date = c.due_date)`,
      [placements.map((placement) => placement.placementId), placementIds, dates],
    );
    if (due.length > 0)
      await manager.query(
        `INSERT INTO supervisor_check_in (placement_id, due_date)
         SELECT * FROM unnest($1::uuid[], $2::date[]) ON CONFLICT DO NOTHING`,
        [placementIds, dates],
      );
  }

  /** The feedback on a placement's lessons, by lesson start and party. */
  feedbackOfPlacement(manager: EntityManager, placementId: string): Promise<LessonFeedback[]> {
    return manager
      .getRepository(LessonFeedback)
      .createQueryBuilder('f')
      .innerJoinAndSelect('f.lesson', 'l')
      .where('l.placement_id = :placementId', { placementId })
      .orderBy('l.starts_at', 'ASC')
      .addOrderBy('f.party', 'ASC')
      .getMany();
  }

  /** A new sequence for these lessons (their reminders are due at another time: fresh job ids). */
  async bumpSequences(manager: EntityManager, lessonIds: readonly string[]): Promise<void> {
    await manager.query(`UPDATE lesson SET sequence = sequence + 1, updated_at = now() WHERE id = ANY($1)`, [
      lessonIds,
    ]);
  }

  /** Each lesson's sequence and status. */
  states(
    manager: EntityManager,
    lessonIds: readonly string[],
  ): Promise<Array<{ id: string; sequence: number; status: LessonStatus }>> {
    return manager.query(`SELECT id, sequence, status FROM lesson WHERE id = ANY($1)`, [lessonIds]);
  }

  /** An organisation's id and region, for access decisions. */
  async organisationOwner(
    manager: EntityManager,
    organisationId: string,
  ): Promise<{ organisationId: string; regionId: string } | null> {
    const [row]: Array<{ id: string; region_id: string }> = await manager.query(
      `SELECT id, region_id FROM organisation WHERE id = $1`,
      [organisationId],
    );
    return row ? { organisationId: row.id, regionId: row.region_id } : null;
  }
}

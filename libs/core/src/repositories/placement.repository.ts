import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Placement, PlacementSlot } from '@hybridmatch/database';
import { costCentsSql, TeachingRequestStatus } from '@hybridmatch/domain';
import type { ProposalNames } from './notification.repository';
import { filterConditions, pageWithTotal } from './page-query';

/** A request's status with how many of its lesson blocks active placements cover. */
export interface RequestCoverage {
  status: TeachingRequestStatus;
  blocks: number;
  covered: number;
}

/** What an approval checks of a teacher: their release, and whether their company still offers them. */
export interface TeacherRelease {
  name: string;
  releasedMinutesPerWeek: number;
  releasedDaysPerWeek: number;
  active: boolean;
}

/** The placement columns a list may filter on (scope and query filters alike): one value, or any of several. */
export type PlacementListFilter = Partial<
  Record<'status' | 'requestId' | 'teacherId' | 'companyId' | 'schoolId' | 'regionId', string | string[]>
>;

/** Each filter's column and the type its parameter is cast to (so the column's index serves it). */
const FILTER_COLUMNS: Record<keyof PlacementListFilter, [column: string, type: string]> = {
  status: ['status', 'placement_status'],
  requestId: ['request_id', 'uuid'],
  teacherId: ['teacher_id', 'uuid'],
  companyId: ['company_id', 'uuid'],
  schoolId: ['school_id', 'uuid'],
  regionId: ['region_id', 'uuid'],
};

/** A placement's own columns and its slots (as the entity or a list reads them): what its view is made of. */
export type PlacementColumns = Omit<
  Placement,
  | 'slots'
  | 'createdAt'
  | 'updatedAt'
  | 'proposal'
  | 'teacher'
  | 'request'
  | 'school'
  | 'company'
  | 'region'
  | 'approvedBy'
> & { slots?: Array<Pick<PlacementSlot, 'lessonBlockId' | 'weekday' | 'minutes' | 'active'>> };

/**
 * A placement as a list reads it: its columns and slots (`minutes` as the range's text,
 * `[540,720)`), the names of its teacher, company, school and request, and the count and minutes
 * of its lessons that are taught or still to come (scheduled or given).
 */
export type PlacementListRow = PlacementColumns & { names: ProposalNames; lessons: number; minutes: number };

/** What every placement of a list (all pages) adds up to: its paid lessons, their minutes and cost. */
export interface PlacementListSums {
  lessons: number;
  minutes: number;
  /** Each placement's cost rounded to the cent, then added up (docs/COSTS.md). */
  cents: number;
}

const LIST_COLUMNS = `
  p.id, p.proposal_id AS "proposalId", p.teacher_id AS "teacherId", p.request_id AS "requestId",
  p.school_id AS "schoolId", p.company_id AS "companyId", p.region_id AS "regionId", p.block_ids AS "blockIds",
  p.minutes_per_week AS "minutesPerWeek", p.hourly_rate_cents AS "hourlyRateCents",
  p.start_date::text AS "startDate", p.end_date::text AS "endDate", p.supervisor_name AS "supervisorName",
  p.supervisor_email AS "supervisorEmail", p.status, p.approved_by_user_id AS "approvedByUserId",
  p.approved_at AS "approvedAt", p.cancelled_at AS "cancelledAt", p.cancelled_reason AS "cancelledReason",
  COALESCE((SELECT json_agg(json_build_object('lessonBlockId', ps.lesson_block_id, 'weekday', ps.weekday,
                                              'minutes', ps.minutes::text, 'active', ps.active))
              FROM placement_slot ps WHERE ps.placement_id = p.id), '[]') AS slots,
  json_build_object('teacherName', t.first_name || ' ' || t.last_name, 'companyName', c.name,
                    'schoolName', s.name, 'requestTitle', r.title) AS names,
  l.lessons, l.minutes`;

/** The lessons a placement is paid for: taught or still to come (a cancelled lesson and a no-show are not). */
const PAID_LESSONS = `LEFT JOIN LATERAL (
    SELECT count(*)::int AS lessons,
           coalesce(sum(extract(epoch FROM pl.ends_at - pl.starts_at) / 60), 0)::int AS minutes
      FROM lesson pl WHERE pl.placement_id = p.id AND pl.status IN ('scheduled', 'given')) l ON true`;

/**
 * The placement queries behind approvals and the list. Every method runs in the caller's transaction
 * (`manager`), so the row locks it takes hold until the approval commits.
 */
@Injectable()
export class PlacementRepository {
  /** Locks the request row and counts its blocks and the blocks active placements cover. */
  async lockRequestCoverage(manager: EntityManager, requestId: string): Promise<RequestCoverage | null> {
    const [row]: RequestCoverage[] = await manager.query(
      `SELECT r.status,
              (SELECT count(*)::int FROM lesson_block b WHERE b.request_id = r.id) AS blocks,
              (SELECT count(DISTINCT block_id)::int FROM placement p, unnest(p.block_ids) AS block_id
                WHERE p.request_id = r.id AND p.status = 'active') AS covered
         FROM teaching_request r WHERE r.id = $1 FOR NO KEY UPDATE OF r`,
      [requestId],
    );
    return row ?? null;
  }

  /** Locks the teacher's profile row (serialising their approvals) and reads their release. */
  async lockTeacherRelease(manager: EntityManager, teacherId: string): Promise<TeacherRelease> {
    const [row]: Array<{ name: string; released_hours: string; released_days: number; active: boolean }> =
      await manager.query(
        `SELECT first_name || ' ' || last_name AS name, released_hours_per_week AS released_hours, released_days_per_week AS released_days, active
         FROM teacher_profile WHERE id = $1 FOR UPDATE`,
        [teacherId],
      );
    return {
      name: row.name,
      releasedMinutesPerWeek: Math.round(Number(row.released_hours) * 60),
      releasedDaysPerWeek: row.released_days,
      active: row.active,
    };
  }

  /** Minutes per week the teacher's active placements take in the period (inclusive dates). */
  async committedMinutes(
    manager: EntityManager,
    teacherId: string,
    from: string,
    to: string,
  ): Promise<number> {
    const [row]: Array<{ minutes: number }> = await manager.query(
      `SELECT coalesce(sum(minutes_per_week), 0)::int AS minutes FROM placement
        WHERE teacher_id = $1 AND status = 'active' AND daterange(start_date, end_date, '[]') && daterange($2::date, $3::date, '[]')`,
      [teacherId, from, to],
    );
    return row.minutes;
  }

  /** The weekdays the teacher already teaches on in the period (active slots). */
  async busyWeekdays(manager: EntityManager, teacherId: string, from: string, to: string): Promise<number[]> {
    const rows: Array<{ weekday: number }> = await manager.query(
      `SELECT DISTINCT weekday FROM placement_slot WHERE teacher_id = $1 AND active AND dates && daterange($2::date, $3::date, '[]')`,
      [teacherId, from, to],
    );
    return rows.map((row) => row.weekday);
  }

  /**
   * A page of placements matching every filter (the caller's scope and the query's, together),
   * by start date, and the total, in one statement; with `withSums`, what all of them (every page)
   * add up to, in the same statement. `matchRunId`: only placements made from that run's proposals.
   */
  async page(
    manager: EntityManager,
    filters: PlacementListFilter[],
    matchRunId: string | undefined,
    window: { skip: number; take: number },
    withSums: boolean,
  ): Promise<{ rows: PlacementListRow[]; total: number; sums: PlacementListSums | null }> {
    const parameters: unknown[] = [];
    const conditions = filterConditions(filters, FILTER_COLUMNS, parameters);
    if (matchRunId !== undefined) {
      parameters.push(matchRunId);
      conditions.push(
        `p.proposal_id IN (SELECT pr.id FROM proposal pr WHERE pr.match_run_id = $${parameters.length}::uuid)`,
      );
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const { rows, total, sums } = await pageWithTotal<PlacementListRow, keyof PlacementListSums>(
      manager,
      {
        columns: LIST_COLUMNS,
        from: `FROM placement p
          JOIN teacher_profile t ON t.id = p.teacher_id
          JOIN organisation c ON c.id = p.company_id
          JOIN organisation s ON s.id = p.school_id
          JOIN teaching_request r ON r.id = p.request_id
          ${PAID_LESSONS}
          ${where}`,
        orderBy: 'p.start_date, p.id',
        ...(withSums && {
          sums: {
            lessons: 'l.lessons',
            minutes: 'l.minutes',
            cents: costCentsSql('p.hourly_rate_cents', 'l.minutes'),
          },
        }),
      },
      parameters,
      window,
    );
    return { rows, total, sums: withSums ? sums : null };
  }
}

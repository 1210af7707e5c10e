import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TeachingRequestStatus } from '@hybridmatch/domain';
import type { ProposalNames } from './notification.repository';

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

/** What a placement list shows beside the row: the names, and the minutes of its billable lessons. */
export interface PlacementListFacts {
  id: string;
  names: ProposalNames;
  lessons: number;
  minutes: number;
}

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
   * The names of each placement's teacher, company, school and request, and the count and minutes
   * of its lessons that are taught or still to come (scheduled or given), in one statement.
   */
  async listFacts(manager: EntityManager, ids: string[]): Promise<PlacementListFacts[]> {
    if (ids.length === 0) return [];
    return manager.query(
      `SELECT p.id,
              jsonb_build_object('teacherName', t.first_name || ' ' || t.last_name, 'companyName', c.name,
                                 'schoolName', s.name, 'requestTitle', r.title) AS names,
              coalesce(l.lessons, 0)::int AS lessons, coalesce(l.minutes, 0)::int AS minutes
         FROM placement p
         JOIN teacher_profile t ON t.id = p.teacher_id
         JOIN organisation c ON c.id = p.company_id
         JOIN organisation s ON s.id = p.school_id
         JOIN teaching_request r ON r.id = p.request_id
         LEFT JOIN LATERAL (
           SELECT count(*) AS lessons, sum(extract(epoch FROM l.ends_at - l.starts_at) / 60) AS minutes
             FROM lesson l WHERE l.placement_id = p.id AND l.status IN ('scheduled', 'given')) l ON true
        WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
  }
}

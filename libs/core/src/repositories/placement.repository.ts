import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TeachingRequestStatus } from '@hybridmatch/domain';

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

/**
 * The placement queries behind approvals. Every method runs in the caller's transaction
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
}

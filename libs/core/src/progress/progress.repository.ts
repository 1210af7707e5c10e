import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlacementRow, ProgressRows, ProposalRow, RequestRow, TeacherRow } from './progress.figures';

/** Minutes of a lesson block `b` (its times are PostgreSQL `time`). */
const BLOCK_MINUTES = `(extract(epoch FROM (b.end_time - b.start_time)) / 60)::int`;

/**
 * The rows progress is added up from, scoped to some regions (null: the whole country). Every
 * query is set-based and filters on the region of the organisation the row belongs to.
 */
@Injectable()
export class ProgressRepository {
  constructor(private readonly db: DataSource) {}

  async rows(regionIds: string[] | null, today: string): Promise<ProgressRows> {
    const [teachers, proposals, placements, requests] = await Promise.all([
      this.teachers(regionIds, today),
      this.proposals(regionIds),
      this.placements(regionIds),
      this.requests(regionIds),
    ]);
    return { teachers, proposals, placements, requests };
  }

  /** Region names and organisation names for the labels of a report. */
  async names(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.db.query(
      `SELECT id, name FROM region WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id, name FROM organisation WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** All region ids (for the national snapshot per region). */
  async regionIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM region ORDER BY code`);
    return rows.map((row) => row.id);
  }

  private teachers(regionIds: string[] | null, today: string): Promise<TeacherRow[]> {
    return this.db.query(
      `SELECT t.id, t.company_id AS "companyId", o.region_id AS "regionId",
              t.released_hours_per_week * 60 AS "releasedMinutesPerWeek",
              t.skills
         FROM teacher_profile t JOIN organisation o ON o.id = t.company_id
        WHERE t.active AND (t.available_until IS NULL OR t.available_until >= $2::date)
          AND ($1::uuid[] IS NULL OR o.region_id = ANY($1::uuid[]))`,
      [regionIds, today],
    );
  }

  private proposals(regionIds: string[] | null): Promise<ProposalRow[]> {
    return this.db.query(
      `SELECT p.teacher_id AS "teacherId", p.company_id AS "companyId", p.school_id AS "schoolId",
              p.region_id AS "regionId", r.subject_code AS "subjectCode"
         FROM proposal p JOIN teaching_request r ON r.id = p.request_id
        WHERE p.status IN ('proposed', 'awaiting_approval')
          AND ($1::uuid[] IS NULL OR p.region_id = ANY($1::uuid[]))`,
      [regionIds],
    );
  }

  private async placements(regionIds: string[] | null): Promise<PlacementRow[]> {
    const rows: (Omit<PlacementRow, 'slots'> & { slots: PlacementRow['slots'] | null })[] =
      await this.db.query(
        `SELECT p.teacher_id AS "teacherId", p.company_id AS "companyId", p.school_id AS "schoolId",
              p.region_id AS "regionId", r.subject_code AS "subjectCode",
              p.minutes_per_week AS "minutesPerWeek",
              to_char(p.start_date, 'YYYY-MM-DD') AS "startDate",
              to_char(p.end_date, 'YYYY-MM-DD') AS "endDate",
              CASE WHEN p.status = 'cancelled'
                   THEN to_char(coalesce(p.cancelled_at, p.updated_at) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD')
              END AS "cancelledOn",
              (SELECT json_agg(json_build_object('weekday', b.weekday, 'minutes', ${BLOCK_MINUTES}))
                 FROM lesson_block b WHERE b.id = ANY(p.block_ids)) AS slots
         FROM placement p JOIN teaching_request r ON r.id = p.request_id
        WHERE ($1::uuid[] IS NULL OR p.region_id = ANY($1::uuid[]))`,
        [regionIds],
      );
    return rows.map((row) => ({ ...row, slots: row.slots ?? [] }));
  }

  private requests(regionIds: string[] | null): Promise<RequestRow[]> {
    return this.db.query(
      `SELECT r.id, r.school_id AS "schoolId", o.region_id AS "regionId", r.subject_code AS "subjectCode",
              r.level, r.status,
              coalesce((SELECT sum(${BLOCK_MINUTES}) FROM lesson_block b
                         WHERE b.request_id = r.id
                           AND NOT EXISTS (SELECT 1 FROM placement p
                                            WHERE p.status = 'active' AND b.id = ANY(p.block_ids))), 0)::int
                AS "openMinutesPerWeek"
         FROM teaching_request r JOIN organisation o ON o.id = r.school_id
        WHERE r.status IN ('open', 'partially_filled', 'filled')
          AND ($1::uuid[] IS NULL OR o.region_id = ANY($1::uuid[]))`,
      [regionIds],
    );
  }
}

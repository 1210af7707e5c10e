import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CommittedLoad, RuleLevel, RuleRequest, RuleSlot, RuleTeacher } from '@hybridmatch/domain';
import { OrganisationKind } from '@hybridmatch/domain';

const SCHOOL_KIND: Partial<Record<OrganisationKind, RuleRequest['schoolKind']>> = {
  [OrganisationKind.MboSchool]: 'MBO',
  [OrganisationKind.HboSchool]: 'HBO',
  [OrganisationKind.Techniekcentrum]: 'HTC',
};

export interface RuleTeacherRow extends RuleTeacher {
  home: { lat: number; lon: number };
}

export interface RuleRequestRow extends RuleRequest {
  location: { lat: number; lon: number };
}

/** A slot of a teacher's active placement, with the teacher and the placement's proposal. */
export interface CommittedRow extends CommittedLoad {
  teacherId: string;
  proposalId: string;
}

/**
 * What the rule book (libs/domain/src/rules) needs of teachers, requests and the teachers' other
 * placements, read in the caller's transaction: one statement each, however many proposals are
 * checked (by id; an id not found is absent from the map).
 */
@Injectable()
export class RuleInputRepository {
  async teachers(manager: EntityManager, teacherIds: string[]): Promise<Map<string, RuleTeacherRow>> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT t.id, t.skills, t.levels::text[] AS levels, t.released_days_per_week, t.released_hours_per_week,
              t.available_from::text AS available_from, t.available_until::text AS available_until, t.max_travel_km,
              t.contract_hours_per_week, t.vog_issued_on::text AS vog_issued_on, t.qualification,
              t.qualification_since::text AS qualification_since, t.has_pdc, t.has_hbo_didactic, t.home_latitude, t.home_longitude,
              coalesce((SELECT json_agg(json_build_object('weekday', w.weekday,
                         'start', (extract(epoch FROM w.start_time) / 60)::int, 'end', (extract(epoch FROM w.end_time) / 60)::int))
                  FROM teacher_availability_window w WHERE w.teacher_id = t.id), '[]'::json) AS windows
         FROM teacher_profile t WHERE t.id = ANY($1::uuid[])`,
      [[...new Set(teacherIds)]],
    );
    return new Map(rows.map((row) => [row.id as string, toTeacher(row)]));
  }

  async requests(manager: EntityManager, requestIds: string[]): Promise<Map<string, RuleRequestRow>> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT r.id, r.school_id, s.kind AS school_kind, s.hbo_didactic_fte_threshold, r.subject_code, r.level, r.role,
              r.period_start::text AS period_start, r.period_end::text AS period_end, r.min_commitment_weeks,
              r.allow_vog_pending, l.latitude, l.longitude
         FROM teaching_request r
         JOIN organisation s ON s.id = r.school_id
         JOIN organisation_location l ON l.id = r.location_id
        WHERE r.id = ANY($1::uuid[])`,
      [[...new Set(requestIds)]],
    );
    return new Map(rows.map((row) => [row.id as string, toRequest(row)]));
  }

  /** The weekly slots of lesson blocks, by block id. */
  async blocks(manager: EntityManager, blockIds: string[]): Promise<Map<string, RuleSlot>> {
    const rows: Array<RuleSlot & { id: string }> = await manager.query(
      `SELECT id, weekday, (extract(epoch FROM start_time) / 60)::int AS start, (extract(epoch FROM end_time) / 60)::int AS "end"
         FROM lesson_block WHERE id = ANY($1::uuid[])`,
      [[...new Set(blockIds)]],
    );
    return new Map(rows.map(({ id, ...slot }) => [id, slot]));
  }

  /** The slots of the teachers' active placements, with their dates, teacher and proposal. */
  async committed(manager: EntityManager, teacherIds: string[]): Promise<CommittedRow[]> {
    return manager.query(
      `SELECT s.teacher_id AS "teacherId", pl.proposal_id AS "proposalId",
              s.weekday, lower(s.minutes) AS start, upper(s.minutes) AS "end", pl.school_id AS "schoolId", r.level,
              lower(s.dates)::text AS "from", (upper(s.dates) - 1)::text AS "until"
         FROM placement_slot s
         JOIN placement pl ON pl.id = s.placement_id
         JOIN teaching_request r ON r.id = pl.request_id
        WHERE s.active AND s.teacher_id = ANY($1::uuid[])`,
      [[...new Set(teacherIds)]],
    );
  }
}

function toTeacher(row: Record<string, unknown>): RuleTeacherRow {
  return {
    skills: row.skills as RuleTeacher['skills'],
    levels: row.levels as RuleLevel[],
    windows: row.windows as RuleSlot[],
    releasedDaysPerWeek: row.released_days_per_week as number,
    releasedMinutesPerWeek: Math.round(Number(row.released_hours_per_week) * 60),
    availableFrom: row.available_from as string,
    availableUntil: row.available_until as string | null,
    maxTravelKm: row.max_travel_km as number,
    contractHoursPerWeek: Number(row.contract_hours_per_week),
    vogIssuedOn: row.vog_issued_on as string | null,
    qualification: row.qualification as RuleTeacher['qualification'],
    qualificationSince: row.qualification_since as string | null,
    hasPdc: row.has_pdc as boolean,
    hasHboDidactic: row.has_hbo_didactic as boolean,
    home: { lat: row.home_latitude as number, lon: row.home_longitude as number },
  };
}

function toRequest(row: Record<string, unknown>): RuleRequestRow {
  return {
    schoolId: row.school_id as string,
    schoolKind: SCHOOL_KIND[row.school_kind as OrganisationKind] ?? 'MBO',
    hboDidacticFteThreshold:
      row.hbo_didactic_fte_threshold === null ? null : Number(row.hbo_didactic_fte_threshold),
    subjectCode: row.subject_code as string,
    level: row.level as RuleLevel,
    role: row.role as RuleRequest['role'],
    periodStart: row.period_start as string,
    periodEnd: row.period_end as string,
    minCommitmentWeeks: row.min_commitment_weeks as number,
    allowVogPending: row.allow_vog_pending as boolean,
    location: { lat: row.latitude as number, lon: row.longitude as number },
  };
}

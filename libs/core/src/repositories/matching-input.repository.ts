import { EntityManager } from 'typeorm';
import { OrganisationKind, subjectsCovering } from '@hybridmatch/domain';
import type { MatchRequest, MatchTeacher } from '@hybridmatch/matching';

/** Proposal statuses that still claim their blocks and the teacher's time. */
export const ACTIVE_PROPOSAL_STATUSES = ['proposed', 'awaiting_approval'];

export interface RequestRow {
  id: string;
  school_id: string;
  school_kind: OrganisationKind;
  subject_code: string;
  level: MatchRequest['level'];
  role: MatchRequest['role'];
  period_start: string;
  period_end: string;
  min_commitment_weeks: number;
  allow_team: boolean;
  allow_vog_pending: boolean;
  /** The school's FTE above which its didactic requirement applies (HBO; null: none). */
  hbo_didactic_fte_threshold: string | null;
  latitude: number;
  longitude: number;
}

export interface BlockRow {
  id: string;
  request_id: string;
  weekday: number;
  start: number;
  end: number;
}

export interface TeacherRow {
  id: string;
  company_id: string;
  skills: MatchTeacher['skills'];
  levels: MatchTeacher['levels'];
  released_days_per_week: number;
  released_hours_per_week: string;
  available_from: string;
  available_until: string | null;
  home_latitude: number;
  home_longitude: number;
  max_travel_km: number;
  contract_hours_per_week: string;
  vog_issued_on: string | null;
  qualification: MatchTeacher['qualification'];
  qualification_since: string | null;
  has_pdc: boolean;
  has_hbo_didactic: boolean;
}

export interface WindowRow {
  teacher_id: string;
  weekday: number;
  start: number;
  end: number;
}

/** A slot a teacher has promised: of an active placement (`proposal_id` null) or of an active proposal. */
export interface CommittedSlotRow extends WindowRow {
  proposal_id: string | null;
  school_kind: OrganisationKind;
  /** The level taught: MBO levels count toward the 6-hour rule at any school. */
  level: MatchRequest['level'];
  /** Where it is taught: an HBO school's didactic threshold counts the hours at that school. */
  school_id: string;
  /** The first and last date it runs (a proposal: from tomorrow, within both periods). */
  from: string;
  until: string;
}

/**
 * "One of the region's organisations ($1)", as an array the planner cannot see into: it then reads
 * the requests or teachers of those organisations through their index (a national region of the
 * 100-region data set: ~4 and ~2 ms) instead of scanning every row of the country to join it to
 * the region's organisations (~33 ms in three processes, ~48 ms), which it estimates cheaper.
 */
const IN_REGION = 'ANY(ARRAY(SELECT o.id FROM organisation o WHERE o.region_id = $1))';

/**
 * "One of the ids in parameter $n" (uuid[]), as a semi-join: given a region's ~1,300 teachers or
 * ~1,900 requests as `= ANY($n)`, PostgreSQL estimated an index cheaper only while the country
 * held few rows, and at national scale read every availability window, lesson block and proposal
 * of the country (a load took ~0.5 s of PostgreSQL time, growing with every region stored); as a
 * set of ids it reads the region's rows through the indexes.
 */
const inIds = (n: number) => `IN (SELECT unnest($${n}::uuid[]))`;

/**
 * The queries behind the matching engine's input (matching/matching-input.loader.ts assembles the
 * rows) and the region lock its writers share. Every method runs in the caller's transaction
 * (`manager`). Stateless, so no provider: the loader's functions share one instance.
 */
export class MatchingInputRepository {
  /**
   * Serialises the writers of one region's proposals until the end of the caller's transaction
   * (a transaction-scoped advisory lock on the region).
   */
  async lockRegion(manager: EntityManager, regionId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('match-region-' || $1::text, 0))`, [
      regionId,
    ]);
  }

  /** The region of the request's school. */
  async regionOfRequest(manager: EntityManager, requestId: string): Promise<string> {
    const [{ region_id: regionId }]: Array<{ region_id: string }> = await manager.query(
      `SELECT s.region_id FROM teaching_request r JOIN organisation s ON s.id = r.school_id WHERE r.id = $1`,
      [requestId],
    );
    return regionId;
  }

  /**
   * Open or partially filled requests whose period has not ended by `today` (the injected clock's
   * date): of a region's schools, or one request.
   */
  async openRequests(
    manager: EntityManager,
    where: { regionId: string } | { requestId: string },
    today: string,
  ): Promise<RequestRow[]> {
    // The region's schools also as a list of ids: without it PostgreSQL reads every request of the
    // country (a national data set: 150,000) and keeps a region's ~2,000 (see IN_REGION).
    const [condition, parameter] =
      'regionId' in where
        ? [`s.region_id = $1 AND r.school_id = ${IN_REGION}`, where.regionId]
        : ['r.id = $1', where.requestId];
    return manager.query(
      `SELECT r.id, r.school_id, s.kind AS school_kind, r.subject_code, r.level, r.role,
            r.period_start::text AS period_start, r.period_end::text AS period_end, r.min_commitment_weeks,
            r.allow_team, r.allow_vog_pending, s.hbo_didactic_fte_threshold, l.latitude, l.longitude
       FROM teaching_request r
       JOIN organisation s ON s.id = r.school_id
       JOIN organisation_location l ON l.id = r.location_id
      WHERE ${condition} AND r.status IN ('open', 'partially_filled') AND r.period_end >= $2::date
      ORDER BY r.id`,
      [parameter, today],
    );
  }

  /**
   * The requests' lesson blocks that no active proposal and no active placement covers (the
   * proposals of `ignoreRun`, a match run, count as not made).
   */
  async freeBlocks(
    manager: EntityManager,
    requestIds: string[],
    ignoreRun: string | null = null,
  ): Promise<BlockRow[]> {
    return manager.query(
      `SELECT b.id, b.request_id, b.weekday,
            (extract(epoch FROM b.start_time) / 60)::int AS start, (extract(epoch FROM b.end_time) / 60)::int AS "end"
       FROM lesson_block b
      WHERE b.request_id ${inIds(1)}
        AND NOT EXISTS (SELECT 1 FROM proposal p
                         WHERE p.request_id = b.request_id AND p.status = ANY($2::proposal_status[]) AND b.id = ANY(p.block_ids)
                           AND ($3::uuid IS NULL OR p.match_run_id IS DISTINCT FROM $3::uuid))
        AND NOT EXISTS (SELECT 1 FROM placement pl
                         WHERE pl.request_id = b.request_id AND pl.status = 'active' AND b.id = ANY(pl.block_ids))
      ORDER BY b.weekday, b.start_time, b.id`,
      [requestIds, ACTIVE_PROPOSAL_STATUSES, ignoreRun],
    );
  }

  /**
   * Active teachers of the region's companies, available until `today` or later. For a cascade:
   * only those with a skill covering `subjectCode` (the taxonomy: the subject, its field or a
   * specialisation of it) who never had a proposal for `notProposedFor`.
   */
  async availableTeachers(
    manager: EntityManager,
    regionId: string,
    cascade: { subjectCode: string; notProposedFor: string } | null,
    today: string,
  ): Promise<TeacherRow[]> {
    return manager.query(
      `SELECT t.id, t.company_id, t.skills, t.levels::text[] AS levels, t.released_days_per_week, t.released_hours_per_week,
            t.available_from::text AS available_from, t.available_until::text AS available_until,
            t.home_latitude, t.home_longitude, t.max_travel_km, t.contract_hours_per_week,
            t.vog_issued_on::text AS vog_issued_on, t.qualification, t.qualification_since::text AS qualification_since, t.has_pdc, t.has_hbo_didactic
       FROM teacher_profile t
      WHERE t.company_id = ${IN_REGION} AND t.active AND (t.available_until IS NULL OR t.available_until >= $4::date)
        AND ($2::text[] IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements(t.skills) skill
                                           WHERE skill->>'subjectCode' = ANY($2::text[])))
        AND ($3::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM proposal p WHERE p.teacher_id = t.id AND p.request_id = $3))
      ORDER BY t.id`,
      [
        regionId,
        cascade ? subjectsCovering(cascade.subjectCode) : null,
        cascade?.notProposedFor ?? null,
        today,
      ],
    );
  }

  /** The teachers' weekly availability windows, in minutes of the day. */
  async windows(manager: EntityManager, teacherIds: string[]): Promise<WindowRow[]> {
    return manager.query(
      `SELECT teacher_id, weekday, (extract(epoch FROM start_time) / 60)::int AS start, (extract(epoch FROM end_time) / 60)::int AS "end"
       FROM teacher_availability_window WHERE teacher_id ${inIds(1)} ORDER BY weekday, start_time`,
      [teacherIds],
    );
  }

  /**
   * The slots of the teachers' active placements (not ended by `today`) and of their active
   * proposals (except those of `ignoreRun`, a match run), with the dates they run: a placement
   * slot's own, a proposal's from the later of its request's start, the teacher's availability and
   * tomorrow to the earlier end (at most a few days wider than the rule book's placementDates,
   * which waits for the first lesson day: a wider window only counts a slot more often).
   */
  async committedSlots(
    manager: EntityManager,
    teacherIds: string[],
    today: string,
    ignoreRun: string | null = null,
  ): Promise<CommittedSlotRow[]> {
    return manager.query(
      `SELECT s.teacher_id, NULL AS proposal_id, s.weekday, lower(s.minutes) AS start, upper(s.minutes) AS "end", o.kind AS school_kind, r.level,
              pl.school_id, lower(s.dates)::text AS "from", (upper(s.dates) - 1)::text AS until
         FROM placement_slot s
         JOIN placement pl ON pl.id = s.placement_id
         JOIN organisation o ON o.id = pl.school_id
         JOIN teaching_request r ON r.id = pl.request_id
        WHERE s.active AND s.teacher_id ${inIds(1)} AND upper(s.dates) > $4::date
       UNION ALL
       SELECT p.teacher_id, p.id, b.weekday, (extract(epoch FROM b.start_time) / 60)::int, (extract(epoch FROM b.end_time) / 60)::int, o.kind, r.level,
              p.school_id, GREATEST(r.period_start, t.available_from, $4::date + 1)::text,
              LEAST(r.period_end, COALESCE(t.available_until, r.period_end))::text
         FROM proposal p
         JOIN teacher_profile t ON t.id = p.teacher_id
         JOIN lesson_block b ON b.id = ANY(p.block_ids)
         JOIN organisation o ON o.id = p.school_id
         JOIN teaching_request r ON r.id = p.request_id
        WHERE p.status = ANY($2::proposal_status[]) AND p.teacher_id ${inIds(1)}
          AND ($3::uuid IS NULL OR p.match_run_id IS DISTINCT FROM $3::uuid)`,
      [teacherIds, ACTIVE_PROPOSAL_STATUSES, ignoreRun, today],
    );
  }

  /** The schools where the teachers had a placement. */
  async previousSchools(
    manager: EntityManager,
    teacherIds: string[],
  ): Promise<Array<{ teacher_id: string; school_id: string }>> {
    return manager.query(
      `SELECT DISTINCT teacher_id, school_id FROM placement WHERE teacher_id ${inIds(1)}`,
      [teacherIds],
    );
  }

  /** Per request, the teachers who had a proposal for it that was not approved (not counting `ignoreRun`'s). */
  async exclusions(
    manager: EntityManager,
    requestIds: string[],
    ignoreRun: string | null = null,
  ): Promise<Array<{ request_id: string; teacher_ids: string[] }>> {
    return manager.query(
      `SELECT request_id, array_agg(DISTINCT teacher_id) AS teacher_ids FROM proposal
      WHERE request_id ${inIds(1)} AND status <> 'approved' AND ($2::uuid IS NULL OR match_run_id IS DISTINCT FROM $2::uuid)
      GROUP BY request_id`,
      [requestIds, ignoreRun],
    );
  }

  /**
   * Active proposals other than `knownProposalIds` (those the input counted) that name one of the
   * teachers or requests: what a cascade claimed while the engine ran.
   */
  async activeProposalsSince(
    manager: EntityManager,
    knownProposalIds: string[],
    teacherIds: string[],
    requestIds: string[],
  ): Promise<Array<{ teacher_id: string; block_ids: string[] }>> {
    return manager.query(
      // Two lookups, by teacher and by request, each through its own index (an OR of the two
      // leaves the planner a bitmap OR at best); rows found by both are harmless to the caller.
      `SELECT teacher_id, block_ids FROM proposal
      WHERE status = ANY($1::proposal_status[]) AND id <> ALL($2::uuid[]) AND teacher_id ${inIds(3)}
      UNION ALL
      SELECT teacher_id, block_ids FROM proposal
      WHERE status = ANY($1::proposal_status[]) AND id <> ALL($2::uuid[]) AND request_id ${inIds(4)}`,
      [ACTIVE_PROPOSAL_STATUSES, knownProposalIds, teacherIds, requestIds],
    );
  }
}

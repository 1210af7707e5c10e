import { EntityManager } from 'typeorm';
import { OrganisationKind } from '@hybridmatch/domain';
import { CommittedSlot, EngineOptions, MatchRequest, MatchTeacher, SchoolKind } from '@hybridmatch/matching';

/**
 * Turns database rows into the matching engine's plain input. Shared by the match-run processor
 * in the worker (a whole region) and the decline cascade in the API (one request).
 *
 * - Requests: open or partially filled, of schools in the region, whose period has not ended;
 *   only their lesson blocks that no active proposal (proposed, awaiting approval) and no active
 *   placement covers yet. A request with no such block is left out.
 * - Teachers: active, of companies in the region, available until today or later, with their
 *   weekly windows. `committed` holds the slots of their active placements (not yet ended) and of
 *   their active proposals, so the engine never offers time or hours already promised elsewhere.
 *   `previousSchoolIds`: schools where they had a placement.
 * - Exclusions: per request, the teachers who already had a proposal for it (see the callers).
 */
export interface MatchingInput {
  teachers: MatchTeacher[];
  requests: MatchRequest[];
  exclude: NonNullable<EngineOptions['exclude']>;
  /** Active proposals counted in `committed` and in the free blocks when the input was read. */
  activeProposalIds: string[];
}

/** Proposal statuses that still claim their blocks and the teacher's time. */
export const ACTIVE_PROPOSAL_STATUSES = ['proposed', 'awaiting_approval'];

const SCHOOL_KIND: Partial<Record<OrganisationKind, SchoolKind>> = {
  [OrganisationKind.MboSchool]: 'MBO',
  [OrganisationKind.HboSchool]: 'HBO',
  [OrganisationKind.Techniekcentrum]: 'HTC',
};

/**
 * Serialises the writers of one region's proposals (a match run storing its result, a cascade)
 * until the end of the caller's transaction, so neither stores proposals computed from input the
 * other has just changed.
 */
export async function lockRegionForMatching(manager: EntityManager, regionId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('match-region-' || $1::text, 0))`, [
    regionId,
  ]);
}

/**
 * A whole region, for a match run. A teacher is excluded from a request they already had a
 * proposal for, whatever became of it, unless that proposal was approved (then they may take
 * more of the request's blocks).
 */
export async function loadRegionInput(manager: EntityManager, regionId: string): Promise<MatchingInput> {
  const requests = await loadRequests(manager, { regionId });
  const teachers = await loadTeachers(manager, regionId, null);
  const exclude = await loadExclusions(
    manager,
    requests.map((request) => request.id),
  );
  return { requests, ...(await withCommitments(manager, teachers)), exclude };
}

/**
 * One request, for the cascade after a proposal fell through: its free lesson blocks, and the
 * region's teachers with a skill in its subject who never had a proposal for it. Null when the
 * request has nothing left to offer.
 */
export async function loadRequestInput(
  manager: EntityManager,
  requestId: string,
): Promise<MatchingInput | null> {
  const [request] = await loadRequests(manager, { requestId });
  if (!request) return null;
  const [{ region_id: regionId }]: Array<{ region_id: string }> = await manager.query(
    `SELECT s.region_id FROM teaching_request r JOIN organisation s ON s.id = r.school_id WHERE r.id = $1`,
    [requestId],
  );
  const teachers = await loadTeachers(manager, regionId, {
    subjectCode: request.subjectCode,
    notProposedFor: requestId,
  });
  return { requests: [request], ...(await withCommitments(manager, teachers)), exclude: [] };
}

// ---- requests ---------------------------------------------------------------------------------

interface RequestRow {
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
  latitude: number;
  longitude: number;
}

interface BlockRow {
  id: string;
  request_id: string;
  weekday: number;
  start: number;
  end: number;
}

async function loadRequests(
  manager: EntityManager,
  where: { regionId: string } | { requestId: string },
): Promise<MatchRequest[]> {
  const [condition, parameter] =
    'regionId' in where ? ['s.region_id = $1', where.regionId] : ['r.id = $1', where.requestId];
  const rows: RequestRow[] = await manager.query(
    `SELECT r.id, r.school_id, s.kind AS school_kind, r.subject_code, r.level, r.role,
            r.period_start::text AS period_start, r.period_end::text AS period_end, r.min_commitment_weeks,
            r.allow_team, r.allow_vog_pending, l.latitude, l.longitude
       FROM teaching_request r
       JOIN organisation s ON s.id = r.school_id
       JOIN organisation_location l ON l.id = r.location_id
      WHERE ${condition} AND r.status IN ('open', 'partially_filled') AND r.period_end >= current_date
      ORDER BY r.id`,
    [parameter],
  );
  if (rows.length === 0) return [];
  const blocks: BlockRow[] = await manager.query(
    `SELECT b.id, b.request_id, b.weekday,
            (extract(epoch FROM b.start_time) / 60)::int AS start, (extract(epoch FROM b.end_time) / 60)::int AS "end"
       FROM lesson_block b
      WHERE b.request_id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM proposal p
                         WHERE p.request_id = b.request_id AND p.status = ANY($2::proposal_status[]) AND b.id = ANY(p.block_ids))
        AND NOT EXISTS (SELECT 1 FROM placement pl
                         WHERE pl.request_id = b.request_id AND pl.status = 'active' AND b.id = ANY(pl.block_ids))
      ORDER BY b.weekday, b.start_time, b.id`,
    [rows.map((row) => row.id), ACTIVE_PROPOSAL_STATUSES],
  );
  return rows.flatMap((row) => {
    const free = blocks.filter((block) => block.request_id === row.id);
    const schoolKind = SCHOOL_KIND[row.school_kind];
    if (free.length === 0 || !schoolKind) return [];
    return [
      {
        id: row.id,
        schoolId: row.school_id,
        schoolKind,
        subjectCode: row.subject_code,
        level: row.level,
        role: row.role,
        blocks: free.map((block) => ({
          id: block.id,
          weekday: block.weekday,
          start: block.start,
          end: block.end,
        })),
        periodStart: row.period_start,
        periodEnd: row.period_end,
        minCommitmentWeeks: row.min_commitment_weeks,
        location: { lat: row.latitude, lon: row.longitude },
        allowTeam: row.allow_team,
        allowVogPending: row.allow_vog_pending,
      },
    ];
  });
}

// ---- teachers ---------------------------------------------------------------------------------

interface TeacherRow {
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
}

type TeacherWithoutCommitments = Omit<MatchTeacher, 'committed' | 'previousSchoolIds'>;

async function loadTeachers(
  manager: EntityManager,
  regionId: string,
  cascade: { subjectCode: string; notProposedFor: string } | null,
): Promise<TeacherWithoutCommitments[]> {
  const rows: TeacherRow[] = await manager.query(
    `SELECT t.id, t.company_id, t.skills, t.levels::text[] AS levels, t.released_days_per_week, t.released_hours_per_week,
            t.available_from::text AS available_from, t.available_until::text AS available_until,
            t.home_latitude, t.home_longitude, t.max_travel_km, t.contract_hours_per_week,
            t.vog_issued_on::text AS vog_issued_on, t.qualification, t.qualification_since::text AS qualification_since
       FROM teacher_profile t
       JOIN organisation c ON c.id = t.company_id
      WHERE c.region_id = $1 AND t.active AND (t.available_until IS NULL OR t.available_until >= current_date)
        AND ($2::jsonb IS NULL OR t.skills @> $2::jsonb)
        AND ($3::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM proposal p WHERE p.teacher_id = t.id AND p.request_id = $3))
      ORDER BY t.id`,
    [
      regionId,
      cascade ? JSON.stringify([{ subjectCode: cascade.subjectCode }]) : null,
      cascade?.notProposedFor ?? null,
    ],
  );
  if (rows.length === 0) return [];
  const windows: Array<{ teacher_id: string; weekday: number; start: number; end: number }> =
    await manager.query(
      `SELECT teacher_id, weekday, (extract(epoch FROM start_time) / 60)::int AS start, (extract(epoch FROM end_time) / 60)::int AS "end"
       FROM teacher_availability_window WHERE teacher_id = ANY($1::uuid[]) ORDER BY weekday, start_time`,
      [rows.map((row) => row.id)],
    );
  return rows.map((row) => ({
    id: row.id,
    companyId: row.company_id,
    skills: row.skills.map(({ subjectCode, level }) => ({ subjectCode, level })),
    levels: row.levels,
    windows: windows
      .filter((window) => window.teacher_id === row.id)
      .map(({ weekday, start, end }) => ({ weekday, start, end })),
    releasedDaysPerWeek: row.released_days_per_week,
    releasedMinutesPerWeek: Math.round(Number(row.released_hours_per_week) * 60),
    availableFrom: row.available_from,
    availableUntil: row.available_until,
    home: { lat: row.home_latitude, lon: row.home_longitude },
    maxTravelKm: row.max_travel_km,
    contractHoursPerWeek: Number(row.contract_hours_per_week),
    vogIssuedOn: row.vog_issued_on,
    qualification: row.qualification,
    qualificationSince: row.qualification_since,
  }));
}

/** Adds what each teacher has already promised (placements and active proposals) and where they taught. */
async function withCommitments(
  manager: EntityManager,
  teachers: TeacherWithoutCommitments[],
): Promise<Pick<MatchingInput, 'teachers' | 'activeProposalIds'>> {
  const teacherIds = teachers.map((teacher) => teacher.id);
  const slots: Array<{
    teacher_id: string;
    proposal_id: string | null;
    weekday: number;
    start: number;
    end: number;
    school_kind: OrganisationKind;
  }> = await manager.query(
    `SELECT s.teacher_id, NULL AS proposal_id, s.weekday, lower(s.minutes) AS start, upper(s.minutes) AS "end", o.kind AS school_kind
         FROM placement_slot s
         JOIN placement pl ON pl.id = s.placement_id
         JOIN organisation o ON o.id = pl.school_id
        WHERE s.active AND s.teacher_id = ANY($1::uuid[]) AND upper(s.dates) > current_date
       UNION ALL
       SELECT p.teacher_id, p.id, b.weekday, (extract(epoch FROM b.start_time) / 60)::int, (extract(epoch FROM b.end_time) / 60)::int, o.kind
         FROM proposal p
         JOIN lesson_block b ON b.id = ANY(p.block_ids)
         JOIN organisation o ON o.id = p.school_id
        WHERE p.status = ANY($2::proposal_status[]) AND p.teacher_id = ANY($1::uuid[])`,
    [teacherIds, ACTIVE_PROPOSAL_STATUSES],
  );
  const schools: Array<{ teacher_id: string; school_id: string }> = await manager.query(
    `SELECT DISTINCT teacher_id, school_id FROM placement WHERE teacher_id = ANY($1::uuid[])`,
    [teacherIds],
  );
  const committedOf = new Map<string, CommittedSlot[]>();
  for (const slot of slots) {
    const schoolKind = SCHOOL_KIND[slot.school_kind];
    if (!schoolKind) continue;
    const list = committedOf.get(slot.teacher_id) ?? [];
    list.push({ weekday: slot.weekday, start: slot.start, end: slot.end, schoolKind });
    committedOf.set(slot.teacher_id, list);
  }
  return {
    teachers: teachers.map((teacher) => ({
      ...teacher,
      committed: committedOf.get(teacher.id) ?? [],
      previousSchoolIds: schools.filter((row) => row.teacher_id === teacher.id).map((row) => row.school_id),
    })),
    activeProposalIds: [...new Set(slots.flatMap((slot) => (slot.proposal_id ? [slot.proposal_id] : [])))],
  };
}

async function loadExclusions(
  manager: EntityManager,
  requestIds: string[],
): Promise<MatchingInput['exclude']> {
  if (requestIds.length === 0) return [];
  const rows: Array<{ request_id: string; teacher_ids: string[] }> = await manager.query(
    `SELECT request_id, array_agg(DISTINCT teacher_id) AS teacher_ids FROM proposal
      WHERE request_id = ANY($1::uuid[]) AND status <> 'approved'
      GROUP BY request_id`,
    [requestIds],
  );
  return rows.map((row) => ({ requestId: row.request_id, teacherIds: row.teacher_ids }));
}

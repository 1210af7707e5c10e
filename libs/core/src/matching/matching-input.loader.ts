import { EntityManager } from 'typeorm';
import { groupBy, OrganisationKind } from '@hybridmatch/domain';
import {
  CommittedSlot,
  EngineOptions,
  MatchRequest,
  MatchTeacher,
  ProposedMatch,
  SchoolKind,
} from '@hybridmatch/matching';
import { MatchingInputRepository } from '../repositories/matching-input.repository';

/**
 * Turns the rows MatchingInputRepository reads into the matching engine's plain input. Shared by
 * the match-run processor
 * in the worker (a whole region) and the decline cascade in the API (one request).
 *
 * "Today" is the caller's (the injected clock's date), never the database's `current_date`, so a
 * test with a controlled clock matches as the product would on that day.
 *
 * - Requests: open or partially filled, of schools in the region, whose period has not ended by
 *   today, with their whole period: the engine, given `today` (EngineOptions.today, pass
 *   `input.today`), sees what is left of it as the rule book does (placementDates);
 *   only their lesson blocks that no active proposal (proposed, awaiting approval) and no active
 *   placement covers yet. A request with no such block is left out.
 * - Teachers: active, of companies in the region, available until today or later, with their
 *   weekly windows. `committed` holds the slots of their active placements (not yet ended) and of
 *   their active proposals, each with its dates (a placement's, or the dates a proposal would run
 *   from tomorrow), so the engine never offers time or hours already promised elsewhere on the
 *   same dates.
 *   `previousSchoolIds`: schools where they had a placement.
 * - Exclusions: per request, the teachers who already had a proposal for it (see the callers).
 */
export interface MatchingInput {
  /** The date the input was read for: the engine's `today` option. */
  today: string;
  teachers: MatchTeacher[];
  requests: MatchRequest[];
  exclude: NonNullable<EngineOptions['exclude']>;
  /** Active proposals counted in `committed` and in the free blocks when the input was read. */
  activeProposalIds: string[];
}

/** The loader's queries; stateless, so one instance serves every caller. */
const repository = new MatchingInputRepository();

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
  await repository.lockRegion(manager, regionId);
}

/**
 * A whole region, for a match run, as of `today` (the injected clock's date, `YYYY-MM-DD`). A
 * teacher is excluded from a request they already had a proposal for, whatever became of it,
 * unless that proposal was approved (then they may take more of the request's blocks).
 */
export async function loadRegionInput(
  manager: EntityManager,
  regionId: string,
  today: string,
  options: RegionInputOptions = {},
): Promise<MatchingInput> {
  const ignoreRun = options.withoutProposalsOfRun ?? null;
  const requests = await loadRequests(manager, { regionId }, today, ignoreRun);
  const teachers = await loadTeachers(manager, regionId, null, today);
  const exclude = await loadExclusions(
    manager,
    requests.map((request) => request.id),
    ignoreRun,
  );
  return { today, requests, ...(await withCommitments(manager, teachers, today, ignoreRun)), exclude };
}

export interface RegionInputOptions {
  /**
   * Read the region as this match run saw it: its own proposals count as not made (their blocks
   * free, their teachers' time uncommitted, no exclusions from them). For questions about a run
   * ("why not this teacher"); everything else is as it is now.
   */
  withoutProposalsOfRun?: string;
}

/**
 * One request, for the cascade after a proposal fell through, as of `today`: its free lesson
 * blocks, and the region's teachers with a skill in its subject who never had a proposal for it.
 * Null when the request has nothing left to offer.
 */
export async function loadRequestInput(
  manager: EntityManager,
  requestId: string,
  today: string,
): Promise<MatchingInput | null> {
  const [request] = await loadRequests(manager, { requestId }, today);
  if (!request) return null;
  const regionId = await repository.regionOfRequest(manager, requestId);
  const teachers = await loadTeachers(
    manager,
    regionId,
    { subjectCode: request.subjectCode, notProposedFor: requestId },
    today,
  );
  return {
    today,
    requests: [request],
    ...(await withCommitments(manager, teachers, today)),
    exclude: [],
  };
}

/**
 * Drops the matches a cascade overtook while the engine ran: a block now covered by a proposal
 * the input did not know, or a teacher who received one (their time may be taken). The caller
 * holds the region's matching lock, so nothing new appears while the proposals are stored.
 */
export async function withoutClaimedSince(
  manager: EntityManager,
  matches: ProposedMatch[],
  input: MatchingInput,
): Promise<ProposedMatch[]> {
  if (matches.length === 0) return matches;
  const fresh = await repository.activeProposalsSince(
    manager,
    input.activeProposalIds,
    matches.map((match) => match.teacherId),
    matches.map((match) => match.requestId),
  );
  const busyTeachers = new Set(fresh.map((row) => row.teacher_id));
  const claimedBlocks = new Set(fresh.flatMap((row) => row.block_ids));
  return matches.filter(
    (match) =>
      !busyTeachers.has(match.teacherId) && !match.blockIds.some((blockId) => claimedBlocks.has(blockId)),
  );
}

// ---- requests ---------------------------------------------------------------------------------

async function loadRequests(
  manager: EntityManager,
  where: { regionId: string } | { requestId: string },
  today: string,
  ignoreRun: string | null = null,
): Promise<MatchRequest[]> {
  const requests = await repository.openRequests(manager, where, today);
  if (requests.length === 0) return [];
  const blocks = await repository.freeBlocks(
    manager,
    requests.map((row) => row.id),
    ignoreRun,
  );
  const freeOf = groupBy(blocks, (block) => block.request_id);
  return requests.flatMap((row) => {
    const free = freeOf.get(row.id) ?? [];
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
        hboDidacticFteThreshold:
          row.hbo_didactic_fte_threshold === null ? null : Number(row.hbo_didactic_fte_threshold),
      },
    ];
  });
}

// ---- teachers ---------------------------------------------------------------------------------

type TeacherWithoutCommitments = Omit<MatchTeacher, 'committed' | 'previousSchoolIds'>;

async function loadTeachers(
  manager: EntityManager,
  regionId: string,
  cascade: { subjectCode: string; notProposedFor: string } | null,
  today: string,
): Promise<TeacherWithoutCommitments[]> {
  const teachers = await repository.availableTeachers(manager, regionId, cascade, today);
  if (teachers.length === 0) return [];
  const windows = await repository.windows(
    manager,
    teachers.map((row) => row.id),
  );
  const windowsOf = groupBy(windows, (window) => window.teacher_id);
  return teachers.map((row) => ({
    id: row.id,
    companyId: row.company_id,
    skills: row.skills.map(({ subjectCode, level }) => ({ subjectCode, level })),
    levels: row.levels,
    windows: (windowsOf.get(row.id) ?? []).map(({ weekday, start, end }) => ({ weekday, start, end })),
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
    hasPdc: row.has_pdc,
    hasHboDidactic: row.has_hbo_didactic,
  }));
}

/** Adds what each teacher has already promised (placements and active proposals) and where they taught. */
async function withCommitments(
  manager: EntityManager,
  teachers: TeacherWithoutCommitments[],
  today: string,
  ignoreRun: string | null = null,
): Promise<Pick<MatchingInput, 'teachers' | 'activeProposalIds'>> {
  const teacherIds = teachers.map((teacher) => teacher.id);
  const slots = await repository.committedSlots(manager, teacherIds, today, ignoreRun);
  const schools = await repository.previousSchools(manager, teacherIds);
  const committedOf = new Map<string, CommittedSlot[]>();
  for (const slot of slots) {
    const schoolKind = SCHOOL_KIND[slot.school_kind];
    if (!schoolKind) continue;
    const list = committedOf.get(slot.teacher_id) ?? [];
    list.push({
      weekday: slot.weekday,
      start: slot.start,
      end: slot.end,
      schoolKind,
      level: slot.level,
      schoolId: slot.school_id,
      from: slot.from,
      until: slot.until,
    });
    committedOf.set(slot.teacher_id, list);
  }
  const schoolsOf = groupBy(schools, (row) => row.teacher_id);
  return {
    teachers: teachers.map((teacher) => ({
      ...teacher,
      committed: committedOf.get(teacher.id) ?? [],
      previousSchoolIds: (schoolsOf.get(teacher.id) ?? []).map((row) => row.school_id),
    })),
    activeProposalIds: [...new Set(slots.flatMap((slot) => (slot.proposal_id ? [slot.proposal_id] : [])))],
  };
}

async function loadExclusions(
  manager: EntityManager,
  requestIds: string[],
  ignoreRun: string | null = null,
): Promise<MatchingInput['exclude']> {
  if (requestIds.length === 0) return [];
  const excluded = await repository.exclusions(manager, requestIds, ignoreRun);
  return excluded.map((row) => ({ requestId: row.request_id, teacherIds: row.teacher_ids }));
}

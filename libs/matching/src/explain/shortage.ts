import { groupBy, skillCoverage } from '@hybridmatch/domain';
import { eligibilityChecker } from '../region/eligibility';
import {
  EducationLevel,
  EngineOptions,
  MatchRequest,
  MatchTeacher,
  RegionResult,
} from '../region/region.types';
import { solveRegion } from '../region/solve-region';

/** A staff profile: one more teacher with this skill, free on this weekday. */
export interface ProfileSignal {
  subjectCode: string;
  level: EducationLevel;
  weekday: number;
  /** Unfilled minutes per week the region gains when this teacher is added and the region re-solved. */
  minutesGained: number;
  blocksGained: number;
  /** The teacher that was added (for the record: the gain is of exactly this teacher). */
  teacher: MatchTeacher;
}

/** One more released day for one of a company's teachers. */
export interface StaffSignal {
  teacherId: string;
  companyId: string;
  minutesGained: number;
  blocksGained: number;
}

export interface ShortageSignals {
  baseline: { minutesFilled: number; blocksFilled: number };
  /** Most minutes gained first; only profiles that gain something. */
  profiles: ProfileSignal[];
  /** Per company its best teacher first; only teachers whose extra day gains something. */
  staff: StaffSignal[];
  /** Region re-solves made (the baseline included). */
  solves: number;
  /** Candidates left out by the budget (profiles and teachers not re-solved). */
  notTried: number;
  ms: number;
}

/** The released hours of the profile teacher: one day of 6 clock hours (the "hybrid light" 6-hour rule). */
export const PROFILE_RELEASED_MINUTES = 360;

/** Re-solves per kind of signal (profiles, staff) by default: about 1 s on a seeded region of 100 teachers. */
export const DEFAULT_SHORTAGE_SOLVES = 24;

export interface ShortageOptions extends EngineOptions {
  /** Most re-solves per kind of signal; candidates are tried in order of the open minutes they address. */
  maxSolvesPerKind?: number;
}

/**
 * Shortage signals from the optimiser: for the (subject, level, weekday) profiles of the blocks the
 * region leaves unfilled, add one such teacher (`profileTeacher`) and re-solve the region; for the
 * teachers who could take an unfilled block with one more released day, give them that day and
 * re-solve. Every gain is the difference of two real solves (the engine, `solveRegion`), never an
 * estimate. To stay within about a second per region, the candidates are ranked by the unfilled
 * minutes they address (a profile: its open blocks' minutes; a teacher: the open blocks it would
 * become eligible for) and only the first `maxSolvesPerKind` of each kind are re-solved.
 */
export function shortageSignals(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  options: ShortageOptions = {},
): ShortageSignals {
  const started = performance.now();
  const { maxSolvesPerKind = DEFAULT_SHORTAGE_SOLVES, ...engine } = options;
  const solve = (ts: readonly MatchTeacher[]): RegionResult =>
    solveRegion(ts, requests, { ...engine, explain: false });
  const base = solve(teachers);
  let solves = 1;
  let notTried = 0;
  const gain = (r: RegionResult) => ({
    minutesGained: r.totals.minutesFilled - base.totals.minutesFilled,
    blocksGained: r.totals.blocksFilled - base.totals.blocksFilled,
  });
  const requestById = new Map(requests.map((r) => [r.id, r]));
  const unfilled = base.unfilled.map((u) => {
    const request = requestById.get(u.requestId)!;
    return { request, block: request.blocks.find((b) => b.id === u.blockId)! };
  });

  // Profiles: ranked by the open minutes of their blocks.
  const keys = new Map<
    string,
    { subjectCode: string; level: EducationLevel; weekday: number; open: number }
  >();
  for (const { request, block } of unfilled) {
    const key = `${request.subjectCode}\u0000${request.level}\u0000${block.weekday}`;
    const entry = keys.get(key) ?? {
      subjectCode: request.subjectCode,
      level: request.level,
      weekday: block.weekday,
      open: 0,
    };
    entry.open += block.end - block.start;
    keys.set(key, entry);
  }
  const rankedProfiles = [...keys.values()].sort((a, b) => b.open - a.open || compareProfiles(a, b));
  notTried += Math.max(0, rankedProfiles.length - maxSolvesPerKind);
  const profiles: ProfileSignal[] = [];
  for (const { open: _open, ...key } of rankedProfiles.slice(0, maxSolvesPerKind)) {
    const teacher = profileTeacher(key, requests, base);
    const result = solve([...teachers, teacher]);
    solves++;
    const g = gain(result);
    if (g.minutesGained > 0) profiles.push({ ...key, ...g, teacher });
  }
  profiles.sort((a, b) => b.minutesGained - a.minutesGained || compareProfiles(a, b));

  // Staff: teachers one more day makes eligible for open blocks (of a subject they have), ranked by those blocks' minutes.
  const candidates: { index: number; open: number }[] = [];
  const check = eligibilityChecker(engine);
  // The open blocks by requested subject: whether a teacher's skills cover a subject is decided once
  // per teacher and subject, not once per open block (a national region has ~1,300 teachers and
  // ~1,650 open blocks in ~25 subjects).
  const openBySubject = groupBy(unfilled, (open) => open.request.subjectCode);
  teachers.forEach((teacher, index) => {
    const mine: typeof unfilled = [];
    for (const [subjectCode, list] of openBySubject) {
      if (teacher.skills.some((skill) => skillCoverage(skill.subjectCode, subjectCode) !== null))
        mine.push(...list);
    }
    if (mine.length === 0) return;
    const more = withOneMoreDay(teacher);
    const open = mine.reduce(
      (sum, { request, block }) =>
        check(more, request, block).eligible ? sum + block.end - block.start : sum,
      0,
    );
    if (open > 0) candidates.push({ index, open });
  });
  candidates.sort((a, b) => b.open - a.open || a.index - b.index);
  notTried += Math.max(0, candidates.length - maxSolvesPerKind);
  const staff: StaffSignal[] = [];
  for (const { index } of candidates.slice(0, maxSolvesPerKind)) {
    const teacher = teachers[index];
    const more = withOneMoreDay(teacher);
    const result = solve(teachers.map((t, k) => (k === index ? more : t)));
    solves++;
    const g = gain(result);
    if (g.minutesGained > 0) staff.push({ teacherId: teacher.id, companyId: teacher.companyId, ...g });
  }
  staff.sort(
    (a, b) =>
      a.companyId.localeCompare(b.companyId) ||
      b.minutesGained - a.minutesGained ||
      a.teacherId.localeCompare(b.teacherId),
  );
  return {
    baseline: { minutesFilled: base.totals.minutesFilled, blocksFilled: base.totals.blocksFilled },
    profiles,
    staff,
    solves,
    notTried,
    ms: performance.now() - started,
  };
}

const compareProfiles = (
  a: { subjectCode: string; level: string; weekday: number },
  b: { subjectCode: string; level: string; weekday: number },
) => a.subjectCode.localeCompare(b.subjectCode) || a.level.localeCompare(b.level) || a.weekday - b.weekday;

/**
 * The teacher a profile stands for: the skill at the level (proficiency 2), free 08:00–18:00 on the
 * weekday, one released day of 6 clock hours, a valid VOG and no teaching qualification (the
 * 6-hour rule applies), living at the mean position of the schools with unfilled blocks of that
 * profile and travelling up to 40 km, available from the earliest of their period starts.
 */
export function profileTeacher(
  profile: { subjectCode: string; level: EducationLevel; weekday: number },
  requests: readonly MatchRequest[],
  base: RegionResult,
): MatchTeacher {
  const open = new Set(base.unfilled.map((u) => u.requestId));
  const wanted = requests.filter(
    (r) =>
      open.has(r.id) &&
      r.subjectCode === profile.subjectCode &&
      r.level === profile.level &&
      r.blocks.some((b) => b.weekday === profile.weekday),
  );
  const lat = wanted.reduce((s, r) => s + r.location.lat, 0) / Math.max(1, wanted.length);
  const lon = wanted.reduce((s, r) => s + r.location.lon, 0) / Math.max(1, wanted.length);
  const from = wanted.map((r) => r.periodStart).sort()[0] ?? '2000-01-01';
  return {
    id: `profile-${profile.subjectCode}-${profile.level}-${profile.weekday}`,
    companyId: 'profile',
    skills: [{ subjectCode: profile.subjectCode, level: profile.level, proficiency: 2 }],
    levels: [],
    windows: [{ weekday: profile.weekday, start: 8 * 60, end: 18 * 60 }],
    releasedDaysPerWeek: 1,
    releasedMinutesPerWeek: PROFILE_RELEASED_MINUTES,
    availableFrom: from,
    availableUntil: null,
    home: { lat, lon },
    maxTravelKm: 40,
    contractHoursPerWeek: 32,
    vogIssuedOn: from,
    qualification: 'none',
    qualificationSince: null,
    committed: [],
  };
}

/** The same teacher with one more released day and that day's share of released minutes. */
export function withOneMoreDay(teacher: MatchTeacher): MatchTeacher {
  const days = Math.max(1, teacher.releasedDaysPerWeek);
  return {
    ...teacher,
    releasedDaysPerWeek: teacher.releasedDaysPerWeek + 1,
    releasedMinutesPerWeek:
      teacher.releasedMinutesPerWeek + Math.round(teacher.releasedMinutesPerWeek / days),
  };
}

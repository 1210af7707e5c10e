import { checkEligibility } from '../region/eligibility';
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
  /** Region re-solves made. */
  solves: number;
  ms: number;
}

/** The released hours of the profile teacher: one day of 6 clock hours (the "hybrid light" 6-hour rule). */
export const PROFILE_RELEASED_MINUTES = 360;

/**
 * Shortage signals from the optimiser: for every (subject, level, weekday) of the blocks the region
 * leaves unfilled, add one such teacher (`profileTeacher`) and re-solve the region; for every
 * teacher who could take an unfilled block with one more released day, give it that day and
 * re-solve. Every gain is the difference of two real solves (the engine, `solveRegion`), never an
 * estimate.
 */
export function shortageSignals(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  options: EngineOptions = {},
): ShortageSignals {
  const started = performance.now();
  const solve = (ts: readonly MatchTeacher[]): RegionResult =>
    solveRegion(ts, requests, { ...options, explain: false });
  const base = solve(teachers);
  let solves = 1;
  const gain = (r: RegionResult) => ({
    minutesGained: r.totals.minutesFilled - base.totals.minutesFilled,
    blocksGained: r.totals.blocksFilled - base.totals.blocksFilled,
  });
  const requestById = new Map(requests.map((r) => [r.id, r]));
  const unfilled = base.unfilled.map((u) => {
    const request = requestById.get(u.requestId)!;
    return { request, block: request.blocks.find((b) => b.id === u.blockId)! };
  });

  const profiles: ProfileSignal[] = [];
  const keys = new Map<string, { subjectCode: string; level: EducationLevel; weekday: number }>();
  for (const { request, block } of unfilled)
    keys.set(`${request.subjectCode}\u0000${request.level}\u0000${block.weekday}`, {
      subjectCode: request.subjectCode,
      level: request.level,
      weekday: block.weekday,
    });
  for (const key of keys.values()) {
    const teacher = profileTeacher(key, requests, base);
    const result = solve([...teachers, teacher]);
    solves++;
    const g = gain(result);
    if (g.minutesGained > 0) profiles.push({ ...key, ...g, teacher });
  }
  profiles.sort((a, b) => b.minutesGained - a.minutesGained || a.subjectCode.localeCompare(b.subjectCode));

  const staff: StaffSignal[] = [];
  teachers.forEach((teacher, index) => {
    const more = withOneMoreDay(teacher);
    if (!unfilled.some(({ request, block }) => checkEligibility(more, request, block, options).eligible))
      return;
    const result = solve(teachers.map((t, k) => (k === index ? more : t)));
    solves++;
    const g = gain(result);
    if (g.minutesGained > 0) staff.push({ teacherId: teacher.id, companyId: teacher.companyId, ...g });
  });
  staff.sort((a, b) => a.companyId.localeCompare(b.companyId) || b.minutesGained - a.minutesGained);
  return {
    baseline: { minutesFilled: base.totals.minutesFilled, blocksFilled: base.totals.blocksFilled },
    profiles,
    staff,
    solves,
    ms: performance.now() - started,
  };
}

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

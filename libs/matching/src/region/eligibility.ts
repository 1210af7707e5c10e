import {
  hboDidacticMinutes,
  isMboLevel,
  meetsRoleRequirement,
  neededDays as neededDaysOf,
  placementStart,
  SkillCoverageKind,
  subjectsCoveredBy,
  PDG_DEADLINE_MONTHS,
  SIX_HOUR_RULE_MINUTES,
  VOG_MAX_AGE_MONTHS,
  WORKING_HOURS_MAX_MINUTES,
} from '@hybridmatch/domain';
import { popcount } from './bits';
import { addMonthsDay, dayNumber, formatClock, greatCircleKm, isoFromDay, weekdayName } from './dates';
import {
  CommittedSlot,
  EducationLevel,
  EngineOptions,
  GeoPoint,
  LessonBlock,
  MatchRequest,
  MatchTeacher,
  RuleCode,
  RuleFailure,
  WeeklySlot,
} from './region.types';

/** Level order: a skill "covers" a request level when its rank is equal (or higher, if allowed). */
export const LEVEL_RANK: Readonly<Record<EducationLevel, number>> = {
  MBO1: 1,
  MBO2: 2,
  MBO3: 3,
  MBO4: 4,
  HBO: 5,
};
// The numbers of the rules come from the rule book (@hybridmatch/domain, docs/RULES.md).
export { SIX_HOUR_RULE_MINUTES, WORKING_HOURS_MAX_MINUTES, VOG_MAX_AGE_MONTHS };
/** A PDG in progress allows more than 6 h a week for 2 years from its start. */
export const PDG_GRACE_MONTHS = PDG_DEADLINE_MONTHS;

/** A teacher's skill as it covers one requested subject. */
export interface PreparedSkill {
  rank: number;
  proficiency: number;
  /** SKILL_COVERAGE_FIT of `kind`: 1 for the subject itself. */
  fit: number;
  kind: SkillCoverageKind;
}

/**
 * The skill value of one skill for a request at `levelRank`: fit × proficiency / 3, × 0.8 above
 * the requested level (when allowed); -1 when it does not cover the level.
 */
export function skillValueAt(s: PreparedSkill, levelRank: number, allowHigher: boolean): number {
  if (s.rank === levelRank) return (s.fit * s.proficiency) / 3;
  if (s.rank > levelRank && allowHigher) return (0.8 * s.fit * s.proficiency) / 3;
  return -1;
}

/** bestSkill's value alone (-1: none), without allocating: the rules' hot path. */
function bestSkillValue(
  list: readonly PreparedSkill[] | undefined,
  levelRank: number,
  allowHigher: boolean,
): number {
  let value = -1;
  if (list === undefined) return value;
  for (let k = 0; k < list.length; k++) {
    const v = skillValueAt(list[k], levelRank, allowHigher);
    if (v > value) value = v;
  }
  return value;
}

/** The best skill for a request at `levelRank` among those covering its subject: value (-1: none) and kind. */
export function bestSkill(
  list: readonly PreparedSkill[] | undefined,
  levelRank: number,
  allowHigher: boolean,
): { value: number; kind: SkillCoverageKind | null } {
  let value = -1;
  let kind: SkillCoverageKind | null = null;
  for (const s of list ?? []) {
    const v = skillValueAt(s, levelRank, allowHigher);
    if (v > value) {
      value = v;
      kind = s.kind;
    }
  }
  return { value, kind };
}

/** Teacher facts computed once per solve. */
export interface PreparedTeacher {
  teacher: MatchTeacher;
  index: number;
  fromDay: number;
  untilDay: number;
  /** Last start day on which the VOG is still at most 6 months old (-Infinity: no VOG). */
  vogValidUntilDay: number;
  /** Last day on which a PDG in progress still allows > 6 h (the 2-year deadline; -Infinity: never). */
  pdgGraceUntilDay: number;
  /** The rule book's role requirement for the instructor role (PDC) is met. */
  meetsInstructor: boolean;
  /** Unlimited hours at MBO (qualification pdg or full). */
  unlimitedMbo: boolean;
  /** Meets HBO didactic requirements (BDB/BKE): no HBO school's FTE threshold applies. */
  hasHboDidactic: boolean;
  /**
   * Some committed slot has dates (`from`/`until`): the load counted for a request depends on it
   * (see committedDuring); the figures below count every slot.
   */
  datedCommitments: boolean;
  /** Committed minutes per week by school id (an HBO school's threshold counts its own hours). */
  committedBySchool: ReadonlyMap<string, number>;
  committedMinutes: number;
  committedMboMinutes: number;
  committedDaysMask: number;
  committedCount: number;
  releasedMinutesLeft: number;
  workingMinutesLeft: number;
  daysLeft: number;
  /** windows[weekday] = flat [start, end, start, end, ...]. */
  windows: readonly (readonly number[])[];
  committedSlots: readonly (readonly number[])[];
  /**
   * Per requested subject, the skills that cover it (the taxonomy: a skill covers its own subject,
   * a field its specialisations, a specialisation its field), each with its fit and kind.
   */
  skills: Map<string, PreparedSkill[]>;
  levelsMask: number;
  previousSchools: ReadonlySet<string>;
  preferredSubjects: ReadonlySet<string>;
  /** Committed share of the released minutes, in [0, 1]. */
  committedShare: number;
}

export interface PreparedRequest {
  request: MatchRequest;
  index: number;
  /**
   * The day the rules see a teacher start (before the teacher's own availability): the period's
   * start or, with `today`, the latest first lesson day after today over the request's block
   * weekdays, so the VOG and the period hold whichever of its blocks a proposal takes.
   */
  startDay: number;
  /**
   * The earliest day a placement on the request may start (the first lesson day after today over
   * all its weekdays): a committed slot running from then on counts (the wider window is safe).
   */
  commitFromDay: number;
  endDay: number;
  /** PERIOD: days a teacher must be available from startDay (the rule book's neededDays with `today`). */
  neededDays: number;
  levelRank: number;
  isMbo: boolean;
  /**
   * The rule book's HBO_DIDACTIC threshold of the school in minutes per week (Infinity: none):
   * a teacher without the didactic qualification teaches at most this much there.
   */
  hboCapMinutes: number;
}

// Prepared teachers live through a whole solve: their lists are exact-size and the empty ones shared.
/** Slots of a weekday without any (shared, never mutated). */
const NO_SLOTS: readonly number[] = Object.freeze([]);
/** An empty set of previous schools or preferred subjects (shared, never mutated). */
const NO_STRINGS: ReadonlySet<string> = new Set<string>();

/** Slots by weekday 0..7 (index 0 unused), all empty. */
function emptyDays(): (readonly number[])[] {
  return [NO_SLOTS, NO_SLOTS, NO_SLOTS, NO_SLOTS, NO_SLOTS, NO_SLOTS, NO_SLOTS, NO_SLOTS];
}

function addSlot(days: (readonly number[])[], slot: WeeklySlot): void {
  const list = days[slot.weekday];
  days[slot.weekday] = list === NO_SLOTS ? [slot.start, slot.end] : [...list, slot.start, slot.end];
}

export function prepareTeacher(teacher: MatchTeacher, index: number): PreparedTeacher {
  const windows = emptyDays();
  for (const w of teacher.windows) {
    const problem = slotProblem(w);
    if (problem !== null) throw new RangeError(`teacher ${teacher.id} window: ${problem}`);
    addSlot(windows, w);
  }
  const committedSlots = emptyDays();
  let committedMinutes = 0;
  let committedMboMinutes = 0;
  let committedDaysMask = 0;
  let datedCommitments = false;
  const committedBySchool = new Map<string, number>();
  for (const c of teacher.committed ?? []) {
    const problem = slotProblem(c);
    if (problem !== null) throw new RangeError(`teacher ${teacher.id} committed slot: ${problem}`);
    addSlot(committedSlots, c);
    committedMinutes += c.end - c.start;
    if (committedAtMboLevel(c)) committedMboMinutes += c.end - c.start;
    committedDaysMask |= 1 << c.weekday;
    if (c.from !== undefined || c.until !== undefined) datedCommitments = true;
    if (c.schoolId !== undefined)
      committedBySchool.set(c.schoolId, (committedBySchool.get(c.schoolId) ?? 0) + c.end - c.start);
  }
  const skills = new Map<string, PreparedSkill[]>();
  for (const s of teacher.skills) {
    for (const covered of subjectsCoveredBy(s.subjectCode)) {
      const skill = {
        rank: LEVEL_RANK[s.level],
        proficiency: s.proficiency ?? 2,
        fit: covered.fit,
        kind: covered.kind,
      };
      const list = skills.get(covered.code);
      if (list === undefined) skills.set(covered.code, [skill]);
      else list.push(skill);
    }
  }
  let levelsMask = 0;
  for (const l of teacher.levels) levelsMask |= 1 << LEVEL_RANK[l];
  const q = teacher.qualification;
  const releasedMinutes = teacher.releasedMinutesPerWeek;
  return {
    teacher,
    index,
    fromDay: dayNumber(teacher.availableFrom),
    untilDay: teacher.availableUntil === null ? Infinity : dayNumber(teacher.availableUntil),
    vogValidUntilDay:
      teacher.vogIssuedOn === null ? -Infinity : addMonthsDay(teacher.vogIssuedOn, VOG_MAX_AGE_MONTHS),
    pdgGraceUntilDay:
      q === 'pdg_in_progress' && teacher.qualificationSince !== null
        ? addMonthsDay(teacher.qualificationSince, PDG_GRACE_MONTHS) - 1
        : -Infinity,
    unlimitedMbo: q === 'pdg' || q === 'full',
    hasHboDidactic: teacher.hasHboDidactic ?? false,
    datedCommitments,
    committedBySchool,
    meetsInstructor: meetsRoleRequirement(
      { hasPdc: teacher.hasPdc ?? false, qualification: teacher.qualification },
      'instructor',
    ),
    committedMinutes,
    committedMboMinutes,
    committedDaysMask,
    committedCount: teacher.committed?.length ?? 0,
    releasedMinutesLeft: releasedMinutes - committedMinutes,
    workingMinutesLeft:
      WORKING_HOURS_MAX_MINUTES - Math.round(teacher.contractHoursPerWeek * 60) - committedMinutes,
    daysLeft: teacher.releasedDaysPerWeek - popcount(committedDaysMask),
    windows,
    committedSlots,
    skills,
    levelsMask,
    previousSchools: teacher.previousSchoolIds?.length ? new Set(teacher.previousSchoolIds) : NO_STRINGS,
    preferredSubjects: teacher.preferredSubjects?.length ? new Set(teacher.preferredSubjects) : NO_STRINGS,
    committedShare: releasedMinutes > 0 ? Math.min(1, committedMinutes / releasedMinutes) : 1,
  };
}

/** `today`: the engine's option (time is real); absent, the request is seen from its period's start. */
export function prepareRequest(request: MatchRequest, index: number, today?: string): PreparedRequest {
  for (const b of request.blocks) {
    const problem = slotProblem(b);
    if (problem !== null) throw new RangeError(`request ${request.id} block ${b.id}: ${problem}`);
  }
  const periodStartDay = dayNumber(request.periodStart);
  let startDay = periodStartDay;
  let commitFromDay = periodStartDay;
  let neededDays = Math.max(1, Math.round(request.minCommitmentWeeks * 7));
  if (today !== undefined) {
    // The rule book's dates: a proposal of some of the blocks starts on the first lesson day of
    // its weekdays; checked at the latest such day, it holds for every choice of blocks.
    const weekdays = request.blocks.map((b) => b.weekday);
    commitFromDay = dayNumber(placementStart(request, weekdays, today));
    startDay = commitFromDay;
    for (const weekday of new Set(weekdays))
      startDay = Math.max(startDay, dayNumber(placementStart(request, [weekday], today)));
    neededDays = neededDaysOf(request, today, weekdays);
  }
  return {
    request,
    index,
    startDay,
    commitFromDay,
    neededDays,
    endDay: dayNumber(request.periodEnd),
    levelRank: LEVEL_RANK[request.level],
    isMbo: isMboLevel(request.level),
    hboCapMinutes:
      hboDidacticMinutes({
        schoolKind: request.schoolKind,
        hboDidacticFteThreshold: request.hboDidacticFteThreshold ?? null,
      }) ?? Infinity,
  };
}

/**
 * The teacher's committed slots that run on some date the teacher would teach on request `pr`
 * (from the request's earliest start or the teacher's availability, to the earlier end); the others
 * do not count for it. Undated slots always count. Returns `teacher.committed` itself when every
 * slot counts.
 */
export function committedDuring(teacher: MatchTeacher, pr: PreparedRequest): CommittedSlot[] {
  const all = teacher.committed ?? [];
  // Undated slots always count: without a dated one there is nothing to sort out.
  if (all.every((c) => c.from === undefined && c.until === undefined)) return all;
  const from = isoFromDay(Math.max(pr.commitFromDay, dayNumber(teacher.availableFrom)));
  const until =
    teacher.availableUntil !== null && teacher.availableUntil < pr.request.periodEnd
      ? teacher.availableUntil
      : pr.request.periodEnd;
  const kept = all.filter(
    (c) => (c.from === undefined || c.from <= until) && (c.until === undefined || c.until >= from),
  );
  return kept.length === all.length ? all : kept;
}

/**
 * HBO_DIDACTIC: the minutes per week teacher `pt` may still teach at request `pr`'s school without
 * the didactic qualification (Infinity: no threshold applies). Every block the teacher holds at
 * that school counts; the side rules sum them.
 */
export function hboMinutesLeft(pt: PreparedTeacher, pr: PreparedRequest): number {
  if (pr.hboCapMinutes === Infinity || pt.hasHboDidactic) return Infinity;
  return pr.hboCapMinutes - (pt.committedBySchool.get(pr.request.schoolId) ?? 0);
}

/** A committed slot counts toward the 6-hour rule when taught at MBO level, at whatever school. */
export function committedAtMboLevel(slot: { level?: EducationLevel; schoolKind: string }): boolean {
  return slot.level !== undefined ? isMboLevel(slot.level) : slot.schoolKind === 'MBO';
}

/** What is wrong with a weekly slot, or null (the message is built only on failure). */
function slotProblem(s: WeeklySlot): string | null {
  if (!(Number.isInteger(s.weekday) && s.weekday >= 1 && s.weekday <= 7)) return 'weekday must be 1..7';
  if (!(s.start >= 0 && s.end <= 24 * 60 && s.start < s.end)) return 'need 0 <= start < end <= 1440';
  return null;
}

/** Result of the request-level rules for one teacher (scratch, reused: copy what you keep). */
export interface PairFacts {
  /** Best skill value in [0, 1] (fit × proficiency / 3, x0.8 above the requested level). */
  skillValue: number;
  distanceKm: number;
  /** The 6-hour rule caps this teacher's MBO minutes for this request. */
  sixHourCapped: boolean;
  /** HBO_DIDACTIC: minutes the teacher may still teach at the request's school (Infinity: no cap). */
  hboMinutesLeft: number;
}

export interface RuleContext {
  distanceKm: (a: GeoPoint, b: GeoPoint) => number;
  allowHigherLevelSkill: boolean;
}

export function ruleContext(options: EngineOptions = {}): RuleContext {
  return {
    distanceKm: options.distanceKm ?? greatCircleKm,
    allowHigherLevelSkill: options.allowHigherLevelSkill ?? true,
  };
}

/** Every rule code, in a fixed order: rule i is bit `1 << i` of FailedRules.mask. */
export const ENGINE_RULES: readonly RuleCode[] = [
  'SKILL',
  'LEVEL',
  'WINDOW',
  'PERIOD',
  'DISTANCE',
  'VOG',
  'RELEASED_DAYS',
  'RELEASED_MINUTES',
  'SIX_HOUR_RULE',
  'PDG_DEADLINE',
  'INSTRUCTOR_PDC',
  'WORKING_HOURS',
  'SAME_DAY',
  'HBO_DIDACTIC',
  'EXCLUDED',
];

/** The bit of each rule in FailedRules.mask. */
export const RULE_BIT = Object.fromEntries(ENGINE_RULES.map((rule, i) => [rule, 1 << i])) as Readonly<
  Record<RuleCode, number>
>;

/**
 * Which rules failed, without their messages (for counting teachers per rule, as explainUnfilled
 * does over a whole region): bit `RULE_BIT[rule]` of `mask`.
 */
export class FailedRules {
  mask = 0;
}

/** Where evaluatePair and evaluateBlock report every failure: a list with messages, or FailedRules. */
export type Failures = RuleFailure[] | FailedRules;

/** Records one failure; its message is built only for a list. */
function fail(failures: Failures, rule: RuleCode, blockId: string | undefined, message: () => string): void {
  if (failures instanceof FailedRules) failures.mask |= RULE_BIT[rule];
  else if (blockId === undefined) failures.push({ rule, message: message() });
  else failures.push({ rule, blockId, message: message() });
}

/**
 * Request-level hard rules (skill, level, period, distance, VOG, 6-hour rule applicability).
 * With `failures` null it stops at the first failure (hot path); otherwise it records every
 * failure (with a message in a list, as a bit in FailedRules). Returns true when all rules pass;
 * `out` receives the facts.
 */
export function evaluatePair(
  pt: PreparedTeacher,
  pr: PreparedRequest,
  ctx: RuleContext,
  out: PairFacts,
  failures: Failures | null,
): boolean {
  const t = pt.teacher;
  const r = pr.request;
  let ok = true;

  // SKILL: a skill covering the subject (itself, its field or a specialisation of it, see
  // skillCoverage) at the requested level (or above, if allowed).
  const list = pt.skills.get(r.subjectCode);
  const skillValue = bestSkillValue(list, pr.levelRank, ctx.allowHigherLevelSkill);
  if (skillValue < 0) {
    ok = false;
    if (!failures) return false;
    // Only the rule's bit: no message (nor its closure) for a FailedRules sink.
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.SKILL;
    else
      fail(failures, 'SKILL', undefined, () =>
        list === undefined
          ? `no skill in subject ${r.subjectCode}, its field or its specialisations`
          : `skill in ${r.subjectCode} is not at level ${r.level}${ctx.allowHigherLevelSkill ? ' or above' : ''}`,
      );
  }
  out.skillValue = skillValue;

  // LEVEL: the teacher is willing to teach this level.
  if (failsLevel(pt, pr.levelRank)) {
    ok = false;
    if (!failures) return false;
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.LEVEL;
    else
      fail(
        failures,
        'LEVEL',
        undefined,
        () => `teacher does not teach at level ${r.level} (levels: ${t.levels.join(', ')})`,
      );
  }

  // PERIOD: availability overlaps the request period for at least the minimum commitment.
  const overlapDays = periodOverlapDays(pt, pr);
  const neededDays = pr.neededDays;
  if (overlapDays < neededDays) {
    ok = false;
    if (!failures) return false;
    const weeks = Math.max(0, Math.floor(overlapDays / 7));
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.PERIOD;
    else
      fail(failures, 'PERIOD', undefined, () =>
        overlapDays <= 0
          ? `available ${t.availableFrom}..${t.availableUntil ?? 'open'} does not overlap the period ${isoFromDay(pr.startDay)}..${r.periodEnd}`
          : `available for ${weeks} week(s) of the period, the request needs at least ${Math.ceil(neededDays / 7)}`,
      );
  }

  // DISTANCE: school within the teacher's travel distance.
  const distance = ctx.distanceKm(t.home, r.location);
  out.distanceKm = distance;
  if (failsDistance(pt, distance)) {
    ok = false;
    if (!failures) return false;
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.DISTANCE;
    else
      fail(
        failures,
        'DISTANCE',
        undefined,
        () => `school is ${distance.toFixed(1)} km away, teacher travels at most ${t.maxTravelKm} km`,
      );
  }

  // VOG: at most 6 months old on the day the teacher starts (the later of both starts).
  if (failsVog(pt, pr)) {
    ok = false;
    if (!failures) return false;
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.VOG;
    else
      fail(failures, 'VOG', undefined, () =>
        t.vogIssuedOn === null
          ? 'no VOG on file and the request does not allow "VOG pending"'
          : `VOG issued ${t.vogIssuedOn} is more than ${VOG_MAX_AGE_MONTHS} months old at the start ${isoFromDay(Math.max(pr.startDay, pt.fromDay))}`,
      );
  }

  // INSTRUCTOR_PDC: the instructor role needs the PDC.
  if (failsInstructor(pt, pr)) {
    ok = false;
    if (!failures) return false;
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.INSTRUCTOR_PDC;
    else fail(failures, 'INSTRUCTOR_PDC', undefined, () => 'the instructor role needs a PDC (or PDG)');
  }

  out.sixHourCapped = sixHourCapped(pt, pr);
  out.hboMinutesLeft = hboMinutesLeft(pt, pr);
  return ok;
}

// The request-level rules one by one, as evaluatePair applies them (explainUnfilled evaluates
// them per group of requests that share what each reads).

/** SKILL: the best skill value covering subject `subjectCode` at `levelRank` (-1: none, the rule fails). */
export function skillValueFor(
  pt: PreparedTeacher,
  subjectCode: string,
  levelRank: number,
  ctx: RuleContext,
): number {
  return bestSkillValue(pt.skills.get(subjectCode), levelRank, ctx.allowHigherLevelSkill);
}

/** LEVEL fails: the teacher names the levels it teaches, and not this one. */
export function failsLevel(pt: PreparedTeacher, levelRank: number): boolean {
  return pt.levelsMask !== 0 && (pt.levelsMask & (1 << levelRank)) === 0;
}

/** PERIOD: the days of the period the teacher is available, from the later start to the earlier end. */
export function periodOverlapDays(pt: PreparedTeacher, pr: PreparedRequest): number {
  return Math.min(pt.untilDay, pr.endDay) - Math.max(pt.fromDay, pr.startDay) + 1;
}

/** DISTANCE fails: the school is farther than the teacher travels (or the distance is unknown). */
export function failsDistance(pt: PreparedTeacher, distanceKm: number): boolean {
  return !(distanceKm <= pt.teacher.maxTravelKm);
}

/** VOG fails: "VOG pending" is not allowed and the VOG is too old on the later of both starts. */
export function failsVog(pt: PreparedTeacher, pr: PreparedRequest): boolean {
  return !pr.request.allowVogPending && Math.max(pr.startDay, pt.fromDay) > pt.vogValidUntilDay;
}

/** INSTRUCTOR_PDC fails: the instructor role needs the PDC. */
export function failsInstructor(pt: PreparedTeacher, pr: PreparedRequest): boolean {
  return pr.request.role === 'instructor' && !pt.meetsInstructor;
}

/**
 * The 6-hour rule caps the teacher's MBO minutes on the request: at MBO level, unless qualified
 * (pdg/full) or a PDG in progress whose 2-year deadline lies after the end of the teacher's time on
 * the request.
 */
export function sixHourCapped(pt: PreparedTeacher, pr: PreparedRequest): boolean {
  return pr.isMbo && !pt.unlimitedMbo && Math.min(pr.endDay, pt.untilDay) > pt.pdgGraceUntilDay;
}

/**
 * Block-level hard rules for one block, given the teacher's committed load: window, same-day
 * overlap with committed slots, released days and minutes, Working Hours Act, 6-hour rule, the
 * HBO school's didactic threshold (`hboMinutesLeft`, see hboMinutesLeft).
 */
export function evaluateBlock(
  pt: PreparedTeacher,
  block: LessonBlock,
  sixHourCapped: boolean,
  failures: Failures | null,
  hboMinutesLeftAtSchool = Infinity,
): boolean {
  const day = block.weekday;
  const duration = block.end - block.start;
  let ok = true;
  const w = pt.windows[day];
  let inWindow = false;
  for (let k = 0; k < w.length; k += 2) {
    if (w[k] <= block.start && block.end <= w[k + 1]) {
      inWindow = true;
      break;
    }
  }
  if (!inWindow) {
    ok = false;
    if (!failures) return false;
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.WINDOW;
    else
      fail(
        failures,
        'WINDOW',
        block.id,
        () =>
          `${weekdayName(day)} ${formatClock(block.start)}-${formatClock(block.end)} is outside the teacher's windows on that day`,
      );
  }
  const c = pt.committedSlots[day];
  for (let k = 0; k < c.length; k += 2) {
    if (block.start < c[k + 1] && c[k] < block.end) {
      ok = false;
      if (!failures) return false;
      if (failures instanceof FailedRules) failures.mask |= RULE_BIT.SAME_DAY;
      else
        fail(
          failures,
          'SAME_DAY',
          block.id,
          () =>
            `overlaps an approved placement on ${weekdayName(day)} ${formatClock(c[k])}-${formatClock(c[k + 1])}`,
        );
      break;
    }
  }
  // A new weekday needs a released day left; a committed one none, unless the commitments already
  // use more days than released (the release was lowered since).
  if (pt.daysLeft < 0 || ((pt.committedDaysMask & (1 << day)) === 0 && pt.daysLeft < 1)) {
    ok = false;
    if (!failures) return false;
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.RELEASED_DAYS;
    else
      fail(
        failures,
        'RELEASED_DAYS',
        block.id,
        () => `all ${pt.teacher.releasedDaysPerWeek} released day(s) per week are already used`,
      );
  }
  if (duration > pt.releasedMinutesLeft) {
    ok = false;
    if (!failures) return false;
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.RELEASED_MINUTES;
    else
      fail(
        failures,
        'RELEASED_MINUTES',
        block.id,
        () =>
          `needs ${duration} min, ${Math.max(0, pt.releasedMinutesLeft)} of ${pt.teacher.releasedMinutesPerWeek} released min/week left`,
      );
  }
  if (duration > pt.workingMinutesLeft) {
    ok = false;
    if (!failures) return false;
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.WORKING_HOURS;
    else
      fail(
        failures,
        'WORKING_HOURS',
        block.id,
        () =>
          `contract ${pt.teacher.contractHoursPerWeek} h + teaching would exceed ${WORKING_HOURS_MAX_MINUTES / 60} h/week`,
      );
  }
  if (sixHourCapped && pt.committedMboMinutes + duration > SIX_HOUR_RULE_MINUTES) {
    ok = false;
    if (!failures) return false;
    if (failures instanceof FailedRules)
      failures.mask |=
        RULE_BIT[pt.teacher.qualification === 'pdg_in_progress' ? 'PDG_DEADLINE' : 'SIX_HOUR_RULE'];
    else
      fail(
        failures,
        pt.teacher.qualification === 'pdg_in_progress' ? 'PDG_DEADLINE' : 'SIX_HOUR_RULE',
        block.id,
        () =>
          `qualification "${pt.teacher.qualification}" allows at most 6 clock hours/week at MBO (${pt.committedMboMinutes} min already committed)`,
      );
  }
  if (duration > hboMinutesLeftAtSchool) {
    ok = false;
    if (!failures) return false;
    if (failures instanceof FailedRules) failures.mask |= RULE_BIT.HBO_DIDACTIC;
    else
      fail(
        failures,
        'HBO_DIDACTIC',
        block.id,
        () =>
          `without the didactic qualification (BDB/BKE) at most ${Math.max(0, hboMinutesLeftAtSchool)} more min/week at this school (its FTE threshold)`,
      );
  }
  return ok;
}

export interface EligibilityReport {
  /** True when the teacher can take at least one block (or the given block). */
  eligible: boolean;
  /** Every failed rule; block-level failures carry the block id. */
  failures: RuleFailure[];
  eligibleBlockIds: string[];
}

/**
 * "Why not this teacher": checks every hard rule for a teacher and a request (optionally one
 * block) against the teacher's committed load and returns all failures with messages.
 */
export function checkEligibility(
  teacher: MatchTeacher,
  request: MatchRequest,
  block?: LessonBlock | string,
  options: EngineOptions = {},
): EligibilityReport {
  return eligibilityChecker(options)(teacher, request, block);
}

/** checkEligibility with the options bound (see eligibilityChecker). */
export type EligibilityCheck = (
  teacher: MatchTeacher,
  request: MatchRequest,
  block?: LessonBlock | string,
) => EligibilityReport;

/**
 * checkEligibility for many pairs of one input (the explanations ask it thousands of times per
 * region): each request is prepared once (its dates from `today` are the costly part), a teacher
 * whose every commitment counts is prepared once, and the exclusions are a set. The same reports
 * as checkEligibility, as long as the teachers and requests it is given do not change while it is
 * in use; keep it no longer than one computation.
 */
export function eligibilityChecker(options: EngineOptions = {}): EligibilityCheck {
  const { ctx, prepare, isExcluded } = pairPreparer(options);
  return (teacher, request, block) => {
    const { pt, pr } = prepare(teacher, request);
    const failures: RuleFailure[] = [];
    const facts: PairFacts = { skillValue: 0, distanceKm: 0, sixHourCapped: false, hboMinutesLeft: Infinity };
    const excluded = isExcluded(teacher.id, request.id);
    if (excluded)
      failures.push({
        rule: 'EXCLUDED',
        message: 'teacher is excluded for this request (declined or withdrawn)',
      });
    const pairOk = evaluatePair(pt, pr, ctx, facts, failures) && !excluded;
    let blocks = request.blocks;
    if (block !== undefined) {
      const id = typeof block === 'string' ? block : block.id;
      const found =
        request.blocks.find((b) => b.id === id) ?? (typeof block === 'string' ? undefined : block);
      if (!found) throw new RangeError(`request ${request.id} has no block ${id}`);
      blocks = [found];
    }
    const eligibleBlockIds: string[] = [];
    for (const b of blocks) {
      if (evaluateBlock(pt, b, facts.sixHourCapped, failures, facts.hboMinutesLeft) && pairOk)
        eligibleBlockIds.push(b.id);
    }
    if (blocks.length === 0) failures.push({ rule: 'WINDOW', message: 'the request has no lesson blocks' });
    return { eligible: eligibleBlockIds.length > 0, failures, eligibleBlockIds };
  };
}

/**
 * What eligibilityChecker and failedRulesChecker share for many pairs of one input: each request
 * prepared once (its dates from `today` are the costly part), a teacher whose every commitment
 * counts prepared once (one with dated slots per request, see committedDuring), the exclusions
 * as a set.
 */
function pairPreparer(options: EngineOptions): {
  ctx: RuleContext;
  prepare: (teacher: MatchTeacher, request: MatchRequest) => { pt: PreparedTeacher; pr: PreparedRequest };
  isExcluded: (teacherId: string, requestId: string) => boolean;
} {
  const requests = new Map<MatchRequest, PreparedRequest>();
  const teachers = new Map<MatchTeacher, PreparedTeacher>();
  let excludedPairs: Set<string> | undefined;
  return {
    ctx: ruleContext(options),
    prepare: (teacher, request) => {
      let pr = requests.get(request);
      if (pr === undefined) {
        pr = prepareRequest(request, 0, options.today);
        requests.set(request, pr);
      }
      const committed = committedDuring(teacher, pr);
      let pt: PreparedTeacher;
      if (committed === (teacher.committed ?? committed)) {
        pt = teachers.get(teacher) ?? prepareTeacher({ ...teacher, committed }, 0);
        teachers.set(teacher, pt);
      } else pt = prepareTeacher({ ...teacher, committed }, 0);
      return { pt, pr };
    },
    isExcluded: (teacherId, requestId) => {
      excludedPairs ??= new Set([
        ...(options.excludeTeacherIds ?? []).map((id) => `*\u0000${id}`),
        ...(options.exclude ?? []).flatMap((e) => e.teacherIds.map((id) => `${e.requestId}\u0000${id}`)),
      ]);
      return excludedPairs.has(`*\u0000${teacherId}`) || excludedPairs.has(`${requestId}\u0000${teacherId}`);
    },
  };
}

/** The rules checkEligibility reports per pair, in its order: the exclusion, then evaluatePair's. */
const PAIR_RULE_ORDER: readonly RuleCode[] = [
  'EXCLUDED',
  'SKILL',
  'LEVEL',
  'PERIOD',
  'DISTANCE',
  'VOG',
  'INSTRUCTOR_PDC',
];
/** The rules checkEligibility reports per block, in evaluateBlock's order. */
const BLOCK_RULE_ORDER: readonly RuleCode[] = [
  'WINDOW',
  'SAME_DAY',
  'RELEASED_DAYS',
  'RELEASED_MINUTES',
  'WORKING_HOURS',
  'SIX_HOUR_RULE',
  'PDG_DEADLINE',
  'HBO_DIDACTIC',
];

/**
 * The rules a teacher fails for a request, each once, in the order checkEligibility reports them
 * first (its failures' codes, deduplicated), with the block rules of the blocks in `blockIds`
 * only: the same as filtering checkEligibility's failures to those blocks, without building a
 * message.
 */
export type FailedRulesCheck = (
  teacher: MatchTeacher,
  request: MatchRequest,
  blockIds: ReadonlySet<string>,
) => RuleCode[];

/** failedRulesCheck for many pairs of one input, as eligibilityChecker (the same preparation). */
export function failedRulesChecker(options: EngineOptions = {}): FailedRulesCheck {
  const { ctx, prepare, isExcluded } = pairPreparer(options);
  const facts: PairFacts = { skillValue: 0, distanceKm: 0, sixHourCapped: false, hboMinutesLeft: Infinity };
  const failed = new FailedRules();
  return (teacher, request, blockIds) => {
    const { pt, pr } = prepare(teacher, request);
    const rules: RuleCode[] = [];
    let seen = 0;
    const add = (order: readonly RuleCode[]) => {
      for (const rule of order) {
        const bit = RULE_BIT[rule];
        if ((failed.mask & bit) !== 0 && (seen & bit) === 0) {
          seen |= bit;
          rules.push(rule);
        }
      }
    };
    failed.mask = isExcluded(teacher.id, request.id) ? RULE_BIT.EXCLUDED : 0;
    evaluatePair(pt, pr, ctx, facts, failed);
    add(PAIR_RULE_ORDER);
    for (const b of request.blocks) {
      if (!blockIds.has(b.id)) continue;
      failed.mask = 0;
      evaluateBlock(pt, b, facts.sixHourCapped, failed, facts.hboMinutesLeft);
      add(BLOCK_RULE_ORDER);
    }
    if (request.blocks.length === 0) {
      failed.mask = RULE_BIT.WINDOW;
      add(BLOCK_RULE_ORDER);
    }
    return rules;
  };
}

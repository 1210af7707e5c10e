import { DateTime } from 'luxon';
import { skillCoversSubject } from '../subjects';
import { addDays, weekdayOf } from '../schedule/amsterdam-time';

/**
 * The rule book: every hard rule a placement must respect, in one pure module, with a stable code
 * and a sentence in Dutch and English. The matching engine (`@hybridmatch/matching`), every answer,
 * every approval and every re-check after a change ask this module; docs/RULES.md names each rule's
 * legal source and where it is checked.
 *
 * Time: dates are `YYYY-MM-DD` (inclusive), weekdays ISO (Monday = 1), clock times minutes since
 * midnight. A placement is checked on every one of its dates: other placements count only on the
 * dates they overlap, so a semester-1 placement never blocks semester 2.
 */

export type RuleLevel = 'MBO1' | 'MBO2' | 'MBO3' | 'MBO4' | 'HBO';
export type RuleQualification = 'none' | 'pdg_in_progress' | 'pdg' | 'full';
export type RuleSchoolKind = 'MBO' | 'HBO' | 'HTC';
export type RuleRole = 'guest_teacher' | 'instructor' | 'teacher';

/** The stable codes of the hard rules (clients and stored flags use these). */
export enum RuleCode {
  Skill = 'SKILL',
  Level = 'LEVEL',
  Window = 'WINDOW',
  Period = 'PERIOD',
  Distance = 'DISTANCE',
  Vog = 'VOG',
  ReleasedDays = 'RELEASED_DAYS',
  ReleasedMinutes = 'RELEASED_MINUTES',
  WorkingHours = 'WORKING_HOURS',
  SixHourRule = 'SIX_HOUR_RULE',
  PdgDeadline = 'PDG_DEADLINE',
  HboDidactic = 'HBO_DIDACTIC',
  InstructorPdc = 'INSTRUCTOR_PDC',
  SameDay = 'SAME_DAY',
}

export const RULE_CODES: readonly RuleCode[] = Object.values(RuleCode);

// ---- the numbers of the rules (DOMAIN facts; docs/RULES.md) ------------------------------------

/** WEB art. 4.2.1 lid 6: without a teaching qualification at most 6 clock hours a week at MBO level. */
export const SIX_HOUR_RULE_MINUTES = 6 * 60;
/** Arbeidstijdenwet: at most 48 hours a week on average, both employers together. */
export const WORKING_HOURS_MAX_MINUTES = 48 * 60;
/** A VOG is at most 6 months old on the day the teacher starts. */
export const VOG_MAX_AGE_MONTHS = 6;
/** Above 6 hours: the PDG (or a qualification) within 2 years of starting it. */
export const PDG_DEADLINE_MONTHS = 24;
/** A full-time week for an HBO school's FTE threshold (the didactic requirement, BDB/BKE). */
export const FULL_TIME_MINUTES = 40 * 60;

// ---- inputs -----------------------------------------------------------------------------------

export interface RuleSlot {
  weekday: number;
  start: number;
  end: number;
}

export interface RuleTeacher {
  skills: ReadonlyArray<{ subjectCode: string; level: RuleLevel }>;
  /** Levels the teacher is willing to teach; empty: any level their skills cover. */
  levels: readonly RuleLevel[];
  windows: readonly RuleSlot[];
  releasedDaysPerWeek: number;
  releasedMinutesPerWeek: number;
  availableFrom: string;
  availableUntil: string | null;
  maxTravelKm: number;
  contractHoursPerWeek: number;
  vogIssuedOn: string | null;
  qualification: RuleQualification;
  /** For `pdg_in_progress`: the day the PDG programme started (the 2-year clock). */
  qualificationSince: string | null;
  /** Holds the PDC (pedagogisch-didactisch certificaat), needed for the instructor role. */
  hasPdc: boolean;
  /** Meets HBO didactic requirements (BDB/BKE), needed above an HBO school's FTE threshold. */
  hasHboDidactic: boolean;
}

export interface RuleRequest {
  schoolId: string;
  schoolKind: RuleSchoolKind;
  subjectCode: string;
  level: RuleLevel;
  role: RuleRole;
  periodStart: string;
  periodEnd: string;
  minCommitmentWeeks: number;
  allowVogPending: boolean;
  /** HBO school's FTE above which its didactic requirement applies (e.g. 0.3); null: none. */
  hboDidacticFteThreshold: number | null;
}

/** A weekly slot the teacher already holds elsewhere (a placement or an open proposal), with its dates. */
export interface CommittedLoad extends RuleSlot {
  schoolId: string;
  level: RuleLevel;
  from: string;
  until: string;
}

/** A concrete placement to check: a teacher on some of a request's blocks, from `start` to `end`. */
export interface PlacementCandidate {
  teacher: RuleTeacher;
  request: RuleRequest;
  blocks: readonly RuleSlot[];
  start: string;
  end: string;
  /** Distance home → school in km (the caller's geometry). */
  distanceKm: number;
  /** What the teacher holds elsewhere; entries outside [start, end] are ignored. */
  committed: readonly CommittedLoad[];
  /** "Today" (the injected clock): the minimum commitment is measured on what is left of the period. */
  today: string;
}

/** One broken rule: its code, and the sentence in Dutch and English. */
export interface RuleViolation {
  code: RuleCode;
  nl: string;
  en: string;
}

// ---- small pure helpers the engine shares ------------------------------------------------------

const LEVEL_RANK: Readonly<Record<RuleLevel, number>> = { MBO1: 1, MBO2: 2, MBO3: 3, MBO4: 4, HBO: 5 };

export function levelRank(level: RuleLevel): number {
  return LEVEL_RANK[level];
}

/** MBO levels 1–4 count toward the 6-hour rule wherever they are taught (a Techniekcentrum included). */
export function isMboLevel(level: RuleLevel): boolean {
  return level !== 'HBO';
}

/** The calendar date `months` after `date` (day clamped to the month's end). */
export function addMonths(date: string, months: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ months }).toISODate() as string;
}

/** The last day a VOG is young enough to start on (issued on/after start − 6 months); null: no VOG. */
export function vogValidUntil(vogIssuedOn: string | null): string | null {
  return vogIssuedOn === null ? null : addMonths(vogIssuedOn, VOG_MAX_AGE_MONTHS);
}

/** The last day a PDG in progress allows more than 6 hours a week: 2 years after it started, minus a day. */
export function pdgDeadline(qualificationSince: string | null): string | null {
  return qualificationSince === null ? null : addDays(addMonths(qualificationSince, PDG_DEADLINE_MONTHS), -1);
}

/**
 * Whether the 6-hour rule caps the teacher's MBO-level hours over [start, end]: `none` always,
 * `pdg_in_progress` when the 2-year deadline falls before `end`, `pdg` and `full` never.
 */
export function sixHourCapped(
  teacher: Pick<RuleTeacher, 'qualification' | 'qualificationSince'>,
  end: string,
): boolean {
  if (teacher.qualification === 'pdg' || teacher.qualification === 'full') return false;
  if (teacher.qualification === 'none') return true;
  const deadline = pdgDeadline(teacher.qualificationSince);
  return deadline === null || deadline < end;
}

/** The instructor role needs the PDC (or a PDG or full qualification, which include it). */
export function meetsRoleRequirement(
  teacher: Pick<RuleTeacher, 'hasPdc' | 'qualification'>,
  role: RuleRole,
): boolean {
  return (
    role !== 'instructor' ||
    teacher.hasPdc ||
    teacher.qualification === 'pdg' ||
    teacher.qualification === 'full'
  );
}

/** The minutes per week at one HBO school above which its didactic requirement applies (null: none). */
export function hboDidacticMinutes(
  request: Pick<RuleRequest, 'schoolKind' | 'hboDidacticFteThreshold'>,
): number | null {
  if (request.schoolKind !== 'HBO' || request.hboDidacticFteThreshold === null) return null;
  return Math.round(request.hboDidacticFteThreshold * FULL_TIME_MINUTES);
}

/** The first day after `today` with a lesson on one of `weekdays` (a placement never starts in the past). */
export function firstLessonDayAfter(today: string, weekdays: readonly number[]): string {
  // The weekday `offset` days on, counted from today's (one date conversion, not fourteen).
  const weekday = weekdayOf(today);
  for (let offset = 1; offset <= 7; offset++)
    if (weekdays.includes(((weekday - 1 + offset) % 7) + 1)) return addDays(today, offset);
  return addDays(today, 1);
}

/**
 * The first day a placement on `weekdays` may start, whoever the teacher: the request's start or,
 * when that has passed, the first lesson day after today (never in the past).
 */
export function placementStart(
  request: Pick<RuleRequest, 'periodStart'>,
  weekdays: readonly number[],
  today: string,
): string {
  return maxDate(request.periodStart, firstLessonDayAfter(today, weekdays));
}

/**
 * When a placement runs (time is real): from the latest of the request's start, the teacher's
 * availability start and the first lesson day after today; to the earliest of both ends. The one
 * computation of a placement's dates: the matching engine (per block weekday, see
 * `@hybridmatch/matching` eligibility), the rule checks at answer time and the approval use it.
 * `start > end`: nothing is left.
 */
export function placementDates(
  teacher: Pick<RuleTeacher, 'availableFrom' | 'availableUntil'>,
  request: Pick<RuleRequest, 'periodStart' | 'periodEnd'>,
  weekdays: readonly number[],
  today: string,
): { start: string; end: string } {
  const start = maxDate(placementStart(request, weekdays, today), teacher.availableFrom);
  const end =
    teacher.availableUntil === null ? request.periodEnd : minDate(request.periodEnd, teacher.availableUntil);
  return { start, end };
}

/**
 * Days the placement must run at least: the request's minimum commitment, measured on what is left
 * of the period (never more than the days from the first lesson day after today, on one of the
 * request's `weekdays`, to the period's end).
 */
export function neededDays(
  request: Pick<RuleRequest, 'periodStart' | 'periodEnd' | 'minCommitmentWeeks'>,
  today: string,
  weekdays: readonly number[],
): number {
  const from = placementStart(request, weekdays, today);
  const left = daysBetween(from, request.periodEnd) + 1;
  return Math.max(1, Math.min(Math.round(request.minCommitmentWeeks * 7), left));
}

export function maxDate(...dates: string[]): string {
  return dates.reduce((a, b) => (b > a ? b : a));
}

export function minDate(...dates: string[]): string {
  return dates.reduce((a, b) => (b < a ? b : a));
}

export function daysBetween(from: string, to: string): number {
  // Two calendar dates: plain UTC day arithmetic (the engine asks this for every request it
  // prepares); anything else (a date-time, an invalid date: NaN) as Luxon answers it.
  const a = calendarDateMs(from);
  const b = calendarDateMs(to);
  if (a !== null && b !== null) return Math.round((b - a) / DAY_MS);
  return Math.round(
    DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days,
  );
}

const DAY_MS = 24 * 3600_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight (ms) of a real `YYYY-MM-DD` date from year 100 on; null for anything else. */
function calendarDateMs(date: string): number | null {
  const m = CALENDAR_DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const ms = Date.UTC(y, mo, d);
  const check = new Date(ms);
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo && check.getUTCDate() === d ? ms : null;
}

// ---- the sentences -----------------------------------------------------------------------------

const DAY_NL = ['', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const DAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const hours = (m: number) => `${Math.round((m / 60) * 100) / 100}`;
const slotNl = (s: RuleSlot) => `${DAY_NL[s.weekday] ?? s.weekday} ${clock(s.start)}–${clock(s.end)}`;
const slotEn = (s: RuleSlot) => `${DAY_EN[s.weekday] ?? s.weekday} ${clock(s.start)}–${clock(s.end)}`;

function violation(code: RuleCode, nl: string, en: string): RuleViolation {
  return { code, nl, en };
}

// ---- the rule book ----------------------------------------------------------------------------

/**
 * Every hard rule for one placement: each broken rule once, in the order of `RULE_CODES`. Empty:
 * the placement may be made (or kept).
 */
export function checkPlacement(candidate: PlacementCandidate): RuleViolation[] {
  const { teacher, request, blocks, start, end } = candidate;
  const out: RuleViolation[] = [];

  // SKILL: a skill covering the subject, at the requested level or above.
  const rank = LEVEL_RANK[request.level];
  const skilled = teacher.skills.some(
    (skill) => skillCoversSubject(skill.subjectCode, request.subjectCode) && LEVEL_RANK[skill.level] >= rank,
  );
  if (!skilled)
    out.push(
      violation(
        RuleCode.Skill,
        `Geen vaardigheid in ${request.subjectCode} op niveau ${request.level} of hoger.`,
        `No skill in ${request.subjectCode} at level ${request.level} or above.`,
      ),
    );

  // LEVEL: willing to teach the level.
  if (teacher.levels.length > 0 && !teacher.levels.includes(request.level))
    out.push(
      violation(
        RuleCode.Level,
        `Geeft geen les op niveau ${request.level} (niveaus: ${teacher.levels.join(', ')}).`,
        `Does not teach at level ${request.level} (levels: ${teacher.levels.join(', ')}).`,
      ),
    );

  // WINDOW: every block inside a window on its weekday.
  const outside = blocks.filter(
    (block) =>
      !teacher.windows.some(
        (w) => w.weekday === block.weekday && w.start <= block.start && block.end <= w.end,
      ),
  );
  if (outside.length > 0)
    out.push(
      violation(
        RuleCode.Window,
        `${outside.map(slotNl).join(', ')} valt buiten de beschikbaarheid van de docent.`,
        `${outside.map(slotEn).join(', ')} is outside the teacher's availability.`,
      ),
    );

  // PERIOD: inside both periods, and long enough for what is left of the minimum commitment.
  const needed = neededDays(
    request,
    candidate.today,
    blocks.map((b) => b.weekday),
  );
  const days = daysBetween(start, end) + 1;
  const until = teacher.availableUntil ?? '9999-12-31';
  if (
    start > end ||
    start < request.periodStart ||
    end > request.periodEnd ||
    start < teacher.availableFrom ||
    end > until ||
    days < needed
  ) {
    out.push(
      violation(
        RuleCode.Period,
        `${start} t/m ${end} past niet binnen de aanvraag (${request.periodStart} t/m ${request.periodEnd}) en de beschikbaarheid ` +
          `(${teacher.availableFrom} t/m ${teacher.availableUntil ?? 'open'}) voor minstens ${Math.ceil(needed / 7)} week/weken.`,
        `${start} to ${end} does not fit the request (${request.periodStart} to ${request.periodEnd}) and the availability ` +
          `(${teacher.availableFrom} to ${teacher.availableUntil ?? 'open'}) for at least ${Math.ceil(needed / 7)} week(s).`,
      ),
    );
  }

  // DISTANCE.
  if (!(candidate.distanceKm <= teacher.maxTravelKm))
    out.push(
      violation(
        RuleCode.Distance,
        `De school ligt ${candidate.distanceKm.toFixed(1)} km weg; de docent reist hoogstens ${teacher.maxTravelKm} km.`,
        `The school is ${candidate.distanceKm.toFixed(1)} km away; the teacher travels at most ${teacher.maxTravelKm} km.`,
      ),
    );

  // VOG: at most 6 months old on the day the teacher really starts.
  const vogUntil = vogValidUntil(teacher.vogIssuedOn);
  if (!request.allowVogPending && (vogUntil === null || vogUntil < start))
    out.push(
      teacher.vogIssuedOn === null
        ? violation(
            RuleCode.Vog,
            'Er is geen VOG bekend en de aanvraag staat "VOG volgt" niet toe.',
            'No VOG on file and the request does not allow "VOG pending".',
          )
        : violation(
            RuleCode.Vog,
            `De VOG van ${teacher.vogIssuedOn} is bij de start op ${start} ouder dan ${VOG_MAX_AGE_MONTHS} maanden.`,
            `The VOG issued ${teacher.vogIssuedOn} is more than ${VOG_MAX_AGE_MONTHS} months old at the start on ${start}.`,
          ),
    );

  // INSTRUCTOR_PDC.
  if (!meetsRoleRequirement(teacher, request.role))
    out.push(
      violation(
        RuleCode.InstructorPdc,
        'De rol instructeur vraagt een PDC (of PDG); de docent heeft het niet.',
        'The instructor role needs a PDC (or PDG); the teacher has neither.',
      ),
    );

  // The weekly rules, on every date of the placement: per stretch of days where the same other
  // placements run.
  out.push(...weeklyViolations(candidate));
  const order = new Map(RULE_CODES.map((code, index) => [code, index]));
  return out.sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
}

/** The codes of `checkPlacement`'s violations. */
export function brokenRules(candidate: PlacementCandidate): RuleCode[] {
  return checkPlacement(candidate).map((v) => v.code);
}

/**
 * Released days and minutes, the Working Hours Act, the 6-hour rule (every MBO-level block, at any
 * school), the PDG deadline, the HBO didactic threshold and same-time overlaps, on every date of
 * [start, end]: the dates split into stretches where the same commitments run, each checked once.
 */
function weeklyViolations(candidate: PlacementCandidate): RuleViolation[] {
  const { teacher, request, blocks, start, end } = candidate;
  if (start > end) return [];
  const overlapping = candidate.committed.filter((c) => c.from <= end && c.until >= start);
  const cuts = new Set<string>([start]);
  for (const c of overlapping) {
    if (c.from > start) cuts.add(c.from);
    const after = addDays(c.until, 1);
    if (after <= end) cuts.add(after);
  }
  const found = new Map<RuleCode, RuleViolation>();
  const add = (v: RuleViolation) => {
    if (!found.has(v.code)) found.set(v.code, v);
  };
  const own = blocks.reduce((sum, b) => sum + b.end - b.start, 0);
  const ownMbo = isMboLevel(request.level) ? own : 0;
  const threshold = hboDidacticMinutes(request);
  const starts = [...cuts].sort();
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    const to = i + 1 < starts.length ? addDays(starts[i + 1], -1) : end;
    const active = overlapping.filter((c) => c.from <= to && c.until >= from);
    const minutes = own + active.reduce((sum, c) => sum + c.end - c.start, 0);
    const weekdays = new Set([...blocks, ...active].map((s) => s.weekday));
    if (weekdays.size > teacher.releasedDaysPerWeek)
      add(
        violation(
          RuleCode.ReleasedDays,
          `Vanaf ${from} zou de docent op ${weekdays.size} dagen per week lesgeven; vrijgegeven: ${teacher.releasedDaysPerWeek}.`,
          `From ${from} the teacher would teach on ${weekdays.size} days a week; released: ${teacher.releasedDaysPerWeek}.`,
        ),
      );
    if (minutes > teacher.releasedMinutesPerWeek)
      add(
        violation(
          RuleCode.ReleasedMinutes,
          `Vanaf ${from} zou de docent ${hours(minutes)} uur per week lesgeven; vrijgegeven: ${hours(teacher.releasedMinutesPerWeek)} uur.`,
          `From ${from} the teacher would teach ${hours(minutes)} hours a week; released: ${hours(teacher.releasedMinutesPerWeek)} hours.`,
        ),
      );
    const working = Math.round(teacher.contractHoursPerWeek * 60) + minutes;
    if (working > WORKING_HOURS_MAX_MINUTES)
      add(
        violation(
          RuleCode.WorkingHours,
          `Contract ${teacher.contractHoursPerWeek} uur plus ${hours(minutes)} uur les is ${hours(working)} uur per week: meer dan de 48 uur van de Arbeidstijdenwet.`,
          `Contract ${teacher.contractHoursPerWeek} h plus ${hours(minutes)} h teaching is ${hours(working)} h a week: more than the Working Hours Act's 48 h.`,
        ),
      );
    const mbo =
      ownMbo + active.filter((c) => isMboLevel(c.level)).reduce((sum, c) => sum + c.end - c.start, 0);
    if (ownMbo > 0 && mbo > SIX_HOUR_RULE_MINUTES && sixHourCapped(teacher, to)) {
      if (teacher.qualification === 'pdg_in_progress')
        add(
          violation(
            RuleCode.PdgDeadline,
            `De PDG-termijn (2 jaar vanaf ${teacher.qualificationSince}) loopt af op ${pdgDeadline(teacher.qualificationSince)}, ` +
              `vóór het einde (${to}) van ${hours(mbo)} uur MBO-les per week.`,
            `The PDG deadline (2 years from ${teacher.qualificationSince}) ends on ${pdgDeadline(teacher.qualificationSince)}, ` +
              `before the end (${to}) of ${hours(mbo)} h of MBO teaching a week.`,
          ),
        );
      else
        add(
          violation(
            RuleCode.SixHourRule,
            `Zonder bevoegdheid of PDG hoogstens 6 klokuur per week op MBO-niveau (waar ook gegeven); vanaf ${from} zou het ${hours(mbo)} uur zijn.`,
            `Without a qualification or PDG at most 6 clock hours a week at MBO level (wherever taught); from ${from} it would be ${hours(mbo)} h.`,
          ),
        );
    }
    if (threshold !== null && !teacher.hasHboDidactic) {
      const atSchool =
        own +
        active.filter((c) => c.schoolId === request.schoolId).reduce((sum, c) => sum + c.end - c.start, 0);
      if (atSchool > threshold)
        add(
          violation(
            RuleCode.HboDidactic,
            `Boven ${request.hboDidacticFteThreshold} fte (${hours(threshold)} uur per week) vraagt deze hogeschool een didactische kwalificatie (BDB/BKE); het zou ${hours(atSchool)} uur zijn.`,
            `Above ${request.hboDidacticFteThreshold} FTE (${hours(threshold)} h a week) this university of applied sciences requires a didactic qualification (BDB/BKE); it would be ${hours(atSchool)} h.`,
          ),
        );
    }
    for (const block of blocks) {
      const clash = active.find(
        (c) => c.weekday === block.weekday && block.start < c.end && c.start < block.end,
      );
      if (clash) {
        add(
          violation(
            RuleCode.SameDay,
            `${slotNl(block)} overlapt een andere les van de docent (${slotNl(clash)}) vanaf ${from}.`,
            `${slotEn(block)} overlaps another lesson of the teacher (${slotEn(clash)}) from ${from}.`,
          ),
        );
        break;
      }
    }
  }
  return [...found.values()];
}

/** The Dutch and English sentence of each rule in general (docs, flags, notifications). */
export const RULE_SUMMARIES: Readonly<Record<RuleCode, { nl: string; en: string }>> = {
  [RuleCode.Skill]: {
    nl: 'vaardigheid in het vak op het gevraagde niveau',
    en: 'a skill in the subject at the level',
  },
  [RuleCode.Level]: { nl: 'wil op dit niveau lesgeven', en: 'willing to teach the level' },
  [RuleCode.Window]: {
    nl: 'lesblokken binnen de beschikbaarheid',
    en: 'lesson blocks inside the availability windows',
  },
  [RuleCode.Period]: { nl: 'binnen beide perioden, lang genoeg', en: 'inside both periods, long enough' },
  [RuleCode.Distance]: { nl: 'binnen de reisafstand', en: 'within the travel distance' },
  [RuleCode.Vog]: {
    nl: 'VOG hoogstens 6 maanden oud bij de start',
    en: 'VOG at most 6 months old at the start',
  },
  [RuleCode.ReleasedDays]: { nl: 'binnen de vrijgegeven dagen', en: 'within the released days' },
  [RuleCode.ReleasedMinutes]: { nl: 'binnen de vrijgegeven uren', en: 'within the released hours' },
  [RuleCode.WorkingHours]: {
    nl: 'Arbeidstijdenwet: hoogstens 48 uur per week',
    en: 'Working Hours Act: at most 48 h a week',
  },
  [RuleCode.SixHourRule]: { nl: '6-urenregel op MBO-niveau', en: '6-hour rule at MBO level' },
  [RuleCode.PdgDeadline]: { nl: 'PDG binnen 2 jaar', en: 'PDG within 2 years' },
  [RuleCode.HboDidactic]: {
    nl: 'didactische eis van de hogeschool',
    en: "the university's didactic requirement",
  },
  [RuleCode.InstructorPdc]: { nl: 'PDC voor de rol instructeur', en: 'PDC for the instructor role' },
  [RuleCode.SameDay]: { nl: 'geen overlap met andere lessen', en: 'no overlap with other lessons' },
};

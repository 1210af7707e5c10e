/**
 * Progress toward the 1,000 hybrid teachers, computed from plain rows (no I/O, no framework): the
 * repository loads the rows of the caller's scope, this file adds them up. Dates are ISO
 * `YYYY-MM-DD` calendar dates in Europe/Amsterdam; "today" comes from the product clock.
 */

/** The national target of the Aanvalsplan Techniek. */
export const NATIONAL_TARGET = 1000;

export interface TeacherRow {
  id: string;
  companyId: string;
  regionId: string;
  releasedMinutesPerWeek: number;
  skills: { subjectCode: string; level: string }[];
}

export interface ProposalRow {
  teacherId: string;
  companyId: string;
  schoolId: string;
  regionId: string;
  subjectCode: string;
}

export interface PlacementRow {
  teacherId: string;
  companyId: string;
  schoolId: string;
  regionId: string;
  subjectCode: string;
  minutesPerWeek: number;
  startDate: string;
  endDate: string;
  /** The day the placement was cancelled (it taught until the day before), or null. */
  cancelledOn: string | null;
  /** The weekly lessons: ISO weekday and minutes. */
  slots: { weekday: number; minutes: number }[];
}

export interface RequestRow {
  id: string;
  schoolId: string;
  regionId: string;
  subjectCode: string;
  level: string;
  status: 'open' | 'partially_filled' | 'filled';
  /** Minutes per week of its lesson blocks no active placement covers. */
  openMinutesPerWeek: number;
}

export interface ProgressRows {
  teachers: TeacherRow[];
  proposals: ProposalRow[];
  placements: PlacementRow[];
  requests: RequestRow[];
}

export interface ProgressFigures {
  /** Active hybrid teachers companies offer (available today or later). */
  teachersOffered: number;
  /** Distinct teachers with a proposal waiting (proposed or awaiting approval). */
  teachersProposed: number;
  /** Distinct teachers with an active placement that has not ended. */
  teachersPlaced: number;
  /** Distinct teachers with an active placement running this week (Monday to Sunday). */
  teachersActiveThisWeek: number;
  /** Clock hours per week of the active placements that have not ended. */
  hoursPerWeekPlaced: number;
  /** Clock hours taught so far: every lesson of every placement from its start until yesterday. */
  hoursTaught: number;
  requestsOpen: number;
  requestsPartiallyFilled: number;
  requestsFilled: number;
  /** Clock hours per week still asked for (blocks of open requests no placement covers). */
  openHoursPerWeek: number;
}

export interface DemandSupply {
  subjectCode: string;
  level: string;
  /** Clock hours per week still asked for. */
  demandHoursPerWeek: number;
  /** Released clock hours per week of the teachers with this skill, minus what they already teach. */
  supplyHoursPerWeek: number;
  /** Supply minus demand (negative: a shortage). */
  balanceHoursPerWeek: number;
}

export interface ProgressBreakdownRow extends ProgressFigures {
  key: string;
}

export interface ProgressReport {
  asOf: string;
  weekStart: string;
  target: number;
  total: ProgressFigures;
  /** target − teachers placed (in the caller's scope). */
  distanceToTarget: number;
  byRegion: ProgressBreakdownRow[];
  bySubject: ProgressBreakdownRow[];
  byCompany: ProgressBreakdownRow[];
  bySchool: ProgressBreakdownRow[];
  demandSupply: DemandSupply[];
}

const hours = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

/** The Monday (ISO) of the week of `day`. */
export function weekStartOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const offset = (date.getUTCDay() + 6) % 7;
  return isoDay(date.getTime() - offset * 86_400_000);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** How many dates with ISO weekday `weekday` lie in [from, to] (inclusive; 0 when to < from). */
export function weekdaysBetween(weekday: number, from: string, to: string): number {
  const a = dayMs(from);
  const b = dayMs(to);
  if (b < a) return 0;
  const first = (new Date(a).getUTCDay() + 6) % 7; // 0 = Monday
  const delta = (weekday - 1 - first + 7) % 7;
  const firstHit = a + delta * 86_400_000;
  return firstHit > b ? 0 : Math.floor((b - firstHit) / (7 * 86_400_000)) + 1;
}

/** Minutes taught until yesterday: each lesson from the start to the end, the cancellation or yesterday. */
export function minutesTaught(p: PlacementRow, today: string): number {
  const yesterday = isoDay(dayMs(today) - 86_400_000);
  let last = p.endDate < yesterday ? p.endDate : yesterday;
  if (p.cancelledOn !== null) {
    const beforeCancel = isoDay(dayMs(p.cancelledOn) - 86_400_000);
    if (beforeCancel < last) last = beforeCancel;
  }
  return p.slots.reduce((sum, s) => sum + s.minutes * weekdaysBetween(s.weekday, p.startDate, last), 0);
}

/** Adds up the figures of a set of rows. */
export function figuresOf(rows: ProgressRows, today: string): ProgressFigures {
  const weekStart = weekStartOf(today);
  const weekEnd = isoDay(dayMs(weekStart) + 6 * 86_400_000);
  const placed = new Set<string>();
  const activeThisWeek = new Set<string>();
  let minutesPlaced = 0;
  let taught = 0;
  for (const p of rows.placements) {
    taught += minutesTaught(p, today);
    if (p.cancelledOn !== null || p.endDate < today) continue;
    placed.add(p.teacherId);
    minutesPlaced += p.minutesPerWeek;
    if (p.startDate <= weekEnd && p.endDate >= weekStart) activeThisWeek.add(p.teacherId);
  }
  const count = (status: RequestRow['status']) => rows.requests.filter((r) => r.status === status).length;
  return {
    teachersOffered: rows.teachers.length,
    teachersProposed: new Set(rows.proposals.map((p) => p.teacherId)).size,
    teachersPlaced: placed.size,
    teachersActiveThisWeek: activeThisWeek.size,
    hoursPerWeekPlaced: hours(minutesPlaced),
    hoursTaught: hours(taught),
    requestsOpen: count('open'),
    requestsPartiallyFilled: count('partially_filled'),
    requestsFilled: count('filled'),
    openHoursPerWeek: hours(
      rows.requests.filter((r) => r.status !== 'filled').reduce((s, r) => s + r.openMinutesPerWeek, 0),
    ),
  };
}

/** Rows split by a key; a row may belong to several keys (a teacher with several skills). */
function groupBy(
  rows: ProgressRows,
  keys: {
    teacher: (t: TeacherRow) => string[];
    proposal: (p: ProposalRow) => string;
    placement: (p: PlacementRow) => string;
    request: (r: RequestRow) => string;
  },
): Map<string, ProgressRows> {
  const groups = new Map<string, ProgressRows>();
  const group = (key: string): ProgressRows => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { teachers: [], proposals: [], placements: [], requests: [] }));
    return g;
  };
  for (const t of rows.teachers) for (const key of new Set(keys.teacher(t))) group(key).teachers.push(t);
  for (const p of rows.proposals) group(keys.proposal(p)).proposals.push(p);
  for (const p of rows.placements) group(keys.placement(p)).placements.push(p);
  for (const r of rows.requests) group(keys.request(r)).requests.push(r);
  return groups;
}

function breakdown(groups: Map<string, ProgressRows>, today: string): ProgressBreakdownRow[] {
  return [...groups]
    .map(([key, rows]) => ({ key, ...figuresOf(rows, today) }))
    .sort((a, b) => b.teachersPlaced - a.teachersPlaced || a.key.localeCompare(b.key));
}

/** Demand (open blocks) against free supply (released hours not yet placed) per subject and level. */
export function demandSupplyOf(rows: ProgressRows, today: string): DemandSupply[] {
  const placedMinutes = new Map<string, number>();
  for (const p of rows.placements)
    if (p.cancelledOn === null && p.endDate >= today)
      placedMinutes.set(p.teacherId, (placedMinutes.get(p.teacherId) ?? 0) + p.minutesPerWeek);
  const cells = new Map<string, { subjectCode: string; level: string; demand: number; supply: number }>();
  const cell = (subjectCode: string, level: string) => {
    const key = `${subjectCode}\u0000${level}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { subjectCode, level, demand: 0, supply: 0 }));
    return c;
  };
  for (const r of rows.requests)
    if (r.status !== 'filled') cell(r.subjectCode, r.level).demand += r.openMinutesPerWeek;
  for (const t of rows.teachers) {
    const free = Math.max(0, t.releasedMinutesPerWeek - (placedMinutes.get(t.id) ?? 0));
    for (const s of t.skills) cell(s.subjectCode, s.level).supply += free;
  }
  return [...cells.values()]
    .map((c) => ({
      subjectCode: c.subjectCode,
      level: c.level,
      demandHoursPerWeek: hours(c.demand),
      supplyHoursPerWeek: hours(c.supply),
      balanceHoursPerWeek: hours(c.supply - c.demand),
    }))
    .sort(
      (a, b) => a.balanceHoursPerWeek - b.balanceHoursPerWeek || a.subjectCode.localeCompare(b.subjectCode),
    );
}

/** The whole report of a scope. */
export function progressReport(rows: ProgressRows, today: string): ProgressReport {
  const total = figuresOf(rows, today);
  return {
    asOf: today,
    weekStart: weekStartOf(today),
    target: NATIONAL_TARGET,
    total,
    distanceToTarget: Math.max(0, NATIONAL_TARGET - total.teachersPlaced),
    byRegion: breakdown(
      groupBy(rows, {
        teacher: (t) => [t.regionId],
        proposal: (p) => p.regionId,
        placement: (p) => p.regionId,
        request: (r) => r.regionId,
      }),
      today,
    ),
    bySubject: breakdown(
      groupBy(rows, {
        teacher: (t) => t.skills.map((s) => s.subjectCode),
        proposal: (p) => p.subjectCode,
        placement: (p) => p.subjectCode,
        request: (r) => r.subjectCode,
      }),
      today,
    ),
    byCompany: breakdown(
      groupBy(rows, {
        teacher: (t) => [t.companyId],
        proposal: (p) => p.companyId,
        placement: (p) => p.companyId,
        request: () => '',
      }),
      today,
    ).filter((row) => row.key !== ''),
    bySchool: breakdown(
      groupBy(rows, {
        teacher: () => [],
        proposal: (p) => p.schoolId,
        placement: (p) => p.schoolId,
        request: (r) => r.schoolId,
      }),
      today,
    ),
    demandSupply: demandSupplyOf(rows, today),
  };
}

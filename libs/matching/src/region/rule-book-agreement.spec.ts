import {
  checkPlacement,
  CommittedLoad,
  PlacementCandidate,
  placementDates,
  RuleCode,
} from '@hybridmatch/domain';
import { mulberry32 } from '../testing/synthetic';
import { greatCircleKm } from './dates';
import { checkEligibility } from './eligibility';
import { solveRegion } from './solve-region';
import { EducationLevel, MatchRequest, MatchTeacher, SchoolKind } from './region.types';

/**
 * One rule module: the engine's eligibility (its own fast data layout) and the rule book
 * (`checkPlacement`, libs/domain/src/rules) give the same answer and the same failing rule codes for
 * a teacher and a one-block request, on random profiles, on a random "today" (the engine's `today`
 * option; the rule book places the teacher with `placementDates`, as answers and approvals do).
 * The teacher's other placements either run over the whole placement or not at all during it: the
 * engine adds up every slot that runs during it, the rule book per stretch of days, so those are
 * the cases where both must say the same; the soundness test below covers any dates.
 */
const TODAYS = ['2026-08-01', '2026-10-14', '2026-12-03', '2027-03-01'];
/** Dates of other placements: always, or never during a placement of the school year 2026-2027. */
const ALWAYS = { from: '2026-01-01', until: '2027-12-31' };
const NEVER = { from: '2025-01-01', until: '2025-12-31' };
const LEVELS: EducationLevel[] = ['MBO1', 'MBO2', 'MBO3', 'MBO4', 'HBO'];
const SUBJECTS = ['elektrotechniek', 'installatietechniek', 'ict', 'werktuigbouwkunde'];

function randomCase(seed: number): { teacher: MatchTeacher; request: MatchRequest; today: string } {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const date = (month: number, day: number) =>
    `${month >= 8 ? 2026 : 2027}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const schoolKind: SchoolKind = pick(['MBO', 'MBO', 'HBO', 'HTC']);
  const level: EducationLevel = schoolKind === 'HBO' ? 'HBO' : pick(LEVELS.slice(0, 4));
  const weekday = int(1, 5);
  const start = int(8, 13) * 60 + pick([0, 30]);
  const blockEnd = start + int(2, 8) * 30;
  const releasedDays = int(1, 2);
  const today = pick(TODAYS);
  const committedDates = pick([ALWAYS, ALWAYS, NEVER]);
  const committed: MatchTeacher['committed'] = [];
  for (let k = 0; k < int(0, 2); k++) {
    const day = k === 0 || releasedDays > 1 ? int(1, 5) : (committed[0]?.weekday ?? 1);
    const from = int(8, 15) * 60;
    committed.push({
      weekday: day,
      start: from,
      end: from + int(1, 6) * 60,
      schoolKind: pick(['MBO', 'HBO', 'HTC']),
      level: pick(LEVELS),
      schoolId: pick(['school-a', 'school-b']),
      ...committedDates,
    });
  }
  const teacher: MatchTeacher = {
    id: 't',
    companyId: 'c',
    skills: [{ subjectCode: pick(SUBJECTS), level: pick(LEVELS) }],
    levels: rnd() < 0.5 ? [] : [pick(LEVELS), pick(LEVELS)],
    windows: [
      { weekday: pick([weekday, weekday, int(1, 5)]), start: int(8, 12) * 60, end: int(13, 18) * 60 },
    ],
    releasedDaysPerWeek: releasedDays,
    releasedMinutesPerWeek: int(2, 16) * 60,
    availableFrom: date(pick([8, 9, 11, 2]), int(1, 28)),
    availableUntil: rnd() < 0.3 ? null : date(pick([12, 1, 3, 7]), int(1, 28)),
    home: { lat: 52 + rnd() * 0.5, lon: 5 + rnd() * 0.5 },
    maxTravelKm: int(5, 50),
    contractHoursPerWeek: int(32, 46),
    vogIssuedOn: rnd() < 0.15 ? null : date(pick([8, 10, 12, 2, 4]), int(1, 28)).replace(/^2027/, '2026'),
    qualification: pick(['none', 'none', 'pdg_in_progress', 'pdg', 'full']),
    qualificationSince: `${pick([2024, 2025])}-${String(int(1, 12)).padStart(2, '0')}-01`,
    hasPdc: rnd() < 0.3,
    hasHboDidactic: rnd() < 0.3,
    committed,
  };
  const periodStart = date(pick([8, 9, 2]), int(1, 28));
  const periodEnd = periodStart < '2027-01-01' ? date(pick([12, 1, 7]), int(1, 28)) : date(7, int(1, 28));
  const periodDays = (Date.parse(periodEnd) - Date.parse(periodStart)) / 86_400_000 + 1;
  const request: MatchRequest = {
    id: 'r',
    schoolId: pick(['school-a', 'school-b']),
    schoolKind,
    subjectCode: pick(SUBJECTS),
    level,
    role: pick(['teacher', 'teacher', 'instructor', 'guest_teacher']),
    blocks: [{ id: 'b', weekday, start, end: blockEnd }],
    periodStart,
    periodEnd,
    minCommitmentWeeks: int(1, Math.max(1, Math.floor(periodDays / 7))),
    location: { lat: 52 + rnd() * 0.5, lon: 5 + rnd() * 0.5 },
    allowTeam: true,
    allowVogPending: rnd() < 0.1,
    hboDidacticFteThreshold: schoolKind === 'HBO' && rnd() < 0.7 ? pick([0.05, 0.1, 0.3]) : null,
  };
  // Most cases pass most rules, so the rules that bind last are exercised as well.
  if (rnd() < 0.7) {
    teacher.skills = [{ subjectCode: request.subjectCode, level: pick(['MBO4', 'HBO'] as const) }];
    teacher.levels = [];
    teacher.windows = [{ weekday, start: 480, end: 1080 }];
    teacher.maxTravelKm = 80;
    teacher.vogIssuedOn = rnd() < 0.8 ? '2026-07-15' : teacher.vogIssuedOn;
    teacher.availableFrom = rnd() < 0.8 ? '2026-08-01' : teacher.availableFrom;
    if (rnd() < 0.5) teacher.contractHoursPerWeek = 36;
    if (rnd() < 0.5) teacher.releasedMinutesPerWeek = 720;
  }
  return { teacher, request, today };
}

/**
 * A placement of `teacher` on `blocks` of `request` as the rule book sees it at answer time and
 * approval: dated by `placementDates` as of `today`, with the teacher's other placements.
 */
function asCandidate(
  teacher: MatchTeacher,
  request: MatchRequest,
  today: string,
  blocks: MatchRequest['blocks'] = request.blocks,
  committed: CommittedLoad[] = loadOf(teacher),
): PlacementCandidate {
  const dates = placementDates(
    teacher,
    request,
    blocks.map((b) => b.weekday),
    today,
  );
  return {
    teacher: { ...teacher, hasPdc: teacher.hasPdc ?? false, hasHboDidactic: teacher.hasHboDidactic ?? false },
    request: { ...request, hboDidacticFteThreshold: request.hboDidacticFteThreshold ?? null },
    blocks,
    ...dates,
    distanceKm: greatCircleKm(teacher.home, request.location),
    committed,
    today,
  };
}

/** The teacher's committed slots as the rule book's committed load (undated: always). */
function loadOf(teacher: MatchTeacher): CommittedLoad[] {
  return (teacher.committed ?? []).map((c) => ({
    weekday: c.weekday,
    start: c.start,
    end: c.end,
    schoolId: c.schoolId ?? '',
    level: c.level ?? 'MBO2',
    from: c.from ?? ALWAYS.from,
    until: c.until ?? ALWAYS.until,
  }));
}

describe('the engine and the rule book agree (one rule module)', () => {
  it('same eligibility and the same failing rules on 2,000 random teacher-block cases', () => {
    let eligible = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const { teacher, request, today } = randomCase(seed);
      const engine = checkEligibility(teacher, request, undefined, { today });
      const book = checkPlacement(asCandidate(teacher, request, today));
      const bookCodes = [...new Set(book.map((v) => v.code))].sort();
      expect({ seed, eligible: engine.eligible }).toEqual({ seed, eligible: book.length === 0 });
      // The rule book stops at the dates when the periods do not meet; otherwise every rule is named.
      if (!bookCodes.includes(RuleCode.Period))
        expect({ seed, codes: [...new Set(engine.failures.map((f) => f.rule))].sort() }).toEqual({
          seed,
          codes: bookCodes,
        });
      if (engine.eligible) eligible++;
    }
    expect(eligible).toBeGreaterThan(100);
  });

  it('sound at answer time: every match of a solve passes the rule book, placed from today with its dates, on 300 random regions with dated placements', () => {
    const PERIODS = [
      { periodStart: '2026-08-31', periodEnd: '2027-01-29' },
      { periodStart: '2027-02-01', periodEnd: '2027-07-09' },
      { periodStart: '2026-08-31', periodEnd: '2027-07-09' },
      { periodStart: '2026-11-09', periodEnd: '2027-04-16' },
    ];
    let matches = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = mulberry32(seed * 7919);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
      const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
      const today = pick(TODAYS);
      const teachers: MatchTeacher[] = [];
      const requests: MatchRequest[] = [];
      for (let k = 0; k < 5; k++) {
        const { teacher } = randomCase(seed * 10 + k);
        const days = [int(1, 5), int(1, 5), int(1, 5)];
        teacher.id = `t${k}`;
        teacher.windows = days.map((weekday) => ({ weekday, start: 480, end: 1020 }));
        teacher.committed = (teacher.committed ?? []).map((c) => {
          const period = pick(PERIODS);
          return { ...c, from: period.periodStart, until: period.periodEnd };
        });
        teachers.push(teacher);
      }
      for (let k = 0; k < 5; k++) {
        const { request } = randomCase(seed * 10 + 5 + k);
        const weekdays = [...new Set([int(1, 5), int(1, 5), int(1, 5)].slice(0, int(1, 3)))];
        requests.push({
          ...request,
          ...pick(PERIODS),
          id: `r${k}`,
          minCommitmentWeeks: pick([2, 4, 8]),
          location: { lat: 52.2, lon: 5.2 },
          blocks: weekdays.map((weekday, i) => {
            const start = int(8, 13) * 60;
            return { id: `r${k}-b${i}`, weekday, start, end: start + int(2, 6) * 30 };
          }),
        });
      }
      const solved = solveRegion(teachers, requests, { today, explain: false });
      for (const match of solved.matches) {
        const teacher = teachers.find((t) => t.id === match.teacherId)!;
        const placed = (m: typeof match) => {
          const request = requests.find((r) => r.id === m.requestId)!;
          const blocks = request.blocks.filter((b) => m.blockIds.includes(b.id));
          return { request, blocks };
        };
        // The teacher's other matches of the solve count as placements too, with their own dates.
        const others: CommittedLoad[] = solved.matches
          .filter((m) => m.teacherId === teacher.id && m !== match)
          .flatMap((m) => {
            const { request, blocks } = placed(m);
            const dates = placementDates(
              teacher,
              request,
              blocks.map((b) => b.weekday),
              today,
            );
            return blocks.map((b) => ({
              ...b,
              schoolId: request.schoolId,
              level: request.level,
              from: dates.start,
              until: dates.end,
            }));
          });
        const { request, blocks } = placed(match);
        const candidate = asCandidate(teacher, request, today, blocks, [...loadOf(teacher), ...others]);
        expect({ seed, match: match.requestId, broken: checkPlacement(candidate) }).toEqual({
          seed,
          match: match.requestId,
          broken: [],
        });
        matches++;
      }
    }
    expect(matches).toBeGreaterThan(120);
  });

  it('semester 1 does not block semester 2: a teacher whose released hours a semester-1 placement fills is proposed for semester 2', () => {
    const teacher: MatchTeacher = {
      id: 't',
      companyId: 'c',
      skills: [{ subjectCode: 'elektrotechniek', level: 'MBO4' }],
      levels: [],
      windows: [{ weekday: 2, start: 480, end: 1020 }],
      releasedDaysPerWeek: 1,
      releasedMinutesPerWeek: 360,
      availableFrom: '2026-08-31',
      availableUntil: '2027-07-09',
      home: { lat: 52, lon: 5 },
      maxTravelKm: 30,
      contractHoursPerWeek: 36,
      vogIssuedOn: '2026-10-01',
      qualification: 'none',
      qualificationSince: null,
      // Tuesday 09:00–15:00 at another school until the end of semester 1: 6 of 6 hours.
      committed: [
        {
          weekday: 2,
          start: 540,
          end: 900,
          schoolKind: 'MBO',
          level: 'MBO3',
          schoolId: 'other',
          from: '2026-09-01',
          until: '2027-01-29',
        },
      ],
    };
    const request = (id: string, periodStart: string, periodEnd: string): MatchRequest => ({
      id,
      schoolId: 'school',
      schoolKind: 'MBO',
      subjectCode: 'elektrotechniek',
      level: 'MBO3',
      role: 'guest_teacher',
      blocks: [{ id: `${id}-b`, weekday: 2, start: 540, end: 720 }],
      periodStart,
      periodEnd,
      minCommitmentWeeks: 6,
      location: { lat: 52.01, lon: 5 },
      allowTeam: true,
      allowVogPending: false,
    });
    const semester1 = request('s1', '2026-08-31', '2027-01-29');
    const semester2 = request('s2', '2027-02-01', '2027-07-09');
    const today = '2026-12-03';
    const solved = solveRegion([teacher], [semester1, semester2], { today });
    expect(solved.matches.map((m) => [m.teacherId, m.requestId])).toEqual([['t', 's2']]);
    expect(checkEligibility(teacher, semester1, undefined, { today }).failures.map((f) => f.rule)).toEqual([
      'SAME_DAY',
      'RELEASED_MINUTES',
      'SIX_HOUR_RULE',
    ]);
    // Without dates the placement counts on every date: the old behaviour, semester 2 blocked too.
    const undated = { ...teacher, committed: teacher.committed!.map(({ from: _f, until: _u, ...c }) => c) };
    expect(solveRegion([undated], [semester1, semester2], { today }).matches).toEqual([]);
  });

  it('HBO_DIDACTIC sums every block at the school: without BDB/BKE, one of two 3-hour requests at a 0.1 FTE school', () => {
    const teacher: MatchTeacher = {
      id: 't',
      companyId: 'c',
      skills: [{ subjectCode: 'ict', level: 'HBO' }],
      levels: [],
      windows: [{ weekday: 2, start: 480, end: 1020 }],
      releasedDaysPerWeek: 1,
      releasedMinutesPerWeek: 480,
      availableFrom: '2026-08-31',
      availableUntil: null,
      home: { lat: 52, lon: 5 },
      maxTravelKm: 30,
      contractHoursPerWeek: 32,
      vogIssuedOn: '2026-08-01',
      qualification: 'none',
      qualificationSince: null,
    };
    const request = (id: string, start: number): MatchRequest => ({
      id,
      schoolId: 'hbo',
      schoolKind: 'HBO',
      subjectCode: 'ict',
      level: 'HBO',
      role: 'guest_teacher',
      blocks: [{ id: `${id}-b`, weekday: 2, start, end: start + 180 }],
      periodStart: '2026-09-01',
      periodEnd: '2027-01-29',
      minCommitmentWeeks: 4,
      location: { lat: 52.01, lon: 5 },
      allowTeam: true,
      allowVogPending: false,
      hboDidacticFteThreshold: 0.1,
    });
    const requests = [request('r1', 510), request('r2', 720)];
    expect(solveRegion([teacher], requests).totals.blocksFilled).toBe(1);
    expect(solveRegion([{ ...teacher, hasHboDidactic: true }], requests).totals.blocksFilled).toBe(2);
    expect(checkEligibility(teacher, { ...requests[0], hboDidacticFteThreshold: 0.05 }).failures).toEqual([
      expect.objectContaining({ rule: 'HBO_DIDACTIC', blockId: 'r1-b' }),
    ]);
  });
});

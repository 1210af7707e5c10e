import {
  brokenRules,
  checkPlacement,
  CommittedLoad,
  neededDays,
  PlacementCandidate,
  placementDates,
  RULE_CODES,
  RULE_SUMMARIES,
  RuleCode,
  RuleRequest,
  RuleTeacher,
} from './rule-book';

const teacher = (overrides: Partial<RuleTeacher> = {}): RuleTeacher => ({
  skills: [{ subjectCode: 'elektrotechniek', level: 'MBO3' }],
  levels: [],
  windows: [{ weekday: 2, start: 480, end: 1020 }],
  releasedDaysPerWeek: 1,
  releasedMinutesPerWeek: 480,
  availableFrom: '2026-09-01',
  availableUntil: null,
  maxTravelKm: 40,
  contractHoursPerWeek: 36,
  vogIssuedOn: '2026-08-01',
  qualification: 'none',
  qualificationSince: null,
  hasPdc: false,
  hasHboDidactic: false,
  ...overrides,
});

const request = (overrides: Partial<RuleRequest> = {}): RuleRequest => ({
  schoolId: 's1',
  schoolKind: 'MBO',
  subjectCode: 'elektrotechniek',
  level: 'MBO3',
  role: 'guest_teacher',
  periodStart: '2026-09-01',
  periodEnd: '2027-01-31',
  minCommitmentWeeks: 10,
  allowVogPending: false,
  hboDidacticFteThreshold: null,
  ...overrides,
});

const committed = (overrides: Partial<CommittedLoad> = {}): CommittedLoad => ({
  schoolId: 's2',
  level: 'MBO3',
  weekday: 2,
  start: 780,
  end: 960,
  from: '2026-09-01',
  until: '2027-01-31',
  ...overrides,
});

const candidate = (overrides: Partial<PlacementCandidate> = {}): PlacementCandidate => ({
  teacher: teacher(),
  request: request(),
  blocks: [{ weekday: 2, start: 540, end: 720 }],
  start: '2026-09-08',
  end: '2027-01-26',
  distanceKm: 10,
  committed: [],
  today: '2026-08-20',
  ...overrides,
});

const codes = (overrides: Partial<PlacementCandidate> = {}) => brokenRules(candidate(overrides));

describe('the rule book: every hard rule passes and fails', () => {
  it('a fitting placement breaks no rule', () => {
    expect(checkPlacement(candidate())).toEqual([]);
  });

  it('every violation has a stable code and a Dutch and an English sentence', () => {
    const all = checkPlacement(
      candidate({
        teacher: teacher({ skills: [], levels: ['HBO'], windows: [], maxTravelKm: 1, vogIssuedOn: null }),
        start: '2026-08-01',
      }),
    );
    expect(all.map((v) => v.code)).toEqual([
      RuleCode.Skill,
      RuleCode.Level,
      RuleCode.Window,
      RuleCode.Period,
      RuleCode.Distance,
      RuleCode.Vog,
    ]);
    for (const v of all) {
      expect(v.nl.length).toBeGreaterThan(10);
      expect(v.en.length).toBeGreaterThan(10);
      expect(v.nl).not.toEqual(v.en);
    }
    for (const code of RULE_CODES) expect(RULE_SUMMARIES[code].nl).toBeTruthy();
  });

  it('SKILL: the subject at the level or above', () => {
    expect(codes({ teacher: teacher({ skills: [{ subjectCode: 'bouwkunde', level: 'MBO3' }] }) })).toEqual([
      RuleCode.Skill,
    ]);
    expect(
      codes({ teacher: teacher({ skills: [{ subjectCode: 'elektrotechniek', level: 'MBO2' }] }) }),
    ).toEqual([RuleCode.Skill]);
    expect(
      codes({ teacher: teacher({ skills: [{ subjectCode: 'elektrotechniek', level: 'MBO4' }] }) }),
    ).toEqual([]);
  });

  it('LEVEL: willing to teach the level', () => {
    expect(codes({ teacher: teacher({ levels: ['MBO4'] }) })).toEqual([RuleCode.Level]);
    expect(codes({ teacher: teacher({ levels: ['MBO3'] }) })).toEqual([]);
  });

  it('WINDOW: a Tuesday block needs a Tuesday window', () => {
    expect(codes({ teacher: teacher({ windows: [{ weekday: 3, start: 480, end: 1020 }] }) })).toEqual([
      RuleCode.Window,
    ]);
  });

  it('PERIOD: inside both periods, and the minimum commitment measured on what is left', () => {
    expect(codes({ teacher: teacher({ availableFrom: '2027-02-01' }) })).toContain(RuleCode.Period);
    expect(codes({ start: '2026-08-25' })).toEqual([RuleCode.Period]);
    expect(codes({ end: '2026-10-01' })).toEqual([RuleCode.Period]);
    // On 2027-01-05 only ~4 weeks are left of the period: a 10-week minimum asks what is left.
    expect(neededDays(request(), '2027-01-05', [2])).toBe(20);
    expect(codes({ start: '2027-01-12', end: '2027-01-31', today: '2027-01-05' })).toEqual([]);
  });

  it('DISTANCE', () => {
    expect(codes({ distanceKm: 41 })).toEqual([RuleCode.Distance]);
  });

  it('VOG: at most 6 months old on the real start day', () => {
    // VOG of 2026-03-15, request from 2026-09-01 approved on 2026-12-03: about 9 months at the real start.
    expect(
      codes({
        teacher: teacher({ vogIssuedOn: '2026-03-15' }),
        start: '2026-12-08',
        end: '2027-01-31',
        today: '2026-12-03',
      }),
    ).toEqual([RuleCode.Vog]);
    expect(codes({ teacher: teacher({ vogIssuedOn: '2026-03-15' }), start: '2026-09-08' })).toEqual([]);
    expect(
      codes({ teacher: teacher({ vogIssuedOn: null }), request: request({ allowVogPending: true }) }),
    ).toEqual([]);
  });

  it('RELEASED_DAYS and RELEASED_MINUTES count other placements only where the dates overlap', () => {
    const monday = committed({ weekday: 1, start: 540, end: 720 });
    expect(codes({ committed: [monday] })).toEqual([RuleCode.ReleasedDays]);
    // Semester 1 does not block semester 2.
    expect(codes({ committed: [{ ...monday, until: '2026-09-07' }] })).toEqual([]);
    expect(codes({ committed: [committed({ start: 780, end: 1100, level: 'HBO' })] })).toEqual([
      RuleCode.ReleasedMinutes,
    ]);
  });

  it('WORKING_HOURS with the current contract hours', () => {
    // Contract raised from 36 h to 44 h: 44 + 8 h teaching = 52 h.
    const t = teacher({ contractHoursPerWeek: 44, releasedMinutesPerWeek: 600 });
    expect(codes({ teacher: t, committed: [committed({ start: 780, end: 1080, level: 'HBO' })] })).toEqual([
      RuleCode.WorkingHours,
    ]);
    expect(codes({ teacher: teacher({ contractHoursPerWeek: 45 }) })).toEqual([]);
    expect(codes({ teacher: teacher({ contractHoursPerWeek: 46 }) })).toEqual([RuleCode.WorkingHours]);
  });

  it('SIX_HOUR_RULE counts every MBO-level block wherever it is taught (a Techniekcentrum included)', () => {
    const t = teacher({
      releasedMinutesPerWeek: 900,
      releasedDaysPerWeek: 2,
      windows: [
        { weekday: 2, start: 480, end: 1020 },
        { weekday: 3, start: 480, end: 1020 },
      ],
    });
    const sixAtMbo = { weekday: 3, start: 480, end: 840 } as const;
    const htc = request({ schoolKind: 'HTC', schoolId: 'htc' });
    const c = committed({ ...sixAtMbo });
    expect(
      codes({ teacher: t, request: htc, blocks: [{ weekday: 2, start: 540, end: 780 }], committed: [c] }),
    ).toEqual([RuleCode.SixHourRule]);
    // HBO level does not count.
    expect(
      codes({
        teacher: { ...t, skills: [{ subjectCode: 'elektrotechniek', level: 'HBO' }] },
        request: request({ schoolKind: 'HBO', level: 'HBO' }),
        blocks: [{ weekday: 2, start: 540, end: 780 }],
        committed: [c],
      }),
    ).toEqual([]);
    expect(
      codes({
        teacher: { ...t, qualification: 'pdg' },
        request: htc,
        blocks: [{ weekday: 2, start: 540, end: 780 }],
        committed: [c],
      }),
    ).toEqual([]);
  });

  it('PDG_DEADLINE: a PDG in progress allows more than 6 h only until 2 years after it started', () => {
    // PDG since 2025-03-01 (deadline 2027-02-28), 7.5 h a week until 2027-07-09.
    const t = teacher({
      qualification: 'pdg_in_progress',
      qualificationSince: '2025-03-01',
      releasedMinutesPerWeek: 450,
      windows: [{ weekday: 2, start: 480, end: 1020 }],
    });
    const r = request({ periodEnd: '2027-07-09' });
    const blocks = [{ weekday: 2, start: 510, end: 960 }];
    expect(codes({ teacher: t, request: r, blocks, end: '2027-07-09' })).toEqual([RuleCode.PdgDeadline]);
    expect(codes({ teacher: t, request: r, blocks, end: '2027-02-28' })).toEqual([]);
  });

  it('HBO_DIDACTIC: above the school’s FTE threshold the didactic qualification is needed', () => {
    const hbo = request({ schoolKind: 'HBO', level: 'HBO', hboDidacticFteThreshold: 0.1 }); // 4 h a week
    const t = teacher({
      skills: [{ subjectCode: 'elektrotechniek', level: 'HBO' }],
      releasedMinutesPerWeek: 600,
    });
    const blocks = [{ weekday: 2, start: 480, end: 780 }]; // 5 h
    expect(codes({ teacher: t, request: hbo, blocks })).toEqual([RuleCode.HboDidactic]);
    expect(codes({ teacher: { ...t, hasHboDidactic: true }, request: hbo, blocks })).toEqual([]);
    expect(codes({ teacher: t, request: { ...hbo, hboDidacticFteThreshold: null }, blocks })).toEqual([]);
  });

  it('INSTRUCTOR_PDC', () => {
    expect(codes({ request: request({ role: 'instructor' }) })).toEqual([RuleCode.InstructorPdc]);
    expect(codes({ request: request({ role: 'instructor' }), teacher: teacher({ hasPdc: true }) })).toEqual(
      [],
    );
  });

  it('SAME_DAY: no overlap with another lesson in an overlapping period', () => {
    const t = teacher({ releasedMinutesPerWeek: 600 });
    expect(codes({ teacher: t, committed: [committed({ start: 600, end: 660 })] })).toEqual([
      RuleCode.SameDay,
    ]);
    expect(
      codes({
        teacher: t,
        committed: [committed({ start: 600, end: 660, from: '2027-02-01', until: '2027-06-30' })],
      }),
    ).toEqual([]);
  });
});

describe('placementDates: time is real', () => {
  const t = { availableFrom: '2026-09-01', availableUntil: null };
  const r = { periodStart: '2026-09-01', periodEnd: '2027-01-31' };

  it('starts at the latest of the request start, the availability start and the first lesson day after today (start after end: nothing left)', () => {
    expect(placementDates(t, r, [2], '2026-08-20')).toEqual({ start: '2026-09-01', end: '2027-01-31' });
    // Approved on Thursday 2026-12-03: the first Tuesday after it, never backdated to 2026-09-01.
    expect(placementDates(t, r, [2], '2026-12-03')).toEqual({ start: '2026-12-08', end: '2027-01-31' });
    expect(
      placementDates({ availableFrom: '2027-01-04', availableUntil: '2027-01-20' }, r, [2], '2026-12-03'),
    ).toEqual({
      start: '2027-01-04',
      end: '2027-01-20',
    });
    expect(
      placementDates({ availableFrom: '2027-02-01', availableUntil: null }, r, [2], '2026-12-03'),
    ).toEqual({ start: '2027-02-01', end: '2027-01-31' });
  });
});

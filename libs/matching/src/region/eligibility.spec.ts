import { baseRequest, baseTeacher } from '../testing/fixtures';
import { checkEligibility } from './eligibility';
import { RuleCode } from './region.types';

const rules = (t = baseTeacher(), r = baseRequest(), opts = {}): RuleCode[] =>
  checkEligibility(t, r, undefined, opts).failures.map((f) => f.rule);

describe('checkEligibility: every hard rule passes and fails', () => {
  it('the base teacher is eligible for the base request', () => {
    const report = checkEligibility(baseTeacher(), baseRequest());
    expect(report).toEqual({ eligible: true, failures: [], eligibleBlockIds: ['b1'] });
  });

  it('SKILL: subject and level must match (a higher level counts unless disabled)', () => {
    expect(rules(baseTeacher({ skills: [{ subjectCode: 'BOUW', level: 'MBO3' }] }))).toEqual(['SKILL']);
    expect(rules(baseTeacher({ skills: [{ subjectCode: 'ELEK', level: 'MBO2' }] }))).toEqual(['SKILL']);
    expect(rules(baseTeacher({ skills: [{ subjectCode: 'ELEK', level: 'MBO4' }] }))).toEqual([]);
    expect(
      rules(baseTeacher({ skills: [{ subjectCode: 'ELEK', level: 'MBO4' }] }), baseRequest(), {
        allowHigherLevelSkill: false,
      }),
    ).toEqual(['SKILL']);
  });

  it('LEVEL: the teacher must be willing to teach the level', () => {
    expect(rules(baseTeacher({ levels: ['MBO4', 'HBO'] }))).toEqual(['LEVEL']);
    expect(rules(baseTeacher({ levels: ['MBO3'] }))).toEqual([]);
  });

  it('WINDOW: the block must lie inside a window on its weekday', () => {
    expect(rules(baseTeacher({ windows: [{ weekday: 3, start: 480, end: 1020 }] }))).toEqual(['WINDOW']);
    expect(rules(baseTeacher({ windows: [{ weekday: 2, start: 600, end: 1020 }] }))).toEqual(['WINDOW']);
    expect(rules(baseTeacher({ windows: [{ weekday: 2, start: 540, end: 660 }] }))).toEqual([]);
  });

  it('PERIOD: availability must cover the minimum commitment within the period', () => {
    expect(rules(baseTeacher({ availableUntil: '2026-03-01' }))).toEqual(['PERIOD']);
    // Starting 2026-07-01 the VOG of 2025-12-01 is also too old on the real start day.
    expect(rules(baseTeacher({ availableFrom: '2026-07-01' }))).toEqual(['PERIOD', 'VOG']);
    expect(rules(baseTeacher({ availableUntil: '2026-04-13' }))).toEqual([]);
  });

  it('DISTANCE: the school must be within the travel distance (replaceable distance function)', () => {
    expect(rules(baseTeacher({ maxTravelKm: 10 }))).toEqual(['DISTANCE']);
    expect(rules(baseTeacher({ maxTravelKm: 25 }))).toEqual([]);
    expect(rules(baseTeacher({ maxTravelKm: 25 }), baseRequest(), { distanceKm: () => 100 })).toEqual([
      'DISTANCE',
    ]);
  });

  it('VOG: at most 6 months old on the real start (the later of both starts), unless VOG pending is allowed', () => {
    // Available from 2026-03-01: the VOG of 2025-08-20 is too old then, though fresh at the period start.
    expect(rules(baseTeacher({ vogIssuedOn: '2025-08-20', availableFrom: '2026-03-01' }))).toEqual(['VOG']);
    expect(rules(baseTeacher({ vogIssuedOn: '2025-09-01', availableFrom: '2026-03-01' }))).toEqual([]);
    expect(rules(baseTeacher({ vogIssuedOn: '2025-08-01' }))).toEqual(['VOG']);
    expect(rules(baseTeacher({ vogIssuedOn: null }))).toEqual(['VOG']);
    expect(rules(baseTeacher({ vogIssuedOn: '2025-08-02' }))).toEqual([]);
    expect(rules(baseTeacher({ vogIssuedOn: null }), baseRequest({ allowVogPending: true }))).toEqual([]);
  });

  it('RELEASED_DAYS: a new weekday needs a released day left', () => {
    const committed = [{ weekday: 1, start: 540, end: 660, schoolKind: 'HBO' as const }];
    expect(rules(baseTeacher({ committed }))).toEqual(['RELEASED_DAYS']);
    expect(rules(baseTeacher({ committed, releasedDaysPerWeek: 2 }))).toEqual([]);
    expect(
      rules(baseTeacher({ committed: [{ weekday: 2, start: 780, end: 840, schoolKind: 'HBO' }] })),
    ).toEqual([]);
  });

  it('RELEASED_MINUTES: committed plus this block within the released minutes', () => {
    expect(rules(baseTeacher({ releasedMinutesPerWeek: 100 }))).toEqual(['RELEASED_MINUTES']);
    expect(rules(baseTeacher({ releasedMinutesPerWeek: 120 }))).toEqual([]);
  });

  it('WORKING_HOURS: contract plus teaching at most 48 h a week', () => {
    expect(rules(baseTeacher({ contractHoursPerWeek: 47 }))).toEqual(['WORKING_HOURS']);
    expect(rules(baseTeacher({ contractHoursPerWeek: 46 }))).toEqual([]);
  });

  it('SIX_HOUR_RULE: unqualified at most 6 h/week at MBO level anywhere; PDG in progress only until its deadline', () => {
    const committed = [{ weekday: 2, start: 780, end: 1050, schoolKind: 'MBO' as const }]; // 4.5 h MBO elsewhere
    const t = baseTeacher({ committed, releasedMinutesPerWeek: 600 });
    expect(rules(t)).toEqual(['SIX_HOUR_RULE']);
    // MBO3 at a Hybride Techniekcentrum counts too; HBO level does not.
    expect(rules(t, baseRequest({ schoolKind: 'HTC' }))).toEqual(['SIX_HOUR_RULE']);
    const hboSkill = { ...t, skills: [{ subjectCode: 'ELEK', level: 'HBO' as const }] };
    expect(rules(hboSkill, baseRequest({ schoolKind: 'HBO', level: 'HBO' }))).toEqual([]);
    const htcCommitted = [
      { weekday: 2, start: 780, end: 1050, schoolKind: 'HTC' as const, level: 'MBO3' as const },
    ];
    expect(rules(baseTeacher({ committed: htcCommitted, releasedMinutesPerWeek: 600 }))).toEqual([
      'SIX_HOUR_RULE',
    ]);
    // PDG since 2025-01-01: deadline 2026-12-31, after the period's end 2026-06-26.
    expect(rules({ ...t, qualification: 'pdg_in_progress', qualificationSince: '2025-01-01' })).toEqual([]);
    // PDG since 2024-07-01: deadline 2026-06-30 ... still after the end; since 2024-06-01: 2026-05-31, inside.
    expect(rules({ ...t, qualification: 'pdg_in_progress', qualificationSince: '2024-07-01' })).toEqual([]);
    expect(rules({ ...t, qualification: 'pdg_in_progress', qualificationSince: '2024-06-01' })).toEqual([
      'PDG_DEADLINE',
    ]);
    expect(rules({ ...t, qualification: 'pdg' })).toEqual([]);
    expect(
      rules(baseTeacher({ committed: [{ weekday: 2, start: 780, end: 900, schoolKind: 'MBO' }] })),
    ).toEqual([]);
  });

  it('SAME_DAY: a block may not overlap an approved placement on the same weekday', () => {
    expect(
      rules(
        baseTeacher({
          committed: [{ weekday: 2, start: 600, end: 720, schoolKind: 'HBO' }],
          releasedMinutesPerWeek: 600,
        }),
      ),
    ).toEqual(['SAME_DAY']);
    expect(
      rules(
        baseTeacher({
          committed: [{ weekday: 2, start: 660, end: 720, schoolKind: 'HBO' }],
          releasedMinutesPerWeek: 600,
        }),
      ),
    ).toEqual([]);
  });

  it('INSTRUCTOR_PDC: the instructor role needs a PDC (or a PDG)', () => {
    expect(rules(baseTeacher(), baseRequest({ role: 'instructor' }))).toEqual(['INSTRUCTOR_PDC']);
    expect(rules(baseTeacher({ hasPdc: true }), baseRequest({ role: 'instructor' }))).toEqual([]);
    expect(rules(baseTeacher({ qualification: 'pdg' }), baseRequest({ role: 'instructor' }))).toEqual([]);
  });

  it('EXCLUDED: a declined teacher is reported as excluded', () => {
    expect(
      rules(baseTeacher(), baseRequest(), { exclude: [{ requestId: 'r1', teacherIds: ['t1'] }] }),
    ).toEqual(['EXCLUDED']);
    expect(rules(baseTeacher(), baseRequest(), { excludeTeacherIds: ['t1'] })).toEqual(['EXCLUDED']);
  });

  it('reports every failing rule with a message and the block id for block rules', () => {
    const report = checkEligibility(baseTeacher({ maxTravelKm: 5, windows: [] }), baseRequest(), 'b1');
    expect(report.eligible).toBe(false);
    expect(report.failures.map((f) => f.rule)).toEqual(['DISTANCE', 'WINDOW']);
    expect(report.failures[1].blockId).toBe('b1');
    expect(report.failures.every((f) => f.message.length > 10)).toBe(true);
    expect(() => checkEligibility(baseTeacher(), baseRequest(), 'nope')).toThrow(/no block/);
  });
});

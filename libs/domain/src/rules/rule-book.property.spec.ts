import fc from 'fast-check';
import { addDays, weekdayOf } from '../schedule/amsterdam-time';
import {
  checkPlacement,
  CommittedLoad,
  isMboLevel,
  pdgDeadline,
  placementDates,
  RuleLevel,
  RuleRequest,
  RuleSlot,
  RuleTeacher,
  SIX_HOUR_RULE_MINUTES,
  vogValidUntil,
  WORKING_HOURS_MAX_MINUTES,
} from './rule-book';

/**
 * Property: over random teacher profiles, requests, profile changes and approval orders, where
 * every approval asks the rule book and every change re-checks the teacher's placements (flagging
 * the ones that broke), no placement that is not flagged violates a hard rule on any of its dates.
 * The oracle below checks date by date, independently of the rule book's stretches of dates.
 */

const LEVELS: RuleLevel[] = ['MBO2', 'MBO3', 'MBO4', 'HBO'];
const PERIODS = [
  ['2026-09-01', '2027-01-31'],
  ['2027-02-01', '2027-07-09'],
  ['2026-09-01', '2027-07-09'],
  ['2026-11-02', '2027-03-31'],
] as const;

interface Placement {
  request: RuleRequest;
  blocks: RuleSlot[];
  start: string;
  end: string;
  flagged: boolean;
}

const slot = fc
  .record({
    weekday: fc.integer({ min: 1, max: 3 }),
    start: fc.integer({ min: 16, max: 30 }),
    len: fc.integer({ min: 2, max: 6 }),
  })
  .map(({ weekday, start, len }) => ({ weekday, start: start * 30, end: (start + len) * 30 }));

const teacherArb: fc.Arbitrary<RuleTeacher> = fc.record({
  skills: fc.constant([{ subjectCode: 'elektrotechniek', level: 'HBO' }]),
  levels: fc.constant([]),
  windows: fc.constant([1, 2, 3].map((weekday) => ({ weekday, start: 480, end: 1080 }))),
  releasedDaysPerWeek: fc.integer({ min: 2, max: 3 }),
  releasedMinutesPerWeek: fc.integer({ min: 6, max: 20 }).map((h) => h * 60),
  availableFrom: fc.constantFrom('2026-09-01', '2026-12-01', '2027-02-01'),
  availableUntil: fc.constantFrom(null, '2027-03-31', '2027-07-31'),
  maxTravelKm: fc.constant(40),
  contractHoursPerWeek: fc.integer({ min: 24, max: 40 }),
  vogIssuedOn: fc.constantFrom(null, '2026-03-15', '2026-08-01', '2026-11-01', '2027-01-15'),
  qualification: fc.constantFrom('none' as const, 'pdg_in_progress' as const, 'pdg' as const),
  qualificationSince: fc.constantFrom('2025-03-01', '2025-09-01'),
  hasPdc: fc.boolean(),
  hasHboDidactic: fc.boolean(),
});

const requestArb: fc.Arbitrary<{ request: RuleRequest; blocks: RuleSlot[] }> = fc
  .record({
    request: fc.record({
      schoolId: fc.constantFrom('s1', 's2', 'htc'),
      schoolKind: fc.constantFrom('MBO' as const, 'HBO' as const, 'HTC' as const),
      subjectCode: fc.constant('elektrotechniek'),
      level: fc.constantFrom(...LEVELS),
      role: fc.constantFrom('guest_teacher' as const, 'guest_teacher' as const, 'instructor' as const),
      periodStart: fc.constant(''),
      periodEnd: fc.constant(''),
      minCommitmentWeeks: fc.integer({ min: 1, max: 8 }),
      allowVogPending: fc.boolean(),
      hboDidacticFteThreshold: fc.constantFrom(null, 0.1, 0.2),
    }),
    period: fc.integer({ min: 0, max: PERIODS.length - 1 }),
    blocks: fc.array(slot, { minLength: 1, maxLength: 2 }),
  })
  .map(({ request, period, blocks }) => ({
    request: { ...request, periodStart: PERIODS[period][0], periodEnd: PERIODS[period][1] },
    blocks,
  }));

type Event =
  { kind: 'approve'; request: number; days: number } | { kind: 'change'; change: Partial<RuleTeacher> };

const changeArb: fc.Arbitrary<Partial<RuleTeacher>> = fc.oneof(
  fc.record({ contractHoursPerWeek: fc.integer({ min: 24, max: 46 }) }),
  fc.record({ qualification: fc.constantFrom('none' as const, 'pdg' as const, 'pdg_in_progress' as const) }),
  fc.record({ releasedMinutesPerWeek: fc.integer({ min: 1, max: 20 }).map((h) => h * 60) }),
  fc.record({ releasedDaysPerWeek: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    windows: fc.array(
      fc.record({ weekday: fc.integer({ min: 1, max: 3 }), start: fc.constant(480), end: fc.constant(1080) }),
      { maxLength: 3 },
    ),
  }),
  fc.record({ vogIssuedOn: fc.constantFrom(null, '2026-03-15', '2026-10-01') }),
  fc.record({ hasPdc: fc.boolean(), hasHboDidactic: fc.boolean() }),
);

const eventArb: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('approve' as const),
      request: fc.nat(5),
      days: fc.integer({ min: 0, max: 30 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('change' as const), change: changeArb }) },
);

const committedOf = (placements: Placement[], except: Placement): CommittedLoad[] =>
  placements
    .filter((p) => p !== except)
    .flatMap((p) =>
      p.blocks.map((b) => ({
        ...b,
        schoolId: p.request.schoolId,
        level: p.request.level,
        from: p.start,
        until: p.end,
      })),
    );

/** Every broken weekly rule of `p` on `date`, checked from scratch (the oracle). */
function brokenOn(date: string, p: Placement, all: Placement[], t: RuleTeacher): string[] {
  const active = all.filter((q) => q.start <= date && date <= q.end);
  const slots = active.flatMap((q) => q.blocks.map((b) => ({ ...b, q })));
  const minutes = slots.reduce((sum, s) => sum + s.end - s.start, 0);
  const broken: string[] = [];
  if (new Set(slots.map((s) => s.weekday)).size > t.releasedDaysPerWeek) broken.push('days');
  if (minutes > t.releasedMinutesPerWeek) broken.push('minutes');
  if (t.contractHoursPerWeek * 60 + minutes > WORKING_HOURS_MAX_MINUTES) broken.push('atw');
  const qualified =
    t.qualification === 'pdg' ||
    (t.qualification === 'pdg_in_progress' && date <= (pdgDeadline(t.qualificationSince) ?? ''));
  const mbo = slots.filter((s) => isMboLevel(s.q.request.level)).reduce((sum, s) => sum + s.end - s.start, 0);
  if (isMboLevel(p.request.level) && !qualified && mbo > SIX_HOUR_RULE_MINUTES) broken.push('six');
  for (const b of p.blocks)
    if (slots.some((s) => s.q !== p && s.weekday === b.weekday && b.start < s.end && s.start < b.end))
      broken.push('overlap');
  return broken;
}

function oracle(p: Placement, all: Placement[], t: RuleTeacher): string[] {
  const broken: string[] = [];
  for (const b of p.blocks)
    if (!t.windows.some((w) => w.weekday === b.weekday && w.start <= b.start && b.end <= w.end))
      broken.push('window');
  if (p.start < t.availableFrom || (t.availableUntil !== null && p.end > t.availableUntil))
    broken.push('period');
  const vog = vogValidUntil(t.vogIssuedOn);
  if (!p.request.allowVogPending && (vog === null || vog < p.start)) broken.push('vog');
  // Weekly rules: on every lesson date of the placement.
  for (let d = p.start; d <= p.end; d = addDays(d, 1)) {
    if (!p.blocks.some((b) => b.weekday === Number(weekdayOf(d)))) continue;
    broken.push(...brokenOn(d, p, all, t));
  }
  return broken;
}

describe('rule book property: no approved, unflagged placement breaks a hard rule on any of its dates', () => {
  it('over random profiles, requests, changes and approval orders', () => {
    const stats = { placements: 0, flagged: 0, together: 0 };
    fc.assert(
      fc.property(
        teacherArb,
        fc.array(requestArb, { minLength: 1, maxLength: 6 }),
        fc.array(eventArb, { minLength: 1, maxLength: 16 }),
        (initial, requests, events) => {
          let t = initial;
          let today = '2026-08-20';
          const placements: Placement[] = [];
          const approved = new Set<number>();
          for (const event of events) {
            if (event.kind === 'approve') {
              today = addDays(today, event.days);
              const index = event.request % requests.length;
              if (approved.has(index)) continue;
              const { request, blocks } = requests[index];
              const dates = placementDates(
                t,
                request,
                blocks.map((b) => b.weekday),
                today,
              );
              if (dates.start > dates.end) continue;
              const p: Placement = { request, blocks, ...dates, flagged: false };
              const violations = checkPlacement({
                teacher: t,
                request,
                blocks,
                ...dates,
                distanceKm: 5,
                committed: committedOf(placements, p),
                today,
              });
              if (violations.length === 0) {
                placements.push(p);
                approved.add(index);
              }
            } else {
              t = { ...t, ...event.change };
              // The re-check after a change: every placement of the teacher, flagged when it broke.
              for (const p of placements)
                p.flagged =
                  checkPlacement({
                    teacher: t,
                    request: p.request,
                    blocks: p.blocks,
                    start: p.start,
                    end: p.end,
                    distanceKm: 5,
                    committed: committedOf(placements, p),
                    today: addDays(p.start, -1),
                  }).length > 0;
            }
          }
          stats.placements += placements.filter((p) => !p.flagged).length;
          stats.flagged += placements.filter((p) => p.flagged).length;
          if (placements.length > 1) stats.together += 1;
          for (const p of placements) {
            if (p.flagged) continue;
            expect({ placement: `${p.start}..${p.end}`, broken: oracle(p, placements, t) }).toEqual({
              placement: `${p.start}..${p.end}`,
              broken: [],
            });
          }
        },
      ),
      { seed: 20261203, numRuns: 300 },
    );
    // Not vacuous: many placements were approved, several per teacher, and changes flagged some.
    expect(stats.placements).toBeGreaterThan(200);
    expect(stats.together).toBeGreaterThan(40);
    expect(stats.flagged).toBeGreaterThan(20);
  });
});

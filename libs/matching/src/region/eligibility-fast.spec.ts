import { dateCommitments, mulberry32, variedRegion as instance } from '../testing/synthetic';
import { addMonthsDay, dayNumber, GeoPoints, greatCircleKm } from './dates';
import {
  checkEligibility,
  evaluatePair,
  failedRulesChecker,
  PairFacts,
  prepareRequest,
  prepareTeacher,
  ruleContext,
} from './eligibility';
import { buildInstance } from './instance';
import { EngineOptions, RuleCode } from './region.types';

const cases: [string, EngineOptions][] = [
  ['default rules', {}],
  ['no higher-level skill', { allowHigherLevelSkill: false }],
  ['custom distance', { distanceKm: (a, b) => Math.abs(a.lat - b.lat) * 111 + Math.abs(a.lon - b.lon) * 70 }],
  // Time is real, and the committed slots have dates: each counts only for the requests it meets.
  ['today and dated placements', { today: '2026-03-12' }],
];

describe('buildInstance fast eligibility agrees with checkEligibility', () => {
  for (const [name, base] of cases) {
    it(`same eligible blocks and pair facts on random instances (${name})`, () => {
      for (let seed = 1; seed <= 4; seed++) {
        const { teachers, requests } = instance(seed * 7919 + name.length);
        if (base.today !== undefined) dateCommitments(teachers, seed);
        const options: EngineOptions = {
          ...base,
          excludeTeacherIds: [teachers[3].id],
          exclude: [{ requestId: requests[0].id, teacherIds: teachers.slice(0, 20).map((t) => t.id) }],
        };
        const inst = buildInstance(teachers, requests, options);
        const fast = new Map<string, string[]>();
        for (let g = 0; g < inst.numBlocks; g++) {
          const r = requests[inst.blockRequest[g]];
          for (let e = inst.edgeStart[g]; e < inst.edgeStart[g + 1]; e++) {
            const key = `${teachers[inst.edgeTeacher[e]].id}|${r.id}`;
            fast.set(key, [...(fast.get(key) ?? []), r.blocks[inst.blockLocal[g]].id]);
          }
        }
        const ctx = ruleContext(options);
        const facts: PairFacts = {
          skillValue: 0,
          distanceKm: 0,
          sixHourCapped: false,
          hboMinutesLeft: Infinity,
        };
        const pairOf = new Map<string, number>();
        for (let p = 0; p < inst.pairTeacher.length; p++)
          pairOf.set(`${teachers[inst.pairTeacher[p]].id}|${requests[inst.pairRequest[p]].id}`, p);
        let eligible = 0;
        for (const t of teachers) {
          for (const r of requests) {
            const report = checkEligibility(t, r, undefined, options);
            const key = `${t.id}|${r.id}`;
            expect([key, fast.get(key) ?? []]).toEqual([key, report.eligibleBlockIds]);
            if (!report.eligible) {
              expect(pairOf.has(key)).toBe(false);
              continue;
            }
            eligible++;
            const p = pairOf.get(key)!;
            evaluatePair(prepareTeacher(t, 0), prepareRequest(r, 0, options.today), ctx, facts, null);
            expect(inst.pairSkill[p]).toBe(facts.skillValue);
            expect(inst.pairDistance[p]).toBe(facts.distanceKm);
            expect(inst.pairCapped[p]).toBe(facts.sixHourCapped ? 1 : 0);
            expect(inst.pairCoverage[p]).toBe(report.eligibleBlockIds.length / r.blocks.length);
          }
        }
        expect(eligible).toBeGreaterThan(0);
      }
    });
  }
});

describe('failedRulesChecker agrees with checkEligibility', () => {
  for (const [name, base] of cases) {
    it(`the same rules, in the same order, for random sets of blocks (${name})`, () => {
      const orders = new Set<string>();
      for (let seed = 1; seed <= 3; seed++) {
        const { teachers, requests } = instance(seed * 6_151 + name.length);
        if (base.today !== undefined) dateCommitments(teachers, seed);
        const options: EngineOptions = {
          ...base,
          excludeTeacherIds: [teachers[3].id],
          exclude: [{ requestId: requests[0].id, teacherIds: teachers.slice(0, 20).map((t) => t.id) }],
        };
        const failedRules = failedRulesChecker(options);
        const rnd = mulberry32(seed);
        for (const t of teachers) {
          for (const r of requests) {
            const blockIds = new Set(r.blocks.filter(() => rnd() < 0.6).map((b) => b.id));
            // checkEligibility's failures restricted to those blocks, each rule once (first seen first).
            const expected: RuleCode[] = [
              ...new Set(
                checkEligibility(t, r, undefined, options)
                  .failures.filter((f) => f.blockId === undefined || blockIds.has(f.blockId))
                  .map((f) => f.rule),
              ),
            ];
            expect([t.id, r.id, failedRules(t, r, blockIds)]).toEqual([t.id, r.id, expected]);
            if (expected.length > 1) orders.add(expected.join(','));
          }
        }
      }
      // Teachers failing several rules, pair and block rules mixed: the order is tested.
      expect(orders.size).toBeGreaterThan(5);
    });
  }
});

describe('dayNumber', () => {
  const reference = (iso: string): number | 'error' => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return 'error';
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const check = new Date(t);
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return 'error';
    return Math.round(t / 86_400_000);
  };
  const ours = (iso: string): number | 'error' => {
    try {
      return dayNumber(iso);
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      return 'error';
    }
  };

  it('matches the Date-based computation, including invalid days and months', () => {
    for (const y of [0, 50, 99, 100, 1600, 1899, 1900, 1970, 2000, 2023, 2024, 2026, 2100, 2400, 9999])
      for (let mo = 0; mo <= 13; mo++)
        for (let d = 0; d <= 32; d++) {
          const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect([iso, ours(iso)]).toEqual([iso, reference(iso)]);
        }
    expect(ours('2026-1-01')).toBe('error');
    for (const iso of [
      '2026-01-01\n',
      ' 2026-01-01',
      '2026/01/01',
      '2026-01-0a',
      '２０２６-01-01',
      '2026-01-01T00',
      '',
    ])
      expect([iso, ours(iso)]).toEqual([iso, reference(iso)]);
  });

  it('addMonthsDay matches the Date-based computation, including clamping and years before 100', () => {
    const reference = (iso: string, months: number): number => {
      const y = Number(iso.slice(0, 4));
      const mo = Number(iso.slice(5, 7)) - 1 + months;
      const d = Number(iso.slice(8, 10));
      const ty = y + Math.floor(mo / 12);
      const tm = ((mo % 12) + 12) % 12;
      const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
      return Math.round(Date.UTC(ty, tm, Math.min(d, last)) / 86_400_000);
    };
    const months = [
      -1300, -25, -24, -13, -12, -7, -6, -1, 0, 1, 5, 6, 11, 12, 13, 23, 24, 25, 1300, 0.5, -6.5,
    ];
    for (const y of [
      0, 50, 98, 99, 100, 101, 1600, 1899, 1900, 1970, 2000, 2023, 2024, 2026, 2100, 2400, 9999,
    ])
      for (let mo = 1; mo <= 12; mo++)
        for (const d of [1, 15, 28, 29, 30, 31]) {
          const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (ours(iso) === 'error') {
            expect(() => addMonthsDay(iso, 6)).toThrow(RangeError);
            continue;
          }
          for (const m of months) expect([iso, m, addMonthsDay(iso, m)]).toEqual([iso, m, reference(iso, m)]);
        }
  });

  it('greatCircleKm is unchanged (spot check)', () => {
    expect(greatCircleKm({ lat: 52.37, lon: 4.9 }, { lat: 51.92, lon: 4.48 })).toBeCloseTo(57.7, 0);
  });

  it('GeoPoints gives exactly greatCircleKm, point by point', () => {
    const rnd = mulberry32(42);
    const points = Array.from({ length: 200 }, () => ({ lat: 50 + rnd() * 4, lon: 3 + rnd() * 4 }));
    points.push({ lat: 52.37, lon: 4.9 }, { lat: -33.9, lon: 151.2 }, { lat: 0, lon: 0 });
    const homes = new GeoPoints(points);
    for (const to of [points[0], { lat: 51.92, lon: 4.48 }, { lat: 35.7, lon: 139.7 }, { lat: 0, lon: 180 }])
      expect(Array.from(homes.kmTo(to))).toEqual(points.map((p) => greatCircleKm(p, to)));
  });
});

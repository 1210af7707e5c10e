import fc from 'fast-check';
import { checkEligibility } from '../region/eligibility';
import { buildInstance } from '../region/instance';
import { MatchRequest, MatchTeacher, RegionResult } from '../region/region.types';
import { SideRules } from '../region/side-rules';
import { solveRegion } from '../region/solve-region';
import { bruteForceRegion } from '../testing/oracles';
import { syntheticRegion } from '../testing/synthetic';
import { maximalCliques } from './region-mip';
import {
  DEFAULT_MIP_MAX_PAIRS,
  holdingOfResult,
  loadMipSolver,
  MipSolver,
  solveRegionExact,
  verifiedScore,
} from './solve-exact';

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadMipSolver();
});

const small = (seed: number, teachers: number, requests: number) =>
  syntheticRegion({
    seed,
    teachers,
    requests,
    minBlocks: 1,
    maxBlocks: 3,
    travelScale: 8,
    subjects: 2,
    teamShare: 0.6,
    committedShare: 0.3,
  });

/** Every match passes checkEligibility and the holding passes every side rule. */
function assertFeasible(result: RegionResult, teachers: MatchTeacher[], requests: MatchRequest[]): void {
  for (const m of result.matches) {
    const request = requests.find((r) => r.id === m.requestId)!;
    const teacher = teachers.find((t) => t.id === m.teacherId)!;
    for (const id of m.blockIds)
      expect(
        checkEligibility(
          teacher,
          request,
          request.blocks.find((b) => b.id === id),
        ).eligible,
      ).toBe(true);
  }
  const inst = buildInstance(teachers, requests);
  expect(verifiedScore(inst, new SideRules(inst), holdingOfResult(inst, result))).toBe(result.totals.score);
}

describe('maximalCliques', () => {
  it('property: equals the maximal sets of pairwise overlapping intervals found by brute force', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 8 }))
            .map(([s, d]) => [s, s + d]),
          { minLength: 1, maxLength: 8 },
        ),
        (intervals) => {
          const items = intervals.map((_, i) => i);
          const overlap = (a: number, b: number): boolean =>
            intervals[a][0] < intervals[b][1] && intervals[b][0] < intervals[a][1];
          const cliques: number[][] = [];
          for (let mask = 1; mask < 1 << items.length; mask++) {
            const set = items.filter((i) => mask & (1 << i));
            if (set.every((a) => set.every((b) => a === b || overlap(a, b)))) cliques.push(set);
          }
          const maximal = cliques.filter(
            (c) => !cliques.some((o) => o.length > c.length && c.every((x) => o.includes(x))),
          );
          const found = maximalCliques(
            items,
            (i) => intervals[i][0],
            (i) => intervals[i][1],
          );
          const key = (sets: number[][]) => sets.map((s) => [...s].sort((a, b) => a - b).join(',')).sort();
          expect(key(found)).toEqual(key(maximal));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('solveRegionExact', () => {
  it('property: proven gap 0 and the exhaustive optimum on random small regions', () => {
    let sideRulesBound = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 3, max: 6 }), (seed, size) => {
        const { teachers, requests } = small(seed, size, size);
        const inst = buildInstance(teachers, requests);
        const brute = bruteForceRegion(inst, 400_000);
        fc.pre(brute !== null);
        const res = solveRegionExact(teachers, requests, solver);
        assertFeasible(res, teachers, requests);
        expect(res.proof.proven).toBe(true);
        expect(res.proof.gap).toBe(0);
        expect(res.certificate.relativeGap).toBe(0);
        expect(res.totals.score).toBe(brute);
        expect(res.proof.upperBound).toBe(brute);
        if (res.proof.heuristicScore < brute) sideRulesBound++;
      }),
      { numRuns: 120, seed: 2026 },
    );
    // The property is only worth something if the engine alone missed the optimum in some cases.
    expect(sideRulesBound).toBeGreaterThan(5);
  });

  it('proves the optimum of a 300-teacher, 600-block region and never scores below the engine', () => {
    const { teachers, requests } = syntheticRegion({
      seed: 7,
      teachers: 300,
      requests: 300,
      travelScale: 0.5,
    });
    const res = solveRegionExact(teachers, requests, solver, { explain: false, timeLimitSeconds: 120 });
    expect(res.totals.blocks).toBeGreaterThan(580);
    expect(res.proof).toMatchObject({ proven: true, gap: 0, mipStatus: 'optimal' });
    expect(res.totals.score).toBe(res.proof.upperBound);
    expect(res.totals.score).toBeGreaterThanOrEqual(
      solveRegion(teachers, requests, { explain: false }).totals.score,
    );
    assertFeasible(res, teachers, requests);
  });

  it('within a short time limit keeps a feasible answer and reports a proven, non-negative gap', () => {
    const { teachers, requests } = syntheticRegion({
      seed: 11,
      teachers: 400,
      requests: 700,
      travelScale: 1,
    });
    const res = solveRegionExact(teachers, requests, solver, { explain: false, timeLimitSeconds: 0.5 });
    expect(res.proof.timeLimitSeconds).toBe(0.5);
    expect(res.proof.score).toBe(res.totals.score);
    expect(res.proof.score).toBeGreaterThanOrEqual(res.proof.heuristicScore);
    expect(res.proof.upperBound).toBeGreaterThanOrEqual(res.proof.score);
    expect(res.proof.gap).toBeCloseTo((res.proof.upperBound - res.proof.score) / res.proof.upperBound, 12);
    expect(res.proof.proven).toBe(res.proof.gap === 0);
    assertFeasible(res, teachers, requests);
  });

  it('a region with more eligible pairs than the MIP is tried for keeps the engine answer and the flow bound', () => {
    const { teachers, requests } = syntheticRegion({
      seed: 11,
      teachers: 1000,
      requests: 1500,
      travelScale: 1,
    });
    const engine = solveRegion(teachers, requests, { explain: false });
    expect(engine.totals.eligiblePairs).toBeGreaterThan(DEFAULT_MIP_MAX_PAIRS);
    const res = solveRegionExact(teachers, requests, solver, { explain: false });
    expect(res.proof).toMatchObject({
      method: 'heuristic',
      mipStatus: 'skippedTooLarge',
      mipMs: 0,
      score: engine.totals.score,
      upperBound: engine.certificate.upperBound,
    });
    expect(res.proof.proven).toBe(res.proof.gap === 0);
    assertFeasible(res, teachers, requests);
    // Asked to try it anyway, HiGHS runs (here within half a second).
    const tried = solveRegionExact(teachers, requests, solver, {
      explain: false,
      timeLimitSeconds: 0.5,
      mipMaxPairs: Infinity,
    });
    expect(tried.proof.mipStatus).not.toBe('skippedTooLarge');
  });

  it('a region where no side rule binds is proven by the flow alone (no MIP)', () => {
    const { teachers, requests } = syntheticRegion({ seed: 3, teachers: 40, requests: 5, travelScale: 3 });
    const res = solveRegionExact(teachers, requests, solver);
    if (res.proof.method === 'flow') {
      expect(res.proof).toMatchObject({ proven: true, gap: 0, mipStatus: null });
      expect(res.totals.score).toBe(solveRegion(teachers, requests).certificate.upperBound);
    } else {
      expect(res.proof.proven).toBe(true);
    }
  });
});

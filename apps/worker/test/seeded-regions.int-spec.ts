import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, ensureDatabase, withDatabase } from '@hybridmatch/database';
import {
  checkEligibility,
  explainUnfilled,
  loadMipSolver,
  MipSolver,
  RuleCode,
  solveRegionExact,
} from '@hybridmatch/matching';
import { buildInstance } from '@hybridmatch/matching/region/instance';
import { regionToLp } from '@hybridmatch/matching/testing/oracles';
import { loadRegionInput, MatchingInput } from '@hybridmatch/core';
import { DEFAULT_SEED } from '../../../scripts/seed/generate';
import { seedDatabase } from '../../../scripts/seed/seed-database';
import { TEST_BASE_DATABASE_URL } from '../../../test/support/test-env';

/**
 * The engine on the seeded demo regions (seed 2026, 10 regions, 1,000 teachers), read from the
 * database the way a match run reads them: every region's answer is the proven optimum of the
 * documented model, and equals the optimum of the independent MIP formulation of the test oracle.
 */
/** The demo's today for this spec: the seed's base school year (2026-2027), in its first semester. */
const TODAY = '2026-12-03';

describe('seeded regions (integration)', () => {
  const url = withDatabase(TEST_BASE_DATABASE_URL, `hm_test_${randomBytes(4).toString('hex')}`);
  let db: DataSource;
  let solver: MipSolver;
  const inputs = new Map<string, MatchingInput>();

  beforeAll(async () => {
    await ensureDatabase(url, process.env.HM_TEST_TEMPLATE_DATABASE);
    await seedDatabase({
      databaseUrl: url,
      seed: DEFAULT_SEED,
      today: TODAY,
      reset: false,
      password: 'seeded-regions-test',
    });
    db = await new DataSource(dataSourceOptions(url)).initialize();
    solver = await loadMipSolver();
    const regions: { id: string; code: string }[] = await db.query(
      'SELECT id, code FROM region ORDER BY code',
    );
    for (const region of regions)
      inputs.set(region.code, await loadRegionInput(db.manager, region.id, TODAY));
  }, 180_000);

  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(url);
  });

  it('proves gap 0 on every seeded region and matches the oracle MIP optimum', () => {
    expect(inputs.size).toBe(10);
    let improvedByMip = 0;
    for (const [code, input] of inputs) {
      const options = { exclude: input.exclude, today: input.today, explain: false };
      const exact = solveRegionExact(input.teachers, input.requests, solver, {
        ...options,
        timeLimitSeconds: 60,
      });
      const oracle = solver.solve(regionToLp(buildInstance(input.teachers, input.requests, options)), {
        time_limit: 120,
      });
      expect({ code, status: oracle.Status }).toEqual({ code, status: 'Optimal' });
      expect({ code, proven: exact.proof.proven, gap: exact.proof.gap }).toEqual({
        code,
        proven: true,
        gap: 0,
      });
      expect({ code, score: exact.totals.score }).toEqual({ code, score: Math.round(oracle.ObjectiveValue) });
      if (exact.proof.heuristicScore < exact.totals.score) improvedByMip++;
    }
    // On the seeded data the side rules bind: the engine alone misses the optimum in most regions.
    expect(improvedByMip).toBeGreaterThan(5);
  });

  it('explains every unfilled block of a seeded run with exactly the rules checkEligibility names', () => {
    let blocks = 0;
    for (const [code, input] of inputs) {
      const options = { exclude: input.exclude, today: input.today };
      const run = solveRegionExact(input.teachers, input.requests, solver, { ...options, explain: false });
      const explained = explainUnfilled(input.teachers, input.requests, run.matches, options);
      expect({ code, blocks: explained.map((x) => x.blockId).sort() }).toEqual({
        code,
        blocks: run.unfilled.map((u) => u.blockId).sort(),
      });
      for (const x of explained) {
        const request = input.requests.find((r) => r.id === x.requestId)!;
        const failing = new Map<RuleCode, number>();
        let eligible = 0;
        for (const teacher of input.teachers) {
          const rules = new Set(
            checkEligibility(teacher, request, x.blockId, options).failures.map((f) => f.rule),
          );
          if (rules.size === 0) eligible++;
          for (const rule of rules) failing.set(rule, (failing.get(rule) ?? 0) + 1);
        }
        expect({ block: x.blockId, eligible: x.eligibleTeachers, failing: x.failing }).toEqual({
          block: x.blockId,
          eligible,
          failing: [...failing]
            .map(([rule, teachers]) => ({ rule, teachers }))
            .sort((a, b) => b.teachers - a.teachers || a.rule.localeCompare(b.rule)),
        });
        expect(x.sentences.en.length).toBeGreaterThan(0);
        expect(x.sentences.nl.length).toBe(x.sentences.en.length);
        blocks++;
      }
    }
    expect(blocks).toBeGreaterThan(100);
  });
});

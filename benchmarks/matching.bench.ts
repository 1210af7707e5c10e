/**
 * `npm run bench:matching` — the matching engine's benchmark, from fixed seeds.
 *
 *  1. Region solves on synthetic regions (1,000 teachers × 1,500 requests, and 1,000 teachers ×
 *     ~5,000 lesson blocks): time per phase (median of RUNS after WARMUPS untimed solves), memory, total
 *     score and fill rate against the greedy baseline.
 *  2. The heuristic part (side rules) against an exact MIP (HiGHS) on small instances.
 *  3. OR-Library assignment instances: our solver against the `munkres` npm package and against
 *     scipy's C++ solvers (python3), measured in the same run, parse excluded.
 *  4. Shortage signals per region size: re-solves made and the time they take (target < 2 s).
 * `BENCH_ONLY=region,gap,exact,orlib,shortage` runs only the named sections.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus } from 'node:os';
import {
  AssignmentProblem,
  checkAssignmentCertificate,
  greedyBaseline,
  parseOrLibAssignment,
  PhaseTimings,
  RegionResult,
  solveAssignment,
  shortageSignals,
  solveRegion,
} from '@hybridmatch/matching';
import { solveDenseRaw } from '@hybridmatch/matching/assignment/lap-dense';
import { solveSparseRaw } from '@hybridmatch/matching/assignment/lap-sparse';
import { buildInstance } from '@hybridmatch/matching/region/instance';
import { loadMipSolver, solveRegionExact } from '@hybridmatch/matching/exact/solve-exact';
import { bruteForceRegion, regionToLp } from '@hybridmatch/matching/testing/oracles';
import { syntheticRegion, SyntheticOptions } from '@hybridmatch/matching/testing/synthetic';

// munkres ships ESM types; its CommonJS build is loaded with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { munkres } = require('munkres') as { munkres: (matrix: number[][]) => [number, number][] };

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
/** Untimed solves first: the engine runs in a long-lived worker, so it is measured JIT-warm. */
const WARMUPS = Number(process.env.BENCH_WARMUPS ?? 3);
const LAP_RUNS = Number(process.env.BENCH_LAP_RUNS ?? 9);

/** Is `dir` the HybridMatch repository root (its package.json is named "hybridmatch")? */
function isRepoRoot(dir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
    return pkg.name === 'hybridmatch' && existsSync(join(dir, 'benchmarks', 'scipy_lap.py'));
  } catch {
    return false;
  }
}

/**
 * The repository root: HM_ROOT, else the nearest folder above this file that is the repository
 * (works from `dist/benchmarks`), else the working directory (for a build compiled elsewhere, run
 * it from the repository root).
 */
function findRoot(): string {
  if (process.env.HM_ROOT) return process.env.HM_ROOT;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (isRepoRoot(dir)) return dir;
    if (dirname(dir) === dir) break;
  }
  return process.cwd();
}
const ROOT = findRoot();
/** OR-Library instances: ORLIB_DIR (the whole set), else the small ones committed as test fixtures. */
const ORLIB = process.env.ORLIB_DIR ?? join(ROOT, 'libs', 'matching', 'test-fixtures', 'orlib');

function best(xs: number[]): number {
  return Math.min(...xs);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);

function table(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r: string[]): string =>
    '| ' + r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join(' | ') + ' |';
  console.log(line(cells[0]));
  console.log(
    '|' + widths.map((w, c) => (c === 0 ? '-'.repeat(w + 1) + '-' : '-'.repeat(w + 1) + ':')).join('|') + '|',
  );
  for (const r of cells.slice(1)) console.log(line(r));
  console.log('');
}

interface Scenario {
  name: string;
  options: SyntheticOptions;
}

const SCENARIOS: Scenario[] = [
  {
    name: '1,000 teachers × 1,500 requests',
    options: {
      seed: 20260101,
      teachers: 1000,
      requests: 1500,
      minBlocks: 1,
      maxBlocks: 3,
      travelScale: 2.4,
      subjects: 6,
    },
  },
  {
    name: '1,000 teachers × ~5,000 blocks',
    options: {
      seed: 20260102,
      teachers: 1000,
      requests: 1700,
      minBlocks: 1,
      maxBlocks: 5,
      travelScale: 2.4,
      subjects: 6,
    },
  },
];

function regionBench(): void {
  console.log('## Region matching (synthetic, fixed seeds)\n');
  const phaseRows: (string | number)[][] = [];
  const qualityRows: (string | number)[][] = [];
  for (const sc of SCENARIOS) {
    const { teachers, requests } = syntheticRegion(sc.options);
    const blocks = requests.reduce((s, r) => s + r.blocks.length, 0);
    for (let k = 0; k < WARMUPS; k++) {
      solveRegion(teachers, requests);
      greedyBaseline(teachers, requests);
    }
    const timings: PhaseTimings[] = [];
    let result: RegionResult | null = null;
    let heapDelta = 0;
    for (let k = 0; k < RUNS; k++) {
      const before = process.memoryUsage().heapUsed;
      result = solveRegion(teachers, requests);
      heapDelta = Math.max(heapDelta, process.memoryUsage().heapUsed - before);
      timings.push(result.timings);
    }
    const greedyTimes: number[] = [];
    let greedy: RegionResult | null = null;
    for (let k = 0; k < RUNS; k++) {
      greedy = greedyBaseline(teachers, requests);
      greedyTimes.push(greedy.timings.totalMs);
    }
    const r = result!;
    const g = greedy!;
    const med = (key: keyof PhaseTimings): number => median(timings.map((t) => t[key]));
    phaseRows.push([
      sc.name,
      blocks,
      r.totals.eligiblePairs,
      (r.totals.eligiblePairs / blocks).toFixed(1),
      ms(med('eligibilityMs')),
      ms(med('graphMs')),
      ms(med('solveMs')),
      ms(med('sideRulesMs')),
      ms(med('certificateMs')),
      ms(med('explanationMs')),
      ms(med('totalMs')),
      ms(median(greedyTimes)),
      mb(heapDelta),
      mb(process.memoryUsage().rss),
    ]);
    qualityRows.push([
      sc.name,
      r.totals.score,
      g.totals.score,
      `${(((r.totals.score - g.totals.score) / g.totals.score) * 100).toFixed(2)}%`,
      `${(r.totals.fillRate * 100).toFixed(2)}%`,
      `${(g.totals.fillRate * 100).toFixed(2)}%`,
      r.totals.teachersUsed,
      g.totals.teachersUsed,
      r.certificate.upperBound,
      `${(r.certificate.relativeGap * 100).toFixed(2)}%`,
      r.certificate.flowSolves,
      r.certificate.ok ? 'yes' : 'NO',
      r.certificate.usedGreedyFallback ? 'yes' : 'no',
    ]);
  }
  console.log(
    `Phase times in ms, median of ${RUNS} runs after ${WARMUPS} untimed warm-up solves; memory = largest heap growth during a solve, and process RSS.\n`,
  );
  table(
    [
      'scenario',
      'blocks',
      'eligible pairs',
      'per block',
      'eligibility',
      'graph',
      'solve',
      'side rules',
      'certificate',
      'explanations',
      'engine total',
      'greedy total',
      'heap MB',
      'RSS MB',
    ],
    phaseRows,
  );
  table(
    [
      'scenario',
      'score',
      'greedy score',
      'gain',
      'fill rate',
      'greedy fill',
      'teachers used',
      'greedy teachers',
      'flow bound',
      'gap to bound',
      'flow solves',
      'certified',
      'greedy fallback',
    ],
    qualityRows,
  );
}

interface Highs {
  solve(lp: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number };
}

async function gapBench(): Promise<void> {
  console.log('## Side-rule heuristic against the exact MIP (HiGHS), small instances\n');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const highs = await (require('highs') as () => Promise<Highs>)();
  const sizes: [number, number][] = [
    [4, 4],
    [8, 10],
    [15, 20],
  ];
  const rows: (string | number)[][] = [];
  for (const [nt, nr] of sizes) {
    const gaps: number[] = [];
    const greedyGaps: number[] = [];
    let exact = 0;
    let bruteChecked = 0;
    const count = 40;
    for (let k = 0; k < count; k++) {
      const { teachers, requests } = syntheticRegion({
        seed: 1000 * nt + k,
        teachers: nt,
        requests: nr,
        travelScale: 6,
        subjects: 2,
        teamShare: 0.6,
        committedShare: 0.3,
      });
      const res = solveRegion(teachers, requests, { explain: false });
      const greedy = greedyBaseline(teachers, requests);
      const inst = buildInstance(teachers, requests);
      const mip = highs.solve(regionToLp(inst), { time_limit: 30 });
      if (mip.Status !== 'Optimal') continue;
      const opt = Math.round(mip.ObjectiveValue);
      if (nt <= 4) {
        const brute = bruteForceRegion(inst, 300_000);
        if (brute !== null) {
          bruteChecked++;
          if (brute !== opt)
            throw new Error(`MIP oracle disagrees with exhaustive search (${opt} vs ${brute})`);
        }
      }
      const gap = opt > 0 ? (opt - res.totals.score) / opt : 0;
      gaps.push(gap);
      greedyGaps.push(opt > 0 ? (opt - greedy.totals.score) / opt : 0);
      if (res.totals.score === opt) exact++;
    }
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
    rows.push([
      `${nt} teachers × ${nr} requests`,
      gaps.length,
      `${exact}/${gaps.length}`,
      `${(mean(gaps) * 100).toFixed(2)}%`,
      `${(Math.max(...gaps) * 100).toFixed(2)}%`,
      `${(mean(greedyGaps) * 100).toFixed(2)}%`,
      `${(Math.max(...greedyGaps) * 100).toFixed(2)}%`,
      bruteChecked,
    ]);
  }
  table(
    [
      'instances',
      'solved',
      'engine = MIP optimum',
      'engine mean gap',
      'engine max gap',
      'greedy mean gap',
      'greedy max gap',
      'MIP checked by exhaustive search',
    ],
    rows,
  );
}

/** Seconds the exact solve may take per region in the bench (the match runs' default is 20). */
const EXACT_LIMIT = Number(process.env.BENCH_EXACT_LIMIT ?? 20);

/**
 * The exact solve per region size: the engine's proven gap on its own, the time until the MIP
 * proves the optimum (warm-started from the engine's answer), and the proven gap after the limit.
 */
async function exactBench(): Promise<void> {
  console.log(
    `## Exact solve (engine answer, then HiGHS MIP warm-started from it; time limit ${EXACT_LIMIT} s)\n`,
  );
  const solver = await loadMipSolver();
  const sizes: { teachers: number; requests: number; travelScale: number }[] = [
    { teachers: 60, requests: 60, travelScale: 1 },
    { teachers: 120, requests: 125, travelScale: 1 },
    { teachers: 300, requests: 300, travelScale: 0.5 },
    { teachers: 300, requests: 300, travelScale: 1 },
    { teachers: 600, requests: 600, travelScale: 1 },
    { teachers: 1000, requests: 2500, travelScale: 1 },
  ];
  const rows: (string | number)[][] = [];
  for (const size of sizes) {
    const { teachers, requests } = syntheticRegion({ seed: 7, ...size });
    const engineStart = performance.now();
    const engine = solveRegion(teachers, requests, { explain: false });
    const engineMs = performance.now() - engineStart;
    const start = performance.now();
    const exact = solveRegionExact(teachers, requests, solver, {
      explain: false,
      timeLimitSeconds: EXACT_LIMIT,
    });
    const exactMs = performance.now() - start;
    const proof = exact.proof;
    const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
    rows.push([
      `${size.teachers} × ${engine.totals.blocks} (travel ×${size.travelScale})`,
      engine.totals.eligiblePairs,
      ms(engineMs),
      pct((proof.upperBound - engine.totals.score) / proof.upperBound),
      proof.proven ? `${(exactMs / 1000).toFixed(2)} s` : `not within ${EXACT_LIMIT} s`,
      pct(proof.gap),
      proof.method,
      proof.mipStatus ?? '—',
    ]);
  }
  table(
    [
      'region (teachers × blocks)',
      'eligible pairs',
      'engine ms',
      'engine gap to proven bound',
      'time to proven optimum',
      'gap after time limit',
      'method',
      'HiGHS status',
    ],
    rows,
  );
}

/** Median solve time (raw solver) and certificate-check time of our solver, plus the cost. */
function timeSolve(problem: AssignmentProblem, runs: number): { cost: number; ms: number; certMs: number } {
  let cost = 0;
  const times: number[] = [];
  const certTimes: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const raw = problem.kind === 'dense' ? solveDenseRaw(problem) : solveSparseRaw(problem);
    const t1 = performance.now();
    const cert = checkAssignmentCertificate(problem, raw.rowToCol, raw.u, raw.v);
    const t2 = performance.now();
    if (!cert.ok) throw new Error(`certificate failed: ${cert.message}`);
    cost = cert.primalObjective;
    times.push(t1 - t0);
    certTimes.push(t2 - t1);
  }
  return { cost, ms: best(times), certMs: best(certTimes) };
}

function orlibBench(): void {
  console.log(
    `## OR-Library linear assignment (parse excluded; best of ${LAP_RUNS} runs after a warm-up for all three solvers, as the machine is shared; our certificate check is timed separately)\n`,
  );
  const optima = new Map<string, number>();
  for (const line of readFileSync(join(ORLIB, 'assignopt.txt'), 'utf8').split('\n')) {
    const m = /^(assign\S+)\s+(\d+)/.exec(line.trim());
    if (m) optima.set(m[1], Number(m[2]));
  }
  const names = [...optima.keys()].filter((n) => existsSync(join(ORLIB, `${n}.txt`)));
  const files = names.map((n) => join(ORLIB, `${n}.txt`));
  if (names.length < optima.size)
    console.log(
      `(${names.length} of ${optima.size} instances in ${ORLIB}; set ORLIB_DIR to a folder with all of them)\n`,
    );
  let scipy = new Map<string, { ms: number; cost: number; solver: string }>();
  try {
    const out = execFileSync(
      'python3',
      [join(ROOT, 'benchmarks', 'scipy_lap.py'), String(LAP_RUNS), ...files],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    scipy = new Map(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { file: string; solveMs: number; cost: number; solver: string })
        .map((j) => [j.file, { ms: j.solveMs, cost: j.cost, solver: j.solver }]),
    );
  } catch (err) {
    console.log(`(scipy comparison unavailable: ${(err as Error).message.split('\n')[0]})\n`);
  }
  const rows: (string | number)[][] = [];
  for (let k = 0; k < names.length; k++) {
    const problem = parseOrLibAssignment(readFileSync(files[k]));
    solveAssignment(problem); // warm-up
    const ours = timeSolve(problem, LAP_RUNS);
    let munkresMs = '-';
    let munkresRatio = '-';
    if (problem.kind === 'dense') {
      const n = problem.n;
      const matrix: number[][] = [];
      for (let i = 0; i < n; i++) matrix.push(Array.from(problem.costs.subarray(i * n, (i + 1) * n)));
      munkres(matrix); // warm-up
      const times: number[] = [];
      let cost = 0;
      for (let r = 0; r < LAP_RUNS; r++) {
        const t0 = performance.now();
        const pairs = munkres(matrix);
        times.push(performance.now() - t0);
        cost = pairs.reduce((s, [i, j]) => s + matrix[i][j], 0);
      }
      if (cost !== ours.cost) throw new Error(`munkres disagrees on ${names[k]}: ${cost} vs ${ours.cost}`);
      munkresMs = ms(best(times));
      munkresRatio = `${(ours.ms / best(times)).toFixed(2)}×`;
    }
    const sp = scipy.get(files[k]);
    if (sp && sp.cost !== ours.cost)
      throw new Error(`scipy disagrees on ${names[k]}: ${sp.cost} vs ${ours.cost}`);
    rows.push([
      names[k],
      problem.kind,
      problem.n,
      optima.get(names[k])!,
      ours.cost,
      ours.cost === optima.get(names[k]) ? 'yes' : 'NO',
      ms(ours.ms),
      ms(ours.certMs),
      munkresMs,
      munkresRatio,
      sp ? ms(sp.ms) : '-',
      sp ? `${(ours.ms / sp.ms).toFixed(2)}×` : '-',
    ]);
  }
  table(
    [
      'instance',
      'kind',
      'n',
      'published',
      'ours',
      'optimal',
      'ours solve ms',
      'certificate ms',
      'munkres ms',
      'ours / munkres',
      'scipy ms',
      'ours / scipy',
    ],
    rows,
  );
  const first = [...scipy.values()];
  if (first.length)
    console.log(
      `scipy solvers: dense = ${first.find((s) => s.solver.startsWith('linear'))?.solver}; sparse = ${first.find((s) => s.solver.startsWith('min'))?.solver}\n`,
    );
}

/**
 * Shortage signals per region size: every (subject, level, weekday) of an unfilled block and every
 * teacher one more day could help is one more region solve; the figure is the whole computation.
 */
function shortageBench(): void {
  console.log('## Shortage signals (region re-solves per signal; median of 3 after one warm-up)\n');
  const sizes: { teachers: number; requests: number; travelScale: number }[] = [
    { teachers: 100, requests: 150, travelScale: 1 },
    { teachers: 150, requests: 250, travelScale: 1 },
    { teachers: 300, requests: 300, travelScale: 1 },
    { teachers: 300, requests: 600, travelScale: 1 },
  ];
  const rows: (string | number)[][] = [];
  for (const size of sizes) {
    const { teachers, requests } = syntheticRegion({ seed: 7, ...size });
    shortageSignals(teachers, requests);
    const runs = [0, 1, 2].map(() => shortageSignals(teachers, requests));
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const last = runs[runs.length - 1];
    rows.push([
      `${size.teachers} × ${requests.reduce((n, r) => n + r.blocks.length, 0)}`,
      last.solves,
      last.profiles.length,
      last.staff.length,
      ms(times[1]),
    ]);
  }
  table(['region (teachers × blocks)', 're-solves', 'profile signals', 'staff signals', 'ms'], rows);
}

const ONLY = process.env.BENCH_ONLY?.split(',');
const runs = (section: string): boolean => ONLY === undefined || ONLY.includes(section);

async function main(): Promise<void> {
  const t0 = performance.now();
  console.log(
    `# Matching engine benchmark — node ${process.version}, ${cpus().length} cores, ${RUNS} timed runs per region figure, ${LAP_RUNS} per assignment figure\n`,
  );
  if (runs('region')) regionBench();
  if (runs('gap')) await gapBench();
  if (runs('exact')) await exactBench();
  if (runs('orlib')) orlibBench();
  if (runs('shortage')) shortageBench();
  console.log(`bench finished in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

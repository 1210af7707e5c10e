/**
 * `npm run bench:national`: a synthetic Netherlands (100 regions, ~100,000 teachers, ~150,000
 * teaching requests) matched region by region by several worker processes that share one
 * PostgreSQL and one queue.
 *
 * Creates a bench database of its own (`hybridmatch_bench_national_<random>` on BENCH_DATABASE_URL's
 * server), migrates it, writes the data set with multi-row INSERTs, starts the product from `dist/`
 * as one API process and BENCH_WORKERS worker processes, and then, for each round size (10, 30 and
 * 100 regions), empties the runs of the round before, starts one match run per region through the
 * API at once and waits until every run is stored, then until every run's shortage signals (a job
 * of their own, queued after the run with a lower priority) are stored too. E-mail delivery (the notifications queue) is
 * paused during the rounds: the proposals and their outbox rows are stored in the run's
 * transaction, the sending is a later stage. Prints the time per round, per-region p50/p99, where a
 * run's time goes, peak memory per worker and the load average. Drops its database and queue keys
 * at the end, also after a failure.
 *
 * Settings (environment): BENCH_DATABASE_URL (server and credentials; the database name is
 * replaced), REDIS_URL, BENCH_WORKERS (3), BENCH_ROUNDS (10,30,100), BENCH_COPIES (10: ten copies of
 * the ten seeded regions), BENCH_PORT (3190; workers' metrics on the ports after it),
 * MATCH_TIME_LIMIT_SECONDS (the product's exact-solve limit, passed to the workers),
 * BENCH_TIMEOUT_SECONDS (900: a round that takes longer fails the bench).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  dropDatabase,
  ensureDatabase,
  runMigrations,
  withDatabase,
} from '@hybridmatch/database';
import { deleteRedisPrefix, QUEUES } from '@hybridmatch/queue';
import { hashPassword } from '../apps/api/src/auth/password';
import {
  benchSettings,
  loadAverage,
  login,
  markdownTable,
  query,
  RunningServer,
  sendJson,
  startServer,
} from './support/api-bench';
import { writeNationalData } from './support/national-data';

interface RunRow {
  region_id: string;
  status: string;
  shortage_status: string | null;
  error: string | null;
  queued_ms: number;
  started_ms: number | null;
  finished_ms: number | null;
  proposals: number | null;
  timings: {
    loadMs: number;
    engine: { totalMs: number };
    shortageMs?: number;
    storeMs: number;
    explainUnfilledMs?: number;
    totalMs: number;
  } | null;
  mip_ms: number | null;
}

interface Round {
  regions: number;
  seconds: number;
  runs: RunRow[];
  proposals: number;
  load: number;
  peakRssMb: number[];
  /** CPU seconds the worker processes used during the round, all together. */
  workerCpuSeconds: number;
  /** Until every run's shortage signals were stored too (their own job after the run). */
  signalsSeconds: number;
  workerCpuSecondsWithSignals: number;
}

const POLL_MS = 200;
const REPORT_EVERY_MS = 15_000;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 900) * 1000;
const DIST = join(__dirname, '..');

async function main(): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const base = benchSettings();
  const settings = {
    ...base,
    databaseUrl: withDatabase(base.databaseUrl, `hybridmatch_bench_national_${suffix}`),
    queuePrefix: `hm-bench-national-${suffix}`,
  };
  const workers = Number(process.env.BENCH_WORKERS ?? 3);
  const copies = Number(process.env.BENCH_COPIES ?? 10);
  const rounds = (process.env.BENCH_ROUNDS ?? '10,30,100').split(',').map(Number);
  const name = new URL(settings.databaseUrl).pathname.slice(1);
  console.log(
    `# National scale — node ${process.version}, ${cpus().length} cores, ${workers} worker processes, database ${name}\n`,
  );
  console.log(`Load average at start (1 / 5 / 15 min): ${loadAverage()}`);

  await ensureDatabase(settings.databaseUrl);
  const processes: RunningServer[] = [];
  try {
    await runMigrations(settings.databaseUrl);
    const dataSource = await new DataSource(dataSourceOptions(settings.databaseUrl)).initialize();
    const data = await writeNationalData(dataSource, {
      copies,
      passwordHash: await hashPassword(settings.password),
      onSeed: (done, total) => {
        if (done % 10 === 0) process.stdout.write(`  written ${done}/${total} seeds\n`);
      },
    }).finally(() => dataSource.destroy());
    const written = Object.values(data.rows).reduce((a, b) => a + b, 0);
    console.log(
      `\nData set: ${data.regions.length} regions, ${data.teachers} teachers, ${data.requests} teaching requests; ` +
        `${written} rows written in ${data.seconds.toFixed(1)} s (${Math.round(written / data.seconds)} rows/s).`,
    );
    await query(settings.databaseUrl, 'ANALYZE');

    const env = {
      DATABASE_URL: settings.databaseUrl,
      REDIS_URL: settings.redisUrl,
      QUEUE_PREFIX: settings.queuePrefix,
      JWT_SECRET: settings.jwtSecret,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      METRICS_HOST: '127.0.0.1',
    };
    const api = await startServer(
      join(DIST, 'apps', 'main.js'),
      { ...env, HM_PROCESS: 'api', PORT: String(settings.port), METRICS_PORT: String(settings.port + 1) },
      settings.port,
      '/health/ready',
    );
    processes.push(api);
    const workerPids: number[] = [];
    for (let i = 0; i < workers; i++) {
      const metricsPort = settings.port + 2 + i;
      const worker = await startServer(
        join(DIST, 'apps', 'main.js'),
        { ...env, HM_PROCESS: 'worker', METRICS_PORT: String(metricsPort) },
        metricsPort,
        '/metrics',
      );
      processes.push(worker);
      workerPids.push(worker.pid);
    }
    const queue = (name: string) =>
      new Queue(name, { connection: { url: settings.redisUrl }, prefix: settings.queuePrefix });
    const notifications = queue(QUEUES.notifications);
    const maintenance = queue(QUEUES.maintenance);
    try {
      // The workers run their daily sweeps when they start (the compliance sweep reads every
      // teacher in the country and warns their companies): timed, and waited for, so that the
      // rounds measure the matching.
      await notifications.pause();
      const sweepsStarted = performance.now();
      await waitForStartupSweeps(maintenance);
      console.log(
        `Start-up sweeps (daily jobs) done in ${((performance.now() - sweepsStarted) / 1000).toFixed(1)} s.`,
      );
      const results: Round[] = [];
      for (const size of rounds) {
        await query(settings.databaseUrl, 'TRUNCATE match_run, proposal, notification CASCADE');
        await notifications.obliterate({ force: true });
        // Paused after obliterating, which forgets the pause with the rest of the queue.
        await notifications.pause();
        workerPids.forEach(resetPeakRss);
        const cpuAtStart = workerPids.map(cpuSeconds);
        const regions = data.regions.slice(0, size);
        // A fresh access token per round: a round under load can outlast one.
        const token = await login(api.url, 'admin@hybridmatch.demo', settings.password);
        const started = performance.now();
        const runIds: string[] = [];
        for (const region of regions) {
          const run = (await sendJson(`${api.url}/api/match-runs`, token, { regionId: region.id })) as {
            id: string;
          };
          runIds.push(run.id);
        }
        const stored = (run: RunRow) => run.status === 'succeeded' || run.status === 'failed';
        await waitForRuns(settings.databaseUrl, runIds, 'stored', stored);
        const seconds = (performance.now() - started) / 1000;
        const workerCpuSeconds = workerPids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - cpuAtStart[i], 0);
        const runs = await waitForRuns(
          settings.databaseUrl,
          runIds,
          'with their shortage signals',
          (run) =>
            run.status === 'failed' || run.shortage_status === 'computed' || run.shortage_status === 'failed',
        );
        const signalsSeconds = (performance.now() - started) / 1000;
        const failed = runs.filter((run) => run.status !== 'succeeded');
        if (failed.length)
          throw new Error(
            `${failed.length} match runs failed; the first: ${failed[0].error ?? failed[0].status}`,
          );
        const round: Round = {
          regions: size,
          seconds,
          runs,
          proposals: runs.reduce((sum, run) => sum + (run.proposals ?? 0), 0),
          load: loadavg()[0],
          peakRssMb: workerPids.map(peakRssMb),
          workerCpuSeconds,
          signalsSeconds,
          workerCpuSecondsWithSignals: workerPids.reduce(
            (sum, pid, i) => sum + cpuSeconds(pid) - cpuAtStart[i],
            0,
          ),
        };
        results.push(round);
        // Each round's figures as soon as it ends, so a later round that fails loses nothing.
        report(results, workers);
        console.log(
          `\n${size} regions: ${seconds.toFixed(1)} s, ${round.proposals} proposals stored (load average ${loadAverage()})`,
        );
      }
    } finally {
      await notifications.close();
      await maintenance.close();
    }
  } finally {
    for (const server of processes.reverse()) await server.stop();
    await dropDatabase(settings.databaseUrl);
    await deleteRedisPrefix(settings.redisUrl, settings.queuePrefix);
    console.log(`\nDropped ${name} and the queue keys ${settings.queuePrefix}:*.`);
  }
}

/** The daily jobs a worker runs when it starts: waits until the compliance sweep completed and nothing else waits or runs. */
async function waitForStartupSweeps(maintenance: Queue): Promise<void> {
  const deadline = performance.now() + TIMEOUT_MS;
  for (;;) {
    const failed = (await maintenance.getJobs(['failed'])).find((job) => job.name === 'compliance-sweep');
    if (failed) throw new Error(`The workers' compliance sweep failed: ${failed.failedReason}`);
    const counts = await maintenance.getJobCounts('active', 'waiting', 'prioritized');
    const completed = await maintenance.getJobs(['completed']);
    if (
      counts.active + counts.waiting + counts.prioritized === 0 &&
      completed.some((job) => job.name === 'compliance-sweep')
    )
      return;
    if (performance.now() > deadline) throw new Error("The workers' start-up sweeps did not finish in time");
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Waits until every run is `done` (stored; with its signals), reading the rows (the fact), not the queue. */
async function waitForRuns(
  databaseUrl: string,
  ids: string[],
  what: string,
  done: (run: RunRow) => boolean,
): Promise<RunRow[]> {
  const deadline = performance.now() + TIMEOUT_MS;
  let reportAt = performance.now() + REPORT_EVERY_MS;
  for (;;) {
    const runs = await query<RunRow>(
      databaseUrl,
      `SELECT region_id, status::text, shortage_status::text, error,
              extract(epoch FROM queued_at) * 1000 AS queued_ms,
              extract(epoch FROM started_at) * 1000 AS started_ms,
              extract(epoch FROM finished_at) * 1000 AS finished_ms,
              (result->>'proposalsCreated')::int AS proposals,
              (result->'proof'->>'mipMs')::float8 AS mip_ms,
              timings
         FROM match_run WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    if (runs.every(done)) return runs;
    if (performance.now() > reportAt) {
      reportAt += REPORT_EVERY_MS;
      const counts = new Map<string, number>();
      for (const run of runs) {
        const status = run.status === 'succeeded' ? `signals ${run.shortage_status}` : run.status;
        counts.set(status, (counts.get(status) ?? 0) + 1);
      }
      console.log(
        `  waiting for runs ${what}: ${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')} (load ${loadAverage()})`,
      );
    }
    if (performance.now() > deadline)
      throw new Error(
        `The match runs were not ${what} within ${TIMEOUT_MS / 1000} s (BENCH_TIMEOUT_SECONDS)`,
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function report(rounds: Round[], workers: number): void {
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  console.log(`\n## Time by number of regions (${workers} worker processes)\n`);
  const first = rounds[0];
  console.log(
    markdownTable(
      [
        'regions',
        'total s',
        's per region',
        '× first round per region',
        'run p50 s',
        'run p99 s',
        'request→stored p50 s',
        'request→stored p99 s',
        'proposals',
        'worker CPU s',
        'CPU s per region',
        'signals stored s',
        'worker CPU s with signals',
        'peak RSS per worker MB',
        'load avg (1 min)',
      ],
      rounds.map((round) => {
        const runMs = round.runs.map((run) => run.timings!.totalMs);
        const waitMs = round.runs.map((run) => Number(run.finished_ms) - Number(run.queued_ms));
        return [
          String(round.regions),
          round.seconds.toFixed(1),
          (round.seconds / round.regions).toFixed(3),
          (round.seconds / round.regions / (first.seconds / first.regions)).toFixed(2),
          seconds(percentile(runMs, 50)),
          seconds(percentile(runMs, 99)),
          seconds(percentile(waitMs, 50)),
          seconds(percentile(waitMs, 99)),
          String(round.proposals),
          round.workerCpuSeconds.toFixed(1),
          (round.workerCpuSeconds / round.regions).toFixed(1),
          round.signalsSeconds.toFixed(1),
          round.workerCpuSecondsWithSignals.toFixed(1),
          round.peakRssMb.map((mb) => mb.toFixed(0)).join(' / '),
          round.load.toFixed(1),
        ];
      }),
    ),
  );
  const last = rounds[rounds.length - 1];
  const sum = (pick: (run: RunRow) => number) => last.runs.reduce((total, run) => total + pick(run), 0);
  const total = sum((run) => run.timings!.totalMs);
  const phases: [string, number][] = [
    ['load the region', sum((run) => run.timings!.loadMs)],
    ['engine (heuristic + exact MIP)', sum((run) => run.timings!.engine.totalMs)],
    ['  of which the MIP (HiGHS)', sum((run) => run.mip_ms ?? 0)],
    ['store proposals, events, outbox', sum((run) => run.timings!.storeMs)],
    ['explain unfilled blocks', sum((run) => run.timings!.explainUnfilledMs ?? 0)],
  ];
  const other = total - phases.filter(([label]) => !label.startsWith(' ')).reduce((a, [, ms]) => a + ms, 0);
  phases.push(['other (alternatives, summary)', other]);
  // Not part of a run since they have a job of their own: shown beside the runs' time, not in it.
  const signals = sum((run) => run.timings!.shortageMs ?? 0);
  console.log(`\n## Where a run's time goes (${last.regions} regions, sum over runs)\n`);
  console.log(
    markdownTable(
      ['phase', 'seconds', 'share'],
      phases.map(([label, ms]) => [label, seconds(ms), `${((ms / total) * 100).toFixed(1)}%`]),
    ),
  );
  console.log(
    `\nShortage signals (their own job after each run, not in the runs' time): ${seconds(signals)} s ` +
      `(${((signals / total) * 100).toFixed(1)}% of the runs' time again).`,
  );
  console.log(
    `\nSum of run times ${seconds(total)} s in ${last.seconds.toFixed(1)} s of wall time ` +
      `(${(total / 1000 / last.seconds).toFixed(2)} runs at a time on average).`,
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** User + system CPU time of a process so far (Linux /proc, in clock ticks of 1/100 s; 0 elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Peak resident memory of a process since the last reset (Linux /proc; 0 elsewhere). */
function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Starts the peak-memory count again (Linux: writing 5 to clear_refs resets VmHWM). */
function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not Linux, or not allowed: the peak then covers the process's whole life
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npm run profile:region`: one national-size region's match run, profiled. Writes the national
 * data set's first copy (10 regions of ~1,000 teachers × ~1,500 requests, the same generator as
 * `npm run bench:national`) into a throwaway database `hm_test_perf_<random>` on
 * BENCH_DATABASE_URL's server, starts the worker's modules in this process (queue paused: nothing
 * runs but what this script calls), runs one match run of the region with the most requests
 * through the worker's own `MatchRunner` (load, engine, alternatives, explanations, store) under
 * the V8 profiler, optionally (PROFILE_SIGNALS=1) its shortage-signals job, and prints the run's
 * timings, the CPU it used and the functions with the most self time. Writes the `.cpuprofile`
 * (open it in Chrome DevTools or speedscope) to PROFILE_OUT (default: the system's temp folder).
 * Drops the database and the queue keys at the end, also after a failure.
 *
 * Settings: BENCH_DATABASE_URL (server; the database name is replaced), REDIS_URL, PROFILE_REGION
 * (index among the 10 regions; default: the one with the most requests), PROFILE_SIGNALS,
 * PROFILE_OUT, PROFILE_TOP (30).
 */
import { getQueueToken } from '@nestjs/bullmq';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadConfig } from '@hybridmatch/config';
import {
  dataSourceOptions,
  dropDatabase,
  ensureDatabase,
  MatchRun,
  MatchRunStatus,
  MatchRunTrigger,
  runMigrations,
  withDatabase,
} from '@hybridmatch/database';
import { deleteRedisPrefix, QUEUES } from '@hybridmatch/queue';
import { unfilledBlocksOf } from '@hybridmatch/core';
import { MatchRunner } from '../apps/worker/src/match-runs/match-runner.service';
import { ShortageSignalsRunner } from '../apps/worker/src/match-runs/shortage-signals.service';
import { startWorker } from '../apps/worker/src/main';
import { benchSettings, loadAverage, markdownTable, query } from './support/api-bench';
import { writeNationalData } from './support/national-data';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/**
 * What a run (and its signals job) wrote, without what differs by nature (ids of rows, times); with
 * a reader, the value as that reader gives it (made JSON again by PostgreSQL, as a read would be).
 */
const OUTPUTS: [string, string, ((value: unknown) => unknown)?][] = [
  [
    'proposals (teacher, request, blocks, score, explanation)',
    `SELECT json_build_array(teacher_id, request_id, block_ids, score, explanation::jsonb) AS value FROM proposal
      WHERE match_run_id = $1 ORDER BY teacher_id, request_id`,
  ],
  ['result (proof, fairness)', `SELECT result AS value FROM match_run WHERE id = $1`],
  [
    'unfilled blocks explained (as the API reads them)',
    `SELECT unfilled AS value FROM match_run WHERE id = $1`,
    (value) => unfilledBlocksOf(value as MatchRun['unfilled']),
  ],
  [
    'shortage signals (without ms, computedAt)',
    `SELECT shortage::jsonb - 'ms' - 'computedAt' AS value FROM match_run WHERE id = $1`,
  ],
];

async function main(): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const base = benchSettings();
  const databaseUrl = withDatabase(base.databaseUrl, `hm_test_perf_${suffix}`);
  const queuePrefix = `hm-test-perf-${suffix}`;
  const out = process.env.PROFILE_OUT ?? tmpdir();
  mkdirSync(out, { recursive: true });
  console.log(`# One national region, profiled — database hm_test_perf_${suffix}, load ${loadAverage()}`);
  await ensureDatabase(databaseUrl);
  try {
    await runMigrations(databaseUrl);
    const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
    const data = await writeNationalData(dataSource, { copies: 1, passwordHash: 'x' }).finally(() =>
      dataSource.destroy(),
    );
    await query(databaseUrl, 'ANALYZE');
    const counts = await query<{ region_id: string; requests: number }>(
      databaseUrl,
      `SELECT o.region_id, count(*)::int AS requests FROM teaching_request r
         JOIN organisation o ON o.id = r.school_id GROUP BY o.region_id`,
    );
    const requestsOf = new Map(counts.map((row) => [row.region_id, row.requests]));
    const chosen = process.env.PROFILE_REGION
      ? data.regions[Number(process.env.PROFILE_REGION)]
      : [...data.regions].sort((a, b) => (requestsOf.get(b.id) ?? 0) - (requestsOf.get(a.id) ?? 0))[0];
    console.log(`Data set written in ${data.seconds.toFixed(1)} s; region ${chosen.name}.`);

    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: base.redisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      HM_PROCESS: 'worker',
    });
    const worker = await startWorker(config, { logger: false });
    try {
      // Nothing but what this script calls: no queue hands out a job, and the jobs the worker took
      // at boot (the maintenance schedulers fire at once, e.g. the compliance sweep) have ended.
      const queues = Object.values(QUEUES).map((name) => worker.get<Queue>(getQueueToken(name)));
      for (const queue of queues) await queue.pause();
      for (;;) {
        const active = await Promise.all(queues.map((queue) => queue.getActiveCount()));
        if (active.every((count) => count === 0)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const runs = worker.get(DataSource).getRepository(MatchRun);
      const run = await runs.save({
        regionId: chosen.id,
        status: MatchRunStatus.Queued,
        trigger: MatchRunTrigger.Manual,
        requestedByUserId: null,
        parameters: {},
      });
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 500 });

      const phases: [string, () => Promise<unknown>][] = [
        ['run', () => worker.get(MatchRunner).run(run.id, true)],
      ];
      if (process.env.PROFILE_SIGNALS)
        phases.push(['signals', () => worker.get(ShortageSignalsRunner).compute(run.id, true)]);
      for (const [name, action] of phases) {
        await session.post('Profiler.start');
        const cpu = process.cpuUsage();
        const wall = performance.now();
        await action();
        const used = process.cpuUsage(cpu);
        const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
        const file = join(out, `region-${name}-${suffix}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        console.log(
          `\n## ${name}: ${((used.user + used.system) / 1e6).toFixed(2)} CPU s, ${((performance.now() - wall) / 1000).toFixed(2)} s wall (profile: ${file})\n`,
        );
        console.log(markdownTable(['self ms', 'share', 'function', 'where'], topSelf(profile)));
      }
      session.disconnect();
      const stored = await runs.findOneOrFail({
        where: { id: run.id },
        select: { id: true, status: true, timings: true, result: true, error: true },
      });
      console.log(`\nRun ${stored.status}${stored.error ? ` (${stored.error})` : ''}:`);
      console.log(
        JSON.stringify({ timings: stored.timings, result: { ...stored.result, fairness: undefined } }),
      );
      console.log(
        `\nOutput fingerprints (the same data set gives the same ones: compare before and after a change):`,
      );
      for (const [what, sql, read] of OUTPUTS) {
        let rows = await query<{ value: unknown }>(databaseUrl, sql, [run.id]);
        if (read)
          rows = await query(databaseUrl, 'SELECT $1::jsonb AS value', [JSON.stringify(read(rows[0].value))]);
        console.log(
          `  ${what}: ${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`,
        );
      }
    } finally {
      await worker.close();
    }
  } finally {
    await dropDatabase(databaseUrl);
    await deleteRedisPrefix(base.redisUrl, queuePrefix);
    console.log(`\nDropped hm_test_perf_${suffix} and the queue keys ${queuePrefix}:*.`);
  }
}

/** The functions with the most self time (sampled), with their share of the profile. */
function topSelf(profile: Profile): string[][] {
  const self = new Map<number, number>();
  profile.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0)));
  const byFunction = new Map<string, { ms: number; name: string; where: string }>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = `${url.replace(/^.*\/dist\//, '')}:${lineNumber + 1}`;
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { ms: 0, name: functionName || '(anonymous)', where };
    entry.ms += us / 1000;
    byFunction.set(key, entry);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  return [...byFunction.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, Number(process.env.PROFILE_TOP ?? 30))
    .map(({ ms, name, where }) => [ms.toFixed(0), `${((ms / total) * 100).toFixed(1)}%`, name, where]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

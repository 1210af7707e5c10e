/**
 * `npm run bench:store`: the store phase of match runs on the seeded demo data set.
 *
 * Creates a bench database of its own (`hybridmatch_bench_store_<random>` beside BENCH_DATABASE_URL's
 * server), migrates and seeds it with the demo data set, starts the product from `dist/` (API and
 * worker in one process), starts one match run per seeded region through the API, one after the
 * other, and prints each run's own timings (`timings.storeMs` is the time to store its proposals
 * with their explanations, audit events and notifications). Drops its database at the end, also
 * after a failure.
 *
 * Settings (environment): BENCH_DATABASE_URL (its server and credentials; the database name is
 * replaced), REDIS_URL, BENCH_PORT (3190), MATCH_TIME_LIMIT_SECONDS (the exact solve's limit, as
 * in the product).
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { dropDatabase, ensureDatabase, runMigrations, withDatabase } from '@hybridmatch/database';
import { deleteRedisPrefix } from '@hybridmatch/queue';
import { DEFAULT_SEED } from '../scripts/seed/generate';
import { seedDatabase } from '../scripts/seed/seed-database';
import {
  benchSettings,
  getJson,
  loadAverage,
  login,
  markdownTable,
  query,
  sendJson,
  startProduct,
} from './support/api-bench';

interface RunRow {
  id: string;
  status: string;
  result: { proposalsCreated: number } | null;
  timings: { loadMs: number; storeMs: number; totalMs: number; engine: { totalMs: number } } | null;
  error: string | null;
}

const POLL_MS = 100;

async function main(): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const base = benchSettings();
  const settings = {
    ...base,
    databaseUrl: withDatabase(base.databaseUrl, `hybridmatch_bench_store_${suffix}`),
    queuePrefix: `hm-bench-store-${suffix}`,
  };
  const name = new URL(settings.databaseUrl).pathname.slice(1);
  console.log(
    `# Match-run store phase — node ${process.version}, ${cpus().length} cores, database ${name}\n`,
  );
  await ensureDatabase(settings.databaseUrl);
  try {
    await runMigrations(settings.databaseUrl);
    const { seconds } = await seedDatabase({
      databaseUrl: settings.databaseUrl,
      seed: DEFAULT_SEED,
      reset: true,
      password: settings.password,
    });
    console.log(`Seeded the demo data set (seed ${DEFAULT_SEED}) in ${seconds.toFixed(1)} s.`);
    const product = await startProduct(settings, 'all');
    try {
      const token = await login(product.url, 'admin@hybridmatch.demo', settings.password);
      const regions = (await getJson(`${product.url}/api/regions`, token)) as Array<{
        id: string;
        name: string;
      }>;
      const rows: string[][] = [];
      let proposals = 0;
      let storeMs = 0;
      let engineMs = 0;
      const loadAtStart = loadAverage();
      for (const region of regions.sort((a, b) => a.name.localeCompare(b.name))) {
        const { id } = (await sendJson(`${product.url}/api/match-runs`, token, { regionId: region.id })) as {
          id: string;
        };
        const run = await finished(settings.databaseUrl, id);
        if (run.status !== 'succeeded' || !run.result || !run.timings)
          throw new Error(`Match run ${id} of ${region.name} ended ${run.status}: ${run.error}`);
        proposals += run.result.proposalsCreated;
        storeMs += run.timings.storeMs;
        engineMs += run.timings.engine.totalMs;
        rows.push([
          region.name,
          String(run.result.proposalsCreated),
          String(run.timings.storeMs),
          perProposal(run.timings.storeMs, run.result.proposalsCreated),
          String(Math.round(run.timings.engine.totalMs)),
          String(run.timings.totalMs),
        ]);
      }
      rows.push([
        '**total**',
        String(proposals),
        String(storeMs),
        perProposal(storeMs, proposals),
        String(Math.round(engineMs)),
        '',
      ]);
      console.log(
        `\nOne match run per region, one after the other (load average ${loadAtStart} before, ${loadAverage()} after):\n`,
      );
      console.log(
        markdownTable(
          ['region', 'proposals', 'storeMs', 'ms per proposal', 'engine ms', 'run totalMs'],
          rows,
        ),
      );
      console.log(`\nstoreMs total: ${storeMs} ms for ${proposals} proposals`);
    } finally {
      await product.stop();
    }
  } finally {
    await dropDatabase(settings.databaseUrl);
    await deleteRedisPrefix(settings.redisUrl, settings.queuePrefix);
    console.log(`Dropped ${name}.`);
  }
}

const perProposal = (ms: number, count: number) => (count === 0 ? '-' : (ms / count).toFixed(2));

/** Polls the run's row until the worker has finished it. */
async function finished(databaseUrl: string, id: string): Promise<RunRow> {
  for (;;) {
    const [run] = await query<RunRow>(
      databaseUrl,
      'SELECT id, status, result, timings, error FROM match_run WHERE id = $1',
      [id],
    );
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

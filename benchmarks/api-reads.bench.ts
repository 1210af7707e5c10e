/**
 * `npm run bench:api` scenario: the product's list and read routes against a hand-written
 * Fastify + `pg` server (benchmarks/support/hand-written-api.ts) that serves the same bodies in one
 * query each, measured side by side in one run on a freshly seeded demo data set (1,472 teaching
 * requests, the proposals of one match run per region), as the platform admin.
 *
 * Both servers run in their own process; autocannon (this process) loads one at a time, the two
 * alternating for BENCH_ROUNDS rounds; the table shows each side's median round. Before measuring,
 * the bench checks that both answer every route with the same JSON.
 */
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import {
  benchSettings,
  BenchSettings,
  getJson,
  loadAverage,
  login,
  markdownTable,
  measure,
  Measurement,
  medianOf,
  onFreshDatabase,
  query,
  startProduct,
  startServer,
} from './support/api-bench';

async function measureReads(settings: BenchSettings): Promise<void> {
  const warmUpSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
  const [request] = await query<{ id: string }>(
    settings.databaseUrl,
    'SELECT id FROM teaching_request ORDER BY period_start, id LIMIT 1',
  );
  const [proposal] = await query<{ id: string }>(
    settings.databaseUrl,
    'SELECT id FROM proposal ORDER BY created_at DESC, id LIMIT 1',
  );
  const routes = [
    '/api/teaching-requests?pageSize=20',
    `/api/teaching-requests/${request.id}`,
    '/api/proposals?pageSize=20',
    `/api/proposals/${proposal.id}`,
    '/api/auth/me',
  ];

  const product = await startProduct(settings, 'api');
  const handWritten = await startServer(
    join(__dirname, 'support', 'hand-written-api.js'),
    {
      DATABASE_URL: settings.databaseUrl,
      PORT: String(settings.comparisonPort),
      JWT_SECRET: settings.jwtSecret,
    },
    settings.comparisonPort,
    '/ready',
  );
  try {
    const token = await login(product.url, 'admin@hybridmatch.demo', settings.password);
    const headers = { authorization: `Bearer ${token}` };
    const sameBody = new Map<string, boolean>();
    for (const route of routes) {
      const [ours, theirs] = await Promise.all([
        getJson(`${product.url}${route}`, token),
        getJson(`${handWritten.url}${route}`, token),
      ]);
      const difference = firstDifference(ours, theirs);
      sameBody.set(route, difference === null);
      if (difference)
        console.log(`GET ${route}: the product and the hand-written route differ at ${difference}\n`);
    }

    console.log(
      `## Read routes against a hand-written Fastify + pg route (${settings.connections} connections, ` +
        `${settings.seconds} s per measurement, median of ${settings.rounds} alternating rounds, ` +
        `after ${warmUpSeconds} s of warm-up per route and server)\n`,
    );
    // Both servers answer every route for BENCH_WARMUP_SECONDS first, so that the JIT has compiled
    // each route's code before its first measured round (the product's pipeline is longer and
    // warms up later: measured cold, the first route lost a third of its rate in round one).
    for (const route of routes)
      for (const server of [product, handWritten])
        await measure(settings, `${server.url}${route}`, headers, { seconds: warmUpSeconds });
    const rows: string[][] = [];
    for (const route of routes) {
      const ours: Measurement[] = [];
      const theirs: Measurement[] = [];
      for (let round = 0; round < settings.rounds; round++) {
        ours.push(await measure(settings, `${product.url}${route}`, headers));
        theirs.push(await measure(settings, `${handWritten.url}${route}`, headers));
      }
      const a = medianOf(ours);
      const b = medianOf(theirs);
      const failures = [...ours, ...theirs].reduce((sum, m) => sum + m.failures, 0);
      if (failures > 0) throw new Error(`GET ${route}: ${failures} failed responses during the measurement`);
      rows.push([
        `GET ${route.replace(request.id, ':id').replace(proposal.id, ':id')}`,
        a.requestsPerSecond.toFixed(0),
        String(a.p50),
        String(a.p99),
        b.requestsPerSecond.toFixed(0),
        String(b.p50),
        String(b.p99),
        `${((100 * a.requestsPerSecond) / b.requestsPerSecond).toFixed(0)} %`,
        sameBody.get(route) ? 'yes' : 'NO',
      ]);
    }
    console.log(
      markdownTable(
        [
          'route (platform admin)',
          'product req/s',
          'p50 ms',
          'p99 ms',
          'hand-written req/s',
          'p50 ms',
          'p99 ms',
          'product / hand-written',
          'same JSON',
        ],
        rows,
      ),
    );
    console.log(`\nload average (1/5/15 min) at the end: ${loadAverage()}`);
  } finally {
    await Promise.all([product.stop(), handWritten.stop()]);
  }
}

/** Where two JSON values first differ (`items[3].blocks`: product … / hand-written …), or null. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${path}: product ${JSON.stringify(a)} / hand-written ${JSON.stringify(b)}`;
}

onFreshDatabase(benchSettings(), 'reads', { proposals: true }, measureReads).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * What every `benchmarks/api*.bench.ts` scenario shares: a freshly seeded bench database, the real API
 * started from `dist/` in its own process, logins, an autocannon measurement and the table.
 *
 * Settings (environment):
 *   BENCH_DATABASE_URL   postgres://postgres@127.0.0.1:5432/hybridmatch_bench: the server, and the
 *                        start of each run's own database's name (see onFreshDatabase)
 *   REDIS_URL            redis://127.0.0.1:6379, with the queue prefix BENCH_QUEUE_PREFIX (hm-bench-api)
 *                        and the run's own suffix
 *   BENCH_PORT           3190: the product;  BENCH_COMPARISON_PORT (BENCH_PORT + 1): a comparison server
 *   BENCH_CONNECTIONS    50;  BENCH_SECONDS 5 per measurement;  BENCH_ROUNDS 3 (median reported)
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import autocannon from 'autocannon';
import { NODE_FLAGS } from '@hybridmatch/config';
import { dropDatabase, ensureDatabase, runMigrations, withDatabase } from '@hybridmatch/database';
import { deleteRedisPrefix } from '@hybridmatch/queue';
import { DEFAULT_SEED } from '../../scripts/seed/generate';
import { demoPassword, seedDatabase } from '../../scripts/seed/seed-database';

export interface BenchSettings {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  port: number;
  comparisonPort: number;
  connections: number;
  seconds: number;
  rounds: number;
  /** One secret for the product and the comparison server, so both accept the same tokens. */
  jwtSecret: string;
  password: string;
}

export function benchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const port = Number(env.BENCH_PORT ?? 3190);
  return {
    databaseUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hybridmatch_bench',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: env.BENCH_QUEUE_PREFIX ?? 'hm-bench-api',
    port,
    comparisonPort: Number(env.BENCH_COMPARISON_PORT ?? port + 1),
    connections: Number(env.BENCH_CONNECTIONS ?? 50),
    seconds: Number(env.BENCH_SECONDS ?? 5),
    rounds: Number(env.BENCH_ROUNDS ?? 3),
    jwtSecret: randomBytes(48).toString('base64url'),
    password: demoPassword(env),
  };
}

/** The compiled repository root (`dist/`), where the product's entry point lives. */
const DIST = join(__dirname, '..', '..');

export async function query<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Runs `scenario` on a database of its own, made for this run and dropped after it: created on
 * BENCH_DATABASE_URL's server as `<its name>_<scenario>_<random>`, migrated, seeded with the demo
 * data set and `ANALYZE`d; with `proposals`, matched for every region through the product's API and
 * worker first. Its queue keys get a prefix of their own, deleted afterwards too. A database kept
 * between runs gathers what earlier scenarios and runs left behind, and a figure measured on it is
 * not the seeded demo's (docs/BENCHMARKS.md, "Read routes").
 */
export async function onFreshDatabase(
  base: BenchSettings,
  scenario: string,
  options: { proposals: boolean },
  body: (settings: BenchSettings) => Promise<void>,
): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const name = `${new URL(base.databaseUrl).pathname.slice(1)}_${scenario}_${suffix}`;
  const settings = {
    ...base,
    databaseUrl: withDatabase(base.databaseUrl, name),
    queuePrefix: `${base.queuePrefix}-${scenario}-${suffix}`,
  };
  await ensureDatabase(settings.databaseUrl);
  try {
    await runMigrations(settings.databaseUrl);
    console.log(`Seeding ${name} (seed ${DEFAULT_SEED}) …`);
    await seedDatabase({
      databaseUrl: settings.databaseUrl,
      seed: DEFAULT_SEED,
      reset: true,
      password: settings.password,
    });
    if (options.proposals) await matchEveryRegion(settings);
    await query(settings.databaseUrl, 'ANALYZE');
    await body(settings);
  } finally {
    await dropDatabase(settings.databaseUrl);
    await deleteRedisPrefix(settings.redisUrl, settings.queuePrefix);
    console.log(`Dropped ${name}.`);
  }
}

/** One match run per region through the product's API and worker, waited for. */
async function matchEveryRegion(settings: BenchSettings): Promise<void> {
  console.log('Running matching for every region (API and worker) …');
  const product = await startProduct(settings, 'all');
  try {
    const token = await login(product.url, 'admin@hybridmatch.demo', settings.password);
    const regions = (await getJson(`${product.url}/api/regions`, token)) as Array<{ id: string }>;
    const runIds: string[] = [];
    for (const region of regions) {
      const run = (await sendJson(`${product.url}/api/match-runs`, token, { regionId: region.id })) as {
        id: string;
      };
      runIds.push(run.id);
    }
    for (const id of runIds) {
      for (;;) {
        const run = (await getJson(`${product.url}/api/match-runs/${id}`, token)) as { status: string };
        if (run.status === 'succeeded') break;
        if (run.status === 'failed') throw new Error(`Match run ${id} failed`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await product.stop();
  }
}

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a compiled entry point in its own process, with the V8 flags `npm start` uses (the
 * product's and the hand-written server alike), and waits until `readyPath` answers.
 */
export async function startServer(
  script: string,
  env: NodeJS.ProcessEnv,
  port: number,
  readyPath: string,
): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, [...NODE_FLAGS, script], {
    env: { ...process.env, ...env },
    // Request logs go nowhere: the terminal would measure itself.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}${readyPath}`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`${script} did not answer on ${url}${readyPath} within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The product from `dist/apps/main.js`: `api` alone for measuring, `all` when the worker must run. */
export function startProduct(settings: BenchSettings, role: 'api' | 'all'): Promise<RunningServer> {
  return startServer(
    join(DIST, 'apps', 'main.js'),
    {
      HM_PROCESS: role,
      PORT: String(settings.port),
      HOST: '127.0.0.1',
      DATABASE_URL: settings.databaseUrl,
      REDIS_URL: settings.redisUrl,
      QUEUE_PREFIX: settings.queuePrefix,
      JWT_SECRET: settings.jwtSecret,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
    settings.port,
    '/health',
  );
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const body = (await sendJson(`${baseUrl}/api/auth/login`, null, { email, password })) as {
    accessToken: string;
  };
  return body.accessToken;
}

export async function getJson(url: string, token: string | null): Promise<unknown> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function sendJson(url: string, token: string | null, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

export interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Responses that were not 2xx plus connection errors and timeouts: must be 0. */
  failures: number;
}

/** One autocannon measurement after a short warm-up, on `settings.connections` connections. */
export async function measure(
  settings: BenchSettings,
  url: string,
  headers: Record<string, string>,
  options: { method?: 'GET' | 'POST'; body?: string; seconds?: number } = {},
): Promise<Measurement> {
  const run = (duration: number) =>
    autocannon({
      url,
      method: options.method ?? 'GET',
      headers,
      body: options.body,
      connections: settings.connections,
      duration,
    });
  await run(1);
  const result = await run(options.seconds ?? settings.seconds);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** The measurement with the median request rate of several. */
export function medianOf(measurements: Measurement[]): Measurement {
  const sorted = [...measurements].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[(sorted.length - 1) >> 1];
}

/** A Markdown table, columns right-aligned except the first. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
}

import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@hybridmatch/config';
import { ensureDatabase, postgresOrEmbedded, runMigrations } from '@hybridmatch/database';
import { MetricsServer, serveMetrics } from '@hybridmatch/metrics';
import { redisOrPostgresQueues } from '@hybridmatch/queue';
import { startApi } from '../apps/api/src/main';
import { startWorker } from '../apps/worker/src/main';
import { lessonLines } from './demo-lessons';
import { linkOfTeacherWithoutLogin, runDemoMatching, summaryOfMatching } from './demo-matching';
import { progressLines, shortageLines } from './demo-progress';
import { loadConfigForScripts } from './script-config';
import { DEFAULT_SEED, SeedData } from './seed/generate';
import { eligibilityLines } from './seed/eligibility';
import { loginLines, printProgress, summaryLines } from './seed/report';
import { demoPassword, demoToday, seedDatabase } from './seed/seed-database';

/**
 * `npm run demo`: one command on a fresh machine. PostgreSQL is the one at DATABASE_URL (default
 * 127.0.0.1:5432), or, when nothing answers at that local address, an embedded PostgreSQL in
 * `.hm-data/postgres` that lives as long as the demo (zero setup). The queues run on Redis at
 * REDIS_URL, or, when nothing answers at that local address, on BullMQ's PostgreSQL backend in
 * the demo's database.
 * Creates and migrates the database, replaces its marketplace data with the demo data set, runs
 * the API and the worker in this process, lets matching run for every region with automatic
 * answers and approvals (which make the placements' lessons and reminders), prints a summary and
 * a teacher's and a school's calendar feed URL, and keeps serving until Ctrl-C.
 */
async function main(): Promise<void> {
  const settings = loadConfigForScripts();
  const postgres = await postgresOrEmbedded(settings.databaseUrl);
  const databaseUrl = postgres.url;
  const queues = await redisOrPostgresQueues(settings.redisUrl, databaseUrl);
  const databaseName = new URL(databaseUrl).pathname.slice(1);
  const password = demoPassword();

  console.log(`HybridMatch demo, database ${databaseName}`);
  console.log(postgres.description);
  console.log(queues.description);
  if (await ensureDatabase(databaseUrl)) console.log(`Created database ${databaseName}.`);
  const migrations = await runMigrations(databaseUrl);
  console.log(migrations.length ? `Ran ${migrations.length} migration(s).` : 'Schema is up to date.');

  console.log(`Replacing all marketplace data with the demo data set (seed ${DEFAULT_SEED}):`);
  const { data, seconds, eligibility } = await seedDatabase({
    databaseUrl,
    seed: DEFAULT_SEED,
    reset: true,
    today: demoToday(),
    password,
    onProgress: printProgress(),
  });
  console.log(`Seeded in ${seconds.toFixed(1)} s:`);
  for (const line of [...summaryLines(data), ...eligibilityLines(eligibility)]) console.log(line);

  const config = loadConfig(
    demoEnvironment({ ...process.env, DATABASE_URL: databaseUrl, QUEUE_BACKEND: queues.backend }),
  );
  const api = await startApi(config);
  await startWorker(config);
  const metrics = await serveMetrics(config);

  const matching = await runDemoMatching(api, (line) => console.log(line));
  for (const line of summaryOfMatching(matching)) console.log(line);
  printWhereToLook(config, data, password, metrics);
  const answerLink = await linkOfTeacherWithoutLogin(api);
  if (answerLink)
    console.log(
      `\nAnswer without a login: ${answerLink.teacherName} has no login; the accept link in their e-mail about "${answerLink.requestTitle}" is\n  ${answerLink.link}`,
    );
  for (const line of await progressLines(api)) console.log(line);
  for (const line of await shortageLines(api)) console.log(line);
  for (const line of await lessonLines(api)) console.log(line);
}

/**
 * The environment for this process only: a fresh JWT secret when none is set (tokens then last
 * as long as the demo runs), quiet logs unless asked for, and links that point at this port.
 */
function demoEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    JWT_SECRET: env.JWT_SECRET || randomBytes(48).toString('base64url'),
    LOG_LEVEL: env.LOG_LEVEL || 'warn',
    PUBLIC_URL: env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`,
  };
}

function printWhereToLook(config: AppConfig, data: SeedData, password: string, metrics: MetricsServer): void {
  const base = `http://localhost:${config.http.port}`;
  const lines = [
    '',
    'HybridMatch is running (API and worker); stop it with Ctrl-C.',
    `  Web app      ${base}/app  (sign in with a demo login below)`,
    `  API          ${base}/api`,
    `  API docs     ${base}/docs  (OpenAPI document: ${base}/openapi.json)`,
    `  Health       ${base}/health/live (liveness), ${base}/health/ready (readiness)`,
    `  Metrics      ${metrics.url} (Prometheus${config.metrics.token ? ', bearer METRICS_TOKEN' : ''})`,
    `  Log in       POST ${base}/api/auth/login  {"email": "…", "password": "…"}`,
    '  E-mails      Mailpit at http://localhost:8025 (when running `docker compose up`)',
    `  Logs         level ${config.log.level}; set LOG_LEVEL=info to see every request`,
    '',
    ...loginLines(data, password),
  ];
  for (const line of lines) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

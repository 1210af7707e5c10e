import { randomBytes } from 'node:crypto';
import { ensureDatabase, runMigrations, withDatabase } from '../libs/database/src/admin/database-admin';
import { PostgresChoice, postgresOrEmbedded } from '../libs/database/src/admin/embedded-postgres';
import { redisOrPostgresQueues } from '../libs/queue/src/queue-backend-choice';
import { TEST_BASE_DATABASE_URL, TEST_REDIS_URL } from './support/test-env';

/**
 * Finds PostgreSQL (the configured server, or an embedded one in `.hm-data/postgres-test` when
 * nothing answers at a local address: zero setup) and migrates one template database per test
 * run; every test file then gets its own copy (CREATE DATABASE … TEMPLATE), so files never share
 * data and run in parallel. When nothing answers at the local Redis address either, the tests'
 * queues run on BullMQ's PostgreSQL backend, each file's in its own database.
 */
export default async function globalSetup(): Promise<void> {
  const postgres = await postgresOrEmbedded(TEST_BASE_DATABASE_URL, { dataFolder: 'postgres-test' });
  if (postgres.mode === 'embedded') {
    process.stdout.write(`\n${postgres.description}\n`);
    // The test files (in this process or in workers started after this) read it from here.
    process.env.TEST_DATABASE_URL = postgres.url;
    // For the teardown: jest shares globals between the global setup and teardown.
    (globalThis as { hmEmbeddedPostgres?: PostgresChoice }).hmEmbeddedPostgres = postgres;
  }
  // Each test file's queues are in its own database (hm_test_…), so the line names them so.
  const queues = await redisOrPostgresQueues(TEST_REDIS_URL, withDatabase(postgres.url, 'hm_test_*'));
  if (queues.backend === 'postgres') {
    process.stdout.write(`\n${queues.description}\n`);
    process.env.TEST_QUEUE_BACKEND = 'postgres';
  }
  const name = `hm_test_tpl_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(postgres.url, name);
  await ensureDatabase(url);
  await runMigrations(url);
  process.env.HM_TEST_TEMPLATE_DATABASE = name;
}

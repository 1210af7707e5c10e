import {
  ConnectionOptions,
  createPostgresBackend,
  createRedisBackend,
  PostgresPoolConfig,
  QueueOptions,
  runMigrations,
  setDefaultBackendFactory,
} from 'bullmq';
import { Client } from 'pg';
import type { AppConfig } from '@hybridmatch/config';
import { DEFAULT_JOB_OPTIONS } from './queues';
import { QUEUE_SCHEMA } from './queue-backend-choice';
import { redisOptions } from './redis-connection';

/**
 * Connections of each queue's and worker's own pool on the PostgreSQL backend (a worker adds one
 * for LISTEN): ten queues and workers in one process stay well inside PostgreSQL's 100.
 */
const POOL_SIZE = 3;

/**
 * BullMQ's options for every queue and worker of this process, on the configured backend. On
 * PostgreSQL, BullMQ's tables are migrated first, explicitly: its connections never migrate, and a
 * worker on tables that are not there was seen exhausting its heap instead of failing.
 *
 * @nestjs/bullmq 11 constructs queues and workers without a backend argument, so the backend is
 * chosen through BullMQ's process-wide default, set here on every start, before any queue exists
 * (one process runs one backend; an API and a worker in one process share the configuration).
 */
export async function queueRootOptions(config: AppConfig): Promise<QueueOptions> {
  const common = { prefix: config.redis.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS };
  if (config.queues.backend === 'redis') {
    setDefaultBackendFactory(createRedisBackend);
    return { ...common, connection: redisOptions(config.redis.url) };
  }
  await migrateQueueTables(config.database.url);
  setDefaultBackendFactory(createPostgresBackend);
  const connection: PostgresPoolConfig = {
    connectionString: config.database.url,
    schema: QUEUE_SCHEMA,
    max: POOL_SIZE,
    application_name: `hybridmatch-queues-${config.processRole}`,
  };
  // The module's option type knows only Redis connections; BullMQ hands this one to node-postgres.
  return { ...common, connection: connection as unknown as ConnectionOptions };
}

/**
 * Creates or upgrades BullMQ's tables in the `bullmq` schema of `databaseUrl`. Idempotent; processes
 * starting together wait for each other on BullMQ's advisory lock. Returns the schema version.
 */
export async function migrateQueueTables(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await runMigrations(client, QUEUE_SCHEMA);
  } finally {
    await client.end();
  }
}

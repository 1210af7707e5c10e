import type { AppConfig, QueueBackend } from '@hybridmatch/config';
// Relative, not '@hybridmatch/database': the tests' global setup loads this file without the aliases.
import { answers, isLoopback } from '../../database/src/admin/embedded-postgres';

/** The PostgreSQL schema that BullMQ's PostgreSQL backend keeps its tables in (its default). */
export const QUEUE_SCHEMA = 'bullmq';

/** Which queue store a process uses, with one line that says so plainly. */
export interface QueueBackendChoice {
  backend: QueueBackend;
  description: string;
}

/**
 * Zero setup for the queues, as `postgresOrEmbedded` is for the database: Redis when something
 * answers at `redisUrl`, or when that address is another machine's (used as configured, never
 * probed nor replaced); when nothing answers at this machine's address, BullMQ's PostgreSQL
 * backend in the product's own database (`databaseUrl`). Only `npm run demo` and the tests ask;
 * `npm start` uses QUEUE_BACKEND as configured, so production never quietly moves its queues.
 */
export async function redisOrPostgresQueues(
  redisUrl: string,
  databaseUrl: string,
): Promise<QueueBackendChoice> {
  const redis = new URL(redisUrl);
  const host = redis.hostname || '127.0.0.1';
  const port = Number(redis.port || 6379);
  const address = `${host}:${port}`;
  if (!isLoopback(host) || (await answers(host, port)))
    return { backend: 'redis', description: `Queues: Redis at ${address} (configured)` };
  return {
    backend: 'postgres',
    description: `${postgresQueuesLine(databaseUrl)}, because nothing answered at ${address} (Redis)`,
  };
}

/** The line a process logs at start about where its queues are. */
export function queueBackendLine(config: AppConfig): string {
  if (config.queues.backend === 'postgres') return postgresQueuesLine(config.database.url);
  const redis = new URL(config.redis.url);
  return `Queues: Redis at ${redis.hostname}:${redis.port || 6379}, key prefix ${config.redis.queuePrefix}`;
}

function postgresQueuesLine(databaseUrl: string): string {
  const database = new URL(databaseUrl);
  return `Queues: PostgreSQL (BullMQ's PostgreSQL backend), schema ${QUEUE_SCHEMA} of database ${database.pathname.slice(1)} at ${database.hostname}:${database.port || 5432}`;
}

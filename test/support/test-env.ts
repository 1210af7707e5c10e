/** Where the tests find PostgreSQL and Redis: the running services, unless told otherwise. */
export const TEST_BASE_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * Where the tests' queues run: `redis`, unless the global setup found nothing at the local Redis
 * address and chose BullMQ's PostgreSQL backend (zero setup), which it says here.
 */
export const TEST_QUEUE_BACKEND = process.env.TEST_QUEUE_BACKEND === 'postgres' ? 'postgres' : 'redis';

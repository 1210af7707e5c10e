import { Queue, RedisQueueBackend } from 'bullmq';
import { messageOf } from '@hybridmatch/domain';

/** Rejects with `${message} within ${ms} ms` when the promise does not settle in time. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The queue's Redis backend, or undefined when it runs on BullMQ's PostgreSQL backend. */
export function redisBackendOf(queue: Queue): RedisQueueBackend | undefined {
  const backend: unknown = queue.getBackend();
  return backend instanceof RedisQueueBackend ? backend : undefined;
}

/** What a failed connection is called in messages: the store the queue runs on. */
function storeOf(queue: Queue): string {
  return redisBackendOf(queue) ? 'Redis' : 'PostgreSQL (queues)';
}

/**
 * Waits at most `ms` for the queue's store (Redis, or PostgreSQL on the PostgreSQL backend) and
 * fails unless it is connected, so callers that only need the queue for a best-effort step (the
 * row is already committed) never hang on it.
 */
export async function assertQueueReady(queue: Queue, ms: number): Promise<void> {
  await withTimeout(queue.waitUntilReady(), ms, `${storeOf(queue)} did not connect`);
  const redis = redisBackendOf(queue);
  if (!redis) return;
  const client = await redis.client;
  if (client.status !== 'ready') throw new Error(`Redis is not connected (${client.status})`);
}

/**
 * Runs `action` once the queue's store is connected and again every time it connects anew (a Redis
 * that restarted empty has forgotten job schedulers; PostgreSQL keeps them, and says 'ready' once).
 * Never waits for the store; `action` handles its own errors, `onUnreachable` is told when there is
 * no connection at all.
 */
export function onEveryQueueReady(
  queue: Queue,
  action: () => Promise<void>,
  onUnreachable: (error: unknown) => void,
): void {
  queue
    .waitUntilReady()
    .then(() => {
      queue.getBackend().on('ready', () => void action());
      return action();
    })
    .catch(onUnreachable);
}

/** What `keepJobSchedulers` logs through (a Nest `Logger` fits). */
export interface WarningLogger {
  warn(message: string): void;
}

/**
 * Keeps job schedulers registered: `register` (idempotent `upsertJobScheduler` calls) runs now and
 * every time the queue's store connects anew (a Redis that restarted empty has forgotten them).
 * Never waits for the store; failures are logged as warnings naming `what`.
 */
export function keepJobSchedulers(
  queue: Queue,
  logger: WarningLogger,
  what: string,
  register: () => Promise<unknown>,
): void {
  onEveryQueueReady(
    queue,
    async () => {
      try {
        await register();
      } catch (error) {
        logger.warn(`Could not register the ${what}: ${messageOf(error)}`);
      }
    },
    (error) =>
      logger.warn(`${storeOf(queue)} not reachable; the ${what} not registered: ${messageOf(error)}`),
  );
}

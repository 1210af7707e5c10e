import type { Queue } from 'bullmq';

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

/**
 * Waits at most `ms` for the queue's Redis connection and fails unless it is ready, so callers that
 * only need Redis for a best-effort step (the row is already committed) never hang on it.
 */
export async function assertQueueReady(queue: Queue, ms: number): Promise<void> {
  const client = await withTimeout(queue.client, ms, 'Redis did not connect');
  if (client.status !== 'ready') throw new Error(`Redis is not connected (${client.status})`);
}

/**
 * Runs `action` now and again every time the queue's Redis connection becomes ready (a Redis that
 * restarted empty has forgotten job schedulers). Never waits for Redis; `action` handles its own
 * errors, `onUnreachable` is told when there is no connection at all.
 */
export function onEveryRedisReady(
  queue: Queue,
  action: () => Promise<void>,
  onUnreachable: (error: unknown) => void,
): void {
  queue.client
    .then((client) => {
      client.on('ready', () => void action());
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
 * every time the queue's Redis connection becomes ready again (a Redis that restarted empty has
 * forgotten them). Never waits for Redis; failures are logged as warnings naming `what`.
 */
export function keepJobSchedulers(
  queue: Queue,
  logger: WarningLogger,
  what: string,
  register: () => Promise<unknown>,
): void {
  const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
  onEveryRedisReady(
    queue,
    async () => {
      try {
        await register();
      } catch (error) {
        logger.warn(`Could not register the ${what}: ${messageOf(error)}`);
      }
    },
    (error) => logger.warn(`Redis not reachable; the ${what} not registered: ${messageOf(error)}`),
  );
}

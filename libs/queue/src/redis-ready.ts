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

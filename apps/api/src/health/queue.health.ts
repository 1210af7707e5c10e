import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, redisBackendOf, withTimeout } from '@hybridmatch/queue';

/**
 * The queue store answers: Redis (named `redis`: a ping through the queue's own connection), or,
 * with the queues on PostgreSQL, BullMQ's tables (named `queues`: one count). Short timeouts.
 */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const redis = redisBackendOf(this.queue);
    const session = this.indicator.check(redis ? 'redis' : 'queues');
    try {
      if (redis) {
        // BullMQ's ioredis adapter passes ioredis's own commands through.
        const client = (await withTimeout(redis.client, 1000, 'no connection')) as unknown as Pick<
          Redis,
          'ping'
        >;
        await withTimeout(client.ping(), 1000, 'no answer');
      } else await withTimeout(this.queue.getWaitingCount(), 1000, 'no answer');
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}

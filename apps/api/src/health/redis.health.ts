import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, withTimeout } from '@hybridmatch/queue';

/** Pings Redis through the queue's own connection, with a short timeout. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    try {
      const client = (await withTimeout(this.queue.client, 1000, 'no connection')) as unknown as Pick<
        Redis,
        'ping'
      >;
      await withTimeout(client.ping(), 1000, 'no answer');
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}

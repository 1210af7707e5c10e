import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QUEUES, withTimeout } from '@hybridmatch/queue';
import { Metrics, StateSource } from './metrics';
import { NotificationStateRepository } from './notification-state.repository';

/** A scrape never waits longer than this for Redis or PostgreSQL; what did not answer is left out. */
const SCRAPE_WAIT_MS = 1000;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/**
 * Lets the state gauges (queue depth, notification states, outbox lag) read this application's
 * queues and database while it runs. A store that does not answer in time drops its series from
 * that scrape instead of failing the whole scrape.
 */
@Injectable()
export class StateMetricsSource implements StateSource, OnApplicationBootstrap, OnApplicationShutdown {
  private remove: (() => void) | undefined;

  constructor(
    private readonly metrics: Metrics,
    private readonly moduleRef: ModuleRef,
    private readonly notificationStates: NotificationStateRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.remove = this.metrics.addStateSource(this);
  }

  onApplicationShutdown(): void {
    this.remove?.();
  }

  async queueDepths(): Promise<Record<string, Record<string, number>>> {
    const depths: Record<string, Record<string, number>> = {};
    await Promise.all(
      Object.values(QUEUES).map(async (name) => {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        try {
          depths[name] = await withTimeout(queue.getJobCounts(...QUEUE_STATES), SCRAPE_WAIT_MS, 'no answer');
        } catch {
          // Redis is away: the queue's series are missing from this scrape (and /health/ready says why).
        }
      }),
    );
    return depths;
  }

  async notifications(): Promise<{ byStatus: Record<string, number>; oldestPendingSeconds: number }> {
    const rows = await withTimeout(
      this.notificationStates.countByDeliveryStatus(),
      SCRAPE_WAIT_MS,
      'PostgreSQL did not answer',
    );
    return {
      byStatus: Object.fromEntries(rows.map((row) => [row.status, row.count])),
      oldestPendingSeconds: Math.max(0, rows.find((row) => row.status === 'pending')?.waited ?? 0),
    };
  }
}

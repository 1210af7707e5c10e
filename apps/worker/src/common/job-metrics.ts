import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { Metrics } from '@hybridmatch/metrics';
import { bullWorkers } from './bull-workers';

/**
 * Job duration and failures per queue for every processor of this worker, from BullMQ's own
 * `completed` and `failed` events (the times BullMQ stamped on the job), so processors stay free of
 * measuring code.
 */
@Injectable()
export class JobMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    for (const worker of bullWorkers(this.discovery)) {
      const queue = worker.name;
      worker.on('completed', (job: Job) => this.observe(queue, job, 'completed'));
      worker.on('failed', (job: Job | undefined) => {
        this.metrics.jobFailures.inc({ queue, job: job?.name ?? 'unknown' });
        if (job) this.observe(queue, job, 'failed');
      });
    }
  }

  private observe(queue: string, job: Job, outcome: 'completed' | 'failed'): void {
    if (job.processedOn === undefined || job.finishedOn === undefined) return;
    this.metrics.jobDuration.observe(
      { queue, job: job.name, outcome },
      Math.max(0, job.finishedOn - job.processedOn) / 1000,
    );
  }
}

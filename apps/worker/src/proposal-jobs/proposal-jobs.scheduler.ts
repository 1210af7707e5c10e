import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, keepJobSchedulers, QUEUES } from '@hybridmatch/queue';

/** The time-driven proposal jobs; each job scheduler's id is its job name. */
export const PROPOSAL_JOB_SCHEDULES: ReadonlyArray<{ name: JobName; every: number }> = [
  { name: 'expire-proposals', every: 60_000 },
  { name: 'remind-expiring-proposals', every: 15 * 60_000 },
  // Daily: requests whose period is over close by themselves (RequestClosingService).
  { name: 'close-ended-requests', every: 24 * 60 * 60_000 },
  // Daily: VOG and PDG warnings ahead of time, each once (ComplianceSweepService).
  { name: 'compliance-sweep', every: 24 * 60 * 60_000 },
];

/**
 * Registers the BullMQ job schedulers of the proposal jobs when the worker boots, and again each
 * time the queue's Redis connection becomes ready (a Redis that restarted empty has forgotten
 * them). `upsertJobScheduler` is idempotent: registering again keeps the next run where it was.
 * Boot does not wait for Redis, so the worker (and its outbox relay) starts while Redis is away.
 */
@Injectable()
export class ProposalJobScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.maintenance) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    keepJobSchedulers(this.queue, new Logger(ProposalJobScheduler.name), 'proposal job schedules', () =>
      Promise.all(
        PROPOSAL_JOB_SCHEDULES.map(({ name, every }) =>
          this.queue.upsertJobScheduler(name, { every }, { name, data: {} }),
        ),
      ),
    );
  }
}

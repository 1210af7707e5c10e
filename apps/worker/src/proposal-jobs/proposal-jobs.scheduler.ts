import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, onEveryRedisReady, QUEUES } from '@hybridmatch/queue';

/** The time-driven proposal jobs; each job scheduler's id is its job name. */
export const PROPOSAL_JOB_SCHEDULES: ReadonlyArray<{ name: JobName; every: number }> = [
  { name: 'expire-proposals', every: 60_000 },
  { name: 'remind-expiring-proposals', every: 15 * 60_000 },
];

/**
 * Registers the BullMQ job schedulers of the proposal jobs when the worker boots, and again each
 * time the queue's Redis connection becomes ready (a Redis that restarted empty has forgotten
 * them). `upsertJobScheduler` is idempotent: registering again keeps the next run where it was.
 * Boot does not wait for Redis, so the worker (and its outbox relay) starts while Redis is away.
 */
@Injectable()
export class ProposalJobScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProposalJobScheduler.name);

  constructor(@InjectQueue(QUEUES.maintenance) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    onEveryRedisReady(
      this.queue,
      () => this.register(),
      (error) =>
        this.logger.warn(`Redis not reachable; proposal job schedules not registered: ${messageOf(error)}`),
    );
  }

  private async register(): Promise<void> {
    try {
      await Promise.all(
        PROPOSAL_JOB_SCHEDULES.map(({ name, every }) =>
          this.queue.upsertJobScheduler(name, { every }, { name, data: {} }),
        ),
      );
    } catch (error) {
      this.logger.warn(`Could not register the proposal job schedules: ${messageOf(error)}`);
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

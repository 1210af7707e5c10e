import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { keepJobSchedulers, QUEUES } from '@hybridmatch/queue';

/** Mondays at 06:00 in Europe/Amsterdam: the week's snapshot is taken before the week's work. */
export const PROGRESS_SNAPSHOT_SCHEDULE = { pattern: '0 6 * * 1', tz: 'Europe/Amsterdam' } as const;

/**
 * Registers the weekly `snapshot-progress` job scheduler when the worker boots and each time the
 * queue's Redis connection is ready again (a Redis that restarted empty has forgotten it).
 * `upsertJobScheduler` is idempotent.
 */
@Injectable()
export class ProgressSnapshotScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.reports) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    keepJobSchedulers(
      this.queue,
      new Logger(ProgressSnapshotScheduler.name),
      'progress snapshot schedule',
      () =>
        this.queue.upsertJobScheduler('snapshot-progress', PROGRESS_SNAPSHOT_SCHEDULE, {
          name: 'snapshot-progress',
          data: {},
        }),
    );
  }
}

import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, QUEUES } from '@hybridmatch/queue';
import { ProgressService } from '@hybridmatch/core';

/**
 * The reports queue: `snapshot-progress` writes this week's progress snapshot (national and per
 * region). It carries no payload and upserts per week and scope, so a retry or a second run in the
 * same week leaves one row per scope with the latest figures.
 */
@Processor(QUEUES.reports)
export class ProgressSnapshotProcessor extends WorkerHost {
  constructor(private readonly progress: ProgressService) {
    super();
  }

  async process(job: Job<unknown, unknown, JobName>): Promise<{ scopes: number }> {
    if (job.name !== 'snapshot-progress')
      throw new UnrecoverableError(`The reports queue has no job named ${job.name}`);
    return { scopes: await this.progress.snapshot() };
  }
}

import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { DigestService, ReminderOutcome, ReminderService } from '@hybridmatch/core';
import { JobName, JobPayloads, QUEUES } from '@hybridmatch/queue';

export type ReminderJobResult =
  { outcome: ReminderOutcome } | { wanted: number; retried: number } | { written: number };

/**
 * The reminders queue: lesson reminders (delayed jobs), their reconciliation and the digests. Each
 * job reloads the database's state and acts only on what is still due, so a repeated job is
 * harmless.
 */
@Processor(QUEUES.reminders)
export class ReminderProcessor extends WorkerHost {
  constructor(
    private readonly reminders: ReminderService,
    private readonly digests: DigestService,
  ) {
    super();
  }

  async process(job: Job<unknown, unknown, JobName>): Promise<ReminderJobResult> {
    switch (job.name) {
      case 'lesson-reminder':
        return { outcome: await this.reminders.send(job.data as JobPayloads['lesson-reminder']) };
      case 'reconcile-reminders':
        return this.reminders.reconcile();
      case 'weekly-digest':
        return { written: await this.digests.weeklyTeacherDigest() };
      case 'coordinator-digest':
        return { written: await this.digests.coordinatorDigest() };
      case 'answers-owed':
        return { written: await this.digests.answersOwedReminders() };
      default:
        throw new UnrecoverableError(`The reminders queue has no job named ${job.name}`);
    }
  }
}

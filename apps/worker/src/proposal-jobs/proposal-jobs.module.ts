import { Module } from '@nestjs/common';
import { ExpiryReminderService } from './expiry-reminder.service';
import { ProposalJobsProcessor } from './proposal-jobs.processor';
import { ProposalJobScheduler } from './proposal-jobs.scheduler';

/**
 * The time-driven proposal jobs on the maintenance queue: `expire-proposals` every minute and
 * `remind-expiring-proposals` every 15 minutes. They use the core's proposal and outbox services
 * (the global `CoreModule`), so a transition means the same thing in the API and the worker.
 */
@Module({
  providers: [ProposalJobsProcessor, ExpiryReminderService, ProposalJobScheduler],
})
export class ProposalJobsModule {}

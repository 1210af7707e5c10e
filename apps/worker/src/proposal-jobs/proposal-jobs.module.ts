import { Module } from '@nestjs/common';
import { AccessModule } from '../../../api/src/access/access.module';
import { NotificationModule } from '../../../api/src/notifications/notification.module';
import { ProposalModule } from '../../../api/src/proposals/proposal.module';
import { ExpiryReminderService } from './expiry-reminder.service';
import { ProposalJobsProcessor } from './proposal-jobs.processor';
import { ProposalJobScheduler } from './proposal-jobs.scheduler';

/**
 * The time-driven proposal jobs on the maintenance queue: `expire-proposals` every minute and
 * `remind-expiring-proposals` every 15 minutes. They reuse the API's proposal and notification
 * services (and the AccessService those need), so a transition means the same thing in both
 * processes.
 */
@Module({
  imports: [AccessModule, ProposalModule, NotificationModule],
  providers: [ProposalJobsProcessor, ExpiryReminderService, ProposalJobScheduler],
})
export class ProposalJobsModule {}

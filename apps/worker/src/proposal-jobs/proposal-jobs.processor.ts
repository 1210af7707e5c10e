import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { CLOCK } from '@hybridmatch/config';
import { Clock } from '@hybridmatch/domain';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, QUEUES } from '@hybridmatch/queue';
import { ComplianceSweepService, ProposalService, RequestClosingService } from '@hybridmatch/core';
import { ExpiryReminderService } from './expiry-reminder.service';

export type ProposalJobResult =
  { expired: number } | { reminded: number } | { closed: number } | { warned: number };

/**
 * The maintenance queue's processor (the only one: a second processor on this queue would take
 * jobs it does not know). Both jobs carry no payload and work from the database's current state,
 * so a repeated or overlapping run finds nothing left to do.
 */
@Processor(QUEUES.maintenance)
export class ProposalJobsProcessor extends WorkerHost {
  constructor(
    private readonly proposals: ProposalService,
    private readonly reminders: ExpiryReminderService,
    private readonly requests: RequestClosingService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly compliance: ComplianceSweepService,
  ) {
    super();
  }

  async process(job: Job<unknown, unknown, JobName>): Promise<ProposalJobResult> {
    switch (job.name) {
      case 'expire-proposals':
        return { expired: await this.proposals.expireDue(this.clock.now()) };
      case 'remind-expiring-proposals':
        return { reminded: await this.reminders.remindExpiring(this.clock.now()) };
      case 'close-ended-requests':
        return { closed: (await this.requests.closeEnded()).length };
      case 'compliance-sweep':
        return { warned: await this.compliance.sweep() };
      default:
        throw new UnrecoverableError(`The maintenance queue has no job named ${job.name}`);
    }
  }
}

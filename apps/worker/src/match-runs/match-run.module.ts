import { Module } from '@nestjs/common';
import { AccessModule } from '../../../api/src/access/access.module';
import { ProposalModule } from '../../../api/src/proposals/proposal.module';
import { MatchRunPoller } from './match-run.poller';
import { MatchRunProcessor } from './match-run.processor';
import { MatchRunner } from './match-runner.service';
import { MatchScheduleSync } from './match-schedule.sync';
import { ScheduledMatchRunStarter } from './scheduled-match-run.service';

/**
 * Match runs in the worker: the processor, its runner, the poller, the scheduled-run starter and
 * the job-scheduler sync. Shortcut: proposals are made through the API's ProposalModule (and the
 * AccessModule it needs), imported from apps/api, so the lifecycle, audit trail and notifications
 * have one implementation. Its HTTP controllers are inert here (the worker serves no HTTP).
 */
@Module({
  imports: [AccessModule, ProposalModule],
  providers: [MatchRunner, MatchRunProcessor, MatchRunPoller, ScheduledMatchRunStarter, MatchScheduleSync],
})
export class MatchRunWorkerModule {}

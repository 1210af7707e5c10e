import { Module } from '@nestjs/common';
import { MatchRunPoller } from './match-run.poller';
import { MatchRunProcessor } from './match-run.processor';
import { loadMipSolver } from '@hybridmatch/matching';
import { MatchRunner, MIP_SOLVER } from './match-runner.service';
import { MatchScheduleSync } from './match-schedule.sync';
import { ScheduledMatchRunStarter } from './scheduled-match-run.service';
import { ShortageSignalsRunner } from './shortage-signals.service';

/**
 * Match runs in the worker: the processor, its runner, the shortage-signals job's runner, the poller, the scheduled-run starter and
 * the job-scheduler sync. Proposals are made through `ProposalService` from `@hybridmatch/core`
 * (the global `CoreModule`), so the lifecycle, audit trail and notifications have one
 * implementation for the API and the worker.
 */
@Module({
  providers: [
    { provide: MIP_SOLVER, useFactory: loadMipSolver },
    MatchRunner,
    ShortageSignalsRunner,
    MatchRunProcessor,
    MatchRunPoller,
    ScheduledMatchRunStarter,
    MatchScheduleSync,
  ],
})
export class MatchRunWorkerModule {}

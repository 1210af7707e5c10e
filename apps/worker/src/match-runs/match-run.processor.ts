import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, JobPayloads, QUEUES } from '@hybridmatch/queue';
import { MatchRunner, MatchRunOutcome } from './match-runner.service';
import { ScheduledMatchRunOutcome, ScheduledMatchRunStarter } from './scheduled-match-run.service';
import { ShortageSignalsOutcome, ShortageSignalsRunner } from './shortage-signals.service';

/**
 * The matching queue: `match-run` runs one match run (reloaded and claimed by the runner, so a
 * duplicate job skips); `scheduled-match-run` (a region's schedule fired) writes a run and queues
 * its `match-run` job; `shortage-signals` computes a stored run's shortage signals (region
 * re-solves, queued with a priority so match runs go first). One job at a time per worker: the engine is CPU-bound. Retries come from
 * the job defaults; the runner marks the run failed on the last attempt. The exact solve blocks
 * for up to MATCH_TIME_LIMIT_SECONDS (at most 120), so the job lock lasts 5 minutes: a lock that
 * lapsed during a solve would let a second worker take the run.
 */
@Processor(QUEUES.matching, { concurrency: 1, lockDuration: 300_000 })
export class MatchRunProcessor extends WorkerHost {
  private readonly logger = new Logger(MatchRunProcessor.name);

  constructor(
    private readonly runner: MatchRunner,
    private readonly scheduled: ScheduledMatchRunStarter,
    private readonly signals: ShortageSignalsRunner,
  ) {
    super();
  }

  async process(
    job: Job<unknown, unknown, JobName>,
  ): Promise<MatchRunOutcome | ScheduledMatchRunOutcome | ShortageSignalsOutcome> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    switch (job.name) {
      case 'match-run': {
        const { matchRunId } = job.data as JobPayloads['match-run'];
        const outcome = await this.runner.run(matchRunId, finalAttempt);
        if (outcome.result === 'skipped') this.logger.debug(`Job ${job.id} skipped: ${outcome.reason}`);
        return outcome;
      }
      case 'shortage-signals': {
        const { matchRunId } = job.data as JobPayloads['shortage-signals'];
        const outcome = await this.signals.compute(matchRunId, finalAttempt);
        if (outcome.result === 'skipped') this.logger.debug(`Job ${job.id} skipped: ${outcome.reason}`);
        return outcome;
      }
      case 'scheduled-match-run':
        return this.scheduled.start((job.data as JobPayloads['scheduled-match-run']).regionId);
      default:
        throw new UnrecoverableError(`The matching queue has no job named ${job.name}`);
    }
  }
}

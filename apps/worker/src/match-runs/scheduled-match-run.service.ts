import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, QueryFailedError } from 'typeorm';
import { MatchRun, MatchRunSchedule, MatchRunStatus, MatchRunTrigger } from '@hybridmatch/database';
import { JobPayloads, jobIds, QUEUES } from '@hybridmatch/queue';
import { messageOf } from '@hybridmatch/domain';

export type ScheduledMatchRunOutcome =
  { result: 'started'; matchRunId: string } | { result: 'skipped'; reason: string };

/** PostgreSQL: a unique index refused the row. */
const UNIQUE_VIOLATION = '23505';

/**
 * A region's schedule fired (`scheduled-match-run`): checks the schedule is still there and on,
 * writes a queued run (trigger `schedule`, nobody requested it) and adds its `match-run` job, as
 * the API does for a manual run. The partial unique index refuses a second active run for the
 * region; that firing is skipped. The insert is the only write, so a retried job cannot double it.
 */
@Injectable()
export class ScheduledMatchRunStarter {
  private readonly logger = new Logger(ScheduledMatchRunStarter.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue,
  ) {}

  async start(regionId: string): Promise<ScheduledMatchRunOutcome> {
    const schedule = await this.dataSource.getRepository(MatchRunSchedule).findOneBy({ regionId });
    if (!schedule?.enabled) return this.skip(regionId, 'the region has no enabled match-run schedule');
    const runs = this.dataSource.getRepository(MatchRun);
    let run: MatchRun;
    try {
      run = await runs.save(
        runs.create({
          regionId,
          status: MatchRunStatus.Queued,
          trigger: MatchRunTrigger.Schedule,
          requestedByUserId: null,
          parameters: {},
        }),
      );
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        return this.skip(regionId, 'a match run is already queued or running for the region');
      }
      throw error;
    }
    try {
      const payload: JobPayloads['match-run'] = { matchRunId: run.id };
      await this.queue.add('match-run', payload, { jobId: jobIds.matchRun(run.id, 0) });
    } catch (error) {
      this.logger.warn(`Scheduled match run ${run.id} stays queued for the poller: ${messageOf(error)}`);
    }
    return { result: 'started', matchRunId: run.id };
  }

  private skip(regionId: string, reason: string): ScheduledMatchRunOutcome {
    this.logger.log(`Scheduled match run for region ${regionId} skipped: ${reason}`);
    return { result: 'skipped', reason };
  }
}

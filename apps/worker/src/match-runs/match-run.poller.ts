import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { MatchRunRepository } from '@hybridmatch/core';
import { assertQueueReady, JobPayloads, jobIds, QUEUES, withTimeout } from '@hybridmatch/queue';
import { PollingLoop } from '../common/polling-loop';

/** How often the worker looks for match runs without a job. */
export const MATCH_RUN_POLL_INTERVAL_MS = 2000;
/** A run still `running` this long after it started lost its worker: it is marked failed. */
export const MATCH_RUN_STALE_AFTER = '15 minutes';
const REDIS_WAIT_MS = 5000;

/**
 * Queues every queued match run (the API may have written the row while Redis was down, or Redis
 * lost the job); the deterministic job id makes this a no-op for runs that have their job. Marks
 * runs whose worker vanished mid-run as failed, so the region can be matched again. It reads
 * PostgreSQL, like the outbox relay poller, so it catches up as soon as Redis is back.
 */
@Injectable()
export class MatchRunPoller extends PollingLoop {
  constructor(
    private readonly runs: MatchRunRepository,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue,
  ) {
    super(new Logger(MatchRunPoller.name), MATCH_RUN_POLL_INTERVAL_MS, 'queued runs wait');
  }

  protected async runOnce(): Promise<void> {
    await this.enqueueQueuedRuns();
  }

  /** One pass; returns how many queued runs were (re)queued. */
  async enqueueQueuedRuns(): Promise<number> {
    await this.runs.failStaleRuns(MATCH_RUN_STALE_AFTER);
    const queued = await this.runs.queuedIds();
    if (queued.length === 0) return 0;
    await assertQueueReady(this.queue, REDIS_WAIT_MS);
    const jobs = queued.map((id) => ({
      name: 'match-run' as const,
      data: { matchRunId: id } satisfies JobPayloads['match-run'],
      opts: { jobId: jobIds.matchRun(id) },
    }));
    await withTimeout(this.queue.addBulk(jobs), REDIS_WAIT_MS, 'Redis did not accept the match-run jobs');
    return jobs.length;
  }
}

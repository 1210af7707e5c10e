import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MatchRunRepository, OwedShortage, QueuedRun } from '@hybridmatch/core';
import {
  assertQueueReady,
  JobPayloads,
  jobIds,
  QUEUES,
  shortageSignalsJob,
  withTimeout,
} from '@hybridmatch/queue';
import { PollingLoop } from '../common/polling-loop';

/** How often the worker looks for match runs without a job, and for runs that lost their worker. */
export const MATCH_RUN_POLL_INTERVAL_MS = 2000;
/** An interrupted run is queued again at most this often; the next interruption fails it. */
export const MAX_MATCH_RUN_REQUEUES = 3;
/** A run's signals job is queued again at most this often after it ended unrecorded; then they fail. */
export const MAX_SHORTAGE_REQUEUES = 3;
/** Runs owing signals looked at per pass (a national round owes ~100 at once). */
const OWED_SHORTAGE_BATCH = 500;
const REDIS_WAIT_MS = 5000;
const MAX_ERROR_LENGTH = 1000;

/**
 * Every 2 s: (1) a `running` run whose advisory lock is free lost its worker — killed, or its
 * database session cut — and goes back to queued with the cause (the BullMQ job's last error
 * when it has one), or fails after MAX_MATCH_RUN_REQUEUES; (2) every queued run is queued in
 * BullMQ under `match-run-<id>-<requeues>` (the API may have written the row while Redis was down,
 * or Redis lost the job; a repeated add is a no-op, and an interrupted run's id is fresh). It
 * reads PostgreSQL, like the outbox relay poller, so it catches up as soon as Redis is back.
 * (3) every run that still owes its shortage signals has their job: added when the queue does not
 * know it, and under a fresh id (`shortage-signals-<id>-<shortageRequeues>`) when it ended without
 * recording the outcome, because BullMQ ignores the add of an id it keeps, a failed job's too.
 */
@Injectable()
export class MatchRunPoller extends PollingLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: MatchRunRepository,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue,
  ) {
    super(new Logger(MatchRunPoller.name), MATCH_RUN_POLL_INTERVAL_MS, 'queued runs wait');
  }

  protected async runOnce(): Promise<void> {
    await this.requeueInterruptedRuns();
    await this.enqueueQueuedRuns();
    await this.enqueueOwedShortageSignals();
  }

  /** Gives interrupted runs back to the queue (or fails them); returns how many it found. */
  async requeueInterruptedRuns(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const interrupted = await this.runs.claimInterrupted(manager);
      for (const run of interrupted) {
        const cause = (await this.causeOf(run)).slice(0, MAX_ERROR_LENGTH);
        const outcome = await this.runs.requeueInterrupted(manager, run, cause, MAX_MATCH_RUN_REQUEUES);
        this.logger.warn(
          `Match run ${run.id} was interrupted (${cause}); ${outcome === 'queued' ? 'queued again' : 'failed'}`,
        );
      }
      return interrupted.length;
    });
  }

  /** One pass; returns how many queued runs were (re)queued. */
  async enqueueQueuedRuns(): Promise<number> {
    const queued = await this.runs.queued();
    if (queued.length === 0) return 0;
    await assertQueueReady(this.queue, REDIS_WAIT_MS);
    const jobs = queued.map(({ id, requeues }) => ({
      name: 'match-run' as const,
      data: { matchRunId: id } satisfies JobPayloads['match-run'],
      opts: { jobId: jobIds.matchRun(id, requeues) },
    }));
    await withTimeout(this.queue.addBulk(jobs), REDIS_WAIT_MS, 'Redis did not accept the match-run jobs');
    return jobs.length;
  }

  /**
   * One pass over the runs owing their shortage signals; returns how many jobs it added. A job the
   * queue still has (waiting, delayed, prioritised, active, or retrying) is left alone; one it does
   * not know is added; one that completed or failed while the run still owes the signals (the
   * worker died past BullMQ's stall limit, or the job's last database write failed) is replaced by
   * a fresh id, at most MAX_SHORTAGE_REQUEUES times, then the signals are failed.
   */
  async enqueueOwedShortageSignals(): Promise<number> {
    const owed = await this.runs.owingShortage(OWED_SHORTAGE_BATCH);
    if (owed.length === 0) return 0;
    await assertQueueReady(this.queue, REDIS_WAIT_MS);
    const states = await withTimeout(
      Promise.all(owed.map((run) => this.queue.getJobState(jobIds.shortageSignals(run.id, run.requeues)))),
      REDIS_WAIT_MS,
      'The queue did not answer for the shortage-signals jobs',
    );
    const toAdd: OwedShortage[] = [];
    for (const [k, run] of owed.entries()) {
      if (states[k] === 'unknown') toAdd.push(run);
      else if (states[k] === 'completed' || states[k] === 'failed') {
        const next = await this.runs.requeueShortage(run, MAX_SHORTAGE_REQUEUES);
        if (typeof next === 'number') toAdd.push({ id: run.id, requeues: next });
        if (next !== null)
          this.logger.warn(
            `The shortage-signals job of match run ${run.id} ended (${states[k]}) without storing them; ${next === 'failed' ? 'failed' : 'queued again'}`,
          );
      }
    }
    if (toAdd.length === 0) return 0;
    const jobs = toAdd.map(({ id, requeues }) => shortageSignalsJob(id, requeues));
    await withTimeout(
      this.queue.addBulk(jobs),
      REDIS_WAIT_MS,
      'The queue did not accept the shortage-signals jobs',
    );
    return jobs.length;
  }

  /** The job's last error when it failed (e.g. the database unreachable), else the worker's death. */
  private async causeOf(run: QueuedRun): Promise<string> {
    const attempt = `Attempt ${run.requeues + 1} was interrupted`;
    try {
      await assertQueueReady(this.queue, REDIS_WAIT_MS);
      const job = await this.queue.getJob(jobIds.matchRun(run.id, run.requeues));
      if (job?.failedReason) return `${attempt}: ${job.failedReason}`;
    } catch {
      // Redis is away: the database alone says the worker's session ended.
    }
    return `${attempt}: the worker running it stopped (its database session ended)`;
  }
}

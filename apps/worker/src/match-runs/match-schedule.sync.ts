import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MatchRunSchedule } from '@hybridmatch/database';
import { onEveryQueueReady, QUEUES } from '@hybridmatch/queue';
import { applyMatchScheduler, MATCH_SCHEDULER_PREFIX, matchSchedulerId } from '@hybridmatch/core';
import { messageOf } from '@hybridmatch/domain';

/**
 * Makes the matching queue's `match-schedule-<regionId>` job schedulers match the
 * match_run_schedule table: every enabled schedule upserted (pattern and time zone), every other
 * `match-schedule-` scheduler removed. Runs when the worker boots and each time the queue's Redis
 * connection becomes ready (a Redis that restarted empty, or an API change made while Redis was
 * away). Upserting is idempotent, so every worker process may do it.
 */
@Injectable()
export class MatchScheduleSync implements OnApplicationBootstrap {
  private readonly logger = new Logger(MatchScheduleSync.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    onEveryQueueReady(
      this.queue,
      () => this.syncLogged(),
      (error) => this.logger.warn(`Redis not reachable; match-run schedules not synced: ${messageOf(error)}`),
    );
  }

  /** One pass; returns how many job schedulers were upserted and removed. */
  async sync(): Promise<{ upserted: number; removed: number }> {
    const wanted = await this.dataSource.getRepository(MatchRunSchedule).findBy({ enabled: true });
    const wantedIds = new Set(wanted.map((schedule) => matchSchedulerId(schedule.regionId)));
    const unwanted = (await this.queue.getJobSchedulers())
      .map((scheduler) => scheduler.key)
      .filter((key) => key.startsWith(MATCH_SCHEDULER_PREFIX) && !wantedIds.has(key));
    await Promise.all([
      ...wanted.map((schedule) => applyMatchScheduler(this.queue, schedule.regionId, schedule)),
      ...unwanted.map((key) => this.queue.removeJobScheduler(key)),
    ]);
    return { upserted: wanted.length, removed: unwanted.length };
  }

  private async syncLogged(): Promise<void> {
    try {
      const { upserted, removed } = await this.sync();
      this.logger.log(`Match-run schedules synced: ${upserted} upserted, ${removed} removed`);
    } catch (error) {
      this.logger.warn(`Could not sync the match-run schedules: ${messageOf(error)}`);
    }
  }
}

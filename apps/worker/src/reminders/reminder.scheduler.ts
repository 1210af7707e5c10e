import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PRODUCT_TIME_ZONE } from '@hybridmatch/domain';
import { JobName, keepJobSchedulers, QUEUES } from '@hybridmatch/queue';

/** The time-driven jobs of the reminders queue; each scheduler's id is its job name. Times are Amsterdam's. */
export const REMINDER_JOB_SCHEDULES: ReadonlyArray<{ name: JobName; every?: number; pattern?: string }> = [
  /** Recreates reminders Redis lost and adds those coming within the horizon. */
  { name: 'reconcile-reminders', every: 15 * 60_000 },
  /** Sunday 18:00: each teacher's lessons of the coming week. */
  { name: 'weekly-digest', pattern: '0 18 * * 0' },
  /** Every day at 07:00: what waits for each coordinator. */
  { name: 'coordinator-digest', pattern: '0 7 * * *' },
  /** Working days at 09:00: companies are reminded of the answers they owe. */
  { name: 'answers-owed', pattern: '0 9 * * 1-5' },
];

/**
 * Registers the reminders queue's job schedulers at boot and whenever Redis comes back (an empty
 * Redis has forgotten them; the reconciliation then also recreates the lost reminders).
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.reminders) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    keepJobSchedulers(this.queue, new Logger(ReminderScheduler.name), 'reminder schedules', () =>
      Promise.all(
        REMINDER_JOB_SCHEDULES.map(({ name, every, pattern }) =>
          this.queue.upsertJobScheduler(name, every ? { every } : { pattern, tz: PRODUCT_TIME_ZONE }, {
            name,
            data: {},
          }),
        ),
      ),
    );
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { NotificationRepository } from '@hybridmatch/core';
import { assertQueueReady, JobPayloads, jobIds, QUEUES, withTimeout } from '@hybridmatch/queue';
import { DELIVERY_POLICY, DeliveryPolicy } from './delivery-policy';

/** Job options added to each `send-notification` job on top of the queue defaults (tests shorten the backoff). */
export const NOTIFICATION_JOB_OPTIONS = Symbol('NOTIFICATION_JOB_OPTIONS');

/** Rows claimed and queued per batch. */
export const RELAY_BATCH_SIZE = 100;
/** How long a relay pass waits for Redis before giving up (the rows stay pending). */
const REDIS_WAIT_MS = 5000;

/**
 * Moves notification rows (the outbox) into BullMQ: pending rows not yet relayed, oldest first,
 * each as a `send-notification` job with the id `notification-<id>-<relayCount>`, fresh for every
 * relay of the row (BullMQ ignores a new job whose id a kept failed job has), and stamps
 * `relayed_at`. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several relays never queue the
 * same rows at once. When Redis is unreachable the claim is released and the rows wait for the
 * next pass. Rows relayed earlier whose job went missing come back here through the
 * reconciler (`relayed_at` cleared).
 *
 * It keeps at most `maxInFlight` e-mails relayed and not yet sent (the delivery policy; the
 * outbox counts them as it claims, Redis is not asked): a national match run writes thousands of
 * notifications in one transaction, far more than SMTP sends in the seconds until the next pass,
 * and those stay in the outbox until the senders have room. Account e-mails (invites, password
 * resets) go first, then the rest oldest first (NotificationRepository.claimUnrelayed).
 */
@Injectable()
export class OutboxRelay {
  constructor(
    private readonly notifications: NotificationRepository,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
    @Inject(NOTIFICATION_JOB_OPTIONS) private readonly jobOptions: JobsOptions,
    @Inject(DELIVERY_POLICY) private readonly policy: DeliveryPolicy,
  ) {}

  /** Relays the rows that are due, as many as there is room for; returns how many were queued. */
  async relayPending(): Promise<number> {
    // Claiming rows while Redis is away would only release them again after the timeout.
    await assertQueueReady(this.queue, REDIS_WAIT_MS);
    let relayed = 0;
    for (;;) {
      const batch = await this.relayBatch();
      relayed += batch;
      if (batch < RELAY_BATCH_SIZE) return relayed;
    }
  }

  /**
   * Claims a batch (committed at once) and then hands it to Redis: no transaction stays open while
   * Redis is asked, since a worker's event loop can be busy with a match run for seconds and an
   * open transaction would hold the locks and the database's cleanup back meanwhile. When Redis
   * does not answer for the jobs the claim is undone at once; a relay that dies in between leaves
   * its rows relayed without jobs, which the reconciler finds and relays again.
   */
  private async relayBatch(): Promise<number> {
    const rows = await this.notifications.claimUnrelayed(RELAY_BATCH_SIZE, this.policy.maxInFlight);
    if (rows.length === 0) return 0;
    const jobs = rows.map(({ id, relayCount }) => ({
      name: 'send-notification' as const,
      data: { notificationId: id } satisfies JobPayloads['send-notification'],
      opts: { ...this.jobOptions, jobId: jobIds.notification(id, relayCount) },
    }));
    try {
      await withTimeout(
        this.queue.addBulk(jobs),
        REDIS_WAIT_MS,
        'Redis did not accept the notification jobs',
      );
    } catch (error) {
      // The Redis error is the one to report; rows the release cannot give back (the database
      // gone too) stay relayed without jobs, and the reconciler gives them back.
      await this.notifications.releaseUnrelayed(rows).catch(() => undefined);
      throw error;
    }
    return rows.length;
  }
}

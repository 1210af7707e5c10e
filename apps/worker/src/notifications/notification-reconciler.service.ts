import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NotificationRepository, OverdueNotification } from '@hybridmatch/core';
import { assertQueueReady, jobIds, QUEUES } from '@hybridmatch/queue';
import { DELIVERY_POLICY, DeliveryPolicy, nextRetryDelay } from './delivery-policy';

/** Overdue rows looked at per pass (the next pass takes the rest). */
const RECONCILE_BATCH = 500;
/** BullMQ states in which a job will still run (or is running). */
const ALIVE = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

export interface ReconcileResult {
  /** Rows whose job was gone, given back to the relay (queued with a fresh job id). */
  requeued: number;
  /** Rows whose job failed outside SMTP, marked failed with the reason (and their long-backoff retry). */
  failed: number;
  /** Failed rows whose next automatic attempt was due, given back to the relay. */
  retried: number;
}

/**
 * Drives every notification to `sent` or to `failed` with a reason (docs/NOTIFICATIONS.md), from
 * the database's state and the BullMQ job each row names: a row `pending` past its deadline after
 * the relay, or `sending` past its deadline after a claim, whose job is gone (Redis lost it, or it
 * finished without sending) goes back to the relay, which queues it under a fresh job id; one
 * whose job failed (the database was unreachable, the job stalled twice) is marked failed with the
 * job's reason. Failed rows whose next attempt is due go back to the relay. Every write is guarded
 * by the state the reconciler saw, so overlapping runs change nothing twice.
 */
@Injectable()
export class NotificationReconciler {
  private readonly logger = new Logger(NotificationReconciler.name);

  constructor(
    private readonly notifications: NotificationRepository,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
    @Inject(DELIVERY_POLICY) private readonly policy: DeliveryPolicy,
  ) {}

  async reconcile(): Promise<ReconcileResult> {
    await assertQueueReady(this.queue, 5000);
    const result: ReconcileResult = { requeued: 0, failed: 0, retried: 0 };
    const overdue = await this.notifications.overdue(
      this.policy.pendingDeadlineMs,
      this.policy.sendingDeadlineMs,
      RECONCILE_BATCH,
    );
    for (const row of overdue) {
      const verdict = await this.verdict(row);
      if (verdict.kind === 'alive') continue;
      if (verdict.kind === 'lost') {
        if (await this.notifications.requeue(row, verdict.reason)) result.requeued++;
      } else if (
        await this.notifications.failOverdue(row, verdict.reason, nextRetryDelay(this.policy, row.retryRound))
      ) {
        result.failed++;
      }
    }
    result.retried = await this.notifications.releaseDueRetries();
    if (result.requeued + result.failed + result.retried > 0)
      this.logger.log(
        `Notifications reconciled: ${result.requeued} queued again, ${result.failed} failed outside SMTP, ${result.retried} due for another round`,
      );
    return result;
  }

  private async verdict(
    row: OverdueNotification,
  ): Promise<{ kind: 'alive' } | { kind: 'lost' | 'failed'; reason: string }> {
    const jobId =
      row.status === 'sending' && row.claimedBy ? row.claimedBy : jobIds.notification(row.id, row.relayCount);
    const job = await this.queue.getJob(jobId);
    const state = job ? await job.getState() : 'unknown';
    if (ALIVE.has(state)) return { kind: 'alive' };
    const midSend =
      row.status === 'sending'
        ? ' while sending (the message may have arrived; it is sent again with the same Message-ID)'
        : '';
    if (state === 'failed')
      return {
        kind: 'failed',
        reason: `job ${jobId} failed outside SMTP${midSend}: ${job?.failedReason ?? 'no reason given'}`,
      };
    return {
      kind: 'lost',
      reason: `job ${jobId} was ${state === 'unknown' ? 'lost' : state}${midSend}; queued again`,
    };
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { NotificationRepository, NotificationTextService } from '@hybridmatch/core';
import { messageOf } from '@hybridmatch/domain';
import { DELIVERY_POLICY, DeliveryPolicy, nextRetryDelay } from './delivery-policy';
import { NotificationMailer, notificationMessageId } from './notification-mailer';

export type DeliveryOutcome =
  | { result: 'sent' }
  | { result: 'skipped'; reason: string }
  | { result: 'failed'; error: Error; final: boolean };

/** Longest `last_error` kept: enough for an SMTP reply, never a whole stack. */
const MAX_ERROR_LENGTH = 1000;

/** One attempt of a `send-notification` job. `note` writes to the job's log (the dashboard shows it). */
export interface DeliveryAttempt {
  notificationId: string;
  jobId: string;
  /** A failure now marks the notification failed (with its long-backoff retry) instead of waiting for the job's retry. */
  finalAttempt: boolean;
  note: (message: string) => Promise<void>;
}

/**
 * Sends one notification's e-mail. The row is first claimed (`pending` → `sending`, committed, so
 * no database connection or lock is held while the SMTP server takes its time); another job finds
 * it claimed and skips. Once the SMTP server answered 250 the row is recorded `sent`, and that
 * record is retried while the database is away, so an accepted message is not sent again because
 * the database blinked. A worker that dies mid-send leaves the row `sending`: the same job, run
 * again by BullMQ, takes its claim over and sends it once more (same Message-ID), and if the job
 * itself is gone the reconciler queues it afresh.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly texts: NotificationTextService,
    private readonly mailer: NotificationMailer,
    @Inject(DELIVERY_POLICY) private readonly policy: DeliveryPolicy,
  ) {}

  async deliver(attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const { notificationId, jobId } = attempt;
    const claimed = await this.notifications.claimForSending(notificationId, jobId);
    if (!claimed) return { result: 'skipped', reason: await this.whyNot(notificationId) };
    if (!claimed.to) {
      // A teacher without a login whose profile has no address: no retry can help.
      await this.notifications.markAttemptFailed(
        notificationId,
        jobId,
        'the teacher has no e-mail address',
        -1,
      );
      return { result: 'skipped', reason: 'the recipient has no e-mail address' };
    }
    try {
      await this.mailer.send({
        to: claimed.to,
        subject: claimed.subject,
        text: this.texts.bodyOf(claimed),
        messageId: notificationMessageId(claimed.id),
      });
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      const retryIn = attempt.finalAttempt
        ? nextRetryDelay(this.policy, await this.notifications.retryRound(notificationId))
        : null;
      await this.notifications.markAttemptFailed(
        notificationId,
        jobId,
        error.message.slice(0, MAX_ERROR_LENGTH),
        retryIn,
      );
      if (retryIn !== null)
        this.logger.warn(
          `Notification ${notificationId} failed after ${claimed.attempts} attempts; ${
            retryIn >= 0 ? `sent again in ${Math.round(retryIn / 1000)} s` : 'no automatic retry left'
          }; see its last_error`,
        );
      return { result: 'failed', error, final: attempt.finalAttempt };
    }
    await this.recordSent(attempt);
    return { result: 'sent' };
  }

  /** Records the accepted message, retrying (with backoff) while the database does not answer. */
  private async recordSent({ notificationId, note }: DeliveryAttempt): Promise<void> {
    const deadline = Date.now() + this.policy.recordSentForMs;
    for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
      try {
        await this.notifications.markSent(notificationId);
        return;
      } catch (error) {
        const message = messageOf(error);
        if (Date.now() + wait > deadline) throw error;
        await note(
          `The SMTP server accepted the message; could not record it as sent yet (${message}); retrying`,
        ).catch(() => undefined);
        await delay(wait);
      }
    }
  }

  private async whyNot(notificationId: string): Promise<string> {
    const row = await this.notifications.deliveryStatus(notificationId);
    if (!row) return 'the notification no longer exists';
    if (row.status === 'sending') return `the notification is being sent by job ${row.claimedBy}`;
    return `the notification is already ${row.status}`;
  }
}

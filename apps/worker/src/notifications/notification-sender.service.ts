import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Notification, NotificationDeliveryStatus, TeacherProfile, User } from '@hybridmatch/database';
import { NotificationMailer, notificationMessageId } from './notification-mailer';

export type DeliveryOutcome =
  | { result: 'sent' }
  | { result: 'skipped'; reason: string }
  | { result: 'failed'; error: Error; final: boolean };

/** Longest `last_error` kept: enough for an SMTP reply, never a whole stack. */
const MAX_ERROR_LENGTH = 1000;

/**
 * Sends one notification's email, at most once. The row is locked (`SELECT … FOR UPDATE`) for the
 * whole send and the transaction commits only after the SMTP server accepted the message, so two
 * workers never send the same row at the same time, and a worker that dies mid-send leaves the
 * row pending (the database aborts its transaction) for the job's retry.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: NotificationMailer,
  ) {}

  /** `finalAttempt`: a failure now marks the notification failed instead of waiting for a retry. */
  async deliver(notificationId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const notifications = manager.getRepository(Notification);
      const notification = await notifications.findOne({
        where: { id: notificationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!notification) return { result: 'skipped', reason: 'the notification no longer exists' };
      if (notification.deliveryStatus !== NotificationDeliveryStatus.Pending) {
        return { result: 'skipped', reason: `the notification is already ${notification.deliveryStatus}` };
      }
      const attempts = notification.attempts + 1;
      const to = await recipientAddress(manager, notification);
      if (!to) {
        await notifications.update(notification.id, {
          attempts,
          lastError: 'the teacher has no e-mail address',
          deliveryStatus: NotificationDeliveryStatus.Failed,
        });
        return { result: 'skipped', reason: 'the recipient has no e-mail address' };
      }
      try {
        await this.mailer.send({
          to,
          subject: notification.subject,
          text: notification.bodyText,
          messageId: notificationMessageId(notification.id),
        });
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        await notifications.update(notification.id, {
          attempts,
          lastError: error.message.slice(0, MAX_ERROR_LENGTH),
          deliveryStatus: finalAttempt
            ? NotificationDeliveryStatus.Failed
            : NotificationDeliveryStatus.Pending,
        });
        if (finalAttempt)
          this.logger.warn(
            `Notification ${notification.id} failed after ${attempts} attempts; see its last_error`,
          );
        return { result: 'failed', error, final: finalAttempt };
      }
      await notifications.update(notification.id, {
        attempts,
        lastError: null,
        deliveryStatus: NotificationDeliveryStatus.Sent,
        sentAt: new Date(),
      });
      return { result: 'sent' };
    });
  }
}

/** A user's address, or (for a teacher without a login) the profile's; null when the profile has none. */
async function recipientAddress(manager: EntityManager, notification: Notification): Promise<string | null> {
  if (notification.recipientUserId)
    return (await manager.getRepository(User).findOneOrFail({ where: { id: notification.recipientUserId } }))
      .email;
  const teacher = await manager
    .getRepository(TeacherProfile)
    .findOneOrFail({ where: { id: notification.recipientTeacherId ?? '' } });
  return teacher.email;
}

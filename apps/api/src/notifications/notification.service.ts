import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, In, Not, Repository } from 'typeorm';
import {
  EMAIL_ONLY_NOTIFICATION_KINDS,
  Notification,
  NotificationDeliveryStatus,
} from '@hybridmatch/database';
import { Actor, NotFoundError, NotificationRepository, Page, pageWindow } from '@hybridmatch/core';
import { PageQueryDto } from '../common/pagination';
import { NotificationDto } from './notification.dto';

export const toNotificationDto = (notification: Notification): NotificationDto => ({
  id: notification.id,
  recipientUserId: notification.recipientUserId,
  recipientTeacherId: notification.recipientTeacherId,
  proposalId: notification.proposalId,
  kind: notification.kind,
  subject: notification.subject,
  bodyText: notification.bodyText,
  deliveryStatus: notification.deliveryStatus,
  attempts: notification.attempts,
  lastError: notification.lastError,
  sentAt: notification.sentAt,
  readAt: notification.readAt,
  createdAt: notification.createdAt,
});

/**
 * The in-app notification list: everyone sees only their own, without the e-mail-only kinds
 * (invites, password resets), whose text carries a single-use link; admins also see failed emails.
 */
@Injectable()
export class NotificationService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly notificationRows: NotificationRepository,
  ) {}

  /** The caller's own notifications, unread first, newest first. */
  async listOwn(actor: Actor, query: PageQueryDto): Promise<Page<NotificationDto> & { unread: number }> {
    const [rows, total] = await this.notificationRows.pageOwn(
      this.notifications.manager,
      actor.userId,
      EMAIL_ONLY_NOTIFICATION_KINDS,
      pageWindow(query),
    );
    const unread = await this.notifications.countBy({
      recipientUserId: actor.userId,
      readAt: IsNull(),
      kind: Not(In(EMAIL_ONLY_NOTIFICATION_KINDS)),
    });
    return { items: rows.map(toNotificationDto), page: query.page, pageSize: query.pageSize, total, unread };
  }

  /** Marks one of the caller's notifications read (again is harmless); others' answer 404. */
  async markRead(actor: Actor, id: string): Promise<NotificationDto> {
    const notification = await this.notifications.findOneBy({
      id,
      recipientUserId: actor.userId,
      kind: Not(In(EMAIL_ONLY_NOTIFICATION_KINDS)),
    });
    if (!notification) throw new NotFoundError('Notification', id);
    if (!notification.readAt) {
      notification.readAt = new Date();
      await this.notifications.update({ id, readAt: IsNull() }, { readAt: notification.readAt });
    }
    return toNotificationDto(notification);
  }

  /** For the platform admin: emails that could not be delivered after every retry. */
  async listFailed(query: PageQueryDto): Promise<Page<NotificationDto>> {
    const [rows, total] = await this.notifications.findAndCount({
      where: { deliveryStatus: NotificationDeliveryStatus.Failed },
      order: { createdAt: 'DESC', id: 'ASC' },
      ...pageWindow(query),
    });
    return { items: rows.map(withoutSecretLinks), page: query.page, pageSize: query.pageSize, total };
  }
}

/**
 * An admin sees that an e-mail failed, never a secret link inside it: not an invite's or reset's
 * single-use link, not a proposal e-mail's answer links (`token=` is blanked).
 */
function withoutSecretLinks(notification: Notification): NotificationDto {
  const dto = toNotificationDto(notification);
  return EMAIL_ONLY_NOTIFICATION_KINDS.includes(notification.kind)
    ? { ...dto, bodyText: '(not shown: this e-mail carries a single-use link; reissue it instead)' }
    : { ...dto, bodyText: dto.bodyText.replace(/token=[A-Za-z0-9._-]+/g, 'token=(not shown)') };
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, Repository } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { EMAIL_ONLY_NOTIFICATION_KINDS, Notification } from '@hybridmatch/database';
import { Clock } from '@hybridmatch/domain';
import {
  AccessService,
  Actor,
  ForbiddenError,
  NotFoundError,
  NotificationRepository,
  NotificationScope,
  NotificationTextService,
  Page,
  pageWindow,
  ValidationError,
} from '@hybridmatch/core';
import { PageQueryDto } from '../common/pagination';
import { MAX_RESEND, NotificationDto, ResendNotificationsDto, ResendResultDto } from './notification.dto';

const toNotificationDto = (notification: Notification, bodyText: string): NotificationDto => ({
  id: notification.id,
  recipientUserId: notification.recipientUserId,
  recipientTeacherId: notification.recipientTeacherId,
  proposalId: notification.proposalId,
  kind: notification.kind,
  subject: notification.subject,
  bodyText,
  deliveryStatus: notification.deliveryStatus,
  attempts: notification.attempts,
  lastError: notification.lastError,
  sentAt: notification.sentAt,
  nextAttemptAt: notification.nextAttemptAt,
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
    private readonly texts: NotificationTextService,
    private readonly access: AccessService,
    @Inject(CLOCK) private readonly clock: Clock,
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
    return {
      items: rows.map((row) => this.dto(row)),
      page: query.page,
      pageSize: query.pageSize,
      total,
      unread,
    };
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
      notification.readAt = this.clock.now();
      await this.notifications.update({ id, readAt: IsNull() }, { readAt: notification.readAt });
    }
    return this.dto(notification);
  }

  /**
   * Emails that could not be delivered (yet): all for the platform admin; for a coordinator those
   * about their regions' proposals and to people of their regions' organisations.
   */
  async listFailed(actor: Actor, query: PageQueryDto): Promise<Page<NotificationDto>> {
    const { skip, take } = pageWindow(query);
    const { ids, total } = await this.notificationRows.listFailed(this.scopeOf(actor), skip, take);
    const rows = ids.length ? await this.notifications.findBy({ id: In(ids) }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const items = ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [withoutSecretLinks(this.dto(row))] : [];
    });
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /**
   * Sends failed emails again (the same Message-ID, a fresh round of automatic retries): the given
   * ids, or every failed one matching the filter, within the caller's scope (at most MAX_RESEND).
   * The worker's relay queues them within seconds.
   */
  async resend(actor: Actor, body: ResendNotificationsDto): Promise<ResendResultDto> {
    const hasFilter =
      body.kinds !== undefined || body.createdFrom !== undefined || body.createdBefore !== undefined;
    if ((body.ids === undefined) === !hasFilter)
      throw ValidationError.field(
        'ids',
        'give either ids or a filter (kinds, createdFrom, createdBefore), not both',
        'idsOrFilter',
      );
    const resent = await this.notificationRows.resendFailed(
      this.scopeOf(actor),
      body.ids
        ? { ids: body.ids }
        : {
            filter: {
              kinds: body.kinds,
              createdFrom: body.createdFrom ? new Date(body.createdFrom) : undefined,
              createdBefore: body.createdBefore ? new Date(body.createdBefore) : undefined,
            },
          },
      MAX_RESEND,
    );
    return { resent, count: resent.length };
  }

  /** The notification as the API shows it, with its text (stored, or written from its facts). */
  private dto(notification: Notification): NotificationDto {
    return toNotificationDto(notification, this.texts.bodyOf(notification));
  }

  private scopeOf(actor: Actor): NotificationScope {
    const scope = this.access.organisationScope(actor);
    if (scope.kind === 'all') return scope;
    if (scope.kind === 'regions') return scope;
    throw new ForbiddenError('Only platform admins and regional coordinators manage e-mail delivery');
  }
}

/**
 * An admin sees that an e-mail failed, never a secret link inside it: not an invite's or reset's
 * single-use link, not a proposal e-mail's answer links (`token=` is blanked).
 */
function withoutSecretLinks(dto: NotificationDto): NotificationDto {
  return EMAIL_ONLY_NOTIFICATION_KINDS.includes(dto.kind)
    ? { ...dto, bodyText: '(not shown: this e-mail carries a single-use link; reissue it instead)' }
    : { ...dto, bodyText: dto.bodyText.replace(/token=[A-Za-z0-9._-]+/g, 'token=(not shown)') };
}

import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK } from '@hybridmatch/config';
import { Notification, NotificationKind, Organisation, User } from '@hybridmatch/database';
import { Clock } from '@hybridmatch/domain';
import { NotificationRepository, UserRepository } from '@hybridmatch/core';
import {
  composeAddressInUseMessage,
  composeInviteMessage,
  composePasswordResetMessage,
} from './account-messages';
import { WEB_APP_PATH } from '../web-app/web-app';
import { newSecretToken } from './password';

export const INVITE_VALID_FOR_MS = 7 * 24 * 60 * 60 * 1000;
export const PASSWORD_RESET_VALID_FOR_MS = 60 * 60 * 1000;

type Invitee = Pick<User, 'id' | 'name' | 'organisationId'>;

/**
 * Account e-mails (invites and password resets) through the notification outbox: the new token's
 * hash and the e-mail carrying the token are written in the caller's transaction, so a link is
 * never sent for a token that was not stored, nor stored without being sent. A new token replaces
 * the previous one: the old link stops working.
 */
@Injectable()
export class AccountMailService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly users: UserRepository,
    private readonly notifications: NotificationRepository,
  ) {}

  inviteLink(token: string): string {
    return `${this.config.http.publicUrl}/invite?token=${token}`;
  }

  resetLink(token: string): string {
    return `${this.config.http.publicUrl}/reset-password?token=${token}`;
  }

  /** Gives every invitee a fresh invite token (valid 7 days) and queues one invite e-mail each; set-based. */
  async issueInvites(manager: EntityManager, invitees: Invitee[]): Promise<Date> {
    const validUntil = new Date(this.clock.now().getTime() + INVITE_VALID_FOR_MS);
    if (invitees.length === 0) return validUntil;
    const organisationIds = [...new Set(invitees.flatMap((invitee) => invitee.organisationId ?? []))];
    const organisations = await manager.find(Organisation, {
      where: { id: In(organisationIds) },
      select: { id: true, name: true },
    });
    const nameOf = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
    const issued = invitees.map((invitee) => ({ invitee, ...newSecretToken() }));
    await this.users.setInviteTokens(
      manager,
      issued.map(({ invitee, hash }) => ({ userId: invitee.id, hash })),
      validUntil,
    );
    await this.queue(
      manager,
      issued.map(({ invitee, token, hash }) => ({
        recipientUserId: invitee.id,
        kind: NotificationKind.Invite,
        dedupeKey: `invite-${invitee.id}-${hash.slice(0, 16)}`,
        ...composeInviteMessage({
          name: invitee.name,
          link: this.inviteLink(token),
          validUntil,
          organisationName: invitee.organisationId ? nameOf.get(invitee.organisationId) : null,
        }),
      })),
    );
    return validUntil;
  }

  /** Sends the pending invite's e-mail again (the same link): a copy of the last invite e-mail. */
  async resendInvite(manager: EntityManager, userId: string): Promise<boolean> {
    const last = await manager.findOne(Notification, {
      where: { recipientUserId: userId, kind: NotificationKind.Invite },
      order: { createdAt: 'DESC' },
    });
    if (!last) return false;
    await this.queue(manager, [
      {
        recipientUserId: userId,
        kind: NotificationKind.Invite,
        subject: last.subject,
        bodyText: last.bodyText,
        dedupeKey: `invite-${userId}-resend-${randomUUID()}`,
      },
    ]);
    return true;
  }

  /** A fresh single-use reset token (valid 1 hour; the previous one dies) and its e-mail. */
  async issuePasswordReset(manager: EntityManager, user: Pick<User, 'id' | 'name'>): Promise<void> {
    const validUntil = new Date(this.clock.now().getTime() + PASSWORD_RESET_VALID_FOR_MS);
    const { token, hash } = newSecretToken();
    await manager.update(User, user.id, {
      passwordResetTokenHash: hash,
      passwordResetExpiresAt: validUntil,
    });
    await this.queue(manager, [
      {
        recipientUserId: user.id,
        kind: NotificationKind.PasswordReset,
        dedupeKey: `password-reset-${user.id}-${hash.slice(0, 16)}`,
        ...composePasswordResetMessage({ name: user.name, link: this.resetLink(token), validUntil }),
      },
    ]);
  }

  /**
   * Tells the owners of addresses that someone (of `organisationId`) tried to invite them. At most
   * one such e-mail per owner, inviting organisation and day, so repeated attempts cannot flood
   * the mailbox.
   */
  async tellAddressInUse(
    manager: EntityManager,
    owners: Array<Pick<User, 'id' | 'name'>>,
    organisationId: string | null,
  ): Promise<void> {
    if (owners.length === 0) return;
    const organisation = organisationId
      ? await manager.findOne(Organisation, {
          where: { id: organisationId },
          select: { id: true, name: true },
        })
      : null;
    const day = this.clock.now().toISOString().slice(0, 10);
    await this.queue(
      manager,
      owners.map((owner) => ({
        recipientUserId: owner.id,
        kind: NotificationKind.AddressInUse,
        dedupeKey: `address-in-use-${owner.id}-${organisationId ?? 'platform'}-${day}`,
        ...composeAddressInUseMessage({
          name: owner.name,
          organisationName: organisation?.name ?? null,
          loginLink: `${this.config.http.publicUrl}${WEB_APP_PATH}/`,
          resetLink: `${this.config.http.publicUrl}/forgot-password`,
        }),
      })),
    );
  }

  private async queue(
    manager: EntityManager,
    rows: Array<Pick<Notification, 'recipientUserId' | 'kind' | 'subject' | 'bodyText' | 'dedupeKey'>>,
  ): Promise<void> {
    await this.notifications.insertNew(
      manager,
      rows.map((row) => ({ ...row, proposalId: null })),
    );
  }
}

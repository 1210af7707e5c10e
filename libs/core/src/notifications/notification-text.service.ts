import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { Notification, ProposalMessageFacts, ProposalNotificationKind } from '@hybridmatch/database';
import { answerLinkKey, LinkParty, signAnswerLink } from '../proposals/answer-links';
import { composeProposalMessage, NotificationMessage } from './notification-messages';

/** What the text of a notification is read or written from: its stored text, or a proposal notification's facts. */
export type NotificationTextSource = Pick<
  Notification,
  'kind' | 'proposalId' | 'recipientUserId' | 'recipientTeacherId' | 'bodyText' | 'facts'
>;

/** Who a proposal message is for: a user, or a teacher without a login (by profile). */
export interface MessageRecipient {
  userId: string | null;
  teacherId: string | null;
}

/**
 * The text of a notification, wherever it is read: the worker's e-mail, the in-app list, the
 * demo. Most notifications store their text; a proposal notification stores its facts
 * (ProposalMessageFacts) and its text is written from them here, with the proposal link under
 * PUBLIC_URL and, when the message asks the teacher or the company for an answer, their signed
 * answer links (deterministic: the same facts give the same text every time).
 */
@Injectable()
export class NotificationTextService {
  private readonly linkKey: Buffer;
  private readonly publicUrl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.linkKey = answerLinkKey(config.auth.jwtSecret);
    this.publicUrl = config.http.publicUrl;
  }

  /** The notification's plain text: stored, or written from its facts. */
  bodyOf(notification: NotificationTextSource): string {
    if (notification.bodyText !== null) return notification.bodyText;
    if (!notification.facts || !notification.proposalId)
      throw new Error(`Notification of kind ${notification.kind} has neither a text nor facts`);
    return this.proposalMessage(
      notification.kind as ProposalNotificationKind,
      notification.proposalId,
      notification.facts,
      { userId: notification.recipientUserId, teacherId: notification.recipientTeacherId },
    ).bodyText;
  }

  /** A proposal message for one recipient, from the facts its notification stores. */
  proposalMessage(
    kind: ProposalNotificationKind,
    proposalId: string,
    facts: ProposalMessageFacts,
    recipient: MessageRecipient,
  ): NotificationMessage {
    const expiresAt = new Date(facts.expiresAt);
    return composeProposalMessage(kind, {
      ...facts,
      expiresAt,
      link: `${this.publicUrl}/app/proposals/${proposalId}`,
      answerLinks: facts.answerParty
        ? this.answerLinks(proposalId, facts.answerParty, recipient, expiresAt)
        : null,
    });
  }

  private answerLinks(
    proposalId: string,
    party: LinkParty,
    recipient: MessageRecipient,
    expiresAt: Date,
  ): { accept: string; decline: string } {
    const token = signAnswerLink(this.linkKey, {
      proposalId,
      party,
      recipient: recipient.userId
        ? { userId: recipient.userId }
        : { teacherId: recipient.teacherId as string },
      expiresAt,
    });
    const base = `${this.publicUrl}/answer?token=${token}`;
    return { accept: `${base}&decision=accept`, decline: `${base}&decision=decline` };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { Notification, ProposalNotificationKind } from '@hybridmatch/database';
import { answerLinkKey, LinkParty, signAnswerLink } from '../proposals/answer-links';
import { composeProposalMessage } from './notification-messages';

/** What the text of a notification is read or written from: its stored text, or a proposal notification's facts. */
export type NotificationTextSource = Pick<
  Notification,
  'kind' | 'proposalId' | 'recipientUserId' | 'recipientTeacherId' | 'bodyText' | 'facts'
>;

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
    const { kind, proposalId, facts } = notification;
    if (!facts || !proposalId) throw new Error(`Notification of kind ${kind} has neither a text nor facts`);
    const expiresAt = new Date(facts.expiresAt);
    return composeProposalMessage(kind as ProposalNotificationKind, {
      ...facts,
      expiresAt,
      link: `${this.publicUrl}/app/proposals/${proposalId}`,
      answerLinks: facts.answerParty
        ? this.answerLinks(proposalId, facts.answerParty, notification, expiresAt)
        : null,
    }).bodyText;
  }

  /** The recipient's signed accept and decline links: a user's, or a teacher's without a login (by profile). */
  private answerLinks(
    proposalId: string,
    party: LinkParty,
    recipient: Pick<NotificationTextSource, 'recipientUserId' | 'recipientTeacherId'>,
    expiresAt: Date,
  ): { accept: string; decline: string } {
    const token = signAnswerLink(this.linkKey, {
      proposalId,
      party,
      recipient: recipient.recipientUserId
        ? { userId: recipient.recipientUserId }
        : { teacherId: recipient.recipientTeacherId as string },
      expiresAt,
    });
    const base = `${this.publicUrl}/answer?token=${token}`;
    return { accept: `${base}&decision=accept`, decline: `${base}&decision=decline` };
  }
}

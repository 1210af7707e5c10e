import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  NotificationKind,
  Proposal,
  ProposalMessageFacts,
  ProposalNotificationKind,
} from '@hybridmatch/database';
import { ProposalAnswer, ProposalParty } from '@hybridmatch/domain';
import {
  NotificationRepository,
  ProposalAudience,
  ProposalNames,
  ProposalRecipient,
} from '../repositories/notification.repository';
import { proposalSubject, ProposalTextFacts } from './notification-messages';

/** The kinds that ask the parties for their answer: the teacher's and company's carry answer links. */
const ASKS_FOR_ANSWER: readonly ProposalNotificationKind[] = [
  NotificationKind.ProposalNew,
  NotificationKind.CascadeOffer,
  NotificationKind.AnswerNeeded,
  NotificationKind.ExpiringSoon,
];

/** Who hears about a proposal event. */
type Audience = 'parties' | 'pending_parties' | 'coordinators' | 'parties_and_coordinators';

const AUDIENCE: Record<ProposalNotificationKind, Audience> = {
  [NotificationKind.ProposalNew]: 'parties',
  [NotificationKind.CascadeOffer]: 'parties',
  [NotificationKind.AnswerNeeded]: 'pending_parties',
  [NotificationKind.ExpiringSoon]: 'pending_parties',
  [NotificationKind.AllAccepted]: 'coordinators',
  [NotificationKind.Approved]: 'parties',
  [NotificationKind.Rejected]: 'parties',
  [NotificationKind.Withdrawn]: 'parties',
  [NotificationKind.Declined]: 'parties_and_coordinators',
  [NotificationKind.Cancelled]: 'parties_and_coordinators',
  [NotificationKind.NeedsAttention]: 'parties_and_coordinators',
};

export type ProposalEventDetails = Pick<
  ProposalTextFacts,
  'reason' | 'decliningParty' | 'placement' | 'flag'
>;

/** One proposal event to notify its audience of. */
export interface ProposalNotice {
  proposal: Proposal;
  kind: ProposalNotificationKind;
  details?: ProposalEventDetails;
  /** The names the message shows, when the caller has just read them (else the writer reads them). */
  names?: ProposalNames;
  /**
   * What makes the event one of a kind, when a proposal can have it more than once (a rule flag's
   * id); by default the proposal and kind, so a repeated event notifies nobody twice.
   */
  eventKey?: string;
}

/**
 * The outbox writer: turns proposal events into notification rows for the right people, inside
 * the caller's transaction, so the events and their notifications commit (or vanish) together.
 * Each row is both the in-app notification and the email a relay will queue later. The dedupe key
 * (`<proposalId>-<kind>-<userId>`) makes a repeated event notify nobody twice. However many events
 * there are (a match run's proposals), the names, the recipients and the rows are one statement
 * each.
 *
 * Parties: the company's admins, the teacher's own login (or, without one, the teacher's profile
 * address) and the school's admins. Coordinators: those of the proposal's region. The teacher's
 * and the company's messages that ask for an answer carry signed answer links (answer-links.ts).
 *
 * A row stores its subject and the message's facts (ProposalMessageFacts: the names, hours,
 * deadline and details as they are now, and whose answer links it carries), not the text, which
 * NotificationTextService writes from them when the e-mail is sent or the list is read.
 */
@Injectable()
export class NotificationOutboxService {
  constructor(private readonly notifications: NotificationRepository) {}

  /** Returns how many notifications were written (people who already had this one are not counted). */
  notifyProposal(
    manager: EntityManager,
    proposal: Proposal,
    kind: ProposalNotificationKind,
    details: ProposalEventDetails = {},
  ): Promise<number> {
    return this.notifyProposals(manager, [{ proposal, kind, details }]);
  }

  async notifyProposals(manager: EntityManager, notices: ProposalNotice[]): Promise<number> {
    if (notices.length === 0) return 0;
    const recipients = await this.notifications.proposalRecipients(
      manager,
      notices.map(({ proposal, kind }) => audienceOf(proposal, AUDIENCE[kind])),
    );
    if (recipients.every((list) => list.length === 0)) return 0;
    const known = notices.flatMap((notice) => (notice.names ? [notice.names] : []));
    const names =
      known.length === notices.length
        ? known
        : await this.notifications.proposalNames(
            manager,
            notices.map((notice) => notice.proposal),
          );
    return this.notifications.insertNew(
      manager,
      notices.flatMap(({ proposal, kind, details, eventKey }, index) => {
        const facts: ProposalMessageFacts = {
          ...names[index],
          minutesPerWeek: proposal.minutesPerWeek,
          expiresAt: proposal.expiresAt.toISOString(),
          ...details,
        };
        const subject = proposalSubject(kind, { ...facts, expiresAt: proposal.expiresAt });
        return recipients[index].map((recipient) => {
          const answerParty = answerPartyOf(proposal, kind, recipient);
          return {
            recipientUserId: recipient.userId,
            recipientTeacherId: recipient.teacherId,
            proposalId: proposal.id,
            kind,
            subject,
            bodyText: null,
            facts: answerParty ? { ...facts, answerParty } : facts,
            dedupeKey: `${eventKey ?? proposal.id}-${kind}-${recipient.userId ?? `t${recipient.teacherId}`}`,
          };
        });
      }),
    );
  }
}

/**
 * The party whose signed accept and decline links a message carries: the teacher or the company,
 * when the message asks for their answer and it is pending. None for the school and coordinators,
 * who answer in the product.
 */
function answerPartyOf(
  proposal: Proposal,
  kind: ProposalNotificationKind,
  recipient: ProposalRecipient,
): ProposalMessageFacts['answerParty'] {
  const party = recipient.party;
  if (!ASKS_FOR_ANSWER.includes(kind)) return null;
  if (party !== ProposalParty.Teacher && party !== ProposalParty.Company) return null;
  return ANSWER_OF[party](proposal) === ProposalAnswer.Pending ? party : null;
}

/** Which parties, and whether the coordinators, hear of an event with this audience. */
function audienceOf(proposal: Proposal, audience: Audience): ProposalAudience {
  const parties: ProposalParty[] =
    audience === 'pending_parties'
      ? partiesWhoseAnswerIs(proposal, ProposalAnswer.Pending)
      : audience === 'coordinators'
        ? []
        : [ProposalParty.Company, ProposalParty.Teacher, ProposalParty.School];
  return {
    proposal,
    company: parties.includes(ProposalParty.Company),
    teacher: parties.includes(ProposalParty.Teacher),
    school: parties.includes(ProposalParty.School),
    coordinators: audience === 'coordinators' || audience === 'parties_and_coordinators',
  };
}

const ANSWER_OF: Record<ProposalParty, (proposal: Proposal) => ProposalAnswer> = {
  [ProposalParty.Company]: (proposal) => proposal.companyAnswer,
  [ProposalParty.Teacher]: (proposal) => proposal.teacherAnswer,
  [ProposalParty.School]: (proposal) => proposal.schoolAnswer,
};

function partiesWhoseAnswerIs(proposal: Proposal, answer: ProposalAnswer): ProposalParty[] {
  return [ProposalParty.Company, ProposalParty.Teacher, ProposalParty.School].filter(
    (party) => ANSWER_OF[party](proposal) === answer,
  );
}

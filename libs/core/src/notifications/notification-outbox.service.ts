import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { Notification, NotificationKind, Proposal, ProposalNotificationKind } from '@hybridmatch/database';
import { ProposalAnswer, ProposalParty, UserRole } from '@hybridmatch/domain';
import { answerLinkKey, signAnswerLink } from '../proposals/answer-links';
import { composeProposalMessage, ProposalFacts } from './notification-messages';

/** One person a notification goes to: a user, or a teacher without a login (by profile). */
interface Recipient {
  userId: string | null;
  teacherId: string | null;
  party: ProposalParty | 'coordinator';
}

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
};

export type ProposalEventDetails = Pick<ProposalFacts, 'reason' | 'decliningParty' | 'placement'>;

/**
 * The outbox writer: turns a proposal event into notification rows for the right people, inside
 * the caller's transaction, so the event and its notifications commit (or vanish) together. Each
 * row is both the in-app notification and the email a relay will queue later. The dedupe key
 * (`<proposalId>-<kind>-<userId>`) makes a repeated event notify nobody twice.
 *
 * Parties: the company's admins, the teacher's own login (or, without one, the teacher's profile
 * address) and the school's admins. Coordinators: those of the proposal's region. The teacher's
 * and the company's messages that ask for an answer carry signed answer links (answer-links.ts).
 */
@Injectable()
export class NotificationOutboxService {
  private readonly linkKey: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.linkKey = answerLinkKey(config.auth.jwtSecret);
  }

  async notifyProposal(
    manager: EntityManager,
    proposal: Proposal,
    kind: ProposalNotificationKind,
    details: ProposalEventDetails = {},
  ): Promise<number> {
    const recipients = await this.recipients(manager, proposal, AUDIENCE[kind]);
    if (recipients.length === 0) return 0;
    const facts = { ...(await this.facts(manager, proposal)), ...details };
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        recipients.map((recipient) => {
          const message = composeProposalMessage(kind, {
            ...facts,
            answerLinks: this.answerLinks(proposal, kind, recipient),
          });
          return {
            recipientUserId: recipient.userId,
            recipientTeacherId: recipient.teacherId,
            proposalId: proposal.id,
            kind,
            subject: message.subject,
            bodyText: message.bodyText,
            dedupeKey: `${proposal.id}-${kind}-${recipient.userId ?? `t${recipient.teacherId}`}`,
          };
        }),
      )
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length;
  }

  /**
   * The signed accept and decline links of a message that asks the teacher or the company for
   * their answer (while that answer is pending); none for the school and coordinators, who answer
   * in the product.
   */
  private answerLinks(
    proposal: Proposal,
    kind: ProposalNotificationKind,
    recipient: Recipient,
  ): ProposalFacts['answerLinks'] {
    const party = recipient.party;
    if (!ASKS_FOR_ANSWER.includes(kind)) return null;
    if (party !== ProposalParty.Teacher && party !== ProposalParty.Company) return null;
    if (ANSWER_OF[party](proposal) !== ProposalAnswer.Pending) return null;
    const token = signAnswerLink(this.linkKey, {
      proposalId: proposal.id,
      party,
      recipient: recipient.userId
        ? { userId: recipient.userId }
        : { teacherId: recipient.teacherId as string },
      expiresAt: proposal.expiresAt,
    });
    const base = `${this.config.http.publicUrl}/answer?token=${token}`;
    return { accept: `${base}&decision=accept`, decline: `${base}&decision=decline` };
  }

  private async recipients(
    manager: EntityManager,
    proposal: Proposal,
    audience: Audience,
  ): Promise<Recipient[]> {
    const parties: ProposalParty[] =
      audience === 'pending_parties'
        ? partiesWhoseAnswerIs(proposal, ProposalAnswer.Pending)
        : audience === 'coordinators'
          ? []
          : [ProposalParty.Company, ProposalParty.Teacher, ProposalParty.School];
    const withCoordinators = audience === 'coordinators' || audience === 'parties_and_coordinators';
    // A teacher without a login is reached at their profile's address (they answer by link).
    const rows: Array<{ user_id: string | null; teacher_id: string | null; party: Recipient['party'] }> =
      await manager.query(
        `SELECT u.id AS user_id, NULL::uuid AS teacher_id,
                CASE u.role WHEN $1 THEN 'company' WHEN $4 THEN 'school' WHEN $9 THEN 'coordinator' ELSE 'teacher' END AS party
           FROM app_user u
          WHERE (u.role = $1 AND u.organisation_id = $2 AND $3)
             OR (u.role = $4 AND u.organisation_id = $5 AND $6)
             OR (u.id = (SELECT t.user_id FROM teacher_profile t WHERE t.id = $7) AND $8)
             OR (u.role = $9 AND $10 AND EXISTS (SELECT 1 FROM user_region ur WHERE ur.user_id = u.id AND ur.region_id = $11))
         UNION ALL
         SELECT NULL, t.id, 'teacher' FROM teacher_profile t
          WHERE t.id = $7 AND $8 AND t.user_id IS NULL AND t.email IS NOT NULL
         ORDER BY 1, 2`,
        [
          UserRole.CompanyAdmin,
          proposal.companyId,
          parties.includes(ProposalParty.Company),
          UserRole.SchoolAdmin,
          proposal.schoolId,
          parties.includes(ProposalParty.School),
          proposal.teacherId,
          parties.includes(ProposalParty.Teacher),
          UserRole.RegionalCoordinator,
          withCoordinators,
          proposal.regionId,
        ],
      );
    return rows.map((row) => ({ userId: row.user_id, teacherId: row.teacher_id, party: row.party }));
  }

  private async facts(manager: EntityManager, proposal: Proposal): Promise<ProposalFacts> {
    const [row]: Array<{
      teacher_name: string;
      company_name: string;
      school_name: string;
      request_title: string;
    }> = await manager.query(
      `SELECT t.first_name || ' ' || t.last_name AS teacher_name, c.name AS company_name, s.name AS school_name, r.title AS request_title
         FROM teacher_profile t, organisation c, organisation s, teaching_request r
        WHERE t.id = $1 AND c.id = $2 AND s.id = $3 AND r.id = $4`,
      [proposal.teacherId, proposal.companyId, proposal.schoolId, proposal.requestId],
    );
    return {
      link: `${this.config.http.publicUrl}/proposals/${proposal.id}`,
      teacherName: row.teacher_name,
      companyName: row.company_name,
      schoolName: row.school_name,
      requestTitle: row.request_title,
      minutesPerWeek: proposal.minutesPerWeek,
      expiresAt: proposal.expiresAt,
    };
  }
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

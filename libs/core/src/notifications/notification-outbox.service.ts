import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { Notification, NotificationKind, Proposal, ProposalNotificationKind } from '@hybridmatch/database';
import { ProposalAnswer, ProposalParty, UserRole } from '@hybridmatch/domain';
import { composeProposalMessage, ProposalFacts } from './notification-messages';

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
 * Parties: the company's admins, the teacher's own login (if any) and the school's admins.
 * Coordinators: those of the proposal's region.
 */
@Injectable()
export class NotificationOutboxService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async notifyProposal(
    manager: EntityManager,
    proposal: Proposal,
    kind: ProposalNotificationKind,
    details: ProposalEventDetails = {},
  ): Promise<number> {
    const recipients = await this.recipients(manager, proposal, AUDIENCE[kind]);
    if (recipients.length === 0) return 0;
    const message = composeProposalMessage(kind, { ...(await this.facts(manager, proposal)), ...details });
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        recipients.map((recipientUserId) => ({
          recipientUserId,
          proposalId: proposal.id,
          kind,
          subject: message.subject,
          bodyText: message.bodyText,
          dedupeKey: `${proposal.id}-${kind}-${recipientUserId}`,
        })),
      )
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length;
  }

  private async recipients(
    manager: EntityManager,
    proposal: Proposal,
    audience: Audience,
  ): Promise<string[]> {
    const parties: ProposalParty[] =
      audience === 'pending_parties'
        ? partiesWhoseAnswerIs(proposal, ProposalAnswer.Pending)
        : audience === 'coordinators'
          ? []
          : [ProposalParty.Company, ProposalParty.Teacher, ProposalParty.School];
    const withCoordinators = audience === 'coordinators' || audience === 'parties_and_coordinators';
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT u.id FROM app_user u
        WHERE (u.role = $1 AND u.organisation_id = $2 AND $3)
           OR (u.role = $4 AND u.organisation_id = $5 AND $6)
           OR (u.id = (SELECT t.user_id FROM teacher_profile t WHERE t.id = $7) AND $8)
           OR (u.role = $9 AND $10 AND EXISTS (SELECT 1 FROM user_region ur WHERE ur.user_id = u.id AND ur.region_id = $11))
        ORDER BY u.id`,
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
    return rows.map((row) => row.id);
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

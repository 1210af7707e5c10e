import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK } from '@hybridmatch/config';
import { Proposal } from '@hybridmatch/database';
import {
  Clock,
  ProposalAnswer,
  ProposalParty,
  ProposalStatus,
  SUBJECTS,
  UserRole,
} from '@hybridmatch/domain';
import { Actor } from '../access/actor';
import { ConflictError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { AnswerLinkRepository } from '../repositories/answer-link.repository';
import { CounterpartRepository } from '../repositories/counterpart.repository';
import { AnswerLinkClaims, answerLinkKey, LinkParty, readAnswerLink } from './answer-links';
import { ProposalService } from './proposal.service';
import { AnswerDecision } from './proposal.types';

/** What the answer page shows before anything is recorded: enough to decide, nothing more. */
export interface AnswerLinkView {
  proposalId: string;
  party: LinkParty;
  teacherName: string;
  companyName: string;
  schoolName: string;
  schoolAddress: string;
  requestTitle: string;
  subject: string;
  level: string;
  /** The proposed weekly lessons: ISO weekday (1 = Monday) and `HH:MM` times. */
  lessons: Array<{ weekday: number; start: string; end: string }>;
  periodStart: string;
  periodEnd: string;
  minutesPerWeek: number;
  expiresAt: Date;
}

/** A genuine link that may still be used: its claims, the proposal and who answers through it. */
interface UsableLink {
  claims: AnswerLinkClaims;
  proposal: Proposal;
  actor: Actor | null;
}

/**
 * Answering a proposal from its e-mail, without a login. A link is genuine (signed), for one
 * party and one recipient, valid until the proposal's deadline, and single use: it works only
 * while that party's answer is pending. A company contact's link works only while that person
 * is an active admin of the company; a teacher's, only for that teacher.
 */
@Injectable()
export class AnswerLinkService {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: AnswerLinkRepository,
    private readonly counterparts: CounterpartRepository,
    private readonly proposals: ProposalService,
  ) {
    this.key = answerLinkKey(config.auth.jwtSecret);
  }

  /** The proposal the link answers, if the link may still be used (GET: changes nothing). */
  async open(token: string): Promise<AnswerLinkView> {
    return this.describe(await this.usable(token));
  }

  /** Records the answer the link stands for (POST), after the same checks as `open`. */
  async answer(token: string, decision: AnswerDecision, reason?: string): Promise<AnswerLinkView> {
    const link = await this.usable(token);
    const view = await this.describe(link);
    await this.proposals.answerForParty(link.actor, link.claims.party, link.claims.proposalId, {
      decision,
      reason,
    });
    return view;
  }

  private async describe({ claims, proposal }: UsableLink): Promise<AnswerLinkView> {
    const found = await this.counterparts.factsOfProposal(this.dataSource.manager, claims.proposalId);
    if (!found) throw linkError(ErrorCode.AnswerLinkInvalid, 'This proposal no longer exists.');
    const { teacher, school, request, lessons } = found.facts;
    const subject = SUBJECTS.find((candidate) => candidate.code === request.subjectCode);
    const { street, postalCode, city } = school.address;
    return {
      proposalId: claims.proposalId,
      party: claims.party,
      teacherName: teacher.name,
      companyName: teacher.companyName,
      schoolName: school.name,
      schoolAddress: `${street}, ${postalCode} ${city}`,
      requestTitle: request.title,
      subject: subject?.name ?? request.subjectCode,
      // "MBO3 BBL": a BBL class comes to school about one day a week.
      level: request.learningPath ? `${request.level} ${request.learningPath}` : request.level,
      lessons,
      periodStart: request.periodStart,
      periodEnd: request.periodEnd,
      minutesPerWeek: proposal.minutesPerWeek,
      expiresAt: claims.expiresAt,
    };
  }

  private async usable(token: string): Promise<UsableLink> {
    const claims = readAnswerLink(this.key, token);
    const proposal = await this.dataSource.manager.findOneBy(Proposal, { id: claims.proposalId });
    if (!proposal) throw linkError(ErrorCode.AnswerLinkInvalid, 'This proposal no longer exists.');
    const answer = claims.party === ProposalParty.Teacher ? proposal.teacherAnswer : proposal.companyAnswer;
    if (answer !== ProposalAnswer.Pending)
      throw linkError(
        ErrorCode.AnswerLinkUsed,
        `This link was already used: ${claims.party === ProposalParty.Teacher ? 'the teacher' : 'the company'} ${answer} the proposal.`,
      );
    if (proposal.status !== ProposalStatus.Proposed)
      throw linkError(
        ErrorCode.AnswerLinkExpired,
        `This proposal is ${proposal.status.replace(/_/g, ' ')}; it no longer takes answers.`,
      );
    if (claims.expiresAt.getTime() <= this.clock.now().getTime() || proposal.expiresAt <= this.clock.now())
      throw linkError(ErrorCode.AnswerLinkExpired, 'The deadline of this proposal has passed.');
    return { claims, proposal, actor: await this.actorOf(claims, proposal) };
  }

  /** Who answers: the recipient, still entitled to answer for the party; null for a teacher without a login. */
  private async actorOf(claims: AnswerLinkClaims, proposal: Proposal): Promise<Actor | null> {
    const recipient = claims.recipient;
    if ('teacherId' in recipient) {
      if (recipient.teacherId !== proposal.teacherId) throw notForYou();
      return null;
    }
    const user = await this.links.activeUser(this.dataSource.manager, recipient.userId);
    const entitled =
      user &&
      (claims.party === ProposalParty.Company
        ? user.role === UserRole.CompanyAdmin && user.organisationId === proposal.companyId
        : user.role === UserRole.HybridTeacher && user.teacherId === proposal.teacherId);
    if (!user || !entitled) throw notForYou();
    return { userId: user.id, role: user.role, organisationId: user.organisationId, regionIds: [] };
  }
}

type LinkErrorCode = ErrorCode.AnswerLinkInvalid | ErrorCode.AnswerLinkExpired | ErrorCode.AnswerLinkUsed;
const linkError = (code: LinkErrorCode, detail: string) => new ConflictError(code, detail);

const notForYou = () =>
  linkError(
    ErrorCode.AnswerLinkInvalid,
    'This link was sent to someone who may no longer answer for this party; sign in to answer.',
  );

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import {
  NotificationKind,
  Proposal,
  RuleFlag,
  RuleFlagCause,
  RuleFlagResolution,
} from '@hybridmatch/database';
import { Clock, today } from '@hybridmatch/domain';
import { Actor } from '../access/actor';
import { AccessService } from '../access/access.service';
import { NotificationOutboxService } from '../notifications/notification-outbox.service';
import { Page, PageRequest } from '../pagination';
import { RecheckSubject, RuleFlagRepository, RuleFlagRow } from '../repositories/rule-flag.repository';
import { RuleCheckService } from './rule-check.service';

/** What a re-check changed: the proposals newly flagged and those whose flag it cleared. */
export interface RecheckOutcome {
  flagged: string[];
  cleared: string[];
}

export interface ListRuleFlagsQuery extends PageRequest {
  /** `open` (default): still needing attention; `resolved`: the history. */
  status?: 'open' | 'resolved';
  regionId?: string;
}

/**
 * Re-checks at every change (docs/RULES.md): after a change to a teacher's profile or to a
 * request, the teacher's or request's open proposals and active placements are checked again with
 * the rule book (RuleCheckService, the same check as answers and approvals). One that breaks a
 * rule is flagged "needs attention" with the failing codes (`rule_flag`) and its parties and
 * coordinators are told once (outbox, `needs_attention`); one that passes again has its flag
 * cleared. While a flag is open, answering and approving run the rule book again and are refused
 * with 409 RULES_BROKEN; a proposal that closes (withdrawn, declined, rejected, expired, cancelled)
 * closes its flag.
 */
@Injectable()
export class RuleFlagService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: RuleCheckService,
    private readonly flags: RuleFlagRepository,
    private readonly outbox: NotificationOutboxService,
    private readonly access: AccessService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** After a change to teachers' profiles, inside the change's transaction. */
  recheckTeachers(manager: EntityManager, teacherIds: string[]): Promise<RecheckOutcome> {
    if (teacherIds.length === 0) return Promise.resolve({ flagged: [], cleared: [] });
    return this.recheck(manager, { teacherIds }, RuleFlagCause.TeacherChanged);
  }

  /** After a change to a request (blocks, period, level, location), inside the change's transaction. */
  recheckRequest(manager: EntityManager, requestId: string): Promise<RecheckOutcome> {
    return this.recheck(manager, { requestId }, RuleFlagCause.RequestChanged);
  }

  /** The proposals closed (or their placements cancelled): their flags need no more attention. */
  async closeFlags(manager: EntityManager, proposalIds: string[]): Promise<void> {
    await this.flags.resolve(manager, proposalIds, RuleFlagResolution.Closed, this.clock.now());
  }

  /** Flags in the caller's scope: a coordinator's regions, a company's or school's own, all for the admin. */
  async list(actor: Actor, query: ListRuleFlagsQuery): Promise<Page<RuleFlagRow>> {
    const parties = await this.access.partiesFilter(actor, { regionId: query.regionId });
    if (!parties) return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    const scope: Partial<Record<'regionId' | 'companyId' | 'schoolId', string[]>> = {};
    for (const key of ['regionId', 'companyId', 'schoolId'] as const) {
      const bound = parties[key];
      if (bound !== undefined)
        scope[key] = typeof bound === 'string' ? [bound] : (bound.value as unknown as string[]);
    }
    const { items, total } = await this.flags.page(this.dataSource.manager, scope, {
      open: query.status !== 'resolved',
      page: query.page,
      pageSize: query.pageSize,
    });
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  private async recheck(
    manager: EntityManager,
    of: { teacherIds: string[] } | { requestId: string },
    cause: RuleFlagCause,
  ): Promise<RecheckOutcome> {
    const now = this.clock.now();
    const subjects = await this.flags.subjects(manager, of, today(this.clock));
    if (subjects.length === 0) return { flagged: [], cleared: [] };
    const open = await this.flags.openOf(
      manager,
      subjects.map((subject) => subject.proposalId),
    );
    const raised: RuleFlag[] = [];
    const passing: string[] = [];
    const checks = await this.rules.checkProposals(
      manager,
      subjects.map((subject) => ({ proposal: proposalOf(subject), dates: datesOf(subject) })),
    );
    for (const [index, subject] of subjects.entries()) {
      const { violations } = checks[index];
      const flag = open.get(subject.proposalId);
      if (violations.length === 0) {
        if (flag) passing.push(subject.proposalId);
      } else if (!flag) {
        raised.push(await this.flags.raise(manager, subject, violations, cause, now));
      } else if (flag.ruleCodes.join() !== violations.map((v) => v.code).join()) {
        await this.flags.update(manager, flag.id, violations, now);
      }
    }
    await this.flags.resolve(manager, passing, RuleFlagResolution.Passes, now);
    await this.tell(manager, raised);
    return { flagged: raised.map((flag) => flag.proposalId), cleared: passing };
  }

  /** Tells the parties and the region's coordinators of each new flag, once (the flag's id keys the message). */
  private async tell(manager: EntityManager, raised: RuleFlag[]): Promise<void> {
    if (raised.length === 0) return;
    const proposals = await manager.findBy(Proposal, { id: In(raised.map((flag) => flag.proposalId)) });
    const byId = new Map(proposals.map((proposal) => [proposal.id, proposal]));
    await this.outbox.notifyProposals(
      manager,
      raised.map((flag) => ({
        proposal: byId.get(flag.proposalId) as Proposal,
        kind: NotificationKind.NeedsAttention,
        details: { flag: { violations: flag.violations, placement: flag.placementId !== null } },
        eventKey: flag.id,
      })),
    );
  }
}

const proposalOf = (subject: RecheckSubject) => ({
  id: subject.proposalId,
  teacherId: subject.teacherId,
  requestId: subject.requestId,
  blockIds: subject.blockIds,
});

/** A placement is checked on its own dates; a proposal from today, as an approval would place it. */
const datesOf = (subject: RecheckSubject) =>
  subject.startDate !== null && subject.endDate !== null
    ? { start: subject.startDate, end: subject.endDate }
    : {};

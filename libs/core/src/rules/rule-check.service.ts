import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import {
  checkPlacement,
  Clock,
  CommittedLoad,
  groupBy,
  placementDates,
  RuleViolation,
  today,
} from '@hybridmatch/domain';
import { RuleFlagResolution } from '@hybridmatch/database';
import { greatCircleKm } from '@hybridmatch/matching';
import { RulesBrokenError } from '../errors/domain-error';
import { RuleFlagRepository } from '../repositories/rule-flag.repository';
import { RuleInputRepository, RuleRequestRow, RuleTeacherRow } from '../repositories/rule-input.repository';

/** A proposal's placement as the rule book sees it today. */
export interface ProposalCheck {
  /** The earliest start (time is real: never before the first lesson day after today). */
  earliestStart: string;
  /** The latest end: the earlier of the request's and the teacher's ends. */
  latestEnd: string;
  start: string;
  end: string;
  violations: RuleViolation[];
}

/** The proposal fields a check needs. */
export interface ProposalToCheck {
  id: string;
  teacherId: string;
  requestId: string;
  blockIds: string[];
}

/**
 * Asks the rule book (libs/domain/src/rules) about a proposal, with the teacher's profile, the
 * request and the teacher's other placements as they are now, and "today" from the injected clock.
 * Answers and approvals use it; so do the re-checks after a change.
 */
@Injectable()
export class RuleCheckService {
  constructor(
    private readonly inputs: RuleInputRepository,
    private readonly flags: RuleFlagRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async checkProposal(
    manager: EntityManager,
    proposal: ProposalToCheck,
    dates: { start?: string; end?: string } = {},
  ): Promise<ProposalCheck> {
    const [check] = await this.checkProposals(manager, [{ proposal, dates }]);
    return check;
  }

  /**
   * `checkProposal` for many proposals at once (the re-checks after a change): the teachers,
   * requests, lesson blocks and other placements are read in one statement each, whatever the
   * number of proposals. Answers in the order given.
   */
  async checkProposals(
    manager: EntityManager,
    items: ReadonlyArray<{ proposal: ProposalToCheck; dates?: { start?: string; end?: string } }>,
  ): Promise<ProposalCheck[]> {
    if (items.length === 0) return [];
    const now = today(this.clock);
    const proposals = items.map((item) => item.proposal);
    const teacherIds = proposals.map((proposal) => proposal.teacherId);
    const teachers = await this.inputs.teachers(manager, teacherIds);
    const requests = await this.inputs.requests(
      manager,
      proposals.map((proposal) => proposal.requestId),
    );
    const slots = await this.inputs.blocks(
      manager,
      proposals.flatMap((proposal) => proposal.blockIds),
    );
    const committedOf = groupBy(await this.inputs.committed(manager, teacherIds), (row) => row.teacherId);
    return items.map(({ proposal, dates = {} }) => {
      const teacher = teachers.get(proposal.teacherId) as RuleTeacherRow;
      const request = requests.get(proposal.requestId) as RuleRequestRow;
      const blocks = [...new Set(proposal.blockIds)]
        .flatMap((id) => slots.get(id) ?? [])
        .sort((a, b) => a.weekday - b.weekday || a.start - b.start);
      const committed: CommittedLoad[] = (committedOf.get(proposal.teacherId) ?? [])
        .filter((row) => row.proposalId !== proposal.id)
        .map(({ teacherId: _teacherId, proposalId: _proposalId, ...load }) => load);
      const { start: earliestStart, end: latestEnd } = placementDates(
        teacher,
        request,
        blocks.map((block) => block.weekday),
        now,
      );
      const start = dates.start ?? earliestStart;
      const end = dates.end ?? latestEnd;
      const violations = checkPlacement({
        teacher,
        request,
        blocks,
        start,
        end,
        distanceKm: greatCircleKm(teacher.home, request.location),
        committed,
        today: now,
      });
      return { earliestStart, latestEnd, start, end, violations };
    });
  }

  /**
   * Refuses (409 RULES_BROKEN) when the proposal, placed from today, breaks a rule; otherwise clears
   * an open flag on it.
   */
  async assertProposal(manager: EntityManager, proposal: ProposalToCheck): Promise<void> {
    const { violations } = await this.checkProposal(manager, proposal);
    if (violations.length > 0) throw new RulesBrokenError(violations, 'proposal');
    await this.passed(manager, proposal.id);
  }

  /**
   * A decision found the proposal passing every rule: an open "needs attention" flag on it (see
   * RuleFlagService) is cleared, as a re-check would clear it.
   */
  async passed(manager: EntityManager, proposalId: string): Promise<void> {
    await this.flags.resolve(manager, [proposalId], RuleFlagResolution.Passes, this.clock.now());
  }
}

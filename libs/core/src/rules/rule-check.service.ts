import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import {
  checkPlacement,
  Clock,
  firstLessonDayAfter,
  maxDate,
  minDate,
  RuleViolation,
  today,
} from '@hybridmatch/domain';
import { RuleFlagResolution } from '@hybridmatch/database';
import { greatCircleKm } from '@hybridmatch/matching';
import { RulesBrokenError } from '../errors/domain-error';
import { RuleFlagRepository } from '../repositories/rule-flag.repository';
import { RuleInputRepository } from '../repositories/rule-input.repository';

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
    proposal: { id: string; teacherId: string; requestId: string; blockIds: string[] },
    dates: { start?: string; end?: string } = {},
  ): Promise<ProposalCheck> {
    const now = today(this.clock);
    const teacher = await this.inputs.teacher(manager, proposal.teacherId);
    const request = await this.inputs.request(manager, proposal.requestId);
    const blocks = await this.inputs.blocks(manager, proposal.blockIds);
    const committed = await this.inputs.committed(manager, proposal.teacherId, proposal.id);
    const earliestStart = maxDate(
      request.periodStart,
      teacher.availableFrom,
      firstLessonDayAfter(
        now,
        blocks.map((block) => block.weekday),
      ),
    );
    const latestEnd =
      teacher.availableUntil === null
        ? request.periodEnd
        : minDate(request.periodEnd, teacher.availableUntil);
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
  }

  /**
   * Refuses (409 RULES_BROKEN) when the proposal, placed from today, breaks a rule; otherwise clears
   * an open flag on it.
   */
  async assertProposal(
    manager: EntityManager,
    proposal: { id: string; teacherId: string; requestId: string; blockIds: string[] },
  ): Promise<void> {
    const { violations } = await this.checkProposal(manager, proposal);
    if (violations.length > 0) throw new RulesBrokenError(violations, 'This proposal');
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

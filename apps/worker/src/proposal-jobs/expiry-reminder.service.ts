import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { And, DataSource, LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { NotificationKind, Proposal } from '@hybridmatch/database';
import { ProposalStatus } from '@hybridmatch/domain';
import { NotificationOutboxService } from '@hybridmatch/core';

/** How long before its deadline the parties of an unanswered proposal are reminded. */
export const EXPIRING_SOON_WINDOW_MS = 24 * 3600 * 1000;

/**
 * The `expiring_soon` reminders: for every `proposed` proposal whose deadline falls within the
 * window, an in-app notification and email to each party who has not answered yet. One
 * transaction per proposal, with the proposal row locked, so an answer given at the same moment
 * is either seen (no reminder for that party) or comes after. The outbox's dedupe key
 * (`<proposalId>-expiring_soon-<userId>`) reminds each person once per proposal, however often
 * the job runs.
 */
@Injectable()
export class ExpiryReminderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Proposal) private readonly proposals: Repository<Proposal>,
    private readonly outbox: NotificationOutboxService,
  ) {}

  /** Returns how many notifications were written (people already reminded are not counted). */
  async remindExpiring(now: Date): Promise<number> {
    const until = new Date(now.getTime() + EXPIRING_SOON_WINDOW_MS);
    const due = await this.proposals.find({
      where: { status: ProposalStatus.Proposed, expiresAt: And(MoreThan(now), LessThanOrEqual(until)) },
      select: { id: true },
      order: { expiresAt: 'ASC' },
    });
    let written = 0;
    for (const { id } of due) written += await this.remind(id, now);
    return written;
  }

  private remind(id: string, now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await manager.findOne(Proposal, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      // Answered by all, withdrawn or expired since the query: nobody left to remind.
      if (!proposal || proposal.status !== ProposalStatus.Proposed || proposal.expiresAt <= now) return 0;
      return this.outbox.notifyProposal(manager, proposal, NotificationKind.ExpiringSoon);
    });
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK } from '@hybridmatch/config';
import {
  NotificationKind,
  Placement,
  Proposal,
  ProposalEvent,
  ProposalEventAction,
  ProposalNotificationKind,
} from '@hybridmatch/database';
import {
  Clock,
  FINAL_PROPOSAL_STATUSES,
  ProposalAction,
  ProposalActionKind,
  ProposalParty,
  ProposalState,
  ProposalStatus,
  ProposalTransitionError,
  today,
  transition,
} from '@hybridmatch/domain';
import { Actor } from '../access/actor';
import { AccessService, partiesListFilter } from '../access/access.service';
import { Permission, ROLES_WITH } from '../access/permission';
import {
  DomainError,
  NotFoundError,
  ValidationError,
  ConcurrentUpdateError,
  InvalidStateTransitionError,
} from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { cascadeOffers } from '../matching/match-proposals';
import { RuleFlagService } from '../rules/rule-flag.service';
import { lockRegionForMatching } from '../matching/matching-input.loader';
import {
  NotificationOutboxService,
  ProposalEventDetails,
} from '../notifications/notification-outbox.service';
import { Page, pageWindow } from '../pagination';
import type { ProposalNames } from '../repositories/notification.repository';
import {
  NewProposalEvent,
  NewProposalRow,
  ProposalListFilter,
  ProposalRead,
  ProposalRepository,
} from '../repositories/proposal.repository';
import { RateCardService } from '../rates/rate-card.service';
import { RuleCheckService } from '../rules/rule-check.service';
import { PlacementService, toPlacementView } from './placement.service';
import { explanationFor } from './proposal-explanation';
import {
  AnswerDecision,
  AnswerProposal,
  ApprovalView,
  ApproveBatch,
  ApproveProposal,
  BatchApprovalResult,
  BatchApprovalView,
  ListProposalsQuery,
  NewProposal,
  ProposalEventView,
  ProposalView,
  Reason,
} from './proposal.types';

/** Closing a proposal in one of these offers its blocks to the next candidate; a cancelled placement does not. */
const CASCADE_STATUSES: readonly ProposalStatus[] = [
  ProposalStatus.Declined,
  ProposalStatus.Rejected,
  ProposalStatus.Expired,
  ProposalStatus.Withdrawn,
];

/** Actions that may end in one of CASCADE_STATUSES: their transaction takes the region's matching lock first. */
const MAY_CASCADE: readonly ProposalActionKind[] = [
  ProposalActionKind.Decline,
  ProposalActionKind.Reject,
  ProposalActionKind.Withdraw,
  ProposalActionKind.Expire,
];

/**
 * The proposal as the API shows it. `considered` names the other teachers its explanation weighed,
 * for readers who may see them (ProposalService.readerView); without it, the parties see only
 * their own proposal's reasons.
 */
export const toProposalView = (
  proposal: Proposal,
  considered: ReadonlyMap<string, string> | null = null,
): ProposalView => ({
  id: proposal.id,
  matchRunId: proposal.matchRunId,
  requestId: proposal.requestId,
  teacherId: proposal.teacherId,
  companyId: proposal.companyId,
  schoolId: proposal.schoolId,
  regionId: proposal.regionId,
  blockIds: proposal.blockIds,
  minutesPerWeek: proposal.minutesPerWeek,
  score: proposal.score,
  explanation: explanationFor(proposal.explanation, proposal.blockIds.length, considered),
  status: proposal.status,
  answers: {
    company: proposal.companyAnswer,
    teacher: proposal.teacherAnswer,
    school: proposal.schoolAnswer,
  },
  expiresAt: proposal.expiresAt,
  version: proposal.version,
  createdAt: proposal.createdAt,
  updatedAt: proposal.updatedAt,
});

const toEventView = (event: ProposalEvent): ProposalEventView => ({
  id: event.id,
  action: event.action,
  party: event.party,
  fromStatus: event.fromStatus,
  toStatus: event.toStatus,
  actorUserId: event.actorUserId,
  actorRole: event.actorRole,
  reason: event.reason,
  createdAt: event.createdAt,
});

/** The state machine's view of a proposal row. */
export const stateOf = (proposal: Proposal): ProposalState => ({
  status: proposal.status,
  answers: {
    company: proposal.companyAnswer,
    teacher: proposal.teacherAnswer,
    school: proposal.schoolAnswer,
  },
});

const EVENT_ACTION: Record<ProposalActionKind, ProposalEventAction> = {
  [ProposalActionKind.Accept]: ProposalEventAction.Accept,
  [ProposalActionKind.Decline]: ProposalEventAction.Decline,
  [ProposalActionKind.Approve]: ProposalEventAction.Approve,
  [ProposalActionKind.Reject]: ProposalEventAction.Reject,
  [ProposalActionKind.Withdraw]: ProposalEventAction.Withdraw,
  [ProposalActionKind.Expire]: ProposalEventAction.Expire,
  [ProposalActionKind.Cancel]: ProposalEventAction.Cancel,
};

/** The notification an action sends, if any. Expiry itself notifies nobody: `expiring_soon` came before. */
function notificationFor(action: ProposalAction, next: ProposalStatus): ProposalNotificationKind | null {
  switch (action.kind) {
    case ProposalActionKind.Accept:
      return next === ProposalStatus.AwaitingApproval ? NotificationKind.AllAccepted : null;
    case ProposalActionKind.Decline:
      return NotificationKind.Declined;
    case ProposalActionKind.Approve:
      return NotificationKind.Approved;
    case ProposalActionKind.Reject:
      return NotificationKind.Rejected;
    case ProposalActionKind.Withdraw:
      return NotificationKind.Withdrawn;
    case ProposalActionKind.Cancel:
      return NotificationKind.Cancelled;
    case ProposalActionKind.Expire:
      return null;
  }
}

interface TransitionOptions<T> {
  version?: number;
  reason?: string | null;
  /** Work that belongs to this transition (a placement), in its transaction, after the state change. */
  effects?: (manager: EntityManager, proposal: Proposal) => Promise<T>;
  details?: (result: T) => ProposalEventDetails;
}

/**
 * The proposal lifecycle. Every transition runs in one transaction that locks the proposal row
 * (`SELECT … FOR UPDATE`), so simultaneous answers are applied one after the other and never lose
 * one another; asks the pure state machine for the next state (409 INVALID_STATE_TRANSITION with
 * its message: first, so a page loaded before the proposal was, say, declined learns that, not only
 * that it is stale); checks the optional expected version (409 CONCURRENT_UPDATE); writes the audit
 * event and the notifications (outbox) in the same transaction.
 */
@Injectable()
export class ProposalService {
  private readonly logger = new Logger(ProposalService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Proposal) private readonly proposals: Repository<Proposal>,
    @InjectRepository(ProposalEvent) private readonly events: Repository<ProposalEvent>,
    private readonly repository: ProposalRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly placements: PlacementService,
    private readonly outbox: NotificationOutboxService,
    private readonly rates: RateCardService,
    private readonly rules: RuleCheckService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ruleFlags: RuleFlagService,
  ) {}

  // ---- reading ---------------------------------------------------------------------------------

  async list(actor: Actor, query: ListProposalsQuery): Promise<Page<ProposalView>> {
    const { status, requestId, teacherId, regionId, matchRunId } = query;
    // A filter on a column the scope fixes narrows it or is refused (403), never replaced by it.
    const parties = await this.access.partiesFilter(actor, { teacherId, regionId });
    if (!parties) return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    const filter = Object.fromEntries(
      Object.entries({ status, requestId, matchRunId }).filter(([, value]) => value !== undefined),
    ) as ProposalListFilter;
    const { rows, total } = await this.repository.page(
      this.dataSource.manager,
      [filter, partiesListFilter(parties)],
      pageWindow(query),
      this.readsAlternatives(actor),
      query.sort,
    );
    return {
      items: rows.map((row) => this.readerView(row)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(actor: Actor, id: string): Promise<ProposalView> {
    const proposal = await this.repository.findRead(
      this.dataSource.manager,
      id,
      this.readsAlternatives(actor),
    );
    await this.access.requireAccess(actor, Permission.ProposalRead, proposal, { what: 'Proposal', id });
    return this.readerView(proposal as ProposalRead);
  }

  /** Coordinators (and the platform admin) see the other teachers an explanation considered, named. */
  private readsAlternatives(actor: Actor): boolean {
    return ROLES_WITH[Permission.ProposalDecide].includes(actor.role);
  }

  /**
   * The view with the explanation the reader may see: with names (read for coordinators), the
   * other teachers considered; without, only what concerns this proposal (`toProposalView`).
   */
  private readerView(proposal: ProposalRead): ProposalView {
    // The explanation's sentences are built once, with the names when the reader may see them.
    const considered = proposal.consideredNames ? new Map(Object.entries(proposal.consideredNames)) : null;
    const view = toProposalView(proposal, considered);
    view.names = proposal.names;
    return view;
  }

  /** The audit trail, oldest first: coordinators of the region and the platform admin. */
  async history(actor: Actor, id: string): Promise<ProposalEventView[]> {
    await this.requireDecide(actor, id);
    const events = await this.events.find({
      where: { proposalId: id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return events.map(toEventView);
  }

  // ---- making proposals (match runs and cascades call this inside their own transaction) ------

  /**
   * Stores proposals with their explanations, their `create` audit events and their notifications
   * (`proposal_new`, or `cascade_offer` for a cascade), in a few set-based statements however many
   * there are. Refuses the whole set (nothing written) when a proposal names blocks that are not
   * its request's.
   */
  async createMany(manager: EntityManager, inputs: NewProposal[]): Promise<Proposal[]> {
    if (inputs.length === 0) return [];
    const targets = await this.repository.resolveTargets(manager, inputs);
    const expiresAt = new Date(
      this.clock.now().getTime() + this.config.proposals.expiryDays * 24 * 3600 * 1000,
    );
    const names: ProposalNames[] = [];
    const rows: NewProposalRow[] = inputs.map((input, index) => {
      const target = targets[index];
      if (target.missing !== null)
        throw target.missing === 'teacher'
          ? new NotFoundError('Teacher', input.teacherId)
          : new NotFoundError('Teaching request', input.requestId);
      if (target.blockIds.length === 0 || target.blockIds.length !== new Set(input.blockIds).size) {
        throw ValidationError.field('blockIds', 'must be lesson blocks of the request', 'notBlocksOfRequest');
      }
      names.push(target.names);
      return {
        id: randomUUID(),
        matchRunId: input.matchRunId ?? null,
        requestId: input.requestId,
        teacherId: input.teacherId,
        companyId: target.companyId,
        schoolId: target.schoolId,
        regionId: target.regionId,
        blockIds: target.blockIds,
        minutesPerWeek: target.minutesPerWeek,
        score: input.score,
        explanation: input.explanation,
        expiresAt,
      };
    });
    const proposals = await this.repository.insertMany(manager, rows);
    await this.outbox.notifyProposals(
      manager,
      proposals.map((proposal, index) => ({
        proposal,
        names: names[index],
        kind: inputs[index].notificationKind ?? NotificationKind.ProposalNew,
      })),
    );
    return proposals;
  }

  // ---- transitions ------------------------------------------------------------------------------

  async answer(actor: Actor, id: string, body: AnswerProposal): Promise<ProposalView> {
    await this.access.requireAccess(actor, Permission.ProposalAnswer, await this.mustExist(id), {
      what: 'Proposal',
      id,
    });
    return this.answerForParty(actor, this.access.partyOf(actor), id, body);
  }

  /**
   * Records `party`'s answer. The caller has already established the right to answer for that
   * party: an access check (`answer`) or a signed e-mail link (`AnswerLinkService`). `actor` null:
   * a teacher without a login, answering by link.
   */
  async answerForParty(
    actor: Actor | null,
    party: ProposalParty,
    id: string,
    body: AnswerProposal,
  ): Promise<ProposalView> {
    const kind =
      body.decision === AnswerDecision.Accept ? ProposalActionKind.Accept : ProposalActionKind.Decline;
    const { proposal } = await this.transition(
      actor,
      id,
      { kind, party },
      {
        version: body.version,
        reason: body.reason ?? null,
        // Accepting asks the rule book with the profile as it is now (a decline never needs to).
        effects:
          kind === ProposalActionKind.Accept
            ? (manager, locked) => this.rules.assertProposal(manager, locked)
            : undefined,
      },
    );
    return toProposalView(proposal);
  }

  async approve(actor: Actor, id: string, body: ApproveProposal): Promise<ApprovalView> {
    await this.requireDecide(actor, id);
    const { version, rateReason, hourlyRateCents, ...agreed } = body;
    const rate = await this.rates.agreedRate(await this.mustExist(id), hourlyRateCents, rateReason);
    const terms = { ...agreed, hourlyRateCents: rate.hourlyRateCents };
    const { proposal, result: placement } = await this.transition(
      actor,
      id,
      { kind: ProposalActionKind.Approve },
      {
        version,
        reason: rate.auditNote,
        effects: (manager, locked) => this.placements.createForApproval(manager, locked, terms, actor),
        details: (made: Placement) => ({ placement: made }),
      },
    );
    return { proposal: toProposalView(proposal), placement: toPlacementView(placement) };
  }

  /** Approves many proposals, each in its own transaction: one refusal does not undo the others. */
  async approveBatch(actor: Actor, body: ApproveBatch): Promise<BatchApprovalView> {
    const results: BatchApprovalResult[] = [];
    for (const { proposalId, ...item } of body.items) {
      try {
        const { placement } = await this.approve(actor, proposalId, item);
        results.push({ proposalId, outcome: 'approved', placement });
      } catch (error) {
        if (!(error instanceof DomainError))
          this.logger.error({ err: error, proposalId }, 'Batch approval item failed unexpectedly');
        const refusal =
          error instanceof DomainError
            ? { code: error.code, detail: error.detail, ...(error.detailNl && { detailNl: error.detailNl }) }
            : {
                code: ErrorCode.InternalError,
                detail: 'Something went wrong on our side with this item; try it again.',
              };
        results.push({ proposalId, outcome: 'refused', refusal });
      }
    }
    return { results };
  }

  async reject(actor: Actor, id: string, body: Reason): Promise<ProposalView> {
    return this.coordinatorDecision(actor, id, ProposalActionKind.Reject, body);
  }

  async withdraw(actor: Actor, id: string, body: Reason): Promise<ProposalView> {
    return this.coordinatorDecision(actor, id, ProposalActionKind.Withdraw, body);
  }

  /** After approval: cancels the proposal and its placement, whose slots stop blocking the teacher's time. */
  async cancel(actor: Actor, id: string, body: Reason): Promise<ProposalView> {
    await this.requireDecide(actor, id);
    const { proposal } = await this.transition(
      actor,
      id,
      { kind: ProposalActionKind.Cancel },
      {
        version: body.version,
        reason: body.reason,
        effects: (manager) => this.placements.cancelForProposal(manager, id, body.reason),
      },
    );
    return toProposalView(proposal);
  }

  /** Expires every unanswered proposal past its deadline (the `expire-proposals` job calls this). */
  async expireDue(now: Date = this.clock.now()): Promise<number> {
    const due = await this.proposals.find({
      where: { status: ProposalStatus.Proposed, expiresAt: LessThanOrEqual(now) },
      select: { id: true },
    });
    let expired = 0;
    for (const { id } of due) {
      try {
        await this.transition(null, id, { kind: ProposalActionKind.Expire }, {});
        expired += 1;
      } catch (error) {
        // Answered or withdrawn in the meantime: nothing to expire.
        if (!(error instanceof InvalidStateTransitionError)) throw error;
      }
    }
    return expired;
  }

  /**
   * A proposal stopped claiming its request (declined, rejected, expired, withdrawn, cancelled):
   * give the request back. After a decline, rejection, expiry or withdrawal the freed blocks are
   * first offered to the next best eligible teachers (the cascade, `cascade_offer`); with no
   * candidate the request simply follows its placements (open or partially filled). The region
   * lock keeps a cascade and a match run from proposing the same blocks at once.
   */
  async onProposalClosed(manager: EntityManager, proposal: Proposal): Promise<void> {
    await this.ruleFlags.closeFlags(manager, [proposal.id]);
    if (CASCADE_STATUSES.includes(proposal.status)) {
      await lockRegionForMatching(manager, proposal.regionId);
      await this.createMany(manager, await cascadeOffers(manager, proposal.requestId, today(this.clock)));
    }
    await this.placements.refreshRequestStatus(manager, proposal.requestId);
  }

  // ---- internals --------------------------------------------------------------------------------

  private async coordinatorDecision(
    actor: Actor,
    id: string,
    kind: ProposalActionKind.Reject | ProposalActionKind.Withdraw,
    body: Reason,
  ): Promise<ProposalView> {
    await this.requireDecide(actor, id);
    const { proposal } = await this.transition(
      actor,
      id,
      { kind },
      { version: body.version, reason: body.reason },
    );
    return toProposalView(proposal);
  }

  private async requireDecide(actor: Actor, id: string): Promise<void> {
    const proposal = await this.proposals.findOneBy({ id });
    await this.access.requireAccess(actor, Permission.ProposalDecide, proposal, { what: 'Proposal', id });
  }

  private async mustExist(id: string): Promise<Proposal> {
    const proposal = await this.proposals.findOneBy({ id });
    if (!proposal) throw new NotFoundError('Proposal', id);
    return proposal;
  }

  /** One transition, in one transaction (see the class comment). `actor` null: the system. */
  private async transition<T = void>(
    actor: Actor | null,
    id: string,
    action: ProposalAction,
    options: TransitionOptions<T>,
  ): Promise<{ proposal: Proposal; result: T }> {
    return this.dataSource.transaction(async (manager) => {
      // The one lock order (docs/PROPOSALS.md, "Lock order"): the region's matching lock (only
      // when the transition may offer the blocks to others), the request, the proposal, the
      // teacher; then the writes. Request and region never change, so they are read unlocked first.
      const head = await manager.findOne(Proposal, {
        where: { id },
        select: { id: true, requestId: true, regionId: true },
      });
      if (!head) throw new NotFoundError('Proposal', id);
      if (MAY_CASCADE.includes(action.kind)) await lockRegionForMatching(manager, head.regionId);
      await this.repository.lockRequest(manager, head.requestId);
      const proposal = await manager.findOne(Proposal, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!proposal) throw new NotFoundError('Proposal', id);
      const next = nextState(proposal, action);
      if (options.version !== undefined && options.version !== proposal.version) {
        throw new ConcurrentUpdateError(
          `This proposal changed since you loaded it (version ${options.version}, now ${proposal.version}); reload it and try again.`,
        );
      }
      const fromStatus = proposal.status;
      Object.assign(proposal, {
        status: next.status,
        companyAnswer: next.answers.company,
        teacherAnswer: next.answers.teacher,
        schoolAnswer: next.answers.school,
      });
      const saved = await manager.save(proposal);
      const result = (await options.effects?.(manager, saved)) as T;
      await this.repository.insertEvents(manager, [
        eventOf(saved, actor, {
          action: EVENT_ACTION[action.kind],
          party: 'party' in action ? action.party : null,
          fromStatus,
          reason: options.reason ?? null,
        }),
      ]);
      const kind = notificationFor(action, saved.status);
      if (kind) {
        const decliningParty = action.kind === ProposalActionKind.Decline ? action.party : null;
        await this.outbox.notifyProposal(manager, saved, kind, {
          reason: options.reason ?? null,
          decliningParty,
          ...options.details?.(result),
        });
      }
      // Every final status gives the request back.
      if (FINAL_PROPOSAL_STATUSES.includes(saved.status)) await this.onProposalClosed(manager, saved);
      return { proposal: saved, result };
    });
  }
}

/** An audit event of `proposal`, now in its new status; `actor` null: the system. */
function eventOf(
  proposal: Proposal,
  actor: Actor | null,
  event: {
    action: ProposalEventAction;
    fromStatus: ProposalStatus | null;
    party?: ProposalParty | null;
    reason?: string | null;
  },
): NewProposalEvent {
  return {
    proposalId: proposal.id,
    actorUserId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: event.action,
    party: event.party ?? null,
    fromStatus: event.fromStatus,
    toStatus: proposal.status,
    reason: event.reason ?? null,
  };
}

function nextState(proposal: Proposal, action: ProposalAction): ProposalState {
  try {
    return transition(stateOf(proposal), action);
  } catch (error) {
    if (error instanceof ProposalTransitionError)
      throw new InvalidStateTransitionError(error.message, error.messageNl);
    throw error;
  }
}

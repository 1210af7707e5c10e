import {
  NotificationKind,
  PlacementStatus,
  ProposalEventAction,
  ProposalExplanation,
} from '@hybridmatch/database';
import { ProposalAnswer, ProposalParty, ProposalStatus, UserRole } from '@hybridmatch/domain';
import { ErrorCode } from '../errors/error-code';
import { Page, PageRequest } from '../pagination';
import type { ProposalNames } from '../repositories/notification.repository';
import type { ProposalSort } from '../repositories/proposal.repository';

// What the proposal and placement services take and give. The API's DTO classes implement these
// (validation and OpenAPI live there); the core never imports the HTTP layer.

// ---- making proposals -------------------------------------------------------------------------

/** What a match run (or a cascade) hands over to make a proposal. */
export interface NewProposal {
  requestId: string;
  teacherId: string;
  blockIds: string[];
  score: number;
  explanation: ProposalExplanation;
  matchRunId?: string | null;
  /** `cascade_offer` when it replaces a proposal that fell through. */
  notificationKind?: NotificationKind.ProposalNew | NotificationKind.CascadeOffer;
}

// ---- input ------------------------------------------------------------------------------------

/** The filters proposal and placement lists share. */
export interface ProposalFilters extends PageRequest {
  requestId?: string;
  teacherId?: string;
  regionId?: string;
  /** Only what this match run proposed (a placement: made from a proposal of this run). */
  matchRunId?: string;
}

export interface ListProposalsQuery extends ProposalFilters {
  status?: ProposalStatus;
  /** The order (PROPOSAL_SORTS); newest first when absent. */
  sort?: ProposalSort;
}

export interface ListPlacementsQuery extends ProposalFilters {
  status?: PlacementStatus;
}

export enum AnswerDecision {
  Accept = 'accept',
  Decline = 'decline',
}

/** `version`: the version the caller last saw; when given and the proposal changed since, a conflict. */
export interface ExpectedVersion {
  version?: number;
}

export interface AnswerProposal extends ExpectedVersion {
  decision: AnswerDecision;
  reason?: string;
}

export interface Reason extends ExpectedVersion {
  reason: string;
}

/**
 * The terms a coordinator agrees when approving: they become the placement. Without dates the
 * placement runs from its earliest real start to its latest end (PlacementService); dates may
 * shorten it, never backdate it.
 */
export interface PlacementTerms {
  hourlyRateCents: number;
  startDate?: string;
  endDate?: string;
  supervisorName: string;
  supervisorEmail: string;
}

/**
 * The coordinator's approval: the placement's terms, where the hourly rate defaults to the
 * company's rate card; a different rate needs `rateReason` (kept in the audit trail).
 */
export interface ApproveProposal extends ExpectedVersion, Omit<PlacementTerms, 'hourlyRateCents'> {
  hourlyRateCents?: number;
  rateReason?: string;
}

export interface ApproveBatch {
  items: Array<ApproveProposal & { proposalId: string }>;
}

// ---- output -----------------------------------------------------------------------------------

export interface ProposalView {
  id: string;
  matchRunId: string | null;
  requestId: string;
  teacherId: string;
  companyId: string;
  schoolId: string;
  regionId: string;
  blockIds: string[];
  minutesPerWeek: number;
  score: number;
  explanation: ProposalExplanation;
  status: ProposalStatus;
  answers: { company: ProposalAnswer; teacher: ProposalAnswer; school: ProposalAnswer };
  expiresAt: Date;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Whom and what it is about, by name (every party may see these): on reads (the list and one proposal), not in the answer to a change. */
  names?: ProposalNames;
}

export interface ProposalEventView {
  id: string;
  action: ProposalEventAction;
  party: ProposalParty | null;
  fromStatus: ProposalStatus | null;
  toStatus: ProposalStatus;
  actorUserId: string | null;
  actorRole: UserRole | null;
  reason: string | null;
  createdAt: Date;
}

export interface PlacementSlotView {
  lessonBlockId: string;
  weekday: number;
  startTime: string;
  endTime: string;
  active: boolean;
}

export interface PlacementView {
  id: string;
  proposalId: string;
  teacherId: string;
  requestId: string;
  schoolId: string;
  companyId: string;
  regionId: string;
  blockIds: string[];
  minutesPerWeek: number;
  /** Null for a caller who may not see it (the teacher: COUNTERPART_FIELDS.cost). */
  hourlyRateCents: number | null;
  startDate: string;
  endDate: string;
  /** Null for a caller who may not see them (the company: COUNTERPART_FIELDS.supervisor). */
  supervisorName: string | null;
  supervisorEmail: string | null;
  status: PlacementStatus;
  approvedByUserId: string | null;
  approvedAt: Date;
  cancelledAt: Date | null;
  cancelledReason: string | null;
  slots: PlacementSlotView[];
  /** On the list: teacher, company, school and request by name. */
  names?: ProposalNames;
  /** On the list: what the placement costs (docs/COSTS.md). */
  cost?: PlacementCost;
}

/** A placement's lessons that are taught or still to come (not cancelled, not a no-show), and their cost at the agreed rate. */
export interface PlacementCost {
  lessons: number;
  hours: number;
  totalCents: number;
}

/** A page of placements; `cost`: what every placement of the list (all pages) costs together, absent for the teacher. */
export interface PlacementPage extends Page<PlacementView> {
  cost?: PlacementCost;
}

export interface ApprovalView {
  proposal: ProposalView;
  placement: PlacementView;
}

/** One item of a batch approval: approved with its placement, or refused with the error's code. */
export interface BatchApprovalResult {
  proposalId: string;
  outcome: 'approved' | 'refused';
  placement?: PlacementView;
  refusal?: { code: ErrorCode; detail: string; detailNl?: string };
}

export interface BatchApprovalView {
  results: BatchApprovalResult[];
}

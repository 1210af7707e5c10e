/**
 * The proposal lifecycle as one explicit, pure state machine (docs/PROPOSALS.md has the diagram).
 *
 * A proposal waits for three answers (company, teacher, school) in any order. When all three
 * accepted, it waits for the regional coordinator, who approves (a placement is made) or rejects.
 * Any party may decline until the coordinator approves; the coordinator may withdraw it until
 * then. A proposal nobody finished answering expires. An approved proposal can be cancelled.
 */

export enum ProposalStatus {
  /** Waiting for the answers of the company, the teacher and the school. */
  Proposed = 'proposed',
  /** All three accepted; waiting for the regional coordinator. */
  AwaitingApproval = 'awaiting_approval',
  /** Approved by the coordinator: a placement exists. */
  Approved = 'approved',
  Rejected = 'rejected',
  Declined = 'declined',
  Expired = 'expired',
  Withdrawn = 'withdrawn',
  /** Approved, then cancelled (with a reason); the placement is cancelled too. */
  Cancelled = 'cancelled',
}

/** The three parties who answer a proposal. */
export enum ProposalParty {
  Company = 'company',
  Teacher = 'teacher',
  School = 'school',
}

export const PROPOSAL_PARTIES: readonly ProposalParty[] = [
  ProposalParty.Company,
  ProposalParty.Teacher,
  ProposalParty.School,
];

export enum ProposalAnswer {
  Pending = 'pending',
  Accepted = 'accepted',
  Declined = 'declined',
}

export type ProposalAnswers = Readonly<Record<ProposalParty, ProposalAnswer>>;

export const NO_ANSWERS: ProposalAnswers = {
  [ProposalParty.Company]: ProposalAnswer.Pending,
  [ProposalParty.Teacher]: ProposalAnswer.Pending,
  [ProposalParty.School]: ProposalAnswer.Pending,
};

export enum ProposalActionKind {
  Accept = 'accept',
  Decline = 'decline',
  Approve = 'approve',
  Reject = 'reject',
  Withdraw = 'withdraw',
  Expire = 'expire',
  Cancel = 'cancel',
}

export type ProposalAction =
  | { kind: ProposalActionKind.Accept | ProposalActionKind.Decline; party: ProposalParty }
  | { kind: Exclude<ProposalActionKind, ProposalActionKind.Accept | ProposalActionKind.Decline> };

export interface ProposalState {
  status: ProposalStatus;
  answers: ProposalAnswers;
}

/** States from which nothing more can happen. `approved` is not final: it can still be cancelled. */
export const FINAL_PROPOSAL_STATUSES: readonly ProposalStatus[] = [
  ProposalStatus.Rejected,
  ProposalStatus.Declined,
  ProposalStatus.Expired,
  ProposalStatus.Withdrawn,
  ProposalStatus.Cancelled,
];

/** Statuses in which the proposal still claims the request (and may still become a placement). */
export const OPEN_PROPOSAL_STATUSES: readonly ProposalStatus[] = [
  ProposalStatus.Proposed,
  ProposalStatus.AwaitingApproval,
];

/** An action that is not possible in the proposal's current state. */
export class ProposalTransitionError extends Error {
  constructor(
    readonly action: ProposalAction,
    readonly status: ProposalStatus,
    message: string,
  ) {
    super(message);
    this.name = 'ProposalTransitionError';
  }
}

/** Applies an action: the next state, or a ProposalTransitionError that says why not. */
export function transition(state: ProposalState, action: ProposalAction): ProposalState {
  const { status, answers } = state;
  const refuse = (): never => {
    throw new ProposalTransitionError(action, status, refusalMessage(state, action));
  };
  switch (action.kind) {
    case ProposalActionKind.Accept: {
      if (status !== ProposalStatus.Proposed || answers[action.party] !== ProposalAnswer.Pending)
        return refuse();
      const next = { ...answers, [action.party]: ProposalAnswer.Accepted };
      const allAccepted = PROPOSAL_PARTIES.every((party) => next[party] === ProposalAnswer.Accepted);
      return {
        status: allAccepted ? ProposalStatus.AwaitingApproval : ProposalStatus.Proposed,
        answers: next,
      };
    }
    case ProposalActionKind.Decline:
      if (!OPEN_PROPOSAL_STATUSES.includes(status)) return refuse();
      return {
        status: ProposalStatus.Declined,
        answers: { ...answers, [action.party]: ProposalAnswer.Declined },
      };
    case ProposalActionKind.Approve:
      if (status !== ProposalStatus.AwaitingApproval) return refuse();
      return { status: ProposalStatus.Approved, answers };
    case ProposalActionKind.Reject:
      if (status !== ProposalStatus.AwaitingApproval) return refuse();
      return { status: ProposalStatus.Rejected, answers };
    case ProposalActionKind.Withdraw:
      if (!OPEN_PROPOSAL_STATUSES.includes(status)) return refuse();
      return { status: ProposalStatus.Withdrawn, answers };
    case ProposalActionKind.Expire:
      if (status !== ProposalStatus.Proposed) return refuse();
      return { status: ProposalStatus.Expired, answers };
    case ProposalActionKind.Cancel:
      if (status !== ProposalStatus.Approved) return refuse();
      return { status: ProposalStatus.Cancelled, answers };
  }
}

/** Whether an action is possible now (for showing buttons; `transition` remains the authority). */
export function canTransition(state: ProposalState, action: ProposalAction): boolean {
  try {
    transition(state, action);
    return true;
  } catch (error) {
    if (error instanceof ProposalTransitionError) return false;
    throw error;
  }
}

const PARTY_NAMES: Record<ProposalParty, string> = {
  [ProposalParty.Company]: 'the company',
  [ProposalParty.Teacher]: 'the teacher',
  [ProposalParty.School]: 'the school',
};

const ACTION_PHRASES: Record<ProposalActionKind, string> = {
  [ProposalActionKind.Accept]: 'accepted',
  [ProposalActionKind.Decline]: 'declined',
  [ProposalActionKind.Approve]: 'approved',
  [ProposalActionKind.Reject]: 'rejected',
  [ProposalActionKind.Withdraw]: 'withdrawn',
  [ProposalActionKind.Expire]: 'expired',
  [ProposalActionKind.Cancel]: 'cancelled',
};

const listParties = (parties: ProposalParty[]) => {
  const names = parties.map((party) => PARTY_NAMES[party]);
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
};

/** What the proposal's state is, in words ("was declined by the school"). */
function describeState({ status, answers }: ProposalState): string {
  switch (status) {
    case ProposalStatus.Proposed: {
      const pending = PROPOSAL_PARTIES.filter((party) => answers[party] === ProposalAnswer.Pending);
      return `is still waiting for the answer of ${listParties(pending)}`;
    }
    case ProposalStatus.AwaitingApproval:
      return 'was accepted by all three parties and is waiting for the coordinator';
    case ProposalStatus.Approved:
      return 'was already approved';
    case ProposalStatus.Rejected:
      return 'was rejected by the coordinator';
    case ProposalStatus.Declined: {
      const decliners = PROPOSAL_PARTIES.filter((party) => answers[party] === ProposalAnswer.Declined);
      return decliners.length ? `was declined by ${listParties(decliners)}` : 'was declined';
    }
    case ProposalStatus.Expired:
      return 'expired before everyone answered';
    case ProposalStatus.Withdrawn:
      return 'was withdrawn by the coordinator';
    case ProposalStatus.Cancelled:
      return 'was cancelled after approval';
  }
}

/** A message a school or company understands: "This proposal was declined by the school; it can no longer be approved." */
export function refusalMessage(state: ProposalState, action: ProposalAction): string {
  const what = ACTION_PHRASES[action.kind];
  const by = 'party' in action ? ` by ${PARTY_NAMES[action.party]}` : '';
  if (
    'party' in action &&
    action.kind === ProposalActionKind.Accept &&
    state.status === ProposalStatus.Proposed
  ) {
    return `This proposal was already answered by ${PARTY_NAMES[action.party]}; an answer cannot be changed to accepted.`;
  }
  if (action.kind === ProposalActionKind.Cancel && OPEN_PROPOSAL_STATUSES.includes(state.status)) {
    return `This proposal ${describeState(state)}; only an approved proposal can be cancelled (withdraw it instead).`;
  }
  if (state.status === ProposalStatus.Proposed)
    return `This proposal ${describeState(state)}; it cannot be ${what}${by} yet.`;
  if (state.status === ProposalStatus.AwaitingApproval)
    return `This proposal ${describeState(state)}; it cannot be ${what}${by} now.`;
  return `This proposal ${describeState(state)}; it can no longer be ${what}${by}.`;
}

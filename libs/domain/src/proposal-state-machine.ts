/**
 * The proposal lifecycle as one explicit, pure state machine (docs/PROPOSALS.md has the diagram).
 *
 * A proposal waits for three answers (company, teacher, school) in any order. When all three
 * accepted, it waits for the regional coordinator, who approves (a placement is made) or rejects.
 * Any party may decline until the coordinator approves; the coordinator may withdraw it until
 * then. A proposal nobody finished answering expires. An approved proposal can be cancelled.
 */
import { Sentence } from './sentence';

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

/** An action that is not possible in the proposal's current state; `messageNl` says it in Dutch. */
export class ProposalTransitionError extends Error {
  constructor(
    readonly action: ProposalAction,
    readonly status: ProposalStatus,
    message: string,
    readonly messageNl: string,
  ) {
    super(message);
    this.name = 'ProposalTransitionError';
  }
}

/** Applies an action: the next state, or a ProposalTransitionError that says why not. */
export function transition(state: ProposalState, action: ProposalAction): ProposalState {
  const { status, answers } = state;
  const refuse = (): never => {
    throw new ProposalTransitionError(
      action,
      status,
      refusalMessage(state, action),
      refusalMessageNl(state, action),
    );
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

/** The words of a refusal in one language: parties, actions, states and the sentences around them. */
interface RefusalWords {
  party: Record<ProposalParty, string>;
  /** The past participle of each action ("approved", "goedgekeurd"). */
  action: Record<ProposalActionKind, string>;
  and: string;
  /** What the proposal's state is; `{parties}` is who is pending (proposed) or who declined. */
  state: Record<ProposalStatus, string>;
  declinedByNobody: string;
  by: (party: string) => string;
  alreadyAnswered: (party: string) => string;
  cancelOpen: (state: string) => string;
  notYet: (state: string, what: string, by: string) => string;
  notNow: (state: string, what: string, by: string) => string;
  noLonger: (state: string, what: string, by: string) => string;
}

const ENGLISH: RefusalWords = {
  party: { company: 'the company', teacher: 'the teacher', school: 'the school' },
  action: {
    accept: 'accepted',
    decline: 'declined',
    approve: 'approved',
    reject: 'rejected',
    withdraw: 'withdrawn',
    expire: 'expired',
    cancel: 'cancelled',
  },
  and: 'and',
  state: {
    proposed: 'is still waiting for the answer of {parties}',
    awaiting_approval: 'was accepted by all three parties and is waiting for the coordinator',
    approved: 'was already approved',
    rejected: 'was rejected by the coordinator',
    declined: 'was declined by {parties}',
    expired: 'expired before everyone answered',
    withdrawn: 'was withdrawn by the coordinator',
    cancelled: 'was cancelled after approval',
  },
  declinedByNobody: 'was declined',
  by: (party) => ` by ${party}`,
  alreadyAnswered: (party) => `This proposal was already accepted by ${party}.`,
  cancelOpen: (state) =>
    `This proposal ${state}; only an approved proposal can be cancelled (withdraw it instead).`,
  notYet: (state, what, by) => `This proposal ${state}; it cannot be ${what}${by} yet.`,
  notNow: (state, what, by) => `This proposal ${state}; it cannot be ${what}${by} now.`,
  noLonger: (state, what, by) => `This proposal ${state}; it can no longer be ${what}${by}.`,
};

/** The same in Dutch, in the web app's words for the statuses and actions. */
const DUTCH: RefusalWords = {
  party: { company: 'het bedrijf', teacher: 'de docent', school: 'de school' },
  action: {
    accept: 'geaccepteerd',
    decline: 'afgeslagen',
    approve: 'goedgekeurd',
    reject: 'afgewezen',
    withdraw: 'ingetrokken',
    expire: 'als verlopen gemarkeerd',
    cancel: 'geannuleerd',
  },
  and: 'en',
  state: {
    proposed: 'wacht nog op het antwoord van {parties}',
    awaiting_approval: 'is door alle drie partijen geaccepteerd en wacht op de coördinator',
    approved: 'is al goedgekeurd',
    rejected: 'is door de coördinator afgewezen',
    declined: 'is afgeslagen door {parties}',
    expired: 'is verlopen voordat iedereen had geantwoord',
    withdrawn: 'is door de coördinator ingetrokken',
    cancelled: 'is na goedkeuring geannuleerd',
  },
  declinedByNobody: 'is afgeslagen',
  by: (party) => ` door ${party}`,
  alreadyAnswered: (party) => `Dit voorstel is al geaccepteerd door ${party}.`,
  cancelOpen: (state) =>
    `Dit voorstel ${state}; alleen een goedgekeurd voorstel kan worden geannuleerd. Wilt u het stoppen, trek het dan in.`,
  notYet: (state, what, by) => `Dit voorstel ${state}; het kan nog niet${by} worden ${what}.`,
  notNow: (state, what, by) => `Dit voorstel ${state}; het kan nu niet${by} worden ${what}.`,
  noLonger: (state, what, by) => `Dit voorstel ${state}; het kan niet meer${by} worden ${what}.`,
};

const listParties = (words: RefusalWords, parties: ProposalParty[]) => {
  const names = parties.map((party) => words.party[party]);
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} ${words.and} ${names[names.length - 1]}`;
};

/** What the proposal's state is, in words ("was declined by the school"). */
function describeState(words: RefusalWords, { status, answers }: ProposalState): string {
  const who =
    status === ProposalStatus.Proposed
      ? ProposalAnswer.Pending
      : status === ProposalStatus.Declined
        ? ProposalAnswer.Declined
        : null;
  const parties = who ? PROPOSAL_PARTIES.filter((party) => answers[party] === who) : [];
  if (status === ProposalStatus.Declined && !parties.length) return words.declinedByNobody;
  return words.state[status].replace('{parties}', listParties(words, parties));
}

function refusalIn(words: RefusalWords, state: ProposalState, action: ProposalAction): string {
  const what = words.action[action.kind];
  const by = 'party' in action ? words.by(words.party[action.party]) : '';
  if (
    'party' in action &&
    action.kind === ProposalActionKind.Accept &&
    state.status === ProposalStatus.Proposed
  )
    return words.alreadyAnswered(words.party[action.party]);
  const described = describeState(words, state);
  if (action.kind === ProposalActionKind.Cancel && OPEN_PROPOSAL_STATUSES.includes(state.status))
    return words.cancelOpen(described);
  if (state.status === ProposalStatus.Proposed) return words.notYet(described, what, by);
  if (state.status === ProposalStatus.AwaitingApproval) return words.notNow(described, what, by);
  return words.noLonger(described, what, by);
}

/** What the proposal's state is, in English and Dutch ("was withdrawn by the coordinator"), for other refusals about it. */
export function describeProposalState(state: ProposalState): Sentence {
  return { en: describeState(ENGLISH, state), nl: describeState(DUTCH, state) };
}

/** A message a school or company understands: "This proposal was declined by the school; it can no longer be approved." */
export function refusalMessage(state: ProposalState, action: ProposalAction): string {
  return refusalIn(ENGLISH, state, action);
}

/** The same in Dutch: "Dit voorstel is afgeslagen door de school; het kan niet meer worden goedgekeurd." */
export function refusalMessageNl(state: ProposalState, action: ProposalAction): string {
  return refusalIn(DUTCH, state, action);
}

import {
  canTransition,
  NO_ANSWERS,
  PROPOSAL_PARTIES,
  ProposalAction,
  ProposalActionKind,
  ProposalAnswer,
  ProposalAnswers,
  ProposalParty,
  ProposalState,
  ProposalStatus,
  ProposalTransitionError,
  transition,
  refusalMessageNl,
} from './proposal-state-machine';

const { Company, Teacher, School } = ProposalParty;
const { Pending, Accepted, Declined } = ProposalAnswer;
const S = ProposalStatus;
const A = ProposalActionKind;

const answers = (
  company: ProposalAnswer,
  teacher: ProposalAnswer,
  school: ProposalAnswer,
): ProposalAnswers => ({
  [Company]: company,
  [Teacher]: teacher,
  [School]: school,
});
const ALL_ACCEPTED = answers(Accepted, Accepted, Accepted);

const accept = (party: ProposalParty): ProposalAction => ({ kind: A.Accept, party });
const decline = (party: ProposalParty): ProposalAction => ({ kind: A.Decline, party });
const approve: ProposalAction = { kind: A.Approve };
const reject: ProposalAction = { kind: A.Reject };
const withdraw: ProposalAction = { kind: A.Withdraw };
const expire: ProposalAction = { kind: A.Expire };
const cancel: ProposalAction = { kind: A.Cancel };

/** One representative state per status (with the answers that status implies). */
const STATES: Record<ProposalStatus, ProposalState> = {
  [S.Proposed]: { status: S.Proposed, answers: answers(Accepted, Pending, Pending) },
  [S.AwaitingApproval]: { status: S.AwaitingApproval, answers: ALL_ACCEPTED },
  [S.Approved]: { status: S.Approved, answers: ALL_ACCEPTED },
  [S.Rejected]: { status: S.Rejected, answers: ALL_ACCEPTED },
  [S.Declined]: { status: S.Declined, answers: answers(Accepted, Pending, Declined) },
  [S.Expired]: { status: S.Expired, answers: answers(Accepted, Pending, Pending) },
  [S.Withdrawn]: { status: S.Withdrawn, answers: answers(Pending, Pending, Pending) },
  [S.Cancelled]: { status: S.Cancelled, answers: ALL_ACCEPTED },
};

const label = (action: ProposalAction) =>
  'party' in action ? `${action.kind}(${action.party})` : action.kind;

describe('proposal state machine', () => {
  describe('legal transitions', () => {
    const legal: Array<[ProposalState, ProposalAction, ProposalState]> = [
      [
        STATES.proposed,
        accept(Teacher),
        { status: S.Proposed, answers: answers(Accepted, Accepted, Pending) },
      ],
      [
        STATES.proposed,
        accept(School),
        { status: S.Proposed, answers: answers(Accepted, Pending, Accepted) },
      ],
      [
        { status: S.Proposed, answers: answers(Accepted, Accepted, Pending) },
        accept(School),
        { status: S.AwaitingApproval, answers: ALL_ACCEPTED },
      ],
      [
        { status: S.Proposed, answers: NO_ANSWERS },
        accept(Company),
        { status: S.Proposed, answers: answers(Accepted, Pending, Pending) },
      ],
      [
        STATES.proposed,
        decline(Teacher),
        { status: S.Declined, answers: answers(Accepted, Declined, Pending) },
      ],
      [
        STATES.proposed,
        decline(Company),
        { status: S.Declined, answers: answers(Declined, Pending, Pending) },
      ],
      [
        STATES.awaiting_approval,
        decline(School),
        { status: S.Declined, answers: answers(Accepted, Accepted, Declined) },
      ],
      [STATES.awaiting_approval, approve, { status: S.Approved, answers: ALL_ACCEPTED }],
      [STATES.awaiting_approval, reject, { status: S.Rejected, answers: ALL_ACCEPTED }],
      [STATES.proposed, withdraw, { status: S.Withdrawn, answers: STATES.proposed.answers }],
      [STATES.awaiting_approval, withdraw, { status: S.Withdrawn, answers: ALL_ACCEPTED }],
      [STATES.proposed, expire, { status: S.Expired, answers: STATES.proposed.answers }],
      [STATES.approved, cancel, { status: S.Cancelled, answers: ALL_ACCEPTED }],
    ];

    it.each(
      legal.map(([from, action, to]) => [from.status, label(action), to.status, from, action, to] as const),
    )('%s --%s--> %s', (_from, _label, _to, from, action, to) => {
      expect(transition(from, action)).toEqual(to);
      expect(canTransition(from, action)).toBe(true);
    });

    it('reaches awaiting_approval after three acceptances in every order', () => {
      const orders = [
        [Company, Teacher, School],
        [Company, School, Teacher],
        [Teacher, Company, School],
        [Teacher, School, Company],
        [School, Company, Teacher],
        [School, Teacher, Company],
      ];
      for (const order of orders) {
        let state: ProposalState = { status: S.Proposed, answers: NO_ANSWERS };
        order.forEach((party, index) => {
          state = transition(state, accept(party));
          expect(state.status).toBe(index === 2 ? S.AwaitingApproval : S.Proposed);
        });
        expect(state.answers).toEqual(ALL_ACCEPTED);
      }
    });

    it('does not change the state it was given', () => {
      const before = { status: S.Proposed, answers: { ...NO_ANSWERS } };
      transition(before, accept(Company));
      expect(before).toEqual({ status: S.Proposed, answers: NO_ANSWERS });
    });
  });

  describe('illegal transitions', () => {
    const allActions: ProposalAction[] = [
      ...PROPOSAL_PARTIES.flatMap((party) => [accept(party), decline(party)]),
      approve,
      reject,
      withdraw,
      expire,
      cancel,
    ];
    const isLegal = (state: ProposalState, action: ProposalAction): boolean => {
      switch (state.status) {
        case S.Proposed:
          if (action.kind === A.Accept) return state.answers[action.party] === Pending;
          return [A.Decline, A.Withdraw, A.Expire].includes(action.kind);
        case S.AwaitingApproval:
          return [A.Decline, A.Approve, A.Reject, A.Withdraw].includes(action.kind);
        case S.Approved:
          return action.kind === A.Cancel;
        default:
          return false;
      }
    };
    const illegal = Object.values(STATES).flatMap((state) =>
      allActions
        .filter((action) => !isLegal(state, action))
        .map((action) => [state.status, label(action), state, action] as const),
    );

    it('covers every state', () => {
      expect(new Set(illegal.map(([status]) => status))).toEqual(new Set(Object.values(S)));
    });

    it.each(illegal)(
      '%s refuses %s with a ProposalTransitionError naming both',
      (status, _label, state, action) => {
        let error: unknown;
        try {
          transition(state, action);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(ProposalTransitionError);
        expect(error).toMatchObject({ status, action });
        expect((error as Error).message).toMatch(/^This proposal .+\.$/);
        expect((error as ProposalTransitionError).messageNl).toMatch(/^Dit voorstel .+\.$/);
        expect(canTransition(state, action)).toBe(false);
      },
    );
  });

  describe('messages', () => {
    it.each([
      [STATES.declined, approve, 'This proposal was declined by the school; it can no longer be approved.'],
      [
        STATES.proposed,
        approve,
        'This proposal is still waiting for the answer of the teacher and the school; it cannot be approved yet.',
      ],
      [
        { status: S.Proposed, answers: NO_ANSWERS },
        reject,
        'This proposal is still waiting for the answer of the company, the teacher and the school; it cannot be rejected yet.',
      ],
      [STATES.approved, approve, 'This proposal was already approved; it can no longer be approved.'],
      [
        STATES.declined,
        accept(Teacher),
        'This proposal was declined by the school; it can no longer be accepted by the teacher.',
      ],
      [STATES.proposed, accept(Company), 'This proposal was already accepted by the company.'],
      [
        STATES.proposed,
        cancel,
        'This proposal is still waiting for the answer of the teacher and the school; only an approved proposal can be cancelled (withdraw it instead).',
      ],
      [
        STATES.awaiting_approval,
        expire,
        'This proposal was accepted by all three parties and is waiting for the coordinator; it cannot be expired now.',
      ],
      [
        STATES.withdrawn,
        decline(Company),
        'This proposal was withdrawn by the coordinator; it can no longer be declined by the company.',
      ],
      [
        STATES.expired,
        accept(School),
        'This proposal expired before everyone answered; it can no longer be accepted by the school.',
      ],
    ])('%#: %j', (state, action, message) => {
      expect(() => transition(state, action)).toThrow(message);
    });
  });
});

describe('refusals in Dutch', () => {
  it.each([
    [
      STATES.withdrawn,
      approve,
      'Dit voorstel is door de coördinator ingetrokken; het kan niet meer worden goedgekeurd.',
    ],
    [
      STATES.declined,
      accept(ProposalParty.Teacher),
      'Dit voorstel is afgeslagen door de school; het kan niet meer door de docent worden geaccepteerd.',
    ],
    [
      { status: S.Proposed, answers: NO_ANSWERS },
      approve,
      'Dit voorstel wacht nog op het antwoord van het bedrijf, de docent en de school; het kan nog niet worden goedgekeurd.',
    ],
  ])('says why not in Dutch (%#)', (state, action, message) => {
    expect(refusalMessageNl(state, action)).toBe(message);
  });
});

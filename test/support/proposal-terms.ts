import { ProposalAnswer, ProposalStatus } from '../../libs/domain/src';

/** Placement terms an approval accepts for a request of the default test period. */
export const TERMS = {
  hourlyRateCents: 9500,
  startDate: '2026-09-07',
  endDate: '2027-01-29',
  supervisorName: 'Marieke de Vries',
  supervisorEmail: 'm.devries@roc.example.nl',
};

/** A proposal all three parties accepted, waiting for the coordinator. */
export const ALL_ACCEPTED = {
  status: ProposalStatus.AwaitingApproval,
  companyAnswer: ProposalAnswer.Accepted,
  teacherAnswer: ProposalAnswer.Accepted,
  schoolAnswer: ProposalAnswer.Accepted,
};

/**
 * "Now" for tests that approve: before the default test period starts (2026-09-01), so the
 * placement terms above are not backdated whatever the real date is (time is real: docs/RULES.md).
 */
export const BEFORE_TERM = '2026-08-24T09:00:00+02:00';

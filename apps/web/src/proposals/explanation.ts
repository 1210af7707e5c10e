import type { components } from '../api/schema';

type Proposal = components['schemas']['ProposalDto'];
export type Sentences = { nl: string[]; en: string[] };

/**
 * The explanation's sentences (why this teacher; for coordinators also the teachers considered
 * and why each lost). The OpenAPI document leaves the explanation's shape open, so it is read here.
 */
export const explanationSentences = (proposal: Proposal): Sentences | undefined =>
  (proposal.explanation as { sentences?: Sentences }).sentences;

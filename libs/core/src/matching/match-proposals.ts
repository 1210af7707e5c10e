import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationKind, ProposalExplanation } from '@hybridmatch/database';
import { ConsideredAlternative, ProposedMatch, ScoreWeights, solveRegion } from '@hybridmatch/matching';
import type { NewProposal } from '../proposals/proposal.types';
import { loadRequestInput } from './matching-input.loader';

const logger = new Logger('MatchProposals');

/** What a match run adds to a proposal's explanation: the run's weights and the other teachers considered. */
export interface ExplanationExtras {
  weights?: ScoreWeights;
  considered?: ConsideredAlternative[];
}

/**
 * Why the engine chose this teacher: the points per score component (they add up to the score),
 * the closest next-best alternative over the match's blocks, and every block's alternative; from a
 * match run also the weights it scored with and the other teachers considered, with why each lost
 * (the sentences are built from these when the proposal is read).
 */
export function explanationOf(match: ProposedMatch, extras: ExplanationExtras = {}): ProposalExplanation {
  const closest = match.alternatives
    .map(({ alternative }) => alternative)
    .filter((alternative) => alternative.teacherId !== null)
    .sort((a, b) => (a.scoreDifference ?? Infinity) - (b.scoreDifference ?? Infinity))[0];
  return {
    components: match.components,
    nextBest: closest ? { teacherId: closest.teacherId as string, score: closest.score ?? 0 } : null,
    alternatives: match.alternatives,
    distanceKm: Math.round(match.distanceKm * 10) / 10,
    skillMatch: match.skillMatch,
    ...(extras.weights && { weights: extras.weights }),
    ...(extras.considered && { considered: extras.considered }),
  };
}

/** What `ProposalService.create` needs to store one of the engine's matches. */
export function newProposalFromMatch(
  match: ProposedMatch,
  matchRunId: string | null,
  extras: ExplanationExtras = {},
): NewProposal {
  return {
    requestId: match.requestId,
    teacherId: match.teacherId,
    blockIds: match.blockIds,
    score: match.score,
    explanation: explanationOf(match, extras),
    matchRunId,
    notificationKind: matchRunId ? NotificationKind.ProposalNew : NotificationKind.CascadeOffer,
  };
}

/**
 * The cascade after a proposal fell through: the request's free lesson blocks offered to the
 * region's best remaining teachers (never one who had a proposal for this request before), under
 * the same rules as a match run, as of `today` (the injected clock's date). Usually one offer; a
 * team request may be split over several teachers. Runs inside the caller's transaction, which
 * must hold `lockRegionForMatching`.
 */
export async function cascadeOffers(
  manager: EntityManager,
  requestId: string,
  today: string,
): Promise<NewProposal[]> {
  const input = await loadRequestInput(manager, requestId, today);
  if (!input || input.teachers.length === 0) return [];
  try {
    return solveRegion(input.teachers, input.requests, { today: input.today }).matches.map((match) =>
      newProposalFromMatch(match, null),
    );
  } catch (error) {
    // An engine failure must not undo the decline or expiry that caused the cascade; the next match run covers the request.
    logger.error({ err: error, requestId }, 'The cascade could not compute an offer');
    return [];
  }
}

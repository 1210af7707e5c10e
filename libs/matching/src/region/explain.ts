import { EngineOptions, MatchRequest, MatchTeacher, RegionResult } from './region.types';
import { solveRegion } from './solve-region';

export interface RegionLoss {
  teacherId: string;
  requestId: string;
  /** Region score with the match allowed (the given result). */
  scoreWith: number;
  /** Region score when this teacher may not take this request. */
  scoreWithout: number;
  /** scoreWith - scoreWithout: what forbidding the match would cost the whole region. */
  loss: number;
  blocksFilledWith: number;
  blocksFilledWithout: number;
  /** Who takes the request's blocks instead, per teacher. */
  replacements: { teacherId: string; blockIds: string[] }[];
}

/**
 * Exact regional consequence of forbidding one match: re-solves the region with the pair
 * excluded (the same call the decline cascade makes). Costs one full solve.
 */
export function regionLossIfForbidden(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  teacherId: string,
  requestId: string,
  options: EngineOptions = {},
  baseline?: RegionResult,
): RegionLoss {
  const withMatch = baseline ?? solveRegion(teachers, requests, { ...options, explain: false });
  const exclude = [...(options.exclude ?? []), { requestId, teacherIds: [teacherId] }];
  const without = solveRegion(teachers, requests, { ...options, exclude, explain: false });
  return {
    teacherId,
    requestId,
    scoreWith: withMatch.totals.score,
    scoreWithout: without.totals.score,
    loss: withMatch.totals.score - without.totals.score,
    blocksFilledWith: withMatch.totals.blocksFilled,
    blocksFilledWithout: without.totals.blocksFilled,
    replacements: without.matches
      .filter((m) => m.requestId === requestId)
      .map((m) => ({ teacherId: m.teacherId, blockIds: m.blockIds })),
  };
}

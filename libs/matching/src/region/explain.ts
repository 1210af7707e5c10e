import { skillCoverage } from '@hybridmatch/domain';
import { EngineOptions, MatchRequest, MatchTeacher, RegionResult } from './region.types';
import { resolveWeights } from './score';
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

/** One lesson block whose teacher changes when a teacher is forced onto a request. */
export interface AssignmentChange {
  requestId: string;
  blockId: string;
  /** Teacher in the unforced answer; null: the block was unfilled. */
  fromTeacherId: string | null;
  /** Teacher in the forced answer; null: the block is left unfilled. */
  toTeacherId: string | null;
}

export interface ForcingCost {
  teacherId: string;
  requestId: string;
  /** Region score of the best answer found without forcing. */
  scoreWithout: number;
  /** Region score with the teacher forced onto the request (the forcing bonus taken off). */
  scoreForced: number;
  /** scoreWithout − scoreForced (≥ 0): what forcing the teacher in costs the whole region, in points. */
  cost: number;
  blocksFilledWithout: number;
  blocksFilledForced: number;
  minutesFilledWithout: number;
  minutesFilledForced: number;
  /** The request's blocks the teacher takes when forced (empty: it fits none of them). */
  forcedBlockIds: string[];
  /** Every block whose teacher differs between the two answers. */
  changes: AssignmentChange[];
}

/**
 * The regional cost of forcing one teacher onto one request ("why not teacher X for request Y",
 * when X is eligible): re-solves the region with X's pairs on Y raised by a bonus larger than
 * anything X's placement elsewhere or Y's other teachers could be worth (the largest pair score
 * times X's candidate blocks plus Y's blocks plus one), then takes the bonus off again. Both
 * answers are the engine's (`solveRegion`); the answer without forcing is the better of the plain
 * solve and the forced one, so the cost is never negative.
 */
export function regionCostOfForcing(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  teacherId: string,
  requestId: string,
  options: EngineOptions = {},
): ForcingCost {
  const teacher = teachers.find((t) => t.id === teacherId);
  const request = requests.find((r) => r.id === requestId);
  if (!teacher || !request)
    throw new RangeError(`no teacher ${teacherId} or request ${requestId} in the region`);
  const w = resolveWeights(options.weights);
  const maxPair = Math.round(
    w.fill + w.skill + w.travel + w.coverage + w.continuity + w.preference + w.fairness,
  );
  const candidateBlocks = requests
    .filter((r) => teacher.skills.some((s) => skillCoverage(s.subjectCode, r.subjectCode) !== null))
    .reduce((n, r) => n + r.blocks.length, 0);
  const bonus = maxPair * (candidateBlocks + request.blocks.length + 1);
  const plain = solveRegion(teachers, requests, { ...options, explain: false });
  const forced = solveRegion(teachers, requests, {
    ...options,
    explain: false,
    forcePair: { teacherId, requestId, bonus },
  });
  const forcedBlockIds = forced.matches
    .filter((m) => m.teacherId === teacherId && m.requestId === requestId)
    .flatMap((m) => m.blockIds);
  const scoreForced = forced.totals.score - bonus * forcedBlockIds.length;
  const better = scoreForced > plain.totals.score;
  const without = {
    score: better ? scoreForced : plain.totals.score,
    blocks: better ? forced.totals.blocksFilled : plain.totals.blocksFilled,
    minutes: better ? forced.totals.minutesFilled : plain.totals.minutesFilled,
    matches: better ? forced.matches : plain.matches,
  };
  const holder = (result: { matches: RegionResult['matches'] }) => {
    const of = new Map<string, string>();
    for (const m of result.matches) for (const b of m.blockIds) of.set(b, m.teacherId);
    return of;
  };
  const before = holder(without);
  const after = holder(forced);
  const changes: AssignmentChange[] = [];
  for (const r of requests)
    for (const b of r.blocks) {
      const from = before.get(b.id) ?? null;
      const to = after.get(b.id) ?? null;
      if (from !== to) changes.push({ requestId: r.id, blockId: b.id, fromTeacherId: from, toTeacherId: to });
    }
  return {
    teacherId,
    requestId,
    scoreWithout: without.score,
    scoreForced,
    cost: without.score - scoreForced,
    blocksFilledWithout: without.blocks,
    blocksFilledForced: forced.totals.blocksFilled,
    minutesFilledWithout: without.minutes,
    minutesFilledForced: forced.totals.minutesFilled,
    forcedBlockIds,
    changes,
  };
}

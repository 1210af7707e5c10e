import { ProposalExplanation } from '@hybridmatch/database';
import { SkillCoverageKind } from '@hybridmatch/domain';
import { ConsideredAlternative, proposalSentences, ScoreWeights } from '@hybridmatch/matching';

/**
 * A proposal's explanation as one reader may see it. Everyone who may read the proposal gets the
 * score components, the distance and the sentences about this teacher (Dutch and English); only
 * coordinators (and the platform admin) also get the other teachers: `considered` (each with why
 * it lost), `nextBest` and the per-block `alternatives`, and sentences naming them.
 */
export function explanationFor(
  explanation: ProposalExplanation,
  blocks: number,
  names: ReadonlyMap<string, string> | null,
): ProposalExplanation {
  const considered = (explanation.considered as ConsideredAlternative[] | undefined) ?? [];
  const facts = {
    components: explanation.components,
    weights: explanation.weights as Partial<ScoreWeights> | undefined,
    blocks,
    distanceKm: typeof explanation.distanceKm === 'number' ? explanation.distanceKm : undefined,
    skillMatch: explanation.skillMatch as SkillCoverageKind | undefined,
  };
  if (names === null) {
    const { components, distanceKm, weights, skillMatch } = explanation;
    return {
      ...(components !== undefined && { components }),
      ...(distanceKm !== undefined && { distanceKm }),
      ...(skillMatch !== undefined && { skillMatch }),
      ...(weights !== undefined && { weights }),
      sentences: proposalSentences(facts),
    };
  }
  return { ...explanation, considered, sentences: proposalSentences({ ...facts, considered }, names) };
}

/** The teachers a coordinator's explanation names (to look their names up). */
export function consideredTeacherIds(explanation: ProposalExplanation): string[] {
  return ((explanation.considered as ConsideredAlternative[] | undefined) ?? []).map((alt) => alt.teacherId);
}

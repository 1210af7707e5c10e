import { ScoreComponent, ScoreWeights } from './region.types';

/**
 * Default score weights, in points per lesson block (see ScoreWeights for each component).
 * `fill` dominates: any eligible pair scores at least 1000, and the others add at most 750, so
 * the optimum fills as many blocks as possible before it optimises quality (two fills always beat
 * one). Among fills: coverage 200 (fewer teachers per request), skill 150, travel 150,
 * continuity 100, fairness 100 plus 25 points less for each block a teacher already has,
 * preference 50.
 */
export const DEFAULT_SCORE_WEIGHTS: Readonly<ScoreWeights> = Object.freeze({
  fill: 1000,
  skill: 150,
  travel: 150,
  coverage: 200,
  continuity: 100,
  preference: 50,
  fairness: 100,
  fairnessPerBlock: 25,
});

export const SCORE_COMPONENTS: readonly ScoreComponent[] = [
  'fill',
  'skill',
  'travel',
  'coverage',
  'continuity',
  'preference',
  'fairness',
];

export function resolveWeights(partial: Partial<ScoreWeights> | undefined): ScoreWeights {
  const w = { ...DEFAULT_SCORE_WEIGHTS, ...(partial ?? {}) };
  for (const [k, v] of Object.entries(w)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`score weight ${k} must be a finite number >= 0`);
  }
  return w;
}

/** Static component values of one teacher-block pair, each in [0, 1]. */
export interface ComponentValues {
  skill: number;
  travel: number;
  coverage: number;
  continuity: number;
  preference: number;
  fairness: number;
}

/** Writes integer points per component into `out` (order of SCORE_COMPONENTS) and returns their sum. */
export function pointsOf(w: ScoreWeights, c: ComponentValues, out: Int32Array | null): number {
  const fill = Math.round(w.fill);
  const skill = Math.round(w.skill * c.skill);
  const travel = Math.round(w.travel * c.travel);
  const coverage = Math.round(w.coverage * c.coverage);
  const continuity = Math.round(w.continuity * c.continuity);
  const preference = Math.round(w.preference * c.preference);
  const fairness = Math.round(w.fairness * c.fairness);
  if (out) {
    out[0] = fill;
    out[1] = skill;
    out[2] = travel;
    out[3] = coverage;
    out[4] = continuity;
    out[5] = preference;
    out[6] = fairness;
  }
  return fill + skill + travel + coverage + continuity + preference + fairness;
}

import { buildInstance, RegionInstance } from './instance';
import { EngineOptions, MatchRequest, MatchTeacher, RegionResult } from './region.types';
import { SideRules } from './side-rules';
import { buildResult, greedyHolding } from './solve-region';

/**
 * The baseline peers use: take teacher-block pairs best score first and keep each one that is
 * still feasible (same hard rules, side rules and no-team rule as the engine). No optimality
 * claim; used to show what the optimiser gains.
 */
export function greedyBaseline(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  options: EngineOptions = {},
): RegionResult {
  const start = performance.now();
  const inst = buildInstance(teachers, requests, options);
  return greedyOnInstance(inst, options, start);
}

export function greedyOnInstance(
  inst: RegionInstance,
  options: EngineOptions = {},
  start = performance.now(),
): RegionResult {
  const ts = performance.now();
  const rules = new SideRules(inst);
  const nt = inst.teachers.length;
  const phi = Math.round(inst.weights.fairnessPerBlock);
  const base = new Int32Array(nt);
  for (let t = 0; t < nt; t++) base[t] = inst.teachers[t].committedCount;
  const held = greedyHolding(inst, rules, base, phi);
  const solveMs = performance.now() - ts;
  const tx = performance.now();
  const result = buildResult(inst, rules, { held, base, phi }, options.explain ?? false);
  const explanationMs = performance.now() - tx;
  return {
    ...result,
    certificate: {
      ok: false,
      flowSolves: 0,
      upperBound: Number.NaN,
      score: result.totals.score,
      relativeGap: Number.NaN,
      repairedAssignments: 0,
      usedGreedyFallback: false,
      message: 'greedy baseline: no optimality certificate',
    },
    timings: {
      eligibilityMs: inst.eligibilityMs,
      graphMs: inst.graphMs,
      solveMs,
      sideRulesMs: 0,
      certificateMs: 0,
      explanationMs,
      totalMs: performance.now() - start,
    },
  };
}

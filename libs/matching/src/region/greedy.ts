import { buildInstance, RegionInstance } from './instance';
import { EngineOptions, MatchRequest, MatchTeacher, RegionResult } from './region.types';
import { SideRules } from './side-rules';
import { buildResult } from './solve-region';

/**
 * The baseline peers use: take teacher-block pairs best score first and keep each one that is
 * still feasible (same hard rules, side rules and no-team rule as the engine). No optimality
 * claim; used to show what the optimiser gains.
 */
export function greedyBaseline(teachers: readonly MatchTeacher[], requests: readonly MatchRequest[], options: EngineOptions = {}): RegionResult {
  const start = performance.now();
  const inst = buildInstance(teachers, requests, options);
  return greedyOnInstance(inst, options, start);
}

export function greedyOnInstance(inst: RegionInstance, options: EngineOptions = {}, start = performance.now()): RegionResult {
  const ts = performance.now();
  const rules = new SideRules(inst);
  const nt = inst.teachers.length;
  const phi = Math.round(inst.weights.fairnessPerBlock);
  const base = new Int32Array(nt);
  for (let t = 0; t < nt; t++) base[t] = inst.teachers[t].committedCount;
  const held: number[][] = Array.from({ length: nt }, () => []);
  const numEdges = inst.edgeTeacher.length;
  const order = new Int32Array(numEdges);
  for (let e = 0; e < numEdges; e++) order[e] = e;
  const score = inst.edgeScore;
  order.sort((a, b) => score[b] - score[a] || a - b);
  const filled = new Uint8Array(inst.numBlocks);
  const holder = new Int32Array(inst.requests.length).fill(-1);
  const scratch: number[] = [];
  for (let k = 0; k < numEdges; k++) {
    const e = order[k];
    const b = rules.edgeBlock[e];
    if (filled[b]) continue;
    const t = inst.edgeTeacher[e];
    const r = inst.blockRequest[b];
    if (!inst.requests[r].request.allowTeam && holder[r] >= 0 && holder[r] !== t) continue;
    if (score[e] - phi * (base[t] + held[t].length) <= 0) continue;
    scratch.length = 0;
    for (const x of held[t]) scratch.push(x);
    scratch.push(e);
    if (!rules.fits(t, scratch, scratch.length)) continue;
    held[t].push(e);
    filled[b] = 1;
    holder[r] = t;
  }
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

import highsLoader, { Highs } from 'highs';
import { buildInstance, RegionInstance } from '../region/instance';
import { EngineOptions, MatchRequest, MatchTeacher, RegionResult } from '../region/region.types';
import { Holding, SideRules } from '../region/side-rules';
import { buildResult, solveInstance } from '../region/solve-region';
import { buildRegionMip } from './region-mip';

/** The loaded MIP solver (HiGHS compiled to WebAssembly); load it once per process. */
export type MipSolver = Highs;

/** Loads HiGHS (asynchronous: it compiles the WebAssembly module). */
export function loadMipSolver(): Promise<MipSolver> {
  return highsLoader();
}

/** Default time limit of the exact solve; beyond it the run keeps its best answer and its bound. */
export const DEFAULT_EXACT_TIME_LIMIT_SECONDS = 20;

/**
 * Regions with more eligible (teacher, block) pairs than this skip the MIP: measured on this
 * project's machines (docs/BENCHMARKS.md, "Exact solve"), HiGHS proved regions of up to ~900 pairs
 * within 20 s, improved a 1,937-pair region and improved nothing from 6,704 pairs up, while it
 * spent its whole time limit (and a core) on every such region. A national region of 1,000
 * teachers has ~130,000 pairs.
 */
export const DEFAULT_MIP_MAX_PAIRS = 5000;

/** `RegionProof.mipStatus` of a region too large for the MIP. */
export const MIP_SKIPPED_TOO_LARGE = 'skippedTooLarge';

export interface ExactOptions extends EngineOptions {
  /** Seconds the MIP may take (default DEFAULT_EXACT_TIME_LIMIT_SECONDS). */
  timeLimitSeconds?: number;
  /** Above this many eligible pairs the MIP is not tried (default DEFAULT_MIP_MAX_PAIRS). */
  mipMaxPairs?: number;
}

/** How the answer of a run was found and what is proven about it (see docs/MATCHING.md). */
export interface RegionProof {
  /**
   * `flow`: no side rule bound, the certified flow optimum is the answer; `mip`: the MIP closed the
   * gap (or improved the answer) within the time limit; `heuristic`: the engine's answer, the MIP
   * did not improve it in time.
   */
  method: 'flow' | 'mip' | 'heuristic';
  /** The answer is the proven optimum of the documented model (gap 0). */
  proven: boolean;
  /** Score of the returned answer. */
  score: number;
  /** Proven upper bound on every feasible answer: the lower of the flow bound and the MIP's dual bound. */
  upperBound: number;
  /** (upperBound − score) / upperBound: the proven gap; 0 means optimal. */
  gap: number;
  /** Score and proven gap of the engine's own (flow-and-repair) answer. */
  heuristicScore: number;
  heuristicGap: number;
  /**
   * HiGHS's final model status, null when no MIP was needed, or `skippedTooLarge` when the region
   * has more eligible pairs than the MIP is tried for (the engine's answer and the flow bound stand).
   */
  mipStatus: string | null;
  mipMs: number;
  timeLimitSeconds: number;
}

export interface ExactRegionResult extends RegionResult {
  proof: RegionProof;
}

/**
 * Solves a region to proven optimality of the documented model, side rules included: the engine's
 * answer first (flow, repair, fill rounds); when a side rule bound, the MIP of `buildRegionMip`
 * warm-started from that answer, within the time limit. The MIP's answer is re-checked against
 * every rule in integer arithmetic before it is used; its dual bound tightens the flow bound.
 */
export function solveRegionExact(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  solver: MipSolver,
  options: ExactOptions = {},
): ExactRegionResult {
  const start = performance.now();
  const inst = buildInstance(teachers, requests, options);
  return solveInstanceExact(inst, solver, options, start);
}

export function solveInstanceExact(
  inst: RegionInstance,
  solver: MipSolver,
  options: ExactOptions = {},
  start = performance.now(),
): ExactRegionResult {
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_EXACT_TIME_LIMIT_SECONDS;
  const heuristic = heuristicOnInstance(inst, options, start);
  const flowBound = heuristic.certificate.upperBound;
  const heuristicScore = heuristic.totals.score;
  const heuristicGap = relativeGap(flowBound, heuristicScore);
  if (heuristicScore >= flowBound) {
    return withProof(heuristic, {
      method: 'flow',
      proven: true,
      score: heuristicScore,
      upperBound: flowBound,
      gap: 0,
      heuristicScore,
      heuristicGap: 0,
      mipStatus: null,
      mipMs: 0,
      timeLimitSeconds,
    });
  }

  if (inst.edgeTeacher.length > (options.mipMaxPairs ?? DEFAULT_MIP_MAX_PAIRS)) {
    heuristic.timings.totalMs = performance.now() - start;
    return withProof(heuristic, {
      method: 'heuristic',
      proven: false,
      score: heuristicScore,
      upperBound: flowBound,
      gap: heuristicGap,
      heuristicScore,
      heuristicGap,
      mipStatus: MIP_SKIPPED_TOO_LARGE,
      mipMs: 0,
      timeLimitSeconds,
    });
  }

  const tm = performance.now();
  const rules = new SideRules(inst);
  const mip = buildRegionMip(inst, rules);
  const heuristicHeld = holdingOfResult(inst, heuristic);
  const model = solver.createModel({
    numCols: mip.numCols,
    numRows: mip.numRows,
    sense: solver.constants.objectiveSense.maximize,
    colCost: mip.colCost,
    colLower: mip.colLower,
    colUpper: mip.colUpper,
    rowLower: mip.rowLower.map((x) => (x === -Infinity ? -solver.infinity : x)),
    rowUpper: mip.rowUpper,
    matrix: {
      format: 'csr',
      numRows: mip.numRows,
      numCols: mip.numCols,
      starts: mip.starts,
      indices: mip.indices,
      values: mip.values,
    },
    integrality: mip.integrality,
  });
  let status: string;
  let dualBound: number;
  let held: number[][] | null = null;
  try {
    model.options.set({
      output_flag: false,
      time_limit: timeLimitSeconds,
      // Scores are integers: a bound less than 1 above the answer proves it optimal.
      mip_rel_gap: 0,
      mip_abs_gap: 0.999,
      random_seed: 0,
    });
    model.setSolution({ colValue: mip.startFrom(heuristicHeld) });
    const run = model.run();
    status = modelStatusName(solver, run.modelStatus);
    dualBound = Number(model.info.get('mip_dual_bound'));
    const primal = Number(model.info.get('primal_solution_status'));
    if (primal === 2) held = mip.holdingOf(model.getSolution().colValue);
  } finally {
    model.dispose();
  }
  const mipMs = performance.now() - tm;

  const bound = Number.isFinite(dualBound) ? Math.min(flowBound, Math.floor(dualBound + 1e-6)) : flowBound;
  let result: RegionResult = heuristic;
  let method: RegionProof['method'] = 'heuristic';
  if (held !== null) {
    const score = verifiedScore(inst, rules, held);
    if (score > heuristicScore) {
      const phi = Math.round(inst.weights.fairnessPerBlock);
      const base = Int32Array.from(inst.teachers, (t) => t.committedCount);
      const tx = performance.now();
      const built = buildResult(
        inst,
        rules,
        { held, base, phi },
        options.explain ?? true,
        Holding.of(rules, held),
      );
      result = {
        ...built,
        certificate: heuristic.certificate,
        timings: { ...heuristic.timings, explanationMs: performance.now() - tx },
      };
      method = 'mip';
    }
  }
  const score = result.totals.score;
  const upperBound = Math.max(score, bound);
  const gap = relativeGap(upperBound, score);
  if (gap === 0) method = 'mip';
  result.timings.totalMs = performance.now() - start;
  return withProof(result, {
    method,
    proven: gap === 0,
    score,
    upperBound,
    gap,
    heuristicScore,
    heuristicGap,
    mipStatus: status,
    mipMs,
    timeLimitSeconds,
  });
}

/** The engine's answer on an instance: small regions repair from three flow optima (as solveRegion). */
function heuristicOnInstance(inst: RegionInstance, options: EngineOptions, start: number): RegionResult {
  let best = solveInstance(inst, options, start, inst.numBlocks > 400 ? 'auto' : 'teacher');
  if (inst.numBlocks > 400) return best;
  for (const side of ['block', 'unit'] as const) {
    const other = solveInstance(inst, options, performance.now(), side);
    if (other.totals.score > best.totals.score) best = other;
  }
  return best;
}

function withProof(result: RegionResult, proof: RegionProof): ExactRegionResult {
  const certificate = {
    ...result.certificate,
    upperBound: proof.upperBound,
    score: proof.score,
    relativeGap: proof.gap,
    message:
      proof.method === 'flow'
        ? result.certificate.message
        : proof.proven
          ? `proven optimal with every side rule: the MIP (HiGHS, ${proof.mipStatus}) bounds every answer by ${proof.upperBound} = this score (the engine's own answer was ${(proof.heuristicGap * 100).toFixed(2)}% below the flow bound)`
          : `best answer within ${proof.timeLimitSeconds} s (${proof.method === 'mip' ? 'MIP' : 'engine'}): within ${(proof.gap * 100).toFixed(3)}% of the proven bound ${proof.upperBound} (HiGHS ${proof.mipStatus})`,
  };
  return { ...result, certificate, proof };
}

function relativeGap(bound: number, score: number): number {
  return bound > 0 ? Math.max(0, (bound - score) / bound) : 0;
}

/** The holding (edges per teacher) behind a result's matches. */
export function holdingOfResult(inst: RegionInstance, result: RegionResult): number[][] {
  const teacherIndex = new Map(inst.teachers.map((t) => [t.teacher.id, t.index]));
  const blockIndex = new Map<string, number>();
  for (const pr of inst.requests)
    pr.request.blocks.forEach((block, k) =>
      blockIndex.set(`${pr.request.id}\u0000${block.id}`, inst.requestBlockStart[pr.index] + k),
    );
  const held: number[][] = Array.from({ length: inst.teachers.length }, () => []);
  for (const match of result.matches) {
    const t = teacherIndex.get(match.teacherId)!;
    for (const blockId of match.blockIds) {
      const b = blockIndex.get(`${match.requestId}\u0000${blockId}`)!;
      for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++)
        if (inst.edgeTeacher[e] === t) held[t].push(e);
    }
  }
  return held;
}

/**
 * The score of a holding after checking every rule exactly (each block once, every teacher's side
 * rules, one teacher per no-team request); throws when the MIP answer breaks one.
 */
export function verifiedScore(
  inst: RegionInstance,
  rules: SideRules,
  held: readonly (readonly number[])[],
): number {
  const phi = Math.round(inst.weights.fairnessPerBlock);
  const blockTaken = new Uint8Array(inst.numBlocks);
  const requestTeacher = new Int32Array(inst.requests.length).fill(-1);
  let score = 0;
  held.forEach((edges, t) => {
    if (!rules.fits(t, edges, edges.length))
      throw new Error(`MIP answer breaks a side rule for teacher ${t}`);
    edges.forEach((e, k) => {
      const b = rules.edgeBlock[e];
      if (blockTaken[b]++) throw new Error(`MIP answer fills block ${b} twice`);
      const r = inst.blockRequest[b];
      if (!inst.requests[r].request.allowTeam) {
        if (requestTeacher[r] >= 0 && requestTeacher[r] !== t)
          throw new Error(`MIP answer splits no-team request ${r}`);
        requestTeacher[r] = t;
      }
      score += inst.edgeScore[e] - phi * (inst.teachers[t].committedCount + k);
    });
  });
  return score;
}

function modelStatusName(solver: MipSolver, code: number): string {
  for (const [name, value] of Object.entries(solver.constants.modelStatus)) if (value === code) return name;
  return `status ${code}`;
}

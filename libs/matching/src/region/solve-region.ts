import { CertificateError } from '../assignment/assignment.types';
import { buildInstance, RegionInstance } from './instance';
import { bestSkill, LEVEL_RANK } from './eligibility';
import {
  EngineOptions,
  MatchRequest,
  MatchTeacher,
  NextBestAlternative,
  PhaseTimings,
  ProposedMatch,
  RegionCertificate,
  RegionResult,
  ScoreComponent,
  UnfilledBlock,
} from './region.types';
import { pointsOf, SCORE_COMPONENTS } from './score';
import { packSlot, slotDay, slotEnd, slotStart } from './bits';
import { Holding, SideRules } from './side-rules';
import {
  checkTransportCertificate,
  solveTeacherSide,
  solveTransport,
  toUnitSide,
  TransportProblem,
  TransportSolution,
  unitCount,
} from './transport';

/** Upper limit on fill rounds (each a small flow solve over unfilled blocks). */
const MAX_ROUNDS = 25;

/**
 * Solves the whole region: eligibility, scoring, min-cost flow (certified), side-rule repair with
 * re-solves, and explanations. See docs/MATCHING.md for the model and what is exact.
 */
export function solveRegion(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  options: EngineOptions = {},
): RegionResult {
  const start = performance.now();
  const inst = buildInstance(teachers, requests, options);
  if (inst.numBlocks > SMALL_REGION_BLOCKS) return solveInstance(inst, options, start);
  // Small regions: the side-rule repair depends on which optimal flow it starts from, so repair
  // from each solver's optimum (all certified) and keep the best answer (ties: teacher side).
  let best = solveInstance(inst, options, start, 'teacher');
  for (const side of ['block', 'unit'] as const) {
    const other = solveInstance(inst, options, performance.now(), side);
    if (other.totals.score > best.totals.score) best = other;
  }
  best.timings.totalMs = performance.now() - start;
  return best;
}

/** Up to this many blocks, solveRegion repairs from all three flow solvers' optima. */
const SMALL_REGION_BLOCKS = 400;

interface SolveState {
  held: number[][];
  base: Int32Array;
  phi: number;
}

export function solveInstance(
  inst: RegionInstance,
  options: EngineOptions = {},
  start = performance.now(),
  side: 'auto' | 'teacher' | 'block' | 'unit' = 'auto',
): RegionResult {
  const nt = inst.teachers.length;
  const numEdges = inst.edgeTeacher.length;
  const phi = Math.round(inst.weights.fairnessPerBlock);
  const timings: PhaseTimings = {
    eligibilityMs: inst.eligibilityMs,
    graphMs: inst.graphMs,
    solveMs: 0,
    sideRulesMs: 0,
    certificateMs: 0,
    explanationMs: 0,
    totalMs: 0,
  };

  const tg = performance.now();
  const rules = new SideRules(inst);
  let M = 0;
  for (let e = 0; e < numEdges; e++) if (inst.edgeScore[e] > M) M = inst.edgeScore[e];
  const edgeCost = new Float64Array(numEdges);
  for (let e = 0; e < numEdges; e++) edgeCost[e] = M - inst.edgeScore[e];
  const base = new Int32Array(nt);
  for (let t = 0; t < nt; t++) base[t] = inst.teachers[t].committedCount;
  const holding = new Holding(rules);
  const state: SolveState = { held: holding.held, base, phi };
  const allowed = new Uint8Array(numEdges).fill(1);
  const capacity = capacityBound(inst, rules.edgeBlock, null, holding.held);
  timings.graphMs += performance.now() - tg;

  let flowSolves = 0;
  let firstCertificate = 'n/a';
  /** Checks a solve's optimality certificate (timed); a failure throws: never a silent answer. */
  const certify = (problem: TransportProblem, sol: TransportSolution, model: string): void => {
    const tc = performance.now();
    flowSolves++;
    const cert = checkTransportCertificate(problem, sol);
    timings.certificateMs += performance.now() - tc;
    if (!cert.ok)
      throw new CertificateError(
        `region flow solve ${flowSolves}: optimality certificate failed: ${cert.message}`,
        cert,
      );
    if (flowSolves === 1) firstCertificate = `${model}, ${cert.message}`;
  };
  // The unit-side model (one row per capacity unit, edges copied per unit), certified on itself.
  const runUnitSide = (blockSide: TransportProblem): Int32Array => {
    const ts = performance.now();
    const unit = toUnitSide(blockSide);
    const sol = solveTransport(unit.problem);
    const blockEdge = new Int32Array(blockSide.numBlocks).fill(-1);
    const eb = new Int32Array(blockSide.edgeTeacher.length);
    for (let b = 0; b < blockSide.numBlocks; b++)
      for (let e = blockSide.edgeStart[b]; e < blockSide.edgeStart[b + 1]; e++) eb[e] = b;
    for (let u = 0; u < unit.problem.numBlocks; u++) {
      const local = sol.blockEdge[u];
      if (local < 0) continue;
      const e = unit.edgeMap[local];
      blockEdge[eb[e]] = e;
    }
    timings.solveMs += performance.now() - ts;
    certify(unit.problem, sol, 'teacher-unit side');
    return blockEdge;
  };
  const runFlow = (blockSide: TransportProblem): Int32Array => {
    const ts = performance.now();
    // The teacher-side solver (one node per teacher, convex unit arcs, no edge copies) is the
    // faster one on every region measured; the block-side one is kept for very unbalanced
    // inputs (far more capacity units than blocks). Both are certified on the block-side model.
    if (side === 'unit') return runUnitSide(blockSide);
    const teacherSide = side === 'auto' ? fewUnits(blockSide) : side === 'teacher';
    const sol = teacherSide ? solveTeacherSide(blockSide) : solveTransport(blockSide);
    timings.solveMs += performance.now() - ts;
    certify(blockSide, sol, teacherSide ? 'teacher side' : 'block side');
    return sol.blockEdge;
  };

  // The flow relaxation over all eligible pairs: an exact, certified optimum whose score bounds
  // every feasible answer. Where a teacher's holding breaks a side rule, keep its best feasible
  // subset and forbid the rest.
  const blockEdge = runFlow({
    numBlocks: inst.numBlocks,
    numTeachers: nt,
    edgeStart: inst.edgeStart,
    edgeTeacher: inst.edgeTeacher,
    edgeCost,
    unfilledCost: M,
    capacity,
    base,
    phi,
  });
  for (let b = 0; b < inst.numBlocks; b++) {
    const e = blockEdge[b];
    if (e >= 0) holding.add(inst.edgeTeacher[e], e);
  }
  const upperBound = objective(inst, state);
  const tr = performance.now();
  const changed = new Uint8Array(nt).fill(1);
  const dropped: number[] = [];
  repairSideRules(inst, rules, holding, base, phi, changed, allowed, dropped);
  let repaired = dropped.length;
  timings.sideRulesMs += performance.now() - tr;

  // Fill rounds: re-offer blocks still unfilled to teachers that can add them to what they hold.
  // The first round checks every pair; later ones only the pairs that can have changed.
  changed.fill(0);
  let candidates: Int32Array | null = null;
  // Per-pair scratch flags, all 0 between uses: the pairs added in a round, then fillCandidates'.
  const mark = new Uint8Array(numEdges);
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const tr = performance.now();
    const sub = residualProblem(inst, rules, holding, base, phi, allowed, M, candidates);
    timings.sideRulesMs += performance.now() - tr;
    if (sub === null) break;
    const subEdges = runFlow(sub.problem);
    let added = 0;
    for (let k = 0; k < sub.problem.numBlocks; k++) {
      const local = subEdges[k];
      if (local < 0) continue;
      const e = sub.edgeMap[local];
      const t = inst.edgeTeacher[e];
      holding.add(t, e);
      changed[t] = 1;
      mark[e] = 1; // added in this round
      added++;
    }
    if (added === 0) break;
    const tr2 = performance.now();
    dropped.length = 0;
    repairSideRules(inst, rules, holding, base, phi, changed, allowed, dropped);
    repaired += dropped.length;
    const droppedHeld = dropped.filter((e) => mark[e] === 0); // held before this round
    for (let k = 0; k < sub.problem.numBlocks; k++) if (subEdges[k] >= 0) mark[sub.edgeMap[subEdges[k]]] = 0;
    candidates = fillCandidates(inst, rules, sub.edgeMap, droppedHeld, mark);
    changed.fill(0);
    timings.sideRulesMs += performance.now() - tr2;
  }

  // Safeguard: the greedy answer is feasible too; never return less than it.
  let usedGreedy = false;
  if (repaired > 0) {
    const tr = performance.now();
    const greedyHeld = greedyHolding(inst, rules, base, phi);
    if (objective(inst, { held: greedyHeld, base, phi }) > objective(inst, state)) {
      for (let t = 0; t < nt; t++) holding.set(t, greedyHeld[t]);
      usedGreedy = true;
    }
    timings.sideRulesMs += performance.now() - tr;
  }

  const tx = performance.now();
  const result = buildResult(inst, rules, state, options.explain ?? true, holding);
  timings.explanationMs = performance.now() - tx;
  const score = result.totals.score;
  const gap = upperBound > 0 ? (upperBound - score) / upperBound : 0;
  const certificate: RegionCertificate = {
    ok: true, // every flow solve was certified (a failed check throws above)
    flowSolves,
    upperBound,
    score,
    relativeGap: gap,
    repairedAssignments: repaired,
    usedGreedyFallback: usedGreedy,
    message:
      `${flowSolves} flow solve(s) proved optimal (first: ${firstCertificate}); ` +
      (gap === 0
        ? 'side rules did not bind: the result is the proven optimum'
        : `side rules bound: score within ${(gap * 100).toFixed(3)}% of the flow upper bound ${upperBound}${usedGreedy ? ' (greedy answer was better and is returned)' : ''}`),
  };
  timings.totalMs = performance.now() - start;
  return { ...result, certificate, timings };
}

/** At most 8 capacity units per block (the total capacity is checked first: it is cheaper). */
function fewUnits(p: TransportProblem): boolean {
  let totalCapacity = 0;
  for (let t = 0; t < p.numTeachers; t++) totalCapacity += p.capacity[t];
  return totalCapacity <= 8 * p.numBlocks || unitCount(p) <= 8 * p.numBlocks;
}

/** Greedy holding (best score first, every rule checked); the safeguard and the baseline. */
export function greedyHolding(
  inst: RegionInstance,
  rules: SideRules,
  base: Int32Array,
  phi: number,
): number[][] {
  const holding = new Holding(rules);
  const held = holding.held;
  const score = inst.edgeScore;
  const { order, orderBlock, orderTeacher } = edgesByScoreDesc(score, rules.edgeBlock, inst.edgeTeacher);
  const filled = new Uint8Array(inst.numBlocks);
  const holder = new Int32Array(inst.requests.length).fill(-1);
  for (let k = 0; k < order.length; k++) {
    const b = orderBlock[k];
    if (filled[b]) continue;
    const t = orderTeacher[k];
    if (holding.isFull(t)) continue; // a quick necessary condition of canAdd
    const e = order[k];
    const r = inst.blockRequest[b];
    if (rules.requestTeam[r] === 0 && holder[r] >= 0 && holder[r] !== t) continue;
    if (!holding.canAdd(t, e) || score[e] - phi * (base[t] + held[t].length) <= 0) continue;
    holding.add(t, e);
    filled[b] = 1;
    holder[r] = t;
  }
  return held;
}

/**
 * Edge indices by score, highest first, ties by index (counting sort: scores are small integers),
 * with each one's block and teacher alongside (read in order, so the greedy scan rejects pairs of
 * filled blocks and full teachers without touching the edge arrays).
 */
function edgesByScoreDesc(
  score: Int32Array,
  edgeBlock: Int32Array,
  edgeTeacher: Int32Array,
): { order: Int32Array; orderBlock: Int32Array; orderTeacher: Int32Array } {
  const n = score.length;
  let min = Infinity;
  let max = -Infinity;
  for (let e = 0; e < n; e++) {
    if (score[e] < min) min = score[e];
    if (score[e] > max) max = score[e];
  }
  const order = new Int32Array(n);
  const orderBlock = new Int32Array(n);
  const orderTeacher = new Int32Array(n);
  if (n === 0) return { order, orderBlock, orderTeacher };
  const range = max - min + 1;
  if (range > 4 * n + 1024) {
    for (let e = 0; e < n; e++) order[e] = e;
    order.sort((a, b) => score[b] - score[a] || a - b);
    for (let k = 0; k < n; k++) {
      orderBlock[k] = edgeBlock[order[k]];
      orderTeacher[k] = edgeTeacher[order[k]];
    }
    return { order, orderBlock, orderTeacher };
  }
  const count = new Int32Array(range + 1);
  for (let e = 0; e < n; e++) count[max - score[e] + 1]++;
  for (let k = 0; k < range; k++) count[k + 1] += count[k];
  for (let e = 0; e < n; e++) {
    const k = count[max - score[e]]++;
    order[k] = e;
    orderBlock[k] = edgeBlock[e];
    orderTeacher[k] = edgeTeacher[e];
  }
  return { order, orderBlock, orderTeacher };
}

/** Score of the current holding: sum of pair scores minus the convex fairness penalty. */
function objective(inst: RegionInstance, s: SolveState): number {
  let total = 0;
  for (let t = 0; t < s.held.length; t++) {
    const h = s.held[t];
    for (let k = 0; k < h.length; k++) total += inst.edgeScore[h[k]] - s.phi * (s.base[t] + k);
  }
  return total;
}

/**
 * Count bound on the blocks a teacher can still take, valid for every feasible holding (so the
 * flow stays a relaxation): at most its allowed pairs; at most as many of its shortest allowed
 * blocks as fit into the minutes left (released minutes, Working Hours Act); and at most the most
 * non-overlapping blocks per weekday summed over the days it may still use (days it already
 * teaches on, plus its best remaining released days).
 */
export function capacityBound(
  inst: RegionInstance,
  edgeBlock: Int32Array,
  /** The allowed edges, ascending; null: all edges. */
  edges: Int32Array | null,
  held: readonly (readonly number[])[],
): Int32Array {
  const nt = inst.teachers.length;
  const { start, slots } = slotsByTeacherDayEnd(inst, edgeBlock, edges);
  const { blockStart, blockEnd, blockDay } = inst;
  const cap = new Int32Array(nt);
  const smallest = new Float64Array(64);
  const dayCount = new Int32Array(8);
  const others = new Int32Array(8);
  for (let t = 0; t < nt; t++) {
    const pt = inst.teachers[t];
    // Pass 1: allowed pairs, the shortest block, and per weekday the most non-overlapping blocks
    // (interval scheduling, earliest end first: the order is by weekday, then end).
    let n = 0;
    let minDur = Infinity;
    dayCount.fill(0);
    let day = -1;
    let lastEnd = -1;
    const first = start[t];
    const last = start[t + 1];
    if (first === last) continue;
    for (let k = first; k < last; k++) {
      const slot = slots[k];
      n++;
      const start = slotStart(slot);
      const end = slotEnd(slot);
      const dur = end - start;
      if (dur < minDur) minDur = dur;
      const d = slotDay(slot);
      if (d !== day) {
        day = d;
        lastEnd = -1;
      }
      if (start >= lastEnd) {
        dayCount[d]++;
        lastEnd = end;
      }
    }
    let used = 0;
    let days = pt.committedDaysMask;
    for (const e of held[t]) {
      const b = edgeBlock[e];
      used += blockEnd[b] - blockStart[b];
      days |= 1 << blockDay[b];
    }
    // How many of the shortest blocks fit into the minutes left: only the m smallest durations
    // can matter (m = minutes / shortest), kept by insertion (no sort).
    let minutes = Math.min(pt.releasedMinutesLeft, pt.workingMinutesLeft) - used;
    const m = minutes < minDur ? 0 : Math.min(n, Math.floor(minutes / minDur), smallest.length);
    let kept = 0;
    if (m > 0) {
      for (let k = first; k < last; k++) {
        const dur = slotEnd(slots[k]) - slotStart(slots[k]);
        if (kept === m && dur >= smallest[m - 1]) continue;
        let i = kept < m ? kept++ : m - 1;
        while (i > 0 && smallest[i - 1] > dur) {
          smallest[i] = smallest[i - 1];
          i--;
        }
        smallest[i] = dur;
      }
    }
    let byMinutes = 0;
    while (byMinutes < kept && smallest[byMinutes] <= minutes) minutes -= smallest[byMinutes++];
    if (byMinutes === smallest.length) byMinutes = n; // more than the buffer: no minute limit used
    let usedDaysCount = 0;
    for (let d = 1; d <= 7; d++) if (days & (1 << d)) usedDaysCount++;
    const freeDays = Math.max(0, pt.teacher.releasedDaysPerWeek - usedDaysCount);
    let byDays = 0;
    // Days in use count fully; of the other days, the freeDays best (kept in descending order by
    // insertion: at most 7 values, no sort call).
    let numOthers = 0;
    for (let d = 1; d <= 7; d++) {
      const c = dayCount[d];
      if (c === 0) continue;
      if (days & (1 << d)) {
        byDays += c;
        continue;
      }
      let i = numOthers++;
      while (i > 0 && others[i - 1] < c) {
        others[i] = others[i - 1];
        i--;
      }
      others[i] = c;
    }
    for (let k = 0; k < Math.min(freeDays, numOthers); k++) byDays += others[k];
    cap[t] = Math.max(0, Math.min(n, byMinutes, byDays));
  }
  return cap;
}

/**
 * The slots (see packSlot) of the given edges' blocks (edges ascending, so
 * each block's edges are one run; null: all edges), grouped by teacher, then weekday, then end:
 * the runs are visited in the blocks' weekday-end order and dealt to the teachers with one
 * counting sort, so capacityBound needs no sorting and no block lookups.
 */
function slotsByTeacherDayEnd(
  inst: RegionInstance,
  edgeBlock: Int32Array,
  edges: Int32Array | null,
): { start: Int32Array; slots: Int32Array } {
  const nt = inst.teachers.length;
  const nb = inst.numBlocks;
  const { edgeTeacher, blockDay, blockStart, blockEnd } = inst;
  let runStart: Int32Array;
  const start = new Int32Array(nt + 1);
  if (edges === null) {
    runStart = inst.edgeStart;
    for (let e = 0; e < edgeTeacher.length; e++) start[edgeTeacher[e] + 1]++;
  } else {
    runStart = new Int32Array(nb + 1);
    for (let q = 0; q < edges.length; q++) {
      const e = edges[q];
      runStart[edgeBlock[e] + 1]++;
      start[edgeTeacher[e] + 1]++;
    }
    for (let b = 0; b < nb; b++) runStart[b + 1] += runStart[b];
  }
  for (let t = 0; t < nt; t++) start[t + 1] += start[t];
  const fill = start.slice(0, nt);
  const slots = new Int32Array(start[nt]);
  for (const b of blocksByDayEnd(inst)) {
    const slot = packSlot(blockDay[b], blockStart[b], blockEnd[b]);
    for (let q = runStart[b]; q < runStart[b + 1]; q++) {
      const e = edges === null ? q : edges[q];
      slots[fill[edgeTeacher[e]]++] = slot;
    }
  }
  return { start, slots };
}

const dayEndOrder = new WeakMap<RegionInstance, Int32Array>();

/** The instance's blocks by weekday, then end, then id (a counting sort, once per instance). */
function blocksByDayEnd(inst: RegionInstance): Int32Array {
  let order = dayEndOrder.get(inst);
  if (order === undefined) {
    const { blockDay, blockEnd, numBlocks } = inst;
    const key = (b: number): number => blockDay[b] * 1441 + blockEnd[b];
    const count = new Int32Array(8 * 1441 + 1);
    for (let b = 0; b < numBlocks; b++) count[key(b) + 1]++;
    for (let k = 0; k < 8 * 1441; k++) count[k + 1] += count[k];
    order = new Int32Array(numBlocks);
    for (let b = 0; b < numBlocks; b++) order[count[key(b)]++] = b;
    dayEndOrder.set(inst, order);
  }
  return order;
}

/**
 * Makes every teacher's holding satisfy the side rules (best-scoring feasible subset) and every
 * no-team request single-teacher (keeps the teacher with the most score on it). Dropped pairs are
 * forbidden from then on and appended to `dropped`.
 */
function repairSideRules(
  inst: RegionInstance,
  rules: SideRules,
  holding: Holding,
  base: Int32Array,
  phi: number,
  changed: Uint8Array,
  allowed: Uint8Array,
  dropped: number[],
): void {
  const held = holding.held;
  for (let t = 0; t < held.length; t++) {
    if (!changed[t] || held[t].length === 0) continue;
    const h = held[t];
    if (rules.fits(t, h, h.length)) continue;
    const keep = rules.bestSubset(t, h, base[t], phi);
    const keepSet = new Set(keep);
    for (const e of h) {
      if (!keepSet.has(e)) {
        allowed[e] = 0;
        dropped.push(e);
      }
    }
    holding.set(t, sortByBlock(keep));
  }
  // No-team requests: one teacher per request.
  const holders = new Map<number, Map<number, number>>();
  for (let t = 0; t < held.length; t++) {
    for (const e of held[t]) {
      const r = inst.blockRequest[rules.edgeBlock[e]];
      if (rules.requestTeam[r] === 1) continue;
      const m = holders.get(r) ?? new Map<number, number>();
      m.set(t, (m.get(t) ?? 0) + inst.edgeScore[e]);
      holders.set(r, m);
    }
  }
  for (const [r, m] of holders) {
    if (m.size < 2) continue;
    let bestT = -1;
    let bestScore = -Infinity;
    for (const [t, sc] of m) {
      if (sc > bestScore || (sc === bestScore && t < bestT)) {
        bestScore = sc;
        bestT = t;
      }
    }
    for (const t of m.keys()) {
      if (t === bestT) continue;
      const keep: number[] = [];
      for (const e of held[t]) {
        if (inst.blockRequest[rules.edgeBlock[e]] === r) {
          allowed[e] = 0;
          dropped.push(e);
        } else keep.push(e);
      }
      holding.set(t, keep);
    }
  }
}

/** Sorts a teacher's (short) list of edges ascending, in place (insertion sort: no allocation). */
function sortByBlock(edges: number[]): number[] {
  for (let i = 1; i < edges.length; i++) {
    const e = edges[i];
    let j = i;
    while (j > 0 && edges[j - 1] > e) {
      edges[j] = edges[j - 1];
      j--;
    }
    edges[j] = e;
  }
  return edges;
}

/**
 * The flow over blocks still unfilled, with only the pairs a teacher can add to what it already
 * holds without breaking a side rule, and capacities/fairness counted from the current holding.
 * Checks the `candidates` (ascending edge ids), or every pair when null. `edgeMap` maps the
 * sub-problem's edges to the instance's.
 */
function residualProblem(
  inst: RegionInstance,
  rules: SideRules,
  holding: Holding,
  base: Int32Array,
  phi: number,
  allowed: Uint8Array,
  M: number,
  candidates: Int32Array | null,
): { problem: TransportProblem; edgeMap: Int32Array } | null {
  const nb = inst.numBlocks;
  const nt = inst.teachers.length;
  const held = holding.held;
  const { edgeBlock } = rules;
  const filled = new Uint8Array(nb);
  const requestHolder = new Int32Array(inst.requests.length).fill(-1);
  for (let t = 0; t < nt; t++) {
    for (const e of held[t]) {
      const b = edgeBlock[e];
      filled[b] = 1;
      requestHolder[inst.blockRequest[b]] = t;
    }
  }
  // Sub-problem edges, grouped by block (edge ids are block-major, so ascending ids group them).
  const { edgeTeacher: teacherOf, blockRequest } = inst;
  const { requestTeam } = rules;
  const starts: number[] = [0];
  const edgeMap: number[] = [];
  let lastBlock = -1;
  const numChecks = candidates === null ? edgeBlock.length : candidates.length;
  for (let k = 0; k < numChecks; k++) {
    const e = candidates === null ? k : candidates[k];
    const b = edgeBlock[e];
    if (filled[b] === 1) {
      // Skip the rest of a filled block's pairs at once in a full scan.
      if (candidates === null) k = inst.edgeStart[b + 1] - 1;
      continue;
    }
    const t = teacherOf[e];
    if (allowed[e] === 0 || holding.isFull(t)) continue;
    const r = blockRequest[b];
    if (requestTeam[r] === 0 && requestHolder[r] >= 0 && t !== requestHolder[r]) continue;
    if (!holding.canAdd(t, e)) continue;
    if (b !== lastBlock && edgeMap.length > 0) starts.push(edgeMap.length);
    lastBlock = b;
    edgeMap.push(e);
  }
  if (edgeMap.length === 0) return null;
  starts.push(edgeMap.length);
  const subEdges = Int32Array.from(edgeMap);
  const edgeTeacher = new Int32Array(subEdges.length);
  const edgeCost = new Float64Array(subEdges.length);
  for (let k = 0; k < subEdges.length; k++) {
    const e = subEdges[k];
    edgeTeacher[k] = inst.edgeTeacher[e];
    edgeCost[k] = M - inst.edgeScore[e];
  }
  const capacity = capacityBound(inst, edgeBlock, subEdges, held);
  const subBase = new Int32Array(nt);
  for (let t = 0; t < nt; t++) subBase[t] = base[t] + held[t].length;
  return {
    problem: {
      numBlocks: starts.length - 1,
      numTeachers: nt,
      edgeStart: Int32Array.from(starts),
      edgeTeacher,
      edgeCost,
      unfilledCost: M,
      capacity,
      base: subBase,
      phi,
    },
    edgeMap: subEdges,
  };
}

/**
 * The pairs worth checking in the next fill round (ascending edge ids). Between two rounds a
 * holding only grows, except where the repair dropped a pair held before the round
 * (`droppedHeld`; dropping a pair added in the round only undoes growth). A teacher that holds
 * more can add less, so a pair can newly pass only if its teacher lost such a block, its block
 * was freed, or its no-team request lost its teacher; every other pair that can pass was in the
 * last sub-problem.
 */
function fillCandidates(
  inst: RegionInstance,
  rules: SideRules,
  lastEdges: Int32Array,
  droppedHeld: readonly number[],
  mark: Uint8Array,
): Int32Array {
  const out: number[] = [];
  const add = (e: number): void => {
    if (mark[e] === 0) {
      mark[e] = 1;
      out.push(e);
    }
  };
  for (let k = 0; k < lastEdges.length; k++) add(lastEdges[k]);
  const lostTeacher = new Set<number>();
  const freedRequest = new Set<number>();
  for (const e of droppedHeld) {
    lostTeacher.add(inst.edgeTeacher[e]);
    const b = rules.edgeBlock[e];
    const r = inst.blockRequest[b];
    if (rules.requestTeam[r] === 0) freedRequest.add(r);
    for (let x = inst.edgeStart[b]; x < inst.edgeStart[b + 1]; x++) add(x);
  }
  for (const t of lostTeacher) for (const e of rules.teacherEdges(t)) add(e);
  for (const r of freedRequest) {
    const end = inst.edgeStart[inst.requestBlockStart[r + 1]];
    for (let e = inst.edgeStart[inst.requestBlockStart[r]]; e < end; e++) add(e);
  }
  for (const e of out) mark[e] = 0;
  return Int32Array.from(out).sort();
}

/** Turns a feasible holding into matches with component breakdowns and explanations. */
export function buildResult(
  inst: RegionInstance,
  rules: SideRules,
  s: SolveState,
  explain: boolean,
  holding: Holding | null = null,
): Pick<RegionResult, 'matches' | 'unfilled' | 'totals'> {
  const nb = inst.numBlocks;
  const nt = inst.teachers.length;
  const blockEdge = new Int32Array(nb).fill(-1);
  // Fairness penalty of each filled block (the k-th block of a teacher costs phi * (base + k)).
  const penalty = new Float64Array(nb);
  let teachersUsed = 0;
  for (let t = 0; t < nt; t++) {
    const h = sortByBlock(s.held[t]);
    if (h.length > 0) teachersUsed++;
    h.forEach((e, k) => {
      blockEdge[rules.edgeBlock[e]] = e;
      penalty[rules.edgeBlock[e]] = s.phi * (s.base[t] + k);
    });
  }
  const points = new Int32Array(SCORE_COMPONENTS.length);
  const comp = { skill: 0, travel: 0, coverage: 0, continuity: 0, preference: 0, fairness: 0 };
  const matches: ProposedMatch[] = [];
  const unfilled: UnfilledBlock[] = [];
  let score = 0;
  let filled = 0;
  let minutes = 0;
  const alternativesHolding = explain ? (holding ?? Holding.of(rules, s.held)) : null;
  const filledEdges: number[] = [];
  for (const pr of inst.requests) {
    const r = pr.request;
    const g0 = inst.requestBlockStart[pr.index];
    filledEdges.length = 0;
    for (let k = 0; k < r.blocks.length; k++) {
      const b = g0 + k;
      const e = blockEdge[b];
      if (e < 0) {
        const eligible = inst.edgeStart[b + 1] - inst.edgeStart[b];
        unfilled.push({
          requestId: r.id,
          blockId: r.blocks[k].id,
          eligibleTeachers: eligible,
          reason: unfilledReason(eligible, r.allowTeam),
        });
        continue;
      }
      filledEdges.push(e);
    }
    // One match per teacher on this request (in order of its first block), with its blocks.
    for (let i = 0; i < filledEdges.length; i++) {
      if (filledEdges[i] < 0) continue;
      const t = inst.edgeTeacher[filledEdges[i]];
      const edges = [filledEdges[i]];
      for (let j = i + 1; j < filledEdges.length; j++) {
        if (filledEdges[j] >= 0 && inst.edgeTeacher[filledEdges[j]] === t) {
          edges.push(filledEdges[j]);
          filledEdges[j] = -1;
        }
      }
      const pt = inst.teachers[t];
      const p = inst.edgePair[edges[0]];
      comp.skill = inst.pairSkill[p];
      const maxKm = pt.teacher.maxTravelKm;
      comp.travel = maxKm > 0 ? Math.max(0, 1 - inst.pairDistance[p] / maxKm) : 1;
      comp.coverage = inst.pairCoverage[p];
      comp.continuity = pt.previousSchools.has(r.schoolId) ? 1 : 0;
      comp.preference = pt.preferredSubjects.has(r.subjectCode) ? 1 : 0;
      comp.fairness = inst.teacherFairness[t];
      pointsOf(inst.weights, comp, points);
      const components = {} as Record<ScoreComponent, number>;
      SCORE_COMPONENTS.forEach((name, k) => (components[name] = points[k] * edges.length));
      let matchScore = 0;
      for (const e of edges) {
        const b = rules.edgeBlock[e];
        components.fairness -= penalty[b];
        matchScore += inst.edgeScore[e] - penalty[b];
        minutes += inst.blockEnd[b] - inst.blockStart[b];
      }
      score += matchScore;
      filled += edges.length;
      const alternatives: ProposedMatch['alternatives'] = [];
      if (alternativesHolding !== null) {
        for (const e of edges) {
          const b = rules.edgeBlock[e];
          alternatives.push({
            blockId: r.blocks[inst.blockLocal[b]].id,
            alternative: nextBest(inst, alternativesHolding, b, e),
          });
        }
      }
      matches.push({
        teacherId: pt.teacher.id,
        requestId: r.id,
        blockIds: edges.map((e) => r.blocks[inst.blockLocal[rules.edgeBlock[e]]].id),
        score: matchScore,
        components,
        distanceKm: Math.round(inst.pairDistance[p] * 10) / 10,
        skillMatch:
          bestSkill(pt.skills.get(r.subjectCode), LEVEL_RANK[r.level], inst.allowHigherLevelSkill).kind ??
          'exact',
        alternatives,
      });
    }
  }
  return {
    matches,
    unfilled,
    totals: {
      score,
      blocks: nb,
      blocksFilled: filled,
      fillRate: nb > 0 ? filled / nb : 1,
      minutesFilled: minutes,
      eligiblePairs: inst.edgeTeacher.length,
      teachersUsed,
    },
  };
}

const unfilledReasons = new Map<number, string>();

/** Why a block stayed unfilled (one string per eligible count and team setting, reused). */
function unfilledReason(eligible: number, allowTeam: boolean): string {
  const key = eligible * 2 + (allowTeam ? 1 : 0);
  let reason = unfilledReasons.get(key);
  if (reason === undefined) {
    reason =
      eligible === 0
        ? 'no eligible teacher (use checkEligibility to see which rule each teacher fails)'
        : `all ${eligible} eligible teacher(s) are used where they score higher, or their released days/hours, the 6-hour rule, the Working Hours Act or a same-day overlap leave no room` +
          (allowTeam ? '' : ' (the request does not allow a team)');
    if (unfilledReasons.size < 4096) unfilledReasons.set(key, reason);
  }
  return reason;
}

/** The best other eligible teacher for block b, and whether it could take b without a swap. */
function nextBest(inst: RegionInstance, holding: Holding, b: number, chosen: number): NextBestAlternative {
  let best = -1;
  for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) {
    if (e === chosen) continue;
    if (best < 0 || inst.edgeScore[e] > inst.edgeScore[best]) best = e;
  }
  if (best < 0) return { teacherId: null, score: null, scoreDifference: null, alternativeAlreadyUsed: false };
  const t = inst.edgeTeacher[best];
  return {
    teacherId: inst.teachers[t].teacher.id,
    score: inst.edgeScore[best],
    scoreDifference: inst.edgeScore[chosen] - inst.edgeScore[best],
    alternativeAlreadyUsed: !holding.canAdd(t, best),
  };
}

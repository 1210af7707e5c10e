import { CertificateError } from '../assignment/assignment.types';
import { buildInstance, RegionInstance } from './instance';
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
import { popcount, SideRules } from './side-rules';
import {
  checkTransportCertificate,
  solveTeacherSide,
  solveTransport,
  toUnitSide,
  TransportProblem,
  unitCount,
} from './transport';

/** Upper limit on fill rounds (each a small flow solve over unfilled blocks). */
const MAX_ROUNDS = 25;
/** Upper limit on full re-solves with forbidden pairs. */
const MAX_FULL_ROUNDS = 1;

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
  const edgeBlock = rules.edgeBlock;
  let M = 0;
  for (let e = 0; e < numEdges; e++) if (inst.edgeScore[e] > M) M = inst.edgeScore[e];
  const edgeCost = new Float64Array(numEdges);
  for (let e = 0; e < numEdges; e++) edgeCost[e] = M - inst.edgeScore[e];
  const base = new Int32Array(nt);
  for (let t = 0; t < nt; t++) base[t] = inst.teachers[t].committedCount;
  const held: number[][] = Array.from({ length: nt }, () => []);
  const state: SolveState = { held, base, phi };
  const allowed = new Uint8Array(numEdges).fill(1);
  const capacity = capacityBound(inst, edgeBlock, allowed, held);
  timings.graphMs += performance.now() - tg;

  // Round 1: the flow relaxation over all eligible pairs. Its optimum bounds every feasible answer.
  let flowSolves = 0;
  let certOk = true;
  const certMessages: string[] = [];
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
    const tc = performance.now();
    timings.solveMs += tc - ts;
    flowSolves++;
    const cert = checkTransportCertificate(unit.problem, sol);
    timings.certificateMs += performance.now() - tc;
    if (!cert.ok) {
      certOk = false;
      throw new CertificateError(
        `region flow solve ${flowSolves}: optimality certificate failed: ${cert.message}`,
        cert,
      );
    }
    if (flowSolves === 1) certMessages.push(`teacher-unit side, ${cert.message}`);
    return blockEdge;
  };
  const runFlow = (blockSide: TransportProblem): Int32Array => {
    const ts = performance.now();
    // The teacher-side solver (one node per teacher, convex unit arcs, no edge copies) is the
    // faster one on every region measured; the block-side one is kept for very unbalanced
    // inputs (far more capacity units than blocks). Both are certified on the block-side model.
    if (side === 'unit') return runUnitSide(blockSide);
    const teacherSide =
      side === 'auto' ? unitCount(blockSide) <= 8 * blockSide.numBlocks : side === 'teacher';
    const sol = teacherSide ? solveTeacherSide(blockSide) : solveTransport(blockSide);
    const tc = performance.now();
    timings.solveMs += tc - ts;
    flowSolves++;
    const cert = checkTransportCertificate(blockSide, sol);
    timings.certificateMs += performance.now() - tc;
    if (!cert.ok) {
      certOk = false;
      throw new CertificateError(
        `region flow solve ${flowSolves}: optimality certificate failed: ${cert.message}`,
        cert,
      );
    }
    if (flowSolves === 1)
      certMessages.push(`${teacherSide ? 'teacher side' : 'block side'}, ${cert.message}`);
    return sol.blockEdge;
  };

  // Full rounds: solve the flow over all still-allowed pairs; where a teacher's holding breaks a
  // side rule, keep its best feasible subset, forbid the rest (and, when its released days are
  // used up, every pair on its other days), and solve again. Each round is an exact, certified
  // optimum of a smaller relaxation; the first one bounds every feasible answer.
  let upperBound = 0;
  let repaired = 0;
  const changed = new Uint8Array(nt);
  let feasible = false;
  for (let round = 1; round <= MAX_FULL_ROUNDS && !feasible; round++) {
    const tb = performance.now();
    for (let t = 0; t < nt; t++) held[t] = [];
    {
      const problem =
        round === 1
          ? fullProblem(inst, edgeCost, capacity, base, phi, M)
          : restrictedProblem(inst, rules, allowed, held, base, phi, M);
      timings.sideRulesMs += round === 1 ? 0 : performance.now() - tb;
      const edges = runFlow(problem.problem);
      for (let b = 0; b < problem.blocks.length; b++) {
        const local = edges[b];
        if (local < 0) continue;
        const e = problem.edgeMap === null ? local : problem.edgeMap[local];
        held[inst.edgeTeacher[e]].push(e);
      }
    }
    if (round === 1) upperBound = objective(inst, state);
    const tr = performance.now();
    changed.fill(1);
    const dropped = repairSideRules(inst, rules, state, changed, allowed, true);
    timings.sideRulesMs += performance.now() - tr;
    repaired += dropped;
    feasible = dropped === 0;
  }

  // Fill rounds: re-offer blocks still unfilled to teachers that can add them to what they hold.
  changed.fill(0);
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const tr = performance.now();
    const sub = residualProblem(inst, rules, state, allowed, M);
    timings.sideRulesMs += performance.now() - tr;
    if (sub === null) break;
    const subEdges = runFlow(sub.problem);
    let added = 0;
    for (let k = 0; k < sub.blocks.length; k++) {
      const local = subEdges[k];
      if (local < 0) continue;
      const e = sub.edgeMap[local];
      held[inst.edgeTeacher[e]].push(e);
      changed[inst.edgeTeacher[e]] = 1;
      added++;
    }
    if (added === 0) break;
    const tr2 = performance.now();
    const dropped = repairSideRules(inst, rules, state, changed, allowed, false);
    changed.fill(0);
    timings.sideRulesMs += performance.now() - tr2;
    repaired += dropped;
  }

  // Safeguard: the greedy answer is feasible too; never return less than it.
  let usedGreedy = false;
  if (!feasible || repaired > 0) {
    const tr = performance.now();
    const greedyHeld = greedyHolding(inst, rules, base, phi);
    if (objective(inst, { held: greedyHeld, base, phi }) > objective(inst, state)) {
      for (let t = 0; t < nt; t++) held[t] = greedyHeld[t];
      usedGreedy = true;
    }
    timings.sideRulesMs += performance.now() - tr;
  }

  const tx = performance.now();
  const result = buildResult(inst, rules, state, options.explain ?? true);
  timings.explanationMs = performance.now() - tx;
  const score = result.totals.score;
  const gap = upperBound > 0 ? (upperBound - score) / upperBound : 0;
  const certificate: RegionCertificate = {
    ok: certOk,
    flowSolves,
    upperBound,
    score,
    relativeGap: gap,
    repairedAssignments: repaired,
    usedGreedyFallback: usedGreedy,
    message:
      `${flowSolves} flow solve(s) proved optimal (first: ${certMessages[0] ?? 'n/a'}); ` +
      (gap === 0
        ? 'side rules did not bind: the result is the proven optimum'
        : `side rules bound: score within ${(gap * 100).toFixed(3)}% of the flow upper bound ${upperBound}${usedGreedy ? ' (greedy answer was better and is returned)' : ''}`),
  };
  timings.totalMs = performance.now() - start;
  return { ...result, certificate, timings };
}

function fullProblem(
  inst: RegionInstance,
  edgeCost: Float64Array,
  capacity: Int32Array,
  base: Int32Array,
  phi: number,
  M: number,
): { problem: TransportProblem; blocks: { length: number }; edgeMap: null } {
  return {
    problem: {
      numBlocks: inst.numBlocks,
      numTeachers: inst.teachers.length,
      edgeStart: inst.edgeStart,
      edgeTeacher: inst.edgeTeacher,
      edgeCost,
      unfilledCost: M,
      capacity,
      base,
      phi,
    },
    blocks: { length: inst.numBlocks },
    edgeMap: null,
  };
}

/** The full flow restricted to allowed pairs (all blocks, fresh holding). */
function restrictedProblem(
  inst: RegionInstance,
  rules: SideRules,
  allowed: Uint8Array,
  held: number[][],
  base: Int32Array,
  phi: number,
  M: number,
): { problem: TransportProblem; blocks: { length: number }; edgeMap: Int32Array } {
  const nb = inst.numBlocks;
  let m = 0;
  for (let e = 0; e < allowed.length; e++) m += allowed[e];
  const edgeStart = new Int32Array(nb + 1);
  const edgeTeacher = new Int32Array(m);
  const edgeCost = new Float64Array(m);
  const edgeMap = new Int32Array(m);
  let w = 0;
  for (let b = 0; b < nb; b++) {
    edgeStart[b] = w;
    for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) {
      if (!allowed[e]) continue;
      edgeTeacher[w] = inst.edgeTeacher[e];
      edgeCost[w] = M - inst.edgeScore[e];
      edgeMap[w++] = e;
    }
  }
  edgeStart[nb] = w;
  const empty: number[][] = held.map(() => []);
  const capacity = capacityBound(inst, rules.edgeBlock, allowed, empty);
  return {
    problem: {
      numBlocks: nb,
      numTeachers: inst.teachers.length,
      edgeStart,
      edgeTeacher,
      edgeCost,
      unfilledCost: M,
      capacity,
      base,
      phi,
    },
    blocks: { length: nb },
    edgeMap,
  };
}

/** Greedy holding (best score first, every rule checked); the safeguard and the baseline. */
export function greedyHolding(
  inst: RegionInstance,
  rules: SideRules,
  base: Int32Array,
  phi: number,
): number[][] {
  const nt = inst.teachers.length;
  const held: number[][] = Array.from({ length: nt }, () => []);
  const numEdges = inst.edgeTeacher.length;
  const score = inst.edgeScore;
  const order = edgesByScoreDesc(score);
  const filled = new Uint8Array(inst.numBlocks);
  const holder = new Int32Array(inst.requests.length).fill(-1);
  const scratch: number[] = [];
  // Minutes still free and weekdays in use per teacher: necessary conditions of rules.fits, checked
  // first so that most pairs are rejected without building the candidate holding.
  const { minutesLeft, daysMask, daysUsed } = teacherLoad(inst, rules, held);
  for (let k = 0; k < numEdges; k++) {
    const e = order[k];
    const b = rules.edgeBlock[e];
    if (filled[b]) continue;
    const t = inst.edgeTeacher[e];
    const r = inst.blockRequest[b];
    if (!inst.requests[r].request.allowTeam && holder[r] >= 0 && holder[r] !== t) continue;
    if (score[e] - phi * (base[t] + held[t].length) <= 0) continue;
    const dur = inst.blockEnd[b] - inst.blockStart[b];
    if (dur > minutesLeft[t]) continue;
    const dayBit = 1 << inst.blockDay[b];
    if ((daysMask[t] & dayBit) === 0 && daysUsed[t] >= inst.teachers[t].teacher.releasedDaysPerWeek) continue;
    scratch.length = 0;
    for (const x of held[t]) scratch.push(x);
    scratch.push(e);
    if (!rules.fits(t, scratch, scratch.length)) continue;
    held[t].push(e);
    filled[b] = 1;
    holder[r] = t;
    minutesLeft[t] -= dur;
    if ((daysMask[t] & dayBit) === 0) {
      daysMask[t] |= dayBit;
      daysUsed[t]++;
    }
  }
  return held;
}

/**
 * Per teacher: minutes still free (released minutes and Working Hours Act, committed and held
 * blocks counted), the weekday mask in use and its size. A pair whose block is longer than the
 * free minutes, or falls on a new weekday when all released days are used, never fits.
 */
function teacherLoad(
  inst: RegionInstance,
  rules: SideRules,
  held: readonly number[][],
): { minutesLeft: Float64Array; daysMask: Int32Array; daysUsed: Int32Array } {
  const nt = inst.teachers.length;
  const minutesLeft = new Float64Array(nt);
  const daysMask = new Int32Array(nt);
  const daysUsed = new Int32Array(nt);
  for (let t = 0; t < nt; t++) {
    const pt = inst.teachers[t];
    let minutes = Math.min(pt.releasedMinutesLeft, pt.workingMinutesLeft);
    let days = pt.committedDaysMask;
    for (const e of held[t]) {
      const b = rules.edgeBlock[e];
      minutes -= inst.blockEnd[b] - inst.blockStart[b];
      days |= 1 << inst.blockDay[b];
    }
    minutesLeft[t] = minutes;
    daysMask[t] = days;
    daysUsed[t] = popcount(days);
  }
  return { minutesLeft, daysMask, daysUsed };
}

/** Edge indices by score, highest first, ties by index (counting sort: scores are small integers). */
function edgesByScoreDesc(score: Int32Array): Int32Array {
  const n = score.length;
  let min = Infinity;
  let max = -Infinity;
  for (let e = 0; e < n; e++) {
    if (score[e] < min) min = score[e];
    if (score[e] > max) max = score[e];
  }
  const order = new Int32Array(n);
  if (n === 0) return order;
  const range = max - min + 1;
  if (range > 4 * n + 1024) {
    for (let e = 0; e < n; e++) order[e] = e;
    return order.sort((a, b) => score[b] - score[a] || a - b);
  }
  const count = new Int32Array(range + 1);
  for (let e = 0; e < n; e++) count[max - score[e] + 1]++;
  for (let k = 0; k < range; k++) count[k + 1] += count[k];
  for (let e = 0; e < n; e++) order[count[max - score[e]]++] = e;
  return order;
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
  allowed: Uint8Array,
  held: number[][],
): Int32Array {
  const nt = inst.teachers.length;
  const { start, order } = edgesByTeacherDayEnd(inst, edgeBlock);
  const { blockStart, blockEnd, blockDay } = inst;
  const cap = new Int32Array(nt);
  const smallest = new Float64Array(64);
  const dayCount = new Int32Array(8);
  const others: number[] = [];
  for (let t = 0; t < nt; t++) {
    const pt = inst.teachers[t];
    // Pass 1: allowed pairs, the shortest block, and per weekday the most non-overlapping blocks
    // (interval scheduling, earliest end first: the order is by weekday, then end).
    let n = 0;
    let minDur = Infinity;
    dayCount.fill(0);
    let day = -1;
    let lastEnd = -1;
    for (let k = start[t]; k < start[t + 1]; k++) {
      const e = order[k];
      if (!allowed[e]) continue;
      n++;
      const b = edgeBlock[e];
      const dur = blockEnd[b] - blockStart[b];
      if (dur < minDur) minDur = dur;
      const d = blockDay[b];
      if (d !== day) {
        day = d;
        lastEnd = -1;
      }
      if (blockStart[b] >= lastEnd) {
        dayCount[d]++;
        lastEnd = blockEnd[b];
      }
    }
    if (n === 0) continue;
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
      for (let k = start[t]; k < start[t + 1]; k++) {
        const e = order[k];
        if (!allowed[e]) continue;
        const b = edgeBlock[e];
        const dur = blockEnd[b] - blockStart[b];
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
    others.length = 0;
    for (let d = 1; d <= 7; d++) {
      const c = dayCount[d];
      if (c === 0) continue;
      if (days & (1 << d)) byDays += c;
      else others.push(c);
    }
    others.sort((x, y) => y - x);
    for (let k = 0; k < Math.min(freeDays, others.length); k++) byDays += others[k];
    cap[t] = Math.max(0, Math.min(n, byMinutes, byDays));
  }
  return cap;
}

const teacherDayEndCache = new WeakMap<RegionInstance, { start: Int32Array; order: Int32Array }>();

/**
 * Every edge grouped by teacher, then weekday, then block end (two stable counting sorts, once
 * per instance): capacityBound scans it without sorting.
 */
function edgesByTeacherDayEnd(
  inst: RegionInstance,
  edgeBlock: Int32Array,
): { start: Int32Array; order: Int32Array } {
  const cached = teacherDayEndCache.get(inst);
  if (cached) return cached;
  const nt = inst.teachers.length;
  const numEdges = inst.edgeTeacher.length;
  // By end (0..1440), stable in edge order.
  const endCount = new Int32Array(1442);
  for (let e = 0; e < numEdges; e++) endCount[inst.blockEnd[edgeBlock[e]] + 1]++;
  for (let k = 0; k < 1441; k++) endCount[k + 1] += endCount[k];
  const byEnd = new Int32Array(numEdges);
  for (let e = 0; e < numEdges; e++) byEnd[endCount[inst.blockEnd[edgeBlock[e]]]++] = e;
  // Then by (teacher, weekday), stable.
  const keyCount = new Int32Array(nt * 8 + 1);
  for (let e = 0; e < numEdges; e++) keyCount[inst.edgeTeacher[e] * 8 + inst.blockDay[edgeBlock[e]] + 1]++;
  for (let k = 0; k < nt * 8; k++) keyCount[k + 1] += keyCount[k];
  const start = new Int32Array(nt + 1);
  for (let t = 0; t <= nt; t++) start[t] = keyCount[t * 8];
  const order = new Int32Array(numEdges);
  for (let q = 0; q < numEdges; q++) {
    const e = byEnd[q];
    order[keyCount[inst.edgeTeacher[e] * 8 + inst.blockDay[edgeBlock[e]]]++] = e;
  }
  const result = { start, order };
  teacherDayEndCache.set(inst, result);
  return result;
}

/**
 * Makes every teacher's holding satisfy the side rules (best-scoring feasible subset) and every
 * no-team request single-teacher (keeps the teacher with the most score on it). Dropped pairs are
 * forbidden from then on. Returns the number of dropped assignments.
 */
function repairSideRules(
  inst: RegionInstance,
  rules: SideRules,
  s: SolveState,
  changed: Uint8Array,
  allowed: Uint8Array,
  dayLock: boolean,
): number {
  let dropped = 0;
  for (let t = 0; t < s.held.length; t++) {
    if (!changed[t] || s.held[t].length === 0) continue;
    const h = s.held[t];
    if (rules.fits(t, h, h.length)) continue;
    const keep = rules.bestSubset(t, h, s.base[t], s.phi);
    const keepSet = new Set(keep);
    for (const e of h) {
      if (!keepSet.has(e)) {
        allowed[e] = 0;
        dropped++;
      }
    }
    s.held[t] = sortByBlock(keep);
    if (dayLock) dropped += lockDays(inst, rules, t, keep, allowed);
  }
  // No-team requests: one teacher per request.
  const holders = new Map<number, Map<number, number>>();
  for (let t = 0; t < s.held.length; t++) {
    for (const e of s.held[t]) {
      const r = inst.blockRequest[rules.edgeBlock[e]];
      if (inst.requests[r].request.allowTeam) continue;
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
      for (const e of s.held[t]) {
        if (inst.blockRequest[rules.edgeBlock[e]] === r) {
          allowed[e] = 0;
          dropped++;
        } else keep.push(e);
      }
      s.held[t] = keep;
    }
  }
  return dropped;
}

/**
 * When the kept blocks use up a teacher's released days, forbid every pair of that teacher on
 * another day (they can never be added). Returns the number of pairs forbidden.
 */
function lockDays(
  inst: RegionInstance,
  rules: SideRules,
  t: number,
  keep: number[],
  allowed: Uint8Array,
): number {
  const pt = inst.teachers[t];
  let days = pt.committedDaysMask;
  for (const e of keep) days |= 1 << inst.blockDay[rules.edgeBlock[e]];
  let used = 0;
  for (let d = 1; d <= 7; d++) if (days & (1 << d)) used++;
  if (used < pt.teacher.releasedDaysPerWeek) return 0;
  let forbidden = 0;
  for (const e of rules.teacherEdges(t)) {
    if (allowed[e] && (days & (1 << inst.blockDay[rules.edgeBlock[e]])) === 0) {
      allowed[e] = 0;
      forbidden++;
    }
  }
  return forbidden;
}

function sortByBlock(edges: number[]): number[] {
  return edges.sort((a, b) => a - b);
}

/**
 * The flow over blocks still unfilled, with only the edges a teacher can add to what it already
 * holds without breaking a side rule, and capacities/fairness counted from the current holding.
 */
function residualProblem(
  inst: RegionInstance,
  rules: SideRules,
  s: SolveState,
  allowed: Uint8Array,
  M: number,
): { problem: TransportProblem; blocks: number[]; edgeMap: Int32Array } | null {
  const nb = inst.numBlocks;
  const nt = inst.teachers.length;
  const filled = new Uint8Array(nb);
  const requestHolder = new Int32Array(inst.requests.length).fill(-1);
  for (let t = 0; t < nt; t++) {
    for (const e of s.held[t]) {
      const b = rules.edgeBlock[e];
      filled[b] = 1;
      requestHolder[inst.blockRequest[b]] = t;
    }
  }
  const blocks: number[] = [];
  const starts: number[] = [0];
  const edgeMap: number[] = [];
  const scratch: number[] = [];
  const { minutesLeft, daysMask, daysUsed } = teacherLoad(inst, rules, s.held);
  for (let b = 0; b < nb; b++) {
    if (filled[b]) continue;
    const req = inst.requests[inst.blockRequest[b]].request;
    const holder = req.allowTeam ? -1 : requestHolder[inst.blockRequest[b]];
    const before = edgeMap.length;
    const dur = inst.blockEnd[b] - inst.blockStart[b];
    const dayBit = 1 << inst.blockDay[b];
    for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) {
      if (!allowed[e]) continue;
      const t = inst.edgeTeacher[e];
      if (holder >= 0 && t !== holder) continue;
      if (dur > minutesLeft[t]) continue;
      if ((daysMask[t] & dayBit) === 0 && daysUsed[t] >= inst.teachers[t].teacher.releasedDaysPerWeek)
        continue;
      const h = s.held[t];
      scratch.length = 0;
      for (const x of h) scratch.push(x);
      scratch.push(e);
      if (!rules.fits(t, scratch, scratch.length)) continue;
      edgeMap.push(e);
    }
    if (edgeMap.length > before) {
      blocks.push(b);
      starts.push(edgeMap.length);
    }
  }
  if (blocks.length === 0) return null;
  const edgeTeacher = new Int32Array(edgeMap.length);
  const edgeCost = new Float64Array(edgeMap.length);
  const subAllowed = new Uint8Array(inst.edgeTeacher.length);
  for (let k = 0; k < edgeMap.length; k++) {
    const e = edgeMap[k];
    edgeTeacher[k] = inst.edgeTeacher[e];
    edgeCost[k] = M - inst.edgeScore[e];
    subAllowed[e] = 1;
  }
  const capacity = capacityBound(inst, rules.edgeBlock, subAllowed, s.held);
  const base = new Int32Array(nt);
  for (let t = 0; t < nt; t++) base[t] = s.base[t] + s.held[t].length;
  return {
    problem: {
      numBlocks: blocks.length,
      numTeachers: nt,
      edgeStart: Int32Array.from(starts),
      edgeTeacher,
      edgeCost,
      unfilledCost: M,
      capacity,
      base,
      phi: s.phi,
    },
    blocks,
    edgeMap: Int32Array.from(edgeMap),
  };
}

/** Turns a feasible holding into matches with component breakdowns and explanations. */
export function buildResult(
  inst: RegionInstance,
  rules: SideRules,
  s: SolveState,
  explain: boolean,
): Pick<RegionResult, 'matches' | 'unfilled' | 'totals'> {
  const nb = inst.numBlocks;
  const nt = inst.teachers.length;
  const blockEdge = new Int32Array(nb).fill(-1);
  const penalty = new Float64Array(inst.edgeTeacher.length);
  let teachersUsed = 0;
  for (let t = 0; t < nt; t++) {
    const h = sortByBlock(s.held[t]);
    if (h.length > 0) teachersUsed++;
    h.forEach((e, k) => {
      blockEdge[rules.edgeBlock[e]] = e;
      penalty[e] = s.phi * (s.base[t] + k);
    });
  }
  const points = new Int32Array(SCORE_COMPONENTS.length);
  const comp = { skill: 0, travel: 0, coverage: 0, continuity: 0, preference: 0, fairness: 0 };
  const matches: ProposedMatch[] = [];
  const unfilled: UnfilledBlock[] = [];
  let score = 0;
  let filled = 0;
  let minutes = 0;
  const scratch: number[] = [];
  for (const pr of inst.requests) {
    const r = pr.request;
    const g0 = inst.requestBlockStart[pr.index];
    const byTeacher = new Map<number, number[]>();
    for (let k = 0; k < r.blocks.length; k++) {
      const b = g0 + k;
      const e = blockEdge[b];
      if (e < 0) {
        const eligible = inst.edgeStart[b + 1] - inst.edgeStart[b];
        unfilled.push({
          requestId: r.id,
          blockId: r.blocks[k].id,
          eligibleTeachers: eligible,
          reason:
            eligible === 0
              ? 'no eligible teacher (use checkEligibility to see which rule each teacher fails)'
              : `all ${eligible} eligible teacher(s) are used where they score higher, or their released days/hours, the 6-hour rule, the Working Hours Act or a same-day overlap leave no room` +
                (r.allowTeam ? '' : ' (the request does not allow a team)'),
        });
        continue;
      }
      const t = inst.edgeTeacher[e];
      const list = byTeacher.get(t);
      if (list) list.push(e);
      else byTeacher.set(t, [e]);
    }
    for (const [t, edges] of byTeacher) {
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
        components.fairness -= penalty[e];
        matchScore += inst.edgeScore[e] - penalty[e];
        const b = rules.edgeBlock[e];
        minutes += inst.blockEnd[b] - inst.blockStart[b];
      }
      score += matchScore;
      filled += edges.length;
      const alternatives: ProposedMatch['alternatives'] = [];
      if (explain) {
        for (const e of edges) {
          const b = rules.edgeBlock[e];
          alternatives.push({
            blockId: r.blocks[inst.blockLocal[b]].id,
            alternative: nextBest(inst, rules, s, b, e, scratch),
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

/** The best other eligible teacher for block b, and whether it could take b without a swap. */
function nextBest(
  inst: RegionInstance,
  rules: SideRules,
  s: SolveState,
  b: number,
  chosen: number,
  scratch: number[],
): NextBestAlternative {
  let best = -1;
  for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) {
    if (e === chosen) continue;
    if (best < 0 || inst.edgeScore[e] > inst.edgeScore[best]) best = e;
  }
  if (best < 0) return { teacherId: null, score: null, scoreDifference: null, alternativeAlreadyUsed: false };
  const t = inst.edgeTeacher[best];
  scratch.length = 0;
  for (const x of s.held[t]) scratch.push(x);
  scratch.push(best);
  const free = rules.fits(t, scratch, scratch.length);
  return {
    teacherId: inst.teachers[t].teacher.id,
    score: inst.edgeScore[best],
    scoreDifference: inst.edgeScore[chosen] - inst.edgeScore[best],
    alternativeAlreadyUsed: !free,
  };
}

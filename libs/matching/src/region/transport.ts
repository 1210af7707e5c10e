import { BucketQueue } from '../assignment/bucket-queue';
import { OptimalityCertificate } from '../assignment/assignment.types';

/**
 * The flow model of one region solve: blocks (demand 1, may stay unfilled) and teachers
 * (capacity in blocks) on a sparse bipartite graph in CSR form by block.
 *
 *   min  sum_e cost[e] x_e + M * (unfilled blocks) + sum_t sum_{s < load_t} phi * (base_t + s)
 *   s.t. every block is covered once (by a teacher edge or left unfilled), load_t <= cap_t.
 *
 * cost[e] = M - score[e] with M >= every score, so minimising cost maximises score minus the
 * convex fairness penalty phi * (base_t + s) of the s-th new block of teacher t. All data are
 * integers, so the solution and its dual certificate are exact.
 */
export interface TransportProblem {
  numBlocks: number;
  numTeachers: number;
  /** Edges of block b: edgeStart[b] .. edgeStart[b + 1] - 1. */
  edgeStart: Int32Array;
  edgeTeacher: Int32Array;
  edgeCost: Float64Array;
  /** Cost of leaving a block unfilled (= score 0). */
  unfilledCost: number;
  capacity: Int32Array;
  /** Blocks a teacher already holds (fairness counts from here). */
  base: Int32Array;
  /** Fairness penalty per block already held (phi). */
  phi: number;
}

export interface TransportSolution {
  /** Teacher of each block, -1 when unfilled. */
  blockTeacher: Int32Array;
  /** Edge index used by each block, -1 when unfilled. */
  blockEdge: Int32Array;
  load: Int32Array;
  cost: number;
  /** Node potentials: blocks 0..nb-1, teachers nb..nb+nt-1, sink nb+nt. */
  potential: Float64Array;
}

/**
 * Successive shortest paths with node potentials, one augmentation per block (Dijkstra from the
 * block to the sink over the residual graph, bucket queue on integer reduced costs, early stop).
 * Optimal for the transport model above; its optimality is checked by checkTransportCertificate.
 */
export function solveTransport(p: TransportProblem): TransportSolution {
  const nb = p.numBlocks;
  const nt = p.numTeachers;
  const sink = nb + nt;
  const numNodes = nb + nt + 1;
  const { edgeStart, edgeTeacher, edgeCost, capacity, base, phi } = p;
  const M = p.unfilledCost;

  const blockTeacher = new Int32Array(nb).fill(-1);
  const blockEdge = new Int32Array(nb).fill(-1);
  const load = new Int32Array(nt);
  // Blocks held by each teacher: slots teacherOffset[t] .. + capacity[t].
  const teacherOffset = new Int32Array(nt + 1);
  for (let t = 0; t < nt; t++) teacherOffset[t + 1] = teacherOffset[t] + Math.max(0, capacity[t]);
  const held = new Int32Array(teacherOffset[nt]);

  const pot = new Float64Array(numNodes);
  const dist = new Float64Array(numNodes);
  const reached = new Int32Array(numNodes);
  const done = new Int32Array(numNodes);
  const pred = new Int32Array(numNodes);
  const predEdge = new Int32Array(numNodes);
  const popped = new Int32Array(numNodes);
  const queue = new BucketQueue(1024);

  for (let b0 = 0; b0 < nb; b0++) {
    const epoch = b0 + 1;
    if (edgeStart[b0] === edgeStart[b0 + 1]) continue; // no eligible teacher: stays unfilled
    let numPopped = 0;
    queue.reset(0);
    reached[b0] = epoch;
    dist[b0] = 0;
    queue.push(b0, 0);
    let D = -1;
    while (!queue.isEmpty) {
      const x = queue.pop();
      const dx = queue.lastKey;
      if (done[x] === epoch || dist[x] !== dx) continue;
      done[x] = epoch;
      popped[numPopped++] = x;
      if (x === sink) {
        D = dx;
        break;
      }
      const px = pot[x];
      if (x < nb) {
        // Block: forward edges to teachers other than its own, and the unfilled option.
        const own = blockTeacher[x];
        for (let e = edgeStart[x]; e < edgeStart[x + 1]; e++) {
          const t = edgeTeacher[e];
          if (t === own) continue;
          const y = nb + t;
          if (done[y] === epoch) continue;
          const key = dx + edgeCost[e] + px - pot[y];
          if (reached[y] !== epoch || key < dist[y]) {
            reached[y] = epoch;
            dist[y] = key;
            pred[y] = x;
            predEdge[y] = e;
            queue.push(y, key);
          }
        }
        const key = dx + M + px - pot[sink];
        if (reached[sink] !== epoch || key < dist[sink]) {
          reached[sink] = epoch;
          dist[sink] = key;
          pred[sink] = x;
          predEdge[sink] = -1;
          queue.push(sink, key);
        }
      } else {
        const t = x - nb;
        // Teacher: a free capacity unit ends the path; held blocks can be handed over.
        if (load[t] < capacity[t]) {
          const key = dx + phi * (base[t] + load[t]) + px - pot[sink];
          if (reached[sink] !== epoch || key < dist[sink]) {
            reached[sink] = epoch;
            dist[sink] = key;
            pred[sink] = x;
            predEdge[sink] = -1;
            queue.push(sink, key);
          }
        }
        const off = teacherOffset[t];
        for (let k = 0; k < load[t]; k++) {
          const b = held[off + k];
          if (done[b] === epoch) continue;
          const key = dx - edgeCost[blockEdge[b]] + px - pot[b];
          if (reached[b] !== epoch || key < dist[b]) {
            reached[b] = epoch;
            dist[b] = key;
            pred[b] = x;
            predEdge[b] = blockEdge[b];
            queue.push(b, key);
          }
        }
      }
    }
    if (D < 0) throw new Error('transport solve: sink unreachable (internal error)');
    for (let k = 0; k < numPopped; k++) {
      const x = popped[k];
      pot[x] += dist[x] - D;
    }
    // Augment along sink <- ... <- b0.
    let x = pred[sink];
    if (x < nb) {
      if (x === b0) continue; // best is to leave b0 unfilled
      release(x);
      x = pred[x];
    }
    for (;;) {
      const t = x - nb;
      const b = pred[x];
      const e = predEdge[x];
      if (blockTeacher[b] >= 0) release(b);
      blockTeacher[b] = t;
      blockEdge[b] = e;
      held[teacherOffset[t] + load[t]++] = b;
      if (b === b0) break;
      x = pred[b];
    }
  }

  // A block without edges was never searched: its dual is the unfilled cost.
  for (let b = 0; b < nb; b++) if (edgeStart[b] === edgeStart[b + 1]) pot[b] = pot[sink] - M;
  let cost = 0;
  for (let b = 0; b < nb; b++) cost += blockEdge[b] >= 0 ? edgeCost[blockEdge[b]] : M;
  for (let t = 0; t < nt; t++) for (let s = 0; s < load[t]; s++) cost += phi * (base[t] + s);
  return { blockTeacher, blockEdge, load, cost, potential: pot };

  function release(b: number): void {
    const t = blockTeacher[b];
    const off = teacherOffset[t];
    const last = --load[t];
    for (let k = 0; k <= last; k++) {
      if (held[off + k] === b) {
        held[off + k] = held[off + last];
        break;
      }
    }
    blockTeacher[b] = -1;
    blockEdge[b] = -1;
  }
}

/**
 * LP-duality check of a transport solution. Duals: u_b = pot[sink] - pot[b] per block, v_t =
 * pot[sink] - pot[nb + t] per teacher, z_ts = max(0, v_t - phi (base_t + s)) per capacity unit.
 * Dual feasible: u_b - v_t <= cost_e on every edge, u_b <= M. Dual objective: sum u_b - sum z_ts.
 * Primal feasible: every block covered at most once on an existing edge, load_t <= cap_t.
 */
export function checkTransportCertificate(p: TransportProblem, s: TransportSolution): OptimalityCertificate {
  const nb = p.numBlocks;
  const nt = p.numTeachers;
  const sink = nb + nt;
  const pot = s.potential;
  const failures: string[] = [];
  let primalFeasible = true;
  let primal = 0;
  const load = new Int32Array(nt);
  for (let b = 0; b < nb; b++) {
    const e = s.blockEdge[b];
    if (e < 0) {
      primal += p.unfilledCost;
      continue;
    }
    if (e < p.edgeStart[b] || e >= p.edgeStart[b + 1] || p.edgeTeacher[e] !== s.blockTeacher[b]) {
      primalFeasible = false;
      failures.push(`block ${b} uses an edge that is not its own`);
      break;
    }
    primal += p.edgeCost[e];
    load[s.blockTeacher[b]]++;
  }
  for (let t = 0; t < nt; t++) {
    if (load[t] > p.capacity[t]) {
      primalFeasible = false;
      failures.push(`teacher ${t} over capacity`);
      break;
    }
    for (let k = 0; k < load[t]; k++) primal += p.phi * (p.base[t] + k);
  }
  let maxViolation = 0;
  let dual = 0;
  const ps = pot[sink];
  for (let b = 0; b < nb; b++) {
    const ub = ps - pot[b];
    dual += ub;
    const over = ub - p.unfilledCost;
    if (over > maxViolation) maxViolation = over;
    for (let e = p.edgeStart[b]; e < p.edgeStart[b + 1]; e++) {
      const vt = ps - pot[nb + p.edgeTeacher[e]];
      const viol = ub - vt - p.edgeCost[e];
      if (viol > maxViolation) maxViolation = viol;
    }
  }
  for (let t = 0; t < nt; t++) {
    const vt = ps - pot[nb + t];
    for (let k = 0; k < p.capacity[t]; k++) {
      const z = vt - p.phi * (p.base[t] + k);
      if (z <= 0) break;
      dual -= z;
    }
  }
  const dualFeasible = maxViolation === 0 && Number.isFinite(dual);
  if (!dualFeasible) failures.push(`dual infeasible by ${maxViolation}`);
  const equal = primal === dual;
  if (!equal) failures.push(`objectives differ: primal ${primal} vs dual ${dual}`);
  const ok = primalFeasible && dualFeasible && equal;
  return {
    ok,
    primalFeasible,
    dualFeasible,
    primalObjective: primal,
    dualObjective: dual,
    maxDualViolation: maxViolation,
    message: ok ? `optimal: primal ${primal} = dual ${dual}` : failures.join('; '),
  };
}

/**
 * The same model seen from the teachers: one row per capacity unit (t, s) carrying t's edges at
 * cost + phi * (base_t + s), "unit unused" at the unfilled cost, and every block a column of
 * capacity 1 (phi 0). Convex unit costs make both models have the same optimal assignments
 * (block-side cost - unit-side cost = (blocks - units) * unfilledCost). When teachers are scarce
 * this side is much faster: most augmenting paths end at a free block after a few steps.
 * `edgeMap` maps each unit-side edge to the block-side edge it copies.
 */
export function toUnitSide(p: TransportProblem): { problem: TransportProblem; edgeMap: Int32Array } {
  const nb = p.numBlocks;
  const nt = p.numTeachers;
  const deg = new Int32Array(nt + 1);
  for (let e = 0; e < p.edgeTeacher.length; e++) deg[p.edgeTeacher[e] + 1]++;
  const tStart = new Int32Array(nt + 1);
  for (let t = 0; t < nt; t++) tStart[t + 1] = tStart[t] + deg[t + 1];
  const fill = tStart.slice(0, nt);
  const tEdges = new Int32Array(p.edgeTeacher.length);
  const edgeBlock = new Int32Array(p.edgeTeacher.length);
  for (let b = 0; b < nb; b++) {
    for (let e = p.edgeStart[b]; e < p.edgeStart[b + 1]; e++) {
      tEdges[fill[p.edgeTeacher[e]]++] = e;
      edgeBlock[e] = b;
    }
  }
  let units = 0;
  let m = 0;
  for (let t = 0; t < nt; t++) {
    const d = tStart[t + 1] - tStart[t];
    const c = Math.min(p.capacity[t], d);
    units += c;
    m += c * d;
  }
  const edgeStart = new Int32Array(units + 1);
  const edgeTeacher = new Int32Array(m);
  const edgeCost = new Float64Array(m);
  const edgeMap = new Int32Array(m);
  // Rows in round-robin order (every teacher's first unit, then every second unit, ...): the
  // cheapest units are placed first, so later (dearer) units mostly end at a free block or stay
  // unused after a short search. SSP is exact in any row order.
  let maxCap = 0;
  for (let t = 0; t < nt; t++) maxCap = Math.max(maxCap, Math.min(p.capacity[t], tStart[t + 1] - tStart[t]));
  let row = 0;
  let w = 0;
  for (let s = 0; s < maxCap; s++) {
    for (let t = 0; t < nt; t++) {
      const d = tStart[t + 1] - tStart[t];
      if (s >= Math.min(p.capacity[t], d)) continue;
      edgeStart[row++] = w;
      const extra = p.phi * (p.base[t] + s);
      for (let k = tStart[t]; k < tStart[t + 1]; k++) {
        const e = tEdges[k];
        edgeTeacher[w] = edgeBlock[e];
        edgeCost[w] = p.edgeCost[e] + extra;
        edgeMap[w++] = e;
      }
    }
  }
  edgeStart[units] = w;
  return {
    problem: {
      numBlocks: units,
      numTeachers: nb,
      edgeStart,
      edgeTeacher,
      edgeCost,
      unfilledCost: p.unfilledCost,
      capacity: new Int32Array(nb).fill(1),
      base: new Int32Array(nb),
      phi: 0,
    },
    edgeMap,
  };
}

/** Number of unit rows the unit-side model would have. */
export function unitCount(p: TransportProblem): number {
  const deg = new Int32Array(p.numTeachers);
  for (let e = 0; e < p.edgeTeacher.length; e++) deg[p.edgeTeacher[e]]++;
  let units = 0;
  for (let t = 0; t < p.numTeachers; t++) units += Math.min(p.capacity[t], deg[t]);
  return units;
}

/**
 * The teacher-side solve of the same model without copying edges per capacity unit: ONE node per
 * teacher, its capacity as parallel unit arcs root -> teacher with convex costs phi * (base + s).
 * Units are added round-robin (every teacher's first unit, then every second unit, ...); adding a
 * unit cancels the most negative cycle through it, found by one Dijkstra from the teacher to the
 * root over the residual graph (forward pair arcs at cost[e], a held block back to its teacher at
 * -cost[e], a free block to the root at -M, a teacher releasing its dearest unit at
 * -phi * (base + load - 1)), with integer reduced costs in a LIFO bucket queue and
 * Jonker–Volgenant potential updates (see TeacherSideFlow). A unit that is not worth using ends
 * its teacher (its later units cost more).
 *
 * Needs integer data (costs and M in [0, 2^25], integer phi, unit costs within 2^25): reduced
 * costs are bucket indices, and labels and potentials fit in Int32Arrays (see MAX_DATA).
 *
 * Returns a block-side solution with block-side duals, so `checkTransportCertificate(p, ...)`
 * certifies it on the original model: u_b = pi(b) - pi(root) for filled blocks, M for unfilled
 * ones, v_t = pi(t) - pi(root).
 */
export function solveTeacherSide(p: TransportProblem): TransportSolution {
  const nt = p.numTeachers;
  const { capacity, base, phi } = p;
  const flow = new TeacherSideFlow(p);
  const { pi, load, degree, root } = flow;
  // Units per teacher: up to min(cap, deg + 1) (the extra unit, when cap > deg, proves that a
  // teacher holding all its pairs wants no more: it fixes the dual of its next unit).
  let maxUnits = 0;
  const units = new Int32Array(nt);
  const stopped = new Uint8Array(nt);
  for (let t = 0; t < nt; t++) {
    units[t] = degree[t] === 0 ? 0 : Math.max(0, Math.min(capacity[t], degree[t] + 1));
    if (units[t] > maxUnits) maxUnits = units[t];
  }
  for (let s0 = 0; s0 < maxUnits; s0++) {
    for (let t0 = 0; t0 < nt; t0++) {
      if (stopped[t0] || s0 >= units[t0]) continue;
      if (load[t0] !== s0) {
        stopped[t0] = 1; // a cheaper unit of t0 is unused: this dearer one never pays
        continue;
      }
      // The new unit arc root -> t0 costs phi * (base + s0); a cycle through it pays only when its
      // rest is shorter than `limit` (in reduced costs).
      const limit = pi[t0] - pi[root] - phi * (base[t0] + s0);
      // A unit that does not pay (its arc already has a reduced cost >= 0, or no cycle is short
      // enough) stays unused, and so do t0's dearer units.
      if (limit <= 0 || !flow.addUnit(t0, limit)) stopped[t0] = 1;
    }
  }
  return flow.solution();
}

/**
 * The state of a teacher-side solve (see solveTeacherSide) and its search for the most negative
 * cycle through a new unit arc.
 *
 * The shortcuts in the search (the first-pair shortcut, a bounded radius, early stops in the pair
 * lists, chunks skipped, blocks not queued, holders settled at once) drop only labels and queue
 * entries that cannot change which nodes it settles, in which order, or which label wins a tie:
 * the solution and the potentials are those of a plain Dijkstra that relaxes every arc and queues
 * every labelled node in a LIFO bucket queue.
 */
class TeacherSideFlow {
  readonly nt: number;
  /** Nodes: teachers 0..nt-1, blocks nt..nt+nb-1, root nt+nb. */
  readonly root: number;
  /** Each teacher's pairs, cheapest first (see teacherPairLists). */
  readonly listStart: Int32Array;
  readonly degree: Int32Array;
  readonly pairs: Int32Array;
  /**
   * Potentials. They start at M (root 0): every residual arc then has a reduced cost >= 0 (pair
   * arcs cost[e] >= 0, free block -> root 0). They only decrease afterwards; a free block keeps
   * pi = M (its arc to the root keeps a reduced cost >= 0) and the root keeps 0.
   */
  readonly pi: Int32Array;
  readonly blockTeacher: Int32Array;
  readonly load: Int32Array;
  /**
   * A lower bound per chunk of a teacher's list on w = cost - pi(block) over its pairs (NO_BOUND
   * until the chunk is first scanned). pi only decreases, so w only grows and a bound stays true;
   * each scan of the chunk refreshes it.
   */
  private readonly chunkBound: Int32Array;
  /**
   * Search labels (NO_LABEL: not reached in this search; reset through `labelled` after each).
   * Reduced costs are >= 0, so a settled node's label is never lowered again: no "done" marks.
   */
  private readonly dist: Int32Array;
  private readonly labelled: Int32Array;
  private readonly pred: Int32Array;
  /** Teachers in the order the search settled them (to scan them again when the radius grows). */
  private readonly settled: Int32Array;
  /**
   * The search's bucket queue (Dial): bucketHead[key] is the last entry pushed with that key (-1:
   * none), entries are chained by entryNext, so a bucket pops last-in first-out.
   */
  private bucketHead = new Int32Array(1024).fill(-1);
  private entryNode = new Int32Array(1024);
  private entryKey = new Int32Array(1024);
  private entryNext = new Int32Array(1024);
  /** Length of the last cycle found (in reduced costs): the next search's radius is guessed from it. */
  private lastCycle = 0;

  constructor(private readonly p: TransportProblem) {
    const nt = (this.nt = p.numTeachers);
    const M = p.unfilledCost;
    const { listStart, degree, pairs } = teacherPairLists(p);
    this.listStart = listStart;
    this.degree = degree;
    this.pairs = pairs;
    this.root = nt + p.numBlocks;
    const numNodes = this.root + 1;
    this.pi = new Int32Array(numNodes).fill(M);
    this.pi[this.root] = 0;
    const numChunks = listStart[nt] >> PAIR_CHUNK_SHIFT;
    this.chunkBound = scratch(SCRATCH_CHUNK_BOUND, numChunks).fill(NO_BOUND, 0, numChunks);
    this.blockTeacher = new Int32Array(p.numBlocks).fill(-1);
    this.load = new Int32Array(nt);
    this.dist = new Int32Array(numNodes).fill(NO_LABEL);
    this.labelled = new Int32Array(numNodes);
    this.pred = new Int32Array(numNodes);
    this.settled = new Int32Array(nt);
  }

  /**
   * Adds a unit arc root -> t0 whose reduced cost is -limit < 0: finds the shortest path from t0
   * back to the root (Dijkstra on reduced costs), updates the potentials, and augments along the
   * cycle when it is shorter than `limit` (true). Otherwise (false) the unit stays unused; the
   * potential update truncated at `limit` keeps all reduced costs >= 0 and gives the unit arc a
   * reduced cost of 0.
   */
  addUnit(t0: number, limit: number): boolean {
    const { nt, root, listStart, pairs, pi, blockTeacher, load, chunkBound } = this;
    const { dist, labelled, pred, settled } = this;
    const { base, phi } = this.p;
    const M = this.p.unfilledCost;
    // Shortcut: when t0's cheapest pair leads to a free block, that pair is the shortest way back
    // to the root (every path leaves t0 through a pair at least as dear, as pi <= M, and its own
    // release arc is not shorter either): the search would settle t0 alone and stop there.
    const first = pairs[2 * listStart[t0] + 1];
    if (blockTeacher[first - nt] < 0) {
      const cycle = pi[t0] + pairs[2 * listStart[t0]] - M;
      const release = load[t0] > 0 ? pi[t0] - phi * (base[t0] + load[t0] - 1) : NO_LABEL;
      if (cycle < limit && cycle < release) {
        pi[t0] -= cycle;
        load[t0]++;
        blockTeacher[first - nt] = t0;
        this.lastCycle = cycle;
        return true;
      }
    }
    // The search keeps only labels below `radius` (<= limit): the cycle is usually far shorter
    // than `limit`, and most labels the search would set are never settled. Nodes closer than the
    // radius are settled exactly as without it; if the root is not reached, the radius grows and
    // the teachers settled so far are scanned again, in the same order, for the labels they
    // skipped (see below). Every key in the queue is below the radius.
    let radius = Math.min(limit, Math.max(MIN_RADIUS, 2 * this.lastCycle + 1));
    if (radius >= this.bucketHead.length) this.bucketHead = grown(this.bucketHead, radius + 1, -1);
    let bucketHead = this.bucketHead;
    let { entryNode, entryKey, entryNext } = this;
    // The root's label (= radius while it has none): the search ends when the queue reaches it.
    // The root is never queued: in a LIFO bucket queue it would be popped first within its bucket
    // (anything labelled later with the same key is not queued), so stopping there settles
    // exactly the nodes it would settle.
    let rootKey = radius;
    let numLabelled = 0;
    let numEntries = 0;
    let numSettled = 0;
    let rescan = 0; // settled[rescan .. rescanEnd - 1]: teachers still to scan again
    let rescanEnd = 0;
    let again = false; // x is a settled teacher scanned again
    let cursor = 0; // the current bucket
    labelled[numLabelled++] = t0;
    dist[t0] = 0;
    let x = t0;
    search: for (;;) {
      // Settle x (or scan a settled teacher again). A held block hands over to its holder.
      for (;;) {
        const dx = dist[x];
        const px = pi[x];
        if (x >= nt) {
          // A held block (free ones are never queued): its arc back to its holder has a reduced
          // cost of exactly 0 (both directions of a held pair are residual arcs, so both reduced
          // costs are >= 0, and they sum to 0). A holder with no label would go to the front of
          // the current bucket and be popped next: settle it now instead.
          const holder = blockTeacher[x - nt];
          if (dx >= dist[holder]) break;
          if (dist[holder] === NO_LABEL) labelled[numLabelled++] = holder;
          dist[holder] = dx;
          pred[holder] = x;
          x = holder;
          continue;
        }
        if (!again) settled[numSettled++] = x;
        // Teacher: release its dearest unit, or take a pair it does not hold.
        if (load[x] > 0) {
          const key = dx - phi * (base[x] + load[x] - 1) + px - pi[root];
          if (key < rootKey) {
            rootKey = key;
            pred[root] = x;
          }
        }
        // Pair arcs are uncapacitated in the model (a block's demand bounds them), so a held pair
        // keeps its forward arc too. The label via a pair is dx + px + w with w = cost - pi(block);
        // a label no better than the root's is never settled, so only w < room = rootKey - dx - px
        // matters (room shrinks when a free block labels the root).
        let room = rootKey - dx - px;
        const end = listStart[x + 1];
        for (let c0 = listStart[x]; c0 < end; c0 += PAIR_CHUNK) {
          // The list is cheapest first and pi <= M: every pair from here on has w >= cost - M.
          if (pairs[2 * c0] - M >= room) break;
          const chunk = c0 >> PAIR_CHUNK_SHIFT;
          if (chunkBound[chunk] >= room) continue; // no pair of this chunk matters
          // Refresh the chunk's bound and mark its pairs with w < room (without branches: whether
          // a pair matters is hard to predict), then take the marked ones in list order (the
          // order decides ties).
          let bound = NO_LABEL;
          let marked = 0;
          for (let i = 0; i < PAIR_CHUNK; i++) {
            const w = pairs[2 * (c0 + i)] - pi[pairs[2 * (c0 + i) + 1]];
            bound = Math.min(bound, w);
            marked |= ((w - room) >>> 31) << i;
          }
          chunkBound[chunk] = bound;
          for (; marked !== 0; marked &= marked - 1) {
            const k = c0 + 31 - Math.clz32(marked & -marked);
            const y = pairs[2 * k + 1];
            const w = pairs[2 * k] - pi[y];
            if (w >= room) continue; // room shrank since
            const key = dx + px + w;
            if (key >= dist[y]) continue;
            if (dist[y] === NO_LABEL) labelled[numLabelled++] = y;
            dist[y] = key;
            pred[y] = x;
            // A block's only residual arc leads to the root (free) or to its holder. Popping it
            // would only relax that arc with this label, so that is done here, and the block is
            // queued only when popping it could still do something.
            const holder = blockTeacher[y - nt];
            if (holder < 0) {
              // Free: label the root now, so that the rest of this scan and every later one can
              // stop at the root's label. The block is not queued: its label is no smaller than
              // the root's, and the root would be popped first.
              const rk = key - M + pi[y] - pi[root];
              if (rk < rootKey) {
                rootKey = rk;
                pred[root] = y;
                room = rootKey - dx - px;
              }
            } else if (key < dist[holder]) {
              // Held, and its holder could still take this label (labels only drop): queue it.
              if (numEntries === entryNode.length) {
                this.entryNode = entryNode = grown(entryNode, 2 * numEntries, 0);
                this.entryKey = entryKey = grown(entryKey, 2 * numEntries, 0);
                this.entryNext = entryNext = grown(entryNext, 2 * numEntries, 0);
              }
              entryNode[numEntries] = y;
              entryKey[numEntries] = key;
              entryNext[numEntries] = bucketHead[key];
              bucketHead[key] = numEntries++;
            }
          }
        }
        break;
      }
      again = rescan < rescanEnd;
      if (again) {
        x = settled[rescan++];
        continue;
      }
      // Next: the last entry pushed into the lowest non-empty bucket below the root's label,
      // skipping stale entries (their node was labelled lower later).
      for (;;) {
        while (cursor < rootKey && bucketHead[cursor] < 0) cursor++;
        if (cursor < rootKey) {
          const e = bucketHead[cursor];
          bucketHead[cursor] = entryNext[e];
          x = entryNode[e];
          if (dist[x] === cursor) break;
          continue;
        }
        if (rootKey < radius || radius === limit) break search;
        // Every node closer than the radius is settled, and the root is not among them: grow the
        // radius and scan the settled teachers again, in the order they were settled. Their pairs
        // below the old radius change nothing now (those labels are set), so this adds exactly
        // the labels the search would have set without the radius, in the same order; nothing
        // below the old radius is queued any more.
        radius = Math.min(limit, 2 * radius);
        if (radius >= bucketHead.length) this.bucketHead = bucketHead = grown(bucketHead, radius + 1, -1);
        rootKey = radius;
        rescan = 0;
        rescanEnd = numSettled;
        again = true;
        x = settled[rescan++];
        break;
      }
    }
    for (let e = 0; e < numEntries; e++) bucketHead[entryKey[e]] = -1;
    // Potential update (Jonker–Volgenant) with D = rootKey: pi += dist - D on the nodes settled
    // before the root, which are exactly the labelled nodes with dist < D (without a cycle
    // shorter than `limit`, rootKey = limit: the truncated update).
    for (let k = 0; k < numLabelled; k++) {
      const y = labelled[k];
      if (dist[y] < rootKey) pi[y] += dist[y] - rootKey;
      dist[y] = NO_LABEL;
    }
    this.lastCycle = rootKey;
    if (rootKey === limit) return false;
    // The cycle root -> t0 -> ... -> root has a negative cost: augment along it, walking back
    // from the root. It ends at a free block, or by releasing a unit of a teacher.
    load[t0]++;
    let y = pred[root];
    if (y < nt) load[y]--;
    for (; y !== t0; y = pred[y]) if (y >= nt) blockTeacher[y - nt] = pred[y];
    return true;
  }

  /** The block-side solution, with block-side duals. */
  solution(): TransportSolution {
    const { nt, root, pi, blockTeacher, load, degree, p } = this;
    const nb = p.numBlocks;
    const blockEdge = heldEdges(p, blockTeacher, pi);
    let cost = 0;
    for (let b = 0; b < nb; b++) cost += blockEdge[b] >= 0 ? p.edgeCost[blockEdge[b]] : p.unfilledCost;
    for (let t = 0; t < nt; t++) for (let s = 0; s < load[t]; s++) cost += p.phi * (p.base[t] + s);
    // Block-side duals (sink potential 0): pot[b] = -u_b, pot[nb + t] = -v_t.
    const potential = new Float64Array(nb + nt + 1);
    const pr = pi[root];
    for (let b = 0; b < nb; b++) potential[b] = blockEdge[b] >= 0 ? -(pi[nt + b] - pr) : -p.unfilledCost;
    for (let t = 0; t < nt; t++) potential[nb + t] = degree[t] === 0 ? 0 : -(pi[t] - pr);
    return { blockTeacher, blockEdge, load, cost, potential };
  }
}

/**
 * The edge each block is held on (-1: free). A search labels a block through the first of its
 * teacher's parallel pairs in list order: the cheapest (ties: the lowest edge index). Its cost is
 * pi(b) - pi(t), as a held pair's reduced cost is 0 (and a cheaper parallel pair would have a
 * negative one).
 */
function heldEdges(p: TransportProblem, blockTeacher: Int32Array, pi: Int32Array): Int32Array {
  const { numBlocks: nb, numTeachers: nt, edgeStart, edgeTeacher, edgeCost } = p;
  const blockEdge = new Int32Array(nb).fill(-1);
  for (let b = 0; b < nb; b++) {
    const t = blockTeacher[b];
    if (t < 0) continue;
    const heldCost = pi[nt + b] - pi[t];
    let e = edgeStart[b];
    while (e < edgeStart[b + 1] && (edgeTeacher[e] !== t || edgeCost[e] !== heldCost)) e++;
    if (e === edgeStart[b + 1]) throw new Error('teacher-side solve: held pair not found (internal error)');
    blockEdge[b] = e;
  }
  return blockEdge;
}

/** "No label yet" in an Int32Array of labels (above every real label). */
const NO_LABEL = 0x7fffffff;
/** "No bound yet" for a chunk (below every w = cost - pi >= -M). */
const NO_BOUND = -0x7fffffff;
/**
 * Largest |value| of a cost, the unfilled cost or a unit cost phi * (base + s) the teacher-side
 * solver accepts. Potentials stay in [-(max cost + max unit cost), M] (a held block's is its
 * holder's plus the pair's cost, a holder's is at least its dearest unit's cost, another teacher's
 * at least a block's minus the pair's cost), labels below M + max unit cost: every value and
 * difference the search stores fits an Int32Array, and keys stay below 2^26 buckets.
 */
const MAX_DATA = 1 << 25;
/**
 * Cost of the entries that pad a teacher's list to whole chunks: high enough that every scan stops
 * there (a scan stops at cost - M >= room, and room <= 4 * MAX_DATA = 2^27).
 */
const PAD_COST = 1 << 30;
/** Smallest search radius (see solveTeacherSide). */
const MIN_RADIUS = 16;
/** Pairs per chunk of a teacher's list (a power of two): the unit of the scan's skip bounds. */
const PAIR_CHUNK_SHIFT = 3;
const PAIR_CHUNK = 1 << PAIR_CHUNK_SHIFT;

/**
 * Large working arrays kept between solves, by slot: a solve of a big region needs a few MB of
 * them for a few ms, and fresh ones each time cost page faults and GC work (about 1 ms a solve).
 * Their contents are never relied on: every solve writes what it reads.
 */
const scratchArrays: Int32Array<ArrayBuffer>[] = [];
const SCRATCH_PAIRS = 0;
const SCRATCH_BY_COST = 1;
const SCRATCH_CHUNK_BOUND = 2;

/** The scratch array of `slot`, with at least `length` entries (contents undefined). */
function scratch(slot: number, length: number): Int32Array {
  if (!scratchArrays[slot] || scratchArrays[slot].length < length)
    scratchArrays[slot] = new Int32Array(length);
  return scratchArrays[slot];
}

/** A copy of `a` with at least `length` entries (doubling), new entries set to `fill`. */
function grown(a: Int32Array<ArrayBuffer>, length: number, fill: number): Int32Array<ArrayBuffer> {
  let n = Math.max(1, a.length);
  while (n < length) n *= 2;
  const b = new Int32Array(n).fill(fill);
  b.set(a);
  return b;
}

/**
 * Every teacher's pairs as one contiguous list, cheapest first (ties by edge index), as
 * (cost, block node nt + b) in `pairs`. Teacher t's list is listStart[t] .. listStart[t + 1] - 1:
 * its degree[t] pairs, padded to a whole number of chunks with entries of cost PAD_COST. Throws
 * unless the data are integers that fit the solver.
 *
 * Two stable counting passes (by cost, then by teacher) that read their input in order and carry
 * the data along, instead of gathering them per edge afterwards (the gathers cost most). Each pass
 * is a function of its own: V8 then optimizes it whole, instead of each loop apart from the rest.
 */
function teacherPairLists(p: TransportProblem): {
  listStart: Int32Array;
  degree: Int32Array;
  pairs: Int32Array;
} {
  const nt = p.numTeachers;
  const fits = (v: number): boolean => Number.isInteger(v) && Math.abs(v) <= MAX_DATA;
  let valid = fits(p.unfilledCost) && p.unfilledCost >= 0 && fits(p.phi);
  for (let t = 0; t < nt; t++) valid &&= fits(p.phi * (p.base[t] + p.capacity[t]));
  const degree = new Int32Array(nt);
  const perCost = valid ? countEdges(p, degree) : null;
  if (!perCost) throw new RangeError(`teacher-side solve needs integer data within ${MAX_DATA}`);
  // Sort keys: the costs themselves, or (when they spread too far for a counting sort) their
  // ranks among the distinct costs.
  const spread = perCost.length === 0;
  const keyCost = spread ? distinctSorted(p.edgeCost) : null;
  const key = keyCost ? p.edgeCost.map((c) => lowerBound(keyCost, c)) : p.edgeCost;
  const keyStart = keyCost ? new Int32Array(keyCost.length + 1) : perCost;
  if (keyCost) for (let e = 0; e < key.length; e++) keyStart[key[e] + 1]++;
  for (let c = 0; c + 1 < keyStart.length; c++) keyStart[c + 1] += keyStart[c];
  // (block node, teacher) packed into one int when they fit (for any real region), else two.
  const teacherBits = 32 - Math.clz32(nt);
  const packed = 32 - Math.clz32(nt + p.numBlocks) + teacherBits <= 32;
  const byCost = sortByKey(p, key, keyStart, packed ? teacherBits : -1);
  const listStart = new Int32Array(nt + 1);
  for (let t = 0; t < nt; t++) {
    listStart[t + 1] = listStart[t] + ((degree[t] + PAIR_CHUNK - 1) & -PAIR_CHUNK);
  }
  const pairs = dealToTeachers(p, byCost, keyStart, keyCost, packed ? teacherBits : -1, listStart, degree);
  return { listStart, degree, pairs };
}

/**
 * Counts each teacher's edges into `degree`, and returns the number of edges per cost, shifted by
 * one (perCost[c + 1], for a counting sort); an empty array when the costs spread too far for a
 * counting sort, null when a cost is not an integer in [0, MAX_DATA].
 */
function countEdges(p: TransportProblem, degree: Int32Array): Int32Array | null {
  const { edgeTeacher, edgeCost } = p;
  const numEdges = edgeCost.length;
  const maxCounted = 4 * numEdges + (1 << 16);
  // Costs are usually <= M.
  let perCost: Int32Array<ArrayBuffer> = new Int32Array(Math.min(p.unfilledCost, maxCounted) + 2);
  let valid = true;
  let counted = true;
  for (let e = 0; e < numEdges; e++) {
    const c = edgeCost[e];
    degree[edgeTeacher[e]]++;
    if ((c | 0) !== c || c < 0 || c > MAX_DATA) valid = false;
    else if (c + 1 >= perCost.length) {
      if (c > maxCounted) counted = false;
      else perCost = grown(perCost, c + 2, 0);
    }
    perCost[c + 1]++;
  }
  if (!valid) return null;
  return counted ? perCost : new Int32Array(0);
}

/**
 * Pass 1: every edge's (block node, teacher) by sort key, stable (blocks in order), packed as
 * node << teacherBits | teacher, or as two ints when teacherBits < 0. keyStart: prefix sums.
 */
function sortByKey(
  p: TransportProblem,
  key: Float64Array,
  keyStart: Int32Array,
  teacherBits: number,
): Int32Array {
  const { numBlocks: nb, numTeachers: nt, edgeStart, edgeTeacher } = p;
  const next = keyStart.slice(0, keyStart.length - 1);
  const byCost = scratch(SCRATCH_BY_COST, teacherBits >= 0 ? key.length : 2 * key.length);
  for (let b = 0; b < nb; b++) {
    if (teacherBits >= 0) {
      for (let e = edgeStart[b]; e < edgeStart[b + 1]; e++) {
        byCost[next[key[e]]++] = ((nt + b) << teacherBits) | edgeTeacher[e];
      }
    } else {
      for (let e = edgeStart[b]; e < edgeStart[b + 1]; e++) {
        const q = next[key[e]]++;
        byCost[2 * q] = nt + b;
        byCost[2 * q + 1] = edgeTeacher[e];
      }
    }
  }
  return byCost;
}

/** Pass 2: deals the entries of `byCost` (see sortByKey) to their teachers' lists, stable. */
function dealToTeachers(
  p: TransportProblem,
  byCost: Int32Array,
  keyStart: Int32Array,
  keyCost: Float64Array | null,
  teacherBits: number,
  listStart: Int32Array,
  degree: Int32Array,
): Int32Array {
  const nt = p.numTeachers;
  const pairs = scratch(SCRATCH_PAIRS, 2 * listStart[nt]);
  for (let t = 0; t < nt; t++) {
    for (let k = listStart[t] + degree[t]; k < listStart[t + 1]; k++) {
      pairs[2 * k] = PAD_COST;
      pairs[2 * k + 1] = nt + p.numBlocks; // the root: pi 0
    }
  }
  const fill = listStart.slice(0, nt);
  const teacherMask = (1 << teacherBits) - 1;
  for (let c = 0; c + 1 < keyStart.length; c++) {
    const cost = keyCost ? keyCost[c] : c;
    if (teacherBits >= 0) {
      for (let q = keyStart[c]; q < keyStart[c + 1]; q++) {
        const k = fill[byCost[q] & teacherMask]++;
        pairs[2 * k] = cost;
        pairs[2 * k + 1] = byCost[q] >>> teacherBits;
      }
    } else {
      for (let q = keyStart[c]; q < keyStart[c + 1]; q++) {
        const k = fill[byCost[2 * q + 1]]++;
        pairs[2 * k] = cost;
        pairs[2 * k + 1] = byCost[2 * q];
      }
    }
  }
  return pairs;
}

/** The distinct values of `a`, ascending. */
function distinctSorted(a: Float64Array): Float64Array {
  const sorted = Float64Array.from(a).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i];
  return sorted.slice(0, m);
}

/** Index of the first entry of the ascending `a` that is >= v. */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

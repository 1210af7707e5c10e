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
 * -phi * (base + load - 1)), with integer reduced costs in a bucket queue and Jonker–Volgenant
 * potential updates. A unit that is not worth using ends its teacher (its later units cost more).
 *
 * Returns a block-side solution with block-side duals, so `checkTransportCertificate(p, ...)`
 * certifies it on the original model: u_b = pi(b) - pi(root) for filled blocks, M for unfilled
 * ones, v_t = pi(t) - pi(root).
 */
export function solveTeacherSide(p: TransportProblem): TransportSolution {
  const nb = p.numBlocks;
  const nt = p.numTeachers;
  const { edgeStart, edgeTeacher, edgeCost, capacity, base, phi } = p;
  const M = p.unfilledCost;
  const numEdges = edgeTeacher.length;
  // Teacher CSR over the block-side edges.
  const tStart = new Int32Array(nt + 1);
  for (let e = 0; e < numEdges; e++) tStart[edgeTeacher[e] + 1]++;
  for (let t = 0; t < nt; t++) tStart[t + 1] += tStart[t];
  // Contiguous per-teacher copies (edge id, block node, cost), each teacher's list sorted by cost
  // (so a scan can stop early, below), in scan order.
  const edgeBlock = new Int32Array(numEdges);
  for (let b = 0; b < nb; b++) for (let e = edgeStart[b]; e < edgeStart[b + 1]; e++) edgeBlock[e] = b;
  const order = edgesByCost(edgeCost);
  const fillPos = tStart.slice(0, nt);
  const tEdge = new Int32Array(numEdges);
  const tNode = new Int32Array(numEdges);
  const tCost = new Float64Array(numEdges);
  for (let q = 0; q < numEdges; q++) {
    const e = order[q];
    const k = fillPos[edgeTeacher[e]]++;
    tEdge[k] = e;
    tNode[k] = nt + edgeBlock[e];
    tCost[k] = edgeCost[e];
  }
  // Nodes: teachers 0..nt-1, blocks nt..nt+nb-1, root nt+nb.
  const root = nt + nb;
  const numNodes = root + 1;
  const pi = new Float64Array(numNodes);
  for (let x = 0; x < root; x++) pi[x] = M;
  pi[root] = 0;
  const blockTeacher = new Int32Array(nb).fill(-1);
  const blockEdge = new Int32Array(nb).fill(-1);
  const load = new Int32Array(nt);
  const stopped = new Uint8Array(nt);
  const dist = new Float64Array(numNodes);
  const reached = new Int32Array(numNodes);
  const done = new Int32Array(numNodes);
  const pred = new Int32Array(numNodes);
  const predEdge = new Int32Array(numNodes);
  const popped = new Int32Array(numNodes);
  const path: number[] = [];
  const queue = new BucketQueue(1024);
  let epoch = 0;

  // Units per teacher: up to min(cap, deg + 1) (the extra unit, when cap > deg, proves that a
  // teacher holding all its pairs wants no more: it fixes the dual of its next unit).
  let maxUnits = 0;
  const units = new Int32Array(nt);
  for (let t = 0; t < nt; t++) {
    const deg = tStart[t + 1] - tStart[t];
    units[t] = deg === 0 ? 0 : Math.max(0, Math.min(capacity[t], deg + 1));
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
      // rest is shorter than `limit` (in reduced costs). Labels >= limit are never needed.
      const newArc = phi * (base[t0] + s0);
      const limit = pi[t0] - pi[root] - newArc;
      if (limit <= 0) {
        stopped[t0] = 1; // the unit does not pay; its arc already has a reduced cost >= 0
        continue;
      }
      epoch++;
      let numPopped = 0;
      queue.reset(0);
      reached[t0] = epoch;
      dist[t0] = 0;
      queue.push(t0, 0);
      let rootKey = limit;
      let D = -1;
      while (!queue.isEmpty) {
        const x = queue.pop();
        const dx = queue.lastKey;
        if (done[x] === epoch || dist[x] !== dx) continue;
        done[x] = epoch;
        popped[numPopped++] = x;
        if (x === root) {
          D = dx;
          break;
        }
        const px = pi[x];
        if (x < nt) {
          // Teacher: release its dearest unit, or take a pair it does not hold.
          if (load[x] > 0) {
            const key = dx - phi * (base[x] + load[x] - 1) + px - pi[root];
            if (key < rootKey) {
              reached[root] = epoch;
              dist[root] = key;
              rootKey = key;
              pred[root] = x;
              queue.push(root, key);
            }
          }
          // Pair arcs are uncapacitated in the model (a block's demand bounds them), so a held
          // pair keeps its forward arc too: it keeps the pair's reduced cost at exactly 0.
          const end = tStart[x + 1];
          for (let k = tStart[x]; k < end; k++) {
            // Potentials only decrease from their start value M, so every label from here on is
            // at least dx + px + cost - M: once that reaches the root's label (or the limit), the
            // rest of the list cannot matter.
            if (dx + px + tCost[k] - M >= rootKey) break;
            const y = tNode[k];
            const key = dx + tCost[k] + px - pi[y];
            // A label no better than the root's cannot be settled before the root: skip it.
            if (key >= rootKey || done[y] === epoch) continue;
            if (reached[y] !== epoch || key < dist[y]) {
              reached[y] = epoch;
              dist[y] = key;
              pred[y] = x;
              predEdge[y] = tEdge[k];
              queue.push(y, key);
              if (blockTeacher[y - nt] < 0) {
                // A free block's only arc leads to the root: label the root now, so that the
                // rest of this scan and every later one can stop at the root's label.
                const rk = key - M + pi[y] - pi[root];
                if (rk < rootKey) {
                  reached[root] = epoch;
                  dist[root] = rk;
                  rootKey = rk;
                  pred[root] = y;
                  queue.push(root, rk);
                }
              }
            }
          }
        } else {
          // Block: a free one ends the cycle at the root; a held one goes back to its teacher.
          const b = x - nt;
          const holder = blockTeacher[b];
          if (holder < 0) {
            const key = dx - M + px - pi[root];
            if (key < rootKey) {
              reached[root] = epoch;
              dist[root] = key;
              rootKey = key;
              pred[root] = x;
              queue.push(root, key);
            }
          } else if (done[holder] !== epoch) {
            const key = dx - edgeCost[blockEdge[b]] + px - pi[holder];
            if (key >= rootKey) continue;
            if (reached[holder] !== epoch || key < dist[holder]) {
              reached[holder] = epoch;
              dist[holder] = key;
              pred[holder] = x;
              queue.push(holder, key);
            }
          }
        }
      }
      if (D < 0) {
        // No cycle shorter than `limit`: every node closer than `limit` is settled. Truncating the
        // potential update at `limit` keeps all reduced costs >= 0 and gives the new unit arc a
        // reduced cost of 0; the unit stays unused, and so do t0's dearer units.
        for (let k = 0; k < numPopped; k++) {
          const x = popped[k];
          pi[x] += dist[x] - limit;
        }
        stopped[t0] = 1;
        continue;
      }
      for (let k = 0; k < numPopped; k++) {
        const x = popped[k];
        pi[x] += dist[x] - D;
      }
      // D < limit: the cycle root -> t0 -> ... -> root has a negative cost; augment along it.
      // Augment: walk back from the root to t0.
      path.length = 0;
      let x = root;
      while (x !== t0) {
        x = pred[x];
        path.push(x);
      }
      load[t0]++;
      const last = path[0];
      if (last < nt) load[last]--; // the cycle ends by releasing a unit of `last`
      for (let k = 0; k < path.length; k++) {
        const y = path[k];
        if (y < nt) continue;
        const b = y - nt;
        const e = predEdge[y];
        blockTeacher[b] = edgeTeacher[e];
        blockEdge[b] = e;
      }
    }
  }

  // Block-side duals (sink potential 0): pot[b] = -u_b, pot[nb + t] = -v_t.
  const potential = new Float64Array(nb + nt + 1);
  const pr = pi[root];
  for (let b = 0; b < nb; b++) potential[b] = blockEdge[b] >= 0 ? -(pi[nt + b] - pr) : -M;
  for (let t = 0; t < nt; t++) potential[nb + t] = tStart[t + 1] === tStart[t] ? 0 : -(pi[t] - pr);
  let cost = 0;
  for (let b = 0; b < nb; b++) cost += blockEdge[b] >= 0 ? edgeCost[blockEdge[b]] : M;
  for (let t = 0; t < nt; t++) for (let s = 0; s < load[t]; s++) cost += phi * (base[t] + s);
  return { blockTeacher, blockEdge, load, cost, potential };
}

/** Edge indices by cost, lowest first (counting sort for small non-negative integer costs). */
function edgesByCost(cost: Float64Array): Int32Array {
  const n = cost.length;
  const order = new Int32Array(n);
  let max = 0;
  let integral = true;
  for (let e = 0; e < n; e++) {
    const c = cost[e];
    if (!(c >= 0 && Number.isInteger(c))) integral = false;
    else if (c > max) max = c;
  }
  if (!integral || max > 4 * n + (1 << 16)) {
    for (let e = 0; e < n; e++) order[e] = e;
    return order.sort((a, b) => cost[a] - cost[b] || a - b);
  }
  const count = new Int32Array(max + 2);
  for (let e = 0; e < n; e++) count[cost[e] + 1]++;
  for (let c = 0; c <= max; c++) count[c + 1] += count[c];
  for (let e = 0; e < n; e++) order[count[cost[e]]++] = e;
  return order;
}

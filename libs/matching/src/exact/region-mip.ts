import { popcount } from '../region/bits';
import { SIX_HOUR_RULE_MINUTES } from '../region/eligibility';
import { RegionInstance } from '../region/instance';
import { SideRules } from '../region/side-rules';
import { capacityBound } from '../region/solve-region';

/** Column kinds of the region MIP (integrality code as HiGHS expects it: 0 continuous, 1 integer). */
const CONTINUOUS = 0;
const INTEGER = 1;

/**
 * The documented region model (docs/MATCHING.md, "The exact solve") as a mixed-integer program in
 * plain typed arrays, maximised: one binary per eligible pair, per teacher and weekday it does not
 * teach yet, per teacher whose 6-hour cap depends on which blocks it gets, and per no-team request
 * and teacher; the convex fairness cost by continuous unit slots. Every side rule is a linear row:
 *
 *   blocks        Σ_e∈b x_e ≤ 1
 *   minutes       Σ_e∈t dur_e x_e ≤ min(released minutes left, Working Hours Act minutes left)
 *   days+overlap  per teacher, weekday and maximal set of its pairs that overlap in time (a clique
 *                 of the interval graph): Σ_e∈Q x_e ≤ y_td (a new weekday) or ≤ 1 (a day it
 *                 already teaches), and Σ_d y_td ≤ released days − committed days
 *   6-hour rule   all MBO pairs capped: Σ_mbo dur_e x_e ≤ 360 − committed MBO minutes; mixed:
 *                 x_e ≤ c_t for the capped ones and Σ_mbo dur_e x_e + M c_t ≤ cap + M
 *   HBO didactic  per teacher without BDB/BKE and HBO school with an FTE threshold:
 *                 Σ_e at the school dur_e x_e ≤ threshold minutes − minutes committed there
 *   no team       x_e ≤ z_rt, Σ_t z_rt ≤ 1
 *   fairness      Σ_e∈t x_e = Σ_s w_ts, 0 ≤ w_ts ≤ 1, cost φ(base_t + s) per slot (convex, so the
 *                 slots fill in order and the cost is exactly the engine's)
 *
 * The clique rows make both the overlap rule and the day rule as tight as a linear row can be on
 * an interval graph, which is what lets the solver close the gap quickly.
 */
export interface RegionMip {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  integrality: Int32Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** Constraint matrix, compressed by row. */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** Column values of a feasible holding (a MIP start); edges are the columns 0..E-1. */
  startFrom(held: readonly (readonly number[])[]): Float64Array;
  /** The holding (edges per teacher) of a solution's column values. */
  holdingOf(colValue: ArrayLike<number>): number[][];
}

export function buildRegionMip(inst: RegionInstance, rules: SideRules = new SideRules(inst)): RegionMip {
  const nt = inst.teachers.length;
  const E = inst.edgeTeacher.length;
  const phi = Math.round(inst.weights.fairnessPerBlock);
  const { blockDay, blockStart, blockEnd } = inst;
  const dur = (e: number): number => blockEnd[rules.edgeBlock[e]] - blockStart[rules.edgeBlock[e]];

  const cost: number[] = [];
  const upper: number[] = [];
  const kind: number[] = [];
  const addCol = (c: number, u: number, k: number): number => {
    cost.push(c);
    upper.push(u);
    kind.push(k);
    return cost.length - 1;
  };
  for (let e = 0; e < E; e++) addCol(inst.edgeScore[e], 1, INTEGER);

  const rowStarts: number[] = [0];
  const rowIdx: number[] = [];
  const rowVal: number[] = [];
  const rowLo: number[] = [];
  const rowHi: number[] = [];
  const addRow = (
    cols: readonly number[],
    vals: readonly number[] | number,
    lo: number,
    hi: number,
  ): void => {
    for (let k = 0; k < cols.length; k++) {
      rowIdx.push(cols[k]);
      rowVal.push(typeof vals === 'number' ? vals : vals[k]);
    }
    rowStarts.push(rowIdx.length);
    rowLo.push(lo);
    rowHi.push(hi);
  };

  // Each block at most once.
  for (let b = 0; b < inst.numBlocks; b++) {
    const n = inst.edgeStart[b + 1] - inst.edgeStart[b];
    if (n < 2) continue;
    const cols: number[] = [];
    for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) cols.push(e);
    addRow(cols, 1, -Infinity, 1);
  }

  const capacity = capacityBound(
    inst,
    rules.edgeBlock,
    null,
    Array.from({ length: nt }, () => []),
  );
  // Remembered for the MIP start: per teacher its day columns, slot columns and cap column.
  const dayCol: Int32Array[] = [];
  const slotCols: number[][] = [];
  const capCol = new Int32Array(nt).fill(-1);
  for (let t = 0; t < nt; t++) {
    dayCol.push(new Int32Array(8).fill(-1));
    slotCols.push([]);
    const edges = rules.teacherEdges(t);
    if (edges.length === 0) continue;
    const pt = inst.teachers[t];

    // Minutes (released minutes and the Working Hours Act).
    const minutesLeft = Math.min(pt.releasedMinutesLeft, pt.workingMinutesLeft);
    let total = 0;
    for (const e of edges) total += dur(e);
    if (total > minutesLeft) addRow([...edges], [...edges].map(dur), -Infinity, minutesLeft);

    // Released days and same-day overlaps: one row per maximal clique of overlapping pairs.
    const daysLeft = Math.max(0, pt.teacher.releasedDaysPerWeek - popcount(pt.committedDaysMask));
    const newDays: number[] = [];
    for (let d = 1; d <= 7; d++) {
      const onDay = [...edges].filter((e) => blockDay[rules.edgeBlock[e]] === d);
      if (onDay.length === 0) continue;
      const committedDay = (pt.committedDaysMask & (1 << d)) !== 0;
      let y = -1;
      if (!committedDay) {
        y = addCol(0, 1, INTEGER);
        dayCol[t][d] = y;
        newDays.push(y);
      }
      for (const clique of maximalCliques(
        onDay,
        (e) => blockStart[rules.edgeBlock[e]],
        (e) => blockEnd[rules.edgeBlock[e]],
      )) {
        if (y >= 0) addRow([...clique, y], [...clique.map(() => 1), -1], -Infinity, 0);
        else if (clique.length > 1) addRow(clique, 1, -Infinity, 1);
      }
    }
    if (newDays.length > daysLeft) addRow(newDays, 1, -Infinity, daysLeft);

    // The 6-hour rule: once a capped MBO block is taken, all MBO minutes count toward the cap.
    const mbo = [...edges].filter((e) => rules.blockMbo[rules.edgeBlock[e]] === 1);
    const capped = mbo.filter((e) => rules.edgeCapped[e] === 1);
    if (capped.length > 0) {
      const cap = SIX_HOUR_RULE_MINUTES - pt.committedMboMinutes;
      const mboTotal = mbo.reduce((s, e) => s + dur(e), 0);
      if (capped.length === mbo.length) {
        if (mboTotal > cap) addRow(mbo, mbo.map(dur), -Infinity, cap);
      } else {
        const bigM = Math.max(0, mboTotal - cap);
        if (bigM > 0) {
          const c = addCol(0, 1, INTEGER);
          capCol[t] = c;
          for (const e of capped) addRow([e, c], [1, -1], -Infinity, 0);
          addRow([...mbo, c], [...mbo.map(dur), bigM], -Infinity, cap + bigM);
        }
      }
    }

    // HBO didactic threshold: the minutes at one school within what is left there.
    const hboBySchool = new Map<number, number[]>();
    for (const e of edges)
      if (rules.edgeHboLeft[e] !== Infinity) {
        const school = rules.blockSchool[rules.edgeBlock[e]];
        const list = hboBySchool.get(school);
        if (list === undefined) hboBySchool.set(school, [e]);
        else list.push(e);
      }
    for (const atSchool of hboBySchool.values()) {
      const left = rules.edgeHboLeft[atSchool[0]];
      if (atSchool.reduce((sum, e) => sum + dur(e), 0) > left)
        addRow(atSchool, atSchool.map(dur), -Infinity, left);
    }

    // Convex fairness: the s-th block of the teacher (committed slots counted) costs φ(base + s).
    if (phi > 0) {
      const slots = Math.min(edges.length, capacity[t]);
      for (let s = 0; s < slots; s++) slotCols[t].push(addCol(-phi * (pt.committedCount + s), 1, CONTINUOUS));
      addRow([...edges, ...slotCols[t]], [...[...edges].map(() => 1), ...slotCols[t].map(() => -1)], 0, 0);
    }
  }

  // A request without a team goes to one teacher.
  const teamCols = new Map<number, Map<number, number>>();
  for (const pr of inst.requests) {
    if (pr.request.allowTeam) continue;
    const byTeacher = new Map<number, number[]>();
    for (let b = inst.requestBlockStart[pr.index]; b < inst.requestBlockStart[pr.index + 1]; b++) {
      for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) {
        const t = inst.edgeTeacher[e];
        const list = byTeacher.get(t);
        if (list) list.push(e);
        else byTeacher.set(t, [e]);
      }
    }
    if (byTeacher.size < 2) continue;
    const cols = new Map<number, number>();
    for (const [t, edges] of byTeacher) {
      const z = addCol(0, 1, INTEGER);
      cols.set(t, z);
      for (const e of edges) addRow([e, z], [1, -1], -Infinity, 0);
    }
    addRow([...cols.values()], 1, -Infinity, 1);
    teamCols.set(pr.index, cols);
  }

  const numCols = cost.length;
  const numRows = rowLo.length;
  return {
    numCols,
    numRows,
    colCost: Float64Array.from(cost),
    colLower: new Float64Array(numCols),
    colUpper: Float64Array.from(upper),
    integrality: Int32Array.from(kind),
    rowLower: Float64Array.from(rowLo),
    rowUpper: Float64Array.from(rowHi),
    starts: Int32Array.from(rowStarts),
    indices: Int32Array.from(rowIdx),
    values: Float64Array.from(rowVal),
    startFrom(held) {
      const x = new Float64Array(numCols);
      held.forEach((edges, t) => {
        let mboCapped = false;
        for (const e of edges) {
          x[e] = 1;
          const d = blockDay[rules.edgeBlock[e]];
          if (dayCol[t][d] >= 0) x[dayCol[t][d]] = 1;
          if (rules.edgeCapped[e] === 1) mboCapped = true;
          const team = teamCols.get(inst.blockRequest[rules.edgeBlock[e]]);
          const z = team?.get(t);
          if (z !== undefined) x[z] = 1;
        }
        if (capCol[t] >= 0 && mboCapped) x[capCol[t]] = 1;
        for (let s = 0; s < edges.length && s < slotCols[t].length; s++) x[slotCols[t][s]] = 1;
      });
      return x;
    },
    holdingOf(colValue) {
      const held: number[][] = Array.from({ length: nt }, () => []);
      for (let e = 0; e < E; e++) if (colValue[e] > 0.5) held[inst.edgeTeacher[e]].push(e);
      return held;
    },
  };
}

/**
 * The maximal sets of mutually overlapping intervals (the maximal cliques of an interval graph).
 * Every maximal clique is the set C(p) of intervals containing some start point p. With the
 * distinct starts p_1 < … < p_k, C(p_i) is never inside an earlier C(p_j) (its own intervals start
 * after p_j), and it is inside a later one exactly when it is inside C(p_i+1), i.e. when none of its
 * intervals ends by p_i+1.
 */
export function maximalCliques<T>(
  items: readonly T[],
  start: (x: T) => number,
  end: (x: T) => number,
): T[][] {
  const points = [...new Set(items.map(start))].sort((a, b) => a - b);
  const cliques: T[][] = [];
  points.forEach((p, i) => {
    const clique = items.filter((x) => start(x) <= p && p < end(x));
    const next = points[i + 1];
    if (next === undefined || clique.some((x) => end(x) <= next)) cliques.push(clique);
  });
  return cliques;
}

import { SIX_HOUR_RULE_MINUTES } from './eligibility';
import { RegionInstance } from './instance';

/**
 * The side rules that a pure flow cannot express, checked on the set of blocks one teacher holds
 * (edges of the instance): released minutes, Working Hours Act, released days, the 6-hour rule
 * summed over MBO blocks, and no two blocks overlapping on the same weekday.
 */
export class SideRules {
  readonly edgeBlock: Int32Array;
  private readonly blockMbo: Uint8Array;

  constructor(private readonly inst: RegionInstance) {
    this.edgeBlock = new Int32Array(inst.edgeTeacher.length);
    for (let b = 0; b < inst.numBlocks; b++)
      for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) this.edgeBlock[e] = b;
    this.blockMbo = new Uint8Array(inst.numBlocks);
    for (let b = 0; b < inst.numBlocks; b++)
      this.blockMbo[b] = inst.requests[inst.blockRequest[b]].isMbo ? 1 : 0;
  }

  private teacherEdgeStart: Int32Array | null = null;
  private teacherEdgeList: Int32Array | null = null;

  /** Edges of teacher t (built on first use). */
  teacherEdges(t: number): Int32Array {
    if (this.teacherEdgeStart === null || this.teacherEdgeList === null) {
      const nt = this.inst.teachers.length;
      const start = new Int32Array(nt + 1);
      const et = this.inst.edgeTeacher;
      for (let e = 0; e < et.length; e++) start[et[e] + 1]++;
      for (let k = 0; k < nt; k++) start[k + 1] += start[k];
      const fill = start.slice(0, nt);
      const list = new Int32Array(et.length);
      for (let e = 0; e < et.length; e++) list[fill[et[e]]++] = e;
      this.teacherEdgeStart = start;
      this.teacherEdgeList = list;
    }
    return this.teacherEdgeList.subarray(this.teacherEdgeStart[t], this.teacherEdgeStart[t + 1]);
  }

  /** True when teacher t can hold all edges[0..count-1] together (plus its committed slots). */
  fits(t: number, edges: ArrayLike<number>, count: number): boolean {
    const pt = this.inst.teachers[t];
    const { blockDay, blockStart, blockEnd } = this.inst;
    let minutes = 0;
    let mbo = 0;
    let capped = false;
    let days = pt.committedDaysMask;
    for (let k = 0; k < count; k++) {
      const e = edges[k];
      const b = this.edgeBlock[e];
      const dur = blockEnd[b] - blockStart[b];
      minutes += dur;
      if (this.blockMbo[b]) mbo += dur;
      if (this.inst.pairCapped[this.inst.edgePair[e]]) capped = true;
      days |= 1 << blockDay[b];
      for (let q = 0; q < k; q++) {
        const b2 = this.edgeBlock[edges[q]];
        if (b2 === b) return false;
        if (blockDay[b2] === blockDay[b] && blockStart[b] < blockEnd[b2] && blockStart[b2] < blockEnd[b])
          return false;
      }
    }
    if (minutes > pt.releasedMinutesLeft || minutes > pt.workingMinutesLeft) return false;
    if (popcount(days) > pt.teacher.releasedDaysPerWeek) return false;
    if (capped && pt.committedMboMinutes + mbo > SIX_HOUR_RULE_MINUTES) return false;
    return true;
  }

  /**
   * Largest-score subset of `edges` that fits teacher t, where the s-th kept block costs
   * phi * (base + s) (exhaustive branch and bound up to 16 edges, greedy beyond).
   */
  bestSubset(t: number, edges: number[], base: number, phi: number): number[] {
    const score = this.inst.edgeScore;
    const sorted = [...edges].sort((a, b) => score[b] - score[a]);
    const m = sorted.length;
    if (m > 16) {
      const kept: number[] = [];
      for (const e of sorted) {
        kept.push(e);
        const marginal = score[e] - phi * (base + kept.length - 1);
        if (marginal <= 0 || !this.fits(t, kept, kept.length)) kept.pop();
      }
      return kept;
    }
    const suffix = new Float64Array(m + 1);
    for (let k = m - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + Math.max(0, score[sorted[k]]);
    const cur: number[] = [];
    let best: number[] = [];
    let bestValue = 0;
    const dfs = (k: number, value: number): void => {
      if (value > bestValue) {
        bestValue = value;
        best = [...cur];
      }
      if (k === m || value + suffix[k] <= bestValue) return;
      const e = sorted[k];
      cur.push(e);
      if (this.fits(t, cur, cur.length)) dfs(k + 1, value + score[e] - phi * (base + cur.length - 1));
      cur.pop();
      dfs(k + 1, value);
    };
    dfs(0, 0);
    return best;
  }
}

export function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

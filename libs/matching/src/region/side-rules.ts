import { packSlot, popcount, slotDay, slotEnd, slotStart } from './bits';
import { SIX_HOUR_RULE_MINUTES } from './eligibility';
import { RegionInstance } from './instance';

/**
 * The side rules that a pure flow cannot express, checked on the set of blocks one teacher holds
 * (edges of the instance): released minutes, Working Hours Act, released days, the 6-hour rule
 * summed over MBO blocks, an HBO school's didactic threshold summed over the blocks at that
 * school, and no two blocks overlapping on the same weekday.
 */
export class SideRules {
  /** Block of each edge (the instance's). */
  readonly edgeBlock: Int32Array;
  /** 1 when the pair falls under the 6-hour rule (the instance's). */
  readonly edgeCapped: Uint8Array;
  /** 1 when the block is at an MBO school (counts toward the 6-hour rule). */
  readonly blockMbo: Uint8Array;
  /** 1 when the request accepts a team (several teachers). */
  readonly requestTeam: Uint8Array;
  /** HBO_DIDACTIC minutes left at the edge's school (the instance's; Infinity: none). */
  readonly edgeHboLeft: Float64Array;
  /** School of each block (an index; blocks of one school share it). */
  readonly blockSchool: Int32Array;

  constructor(readonly inst: RegionInstance) {
    this.edgeBlock = inst.edgeBlock;
    this.edgeCapped = inst.edgeCapped;
    this.blockMbo = new Uint8Array(inst.numBlocks);
    for (let b = 0; b < inst.numBlocks; b++)
      this.blockMbo[b] = inst.requests[inst.blockRequest[b]].isMbo ? 1 : 0;
    this.requestTeam = new Uint8Array(inst.requests.length);
    for (const r of inst.requests) this.requestTeam[r.index] = r.request.allowTeam ? 1 : 0;
    this.edgeHboLeft = inst.edgeHboLeft;
    const schools = new Map<string, number>();
    this.blockSchool = new Int32Array(inst.numBlocks);
    for (let b = 0; b < inst.numBlocks; b++) {
      const id = inst.requests[inst.blockRequest[b]].request.schoolId;
      let index = schools.get(id);
      if (index === undefined) schools.set(id, (index = schools.size));
      this.blockSchool[b] = index;
    }
  }

  /**
   * HBO_DIDACTIC: would teacher-edge e, added to `held[0..count-1]` (edges of the same teacher),
   * keep the minutes at e's school within its threshold?
   */
  hboFits(e: number, held: ArrayLike<number>, count: number): boolean {
    const left = this.edgeHboLeft[e];
    if (left === Infinity) return true;
    const { blockStart, blockEnd } = this.inst;
    const b = this.edgeBlock[e];
    const school = this.blockSchool[b];
    let minutes = blockEnd[b] - blockStart[b];
    for (let k = 0; k < count; k++) {
      const b2 = this.edgeBlock[held[k]];
      if (this.blockSchool[b2] === school) minutes += blockEnd[b2] - blockStart[b2];
    }
    return minutes <= left;
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
      if (this.edgeCapped[e]) capped = true;
      days |= 1 << blockDay[b];
      for (let q = 0; q < k; q++) {
        const b2 = this.edgeBlock[edges[q]];
        if (b2 === b) return false;
        if (blockDay[b2] === blockDay[b] && blockStart[b] < blockEnd[b2] && blockStart[b2] < blockEnd[b])
          return false;
      }
      if (!this.hboFits(e, edges, k)) return false;
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
    // Highest score first, stable (insertion: the lists are short).
    const sorted = [...edges];
    for (let i = 1; i < sorted.length; i++) {
      const e = sorted[i];
      let j = i;
      while (j > 0 && score[sorted[j - 1]] < score[e]) {
        sorted[j] = sorted[j - 1];
        j--;
      }
      sorted[j] = e;
    }
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
    // Depth-first over keep/drop with the sums of the kept blocks carried along, so each step
    // checks only the new block (the kept ones already fit together).
    const pt = this.inst.teachers[t];
    const maxMinutes = Math.min(pt.releasedMinutesLeft, pt.workingMinutesLeft);
    const maxMbo = SIX_HOUR_RULE_MINUTES - pt.committedMboMinutes;
    const maxDays = pt.teacher.releasedDaysPerWeek;
    const { blockDay, blockStart, blockEnd } = this.inst;
    const cur: number[] = [];
    let best: number[] = [];
    let bestValue = 0;
    const dfs = (
      k: number,
      value: number,
      minutes: number,
      mbo: number,
      capped: boolean,
      days: number,
    ): void => {
      if (value > bestValue) {
        bestValue = value;
        best = [...cur];
      }
      if (k === m || value + suffix[k] <= bestValue) return;
      const e = sorted[k];
      const b = this.edgeBlock[e];
      const dur = blockEnd[b] - blockStart[b];
      const nextMbo = mbo + (this.blockMbo[b] ? dur : 0);
      const nextCapped = capped || this.edgeCapped[e] === 1;
      const nextDays = days | (1 << blockDay[b]);
      let fits =
        minutes + dur <= maxMinutes &&
        popcount(nextDays) <= maxDays &&
        !(nextCapped && nextMbo > maxMbo) &&
        this.hboFits(e, cur, cur.length);
      for (let q = 0; fits && q < cur.length; q++) {
        const b2 = this.edgeBlock[cur[q]];
        if (blockDay[b2] === blockDay[b] && blockStart[b] < blockEnd[b2] && blockStart[b2] < blockEnd[b])
          fits = false;
      }
      if (fits) {
        cur.push(e);
        dfs(
          k + 1,
          value + score[e] - phi * (base + cur.length - 1),
          minutes + dur,
          nextMbo,
          nextCapped,
          nextDays,
        );
        cur.pop();
      }
      dfs(k + 1, value, minutes, mbo, capped, days);
    };
    dfs(0, 0, 0, 0, false, pt.committedDaysMask);
    return best;
  }
}

/**
 * What every teacher holds during a solve, with running totals (minutes, MBO minutes, capped,
 * weekdays), so that "can teacher t add pair e?" costs one look at t's blocks on that weekday
 * instead of re-checking the whole holding. Every list it holds satisfies the side rules.
 */
export class Holding {
  readonly held: number[][];
  /** Per teacher: its held blocks' slots (see packSlot). */
  private readonly heldSlots: number[][];
  /** Per teacher: minutes it may still add (released minutes and Working Hours Act). */
  private readonly minutesLeft: Float64Array;
  /** Per teacher: MBO minutes it may still add once the 6-hour rule applies to it. */
  private readonly mboMinutesLeft: Float64Array;
  /** Per teacher: 1 once it holds a pair under the 6-hour rule. */
  private readonly capped: Uint8Array;
  /** Per teacher: weekdays in use (committed and held) and how many more it may use. */
  private readonly days: Int32Array;
  private readonly daysLeft: Int32Array;
  /** Per teacher: weekdays on which it holds a block of this solve. */
  private readonly heldDays: Int32Array;
  private readonly edgeBlock: Int32Array;
  private readonly edgeCapped: Uint8Array;
  private readonly blockMbo: Uint8Array;
  private readonly blockDay: Int32Array;
  private readonly blockStart: Int32Array;
  private readonly blockEnd: Int32Array;
  private readonly shortestBlock: number;

  constructor(private readonly rules: SideRules) {
    const inst = rules.inst;
    const nt = inst.teachers.length;
    this.held = Array.from({ length: nt }, () => []);
    this.heldSlots = Array.from({ length: nt }, () => []);
    this.minutesLeft = new Float64Array(nt);
    this.mboMinutesLeft = new Float64Array(nt);
    this.capped = new Uint8Array(nt);
    this.days = new Int32Array(nt);
    this.daysLeft = new Int32Array(nt);
    this.heldDays = new Int32Array(nt);
    ({ edgeBlock: this.edgeBlock, edgeCapped: this.edgeCapped, blockMbo: this.blockMbo } = rules);
    ({ blockDay: this.blockDay, blockStart: this.blockStart, blockEnd: this.blockEnd } = inst);
    let shortest = Infinity;
    for (let b = 0; b < inst.numBlocks; b++)
      shortest = Math.min(shortest, inst.blockEnd[b] - inst.blockStart[b]);
    this.shortestBlock = shortest;
    for (let t = 0; t < nt; t++) this.reset(t);
  }

  /** A holding of the given lists (each must satisfy the side rules). */
  static of(rules: SideRules, held: readonly (readonly number[])[]): Holding {
    const h = new Holding(rules);
    for (let t = 0; t < held.length; t++) h.set(t, [...held[t]]);
    return h;
  }

  /** Replaces what teacher t holds (a list that satisfies the side rules) and its totals. */
  set(t: number, edges: number[]): void {
    this.held[t] = edges;
    this.heldSlots[t] = [];
    this.reset(t);
    for (const e of edges) this.count(t, e);
  }

  /** Adds pair e to teacher t (the caller checked canAdd). */
  add(t: number, e: number): void {
    this.held[t].push(e);
    this.count(t, e);
  }

  /** True when teacher t has no minutes left for even the shortest block of the region. */
  isFull(t: number): boolean {
    return this.minutesLeft[t] < this.shortestBlock;
  }

  /** True when teacher t can add pair e to what it holds without breaking a side rule. */
  canAdd(t: number, e: number): boolean {
    const b = this.edgeBlock[e];
    const start = this.blockStart[b];
    const end = this.blockEnd[b];
    const dur = end - start;
    if (dur > this.minutesLeft[t]) return false;
    const day = this.blockDay[b];
    if ((this.days[t] & (1 << day)) === 0 && this.daysLeft[t] <= 0) return false;
    if (
      (this.capped[t] === 1 || this.edgeCapped[e] === 1) &&
      (this.blockMbo[b] ? dur : 0) > this.mboMinutesLeft[t]
    )
      return false;
    if (!this.rules.hboFits(e, this.held[t], this.held[t].length)) return false;
    // Same-day overlap with a held block (committed slots were checked by eligibility); a block
    // overlaps itself, so a block already held is refused here too.
    if ((this.heldDays[t] & (1 << day)) === 0) return true;
    const slots = this.heldSlots[t];
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k];
      if (slotDay(slot) === day && start < slotEnd(slot) && slotStart(slot) < end) return false;
    }
    return true;
  }

  private reset(t: number): void {
    const pt = this.rules.inst.teachers[t];
    this.minutesLeft[t] = Math.min(pt.releasedMinutesLeft, pt.workingMinutesLeft);
    this.mboMinutesLeft[t] = SIX_HOUR_RULE_MINUTES - pt.committedMboMinutes;
    this.capped[t] = 0;
    this.heldDays[t] = 0;
    this.days[t] = pt.committedDaysMask;
    this.daysLeft[t] = pt.teacher.releasedDaysPerWeek - popcount(pt.committedDaysMask);
  }

  private count(t: number, e: number): void {
    const b = this.edgeBlock[e];
    const dur = this.blockEnd[b] - this.blockStart[b];
    this.minutesLeft[t] -= dur;
    if (this.blockMbo[b]) this.mboMinutesLeft[t] -= dur;
    if (this.edgeCapped[e]) this.capped[t] = 1;
    const dayBit = 1 << this.blockDay[b];
    this.heldDays[t] |= dayBit;
    this.heldSlots[t].push(packSlot(this.blockDay[b], this.blockStart[b], this.blockEnd[b]));
    if ((this.days[t] & dayBit) === 0) {
      this.days[t] |= dayBit;
      this.daysLeft[t]--;
    }
  }
}

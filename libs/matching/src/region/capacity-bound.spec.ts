import { syntheticRegion } from '../testing/synthetic';
import { buildInstance, RegionInstance } from './instance';
import { SideRules } from './side-rules';
import { capacityBound } from './solve-region';

/** The bound as first written: sort durations, and per weekday sort blocks by end. */
function referenceBound(
  inst: RegionInstance,
  edgeBlock: Int32Array,
  allowed: Uint8Array,
  held: number[][],
): number[] {
  const cap: number[] = [];
  for (let t = 0; t < inst.teachers.length; t++) {
    const pt = inst.teachers[t];
    const blocks: number[] = [];
    for (let e = 0; e < edgeBlock.length; e++)
      if (allowed[e] && inst.edgeTeacher[e] === t) blocks.push(edgeBlock[e]);
    if (blocks.length === 0) {
      cap.push(0);
      continue;
    }
    let used = 0;
    let days = pt.committedDaysMask;
    for (const e of held[t]) {
      used += inst.blockEnd[edgeBlock[e]] - inst.blockStart[edgeBlock[e]];
      days |= 1 << inst.blockDay[edgeBlock[e]];
    }
    const durations = blocks.map((b) => inst.blockEnd[b] - inst.blockStart[b]).sort((a, b) => a - b);
    let minutes = Math.min(pt.releasedMinutesLeft, pt.workingMinutesLeft) - used;
    let byMinutes = 0;
    while (byMinutes < durations.length && durations[byMinutes] <= minutes) minutes -= durations[byMinutes++];
    let usedDays = 0;
    for (let d = 1; d <= 7; d++) if (days & (1 << d)) usedDays++;
    const freeDays = Math.max(0, pt.teacher.releasedDaysPerWeek - usedDays);
    let byDays = 0;
    const others: number[] = [];
    for (let d = 1; d <= 7; d++) {
      const onDay = blocks
        .filter((b) => inst.blockDay[b] === d)
        .sort((a, b) => inst.blockEnd[a] - inst.blockEnd[b]);
      if (onDay.length === 0) continue;
      let count = 0;
      let lastEnd = -1;
      for (const b of onDay) {
        if (inst.blockStart[b] >= lastEnd) {
          count++;
          lastEnd = inst.blockEnd[b];
        }
      }
      if (days & (1 << d)) byDays += count;
      else others.push(count);
    }
    others.sort((a, b) => b - a);
    for (let k = 0; k < Math.min(freeDays, others.length); k++) byDays += others[k];
    cap.push(Math.max(0, Math.min(blocks.length, byMinutes, byDays)));
  }
  return cap;
}

describe('capacityBound (teacher capacity of the flow relaxation, counting sorts only)', () => {
  it('equals the sort-based reference for random allowed sets and holdings', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { teachers, requests } = syntheticRegion({
        seed,
        teachers: 30,
        requests: 60,
        minBlocks: 1,
        maxBlocks: 5,
        travelScale: 4,
        subjects: 2,
        committedShare: 0.4,
      });
      const inst = buildInstance(teachers, requests);
      const rules = new SideRules(inst);
      let x = seed;
      const rnd = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let round = 0; round < 4; round++) {
        const allowed = new Uint8Array(inst.edgeTeacher.length);
        for (let e = 0; e < allowed.length; e++) allowed[e] = round === 0 || rnd() < 0.6 ? 1 : 0;
        const held: number[][] = inst.teachers.map(() => []);
        if (round >= 2)
          for (let e = 0; e < allowed.length; e++)
            if (!allowed[e] && rnd() < 0.05) held[inst.edgeTeacher[e]].push(e);
        const edges: number[] = [];
        for (let e = 0; e < allowed.length; e++) if (allowed[e]) edges.push(e);
        const fast = Array.from(capacityBound(inst, rules.edgeBlock, Int32Array.from(edges), held));
        expect(fast).toEqual(referenceBound(inst, rules.edgeBlock, allowed, held));
      }
    }
  });
});

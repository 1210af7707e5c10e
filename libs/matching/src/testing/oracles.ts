import { SIX_HOUR_RULE_MINUTES } from '../region/eligibility';
import { RegionInstance } from '../region/instance';
import { SideRules } from '../region/side-rules';
import { TransportProblem } from '../region/transport';

/**
 * Exact oracles for tests and benchmarks on small instances. Pure: the caller loads the MIP solver.
 */

/** Exhaustive optimum of a transport problem (every block: one of its edges or unfilled). */
export function bruteForceTransport(p: TransportProblem): number {
  const load = new Int32Array(p.numTeachers);
  let best = Infinity;
  const rec = (b: number, cost: number): void => {
    if (b === p.numBlocks) {
      let total = cost;
      for (let t = 0; t < p.numTeachers; t++)
        for (let s = 0; s < load[t]; s++) total += p.phi * (p.base[t] + s);
      if (total < best) best = total;
      return;
    }
    rec(b + 1, cost + p.unfilledCost);
    for (let e = p.edgeStart[b]; e < p.edgeStart[b + 1]; e++) {
      const t = p.edgeTeacher[e];
      if (load[t] >= p.capacity[t]) continue;
      load[t]++;
      rec(b + 1, cost + p.edgeCost[e]);
      load[t]--;
    }
  };
  rec(0, 0);
  return best;
}

/**
 * Exhaustive optimum of a region instance with every rule (side rules and no-team), or null when
 * the search space exceeds `limit` leaves.
 */
export function bruteForceRegion(inst: RegionInstance, limit = 2_000_000): number | null {
  let space = 1;
  for (let b = 0; b < inst.numBlocks; b++) {
    space *= inst.edgeStart[b + 1] - inst.edgeStart[b] + 1;
    if (space > limit) return null;
  }
  const rules = new SideRules(inst);
  const nt = inst.teachers.length;
  const phi = Math.round(inst.weights.fairnessPerBlock);
  const held: number[][] = Array.from({ length: nt }, () => []);
  const holder = new Int32Array(inst.requests.length).fill(-1);
  const holderCount = new Int32Array(inst.requests.length);
  let best = 0;
  const rec = (b: number, value: number): void => {
    if (b === inst.numBlocks) {
      if (value > best) best = value;
      return;
    }
    rec(b + 1, value);
    const r = inst.blockRequest[b];
    const team = inst.requests[r].request.allowTeam;
    for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) {
      const t = inst.edgeTeacher[e];
      if (!team && holder[r] >= 0 && holder[r] !== t) continue;
      held[t].push(e);
      if (rules.fits(t, held[t], held[t].length)) {
        holder[r] = t;
        holderCount[r]++;
        rec(b + 1, value + inst.edgeScore[e] - phi * (inst.teachers[t].committedCount + held[t].length - 1));
        if (--holderCount[r] === 0) holder[r] = -1;
      }
      held[t].pop();
    }
  };
  rec(0, 0);
  return best;
}

/**
 * The full region problem as a mixed-integer program in CPLEX LP format (maximisation), for an
 * exact MIP solver such as HiGHS: binaries per eligible pair, per teacher-day and per no-team
 * request-teacher; convex fairness by unit slots; every side rule as a linear constraint.
 */
export function regionToLp(inst: RegionInstance): string {
  const rules = new SideRules(inst);
  const phi = Math.round(inst.weights.fairnessPerBlock);
  const obj: string[] = [];
  const cons: string[] = [];
  const bounds: string[] = [];
  const bins: string[] = [];
  let c = 0;
  const row = (expr: string, rhs: string): void => {
    cons.push(` c${c++}: ${expr} ${rhs}`);
  };
  const E = inst.edgeTeacher.length;
  for (let e = 0; e < E; e++) {
    obj.push(`+ ${inst.edgeScore[e]} x${e}`);
    bins.push(`x${e}`);
  }
  for (let b = 0; b < inst.numBlocks; b++) {
    const terms: string[] = [];
    for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) terms.push(`+ x${e}`);
    if (terms.length > 1) row(terms.join(' '), '<= 1');
  }
  const byTeacher: number[][] = Array.from({ length: inst.teachers.length }, () => []);
  for (let e = 0; e < E; e++) byTeacher[inst.edgeTeacher[e]].push(e);
  const dur = (e: number): number => inst.blockEnd[rules.edgeBlock[e]] - inst.blockStart[rules.edgeBlock[e]];
  byTeacher.forEach((edges, t) => {
    if (edges.length === 0) return;
    const pt = inst.teachers[t];
    row(
      edges.map((e) => `+ ${dur(e)} x${e}`).join(' '),
      `<= ${Math.min(pt.releasedMinutesLeft, pt.workingMinutesLeft)}`,
    );
    // Released days.
    const days = new Set<number>();
    for (const e of edges) {
      const d = inst.blockDay[rules.edgeBlock[e]];
      if ((pt.committedDaysMask & (1 << d)) === 0) {
        days.add(d);
        row(`+ x${e} - y${t}_${d}`, '<= 0');
      }
    }
    if (days.size > 0) {
      for (const d of days) bins.push(`y${t}_${d}`);
      const committedDays = countBits(pt.committedDaysMask);
      row(
        [...days].map((d) => `+ y${t}_${d}`).join(' '),
        `<= ${Math.max(0, pt.teacher.releasedDaysPerWeek - committedDays)}`,
      );
    }
    // 6-hour rule: if any capped MBO block is taken, all MBO minutes fit into the cap.
    const mbo = edges.filter((e) => inst.requests[inst.blockRequest[rules.edgeBlock[e]]].isMbo);
    const cappedEdges = edges.filter((e) => inst.pairCapped[inst.edgePair[e]] === 1);
    if (cappedEdges.length > 0 && mbo.length > 0) {
      const bigM = mbo.reduce((s, e) => s + dur(e), 0);
      const cap = SIX_HOUR_RULE_MINUTES - pt.committedMboMinutes;
      for (const ce of cappedEdges)
        row(`${mbo.map((e) => `+ ${dur(e)} x${e}`).join(' ')} + ${bigM} x${ce}`, `<= ${cap + bigM}`);
    }
    // HBO didactic threshold: the minutes at one school within what is left there.
    const bySchool = new Map<number, number[]>();
    for (const e of edges)
      if (rules.edgeHboLeft[e] !== Infinity) {
        const school = rules.blockSchool[rules.edgeBlock[e]];
        bySchool.set(school, [...(bySchool.get(school) ?? []), e]);
      }
    for (const atSchool of bySchool.values())
      row(atSchool.map((e) => `+ ${dur(e)} x${e}`).join(' '), `<= ${rules.edgeHboLeft[atSchool[0]]}`);
    // Same-day overlaps.
    for (let i = 0; i < edges.length; i++) {
      for (let j = i + 1; j < edges.length; j++) {
        const b1 = rules.edgeBlock[edges[i]];
        const b2 = rules.edgeBlock[edges[j]];
        if (
          inst.blockDay[b1] === inst.blockDay[b2] &&
          inst.blockStart[b1] < inst.blockEnd[b2] &&
          inst.blockStart[b2] < inst.blockEnd[b1]
        ) {
          row(`+ x${edges[i]} + x${edges[j]}`, '<= 1');
        }
      }
    }
    // Convex fairness by unit slots.
    const slots = edges.length;
    row(
      `${edges.map((e) => `+ x${e}`).join(' ')} ${Array.from({ length: slots }, (_, s) => `- w${t}_${s}`).join(' ')}`,
      '= 0',
    );
    for (let s = 0; s < slots; s++) {
      bounds.push(` 0 <= w${t}_${s} <= 1`);
      const pen = phi * (pt.committedCount + s);
      if (pen !== 0) obj.push(`- ${pen} w${t}_${s}`);
    }
  });
  // No-team requests: one teacher.
  inst.requests.forEach((pr) => {
    if (pr.request.allowTeam) return;
    const teachers = new Set<number>();
    for (let b = inst.requestBlockStart[pr.index]; b < inst.requestBlockStart[pr.index + 1]; b++) {
      for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) {
        const t = inst.edgeTeacher[e];
        teachers.add(t);
        row(`+ x${e} - z${pr.index}_${t}`, '<= 0');
      }
    }
    if (teachers.size > 1) {
      for (const t of teachers) bins.push(`z${pr.index}_${t}`);
      row([...teachers].map((t) => `+ z${pr.index}_${t}`).join(' '), '<= 1');
    } else for (const t of teachers) bounds.push(` 0 <= z${pr.index}_${t} <= 1`);
  });
  if (obj.length === 0) obj.push('+ 0 x_dummy');
  return [
    'Maximize',
    ` obj: ${obj.join(' ')}`,
    'Subject To',
    ...(cons.length ? cons : [' c_empty: x_dummy >= 0']),
    'Bounds',
    ...bounds,
    'Binary',
    ...bins.map((b) => ` ${b}`),
    'End',
    '',
  ].join('\n');
}

function countBits(x: number): number {
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

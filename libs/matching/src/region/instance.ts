import {
  evaluateBlock,
  evaluatePair,
  PairFacts,
  prepareRequest,
  PreparedRequest,
  PreparedTeacher,
  prepareTeacher,
  ruleContext,
} from './eligibility';
import { EngineOptions, MatchRequest, MatchTeacher, ScoreWeights } from './region.types';
import { pointsOf, resolveWeights } from './score';

/**
 * Everything a region solve needs, in typed arrays: blocks numbered globally (request order),
 * eligible teacher-block pairs as a CSR graph by block with integer scores, and the
 * teacher-request pair facts behind each edge (to explain the score later).
 */
export interface RegionInstance {
  teachers: PreparedTeacher[];
  requests: PreparedRequest[];
  weights: ScoreWeights;
  numBlocks: number;
  blockRequest: Int32Array;
  blockLocal: Int32Array;
  blockDay: Int32Array;
  blockStart: Int32Array;
  blockEnd: Int32Array;
  /** First global block of each request (length = requests + 1). */
  requestBlockStart: Int32Array;
  edgeStart: Int32Array;
  edgeTeacher: Int32Array;
  edgeScore: Int32Array;
  edgePair: Int32Array;
  pairTeacher: Int32Array;
  pairRequest: Int32Array;
  pairSkill: Float64Array;
  pairDistance: Float64Array;
  pairCoverage: Float64Array;
  pairCapped: Uint8Array;
  /** Static fairness value of each teacher (teacher and company committed shares). */
  teacherFairness: Float64Array;
  eligibilityMs: number;
  graphMs: number;
}

class IntBuffer {
  data: Int32Array;
  length = 0;
  constructor(cap: number) {
    this.data = new Int32Array(Math.max(16, cap));
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = x;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

class FloatBuffer {
  data: Float64Array;
  length = 0;
  constructor(cap: number) {
    this.data = new Float64Array(Math.max(16, cap));
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const d = new Float64Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = x;
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** Eligibility (hard rules) and scoring for every teacher-block pair, with exclusions applied. */
export function buildInstance(
  teachersIn: readonly MatchTeacher[],
  requestsIn: readonly MatchRequest[],
  options: EngineOptions = {},
): RegionInstance {
  const t0 = performance.now();
  const weights = resolveWeights(options.weights);
  const ctx = ruleContext(options);
  const teachers = teachersIn.map((t, i) => prepareTeacher(t, i));
  const requests = requestsIn.map((r, i) => prepareRequest(r, i));
  const nt = teachers.length;
  const teacherIndex = new Map<string, number>();
  teachers.forEach((t) => {
    if (teacherIndex.has(t.teacher.id)) throw new RangeError(`duplicate teacher id ${t.teacher.id}`);
    teacherIndex.set(t.teacher.id, t.index);
  });

  // Exclusions (cascade after a decline).
  const excludedEverywhere = new Uint8Array(nt);
  for (const id of options.excludeTeacherIds ?? []) {
    const k = teacherIndex.get(id);
    if (k !== undefined) excludedEverywhere[k] = 1;
  }
  const excludedFor = new Map<string, Set<number>>();
  for (const e of options.exclude ?? []) {
    const set = excludedFor.get(e.requestId) ?? new Set<number>();
    for (const id of e.teacherIds) {
      const k = teacherIndex.get(id);
      if (k !== undefined) set.add(k);
    }
    excludedFor.set(e.requestId, set);
  }

  // Static fairness: teacher's and company's committed share of released minutes.
  const companyCommitted = new Map<string, number>();
  const companyReleased = new Map<string, number>();
  for (const t of teachers) {
    const c = t.teacher.companyId;
    companyCommitted.set(c, (companyCommitted.get(c) ?? 0) + t.committedMinutes);
    companyReleased.set(c, (companyReleased.get(c) ?? 0) + t.teacher.releasedMinutesPerWeek);
  }
  const teacherFairness = new Float64Array(nt);
  for (const t of teachers) {
    const c = t.teacher.companyId;
    const rel = companyReleased.get(c) ?? 0;
    const companyShare = rel > 0 ? Math.min(1, (companyCommitted.get(c) ?? 0) / rel) : 1;
    teacherFairness[t.index] = 1 - (t.committedShare + companyShare) / 2;
  }

  // Skill index: subject -> teachers having any skill in it.
  const bySubject = new Map<string, number[]>();
  for (const t of teachers) {
    for (const subject of t.skills.keys()) {
      const list = bySubject.get(subject);
      if (list) list.push(t.index);
      else bySubject.set(subject, [t.index]);
    }
  }

  // Global block numbering.
  let numBlocks = 0;
  const requestBlockStart = new Int32Array(requests.length + 1);
  for (const r of requests) {
    requestBlockStart[r.index] = numBlocks;
    numBlocks += r.request.blocks.length;
  }
  requestBlockStart[requests.length] = numBlocks;
  const blockRequest = new Int32Array(numBlocks);
  const blockLocal = new Int32Array(numBlocks);
  const blockDay = new Int32Array(numBlocks);
  const blockStart = new Int32Array(numBlocks);
  const blockEnd = new Int32Array(numBlocks);
  for (const r of requests) {
    r.request.blocks.forEach((b, k) => {
      const g = requestBlockStart[r.index] + k;
      blockRequest[g] = r.index;
      blockLocal[g] = k;
      blockDay[g] = b.weekday;
      blockStart[g] = b.start;
      blockEnd[g] = b.end;
    });
  }

  // Eligibility: request-level rules once per candidate teacher, then block-level rules.
  const pairTeacher = new IntBuffer(numBlocks * 8);
  const pairRequest = new IntBuffer(numBlocks * 8);
  const pairSkill = new FloatBuffer(numBlocks * 8);
  const pairDistance = new FloatBuffer(numBlocks * 8);
  const pairCoverage = new FloatBuffer(numBlocks * 8);
  const pairCappedBuf = new IntBuffer(numBlocks * 8);
  // okFlags[(pair - firstPairOfRequest) * blocksOfRequest + k] = block k eligible.
  const pairFirstFlag = new IntBuffer(numBlocks * 8);
  const flags = new IntBuffer(numBlocks * 32);
  const facts: PairFacts = { skillValue: 0, distanceKm: 0, sixHourCapped: false };
  // Fast exact-safe prefilter for the default great-circle distance: unit vectors, so "within
  // maxTravelKm" is a dot product against cos(maxTravelKm / R) (with a small margin; the exact
  // rule check follows for every survivor).
  const useGeoFilter = options.distanceKm === undefined;
  const tx = new Float64Array(nt);
  const ty = new Float64Array(nt);
  const tz = new Float64Array(nt);
  const tCos = new Float64Array(nt);
  // Typed copies of the request-level facts for a cheap pre-check (the exact rule check with
  // messages-off follows for every survivor, so the pre-check only has to be permissive).
  const subjectIndex = new Map<string, number>();
  for (const t of teachers)
    for (const subject of t.skills.keys())
      if (!subjectIndex.has(subject)) subjectIndex.set(subject, subjectIndex.size);
  const ns = subjectIndex.size;
  const skillMask = new Int32Array(nt * ns);
  const tFrom = new Float64Array(nt);
  const tUntil = new Float64Array(nt);
  const tVog = new Float64Array(nt);
  const tLevels = new Int32Array(nt);
  for (const t of teachers) {
    for (const [subject, list] of t.skills)
      for (const sk of list) skillMask[t.index * ns + subjectIndex.get(subject)!] |= 1 << sk.rank;
    tFrom[t.index] = t.fromDay;
    tUntil[t.index] = t.untilDay;
    tVog[t.index] = t.vogValidUntilDay;
    tLevels[t.index] = t.levelsMask;
  }
  for (const t of teachers) {
    const la = (t.teacher.home.lat * Math.PI) / 180;
    const lo = (t.teacher.home.lon * Math.PI) / 180;
    tx[t.index] = Math.cos(la) * Math.cos(lo);
    ty[t.index] = Math.cos(la) * Math.sin(lo);
    tz[t.index] = Math.sin(la);
    const angle = (t.teacher.maxTravelKm + 0.5) / 6371.0088;
    tCos[t.index] = angle >= Math.PI ? -2 : Math.cos(angle);
  }
  const requestPairStart = new Int32Array(requests.length + 1);
  for (const r of requests) {
    requestPairStart[r.index] = pairTeacher.length;
    const candidates = bySubject.get(r.request.subjectCode);
    if (!candidates) continue;
    const excluded = excludedFor.get(r.request.id);
    const blocks = r.request.blocks;
    const la = (r.request.location.lat * Math.PI) / 180;
    const lo = (r.request.location.lon * Math.PI) / 180;
    const rx = Math.cos(la) * Math.cos(lo);
    const ry = Math.cos(la) * Math.sin(lo);
    const rz = Math.sin(la);
    const si = subjectIndex.get(r.request.subjectCode)!;
    const rank = r.levelRank;
    const rankBit = 1 << rank;
    const allowHigher = ctx.allowHigherLevelSkill;
    const neededDays = Math.max(1, Math.round(r.request.minCommitmentWeeks * 7));
    const vogWaived = r.request.allowVogPending;
    for (let c = 0; c < candidates.length; c++) {
      const ti = candidates[c];
      if (useGeoFilter && tx[ti] * rx + ty[ti] * ry + tz[ti] * rz < tCos[ti]) continue;
      const mask = skillMask[ti * ns + si];
      if (allowHigher ? mask >> rank === 0 : (mask & rankBit) === 0) continue;
      if (tLevels[ti] !== 0 && (tLevels[ti] & rankBit) === 0) continue;
      if (Math.min(tUntil[ti], r.endDay) - Math.max(tFrom[ti], r.startDay) + 1 < neededDays) continue;
      if (!vogWaived && r.startDay > tVog[ti]) continue;
      if (excludedEverywhere[ti] || (excluded !== undefined && excluded.has(ti))) continue;
      const pt = teachers[ti];
      if (!evaluatePair(pt, r, ctx, facts, null)) continue;
      const flagStart = flags.length;
      let count = 0;
      for (let k = 0; k < blocks.length; k++) {
        const ok = evaluateBlock(pt, blocks[k], facts.sixHourCapped, null);
        flags.push(ok ? 1 : 0);
        if (ok) count++;
      }
      if (count === 0) {
        flags.length = flagStart;
        continue;
      }
      pairTeacher.push(ti);
      pairRequest.push(r.index);
      pairSkill.push(facts.skillValue);
      pairDistance.push(facts.distanceKm);
      pairCoverage.push(count / blocks.length);
      pairCappedBuf.push(facts.sixHourCapped ? 1 : 0);
      pairFirstFlag.push(flagStart);
    }
  }
  requestPairStart[requests.length] = pairTeacher.length;
  const t1 = performance.now();

  // Graph: CSR by block with integer scores.
  const edgeStart = new Int32Array(numBlocks + 1);
  const edgeTeacher = new IntBuffer(flags.length);
  const edgeScore = new IntBuffer(flags.length);
  const edgePair = new IntBuffer(flags.length);
  const comp = { skill: 0, travel: 0, coverage: 0, continuity: 0, preference: 0, fairness: 0 };
  const pairScore = new Int32Array(pairTeacher.length);
  for (let p = 0; p < pairTeacher.length; p++) {
    const pt = teachers[pairTeacher.data[p]];
    const r = requests[pairRequest.data[p]].request;
    comp.skill = pairSkill.data[p];
    const maxKm = pt.teacher.maxTravelKm;
    comp.travel = maxKm > 0 ? Math.max(0, 1 - pairDistance.data[p] / maxKm) : 1;
    comp.coverage = pairCoverage.data[p];
    comp.continuity = pt.previousSchools.has(r.schoolId) ? 1 : 0;
    comp.preference = pt.preferredSubjects.has(r.subjectCode) ? 1 : 0;
    comp.fairness = teacherFairness[pt.index];
    pairScore[p] = pointsOf(weights, comp, null);
  }
  for (const r of requests) {
    const nbr = r.request.blocks.length;
    const g0 = requestBlockStart[r.index];
    for (let k = 0; k < nbr; k++) {
      const g = g0 + k;
      edgeStart[g] = edgeTeacher.length;
      for (let p = requestPairStart[r.index]; p < requestPairStart[r.index + 1]; p++) {
        if (flags.data[pairFirstFlag.data[p] + k] === 1) {
          edgeTeacher.push(pairTeacher.data[p]);
          edgeScore.push(pairScore[p]);
          edgePair.push(p);
        }
      }
    }
  }
  edgeStart[numBlocks] = edgeTeacher.length;
  const t2 = performance.now();

  return {
    teachers,
    requests,
    weights,
    numBlocks,
    blockRequest,
    blockLocal,
    blockDay,
    blockStart,
    blockEnd,
    requestBlockStart,
    edgeStart,
    edgeTeacher: edgeTeacher.toArray(),
    edgeScore: edgeScore.toArray(),
    edgePair: edgePair.toArray(),
    pairTeacher: pairTeacher.toArray(),
    pairRequest: pairRequest.toArray(),
    pairSkill: pairSkill.toArray(),
    pairDistance: pairDistance.toArray(),
    pairCoverage: pairCoverage.toArray(),
    pairCapped: Uint8Array.from(pairCappedBuf.toArray()),
    teacherFairness,
    eligibilityMs: t1 - t0,
    graphMs: t2 - t1,
  };
}

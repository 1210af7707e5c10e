import { EARTH_RADIUS_KM, RAD } from './dates';
import {
  prepareRequest,
  PreparedRequest,
  PreparedTeacher,
  prepareTeacher,
  ruleContext,
  SIX_HOUR_RULE_MINUTES,
} from './eligibility';
import { EngineOptions, GeoPoint, MatchRequest, MatchTeacher, ScoreWeights } from './region.types';
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
  // Exact block times for the rules (the Int32 copies above are the instance's view).
  const startMin = new Float64Array(numBlocks);
  const endMin = new Float64Array(numBlocks);
  for (const r of requests) {
    const blocks = r.request.blocks;
    const g0 = requestBlockStart[r.index];
    for (let k = 0; k < blocks.length; k++) {
      const b = blocks[k];
      const g = g0 + k;
      blockRequest[g] = r.index;
      blockLocal[g] = k;
      blockDay[g] = b.weekday;
      blockStart[g] = b.start;
      blockEnd[g] = b.end;
      startMin[g] = b.start;
      endMin[g] = b.end;
    }
  }

  // Eligibility on typed per-teacher tables (the same rules as evaluatePair/evaluateBlock, which
  // stay the readable path behind checkEligibility; a spec checks that both agree).
  const tables = teacherTables(teachers, ctx.allowHigherLevelSkill);
  const customDistance = options.distanceKm === undefined ? null : ctx.distanceKm;
  const sink = new PairSink(Math.max(1024, numBlocks * 8), Math.max(1024, numBlocks * 32));
  const screened = new Int32Array(nt);
  const screenedKm = new Float64Array(nt);
  const blockTimes = { day: blockDay, start: startMin, end: endMin };
  const homes = teachers.map((t) => t.teacher.home);

  const requestPairStart = new Int32Array(requests.length + 1);
  for (let ri = 0; ri < requests.length; ri++) {
    const r = requests[ri];
    requestPairStart[ri] = sink.np;
    const req = r.request;
    const si = tables.subjectIndex.get(req.subjectCode);
    if (si === undefined || !(r.levelRank >= 1 && r.levelRank < LEVEL_SLOTS)) continue;
    const cands = tables.candidates[si * LEVEL_SLOTS + r.levelRank];
    if (cands.length === 0) continue;
    const n = screenRequest(
      tables,
      r,
      cands,
      excludedEverywhere,
      excludedFor.get(req.id),
      customDistance,
      homes,
      screened,
      screenedKm,
    );
    const nb = req.blocks.length;
    const g0 = requestBlockStart[ri];
    const skillBase = si * LEVEL_SLOTS + r.levelRank;
    for (let c = 0; c < n; c++) {
      const ti = screened[c];
      const capped = r.isMbo && tables.unlimitedMbo[ti] === 0 && r.startDay > tables.pdgUntil[ti];
      sink.reserveFlags(nb);
      const count = blockFlags(tables, ti, capped, blockTimes, g0, nb, sink.flags, sink.nf);
      if (count === 0) continue;
      sink.add(
        ti,
        ri,
        tables.skillValue[ti * tables.ns * LEVEL_SLOTS + skillBase],
        screenedKm[c],
        count / nb,
        capped,
        nb,
      );
    }
  }
  const np = sink.np;
  const nf = sink.nf;
  const {
    pairTeacher,
    pairRequest,
    pairSkill,
    pairDistance,
    pairCoverage,
    pairCapped,
    pairFirstFlag,
    flags,
  } = sink;
  requestPairStart[requests.length] = np;
  const t1 = performance.now();

  // Graph: CSR by block with integer scores.
  const edgeStart = new Int32Array(numBlocks + 1);
  const edgeTeacher = new IntBuffer(nf);
  const edgeScore = new IntBuffer(nf);
  const edgePair = new IntBuffer(nf);
  const comp = { skill: 0, travel: 0, coverage: 0, continuity: 0, preference: 0, fairness: 0 };
  const pairScore = new Int32Array(np);
  for (let p = 0; p < np; p++) {
    const pt = teachers[pairTeacher[p]];
    const r = requests[pairRequest[p]].request;
    comp.skill = pairSkill[p];
    const maxKm = pt.teacher.maxTravelKm;
    comp.travel = maxKm > 0 ? Math.max(0, 1 - pairDistance[p] / maxKm) : 1;
    comp.coverage = pairCoverage[p];
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
        if (flags[pairFirstFlag[p] + k] === 1) {
          edgeTeacher.push(pairTeacher[p]);
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
    pairTeacher: pairTeacher.slice(0, np),
    pairRequest: pairRequest.slice(0, np),
    pairSkill: pairSkill.slice(0, np),
    pairDistance: pairDistance.slice(0, np),
    pairCoverage: pairCoverage.slice(0, np),
    pairCapped: pairCapped.slice(0, np),
    teacherFairness,
    eligibilityMs: t1 - t0,
    graphMs: t2 - t1,
  };
}

/** Level ranks are 1..5; tables indexed by rank keep slot 0 unused. */
const LEVEL_SLOTS = 6;

/** Typed per-teacher facts for the eligibility hot path (built once per solve). */
interface TeacherTables {
  ns: number;
  subjectIndex: Map<string, number>;
  /** skillValue[(t * ns + subject) * 6 + rank]: best skill value for a request at rank, or -1. */
  skillValue: Float64Array;
  /** candidates[subject * 6 + rank]: teachers (ascending) with a skill value >= 0 and the level. */
  candidates: Int32Array[];
  fromDay: Float64Array;
  untilDay: Float64Array;
  vogUntil: Float64Array;
  pdgUntil: Float64Array;
  unlimitedMbo: Uint8Array;
  lat: Float64Array;
  lon: Float64Array;
  cosLat: Float64Array;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Cosine of the (slightly widened) travel angle; dot product below it: too far. */
  cosReach: Float64Array;
  maxTravel: Float64Array;
  /** Longest block within the released and working minutes left. */
  maxMinutes: Float64Array;
  /** Same, also within the 6-hour rule. */
  maxMinutesCapped: Float64Array;
  committedDays: Int32Array;
  daysLeft: Float64Array;
  /** Windows of teacher t on weekday d: winData[winOff[t*8+d] .. winOff[t*8+d+1]), start/end pairs. */
  winOff: Int32Array;
  winData: Float64Array;
  comOff: Int32Array;
  comData: Float64Array;
}

function flatSlots(teachers: readonly PreparedTeacher[], pick: (t: PreparedTeacher) => number[][]) {
  const off = new Int32Array(teachers.length * 8 + 1);
  let n = 0;
  for (const t of teachers) for (let d = 0; d < 8; d++) n += pick(t)[d].length;
  const data = new Float64Array(n);
  n = 0;
  for (let i = 0; i < teachers.length; i++) {
    const slots = pick(teachers[i]);
    for (let d = 0; d < 8; d++) {
      off[i * 8 + d] = n;
      const w = slots[d];
      for (let k = 0; k < w.length; k++) data[n++] = w[k];
    }
  }
  off[teachers.length * 8] = n;
  return { off, data };
}

function teacherTables(teachers: readonly PreparedTeacher[], allowHigher: boolean): TeacherTables {
  const nt = teachers.length;
  const subjectIndex = new Map<string, number>();
  for (const t of teachers)
    for (const subject of t.skills.keys())
      if (!subjectIndex.has(subject)) subjectIndex.set(subject, subjectIndex.size);
  const ns = subjectIndex.size;
  const skillValue = new Float64Array(nt * ns * LEVEL_SLOTS).fill(-1);
  const candidateLists: number[][] = [];
  for (let k = 0; k < ns * LEVEL_SLOTS; k++) candidateLists.push([]);
  const tb = {
    fromDay: new Float64Array(nt),
    untilDay: new Float64Array(nt),
    vogUntil: new Float64Array(nt),
    pdgUntil: new Float64Array(nt),
    unlimitedMbo: new Uint8Array(nt),
    lat: new Float64Array(nt),
    lon: new Float64Array(nt),
    cosLat: new Float64Array(nt),
    x: new Float64Array(nt),
    y: new Float64Array(nt),
    z: new Float64Array(nt),
    cosReach: new Float64Array(nt),
    maxTravel: new Float64Array(nt),
    maxMinutes: new Float64Array(nt),
    maxMinutesCapped: new Float64Array(nt),
    committedDays: new Int32Array(nt),
    daysLeft: new Float64Array(nt),
  };
  for (let i = 0; i < nt; i++) {
    const t = teachers[i];
    for (const [subject, list] of t.skills) {
      const base = (i * ns + subjectIndex.get(subject)!) * LEVEL_SLOTS;
      for (const s of list) {
        for (let rank = 1; rank < LEVEL_SLOTS; rank++) {
          if (s.rank === rank) skillValue[base + rank] = Math.max(skillValue[base + rank], s.proficiency / 3);
          else if (s.rank > rank && allowHigher)
            skillValue[base + rank] = Math.max(skillValue[base + rank], (0.8 * s.proficiency) / 3);
        }
      }
    }
    tb.fromDay[i] = t.fromDay;
    tb.untilDay[i] = t.untilDay;
    tb.vogUntil[i] = t.vogValidUntilDay;
    tb.pdgUntil[i] = t.pdgGraceUntilDay;
    tb.unlimitedMbo[i] = t.unlimitedMbo ? 1 : 0;
    const home = t.teacher.home;
    tb.lat[i] = home.lat;
    tb.lon[i] = home.lon;
    tb.cosLat[i] = Math.cos(home.lat * RAD);
    const la = home.lat * RAD;
    const lo = home.lon * RAD;
    tb.x[i] = Math.cos(la) * Math.cos(lo);
    tb.y[i] = Math.cos(la) * Math.sin(lo);
    tb.z[i] = Math.sin(la);
    // Permissive by 0.5 km (plus the rounding of the dot product); NaN or huge ranges: no pre-check.
    const angle = (t.teacher.maxTravelKm + 0.5) / EARTH_RADIUS_KM;
    tb.cosReach[i] = angle < Math.PI ? Math.cos(angle) : -2;
    tb.maxTravel[i] = t.teacher.maxTravelKm;
    tb.maxMinutes[i] = Math.min(t.releasedMinutesLeft, t.workingMinutesLeft);
    tb.maxMinutesCapped[i] = Math.min(tb.maxMinutes[i], SIX_HOUR_RULE_MINUTES - t.committedMboMinutes);
    tb.committedDays[i] = t.committedDaysMask;
    tb.daysLeft[i] = t.daysLeft;
  }
  for (let i = 0; i < nt; i++) {
    const levels = teachers[i].levelsMask;
    for (let si = 0; si < ns; si++) {
      const base = (i * ns + si) * LEVEL_SLOTS;
      for (let rank = 1; rank < LEVEL_SLOTS; rank++)
        if (skillValue[base + rank] >= 0 && (levels === 0 || (levels & (1 << rank)) !== 0))
          candidateLists[si * LEVEL_SLOTS + rank].push(i);
    }
  }
  const win = flatSlots(teachers, (t) => t.windows);
  const com = flatSlots(teachers, (t) => t.committedSlots);
  return {
    ns,
    subjectIndex,
    skillValue,
    candidates: candidateLists.map((l) => Int32Array.from(l)),
    ...tb,
    winOff: win.off,
    winData: win.data,
    comOff: com.off,
    comData: com.data,
  };
}

function growInt(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function growFloat(a: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

/**
 * Request-level rules (period, VOG, exclusions, distance) for the candidates of one request
 * (skill and level are settled by the candidate list). Writes the teachers that pass, in order,
 * to `out` with their distances to `outKm`; returns how many.
 */
function screenRequest(
  tb: TeacherTables,
  r: PreparedRequest,
  cands: Int32Array,
  excludedEverywhere: Uint8Array,
  excluded: Set<number> | undefined,
  customDistance: ((a: GeoPoint, b: GeoPoint) => number) | null,
  homes: readonly GeoPoint[],
  out: Int32Array,
  outKm: Float64Array,
): number {
  const req = r.request;
  const {
    x: tX,
    y: tY,
    z: tZ,
    cosReach,
    fromDay,
    untilDay,
    vogUntil,
    lat: tLat,
    lon: tLon,
    cosLat,
    maxTravel,
  } = tb;
  const rLat = req.location.lat;
  const rLon = req.location.lon;
  const rCosLat = Math.cos(rLat * RAD);
  const la = rLat * RAD;
  const lo = rLon * RAD;
  const rx = Math.cos(la) * Math.cos(lo);
  const ry = Math.cos(la) * Math.sin(lo);
  const rz = Math.sin(la);
  const startDay = r.startDay;
  const endDay = r.endDay;
  const neededDays = Math.max(1, Math.round(req.minCommitmentWeeks * 7));
  const vogWaived = req.allowVogPending;
  const useDefault = customDistance === null;
  let n = 0;
  for (let c = 0; c < cands.length; c++) {
    const ti = cands[c];
    // DISTANCE pre-check (permissive, default great-circle distance only).
    if (useDefault && tX[ti] * rx + tY[ti] * ry + tZ[ti] * rz < cosReach[ti]) continue;
    // PERIOD.
    if (Math.min(untilDay[ti], endDay) - Math.max(fromDay[ti], startDay) + 1 < neededDays) continue;
    // VOG.
    if (!vogWaived && startDay > vogUntil[ti]) continue;
    if (excludedEverywhere[ti] === 1 || (excluded !== undefined && excluded.has(ti))) continue;
    // DISTANCE, exact (the same arithmetic as greatCircleKm).
    let distance: number;
    if (useDefault) {
      const dLat = (rLat - tLat[ti]) * RAD;
      const dLon = (rLon - tLon[ti]) * RAD;
      const s = Math.sin(dLat / 2) ** 2 + cosLat[ti] * rCosLat * Math.sin(dLon / 2) ** 2;
      distance = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
    } else {
      distance = customDistance(homes[ti], req.location);
    }
    if (!(distance <= maxTravel[ti])) continue;
    out[n] = ti;
    outKm[n] = distance;
    n++;
  }
  return n;
}

/**
 * Block-level rules (window, committed overlap, released days and minutes, working hours,
 * 6-hour rule) of teacher `ti` for blocks g0..g0+nb-1: flags[at + k] = 1 when block k passes.
 * Returns the number that pass.
 */
function blockFlags(
  tb: TeacherTables,
  ti: number,
  capped: boolean,
  blocks: { day: Int32Array; start: Float64Array; end: Float64Array },
  g0: number,
  nb: number,
  flags: Uint8Array,
  at: number,
): number {
  const { winOff, winData, comOff, comData } = tb;
  const maxDuration = capped ? tb.maxMinutesCapped[ti] : tb.maxMinutes[ti];
  const daysMask = tb.committedDays[ti];
  const noNewDay = tb.daysLeft[ti] < 1;
  const wBase = ti * 8;
  let count = 0;
  for (let k = 0; k < nb; k++) {
    const g = g0 + k;
    const day = blocks.day[g];
    const bs = blocks.start[g];
    const be = blocks.end[g];
    let ok = be - bs <= maxDuration && !(noNewDay && (daysMask & (1 << day)) === 0);
    if (ok) {
      ok = false;
      for (let w = winOff[wBase + day], wEnd = winOff[wBase + day + 1]; w < wEnd; w += 2) {
        if (winData[w] <= bs && be <= winData[w + 1]) {
          ok = true;
          break;
        }
      }
    }
    if (ok) {
      for (let w = comOff[wBase + day], wEnd = comOff[wBase + day + 1]; w < wEnd; w += 2) {
        if (bs < comData[w + 1] && comData[w] < be) {
          ok = false;
          break;
        }
      }
    }
    flags[at + k] = ok ? 1 : 0;
    if (ok) count++;
  }
  return count;
}

/** Growable typed buffers for the eligible pairs and their block flags. */
class PairSink {
  np = 0;
  nf = 0;
  pairTeacher: Int32Array<ArrayBuffer>;
  pairRequest: Int32Array<ArrayBuffer>;
  pairFirstFlag: Int32Array<ArrayBuffer>;
  pairSkill: Float64Array<ArrayBuffer>;
  pairDistance: Float64Array<ArrayBuffer>;
  pairCoverage: Float64Array<ArrayBuffer>;
  pairCapped: Uint8Array<ArrayBuffer>;
  /** flags[pairFirstFlag[p] + k] = block k of the pair's request is eligible. */
  flags: Uint8Array<ArrayBuffer>;

  constructor(pairCap: number, flagCap: number) {
    this.pairTeacher = new Int32Array(pairCap);
    this.pairRequest = new Int32Array(pairCap);
    this.pairFirstFlag = new Int32Array(pairCap);
    this.pairSkill = new Float64Array(pairCap);
    this.pairDistance = new Float64Array(pairCap);
    this.pairCoverage = new Float64Array(pairCap);
    this.pairCapped = new Uint8Array(pairCap);
    this.flags = new Uint8Array(flagCap);
  }

  reserveFlags(nb: number): void {
    if (this.nf + nb <= this.flags.length) return;
    const f = new Uint8Array(Math.max(this.flags.length * 2, this.nf + nb));
    f.set(this.flags);
    this.flags = f;
  }

  /** Keeps the pair whose block flags were just written at `nf` (nb of them). */
  add(
    ti: number,
    ri: number,
    skill: number,
    km: number,
    coverage: number,
    capped: boolean,
    nb: number,
  ): void {
    const p = this.np;
    if (p === this.pairTeacher.length) {
      const cap = p * 2;
      this.pairTeacher = growInt(this.pairTeacher, cap);
      this.pairRequest = growInt(this.pairRequest, cap);
      this.pairFirstFlag = growInt(this.pairFirstFlag, cap);
      this.pairSkill = growFloat(this.pairSkill, cap);
      this.pairDistance = growFloat(this.pairDistance, cap);
      this.pairCoverage = growFloat(this.pairCoverage, cap);
      const pc = new Uint8Array(cap);
      pc.set(this.pairCapped);
      this.pairCapped = pc;
    }
    this.pairTeacher[p] = ti;
    this.pairRequest[p] = ri;
    this.pairSkill[p] = skill;
    this.pairDistance[p] = km;
    this.pairCoverage[p] = coverage;
    this.pairCapped[p] = capped ? 1 : 0;
    this.pairFirstFlag[p] = this.nf;
    this.np = p + 1;
    this.nf += nb;
  }
}

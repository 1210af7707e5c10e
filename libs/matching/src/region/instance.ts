import { popcount } from './bits';
import { EARTH_RADIUS_KM, RAD } from './dates';
import {
  committedDuring,
  evaluateBlock,
  hboMinutesLeft,
  prepareRequest,
  PreparedRequest,
  PreparedTeacher,
  prepareTeacher,
  ruleContext,
  SIX_HOUR_RULE_MINUTES,
  skillValueAt,
} from './eligibility';
import {
  CommittedSlot,
  EngineOptions,
  GeoPoint,
  LessonBlock,
  MatchRequest,
  MatchTeacher,
  ScoreWeights,
} from './region.types';
import { resolveWeights } from './score';

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
  /** Block of each edge (the CSR row it is in). */
  edgeBlock: Int32Array;
  edgeTeacher: Int32Array;
  edgeScore: Int32Array;
  edgePair: Int32Array;
  /** 1 when the edge's pair falls under the 6-hour rule (pairCapped of its pair). */
  edgeCapped: Uint8Array;
  /**
   * HBO_DIDACTIC: minutes the edge's teacher may still teach at the edge's school (Infinity: no
   * threshold); every edge of one teacher at one school has the same value.
   */
  edgeHboLeft: Float64Array;
  pairTeacher: Int32Array;
  pairRequest: Int32Array;
  pairSkill: Float64Array;
  pairDistance: Float64Array;
  pairCoverage: Float64Array;
  pairCapped: Uint8Array;
  /** Whether a skill above the requested level counts (the solve's rule context). */
  allowHigherLevelSkill: boolean;
  /** Static fairness value of each teacher (teacher and company committed shares). */
  teacherFairness: Float64Array;
  eligibilityMs: number;
  graphMs: number;
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
  // Every committed slot counts here; a teacher's slots with dates are sorted out per request below.
  const prepared = teachersIn.map((t, i) => prepareTeacher(t, i));
  const requests = requestsIn.map((r, i) => prepareRequest(r, i, options.today));
  const nt = prepared.length;
  const nr = requests.length;
  const teacherIndex = new Map<string, number>();
  prepared.forEach((t) => {
    if (teacherIndex.has(t.teacher.id)) throw new RangeError(`duplicate teacher id ${t.teacher.id}`);
    teacherIndex.set(t.teacher.id, t.index);
  });

  // Exclusions (cascade after a decline): per request, the excluded teachers' indices.
  const excludedEverywhere: number[] = [];
  for (const id of options.excludeTeacherIds ?? []) {
    const k = teacherIndex.get(id);
    if (k !== undefined) excludedEverywhere.push(k);
  }
  const excludedFor = new Map<string, number[]>();
  for (const e of options.exclude ?? []) {
    const list = excludedFor.get(e.requestId) ?? [];
    for (const id of e.teacherIds) {
      const k = teacherIndex.get(id);
      if (k !== undefined) list.push(k);
    }
    excludedFor.set(e.requestId, list);
  }

  // Global block numbering.
  let numBlocks = 0;
  const requestBlockStart = new Int32Array(nr + 1);
  for (const r of requests) {
    requestBlockStart[r.index] = numBlocks;
    numBlocks += r.request.blocks.length;
  }
  requestBlockStart[nr] = numBlocks;
  const blockRequest = new Int32Array(numBlocks);
  const blockLocal = new Int32Array(numBlocks);
  const blockDay = new Int32Array(numBlocks);
  const blockStart = new Int32Array(numBlocks);
  const blockEnd = new Int32Array(numBlocks);
  // Distinct weekly slots (weekday, start, end) of the blocks: the block rules of a teacher depend
  // on the slot only, so they are evaluated once per teacher and slot (see BlockRules).
  const blockSlot = new Int32Array(numBlocks);
  const slotIndex = new Map<number | string, number>();
  const slotBlocks: LessonBlock[] = [];
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
      const key = slotKey(b);
      let slot = slotIndex.get(key);
      if (slot === undefined) {
        slot = slotBlocks.length;
        slotIndex.set(key, slot);
        slotBlocks.push(b);
      }
      blockSlot[g] = slot;
    }
  }

  // Eligibility on typed per-teacher tables (the same rules as evaluatePair/evaluateBlock, which
  // stay the readable path behind checkEligibility; a spec checks that both agree).
  const tables = teacherTables(prepared, ctx.allowHigherLevelSkill);
  // A teacher excluded everywhere is nobody's candidate.
  for (const t of excludedEverywhere)
    for (let row = 0; row < tables.ns * LEVEL_SLOTS; row++)
      clearBit(tables.candidateBits, row * tables.words, t);
  const screen = new RequestScreen(
    tables,
    new BlockRules(tables, slotBlocks),
    new DateRules(tables),
    blockSlot,
    options.distanceKm === undefined ? null : ctx.distanceKm,
    prepared,
  );
  // Initial capacities: about 24 pairs per block, 4 words of block rows per block.
  const sink = new PairSink(Math.max(1024, numBlocks * 24), Math.max(1024, numBlocks * 4));

  // Pairs of request r: requestPairStart[r] .. requestPairStart[r + 1] (teachers ascending); their
  // block rows (see PairSink.blockRows) start at requestRowStart[r].
  const requestPairStart = new Int32Array(nr + 1);
  const requestRowStart = new Int32Array(nr + 1);
  for (let ri = 0; ri < nr; ri++) {
    const r = requests[ri];
    requestPairStart[ri] = sink.np;
    requestRowStart[ri] = sink.nw;
    const si = tables.subjectIndex.get(r.request.subjectCode);
    if (si === undefined || !(r.levelRank >= 1 && r.levelRank < LEVEL_SLOTS)) continue;
    screen.screen(r, si, requestBlockStart[ri], excludedFor.get(r.request.id), sink);
  }
  const np = sink.np;
  requestPairStart[nr] = np;
  requestRowStart[nr] = sink.nw;
  const { pairTeacher, pairDistance, pairBlocks, pairCapped, pairHboLeft, blockRows } = sink;
  // The side rules, the solve and fairness see each teacher with the committed slots that run
  // during one of their pairs (conservative: they add up whether or not those dates meet).
  const teachers = screen.teachersAsPaired();
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

  const t1 = performance.now();

  // Graph: the remaining pair facts and an integer score per pair, then the CSR by block (edges of
  // a block in pair order, so teachers ascending). The score is pointsOf's arithmetic inlined:
  // each component rounded on its own (Math.round once per distinct value for skill, coverage,
  // continuity and preference), summed in the order of SCORE_COMPONENTS, so every total equals
  // pointsOf's.
  const fillPoints = Math.round(weights.fill);
  // Continuity and preference are 0 or 1 (a rounded 0 is 0 points): 0/1 times these points.
  const continuityPoints = Math.round(weights.continuity * 1);
  const preferencePoints = Math.round(weights.preference * 1);
  const fairnessPoints = new Float64Array(nt);
  for (let t = 0; t < nt; t++) fairnessPoints[t] = Math.round(weights.fairness * teacherFairness[t]);
  const { maxTravel, prefers, schoolTeachers, skillValue, ns } = tables;
  const skillPoints = new Float64Array(skillValue.length);
  for (let cell = 0; cell < skillValue.length; cell++)
    if (skillValue[cell] >= 0) skillPoints[cell] = Math.round(weights.skill * skillValue[cell]);
  const skillStride = ns * LEVEL_SLOTS;
  // coveragePoints[c]: points for c eligible blocks of the request being scored.
  const coveragePoints: number[] = [];
  // taughtHere[t] = 1: teacher t taught at the school of the request being scored.
  const taughtHere = new Uint8Array(nt);
  const pairRequest = new Int32Array(np);
  const pairSkill = new Float64Array(np);
  const pairCoverage = new Float64Array(np);
  // The score of pair p replaces its block count once read (the count is not needed after).
  const pairScore = pairBlocks;
  for (let ri = 0; ri < nr; ri++) {
    const p0 = requestPairStart[ri];
    const p1 = requestPairStart[ri + 1];
    if (p0 === p1) continue;
    const r = requests[ri];
    const req = r.request;
    const nb = req.blocks.length;
    // A request with pairs has a subject some teacher has a skill in.
    const si = tables.subjectIndex.get(req.subjectCode)!;
    const skillAt = si * LEVEL_SLOTS + r.levelRank;
    for (let c = 1; c <= nb; c++) coveragePoints[c] = Math.round(weights.coverage * (c / nb));
    const formerTeachers = schoolTeachers.get(req.schoolId);
    if (formerTeachers !== undefined) for (const t of formerTeachers) taughtHere[t] = 1;
    for (let p = p0; p < p1; p++) {
      const ti = pairTeacher[p];
      const skillCell = ti * skillStride + skillAt;
      const blocks = pairBlocks[p];
      const maxKm = maxTravel[ti];
      const travel = maxKm > 0 ? Math.max(0, 1 - pairDistance[p] / maxKm) : 1;
      pairRequest[p] = ri;
      pairSkill[p] = skillValue[skillCell];
      pairCoverage[p] = blocks / nb;
      pairScore[p] =
        fillPoints +
        skillPoints[skillCell] +
        Math.round(weights.travel * travel) +
        coveragePoints[blocks] +
        taughtHere[ti] * continuityPoints +
        prefers[ti * ns + si] * preferencePoints +
        fairnessPoints[ti];
    }
    if (formerTeachers !== undefined) for (const t of formerTeachers) taughtHere[t] = 0;
  }
  if (options.forcePair) {
    // "What if this teacher took this request": its pairs there get the bonus (regionCostOfForcing).
    const { teacherId, requestId, bonus } = options.forcePair;
    const ft = teacherIndex.get(teacherId);
    const fr = requests.findIndex((r) => r.request.id === requestId);
    if (!Number.isInteger(bonus) || bonus < 0)
      throw new RangeError('forcePair.bonus must be an integer >= 0');
    if (ft !== undefined && fr >= 0)
      for (let p = requestPairStart[fr]; p < requestPairStart[fr + 1]; p++)
        if (pairTeacher[p] === ft) pairScore[p] += bonus;
  }
  // Every bit of the block rows is one edge: the arrays have their final size from the start.
  const ne = sink.edges;
  const edgeStart = new Int32Array(numBlocks + 1);
  const edgeBlock = new Int32Array(ne);
  const edgeTeacher = new Int32Array(ne);
  const edgeScore = new Int32Array(ne);
  const edgePair = new Int32Array(ne);
  const edgeCapped = new Uint8Array(ne);
  const edgeHboLeft = new Float64Array(ne);
  let e = 0;
  for (let ri = 0; ri < nr; ri++) {
    const p0 = requestPairStart[ri];
    const p1 = requestPairStart[ri + 1];
    const g0 = requestBlockStart[ri];
    const nb = requestBlockStart[ri + 1] - g0;
    const rowWords = (p1 - p0 + 31) >>> 5;
    for (let k = 0; k < nb; k++) {
      edgeStart[g0 + k] = e;
      const row = requestRowStart[ri] + k * rowWords;
      for (let w = 0; w < rowWords; w++) {
        for (let bits = blockRows[row + w]; bits !== 0; bits &= bits - 1) {
          const p = p0 + ((w << 5) | lowestBit(bits));
          edgeBlock[e] = g0 + k;
          edgeTeacher[e] = pairTeacher[p];
          edgeScore[e] = pairScore[p];
          edgePair[e] = p;
          edgeCapped[e] = pairCapped[p];
          edgeHboLeft[e] = pairHboLeft[p];
          e++;
        }
      }
    }
  }
  edgeStart[numBlocks] = e;
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
    edgeBlock,
    edgeTeacher,
    edgeScore,
    edgePair,
    edgeCapped,
    edgeHboLeft,
    pairTeacher: pairTeacher.subarray(0, np),
    pairRequest,
    pairSkill,
    pairDistance: pairDistance.subarray(0, np),
    pairCoverage,
    pairCapped: pairCapped.subarray(0, np),
    allowHigherLevelSkill: ctx.allowHigherLevelSkill,
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
  /** Words of a bit row over the teachers (see setBit). */
  words: number;
  /** Row subject * 6 + rank: the teachers with a skill value >= 0 there who teach the level. */
  candidateBits: Int32Array;
  fromDay: Float64Array;
  untilDay: Float64Array;
  vogUntil: Float64Array;
  pdgUntil: Float64Array;
  unlimitedMbo: Uint8Array;
  meetsInstructor: Uint8Array;
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
  /** Bit d: RELEASED_DAYS allows weekday d (a committed day, or released days left). */
  openDays: Int32Array;
  /** Windows of teacher t on weekday d: winData[winOff[t*8+d] .. winOff[t*8+d+1]), start/end pairs. */
  winOff: Int32Array;
  winData: Float64Array;
  comOff: Int32Array;
  comData: Float64Array;
  /** prefers[t * ns + subject] = 1: the subject is among teacher t's preferred subjects. */
  prefers: Uint8Array;
  /** School id -> teachers (ascending) who taught there before (continuity). */
  schoolTeachers: Map<string, number[]>;
}

function flatSlots(
  teachers: readonly PreparedTeacher[],
  pick: (t: PreparedTeacher) => readonly (readonly number[])[],
) {
  const off = new Int32Array(teachers.length * 8 + 1);
  let n = 0;
  for (const t of teachers) {
    const slots = pick(t);
    for (let d = 0; d < 8; d++) n += slots[d].length;
  }
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
  const words = (nt + 31) >>> 5;
  const candidateBits = new Int32Array(ns * LEVEL_SLOTS * words);
  const tb = {
    fromDay: new Float64Array(nt),
    untilDay: new Float64Array(nt),
    vogUntil: new Float64Array(nt),
    pdgUntil: new Float64Array(nt),
    unlimitedMbo: new Uint8Array(nt),
    meetsInstructor: new Uint8Array(nt),
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
    openDays: new Int32Array(nt),
  };
  for (let i = 0; i < nt; i++) {
    const t = teachers[i];
    for (const [subject, list] of t.skills) {
      const base = (i * ns + subjectIndex.get(subject)!) * LEVEL_SLOTS;
      for (const s of list)
        for (let rank = 1; rank < LEVEL_SLOTS; rank++)
          skillValue[base + rank] = Math.max(skillValue[base + rank], skillValueAt(s, rank, allowHigher));
    }
    tb.fromDay[i] = t.fromDay;
    tb.untilDay[i] = t.untilDay;
    tb.vogUntil[i] = t.vogValidUntilDay;
    tb.pdgUntil[i] = t.pdgGraceUntilDay;
    tb.unlimitedMbo[i] = t.unlimitedMbo ? 1 : 0;
    tb.meetsInstructor[i] = t.meetsInstructor ? 1 : 0;
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
    tb.openDays[i] = t.daysLeft < 0 ? 0 : t.daysLeft < 1 ? t.committedDaysMask : 0xff;
  }
  for (let i = 0; i < nt; i++) {
    const levels = teachers[i].levelsMask;
    for (let si = 0; si < ns; si++) {
      const base = (i * ns + si) * LEVEL_SLOTS;
      for (let rank = 1; rank < LEVEL_SLOTS; rank++)
        if (skillValue[base + rank] >= 0 && (levels === 0 || (levels & (1 << rank)) !== 0))
          setBit(candidateBits, (si * LEVEL_SLOTS + rank) * words, i);
    }
  }
  // Score facts: preferred subjects outside every teacher's skills can never meet a pair.
  const prefers = new Uint8Array(nt * ns);
  const schoolTeachers = new Map<string, number[]>();
  for (let i = 0; i < nt; i++) {
    for (const subject of teachers[i].preferredSubjects) {
      const si = subjectIndex.get(subject);
      if (si !== undefined) prefers[i * ns + si] = 1;
    }
    for (const school of teachers[i].previousSchools) {
      const list = schoolTeachers.get(school);
      if (list === undefined) schoolTeachers.set(school, [i]);
      else list.push(i);
    }
  }
  const win = flatSlots(teachers, (t) => t.windows);
  const com = flatSlots(teachers, (t) => t.committedSlots);
  return {
    ns,
    subjectIndex,
    prefers,
    schoolTeachers,
    skillValue,
    words,
    candidateBits,
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
 * Teacher sets as bit rows: teacher t is bit t % 32 of word t / 32 (Int32 words, so the bit
 * operations stay in int32). Iterating a row's set bits visits the teachers in ascending order.
 */
function setBit(row: Int32Array, at: number, t: number): void {
  row[at + (t >>> 5)] |= 1 << (t & 31);
}

function clearBit(row: Int32Array, at: number, t: number): void {
  row[at + (t >>> 5)] &= ~(1 << (t & 31));
}

/** Map key of a block's weekly slot (a number for whole minutes, the common case). */
function slotKey(b: LessonBlock): number | string {
  return Number.isInteger(b.start) && Number.isInteger(b.end)
    ? (b.weekday * 1441 + b.start) * 1441 + b.end
    : `${b.weekday}|${b.start}|${b.end}`;
}

/**
 * The request-level rules that depend on dates only, as bit rows over the teachers, each built
 * on first use: PERIOD per (period start, period end, minimum commitment), VOG and the 6-hour
 * rule's cap per period start.
 */
class DateRules {
  private readonly periodRows = new Map<number, Map<number, Map<number, Int32Array>>>();
  private readonly vogRows = new Map<number, Int32Array>();
  private readonly cappedRows = new Map<number, Int32Array>();
  private instructorRow: Int32Array | null = null;
  /** Every teacher (VOG waived) and no teacher (the 6-hour rule applies at MBO only). */
  readonly everyone: Int32Array;
  readonly nobody: Int32Array;

  constructor(private readonly tb: TeacherTables) {
    this.everyone = new Int32Array(tb.words).fill(-1);
    this.nobody = new Int32Array(tb.words);
  }

  /** PERIOD: teachers available for at least `neededDays` days of the period. */
  period(startDay: number, endDay: number, neededDays: number): Int32Array {
    let byEnd = this.periodRows.get(startDay);
    if (byEnd === undefined)
      this.periodRows.set(startDay, (byEnd = new Map<number, Map<number, Int32Array>>()));
    let byNeeded = byEnd.get(endDay);
    if (byNeeded === undefined) byEnd.set(endDay, (byNeeded = new Map<number, Int32Array>()));
    let row = byNeeded.get(neededDays);
    if (row === undefined) {
      const { fromDay, untilDay } = this.tb;
      row = this.row(
        (t) => !(Math.min(untilDay[t], endDay) - Math.max(fromDay[t], startDay) + 1 < neededDays),
      );
      byNeeded.set(neededDays, row);
    }
    return row;
  }

  /** VOG: teachers whose VOG is at most 6 months old on the day they would start (the later start). */
  vog(startDay: number): Int32Array {
    let row = this.vogRows.get(startDay);
    if (row === undefined) {
      const { vogUntil, fromDay } = this.tb;
      this.vogRows.set(startDay, (row = this.row((t) => !(Math.max(startDay, fromDay[t]) > vogUntil[t]))));
    }
    return row;
  }

  /**
   * Teachers the 6-hour rule caps at MBO level: not qualified (pdg/full), and no PDG in progress
   * whose 2-year deadline lies after the end of their time on the request (the earlier end).
   */
  capped(endDay: number): Int32Array {
    let row = this.cappedRows.get(endDay);
    if (row === undefined) {
      const { unlimitedMbo, pdgUntil, untilDay } = this.tb;
      this.cappedRows.set(
        endDay,
        (row = this.row((t) => unlimitedMbo[t] === 0 && Math.min(endDay, untilDay[t]) > pdgUntil[t])),
      );
    }
    return row;
  }

  /** INSTRUCTOR_PDC: teachers who meet the instructor role's requirement. */
  instructors(): Int32Array {
    if (this.instructorRow === null) {
      const { meetsInstructor } = this.tb;
      this.instructorRow = this.row((t) => meetsInstructor[t] === 1);
    }
    return this.instructorRow;
  }

  private row(test: (t: number) => boolean): Int32Array {
    const row = new Int32Array(this.tb.words);
    for (let t = 0; t < this.tb.fromDay.length; t++) if (test(t)) setBit(row, 0, t);
    return row;
  }
}

/**
 * Block-level rules (window, committed overlap, released days and minutes, working hours,
 * 6-hour rule) per distinct block slot, as bit rows over the teachers: word w of slot s (teachers
 * 32w..32w+31) is evaluated on first use.
 */
class BlockRules {
  private readonly words: number;
  private readonly slotDay: Int32Array;
  private readonly slotStart: Float64Array;
  private readonly slotEnd: Float64Array;
  /** ok[s * words + w]: teachers passing slot s's rules; okCapped: under the 6-hour rule. */
  private readonly ok: Int32Array;
  private readonly okCapped: Int32Array;
  private readonly known: Uint8Array;

  constructor(
    private readonly tb: TeacherTables,
    slots: readonly LessonBlock[],
  ) {
    const n = slots.length;
    this.words = tb.words;
    this.slotDay = new Int32Array(n);
    this.slotStart = new Float64Array(n);
    this.slotEnd = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      this.slotDay[s] = slots[s].weekday;
      this.slotStart[s] = slots[s].start;
      this.slotEnd[s] = slots[s].end;
    }
    this.ok = new Int32Array(n * tb.words);
    this.okCapped = new Int32Array(n * tb.words);
    this.known = new Uint8Array(n * tb.words);
  }

  /** Minutes of slot s. */
  slotDuration(s: number): number {
    return this.slotEnd[s] - this.slotStart[s];
  }

  /** Word w of the teachers passing slot s, where `capped` (same word) marks the capped teachers. */
  pass(s: number, w: number, capped: number): number {
    const i = s * this.words + w;
    if (this.known[i] === 0) this.evaluate(s, w);
    return (this.ok[i] & ~capped) | (this.okCapped[i] & capped);
  }

  private evaluate(s: number, w: number): void {
    const { winOff, winData, comOff, comData, openDays, maxMinutes, maxMinutesCapped } = this.tb;
    const day = this.slotDay[s];
    const dayBit = 1 << day;
    const bs = this.slotStart[s];
    const be = this.slotEnd[s];
    const duration = be - bs;
    const t0 = w << 5;
    const t1 = Math.min(t0 + 32, maxMinutes.length);
    let ok = 0;
    let okCapped = 0;
    for (let t = t0; t < t1; t++) {
      // RELEASED_DAYS: a new weekday needs a released day left.
      if ((openDays[t] & dayBit) === 0) continue;
      // WINDOW: inside one of the teacher's windows that weekday.
      let inWindow = false;
      for (let k = winOff[t * 8 + day], end = winOff[t * 8 + day + 1]; k < end; k += 2) {
        if (winData[k] <= bs && be <= winData[k + 1]) {
          inWindow = true;
          break;
        }
      }
      if (!inWindow) continue;
      // SAME_DAY: no overlap with a committed slot.
      let overlaps = false;
      for (let k = comOff[t * 8 + day], end = comOff[t * 8 + day + 1]; k < end; k += 2) {
        if (bs < comData[k + 1] && comData[k] < be) {
          overlaps = true;
          break;
        }
      }
      if (overlaps) continue;
      // RELEASED_MINUTES and WORKING_HOURS (maxMinutes), plus the SIX_HOUR_RULE (maxMinutesCapped).
      if (duration <= maxMinutes[t]) ok |= 1 << (t - t0);
      if (duration <= maxMinutesCapped[t]) okCapped |= 1 << (t - t0);
    }
    const i = s * this.words + w;
    this.ok[i] = ok;
    this.okCapped[i] = okCapped;
    this.known[i] = 1;
  }
}

/**
 * All rules for the teachers against one request at a time. Word-parallel on bit rows first
 * (SKILL and LEVEL via the candidate row, PERIOD, VOG, at least one block passing the block
 * rules, exclusions), then per remaining teacher, in ascending order, the DISTANCE: the cheap
 * unit-vector pre-check, then the exact distance. The pairs' facts that need no more rules
 * (skill value, coverage, score) are filled in by the graph phase.
 */
class RequestScreen {
  /** Scratch: blockPass[k * words + w] = word w of the teachers passing block k of the request. */
  private blockPass = new Int32Array(0);
  private readonly remaining: Int32Array;
  /** Teachers with dated committed slots (see blockPassOfDated), as a bit row. */
  private readonly dated: Int32Array;
  /** Per teacher with dated slots: the prepared teacher per set of slots that count (by slot indices). */
  private readonly variants = new Map<number, Map<string, PreparedTeacher>>();
  /** Per teacher: the committed slots of the variants behind the pairs kept (teachersAsPaired). */
  private readonly paired: Set<CommittedSlot>[];

  constructor(
    private readonly tb: TeacherTables,
    private readonly blockRules: BlockRules,
    private readonly dateRules: DateRules,
    /** blockSlot[g]: the slot (see BlockRules) of global block g. */
    private readonly blockSlot: Int32Array,
    private readonly customDistance: ((a: GeoPoint, b: GeoPoint) => number) | null,
    private readonly teachers: readonly PreparedTeacher[],
  ) {
    this.remaining = new Int32Array(tb.words);
    this.dated = new Int32Array(tb.words);
    this.paired = teachers.map(() => new Set<CommittedSlot>());
    for (const t of teachers) if (t.datedCommitments) setBit(this.dated, 0, t.index);
  }

  /**
   * The block rules of the teachers in `dated` (word w) against request r, counting only their
   * committed slots that run while they would teach there (committedDuring): the bit rows of
   * BlockRules count every slot, so these teachers' bits are replaced.
   */
  private blockPassOfDated(r: PreparedRequest, w: number, dated: number, capped: number): void {
    const words = this.tb.words;
    const blocks = r.request.blocks;
    for (let bits = dated; bits !== 0; bits &= bits - 1) {
      const bit = lowestBit(bits);
      const pt = this.variant((w << 5) | bit, r);
      const isCapped = ((capped >>> bit) & 1) === 1;
      for (let k = 0; k < blocks.length; k++) {
        const ok = evaluateBlock(pt, blocks[k], isCapped, null);
        const at = k * words + w;
        this.blockPass[at] = ok ? this.blockPass[at] | (1 << bit) : this.blockPass[at] & ~(1 << bit);
      }
    }
  }

  /** Teacher t as request r sees it: only the committed slots that run while t would teach there. */
  private variant(t: number, r: PreparedRequest): PreparedTeacher {
    const base = this.teachers[t];
    const all = base.teacher.committed ?? [];
    const during = committedDuring(base.teacher, r);
    if (during === all) return base;
    const key = during.map((c) => all.indexOf(c)).join(',');
    let byKey = this.variants.get(t);
    if (byKey === undefined) this.variants.set(t, (byKey = new Map<string, PreparedTeacher>()));
    let pt = byKey.get(key);
    if (pt === undefined) byKey.set(key, (pt = prepareTeacher({ ...base.teacher, committed: during }, t)));
    return pt;
  }

  /**
   * The teachers for the rest of the solve: one with dated slots keeps those that run during one
   * of its pairs (every other teacher as prepared).
   */
  teachersAsPaired(): PreparedTeacher[] {
    return this.teachers.map((pt, t) => {
      if (!pt.datedCommitments) return pt;
      const kept = (pt.teacher.committed ?? []).filter((c) => this.paired[t].has(c));
      return kept.length === pt.teacher.committed?.length
        ? pt
        : prepareTeacher({ ...pt.teacher, committed: kept }, t);
    });
  }

  /**
   * Appends the eligible pairs of request `r` (with subject index `subject`; its blocks are the
   * global blocks g0, g0 + 1, ...) to `sink`, in teacher order, with their block rows.
   */
  screen(
    r: PreparedRequest,
    subject: number,
    g0: number,
    excluded: readonly number[] | undefined,
    sink: PairSink,
  ): void {
    const { tb, blockRules, remaining } = this;
    const words = tb.words;
    const req = r.request;
    const nb = req.blocks.length;
    const blockSlot = this.blockSlot;
    if (this.blockPass.length < nb * words) this.blockPass = new Int32Array(nb * words * 2);
    const blockPass = this.blockPass;
    const dates = this.dateRules;
    const periodRow = dates.period(r.startDay, r.endDay, r.neededDays);
    const vogRow = req.allowVogPending ? dates.everyone : dates.vog(r.startDay);
    const cappedRow = r.isMbo ? dates.capped(r.endDay) : dates.nobody;
    const roleRow = req.role === 'instructor' ? dates.instructors() : dates.everyone;
    const candidates = tb.candidateBits;
    const candidateRow = (subject * LEVEL_SLOTS + r.levelRank) * words;
    for (let w = 0; w < words; w++) {
      let left = candidates[candidateRow + w] & periodRow[w] & vogRow[w] & roleRow[w];
      if (left !== 0) {
        const capped = cappedRow[w];
        for (let k = 0; k < nb; k++) blockPass[k * words + w] = blockRules.pass(blockSlot[g0 + k], w, capped);
        const dated = left & this.dated[w];
        if (dated !== 0) this.blockPassOfDated(r, w, dated, capped);
        let anyBlock = 0;
        for (let k = 0; k < nb; k++) anyBlock |= blockPass[k * words + w];
        left &= anyBlock;
      }
      remaining[w] = left;
    }
    if (excluded !== undefined) for (const t of excluded) clearBit(remaining, 0, t);

    const { x: tX, y: tY, z: tZ, cosReach, lat: tLat, lon: tLon, cosLat, maxTravel } = tb;
    const customDistance = this.customDistance;
    const useDefault = customDistance === null;
    const rLat = req.location.lat;
    const rLon = req.location.lon;
    // DISTANCE per remaining teacher in ascending order: the teachers in reach become pairs p0,
    // p0 + 1, ...
    let maxPairs = 0;
    for (let w = 0; w < words; w++) maxPairs += popcount(remaining[w]);
    sink.reservePairs(maxPairs);
    const { pairTeacher, pairDistance, pairHboLeft } = sink;
    // HBO_DIDACTIC: with a threshold at the school, a teacher without the didactic qualification
    // keeps only the blocks that fit the minutes left there (hboMinutesLeft).
    const hboCapped = r.hboCapMinutes !== Infinity;
    const p0 = sink.np;
    let p = p0;
    const rCosLat = Math.cos(rLat * RAD);
    const la = rLat * RAD;
    const lo = rLon * RAD;
    const rx = Math.cos(la) * Math.cos(lo);
    const ry = Math.cos(la) * Math.sin(lo);
    const rz = Math.sin(la);
    for (let w = 0; w < words; w++) {
      for (let bits = remaining[w]; bits !== 0; bits &= bits - 1) {
        const ti = (w << 5) | lowestBit(bits);
        // Pre-check (permissive, default great-circle distance only): clearly too far.
        if (useDefault && tX[ti] * rx + tY[ti] * ry + tZ[ti] * rz < cosReach[ti]) continue;
        // Exact: the same arithmetic as greatCircleKm.
        let distance: number;
        if (useDefault) {
          const dLat = (rLat - tLat[ti]) * RAD;
          const dLon = (rLon - tLon[ti]) * RAD;
          const s = Math.sin(dLat / 2) ** 2 + cosLat[ti] * rCosLat * Math.sin(dLon / 2) ** 2;
          distance = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
        } else {
          distance = customDistance(this.teachers[ti].teacher.home, req.location);
        }
        if (!(distance <= maxTravel[ti])) continue;
        const pt = this.teachers[ti].datedCommitments ? this.variant(ti, r) : this.teachers[ti];
        const hboLeft = hboCapped ? hboMinutesLeft(pt, r) : Infinity;
        if (hboLeft !== Infinity && !this.someBlockWithin(nb, g0, ti, hboLeft)) continue;
        if (pt.datedCommitments) for (const c of pt.teacher.committed ?? []) this.paired[ti].add(c);
        pairTeacher[p] = ti;
        pairDistance[p] = distance;
        pairHboLeft[p] = hboLeft;
        p++;
      }
    }
    const m = p - p0;
    if (m === 0) return;

    // Block rows: bit j of row k = block k is eligible for pair p0 + j.
    const rowWords = (m + 31) >>> 5;
    sink.reserveRows(nb * rowWords);
    const { blockRows, pairBlocks, pairCapped } = sink;
    const w0 = sink.nw;
    blockRows.fill(0, w0, w0 + nb * rowWords);
    let edges = 0;
    for (let j = 0; j < m; j++) {
      // Teacher t: bit tBit of word tWord in teacher rows; pair j: `bit` of word j / 32 in block rows.
      const t = pairTeacher[p0 + j];
      const tWord = t >>> 5;
      const tBit = t & 31;
      const row = w0 + (j >>> 5);
      const bit = 1 << (j & 31);
      const hboLeft = pairHboLeft[p0 + j];
      let count = 0;
      for (let k = 0; k < nb; k++) {
        const block = req.blocks[k];
        const ok = ((blockPass[k * words + tWord] >>> tBit) & 1) * +(block.end - block.start <= hboLeft);
        blockRows[row + k * rowWords] |= -ok & bit;
        count += ok;
      }
      pairBlocks[p0 + j] = count;
      pairCapped[p0 + j] = (cappedRow[tWord] >>> tBit) & 1;
      edges += count;
    }
    sink.np = p;
    sink.nw = w0 + nb * rowWords;
    sink.edges += edges;
  }

  /** Does one of the request's blocks (global g0..g0+nb-1) pass for teacher t and last at most `minutes`? */
  private someBlockWithin(nb: number, g0: number, t: number, minutes: number): boolean {
    const words = this.tb.words;
    for (let k = 0; k < nb; k++) {
      const slot = this.blockRules.slotDuration(this.blockSlot[g0 + k]);
      if (slot <= minutes && ((this.blockPass[k * words + (t >>> 5)] >>> (t & 31)) & 1) === 1) return true;
    }
    return false;
  }
}

/** Index of the lowest set bit of a nonzero word. */
function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

/**
 * Growable typed buffers for the eligible pairs and their eligible blocks. The instance returns
 * views of pairTeacher, pairDistance and pairCapped (no copy); capacities double when exceeded.
 */
class PairSink {
  np = 0;
  /** Words of block rows in use. */
  nw = 0;
  /** Eligible blocks over all kept pairs (= edges of the graph). */
  edges = 0;
  pairTeacher: Int32Array<ArrayBuffer>;
  pairDistance: Float64Array<ArrayBuffer>;
  /** Number of eligible blocks of the pair. */
  pairBlocks: Int32Array<ArrayBuffer>;
  pairCapped: Uint8Array<ArrayBuffer>;
  /** HBO_DIDACTIC minutes left at the request's school (Infinity: no threshold). */
  pairHboLeft: Float64Array<ArrayBuffer>;
  /**
   * Eligible blocks as bit rows: per request (pairs p0..p0+m-1, nb blocks) nb rows of
   * ceil(m / 32) words; bit j of row k = block k is eligible for pair p0 + j.
   */
  blockRows: Int32Array<ArrayBuffer>;

  constructor(pairCap: number, rowCap: number) {
    this.pairTeacher = new Int32Array(pairCap);
    this.pairDistance = new Float64Array(pairCap);
    this.pairBlocks = new Int32Array(pairCap);
    this.pairCapped = new Uint8Array(pairCap);
    this.pairHboLeft = new Float64Array(pairCap);
    this.blockRows = new Int32Array(rowCap);
  }

  /** Makes room for n more pairs. */
  reservePairs(n: number): void {
    if (this.np + n <= this.pairTeacher.length) return;
    const cap = Math.max(this.pairTeacher.length * 2, this.np + n);
    this.pairTeacher = growInt(this.pairTeacher, cap);
    this.pairDistance = growFloat(this.pairDistance, cap);
    this.pairBlocks = growInt(this.pairBlocks, cap);
    this.pairHboLeft = growFloat(this.pairHboLeft, cap);
    const pc = new Uint8Array(cap);
    pc.set(this.pairCapped);
    this.pairCapped = pc;
  }

  /** Makes room for n more words of block rows. */
  reserveRows(n: number): void {
    if (this.nw + n <= this.blockRows.length) return;
    this.blockRows = growInt(this.blockRows, Math.max(this.blockRows.length * 2, this.nw + n));
  }
}

import { groupBy } from '@hybridmatch/domain';
import {
  committedDuring,
  EligibilityCheck,
  eligibilityChecker,
  ENGINE_RULES,
  evaluateBlock,
  FailedRules,
  failsDistance,
  failsInstructor,
  failsLevel,
  failsVog,
  hboMinutesLeft,
  periodOverlapDays,
  PreparedRequest,
  PreparedTeacher,
  prepareRequest,
  prepareTeacher,
  RULE_BIT,
  ruleContext,
  RuleContext,
  sixHourCapped,
  skillValueFor,
} from '../region/eligibility';
import { formatClock, GeoPoints, greatCircleKm } from '../region/dates';
import {
  CommittedSlot,
  EngineOptions,
  LessonBlock,
  MatchRequest,
  MatchTeacher,
  ProposedMatch,
  RuleCode,
  RuleFailure,
} from '../region/region.types';

/** Why an eligible teacher did not take the block in this answer (what it was given instead). */
export type HeldBackReason =
  | 'SAME_DAY'
  | 'RELEASED_DAYS'
  | 'RELEASED_MINUTES'
  | 'WORKING_HOURS'
  | 'SIX_HOUR_RULE'
  /** The request does not allow a team and another teacher holds it. */
  | 'NO_TEAM'
  /** It could have been added: the optimum gains nothing from it (fairness cost). */
  | 'NOT_CHOSEN';

export interface RuleCount<R extends string = RuleCode> {
  rule: R;
  teachers: number;
}

/** Everything a coordinator needs to see why one lesson block stayed unfilled. */
export interface UnfilledExplanation {
  requestId: string;
  blockId: string;
  /** Teachers in the region (the engine's input). */
  teachersInRegion: number;
  /** Teachers passing every rule for this block alone (checkEligibility). */
  eligibleTeachers: number;
  /** Per rule: how many teachers fail it for this block (a teacher may fail several), most first. */
  failing: RuleCount[];
  /** Per rule: teachers failing only that rule (one change away), most first, with their ids. */
  nearestMisses: (RuleCount & { teacherIds: string[] })[];
  /** Of the teachers failing only WINDOW: the start time that would let most of them take it. */
  shiftedStart: { start: number; teachers: number } | null;
  /** Eligible teachers held back by what this answer gave them, per reason. */
  heldBack: RuleCount<HeldBackReason>[];
  /** Distance to the nearest teacher with a skill for the subject and level (null: none). */
  nearestSkilledKm: number | null;
  /** The same facts as sentences, in Dutch and English. */
  sentences: { nl: string[]; en: string[] };
}

/**
 * Explains every block the matches leave unfilled, rule by rule, with the same rules as
 * `checkEligibility` (evaluatePair and evaluateBlock, which the engine applies): per rule the
 * teachers of the region failing it, the nearest misses (teachers failing one rule only), a start
 * time that would admit window-only misses, and for teachers who were eligible why this answer
 * did not give them the block.
 *
 * Each teacher is prepared once (once per set of its dated committed slots that count for a
 * request, see committedDuring) and each request once. The request-level rules are evaluated per
 * group of rules and what of the request the group reads (PairRulesByGroup), the block rules per
 * weekday and time of a block (BlockRulesByShape): a national region's ~1,000 requests share
 * ~100 subjects and levels, dates and places, and its ~1,650 open blocks ~85 times of day. The
 * result equals checking every teacher against every open block with checkEligibility (a spec
 * compares both on random regions).
 */
export function explainUnfilled(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  matches: readonly ProposedMatch[],
  options: EngineOptions = {},
): UnfilledExplanation[] {
  const { filled, heldBy, holderOfRequest } = answerOf(requests, matches);
  const seen = new TeachersAsSeen(teachers);
  const base = teachers.map((_, t) => seen.base(t));
  // The teachers with what this answer gave them as committed load, as heldBackReason sees them.
  const loaded = new TeachersAsSeen(
    teachers.map((teacher) => withHeldLoad(teacher, heldBy.get(teacher.id) ?? [])),
  );
  const pairRules = new PairRulesByGroup(base, ruleContext(options));
  const blockRules = new BlockRulesByShape(base);
  const nt = teachers.length;
  const ids = teachers.map((teacher) => teacher.id);
  const indexesOf = groupBy(
    ids.map((_, t) => t),
    (t) => ids[t],
  );
  // Teachers excluded everywhere, and per request (by index).
  const excludedEverywhere = (options.excludeTeacherIds ?? []).flatMap((id) => indexesOf.get(id) ?? []);
  const excludedFor = new Map<string, number[]>();
  for (const e of options.exclude ?? []) {
    const list = excludedFor.get(e.requestId) ?? [];
    for (const id of e.teacherIds) list.push(...(indexesOf.get(id) ?? []));
    excludedFor.set(e.requestId, list);
  }
  const dated = base.some((pt) => pt.datedCommitments);
  // Per teacher, for the request at hand: as it sees the teacher, its failed request-level rules
  // (bits of RULE_BIT), the facts the block rules need, and whether its block rules are evaluated
  // one by one (dated slots that do not all count, or an HBO school's threshold) instead of read
  // from blockRules.
  const asSeen: PreparedTeacher[] = [...base];
  const pairMask = new Int32Array(nt);
  const capped = new Uint8Array(nt);
  const hboLeft = new Float64Array(nt).fill(Infinity);
  const distance = new Float64Array(nt);
  const direct = new Uint8Array(nt);
  // The last request's asSeen, hboLeft and direct are not those of every teacher as prepared.
  let seenDirect = false;
  const failed = new FailedRules();
  const failing = new Int32Array(ENGINE_RULES.length);
  // Teachers per rule mask of the block at hand, and the masks seen (few: tallied, then per rule).
  const tally = new Int32Array(1 << ENGINE_RULES.length);
  const masks: number[] = [];
  const misses: string[][] = ENGINE_RULES.map(() => []);
  // Per request: the teachers that may pass every rule but one for some block (checked one by
  // one), and the others (failing two request-level rules already: only counted).
  const near = new Int32Array(nt);
  const far = new Int32Array(nt);
  const out: UnfilledExplanation[] = [];
  for (const request of requests) {
    const open = request.blocks.filter((b) => !filled.has(key(request.id, b.id)));
    if (open.length === 0) continue;
    const pr = prepareRequest(request, 0, options.today);
    pairRules.fill(pr, pairMask, capped, distance);
    for (const t of excludedEverywhere) pairMask[t] |= RULE_BIT.EXCLUDED;
    for (const t of excludedFor.get(request.id) ?? []) pairMask[t] |= RULE_BIT.EXCLUDED;
    const anyCapped = capped.includes(1);
    // Without dated slots or a threshold every teacher is seen as prepared, with no HBO cap.
    const anyDirect = dated || pr.hboCapMinutes !== Infinity;
    if (anyDirect || seenDirect) {
      for (let t = 0; t < nt; t++) {
        const pt = anyDirect ? seen.forRequest(t, pr) : base[t];
        asSeen[t] = pt;
        hboLeft[t] = anyDirect ? hboMinutesLeft(pt, pr) : Infinity;
        direct[t] = pt !== base[t] || hboLeft[t] !== Infinity ? 1 : 0;
      }
      seenDirect = anyDirect;
    }
    // SKILL and LEVEL are request-level rules: the nearest skilled teacher is the same for every
    // block of the request.
    const { nearCount, farCount, nearestSkilledKm } = splitTeachers(
      pairMask,
      distance,
      anyDirect,
      direct,
      near,
      far,
    );
    for (const block of open) {
      for (const list of misses) list.length = 0;
      const shape = blockRules.of(block);
      const plain = shape.plain;
      const withCap = anyCapped ? shape.capped() : plain;
      const windowOnly: number[] = [];
      const held = new Map<HeldBackReason, number>();
      let eligible = 0;
      // The far teachers fail two rules or more whatever the block: counted per rule only.
      tallyMasks(far, farCount, pairMask, capped, plain, withCap, tally, masks);
      for (let k = 0; k < nearCount; k++) {
        const t = near[k];
        let mask: number;
        if (!anyDirect || direct[t] === 0) mask = pairMask[t] | (capped[t] === 0 ? plain[t] : withCap[t]);
        else {
          failed.mask = pairMask[t];
          evaluateBlock(asSeen[t], block, capped[t] === 1, failed, hboLeft[t]);
          mask = failed.mask;
        }
        if (tally[mask]++ === 0) masks.push(mask);
        if ((mask & (mask - 1)) !== 0) continue;
        if (mask !== 0) {
          misses[lowestBit(mask)].push(ids[t]);
          if (mask === RULE_BIT.WINDOW) windowOnly.push(t);
        } else {
          eligible++;
          // heldBackReason: the block rules again with the answer's blocks as committed load (the
          // request-level rules read none of it, and passed).
          const lt = loaded.forRequest(t, pr);
          failed.mask = 0;
          evaluateBlock(lt, block, capped[t] === 1, failed, hboMinutesLeft(lt, pr));
          const failedMask = failed.mask;
          const reason = heldBackOf(
            (rule) => (failedMask & RULE_BIT[rule]) !== 0,
            request,
            ids[t],
            holderOfRequest,
          );
          held.set(reason, (held.get(reason) ?? 0) + 1);
        }
      }
      const explanation: UnfilledExplanation = {
        requestId: request.id,
        blockId: block.id,
        teachersInRegion: teachers.length,
        eligibleTeachers: eligible,
        failing: failingPerRule(tally, masks, failing),
        nearestMisses: ENGINE_RULES.flatMap((rule, i) =>
          misses[i].length > 0 ? [{ rule, teachers: misses[i].length, teacherIds: [...misses[i]] }] : [],
        ).sort(byTeachersThenRule),
        shiftedStart: bestShift(windowOnly, asSeen, capped, hboLeft, block),
        heldBack: counts(held),
        nearestSkilledKm: nearestSkilledKm === null ? null : Math.round(nearestSkilledKm * 10) / 10,
        sentences: { nl: [], en: [] },
      };
      explanation.sentences = unfilledSentences(explanation, request);
      out.push(explanation);
    }
  }
  return out;
}

/**
 * Every teacher's request-level rules (as evaluatePair applies them; HBO_DIDACTIC, which reads
 * the teacher's committed load, is the caller's) for many requests, kept per group of rules and
 * what of the request the group reads: SKILL and LEVEL per subject and level; PERIOD, VOG and
 * whether the 6-hour rule caps the teacher per dates (start, end, needed days, VOG pending
 * allowed, MBO); DISTANCE per place; INSTRUCTOR_PDC per role. None of these reads a teacher's
 * committed slots, so one prepared teacher serves every request.
 */
class PairRulesByGroup {
  private readonly skills = new Map<string, Int32Array>();
  private readonly dates = new Map<string, { mask: Int32Array; capped: Uint8Array }>();
  private readonly places = new Map<string, { mask: Int32Array; km: Float64Array }>();
  private readonly roles = new Map<string, Int32Array>();
  /** Per level: LEVEL of every teacher, and SKILL as if no teacher had the subject. */
  private readonly levels = new Map<number, Int32Array>();
  /** Per subject, the teachers with a skill covering it (the others fail SKILL), found once. */
  private skilledBySubject: Map<string, number[]> | null = null;
  /** The teachers' homes, for the default distance. */
  private homes: GeoPoints | null = null;

  constructor(
    private readonly teachers: readonly PreparedTeacher[],
    private readonly ctx: RuleContext,
  ) {}

  /**
   * For request `pr`, per teacher (its index among the prepared teachers): the failed
   * request-level rules into `mask` (bits of RULE_BIT), whether the 6-hour rule caps it into
   * `capped` (1) and the distance to the school into `km`.
   */
  fill(pr: PreparedRequest, mask: Int32Array, capped: Uint8Array, km: Float64Array): void {
    const skill = this.skill(pr);
    const dates = this.datesOf(pr);
    const place = this.place(pr);
    const role = this.role(pr);
    const datesMask = dates.mask;
    const placeMask = place.mask;
    for (let t = 0; t < this.teachers.length; t++) mask[t] = skill[t] | datesMask[t] | placeMask[t] | role[t];
    capped.set(dates.capped);
    km.set(place.km);
  }

  /** SKILL and LEVEL; SKILL evaluated only for the teachers with some skill covering the subject. */
  private skill(pr: PreparedRequest): Int32Array {
    const { subjectCode } = pr.request;
    const { levelRank } = pr;
    return cached(this.skills, `${subjectCode}\u0000${levelRank}`, () => {
      const column = cached(this.levels, levelRank, () =>
        this.column(
          new Int32Array(this.teachers.length),
          (pt) => RULE_BIT.SKILL | (failsLevel(pt, levelRank) ? RULE_BIT.LEVEL : 0),
        ),
      ).slice();
      for (const t of this.skilled(subjectCode))
        if (skillValueFor(this.teachers[t], subjectCode, levelRank, this.ctx) >= 0)
          column[t] &= ~RULE_BIT.SKILL;
      return column;
    });
  }

  private skilled(subjectCode: string): readonly number[] {
    if (this.skilledBySubject === null) {
      const bySubject = new Map<string, number[]>();
      this.teachers.forEach((pt, t) => {
        for (const code of pt.skills.keys()) {
          const list = bySubject.get(code);
          if (list === undefined) bySubject.set(code, [t]);
          else list.push(t);
        }
      });
      this.skilledBySubject = bySubject;
    }
    return this.skilledBySubject.get(subjectCode) ?? [];
  }

  private datesOf(pr: PreparedRequest): { mask: Int32Array; capped: Uint8Array } {
    const at = `${pr.startDay},${pr.endDay},${pr.neededDays},${pr.request.allowVogPending},${pr.isMbo}`;
    const nt = this.teachers.length;
    return cached(this.dates, at, () => ({
      mask: this.column(
        new Int32Array(nt),
        (pt) =>
          (periodOverlapDays(pt, pr) < pr.neededDays ? RULE_BIT.PERIOD : 0) |
          (failsVog(pt, pr) ? RULE_BIT.VOG : 0),
      ),
      capped: this.column(new Uint8Array(nt), (pt) => (sixHourCapped(pt, pr) ? 1 : 0)),
    }));
  }

  private place(pr: PreparedRequest): { mask: Int32Array; km: Float64Array } {
    const { location } = pr.request;
    const nt = this.teachers.length;
    return cached(this.places, `${location.lat},${location.lon}`, () => {
      const km =
        this.ctx.distanceKm === greatCircleKm
          ? (this.homes ??= new GeoPoints(this.teachers.map((pt) => pt.teacher.home))).kmTo(location)
          : this.column(new Float64Array(nt), (pt) => this.ctx.distanceKm(pt.teacher.home, location));
      return {
        km,
        mask: this.column(new Int32Array(nt), (pt, t) => (failsDistance(pt, km[t]) ? RULE_BIT.DISTANCE : 0)),
      };
    });
  }

  private role(pr: PreparedRequest): Int32Array {
    return cached(this.roles, pr.request.role, () =>
      this.column(new Int32Array(this.teachers.length), (pt) =>
        failsInstructor(pt, pr) ? RULE_BIT.INSTRUCTOR_PDC : 0,
      ),
    );
  }

  /** `column` with `of` of every teacher. */
  private column<C extends Int32Array | Uint8Array | Float64Array>(
    column: C,
    of: (pt: PreparedTeacher, t: number) => number,
  ): C {
    for (let t = 0; t < this.teachers.length; t++) column[t] = of(this.teachers[t], t);
    return column;
  }
}

/** The value of `map` at `at`, built and kept when missing. */
function cached<K, V>(map: Map<K, V>, at: K, build: () => V): V {
  let value = map.get(at);
  if (value === undefined) map.set(at, (value = build()));
  return value;
}

/**
 * The block rules (evaluateBlock) of every teacher as prepared once (all its committed slots
 * counting, no HBO school threshold) per weekday, start and end of a block: without and with the
 * 6-hour rule's cap (the latter per teacher when first asked). The rules read nothing else of a
 * block.
 */
class BlockRulesByShape {
  private readonly shapes = new Map<string, BlockShapeRules>();

  constructor(private readonly teachers: readonly PreparedTeacher[]) {}

  of(block: LessonBlock): BlockShapeRules {
    return cached(
      this.shapes,
      `${block.weekday},${block.start},${block.end}`,
      () => new BlockShapeRules(this.teachers, block),
    );
  }
}

/** One weekday, start and end: per teacher the failed block rules (bits of RULE_BIT). */
class BlockShapeRules {
  /** Without the 6-hour rule's cap. */
  readonly plain: Int32Array;
  /** With it, computed when first asked. */
  private withCap: Int32Array | null = null;
  private readonly failed = new FailedRules();

  constructor(
    private readonly teachers: readonly PreparedTeacher[],
    private readonly block: LessonBlock,
  ) {
    this.plain = this.column(false);
  }

  /** Per teacher its failed block rules when the 6-hour rule caps it. */
  capped(): Int32Array {
    return (this.withCap ??= this.column(true));
  }

  private column(sixHourCapped: boolean): Int32Array {
    const column = new Int32Array(this.teachers.length);
    for (let t = 0; t < this.teachers.length; t++) {
      this.failed.mask = 0;
      evaluateBlock(this.teachers[t], this.block, sixHourCapped, this.failed);
      column[t] = this.failed.mask;
    }
    return column;
  }
}

/**
 * Splits the teachers for one request (their request-level rules `pairMask`) into `near`, those
 * that may miss a block by one rule (one request-level rule failed at most, or block rules
 * evaluated one by one: `direct`), and `far`, the others; and finds the distance of the nearest
 * teacher passing SKILL and LEVEL (null: none). A function of its own, as tallyMasks.
 */
function splitTeachers(
  pairMask: Int32Array,
  distance: Float64Array,
  anyDirect: boolean,
  direct: Uint8Array,
  near: Int32Array,
  far: Int32Array,
): { nearCount: number; farCount: number; nearestSkilledKm: number | null } {
  let skilled = false;
  let nearestSkilledKm = 0;
  let nearCount = 0;
  let farCount = 0;
  for (let t = 0; t < pairMask.length; t++) {
    const pair = pairMask[t];
    if ((pair & (RULE_BIT.SKILL | RULE_BIT.LEVEL)) === 0 && (!skilled || distance[t] < nearestSkilledKm)) {
      nearestSkilledKm = distance[t];
      skilled = true;
    }
    if ((pair & (pair - 1)) === 0 || (anyDirect && direct[t] === 1)) near[nearCount++] = t;
    else far[farCount++] = t;
  }
  return { nearCount, farCount, nearestSkilledKm: skilled ? nearestSkilledKm : null };
}

/**
 * Tallies the rule masks of teachers `list[0..count)` for one block (their request-level rules
 * `pairMask`, their block rules from `plain`, or `withCap` where the 6-hour rule caps them) into
 * `tally`, each mask seen for the first time into `masks`. A function of its own: the hot loop
 * is optimised on its own, apart from what explainUnfilled builds around it.
 */
function tallyMasks(
  list: Int32Array,
  count: number,
  pairMask: Int32Array,
  capped: Uint8Array,
  plain: Int32Array,
  withCap: Int32Array,
  tally: Int32Array,
  masks: number[],
): void {
  for (let k = 0; k < count; k++) {
    const t = list[k];
    const mask = pairMask[t] | (capped[t] === 0 ? plain[t] : withCap[t]);
    if (tally[mask]++ === 0) masks.push(mask);
  }
}

/**
 * Per rule the teachers failing it, most first (then by rule, as counts sorts), from the tally of
 * masks (`masks`: those seen); empties the tally and `masks` for the next block.
 */
function failingPerRule(tally: Int32Array, masks: number[], failing: Int32Array): RuleCount[] {
  failing.fill(0);
  for (const mask of masks) {
    for (let bits = mask; bits !== 0; bits &= bits - 1) failing[lowestBit(bits)] += tally[mask];
    tally[mask] = 0;
  }
  masks.length = 0;
  const out: RuleCount[] = [];
  for (let i = 0; i < ENGINE_RULES.length; i++)
    if (failing[i] > 0) out.push({ rule: ENGINE_RULES[i], teachers: failing[i] });
  return out.sort(byTeachersThenRule);
}

/** Index of the lowest set bit of a nonzero word. */
function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

/**
 * The region's teachers prepared once, as checkEligibility prepares them for a request: with the
 * committed slots that run while they would teach there (committedDuring). A teacher whose slots
 * all count is prepared once; one with dated slots once per set of slots that count.
 */
class TeachersAsSeen {
  private readonly prepared: (PreparedTeacher | undefined)[];
  private readonly variants = new Map<number, Map<string, PreparedTeacher>>();

  constructor(private readonly teachers: readonly MatchTeacher[]) {
    this.prepared = new Array<PreparedTeacher | undefined>(teachers.length);
  }

  /** Teacher t with all its committed slots counting (prepared when first asked). */
  base(t: number): PreparedTeacher {
    return (this.prepared[t] ??= prepareTeacher(this.teachers[t], t));
  }

  forRequest(t: number, pr: PreparedRequest): PreparedTeacher {
    const base = this.base(t);
    if (!base.datedCommitments) return base;
    const teacher = this.teachers[t];
    const all = teacher.committed ?? [];
    const during = committedDuring(teacher, pr);
    if (during === all) return base;
    const slots = during.map((c) => all.indexOf(c)).join(',');
    let byKey = this.variants.get(t);
    if (byKey === undefined) this.variants.set(t, (byKey = new Map<string, PreparedTeacher>()));
    let pt = byKey.get(slots);
    if (pt === undefined) byKey.set(slots, (pt = prepareTeacher({ ...teacher, committed: during }, t)));
    return pt;
  }
}

/** What an answer holds: its filled blocks (by unfilledKey), per teacher its blocks, per request its teachers. */
export interface Answer {
  filled: Set<string>;
  heldBy: Map<string, { request: MatchRequest; block: LessonBlock }[]>;
  holderOfRequest: Map<string, Set<string>>;
}

export function answerOf(requests: readonly MatchRequest[], matches: readonly ProposedMatch[]): Answer {
  const filled = new Set<string>();
  const heldBy = new Map<string, { request: MatchRequest; block: LessonBlock }[]>();
  const holderOfRequest = new Map<string, Set<string>>();
  const requestById = new Map(requests.map((r) => [r.id, r]));
  for (const m of matches) {
    const request = requestById.get(m.requestId);
    if (!request) continue;
    for (const blockId of m.blockIds) {
      filled.add(key(m.requestId, blockId));
      const block = request.blocks.find((b) => b.id === blockId);
      if (block) heldBy.set(m.teacherId, [...(heldBy.get(m.teacherId) ?? []), { request, block }]);
    }
    holderOfRequest.set(m.requestId, (holderOfRequest.get(m.requestId) ?? new Set()).add(m.teacherId));
  }
  return { filled, heldBy, holderOfRequest };
}

/** A block's key in Answer.filled. */
export function key(requestId: string, blockId: string): string {
  return `${requestId}\u0000${blockId}`;
}

function counts<R extends string>(map: Map<R, number>): RuleCount<R>[] {
  return [...map].map(([rule, teachers]) => ({ rule, teachers })).sort(byTeachersThenRule);
}

/** Most teachers first, then by rule. */
function byTeachersThenRule(a: RuleCount<string>, b: RuleCount<string>): number {
  return b.teachers - a.teachers || a.rule.localeCompare(b.rule);
}

/**
 * Why an eligible teacher did not get the block: the block rules checked again with what the
 * answer gave it counted as committed load (so the same rules decide), then the no-team rule.
 * `check`: an eligibilityChecker of `options` shared by many calls (one is made otherwise).
 */
export function heldBackReason(
  teacher: MatchTeacher,
  request: MatchRequest,
  block: LessonBlock,
  held: readonly { request: MatchRequest; block: LessonBlock }[],
  holderOfRequest: ReadonlyMap<string, ReadonlySet<string>>,
  options: EngineOptions,
  check: EligibilityCheck = eligibilityChecker(options),
): HeldBackReason {
  const failures: RuleFailure[] = check(withHeldLoad(teacher, held), request, block).failures;
  return heldBackOf((rule) => failures.some((f) => f.rule === rule), request, teacher.id, holderOfRequest);
}

/** The rules heldBackReason names, in its order. */
const HELD_BACK_RULES = [
  'SAME_DAY',
  'RELEASED_DAYS',
  'RELEASED_MINUTES',
  'WORKING_HOURS',
  'SIX_HOUR_RULE',
] as const satisfies readonly HeldBackReason[];

/** heldBackReason from the rules the teacher with its held load `fails` for the block. */
function heldBackOf(
  fails: (rule: RuleCode) => boolean,
  request: MatchRequest,
  teacherId: string,
  holderOfRequest: ReadonlyMap<string, ReadonlySet<string>>,
): HeldBackReason {
  const found = HELD_BACK_RULES.find(fails);
  if (found) return found;
  const holders = holderOfRequest.get(request.id);
  if (!request.allowTeam && holders && !holders.has(teacherId)) return 'NO_TEAM';
  return 'NOT_CHOSEN';
}

/** The teacher with the blocks the answer gave it added to its committed slots. */
function withHeldLoad(
  teacher: MatchTeacher,
  held: readonly { request: MatchRequest; block: LessonBlock }[],
): MatchTeacher {
  const committed: CommittedSlot[] = [
    ...(teacher.committed ?? []),
    ...held.map((h) => ({
      weekday: h.block.weekday,
      start: h.block.start,
      end: h.block.end,
      schoolKind: h.request.schoolKind,
    })),
  ];
  return { ...teacher, committed };
}

/** Start times tried for window-only misses: 07:00 to 18:00 on the half hour, same weekday and length. */
const SHIFT_STEP = 30;

/**
 * The best other start for the window-only misses of `block` (teachers `windowOnly`, as seen for
 * the request: `asSeen`, `capped`, `hboLeft`): they pass every request-level rule, so a shifted
 * block is theirs when it passes the block rules (evaluateBlock, as checkEligibility).
 */
function bestShift(
  windowOnly: readonly number[],
  asSeen: readonly PreparedTeacher[],
  capped: Uint8Array,
  hboLeft: Float64Array,
  block: LessonBlock,
): { start: number; teachers: number } | null {
  if (windowOnly.length === 0) return null;
  const length = block.end - block.start;
  // One block moved from start to start (the rules read its weekday and times only).
  const shifted: LessonBlock = { id: block.id, weekday: block.weekday, start: block.start, end: block.end };
  let best: { start: number; teachers: number } | null = null;
  for (let start = 7 * 60; start + length <= 19 * 60; start += SHIFT_STEP) {
    if (start === block.start) continue;
    shifted.start = start;
    shifted.end = start + length;
    let teachers = 0;
    for (const t of windowOnly)
      if (evaluateBlock(asSeen[t], shifted, capped[t] === 1, null, hboLeft[t])) teachers++;
    if (
      teachers > 0 &&
      (best === null ||
        teachers > best.teachers ||
        (teachers === best.teachers && Math.abs(start - block.start) < Math.abs(best.start - block.start)))
    )
      best = { start, teachers };
  }
  return best;
}

/** Dutch and English phrases per rule: "N teachers would qualify …". */
const MISS_PHRASES: Record<RuleCode, { nl: string; en: string }> = {
  SKILL: {
    nl: 'met een vaardigheid in dit vak op dit niveau',
    en: 'with a skill in this subject at this level',
  },
  LEVEL: { nl: 'als ze op dit niveau wilden lesgeven', en: 'if they were willing to teach this level' },
  WINDOW: {
    nl: 'als het blok in hun beschikbaarheid viel',
    en: 'if the block fell inside their availability',
  },
  PERIOD: {
    nl: 'als ze lang genoeg in de periode beschikbaar waren',
    en: 'if they were available long enough in the period',
  },
  DISTANCE: { nl: 'als ze verder wilden reizen', en: 'if they travelled further' },
  VOG: { nl: 'met een geldige VOG', en: 'with a valid VOG' },
  RELEASED_DAYS: { nl: 'met één vrijgegeven dag meer', en: 'with one more released day' },
  RELEASED_MINUTES: { nl: 'met meer vrijgegeven uren', en: 'with more released hours' },
  WORKING_HOURS: {
    nl: 'binnen de Arbeidstijdenwet bij een kleiner contract',
    en: 'within the Working Hours Act with a smaller contract',
  },
  SIX_HOUR_RULE: { nl: 'met een PDG (de 6-urenregel)', en: 'with a PDG (the 6-hour rule)' },
  PDG_DEADLINE: { nl: 'met hun PDG op tijd af', en: 'with their PDG finished in time' },
  INSTRUCTOR_PDC: { nl: 'met een PDC', en: 'with a PDC' },
  SAME_DAY: {
    nl: 'als het blok niet met hun goedgekeurde plaatsing overlapte',
    en: 'if the block did not overlap their approved placement',
  },
  HBO_DIDACTIC: {
    nl: 'met een didactische kwalificatie (BDB/BKE)',
    en: 'with a didactic qualification (BDB/BKE)',
  },
  EXCLUDED: { nl: 'als ze niet hadden afgeslagen', en: 'had they not declined' },
};

const HELD_PHRASES: Record<HeldBackReason, { nl: string; en: string }> = {
  SAME_DAY: { nl: 'geven op dat moment al een ander blok', en: 'already teach another block at that time' },
  RELEASED_DAYS: {
    nl: 'hebben hun vrijgegeven dagen al elders gebruikt',
    en: 'have used their released days elsewhere',
  },
  RELEASED_MINUTES: {
    nl: 'hebben hun vrijgegeven uren al elders gebruikt',
    en: 'have used their released hours elsewhere',
  },
  WORKING_HOURS: {
    nl: 'zouden boven de Arbeidstijdenwet uitkomen',
    en: 'would exceed the Working Hours Act',
  },
  SIX_HOUR_RULE: {
    nl: 'zouden boven de 6 uur per week op het mbo uitkomen',
    en: 'would exceed 6 hours a week at MBO',
  },
  NO_TEAM: {
    nl: 'mogen niet: de aanvraag gaat naar één docent',
    en: 'may not: the request goes to one teacher',
  },
  NOT_CHOSEN: { nl: 'passen, maar het optimum kiest anders', en: 'fit, but the optimum chooses otherwise' },
};

export function unfilledSentences(
  x: UnfilledExplanation,
  request: MatchRequest,
): { nl: string[]; en: string[] } {
  const nl: string[] = [];
  const en: string[] = [];
  const n = (k: number, nlOne: string, nlMany: string, enOne: string, enMany: string) => ({
    nl: `${k} ${k === 1 ? nlOne : nlMany}`,
    en: `${k} ${k === 1 ? enOne : enMany}`,
  });
  if (x.eligibleTeachers > 0) {
    const who = n(
      x.eligibleTeachers,
      'docent voldoet',
      'docenten voldoen',
      'teacher qualifies',
      'teachers qualify',
    );
    nl.push(
      `${who.nl} aan alle regels, maar: ${x.heldBack.map((h) => `${h.teachers} ${HELD_PHRASES[h.rule].nl}`).join('; ')}.`,
    );
    en.push(
      `${who.en} under every rule, but: ${x.heldBack.map((h) => `${h.teachers} ${HELD_PHRASES[h.rule].en}`).join('; ')}.`,
    );
  } else {
    nl.push(`Geen van de ${x.teachersInRegion} docenten in de regio voldoet aan alle regels.`);
    en.push(`None of the ${x.teachersInRegion} teachers in the region passes every rule.`);
  }
  for (const miss of x.nearestMisses.slice(0, 4)) {
    const who = n(
      miss.teachers,
      'docent zou in aanmerking komen',
      'docenten zouden in aanmerking komen',
      'teacher would qualify',
      'teachers would qualify',
    );
    nl.push(`${who.nl} ${MISS_PHRASES[miss.rule].nl}.`);
    en.push(`${who.en} ${MISS_PHRASES[miss.rule].en}.`);
  }
  if (x.shiftedStart) {
    nl.push(`${x.shiftedStart.teachers} als het blok om ${formatClock(x.shiftedStart.start)} begon.`);
    en.push(`${x.shiftedStart.teachers} if the block started at ${formatClock(x.shiftedStart.start)}.`);
  }
  if (x.nearestSkilledKm === null) {
    nl.push(`Niemand in de regio heeft ${request.subjectCode} op niveau ${request.level}.`);
    en.push(`No one in the region has ${request.subjectCode} at level ${request.level}.`);
  } else if (x.eligibleTeachers === 0 && x.failing.some((f) => f.rule === 'DISTANCE')) {
    nl.push(
      `De dichtstbijzijnde docent met ${request.subjectCode} op dit niveau woont ${x.nearestSkilledKm} km van de school.`,
    );
    en.push(
      `The nearest teacher with ${request.subjectCode} at this level lives ${x.nearestSkilledKm} km from the school.`,
    );
  }
  return { nl, en };
}

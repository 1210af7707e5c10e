import {
  committedDuring,
  EligibilityCheck,
  eligibilityChecker,
  ENGINE_RULES,
  evaluateBlock,
  FailedRules,
  evaluatePair,
  PairFacts,
  PreparedRequest,
  PreparedTeacher,
  prepareRequest,
  prepareTeacher,
  RULE_BIT,
  ruleContext,
  RuleContext,
} from '../region/eligibility';
import { formatClock } from '../region/dates';
import {
  CommittedSlot,
  EngineOptions,
  GeoPoint,
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
 * request, see committedDuring) and each request once; per request a teacher's request-level
 * rules are evaluated once, per open block its block rules. The result equals checking every
 * teacher against every open block with checkEligibility (a spec compares both on random regions).
 */
export function explainUnfilled(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  matches: readonly ProposedMatch[],
  options: EngineOptions = {},
): UnfilledExplanation[] {
  const { filled, heldBy, holderOfRequest } = answerOf(requests, matches);
  const ctx = ruleContext(options);
  const seen = new TeachersAsSeen(teachers);
  const excludedEverywhere = new Set(options.excludeTeacherIds ?? []);
  const excludedFor = new Map<string, Set<string>>();
  for (const e of options.exclude ?? []) {
    const ids = excludedFor.get(e.requestId) ?? new Set<string>();
    for (const id of e.teacherIds) ids.add(id);
    excludedFor.set(e.requestId, ids);
  }
  const nt = teachers.length;
  // Per teacher, for the request at hand: as it sees the teacher, its failed request-level rules
  // (bits of RULE_BIT) and the facts the block rules need.
  const asSeen: PreparedTeacher[] = new Array<PreparedTeacher>(nt);
  const pairMask = new Int32Array(nt);
  const capped = new Uint8Array(nt);
  const hboLeft = new Float64Array(nt);
  const distance = new Float64Array(nt);
  const facts: PairFacts = { skillValue: 0, distanceKm: 0, sixHourCapped: false, hboMinutesLeft: Infinity };
  const failed = new FailedRules();
  const failing = new Int32Array(ENGINE_RULES.length);
  // Teachers per rule mask of the block at hand, and the masks seen (few: tallied, then per rule).
  const tally = new Int32Array(1 << ENGINE_RULES.length);
  const masks: number[] = [];
  // The distances from every teacher's home to a school, computed once per place (schools post
  // several requests); evaluatePair reads them through its rule context.
  const distances = new Map<string, Float64Array>();
  let place: GeoPoint | null = null;
  let row: Float64Array = new Float64Array(0);
  let current = 0;
  const pairCtx: RuleContext = {
    ...ctx,
    distanceKm: (home, to) =>
      home === teachers[current].home && to === place ? row[current] : ctx.distanceKm(home, to),
  };
  const misses: string[][] = ENGINE_RULES.map(() => []);
  const check = eligibilityChecker(options);
  const out: UnfilledExplanation[] = [];
  for (const request of requests) {
    const open = request.blocks.filter((b) => !filled.has(key(request.id, b.id)));
    if (open.length === 0) continue;
    const pr = prepareRequest(request, 0, options.today);
    const excludedHere = excludedFor.get(request.id);
    place = request.location;
    const at = `${place.lat},${place.lon}`;
    const known = distances.get(at);
    if (known !== undefined) row = known;
    else {
      row = new Float64Array(nt);
      for (let t = 0; t < nt; t++) row[t] = ctx.distanceKm(teachers[t].home, place);
      distances.set(at, row);
    }
    for (let t = 0; t < nt; t++) {
      const teacher = teachers[t];
      const pt = seen.forRequest(t, pr);
      failed.mask = 0;
      current = t;
      evaluatePair(pt, pr, pairCtx, facts, failed);
      let mask = failed.mask;
      if (excludedEverywhere.has(teacher.id) || excludedHere?.has(teacher.id) === true)
        mask |= RULE_BIT.EXCLUDED;
      asSeen[t] = pt;
      pairMask[t] = mask;
      capped[t] = facts.sixHourCapped ? 1 : 0;
      hboLeft[t] = facts.hboMinutesLeft;
      distance[t] = facts.distanceKm;
    }
    for (const block of open) {
      for (const ids of misses) ids.length = 0;
      const windowOnly: number[] = [];
      const held = new Map<HeldBackReason, number>();
      let eligible = 0;
      let nearestSkilledKm: number | null = null;
      for (let t = 0; t < nt; t++) {
        const teacher = teachers[t];
        failed.mask = pairMask[t];
        evaluateBlock(asSeen[t], block, capped[t] === 1, failed, hboLeft[t]);
        const mask = failed.mask;
        if (tally[mask]++ === 0) masks.push(mask);
        if ((mask & (RULE_BIT.SKILL | RULE_BIT.LEVEL)) === 0) {
          const km = distance[t];
          if (nearestSkilledKm === null || km < nearestSkilledKm) nearestSkilledKm = km;
        }
        if (mask !== 0 && (mask & (mask - 1)) === 0) {
          misses[lowestBit(mask)].push(teacher.id);
          if (mask === RULE_BIT.WINDOW) windowOnly.push(t);
        }
        if (mask === 0) {
          eligible++;
          const reason = heldBackReason(
            teacher,
            request,
            block,
            heldBy.get(teacher.id) ?? [],
            holderOfRequest,
            options,
            check,
          );
          held.set(reason, (held.get(reason) ?? 0) + 1);
        }
      }
      failing.fill(0);
      for (const mask of masks) {
        for (let bits = mask; bits !== 0; bits &= bits - 1) failing[lowestBit(bits)] += tally[mask];
        tally[mask] = 0;
      }
      masks.length = 0;
      const explanation: UnfilledExplanation = {
        requestId: request.id,
        blockId: block.id,
        teachersInRegion: teachers.length,
        eligibleTeachers: eligible,
        failing: counts(
          new Map(ENGINE_RULES.flatMap((rule, i) => (failing[i] > 0 ? [[rule, failing[i]]] : []))),
        ),
        nearestMisses: ENGINE_RULES.flatMap((rule, i) =>
          misses[i].length > 0 ? [{ rule, teachers: misses[i].length, teacherIds: [...misses[i]] }] : [],
        ).sort((a, b) => b.teachers - a.teachers || a.rule.localeCompare(b.rule)),
        shiftedStart: bestShift(
          windowOnly.map((t) => ({ pt: asSeen[t], capped: capped[t] === 1, hboLeft: hboLeft[t] })),
          block,
        ),
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
  private readonly base: PreparedTeacher[];
  private readonly variants = new Map<number, Map<string, PreparedTeacher>>();

  constructor(private readonly teachers: readonly MatchTeacher[]) {
    this.base = teachers.map((t, i) => prepareTeacher(t, i));
  }

  forRequest(t: number, pr: PreparedRequest): PreparedTeacher {
    const base = this.base[t];
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
  return [...map]
    .map(([rule, teachers]) => ({ rule, teachers }))
    .sort((a, b) => b.teachers - a.teachers || a.rule.localeCompare(b.rule));
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
  const committed: CommittedSlot[] = [
    ...(teacher.committed ?? []),
    ...held.map((h) => ({
      weekday: h.block.weekday,
      start: h.block.start,
      end: h.block.end,
      schoolKind: h.request.schoolKind,
    })),
  ];
  const failures: RuleFailure[] = check({ ...teacher, committed }, request, block).failures;
  const order: HeldBackReason[] = [
    'SAME_DAY',
    'RELEASED_DAYS',
    'RELEASED_MINUTES',
    'WORKING_HOURS',
    'SIX_HOUR_RULE',
  ];
  const found = order.find((rule) => failures.some((f) => f.rule === rule));
  if (found) return found;
  const holders = holderOfRequest.get(request.id);
  if (!request.allowTeam && holders && !holders.has(teacher.id)) return 'NO_TEAM';
  return 'NOT_CHOSEN';
}

/** Start times tried for window-only misses: 07:00 to 18:00 on the half hour, same weekday and length. */
const SHIFT_STEP = 30;

/**
 * The best other start for the window-only misses of `block`: they pass every request-level rule,
 * so a shifted block is theirs when it passes the block rules (evaluateBlock, as checkEligibility).
 */
function bestShift(
  candidates: readonly { pt: PreparedTeacher; capped: boolean; hboLeft: number }[],
  block: LessonBlock,
): { start: number; teachers: number } | null {
  if (candidates.length === 0) return null;
  const length = block.end - block.start;
  let best: { start: number; teachers: number } | null = null;
  for (let start = 7 * 60; start + length <= 19 * 60; start += SHIFT_STEP) {
    if (start === block.start) continue;
    const shifted: LessonBlock = {
      id: `${block.id}@${start}`,
      weekday: block.weekday,
      start,
      end: start + length,
    };
    const teachers = candidates.filter((c) => evaluateBlock(c.pt, shifted, c.capped, null, c.hboLeft)).length;
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

import { checkEligibility } from '../region/eligibility';
import { formatClock, greatCircleKm } from '../region/dates';
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
 * Explains every block the matches leave unfilled, rule by rule, from `checkEligibility` (the
 * same rules the engine applies): per rule the teachers of the region failing it, the nearest
 * misses (teachers failing one rule only), a start time that would admit window-only misses, and
 * for teachers who were eligible why this answer did not give them the block.
 */
export function explainUnfilled(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  matches: readonly ProposedMatch[],
  options: EngineOptions = {},
): UnfilledExplanation[] {
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
  const distanceKm = options.distanceKm ?? greatCircleKm;
  const out: UnfilledExplanation[] = [];
  for (const request of requests) {
    const open = request.blocks.filter((b) => !filled.has(key(request.id, b.id)));
    if (open.length === 0) continue;
    // One full check per teacher and request; each block then takes the request-level failures
    // and its own block-level ones.
    const reports = teachers.map((teacher) => ({
      teacher,
      failures: checkEligibility(teacher, request, undefined, options).failures,
    }));
    for (const block of open) {
      const failing = new Map<RuleCode, number>();
      const misses = new Map<RuleCode, string[]>();
      const windowOnly: MatchTeacher[] = [];
      const held = new Map<HeldBackReason, number>();
      let eligible = 0;
      let nearestSkilledKm: number | null = null;
      for (const { teacher, failures } of reports) {
        const own = failures.filter((f) => f.blockId === undefined || f.blockId === block.id);
        const rules = [...new Set(own.map((f) => f.rule))];
        for (const rule of rules) failing.set(rule, (failing.get(rule) ?? 0) + 1);
        if (!rules.includes('SKILL') && !rules.includes('LEVEL')) {
          const km = distanceKm(teacher.home, request.location);
          if (nearestSkilledKm === null || km < nearestSkilledKm) nearestSkilledKm = km;
        }
        if (rules.length === 1) {
          misses.set(rules[0], [...(misses.get(rules[0]) ?? []), teacher.id]);
          if (rules[0] === 'WINDOW') windowOnly.push(teacher);
        }
        if (rules.length === 0) {
          eligible++;
          const reason = heldBackReason(
            teacher,
            request,
            block,
            heldBy.get(teacher.id) ?? [],
            holderOfRequest,
            options,
          );
          held.set(reason, (held.get(reason) ?? 0) + 1);
        }
      }
      const explanation: UnfilledExplanation = {
        requestId: request.id,
        blockId: block.id,
        teachersInRegion: teachers.length,
        eligibleTeachers: eligible,
        failing: counts(failing),
        nearestMisses: [...misses]
          .map(([rule, ids]) => ({ rule, teachers: ids.length, teacherIds: ids }))
          .sort((a, b) => b.teachers - a.teachers || a.rule.localeCompare(b.rule)),
        shiftedStart: bestShift(windowOnly, request, block, options),
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

function key(requestId: string, blockId: string): string {
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
 */
function heldBackReason(
  teacher: MatchTeacher,
  request: MatchRequest,
  block: LessonBlock,
  held: readonly { request: MatchRequest; block: LessonBlock }[],
  holderOfRequest: ReadonlyMap<string, ReadonlySet<string>>,
  options: EngineOptions,
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
  const failures: RuleFailure[] = checkEligibility(
    { ...teacher, committed },
    request,
    block,
    options,
  ).failures;
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

function bestShift(
  candidates: readonly MatchTeacher[],
  request: MatchRequest,
  block: LessonBlock,
  options: EngineOptions,
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
    const teachers = candidates.filter((t) => checkEligibility(t, request, shifted, options).eligible).length;
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

import { SKILL_COVERAGE_FIT, SkillCoverageKind, skillCoverage } from '@hybridmatch/domain';
import { GeoPoints } from '../region/dates';
import { failedRulesChecker } from '../region/eligibility';
import { buildInstance, RegionInstance } from '../region/instance';
import {
  EngineOptions,
  GeoPoint,
  MatchRequest,
  MatchTeacher,
  ProposedMatch,
  RuleCode,
  ScoreWeights,
} from '../region/region.types';
import { DEFAULT_SCORE_WEIGHTS } from '../region/score';

/** Another teacher the coordinator may see for a proposal, and why it lost. */
export interface ConsideredAlternative {
  teacherId: string;
  /**
   * `lower_score`: passes every rule for some of the proposal's blocks; `scoreDifference` says by how
   * much the proposal's teacher scores more on those blocks (≤ 0: it scores as much or more there,
   * and lost to the whole region's optimum: `usedElsewhere` or the side rules).
   * `ineligible`: fails `rules` (checkEligibility's codes) for every one of the proposal's blocks.
   */
  outcome: 'lower_score' | 'ineligible';
  /** lower_score: how many of the proposal's blocks it could take. */
  blocks?: number;
  /** lower_score: the proposal's points minus this teacher's on those blocks (before the per-block fairness cost). */
  scoreDifference?: number;
  /** lower_score: the same as a share of the proposal's points on those blocks (0.06 = 6 % lower). */
  relativeDifference?: number;
  /** lower_score: the run gave this teacher other blocks. */
  usedElsewhere?: boolean;
  /** ineligible: the rules it fails, each once. */
  rules?: RuleCode[];
}

/** Teachers with the subject checked per match for the ineligible alternatives (the nearest ones). */
const INELIGIBLE_CHECKED = 12;

export interface AlternativeLimits {
  /** Eligible teachers listed per proposal (most blocks, then smallest difference first). Default 3. */
  eligible?: number;
  /** Ineligible teachers listed per proposal (fewest failing rules, then nearest first). Default 3. */
  ineligible?: number;
}

/**
 * For every match (same order): the other teachers the coordinator may see and why each lost.
 * Eligible ones come from the region's scored pairs (the same instance the engine solves), so their
 * score difference is exact; ineligible ones are among the 12 nearest teachers with a skill in the
 * subject, checked with `checkEligibility`'s rules (their failing rules restricted to the proposal's
 * blocks, as codes without messages: failedRulesChecker).
 * `inst`: the instance the engine solved (buildInstance of the same teachers, requests and
 * options), when the caller has it; built otherwise.
 */
export function proposalAlternatives(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  matches: readonly ProposedMatch[],
  options: EngineOptions = {},
  limits: AlternativeLimits = {},
  inst: RegionInstance = buildInstance(teachers, requests, { ...options, explain: false }),
): ConsideredAlternative[][] {
  const maxEligible = limits.eligible ?? 3;
  const maxIneligible = limits.ineligible ?? 3;
  const requestIndex = new Map(requests.map((r, i) => [r.id, i]));
  const used = new Set(matches.map((m) => m.teacherId));
  const teacherById = new Map(teachers.map((t) => [t.id, t]));
  const failedRules = failedRulesChecker(options);
  const ids = inst.teachers.map((pt) => pt.teacher.id);
  // Per subject, the teachers with a skill covering it (in the instance's order), found once.
  const skilledBySubject = new Map<string, typeof inst.teachers>();
  const skilledIn = (subjectCode: string) => {
    let list = skilledBySubject.get(subjectCode);
    if (list === undefined) {
      list = inst.teachers.filter((pt) =>
        pt.teacher.skills.some((s) => skillCoverage(s.subjectCode, subjectCode) !== null),
      );
      skilledBySubject.set(subjectCode, list);
    }
    return list;
  };
  // Per school location, every teacher's distance from home to it, computed once.
  const kmByPlace = new Map<string, Float64Array>();
  let homes: GeoPoints | undefined;
  const kmTo = (location: GeoPoint) => {
    const at = `${location.lat},${location.lon}`;
    let row = kmByPlace.get(at);
    if (row === undefined) {
      homes ??= new GeoPoints(inst.teachers.map((pt) => pt.teacher.home));
      row = homes.kmTo(location);
      kmByPlace.set(at, row);
    }
    return row;
  };
  // Teachers with eligible pairs on the match at hand (by instance index).
  const near = new Uint8Array(inst.teachers.length);
  return matches.map((match) => {
    const ri = requestIndex.get(match.requestId);
    if (ri === undefined) return [];
    const request = requests[ri];
    const g0 = inst.requestBlockStart[ri];
    const local = new Map(request.blocks.map((b, k) => [b.id, g0 + k]));
    // Per other teacher: blocks it could take, its points and the chosen teacher's on those blocks.
    const tally = new Map<number, { blocks: number; theirs: number; ours: number }>();
    for (const blockId of match.blockIds) {
      const b = local.get(blockId);
      if (b === undefined) continue;
      let chosen = 0;
      for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++)
        if (ids[inst.edgeTeacher[e]] === match.teacherId) chosen = inst.edgeScore[e];
      for (let e = inst.edgeStart[b]; e < inst.edgeStart[b + 1]; e++) {
        const t = inst.edgeTeacher[e];
        if (ids[t] === match.teacherId) continue;
        const row = tally.get(t) ?? { blocks: 0, theirs: 0, ours: 0 };
        row.blocks++;
        row.theirs += inst.edgeScore[e];
        row.ours += chosen;
        tally.set(t, row);
      }
    }
    const eligible: ConsideredAlternative[] = [...tally.entries()]
      .map(([t, row]) => ({
        teacherId: ids[t],
        outcome: 'lower_score' as const,
        blocks: row.blocks,
        scoreDifference: row.ours - row.theirs,
        relativeDifference: row.ours > 0 ? Math.round(((row.ours - row.theirs) / row.ours) * 1000) / 1000 : 0,
        usedElsewhere: used.has(ids[t]),
      }))
      .sort(
        (a, b) =>
          b.blocks - a.blocks ||
          a.scoreDifference - b.scoreDifference ||
          a.teacherId.localeCompare(b.teacherId),
      )
      .slice(0, maxEligible);

    // Ineligible: among the nearest teachers with the subject (at most INELIGIBLE_CHECKED per match),
    // those failing a rule for every one of the match's blocks.
    for (const t of tally.keys()) near[t] = 1;
    const blockIds = new Set(match.blockIds);
    const km = kmTo(request.location);
    const nearest = nearestOf(
      skilledIn(request.subjectCode),
      (pt) => ids[pt.index] !== match.teacherId && near[pt.index] === 0,
      (a, b) => km[a.index] - km[b.index] || ids[a.index].localeCompare(ids[b.index]),
      INELIGIBLE_CHECKED,
    );
    for (const t of tally.keys()) near[t] = 0;
    const skilled = nearest.map((pt) => ({ teacher: pt.teacher, km: km[pt.index] }));
    const ineligible: (ConsideredAlternative & { km: number })[] = [];
    for (const { teacher, km } of skilled) {
      const rules = failedRules(teacherById.get(teacher.id)!, request, blockIds);
      if (rules.length > 0) ineligible.push({ teacherId: teacher.id, outcome: 'ineligible', rules, km });
    }
    ineligible.sort(
      (a, b) => a.rules!.length - b.rules!.length || a.km - b.km || a.teacherId.localeCompare(b.teacherId),
    );
    return [...eligible, ...ineligible.slice(0, maxIneligible).map(({ km: _km, ...rest }) => rest)];
  });
}

/**
 * The first `k` of `items` that pass `keep`, in `order` (a stable sort of those that pass, cut
 * at `k`), without sorting them all: a list of at most `k`, each kept item inserted after those
 * that do not come after it.
 */
export function nearestOf<T>(
  items: readonly T[],
  keep: (item: T) => boolean,
  order: (a: T, b: T) => number,
  k: number,
): T[] {
  const out: T[] = [];
  if (k <= 0) return out;
  for (const item of items) {
    if (!keep(item)) continue;
    if (out.length === k && order(item, out[k - 1]) >= 0) continue;
    let i = out.length === k ? k - 1 : out.length;
    while (i > 0 && order(out[i - 1], item) > 0) {
      out[i] = out[i - 1];
      i--;
    }
    out[i] = item;
  }
  return out;
}

/** What a proposal's sentences are built from (its stored explanation). */
export interface ProposalFacts {
  /** Points per score component, summed over the blocks (fairness after the per-block cost). */
  components?: Partial<Record<string, number>>;
  /** The weights the run scored with; absent: the defaults. */
  weights?: Partial<ScoreWeights>;
  blocks: number;
  distanceKm?: number;
  /** How the skill covers the requested subject; absent: the subject itself (older proposals). */
  skillMatch?: SkillCoverageKind;
  considered?: ConsideredAlternative[];
}

export interface Sentences {
  nl: string[];
  en: string[];
}

/** "fails …": one phrase per rule code. */
export const RULE_PHRASES: Record<RuleCode, { nl: string; en: string }> = {
  SKILL: { nl: 'heeft het vak niet op dit niveau', en: 'lacks the subject at this level' },
  LEVEL: { nl: 'wil niet op dit niveau lesgeven', en: 'does not teach this level' },
  WINDOW: { nl: 'is op dat moment niet beschikbaar', en: 'is not available at that time' },
  PERIOD: {
    nl: 'is niet lang genoeg beschikbaar in de periode',
    en: 'is not available long enough in the period',
  },
  DISTANCE: { nl: 'woont te ver weg', en: 'lives too far away' },
  VOG: { nl: 'heeft geen geldige VOG bij de start', en: 'has no valid VOG at the start' },
  RELEASED_DAYS: { nl: 'heeft geen vrijgegeven dag meer', en: 'has no released day left' },
  RELEASED_MINUTES: { nl: 'heeft geen vrijgegeven uren meer', en: 'has no released hours left' },
  WORKING_HOURS: { nl: 'komt boven de Arbeidstijdenwet', en: 'would exceed the Working Hours Act' },
  SIX_HOUR_RULE: { nl: 'valt onder de 6-urenregel (geen PDG)', en: 'falls under the 6-hour rule (no PDG)' },
  PDG_DEADLINE: {
    nl: 'haalt de PDG-termijn van 2 jaar niet binnen de periode',
    en: 'reaches the 2-year PDG deadline within the period',
  },
  INSTRUCTOR_PDC: {
    nl: 'heeft geen PDC voor de rol instructeur',
    en: 'lacks the PDC for the instructor role',
  },
  SAME_DAY: { nl: 'geeft op dat moment al les', en: 'already teaches at that time' },
  HBO_DIDACTIC: {
    nl: 'mist de didactische kwalificatie (BDB/BKE) boven de fte-drempel van de hogeschool',
    en: "lacks the didactic qualification (BDB/BKE) above the university's FTE threshold",
  },
  EXCLUDED: { nl: 'heeft deze aanvraag eerder afgeslagen', en: 'declined this request before' },
};

/** The sentence for a skill that covers the subject through the taxonomy (docs/SUBJECTS.md). */
export const SKILL_MATCH_PHRASES: Record<Exclude<SkillCoverageKind, 'exact'>, { nl: string; en: string }> = {
  field: {
    nl: 'De docent heeft het brede vakgebied van deze specialisatie, niet de specialisatie zelf; dat scoort lager dan een exacte match.',
    en: 'The teacher has the broad field of this specialisation, not the specialisation itself, which scores below an exact match.',
  },
  specialist: {
    nl: 'De docent is specialist binnen dit brede vakgebied; dat scoort lager dan een exacte match.',
    en: 'The teacher is a specialist within this broad field, which scores below an exact match.',
  },
};

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * A proposal in sentences, Dutch and English, from its score components (no points): the skill,
 * the travel, how much of the request the teacher covers, continuity, preference and fairness; then
 * each alternative with why it lost (`names` gives display names; a teacher without one is "another
 * teacher"). Leave `considered` out for readers who may not see other teachers.
 */
export function proposalSentences(
  facts: ProposalFacts,
  names: ReadonlyMap<string, string> = new Map(),
): Sentences {
  const nl: string[] = [];
  const en: string[] = [];
  const w = { ...DEFAULT_SCORE_WEIGHTS, ...(facts.weights ?? {}) };
  const k = Math.max(1, facts.blocks);
  const c = facts.components ?? {};
  const value = (name: keyof ScoreWeights): number | null => {
    const points = c[name];
    const weight = w[name];
    return typeof points === 'number' && weight > 0 ? points / (weight * k) : null;
  };
  const blocks = {
    nl: facts.blocks === 1 ? '1 lesblok' : `${facts.blocks} lesblokken`,
    en: facts.blocks === 1 ? '1 lesson block' : `${facts.blocks} lesson blocks`,
  };
  nl.push(`Deze docent neemt ${blocks.nl} van de aanvraag op zich.`);
  en.push(`This teacher takes ${blocks.en} of the request.`);

  const skillMatch = facts.skillMatch ?? 'exact';
  const fitted = value('skill');
  // The skill value is fit × proficiency / 3 (× 0.8 above the level): take the fit out first.
  const skill = fitted === null ? null : fitted / SKILL_COVERAGE_FIT[skillMatch];
  if (skillMatch !== 'exact') {
    const phrase = SKILL_MATCH_PHRASES[skillMatch];
    nl.push(phrase.nl);
    en.push(phrase.en);
  }
  if (skill !== null && skill > 0) {
    // proficiency / 3, × 0.8 above the requested level: the nearest of the six possible values.
    const levels = [
      { v: 1, nl: 'is expert in het vak op dit niveau', en: 'is an expert in the subject at this level' },
      { v: 2 / 3, nl: 'beheerst het vak goed op dit niveau', en: 'knows the subject well at this level' },
      {
        v: 1 / 3,
        nl: 'heeft basiskennis van het vak op dit niveau',
        en: 'has a basic command of the subject at this level',
      },
      {
        v: 0.8,
        nl: 'is expert in het vak op een hoger niveau',
        en: 'is an expert in the subject at a higher level',
      },
      {
        v: 0.8 * (2 / 3),
        nl: 'beheerst het vak goed op een hoger niveau',
        en: 'knows the subject well at a higher level',
      },
      {
        v: 0.8 / 3,
        nl: 'heeft basiskennis van het vak op een hoger niveau',
        en: 'has a basic command of the subject at a higher level',
      },
    ];
    const nearest = levels.reduce((best, x) => (Math.abs(x.v - skill) < Math.abs(best.v - skill) ? x : best));
    nl.push(`De docent ${nearest.nl}.`);
    en.push(`The teacher ${nearest.en}.`);
  }
  const travel = value('travel');
  if (facts.distanceKm !== undefined) {
    const km = `${Math.round(facts.distanceKm * 10) / 10}`;
    const [nlReach, enReach] =
      travel === null
        ? ['', '']
        : travel >= 0.75
          ? [', dichtbij', ', close by']
          : travel >= 0.4
            ? [', goed bereikbaar', ', within easy reach']
            : [
                ', aan de rand van de reisafstand die de docent aangeeft',
                ', near the edge of the distance the teacher will travel',
              ];
    nl.push(`De docent woont ${km.replace('.', ',')} km van de school${nlReach}.`);
    en.push(`The teacher lives ${km} km from the school${enReach}.`);
  }
  const coverage = value('coverage');
  if (coverage !== null) {
    if (coverage >= 0.999) {
      nl.push(
        'De docent kan alle open lesblokken van de aanvraag geven, dus de school heeft één vast gezicht.',
      );
      en.push(
        'The teacher can teach every open lesson block of the request, so the school has one familiar face.',
      );
    } else {
      nl.push(`De docent kan ${percent(coverage)} van de open lesblokken van de aanvraag geven.`);
      en.push(`The teacher can teach ${percent(coverage)} of the request's open lesson blocks.`);
    }
  }
  if ((value('continuity') ?? 0) > 0) {
    nl.push('De docent heeft eerder op deze school lesgegeven.');
    en.push('The teacher has taught at this school before.');
  }
  if ((value('preference') ?? 0) > 0) {
    nl.push('Dit is een vak dat de docent graag geeft.');
    en.push('This is a subject the teacher prefers to teach.');
  }
  const fairness = value('fairness');
  if (fairness !== null) {
    if (fairness >= 0.75) {
      nl.push(
        'De docent en het bedrijf hebben nog weinig werk via de marktplaats: dat telt mee voor een eerlijke verdeling.',
      );
      en.push(
        'The teacher and their company have little work through the marketplace yet, which counts toward a fair spread.',
      );
    } else if (fairness >= 0.4) {
      nl.push(
        'De docent en het bedrijf hebben al een deel van hun vrijgegeven tijd ingezet; de eerlijke verdeling weegt neutraal.',
      );
      en.push(
        'The teacher and their company already use part of their released time; the fair spread weighs neutrally.',
      );
    } else {
      nl.push(
        'De vrijgegeven tijd van de docent of het bedrijf is al grotendeels ingezet; de eerlijke verdeling telde tegen deze keuze.',
      );
      en.push(
        "Most of the teacher's or company's released time is already in use; the fair spread counted against this choice.",
      );
    }
  }

  for (const alt of facts.considered ?? []) {
    const name = names.get(alt.teacherId);
    const who = { nl: name ?? 'Een andere docent', en: name ?? 'Another teacher' };
    if (alt.outcome === 'ineligible') {
      const rules = (alt.rules ?? []).map((r) => RULE_PHRASES[r]);
      nl.push(`${who.nl} kwam niet in aanmerking: ${rules.map((r) => r.nl).join('; ')}.`);
      en.push(`${who.en} did not qualify: ${rules.map((r) => r.en).join('; ')}.`);
      continue;
    }
    const some =
      alt.blocks === facts.blocks
        ? { nl: '', en: '' }
        : {
            nl: ` (voor ${alt.blocks} van de ${facts.blocks} blokken)`,
            en: ` (for ${alt.blocks} of the ${facts.blocks} blocks)`,
          };
    if ((alt.scoreDifference ?? 0) > 0) {
      const pct = percent(alt.relativeDifference ?? 0);
      nl.push(`${who.nl} kwam ook in aanmerking${some.nl}, maar scoorde ${pct} lager.`);
      en.push(`${who.en} also qualified${some.en}, but scored ${pct} lower.`);
    } else if (alt.usedElsewhere) {
      nl.push(
        `${who.nl} scoorde even hoog of hoger${some.nl}, maar is elders in de regio ingezet, wat de regio als geheel meer oplevert.`,
      );
      en.push(
        `${who.en} scored as high or higher${some.en}, but is proposed elsewhere in the region, which serves the region as a whole better.`,
      );
    } else {
      nl.push(
        `${who.nl} scoorde even hoog of hoger${some.nl}, maar paste niet samen met de rest van de regio (vrijgegeven dagen of uren, één docent per aanvraag).`,
      );
      en.push(
        `${who.en} scored as high or higher${some.en}, but did not fit together with the rest of the region (released days or hours, one teacher per request).`,
      );
    }
  }
  return { nl, en };
}

/** The answer to "why not this teacher for this request" in a run. */
export type WhyNotStatus = 'proposed' | 'ineligible' | 'eligible' | 'not_offered' | 'no_open_blocks';

/**
 * "Why not teacher X for request Y" in sentences: the failing rules, or what forcing X in would
 * cost the region (as a share of the region's score, the blocks filled and the assignments that
 * change), or why the question does not arise.
 */
export function whyNotSentences(answer: {
  teacherName: string;
  status: WhyNotStatus;
  rules?: RuleCode[];
  forcing?: {
    scoreWithout: number;
    cost: number;
    blocksFilledWithout: number;
    blocksFilledForced: number;
    forcedBlockIds: string[];
    changes: unknown[];
  } | null;
}): Sentences {
  const who = answer.teacherName;
  switch (answer.status) {
    case 'proposed':
      return {
        nl: [`${who} is in deze ronde voor deze aanvraag voorgesteld.`],
        en: [`${who} was proposed for this request in this run.`],
      };
    case 'not_offered':
      return {
        nl: [`${who} wordt niet (meer) aangeboden: het profiel is niet actief of niet meer beschikbaar.`],
        en: [`${who} is not offered (any more): the profile is inactive or no longer available.`],
      };
    case 'no_open_blocks':
      return {
        nl: ['De aanvraag heeft geen open lesblokken meer (vervuld, gesloten of afgelopen).'],
        en: ['The request has no open lesson blocks left (filled, closed or ended).'],
      };
    case 'ineligible': {
      const rules = (answer.rules ?? []).map((r) => RULE_PHRASES[r]);
      return {
        nl: [`${who} komt niet in aanmerking: ${rules.map((r) => r.nl).join('; ')}.`],
        en: [`${who} does not qualify: ${rules.map((r) => r.en).join('; ')}.`],
      };
    }
    case 'eligible': {
      const f = answer.forcing;
      if (!f || f.forcedBlockIds.length === 0)
        return {
          nl: [
            `${who} voldoet aan de regels, maar past naast de rest van de regio in geen van de open blokken.`,
          ],
          en: [
            `${who} passes the rules, but fits none of the open blocks together with the rest of the region.`,
          ],
        };
      const nl = [`${who} voldoet aan alle regels.`];
      const en = [`${who} passes every rule.`];
      if (f.cost === 0) {
        nl.push('De regio verliest niets als deze docent de aanvraag krijgt.');
        en.push('The region loses nothing if this teacher takes the request.');
      } else {
        const share = f.scoreWithout > 0 ? Math.max(0.001, f.cost / f.scoreWithout) : 0;
        const pct = `${Math.round(share * 1000) / 10}%`;
        nl.push(
          `Deze docent erin dwingen kost de regio ${pct.replace('.', ',')} van de totale matchkwaliteit.`,
        );
        en.push(`Forcing this teacher in costs the region ${pct} of its total match quality.`);
      }
      const lost = f.blocksFilledWithout - f.blocksFilledForced;
      if (lost > 0) {
        nl.push(`Er blijven dan ${lost} lesblok(ken) meer open in de regio.`);
        en.push(`${lost} more lesson block(s) in the region would stay open.`);
      }
      nl.push(`${f.changes.length} toewijzing(en) in de regio veranderen.`);
      en.push(`${f.changes.length} assignment(s) in the region change.`);
      return { nl, en };
    }
  }
}

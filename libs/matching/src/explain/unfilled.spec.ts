import { checkEligibility } from '../region/eligibility';
import { greatCircleKm } from '../region/dates';
import {
  EngineOptions,
  LessonBlock,
  MatchRequest,
  MatchTeacher,
  ProposedMatch,
  RuleCode,
} from '../region/region.types';
import { solveRegion } from '../region/solve-region';
import { baseRequest, baseTeacher } from '../testing/fixtures';
import { dateCommitments, mulberry32, syntheticRegion, variedRegion } from '../testing/synthetic';
import {
  answerOf,
  explainUnfilled,
  HeldBackReason,
  heldBackReason,
  key,
  unfilledSentences,
  UnfilledExplanation,
} from './unfilled';

/** The per-rule counts recomputed block by block with checkEligibility (the rule book). */
export function recount(teachers: MatchTeacher[], request: MatchRequest, blockId: string) {
  const failing = new Map<RuleCode, number>();
  let eligible = 0;
  for (const teacher of teachers) {
    const report = checkEligibility(teacher, request, blockId);
    const rules = new Set(report.failures.map((f) => f.rule));
    if (rules.size === 0) eligible++;
    for (const rule of rules) failing.set(rule, (failing.get(rule) ?? 0) + 1);
  }
  return { eligible, failing: Object.fromEntries(failing) };
}

const asCounts = (x: UnfilledExplanation) => ({
  eligible: x.eligibleTeachers,
  failing: Object.fromEntries(x.failing.map((f) => [f.rule, f.teachers])),
});

describe('explainUnfilled', () => {
  it('names the nearest misses: a stale VOG, a window that starts later, and says it in Dutch and English', () => {
    const request = baseRequest({ blocks: [{ id: 'b1', weekday: 2, start: 9 * 60, end: 11 * 60 }] });
    const teachers = [
      baseTeacher({ id: 'vog1', vogIssuedOn: '2024-01-01' }),
      baseTeacher({ id: 'vog2', vogIssuedOn: null }),
      baseTeacher({ id: 'late', windows: [{ weekday: 2, start: 10 * 60, end: 17 * 60 }] }),
      baseTeacher({ id: 'far', home: { lat: 53.22, lon: 6.57 } }),
    ];
    const [x] = explainUnfilled(teachers, [request], []);
    expect(x).toMatchObject({ requestId: 'r1', blockId: 'b1', teachersInRegion: 4, eligibleTeachers: 0 });
    expect(x.nearestMisses).toEqual([
      { rule: 'VOG', teachers: 2, teacherIds: ['vog1', 'vog2'] },
      { rule: 'DISTANCE', teachers: 1, teacherIds: ['far'] },
      { rule: 'WINDOW', teachers: 1, teacherIds: ['late'] },
    ]);
    expect(x.shiftedStart).toEqual({ start: 10 * 60, teachers: 1 });
    expect(x.sentences.en).toContain('2 teachers would qualify with a valid VOG.');
    expect(x.sentences.nl).toContain('2 docenten zouden in aanmerking komen met een geldige VOG.');
    expect(x.sentences.en).toContain('1 if the block started at 10:00.');
    expect(x.sentences.nl).toContain('1 als het blok om 10:00 begon.');
  });

  it('says when no one in the region has the subject, and why eligible teachers were held back', () => {
    const teachers = [baseTeacher({ id: 'a' })];
    const first = baseRequest({ id: 'r1', blocks: [{ id: 'b1', weekday: 2, start: 540, end: 660 }] });
    const overlapping = baseRequest({ id: 'r2', blocks: [{ id: 'b2', weekday: 2, start: 600, end: 720 }] });
    const other = baseRequest({
      id: 'r3',
      subjectCode: 'BOUW',
      blocks: [{ id: 'b3', weekday: 2, start: 780, end: 840 }],
    });
    const result = solveRegion(teachers, [first, overlapping, other]);
    const explained = explainUnfilled(teachers, [first, overlapping, other], result.matches);
    const held = explained.find((x) => x.requestId !== 'r3')!;
    expect(held.eligibleTeachers).toBe(1);
    expect(held.heldBack).toEqual([{ rule: 'SAME_DAY', teachers: 1 }]);
    expect(held.sentences.en[0]).toBe(
      '1 teacher qualifies under every rule, but: 1 already teach another block at that time.',
    );
    const none = explained.find((x) => x.requestId === 'r3')!;
    expect(none.nearestSkilledKm).toBeNull();
    expect(none.sentences.en).toContain('No one in the region has BOUW at level MBO3.');
  });

  it('counts per rule exactly what checkEligibility says, for every unfilled block of random regions', () => {
    for (const seed of [1, 2, 3]) {
      const { teachers, requests } = syntheticRegion({ seed, teachers: 25, requests: 40, travelScale: 1 });
      const result = solveRegion(teachers, requests, { explain: false });
      const explained = explainUnfilled(teachers, requests, result.matches);
      expect(explained.map((x) => `${x.requestId}/${x.blockId}`).sort()).toEqual(
        result.unfilled.map((u) => `${u.requestId}/${u.blockId}`).sort(),
      );
      for (const x of explained) {
        const request = requests.find((r) => r.id === x.requestId)!;
        expect(asCounts(x)).toEqual(recount(teachers, request, x.blockId));
        expect(x.heldBack.reduce((s, h) => s + h.teachers, 0)).toBe(x.eligibleTeachers);
      }
    }
  });
});

/**
 * The implementation before the per-request preparation, kept as the oracle: a full
 * checkEligibility of every teacher against every request with open blocks, and of every
 * window-only miss against every shifted start.
 */
function explainUnfilledOracle(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  matches: readonly ProposedMatch[],
  options: EngineOptions = {},
): UnfilledExplanation[] {
  const { filled, heldBy, holderOfRequest } = answerOf(requests, matches);
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
        shiftedStart: bestShiftOracle(windowOnly, request, block, options),
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

const counts = <R extends string>(map: Map<R, number>) =>
  [...map]
    .map(([rule, teachers]) => ({ rule, teachers }))
    .sort((a, b) => b.teachers - a.teachers || a.rule.localeCompare(b.rule));

function bestShiftOracle(
  candidates: readonly MatchTeacher[],
  request: MatchRequest,
  block: LessonBlock,
  options: EngineOptions,
): { start: number; teachers: number } | null {
  if (candidates.length === 0) return null;
  const length = block.end - block.start;
  let best: { start: number; teachers: number } | null = null;
  for (let start = 7 * 60; start + length <= 19 * 60; start += 30) {
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

describe('explainUnfilled agrees with the checkEligibility oracle', () => {
  const cases: [string, EngineOptions][] = [
    ['default rules', {}],
    ['no higher-level skill', { allowHigherLevelSkill: false }],
    [
      'custom distance',
      { distanceKm: (a, b) => Math.abs(a.lat - b.lat) * 111 + Math.abs(a.lon - b.lon) * 70 },
    ],
    ['today and dated placements', { today: '2026-03-12' }],
    ['requests sharing subjects, dates and places', { today: '2026-03-12' }],
  ];
  for (const [name, base] of cases) {
    it(`the same explanations on random regions, with exclusions and random answers (${name})`, () => {
      const seen = { heldBack: 0, shiftedStart: 0, nearestMisses: 0 };
      for (let seed = 1; seed <= 3; seed++) {
        const { teachers, requests } = variedRegion(seed * 104_729 + name.length);
        if (base.today !== undefined) dateCommitments(teachers, seed);
        if (name.startsWith('requests sharing')) shareRequestFacts(requests, seed);
        const options: EngineOptions = {
          ...base,
          excludeTeacherIds: [teachers[5].id],
          exclude: [
            { requestId: requests[0].id, teacherIds: teachers.slice(0, 20).map((t) => t.id) },
            { requestId: requests[0].id, teacherIds: [teachers[30].id] },
            { requestId: requests[1].id, teacherIds: [teachers[1].id] },
          ],
        };
        // The engine's answer, and a random one (matches the engine would not make: more held back).
        const solved = solveRegion(teachers, requests, { ...options, explain: false }).matches;
        const rnd = mulberry32(seed);
        const random: ProposedMatch[] = requests
          .filter(() => rnd() < 0.3)
          .map((r) => ({
            requestId: r.id,
            teacherId: teachers[Math.floor(rnd() * teachers.length)].id,
            blockIds: r.blocks.filter(() => rnd() < 0.6).map((b) => b.id),
            score: 0,
            components: {
              fill: 0,
              skill: 0,
              travel: 0,
              coverage: 0,
              continuity: 0,
              preference: 0,
              fairness: 0,
            },
            distanceKm: 0,
            skillMatch: 'exact',
            alternatives: [],
          }));
        for (const matches of [solved, random, []]) {
          const fast = explainUnfilled(teachers, requests, matches, options);
          expect(fast).toEqual(explainUnfilledOracle(teachers, requests, matches, options));
          for (const x of fast) {
            seen.heldBack += x.heldBack.length;
            seen.shiftedStart += x.shiftedStart === null ? 0 : 1;
            seen.nearestMisses += x.nearestMisses.length;
          }
        }
      }
      // The regions exercise every part of an explanation.
      for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
    });
  }
});

/**
 * Makes requests share what explainUnfilled keeps per group (subject and level, dates, place,
 * role) with an earlier request while the rest differs, and some blocks share weekday and times.
 */
function shareRequestFacts(requests: MatchRequest[], seed: number): void {
  const rnd = mulberry32(seed);
  for (let i = 1; i < requests.length; i++) {
    const earlier = requests[Math.floor(rnd() * i)];
    const r = requests[i];
    if (rnd() < 0.5) Object.assign(r, { subjectCode: earlier.subjectCode, level: earlier.level });
    if (rnd() < 0.5)
      Object.assign(r, {
        periodStart: earlier.periodStart,
        periodEnd: earlier.periodEnd,
        minCommitmentWeeks: earlier.minCommitmentWeeks,
      });
    if (rnd() < 0.5) r.location = { ...earlier.location };
    if (rnd() < 0.5) r.role = earlier.role;
    if (rnd() < 0.5) r.allowVogPending = !earlier.allowVogPending;
    r.blocks = r.blocks.map((b) => (rnd() < 0.5 ? { ...earlier.blocks[0], id: b.id } : b));
  }
}

import { checkEligibility } from '../region/eligibility';
import { MatchRequest, MatchTeacher, RuleCode } from '../region/region.types';
import { solveRegion } from '../region/solve-region';
import { baseRequest, baseTeacher } from '../testing/fixtures';
import { syntheticRegion } from '../testing/synthetic';
import { explainUnfilled, UnfilledExplanation } from './unfilled';

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

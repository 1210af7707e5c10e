import { solveRegion } from '../region/solve-region';
import { baseRequest, baseTeacher } from '../testing/fixtures';
import { syntheticRegion } from '../testing/synthetic';
import { companyFairness } from './fairness';

describe('companyFairness', () => {
  it('reports each company’s share of its offered minutes in use, the spread and Jain’s index', () => {
    const teachers = [
      baseTeacher({ id: 'a1', companyId: 'A', releasedMinutesPerWeek: 240 }),
      baseTeacher({
        id: 'a2',
        companyId: 'A',
        releasedMinutesPerWeek: 240,
        committed: [{ weekday: 3, start: 540, end: 660, schoolKind: 'MBO' }],
      }),
      baseTeacher({ id: 'b1', companyId: 'B', releasedMinutesPerWeek: 480 }),
      baseTeacher({ id: 'z1', companyId: 'Z', releasedMinutesPerWeek: 0 }),
    ];
    const requests = [baseRequest()]; // one 120-minute block
    const match = { teacherId: 'a1', requestId: 'r1', blockIds: ['b1'] };
    const fairness = companyFairness(teachers, requests, [
      { ...match, score: 0, components: {} as never, distanceKm: 0, skillMatch: 'exact', alternatives: [] },
    ]);
    // A: (120 committed + 120 proposed) / 480 = 0.5; B: 0 / 480; Z offers nothing and is left out.
    expect(fairness.companies).toEqual([
      {
        companyId: 'A',
        teachers: 2,
        offeredMinutes: 480,
        committedMinutes: 120,
        proposedMinutes: 120,
        share: 0.5,
        runShare: 0.3333,
      },
      {
        companyId: 'B',
        teachers: 1,
        offeredMinutes: 480,
        committedMinutes: 0,
        proposedMinutes: 0,
        share: 0,
        runShare: 0,
      },
    ]);
    expect(fairness).toMatchObject({ minShare: 0, maxShare: 0.5, spread: 0.5, jainIndex: 0.5 });
  });

  it('adds up to the run’s proposed minutes on a synthetic region', () => {
    const { teachers, requests } = syntheticRegion({ seed: 3, teachers: 40, requests: 60, travelScale: 1 });
    const result = solveRegion(teachers, requests, { explain: false });
    const fairness = companyFairness(teachers, requests, result.matches);
    expect(fairness.companies.reduce((sum, row) => sum + row.proposedMinutes, 0)).toBe(
      result.totals.minutesFilled,
    );
    expect(fairness.jainIndex).toBeGreaterThan(0);
    expect(fairness.jainIndex).toBeLessThanOrEqual(1);
  });
});

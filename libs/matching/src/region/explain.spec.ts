import { checkEligibility } from './eligibility';
import { regionCostOfForcing } from './explain';
import { solveRegion } from './solve-region';
import { baseRequest, baseTeacher } from '../testing/fixtures';
import { syntheticRegion } from '../testing/synthetic';

describe('regionCostOfForcing', () => {
  it('on one block: the cost is the score difference of the two teachers, and the block changes hands', () => {
    const near = baseTeacher({ id: 'near', home: { lat: 52.15, lon: 5.38 } });
    const far = baseTeacher({ id: 'far', companyId: 'c2' });
    const request = baseRequest();
    const alone = (t: typeof near) => solveRegion([t], [request], { explain: false }).totals.score;
    const cost = regionCostOfForcing([near, far], [request], 'far', 'r1');
    expect(cost).toMatchObject({
      scoreWithout: alone(near),
      scoreForced: alone(far),
      cost: alone(near) - alone(far),
      blocksFilledWithout: 1,
      blocksFilledForced: 1,
      forcedBlockIds: ['b1'],
      changes: [{ requestId: 'r1', blockId: 'b1', fromTeacherId: 'near', toTeacherId: 'far' }],
    });
    expect(cost.cost).toBeGreaterThan(0);
    // Forcing the teacher the answer already has costs nothing and changes nothing.
    expect(regionCostOfForcing([near, far], [request], 'near', 'r1')).toMatchObject({ cost: 0, changes: [] });
  });

  it('on a synthetic region: the forced teacher takes the request, the cost is never negative and the scores add up', () => {
    const { teachers, requests } = syntheticRegion({
      seed: 3,
      teachers: 40,
      requests: 60,
      travelScale: 2,
      subjects: 3,
    });
    const answer = solveRegion(teachers, requests, { explain: false });
    const taken = new Set(answer.matches.map((m) => `${m.teacherId}/${m.requestId}`));
    let checked = 0;
    for (const request of requests) {
      for (const teacher of teachers) {
        if (checked >= 6 || taken.has(`${teacher.id}/${request.id}`)) continue;
        if (!checkEligibility(teacher, request).eligible) continue;
        const cost = regionCostOfForcing(teachers, requests, teacher.id, request.id);
        checked++;
        expect(cost.cost).toBeGreaterThanOrEqual(0);
        expect(cost.cost).toBe(cost.scoreWithout - cost.scoreForced);
        expect(cost.scoreWithout).toBeGreaterThanOrEqual(answer.totals.score);
        // The forced blocks change hands to the teacher (it may also move elsewhere in the region).
        expect(cost.forcedBlockIds.length).toBeGreaterThan(0);
        if (cost.cost > 0) {
          const toTeacher = cost.changes.filter((c) => c.toTeacherId === teacher.id).map((c) => c.blockId);
          expect(toTeacher).toEqual(expect.arrayContaining(cost.forcedBlockIds));
        }
      }
    }
    expect(checked).toBe(6);
  });
});

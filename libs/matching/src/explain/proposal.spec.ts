import { checkEligibility } from '../region/eligibility';
import { solveRegion } from '../region/solve-region';
import { syntheticRegion } from '../testing/synthetic';
import { proposalAlternatives, proposalSentences } from './proposal';

describe('proposalAlternatives', () => {
  const { teachers, requests } = syntheticRegion({ seed: 11, teachers: 40, requests: 60, travelScale: 1 });
  const result = solveRegion(teachers, requests);
  const considered = proposalAlternatives(teachers, requests, result.matches);
  const teacherById = new Map(teachers.map((t) => [t.id, t]));
  const requestById = new Map(requests.map((r) => [r.id, r]));

  it('names, per match, eligible teachers with the exact score difference and ineligible ones with checkEligibility’s rules', () => {
    expect(considered).toHaveLength(result.matches.length);
    let eligibleSeen = 0;
    let ineligibleSeen = 0;
    result.matches.forEach((match, i) => {
      const request = requestById.get(match.requestId)!;
      for (const alt of considered[i]) {
        expect(alt.teacherId).not.toBe(match.teacherId);
        const report = checkEligibility(teacherById.get(alt.teacherId)!, request);
        const onBlocks = report.eligibleBlockIds.filter((id) => match.blockIds.includes(id));
        if (alt.outcome === 'lower_score') {
          eligibleSeen++;
          expect(onBlocks).toHaveLength(alt.blocks!);
        } else {
          ineligibleSeen++;
          expect(onBlocks).toEqual([]);
          const codes = new Set(
            report.failures
              .filter((f) => f.blockId === undefined || match.blockIds.includes(f.blockId))
              .map((f) => f.rule),
          );
          expect(new Set(alt.rules)).toEqual(codes);
        }
      }
      // One block: the closest eligible alternative is the engine's own next best, by the same difference.
      const engine = match.alternatives[0]?.alternative;
      const best = considered[i].find((alt) => alt.outcome === 'lower_score');
      if (match.blockIds.length === 1 && engine?.teacherId)
        expect(best?.scoreDifference).toBe(engine.scoreDifference);
    });
    expect(eligibleSeen).toBeGreaterThan(0);
    expect(ineligibleSeen).toBeGreaterThan(0);
  });
});

describe('proposalSentences', () => {
  it('explains the score components in Dutch and English without points, and why each alternative lost', () => {
    const sentences = proposalSentences(
      {
        // Two blocks at the default weights: expert (150), travel 0.8, all blocks, taught here, fairness 0.9 − 25.
        components: {
          fill: 2000,
          skill: 300,
          travel: 240,
          coverage: 400,
          continuity: 200,
          preference: 0,
          fairness: 155,
        },
        blocks: 2,
        distanceKm: 8.04,
        considered: [
          {
            teacherId: 'b',
            outcome: 'lower_score',
            blocks: 2,
            scoreDifference: 137,
            relativeDifference: 0.042,
          },
          { teacherId: 'c', outcome: 'lower_score', blocks: 1, scoreDifference: -20, usedElsewhere: true },
          { teacherId: 'd', outcome: 'ineligible', rules: ['VOG', 'DISTANCE'] },
        ],
      },
      new Map([
        ['b', 'Bram Visser'],
        ['d', 'Dewi Bakker'],
      ]),
    );
    expect(sentences.en).toEqual([
      'This teacher takes 2 lesson blocks of the request.',
      'The teacher is an expert in the subject at this level.',
      'The teacher lives 8 km from the school, close by.',
      'The teacher can teach every open lesson block of the request, so the school has one familiar face.',
      'The teacher has taught at this school before.',
      'The teacher and their company have little work through the marketplace yet, which counts toward a fair spread.',
      'Bram Visser also qualified, but scored 4% lower.',
      'Another teacher scored as high or higher (for 1 of the 2 blocks), but is proposed elsewhere in the region, which serves the region as a whole better.',
      'Dewi Bakker did not qualify: has no valid VOG at the start; lives too far away.',
    ]);
    expect(sentences.nl).toHaveLength(sentences.en.length);
    expect(sentences.nl[2]).toBe('De docent woont 8 km van de school, dichtbij.');
    expect(sentences.nl[8]).toBe(
      'Dewi Bakker kwam niet in aanmerking: heeft geen geldige VOG bij de start; woont te ver weg.',
    );
    for (const line of [...sentences.nl, ...sentences.en]) {
      expect(line).not.toMatch(/points|punten/);
      expect(line).not.toMatch(/\b(2000|300|240|400|200|155|137)\b/);
    }
  });

  it('says what it can from an explanation without weights or alternatives', () => {
    const sentences = proposalSentences({ components: { subject: 1 }, blocks: 1 });
    expect(sentences.en).toEqual(['This teacher takes 1 lesson block of the request.']);
  });
});

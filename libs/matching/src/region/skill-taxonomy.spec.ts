import { SKILL_COVERAGE_FIT } from '@hybridmatch/domain';
import { proposalSentences } from '../explain/proposal';
import { baseRequest, baseTeacher } from '../testing/fixtures';
import { checkEligibility } from './eligibility';
import { solveRegion } from './solve-region';

// Real taxonomy codes: `elektrotechniek` is the broad field, `eltech-eerste-monteur` a specialisation.
const broad = 'elektrotechniek';
const specialist = 'eltech-eerste-monteur';
const skill = (subjectCode: string) => [{ subjectCode, level: 'MBO3' as const, proficiency: 3 as const }];

describe('the engine reads skills through the subject taxonomy', () => {
  it('a specialist and a field generalist pass SKILL for each other; a sibling specialisation does not', () => {
    const request = (subjectCode: string) => baseRequest({ subjectCode });
    expect(checkEligibility(baseTeacher({ skills: skill(specialist) }), request(broad)).eligible).toBe(true);
    expect(checkEligibility(baseTeacher({ skills: skill(broad) }), request(specialist)).eligible).toBe(true);
    const sibling = checkEligibility(
      baseTeacher({ skills: skill('eltech-technicus-engineering') }),
      request(specialist),
    );
    expect(sibling.failures.map((f) => f.rule)).toEqual(['SKILL']);
  });

  it('a specialist matches a broad request, scored below an exact match, and the explanation says so', () => {
    const request = baseRequest({ subjectCode: broad });
    const specialistOnly = solveRegion([baseTeacher({ id: 'spec', skills: skill(specialist) })], [request]);
    const exactOnly = solveRegion([baseTeacher({ id: 'exact', skills: skill(broad) })], [request]);
    const [bySpecialist] = specialistOnly.matches;
    const [byExact] = exactOnly.matches;
    expect(bySpecialist).toMatchObject({ teacherId: 'spec', skillMatch: 'specialist', blockIds: ['b1'] });
    expect(byExact).toMatchObject({ teacherId: 'exact', skillMatch: 'exact' });
    expect(bySpecialist.components.skill).toBeLessThan(byExact.components.skill);
    expect(bySpecialist.components.skill).toBe(
      Math.round(byExact.components.skill * SKILL_COVERAGE_FIT.specialist),
    );
    expect(bySpecialist.score).toBeLessThan(byExact.score);

    // Both in one region, one block: the exact match wins it.
    const both = solveRegion(
      [
        baseTeacher({ id: 'spec', skills: skill(specialist) }),
        baseTeacher({ id: 'exact', skills: skill(broad) }),
      ],
      [request],
    );
    expect(both.matches.map((m) => m.teacherId)).toEqual(['exact']);

    const sentences = proposalSentences({
      components: bySpecialist.components,
      blocks: 1,
      skillMatch: bySpecialist.skillMatch,
    });
    expect(sentences.en).toContain(
      'The teacher is a specialist within this broad field, which scores below an exact match.',
    );
    // The proficiency sentence still reads the skill without the taxonomy's discount.
    expect(sentences.en).toContain('The teacher is an expert in the subject at this level.');
  });

  it('a field generalist takes a specialised request below a specialist, and is told so', () => {
    const request = baseRequest({ subjectCode: specialist });
    const result = solveRegion(
      [
        baseTeacher({ id: 'field', skills: skill(broad) }),
        baseTeacher({ id: 'spec', skills: skill(specialist) }),
      ],
      [request],
    );
    expect(result.matches.map((m) => [m.teacherId, m.skillMatch])).toEqual([['spec', 'exact']]);
    const alone = solveRegion([baseTeacher({ id: 'field', skills: skill(broad) })], [request]);
    expect(alone.matches[0].skillMatch).toBe('field');
    expect(
      proposalSentences({ components: alone.matches[0].components, blocks: 1, skillMatch: 'field' }).nl[1],
    ).toMatch(/brede vakgebied/);
  });
});

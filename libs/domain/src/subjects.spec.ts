import {
  isField,
  SKILL_COVERAGE_FIT,
  skillCoverage,
  SUBJECTS,
  subjectsCoveredBy,
  subjectsCovering,
} from './subjects';
import { EducationLevel, LearningPath, resolveLearningPath } from './enums';

describe('the subject taxonomy', () => {
  it('has unique codes, every field is a subject of its own, and every specialisation carries a crebo code', () => {
    const codes = SUBJECTS.map((subject) => subject.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const subject of SUBJECTS) {
      expect(isField(subject.field)).toBe(true);
      if (subject.code === subject.field) expect(subject.crebo).toBeUndefined();
      else expect(subject.crebo).toMatch(/^\d{5}$/);
    }
  });

  it('an exact skill covers fully; a field covers its specialisations and a specialist its field, both below exact', () => {
    expect(skillCoverage('eltech-eerste-monteur', 'eltech-eerste-monteur')).toEqual({
      kind: 'exact',
      fit: 1,
    });
    expect(skillCoverage('elektrotechniek', 'eltech-eerste-monteur')).toEqual({
      kind: 'field',
      fit: SKILL_COVERAGE_FIT.field,
    });
    expect(skillCoverage('eltech-eerste-monteur', 'elektrotechniek')).toEqual({
      kind: 'specialist',
      fit: SKILL_COVERAGE_FIT.specialist,
    });
    expect(SKILL_COVERAGE_FIT.field).toBeLessThan(1);
    expect(SKILL_COVERAGE_FIT.specialist).toBeLessThan(1);
  });

  it('two specialisations of one field, or subjects of different fields, do not cover each other', () => {
    expect(skillCoverage('wtb-allround-cnc', 'lassen')).toBeNull();
    expect(skillCoverage('elektrotechniek', 'installatietechniek')).toBeNull();
    expect(skillCoverage('ict-software-developer', 'mechatronica')).toBeNull();
  });

  it('codes outside the taxonomy cover only themselves', () => {
    expect(skillCoverage('ELEK', 'ELEK')?.kind).toBe('exact');
    expect(skillCoverage('ELEK', 'elektrotechniek')).toBeNull();
    expect(subjectsCoveredBy('ELEK')).toEqual([{ code: 'ELEK', kind: 'exact', fit: 1 }]);
    expect(subjectsCovering('ELEK')).toEqual(['ELEK']);
  });

  it('lists what a skill covers and which skills cover a request, consistently with skillCoverage', () => {
    expect(subjectsCoveredBy('mechatronica').map((c) => c.code)).toEqual([
      'mechatronica',
      'mechatronica-monteur',
      'procesautomatisering',
    ]);
    expect(subjectsCovering('procesautomatisering')).toEqual(['procesautomatisering', 'mechatronica']);
    for (const skill of SUBJECTS)
      for (const request of SUBJECTS) {
        const covers = skillCoverage(skill.code, request.code) !== null;
        expect(subjectsCoveredBy(skill.code).some((c) => c.code === request.code)).toBe(covers);
        expect(subjectsCovering(request.code).includes(skill.code)).toBe(covers);
      }
  });
});

describe('learning paths (BOL/BBL)', () => {
  it('an MBO-level request is BOL unless it says BBL, and must have one', () => {
    expect(resolveLearningPath(EducationLevel.Mbo3, undefined)).toEqual({ path: LearningPath.Bol });
    expect(resolveLearningPath(EducationLevel.Mbo2, LearningPath.Bbl)).toEqual({ path: LearningPath.Bbl });
    expect(resolveLearningPath(EducationLevel.Mbo4, null)).toHaveProperty('problem');
  });

  it('an HBO request has none', () => {
    expect(resolveLearningPath(EducationLevel.Hbo, undefined)).toEqual({ path: null });
    expect(resolveLearningPath(EducationLevel.Hbo, null)).toEqual({ path: null });
    expect(resolveLearningPath(EducationLevel.Hbo, LearningPath.Bol)).toHaveProperty('problem');
  });
});

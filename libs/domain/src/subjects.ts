/**
 * The subject taxonomy for the technical fields (DOMAIN rule 7). Two levels: a **field** (a broad
 * skill such as `elektrotechniek`; its code is its own field) and the **specialisations** within it.
 * Every specialisation is an MBO subject and carries the crebo code of the MBO qualification it is
 * taught in (the SBB register, s-bb.nl); docs/SUBJECTS.md lists each code with its source and marks
 * the ones still to be checked. The taxonomy is data the product ships with, kept small on purpose.
 */
export interface Subject {
  code: string;
  name: string;
  /** The broad field this subject belongs to; a field's own code for a field. */
  field: string;
  /** Crebo code of the MBO qualification (specialisations only). */
  crebo?: string;
  /** The qualification's name in the SBB register, when the subject is a topic taught within it. */
  qualification?: string;
}

export const SUBJECTS: readonly Subject[] = [
  { code: 'elektrotechniek', name: 'Elektrotechniek', field: 'elektrotechniek' },
  {
    code: 'eltech-eerste-monteur',
    name: 'Eerste monteur elektrotechnische installaties',
    field: 'elektrotechniek',
    crebo: '25330',
  },
  {
    code: 'eltech-technicus-engineering',
    name: 'Technicus engineering elektrotechniek',
    field: 'elektrotechniek',
    crebo: '25335',
  },
  { code: 'werktuigbouwkunde', name: 'Werktuigbouwkunde', field: 'werktuigbouwkunde' },
  { code: 'wtb-allround-cnc', name: 'Allround CNC-verspaner', field: 'werktuigbouwkunde', crebo: '25279' },
  {
    code: 'wtb-technicus-engineering',
    name: 'Technicus engineering werktuigbouwkunde',
    field: 'werktuigbouwkunde',
    crebo: '25336',
  },
  {
    code: 'lassen',
    name: 'Lassen en constructie',
    field: 'werktuigbouwkunde',
    crebo: '25274',
    qualification: 'Allround constructiewerker',
  },
  { code: 'mechatronica', name: 'Mechatronica', field: 'mechatronica' },
  { code: 'mechatronica-monteur', name: 'Monteur mechatronica', field: 'mechatronica', crebo: '25280' },
  {
    code: 'procesautomatisering',
    name: 'Procesautomatisering (PLC)',
    field: 'mechatronica',
    crebo: '25281',
    qualification: 'Eerste monteur mechatronica',
  },
  { code: 'installatietechniek', name: 'Installatietechniek', field: 'installatietechniek' },
  {
    code: 'inst-eerste-monteur-wkb',
    name: 'Eerste monteur woning en utiliteit',
    field: 'installatietechniek',
    crebo: '25329',
  },
  { code: 'bouwkunde', name: 'Bouwkunde', field: 'bouwkunde' },
  { code: 'bouw-timmerman', name: 'Timmerman', field: 'bouwkunde', crebo: '25191' },
  { code: 'ict', name: 'ICT', field: 'ict' },
  { code: 'ict-software-developer', name: 'Software developer', field: 'ict', crebo: '25998' },
  { code: 'ict-netwerkbeheer', name: 'Expert IT systems and devices', field: 'ict', crebo: '25989' },
  { code: 'procestechniek', name: 'Procestechniek', field: 'procestechniek' },
  { code: 'proces-operator-b', name: 'Operator B', field: 'procestechniek', crebo: '25410' },
  { code: 'automotive', name: 'Automotive', field: 'automotive' },
  { code: 'auto-technicus', name: 'Autotechnicus', field: 'automotive', crebo: '25217' },
  { code: 'maritiem', name: 'Maritieme techniek', field: 'maritiem' },
  { code: 'energietransitie', name: 'Energietransitie', field: 'energietransitie' },
  {
    code: 'energie-zonnepanelen',
    name: 'Monteur zonne-energie',
    field: 'energietransitie',
    crebo: '25328',
    qualification: 'Monteur elektrotechnische installaties in de gebouwde omgeving',
  },
  {
    code: 'energie-warmtepomp',
    name: 'Monteur warmtepompen',
    field: 'energietransitie',
    crebo: '25327',
    qualification: 'Monteur woning en utiliteit',
  },
];

export const SUBJECT_CODES: readonly string[] = SUBJECTS.map((subject) => subject.code);

const SUBJECT_BY_CODE = new Map(SUBJECTS.map((subject) => [subject.code, subject]));

export function isSubjectCode(value: unknown): value is string {
  return typeof value === 'string' && SUBJECT_BY_CODE.has(value);
}

export function subjectByCode(code: string): Subject | undefined {
  return SUBJECT_BY_CODE.get(code);
}

/** A field is a broad skill: its code is its own field. */
export function isField(code: string): boolean {
  return SUBJECT_BY_CODE.get(code)?.field === code;
}

/**
 * How a teacher's skill covers a requested subject:
 * - `exact`: the same subject;
 * - `field`: the skill is the broad field and the request one of its specialisations;
 * - `specialist`: the skill is a specialisation and the request its broad field.
 * Two specialisations of one field do not cover each other (an Allround CNC-verspaner is no
 * constructiewerker).
 */
export type SkillCoverageKind = 'exact' | 'field' | 'specialist';

/**
 * How much of the skill counts, by kind (a product decision, see docs/MATCHING.md): an exact match
 * scores highest; a specialist on a broad request knows part of the field in depth; a generalist
 * on a specialised qualification lacks the qualification's specific practice, so scores lowest.
 */
export const SKILL_COVERAGE_FIT: Readonly<Record<SkillCoverageKind, number>> = {
  exact: 1,
  specialist: 0.85,
  field: 0.7,
};

export interface SkillCoverage {
  kind: SkillCoverageKind;
  /** The share of the skill that counts toward the skill score, in (0, 1]. */
  fit: number;
}

const EXACT: SkillCoverage = Object.freeze({ kind: 'exact', fit: SKILL_COVERAGE_FIT.exact });
const FIELD: SkillCoverage = Object.freeze({ kind: 'field', fit: SKILL_COVERAGE_FIT.field });
const SPECIALIST: SkillCoverage = Object.freeze({ kind: 'specialist', fit: SKILL_COVERAGE_FIT.specialist });

/**
 * Whether a skill in `skillCode` covers a request for `requestCode`, and how well; null when it
 * does not. Codes outside the taxonomy cover only themselves.
 */
export function skillCoverage(skillCode: string, requestCode: string): SkillCoverage | null {
  if (skillCode === requestCode) return EXACT;
  const skill = SUBJECT_BY_CODE.get(skillCode);
  const request = SUBJECT_BY_CODE.get(requestCode);
  if (skill === undefined || request === undefined || skill.field !== request.field) return null;
  if (skill.code === skill.field) return FIELD;
  if (request.code === request.field) return SPECIALIST;
  return null;
}

/** Every subject a skill in `skillCode` covers (itself first), with how well. */
export function subjectsCoveredBy(skillCode: string): readonly (SkillCoverage & { code: string })[] {
  return COVERED.get(skillCode) ?? [{ code: skillCode, ...EXACT }];
}

const COVERED = new Map(
  SUBJECTS.map((skill) => [
    skill.code,
    Object.freeze(
      SUBJECTS.flatMap((request) => {
        const coverage = skillCoverage(skill.code, request.code);
        return coverage === null ? [] : [{ code: request.code, ...coverage }];
      }).sort((a, b) => b.fit - a.fit),
    ),
  ]),
);

/** Every skill code that covers a request for `requestCode` (itself first). */
export function subjectsCovering(requestCode: string): readonly string[] {
  return COVERING.get(requestCode) ?? [requestCode];
}

const COVERING = new Map(
  SUBJECTS.map((request) => [
    request.code,
    Object.freeze([
      request.code,
      ...SUBJECTS.filter(
        (skill) => skill.code !== request.code && skillCoverage(skill.code, request.code) !== null,
      ).map((skill) => skill.code),
    ]),
  ]),
);

/**
 * Whether a teacher's skill in `skillSubject` covers a request in `requestSubject`. The rule book's
 * SKILL rule asks this (and only this), so the taxonomy decides what covers what: the subject itself,
 * its field, or a specialisation of a field request (`skillCoverage`).
 */
export function skillCoversSubject(skillSubject: string, requestSubject: string): boolean {
  return skillCoverage(skillSubject, requestSubject) !== null;
}

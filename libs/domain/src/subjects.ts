/**
 * The subject taxonomy for the technical fields. Codes are stable identifiers used in skills and
 * requests. Where an MBO qualification has a crebo code (s-bb.nl), it is given; the taxonomy is
 * data the product ships with, kept small on purpose.
 */
export interface Subject {
  code: string;
  name: string;
  field: string;
  crebo?: string;
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
  { code: 'mechatronica', name: 'Mechatronica', field: 'mechatronica' },
  { code: 'mechatronica-monteur', name: 'Monteur mechatronica', field: 'mechatronica', crebo: '25280' },
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
  { code: 'energie-zonnepanelen', name: 'Monteur zonne-energie', field: 'energietransitie' },
  { code: 'energie-warmtepomp', name: 'Monteur warmtepompen', field: 'energietransitie' },
  { code: 'lassen', name: 'Lassen en constructie', field: 'werktuigbouwkunde' },
  { code: 'procesautomatisering', name: 'Procesautomatisering (PLC)', field: 'mechatronica' },
];

export const SUBJECT_CODES: readonly string[] = SUBJECTS.map((subject) => subject.code);

const SUBJECT_CODE_SET = new Set(SUBJECT_CODES);

export function isSubjectCode(value: unknown): value is string {
  return typeof value === 'string' && SUBJECT_CODE_SET.has(value);
}

/**
 * Whether a teacher's skill in `skillSubject` covers a request in `requestSubject`. The rule book's
 * SKILL rule asks this (and only this), so the taxonomy decides what covers what.
 */
export function skillCoversSubject(skillSubject: string, requestSubject: string): boolean {
  return skillSubject === requestSubject;
}

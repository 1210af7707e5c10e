import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserRole } from '@hybridmatch/domain';
import { COUNTERPART_FIELDS, CounterpartFacts, counterpartView, Viewer, viewerOf } from './counterpart-view';

const FACTS: CounterpartFacts = {
  teacher: {
    name: 'Sanne Jansen',
    companyName: 'Installatiebedrijf Noord',
    qualification: 'none',
    relevantSkills: [{ subjectCode: 'elektrotechniek', level: 'MBO3' }],
    vogIssuedOn: '2026-08-01',
    vogSchoolCheck: null,
    vogVerified: true,
    travelKm: 12.4,
    email: 's.jansen@example.nl',
    homeCity: 'Utrecht',
  },
  school: {
    name: 'ROC Midden',
    address: {
      locationName: 'Hoofdlocatie',
      street: 'Stationsplein 1',
      postalCode: '3511 ED',
      city: 'Utrecht',
    },
    contact: { name: 'Marieke de Vries', email: 'm.devries@roc.example.nl' },
  },
  request: {
    id: 'r-1',
    title: 'Praktijkles',
    subjectCode: 'elektrotechniek',
    level: 'MBO3',
    learningPath: 'BBL',
    periodStart: '2026-09-01',
    periodEnd: '2027-01-31',
  },
  lessons: [{ weekday: 2, start: '09:00', end: '12:00' }],
  cost: {
    rate: { hourlyRateCents: 9500, source: 'role' },
    from: '2026-12-03',
    until: '2027-01-31',
    lessons: 6,
    skippedLessons: 2,
    hours: 18,
    totalCents: 171_000,
  },
  supervisor: { name: 'Piet Bakker', email: 'p.bakker@roc.example.nl' },
};

const VIEWERS: Viewer[] = ['coordinator', 'school', 'company', 'teacher'];

/** The fields a view holds, named like the table's rows. */
function fieldsOf(view: ReturnType<typeof counterpartView>): string[] {
  return [
    ...Object.keys(view.teacher).map((key) => `teacher.${key}`),
    ...Object.keys(view.school).map((key) => `school.${key}`),
    ...(['request', 'lessons', 'cost', 'supervisor'] as const).filter((key) => key in view),
  ].sort();
}

describe('counterpart views', () => {
  it('shows each viewer exactly the fields the table allows, before and after the placement', () => {
    for (const viewer of VIEWERS)
      for (const placed of [false, true]) {
        const allowed = Object.entries(COUNTERPART_FIELDS)
          .filter(([, rule]) => rule[viewer] === 'always' || (rule[viewer] === 'placed' && placed))
          .map(([field]) => field)
          .sort();
        expect({ viewer, placed, fields: fieldsOf(counterpartView(FACTS, viewer, placed)) }).toEqual({
          viewer,
          placed,
          fields: allowed,
        });
      }
  });

  it('never shows a school where the teacher lives, and their e-mail only once placed', () => {
    expect(counterpartView(FACTS, 'school', false).teacher).not.toHaveProperty('email');
    expect(counterpartView(FACTS, 'school', true).teacher.email).toBe('s.jansen@example.nl');
    expect(counterpartView(FACTS, 'school', true).teacher).not.toHaveProperty('homeCity');
    expect(counterpartView(FACTS, 'school', true).teacher.vog).toEqual({
      verified: true,
      issuedOn: '2026-08-01',
      schoolCheck: null,
    });
  });

  it('shows platform admins what coordinators see', () => {
    expect(Object.fromEntries(Object.values(UserRole).map((role) => [role, viewerOf(role)]))).toEqual({
      [UserRole.PlatformAdmin]: 'coordinator',
      [UserRole.RegionalCoordinator]: 'coordinator',
      [UserRole.CompanyAdmin]: 'company',
      [UserRole.SchoolAdmin]: 'school',
      [UserRole.HybridTeacher]: 'teacher',
    });
  });

  it('is the table in docs/ARCHITECTURE.md, row by row', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/ARCHITECTURE.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-zA-Z.]+)` +\| (\w+) +\| (\w+) +\| (\w+) +\| (\w+) +\|$/gm)].map(
      (match) => [
        match[1],
        { coordinator: match[2], school: match[3], company: match[4], teacher: match[5] },
      ],
    );
    expect(Object.fromEntries(rows)).toEqual(COUNTERPART_FIELDS);
  });
});

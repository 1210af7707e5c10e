import { ProposalCost, UserRole } from '@hybridmatch/domain';

/** Who looks at a proposal or placement: the coordinator side (coordinator, platform admin) or a party. */
export type Viewer = 'coordinator' | 'school' | 'company' | 'teacher';

/** When a viewer sees a field: always, only once the placement exists (approved), or never. */
export type Visibility = 'always' | 'placed' | 'never';

/** The fields one party may see of the others; the rows of the table in docs/ARCHITECTURE.md. */
export type CounterpartField =
  | 'teacher.name'
  | 'teacher.companyName'
  | 'teacher.qualification'
  | 'teacher.relevantSkills'
  | 'teacher.vog'
  | 'teacher.travelKm'
  | 'teacher.email'
  | 'teacher.homeCity'
  | 'school.name'
  | 'school.address'
  | 'school.contact'
  | 'request'
  | 'lessons'
  | 'cost'
  | 'supervisor';

/**
 * The one table of counterpart visibility (issue 11): each party sees of the others what it needs
 * to decide, and no more. A school never sees where a teacher lives and sees their e-mail only
 * once placed; a VOG is shown as verified-or-not and its date, never a document.
 */
export const COUNTERPART_FIELDS: Record<CounterpartField, Record<Viewer, Visibility>> = {
  'teacher.name': { coordinator: 'always', school: 'always', company: 'always', teacher: 'always' },
  'teacher.companyName': { coordinator: 'always', school: 'always', company: 'always', teacher: 'always' },
  'teacher.qualification': { coordinator: 'always', school: 'always', company: 'always', teacher: 'always' },
  'teacher.relevantSkills': { coordinator: 'always', school: 'always', company: 'always', teacher: 'always' },
  'teacher.vog': { coordinator: 'always', school: 'always', company: 'always', teacher: 'always' },
  'teacher.travelKm': { coordinator: 'always', school: 'always', company: 'always', teacher: 'always' },
  'teacher.email': { coordinator: 'always', school: 'placed', company: 'always', teacher: 'always' },
  'teacher.homeCity': { coordinator: 'always', school: 'never', company: 'always', teacher: 'always' },
  'school.name': { coordinator: 'always', school: 'always', company: 'always', teacher: 'always' },
  'school.address': { coordinator: 'always', school: 'always', company: 'always', teacher: 'always' },
  'school.contact': { coordinator: 'always', school: 'always', company: 'never', teacher: 'always' },
  request: { coordinator: 'always', school: 'always', company: 'always', teacher: 'always' },
  lessons: { coordinator: 'always', school: 'always', company: 'always', teacher: 'always' },
  cost: { coordinator: 'always', school: 'always', company: 'always', teacher: 'never' },
  supervisor: { coordinator: 'placed', school: 'placed', company: 'never', teacher: 'placed' },
};

export function viewerOf(role: UserRole): Viewer {
  switch (role) {
    case UserRole.SchoolAdmin:
      return 'school';
    case UserRole.CompanyAdmin:
      return 'company';
    case UserRole.HybridTeacher:
      return 'teacher';
    case UserRole.PlatformAdmin:
    case UserRole.RegionalCoordinator:
      return 'coordinator';
  }
}

/**
 * A placement as `viewer` may see it: the same table decides. A placement exists, so 'placed'
 * fields show; 'never' fields are null (the rate and cost for the teacher, the supervisor for the
 * company).
 */
export function placementSeenBy<
  P extends {
    hourlyRateCents: number | null;
    supervisorName: string | null;
    supervisorEmail: string | null;
    cost?: unknown;
  },
>(placement: P, viewer: Viewer): P {
  const sees = (field: CounterpartField) => COUNTERPART_FIELDS[field][viewer] !== 'never';
  const seen = { ...placement };
  if (!sees('cost')) {
    seen.hourlyRateCents = null;
    delete seen.cost;
  }
  if (!sees('supervisor')) {
    seen.supervisorName = null;
    seen.supervisorEmail = null;
  }
  return seen;
}

/** The school's latest VOG check of a proposal: what it found, the date it saw, who and when. */
export interface VogSchoolCheck {
  status: string;
  issuedOn: string | null;
  verifiedBy: string | null;
  verifiedAt: string;
}

/** Everything that could be shown, read in one statement; `counterpartView` picks what a viewer sees. */
export interface CounterpartFacts {
  teacher: {
    name: string;
    companyName: string;
    qualification: string;
    /** The teacher's skills in the request's subject. */
    relevantSkills: Array<{ subjectCode: string; level: string }>;
    vogIssuedOn: string | null;
    vogVerified: boolean;
    /** The school's latest check of the VOG for this proposal (vog_verification), or null. */
    vogSchoolCheck: VogSchoolCheck | null;
    travelKm: number;
    email: string | null;
    homeCity: string;
  };
  school: {
    name: string;
    address: { locationName: string; street: string; postalCode: string; city: string };
    contact: { name: string; email: string } | null;
  };
  request: {
    id: string;
    title: string;
    subjectCode: string;
    level: string;
    /** BOL or BBL at an MBO level; null at HBO. */
    learningPath: string | null;
    periodStart: string;
    periodEnd: string;
  };
  lessons: Array<{ weekday: number; start: string; end: string }>;
  /** The rate and total for the period (`RateCardService.costOf`). */
  cost: ProposalCost;
  supervisor: { name: string; email: string } | null;
}

/** What one viewer sees: the fields the table allows, the others absent (not null: absent). */
export interface CounterpartView {
  teacher: Partial<Omit<CounterpartFacts['teacher'], 'vogIssuedOn' | 'vogVerified' | 'vogSchoolCheck'>> & {
    vog?: { verified: boolean; issuedOn: string | null; schoolCheck: VogSchoolCheck | null };
  };
  school: Partial<CounterpartFacts['school']>;
  request?: CounterpartFacts['request'];
  lessons?: CounterpartFacts['lessons'];
  cost?: CounterpartFacts['cost'];
  supervisor?: CounterpartFacts['supervisor'];
}

export function counterpartView(facts: CounterpartFacts, viewer: Viewer, placed: boolean): CounterpartView {
  const sees = (field: CounterpartField) => {
    const visibility = COUNTERPART_FIELDS[field][viewer];
    return visibility === 'always' || (visibility === 'placed' && placed);
  };
  const pick = <T>(field: CounterpartField, value: T) => (sees(field) ? value : undefined);
  const { teacher, school } = facts;
  return withoutAbsent({
    teacher: withoutAbsent({
      name: pick('teacher.name', teacher.name),
      companyName: pick('teacher.companyName', teacher.companyName),
      qualification: pick('teacher.qualification', teacher.qualification),
      relevantSkills: pick('teacher.relevantSkills', teacher.relevantSkills),
      vog: pick('teacher.vog', {
        verified: teacher.vogVerified,
        issuedOn: teacher.vogIssuedOn,
        schoolCheck: teacher.vogSchoolCheck,
      }),
      travelKm: pick('teacher.travelKm', teacher.travelKm),
      email: pick('teacher.email', teacher.email),
      homeCity: pick('teacher.homeCity', teacher.homeCity),
    }),
    school: withoutAbsent({
      name: pick('school.name', school.name),
      address: pick('school.address', school.address),
      contact: pick('school.contact', school.contact),
    }),
    request: pick('request', facts.request),
    lessons: pick('lessons', facts.lessons),
    cost: pick('cost', facts.cost),
    supervisor: pick('supervisor', facts.supervisor),
  });
}

function withoutAbsent<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

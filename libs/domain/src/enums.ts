/** Who a user is on the platform. Every route declares which of these may call it. */
export enum UserRole {
  PlatformAdmin = 'platform_admin',
  RegionalCoordinator = 'regional_coordinator',
  CompanyAdmin = 'company_admin',
  SchoolAdmin = 'school_admin',
  HybridTeacher = 'hybrid_teacher',
}

/** The roles whose accounts belong to an organisation (coordinators belong to regions, the platform admin to none). */
export const ORGANISATION_ROLES: readonly UserRole[] = [
  UserRole.CompanyAdmin,
  UserRole.HybridTeacher,
  UserRole.SchoolAdmin,
];

export enum OrganisationKind {
  Company = 'company',
  MboSchool = 'mbo_school',
  HboSchool = 'hbo_school',
  Techniekcentrum = 'techniekcentrum',
}

export const SCHOOL_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.MboSchool,
  OrganisationKind.HboSchool,
  OrganisationKind.Techniekcentrum,
];

export function isSchoolKind(kind: OrganisationKind): boolean {
  return SCHOOL_KINDS.includes(kind);
}

/** The three Dutch school holiday regions (DOMAIN.md rule 8). */
export enum HolidayRegion {
  Noord = 'noord',
  Midden = 'midden',
  Zuid = 'zuid',
}

export enum EducationLevel {
  Mbo1 = 'MBO1',
  Mbo2 = 'MBO2',
  Mbo3 = 'MBO3',
  Mbo4 = 'MBO4',
  Hbo = 'HBO',
}

/** Teaching qualification (DOMAIN.md rules 1–3). */
export enum Qualification {
  None = 'none',
  PdgInProgress = 'pdg_in_progress',
  Pdg = 'pdg',
  Full = 'full',
}

export enum TeachingRole {
  GuestTeacher = 'guest_teacher',
  Instructor = 'instructor',
  Teacher = 'teacher',
}

export enum TeachingRequestStatus {
  Open = 'open',
  PartiallyFilled = 'partially_filled',
  Filled = 'filled',
  Closed = 'closed',
  Cancelled = 'cancelled',
}

/** Requests that still look for teachers: the only ones that may change, be cancelled or closed. */
export const ACTIVE_REQUEST_STATUSES: readonly TeachingRequestStatus[] = [
  TeachingRequestStatus.Open,
  TeachingRequestStatus.PartiallyFilled,
];

export const isActiveRequestStatus = (status: TeachingRequestStatus) =>
  ACTIVE_REQUEST_STATUSES.includes(status);

/**
 * A request's status in Dutch, as the API's refusals say it ("Deze aanvraag is gesloten; …"): the
 * web app's labels (`requests.statuses` in apps/web/src/i18n/nl.json) in lower case, which
 * apps/web/test/i18n.spec.ts holds them to.
 */
export const REQUEST_STATUS_NL: Readonly<Record<TeachingRequestStatus, string>> = {
  [TeachingRequestStatus.Open]: 'open',
  [TeachingRequestStatus.PartiallyFilled]: 'deels gevuld',
  [TeachingRequestStatus.Filled]: 'gevuld',
  [TeachingRequestStatus.Closed]: 'gesloten',
  [TeachingRequestStatus.Cancelled]: 'ingetrokken',
};

/**
 * The two MBO learning paths (DOMAIN.md rule 7): BOL, school-based (beroepsopleidende leerweg), and
 * BBL, work-based (beroepsbegeleidende leerweg: students work 4 days and come to school 1 day).
 * HBO has neither.
 */
export enum LearningPath {
  Bol = 'BOL',
  Bbl = 'BBL',
}

/**
 * The learning path a request at `level` gets when `given` (undefined: not sent), or why not:
 * an MBO-level request is BOL unless it says BBL; an HBO request has none.
 */
export function resolveLearningPath(
  level: EducationLevel,
  given: LearningPath | null | undefined,
):
  | { path: LearningPath | null }
  | { problem: string; code: 'learningPathRequired' | 'learningPathNotForHbo' } {
  // An MBO level (1–4) says BOL or BBL.
  if (level !== EducationLevel.Hbo) {
    if (given === null)
      return { problem: 'must be BOL or BBL for a request at an MBO level', code: 'learningPathRequired' };
    return { path: given ?? LearningPath.Bol };
  }
  if (given !== undefined && given !== null)
    return {
      problem: 'leave this out: BOL and BBL are MBO learning paths, an HBO request has none',
      code: 'learningPathNotForHbo',
    };
  return { path: null };
}

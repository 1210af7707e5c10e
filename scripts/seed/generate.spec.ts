import {
  EducationLevel,
  isSubjectCode,
  OrganisationKind,
  Qualification,
  SUBJECTS,
  UserRole,
  Weekday,
} from '@hybridmatch/domain';
import {
  allocate,
  DEFAULT_SEED,
  daysFrom,
  demoMarketStart,
  generateSeedData,
  SeedData,
  SeedRequest,
  SeedTeacher,
} from './generate';
import { distanceKm } from './places';

/** The Netherlands (European part), generously rounded. */
const NL_BOUNDS = { minLatitude: 50.7, maxLatitude: 53.6, minLongitude: 3.3, maxLongitude: 7.3 };
const insideNetherlands = (latitude: number, longitude: number) =>
  latitude >= NL_BOUNDS.minLatitude &&
  latitude <= NL_BOUNDS.maxLatitude &&
  longitude >= NL_BOUNDS.minLongitude &&
  longitude <= NL_BOUNDS.maxLongitude;

const LEVEL_RANK: Record<EducationLevel, number> = { MBO1: 1, MBO2: 2, MBO3: 3, MBO4: 4, HBO: 5 };

describe('generateSeedData', () => {
  let data: SeedData;

  beforeAll(() => {
    data = generateSeedData(DEFAULT_SEED);
  });

  const countKind = (kind: OrganisationKind) =>
    data.organisations.filter((organisation) => organisation.kind === kind).length;

  it('gives the same data set for the same seed, and another for another seed', () => {
    expect(generateSeedData(DEFAULT_SEED)).toEqual(data);
    const other = generateSeedData(DEFAULT_SEED + 1);
    expect(other.teachers[0].id).not.toBe(data.teachers[0].id);
    expect(other.teachers.map((teacher) => teacher.lastName)).not.toEqual(
      data.teachers.map((teacher) => teacher.lastName),
    );
  });

  it('has the required numbers of regions, organisations, teachers and requests', () => {
    expect(data.regions.length).toBeGreaterThanOrEqual(8);
    expect(countKind(OrganisationKind.Company)).toBeGreaterThanOrEqual(100);
    expect(
      countKind(OrganisationKind.MboSchool) + countKind(OrganisationKind.HboSchool),
    ).toBeGreaterThanOrEqual(60);
    expect(countKind(OrganisationKind.Techniekcentrum)).toBeGreaterThanOrEqual(10);
    expect(data.teachers).toHaveLength(1000);
    expect(data.requests.length).toBeGreaterThanOrEqual(1350);
    expect(data.requests.length).toBeLessThanOrEqual(1650);
  });

  it('puts companies, schools and a Hybride Techniekcentrum in every region', () => {
    for (const region of data.regions) {
      const kinds = new Set(
        data.organisations
          .filter((organisation) => organisation.regionId === region.id)
          .map((organisation) => organisation.kind),
      );
      expect([...kinds].sort()).toEqual(Object.values(OrganisationKind).sort());
    }
  });

  it('gives every organisation at least one location and unique names and ids', () => {
    const withLocation = new Set(data.locations.map((location) => location.organisationId));
    expect(data.organisations.every((organisation) => withLocation.has(organisation.id))).toBe(true);
    expect(new Set(data.organisations.map((organisation) => organisation.name)).size).toBe(
      data.organisations.length,
    );
    const ids = [
      data.regions,
      data.organisations,
      data.locations,
      data.users,
      data.teachers,
      data.windows,
      data.requests,
      data.blocks,
    ]
      .flat()
      .map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every location a Dutch postal code', () => {
    expect(
      data.locations.filter((location) => !/^[1-9][0-9]{3} [A-Z]{2}$/.test(location.postalCode)),
    ).toEqual([]);
  });

  it('places every location and every teacher inside the Netherlands', () => {
    expect(
      data.locations.filter((location) => !insideNetherlands(location.latitude, location.longitude)),
    ).toEqual([]);
    expect(
      data.teachers.filter((teacher) => !insideNetherlands(teacher.homeLatitude, teacher.homeLongitude)),
    ).toEqual([]);
  });

  it('gives every window and block an end after its start, on a weekday', () => {
    const slots = [...data.windows, ...data.blocks];
    expect(
      slots.filter(
        (slot) =>
          !(
            slot.endTime > slot.startTime &&
            slot.weekday >= Weekday.Monday &&
            slot.weekday <= Weekday.Friday
          ),
      ),
    ).toEqual([]);
    const blockHours = data.blocks.map((block) => (block.endTime - block.startTime) / 60);
    expect(Math.min(...blockHours)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...blockHours)).toBeLessThanOrEqual(4);
  });

  it('uses only subject codes from the taxonomy', () => {
    expect(data.requests.filter((request) => !isSubjectCode(request.subjectCode))).toEqual([]);
    expect(data.teachers.filter((teacher) => teacher.skills.length < 1 || teacher.skills.length > 3)).toEqual(
      [],
    );
    expect(
      data.teachers.flatMap((teacher) => teacher.skills).filter((skill) => !isSubjectCode(skill.subjectCode)),
    ).toEqual([]);
  });

  it('asks for levels that fit the kind of school', () => {
    const kindOf = new Map(data.organisations.map((organisation) => [organisation.id, organisation.kind]));
    const levelsAt = (kind: OrganisationKind) =>
      new Set(
        data.requests
          .filter((request) => kindOf.get(request.schoolId) === kind)
          .map((request) => request.level),
      );
    expect([...levelsAt(OrganisationKind.HboSchool)]).toEqual([EducationLevel.Hbo]);
    expect([...levelsAt(OrganisationKind.MboSchool)].sort()).toEqual([
      EducationLevel.Mbo1,
      EducationLevel.Mbo2,
      EducationLevel.Mbo3,
      EducationLevel.Mbo4,
    ]);
  });

  it('never asks for or offers an MBO qualification (a subject with a crebo code) at HBO level', () => {
    const hasCrebo = new Set(SUBJECTS.filter((subject) => subject.crebo).map((subject) => subject.code));
    const atHbo = [...data.requests, ...data.teachers.flatMap((teacher) => teacher.skills)].filter(
      (row) => row.level === EducationLevel.Hbo,
    );
    expect(atHbo.length).toBeGreaterThan(0);
    expect(atHbo.filter((row) => hasCrebo.has(row.subjectCode))).toEqual([]);
  });

  it('keeps teacher profiles within the database rules', () => {
    const outside = data.teachers.filter(
      (teacher) =>
        teacher.maxTravelKm < 15 ||
        teacher.maxTravelKm > 60 ||
        teacher.contractHoursPerWeek < 32 ||
        teacher.contractHoursPerWeek > 40 ||
        (teacher.availableUntil !== null && teacher.availableUntil < teacher.availableFrom) ||
        (teacher.qualification === Qualification.PdgInProgress && teacher.qualificationSince === null),
    );
    expect(outside).toEqual([]);
    expect(data.teachers.filter((teacher) => teacher.releasedDaysPerWeek === 1).length).toBeGreaterThan(700);
  });

  it('gives logins to the admin, a coordinator per region, each organisation and nine in ten teachers', () => {
    const byRole = (role: UserRole) => data.users.filter((user) => user.role === role);
    expect(byRole(UserRole.PlatformAdmin).map((user) => user.email)).toEqual(['admin@hybridmatch.demo']);
    expect(byRole(UserRole.RegionalCoordinator)).toHaveLength(data.regions.length);
    expect(byRole(UserRole.CompanyAdmin)).toHaveLength(countKind(OrganisationKind.Company));
    expect(byRole(UserRole.SchoolAdmin)).toHaveLength(
      data.organisations.length - countKind(OrganisationKind.Company),
    );
    const withoutLogin = data.teachers.filter((teacher) => teacher.userId === null);
    expect(withoutLogin).toHaveLength(Math.floor(data.teachers.length / 10));
    expect(withoutLogin.every((teacher) => teacher.email)).toBe(true);
    expect(byRole(UserRole.HybridTeacher)).toHaveLength(data.teachers.length - withoutLogin.length);
    expect(data.users.every((user) => user.email.endsWith('@hybridmatch.demo'))).toBe(true);
    expect(new Set(data.users.map((user) => user.email)).size).toBe(data.users.length);
    const teacherUsers = new Set(byRole(UserRole.HybridTeacher).map((user) => user.id));
    expect(
      data.teachers.filter((teacher) => teacher.userId !== null && teacherUsers.has(teacher.userId)),
    ).toHaveLength(data.teachers.length - withoutLogin.length);
  });

  it('makes matching meaningful: most requests have a teacher with the skill, level, day, period and distance', () => {
    const locationById = new Map(data.locations.map((location) => [location.id, location]));
    const windowsOf = new Map<string, typeof data.windows>();
    for (const window of data.windows)
      windowsOf.set(window.teacherId, [...(windowsOf.get(window.teacherId) ?? []), window]);
    const blocksOf = new Map<string, typeof data.blocks>();
    for (const block of data.blocks)
      blocksOf.set(block.requestId, [...(blocksOf.get(block.requestId) ?? []), block]);

    const fits = (teacher: SeedTeacher, request: SeedRequest) => {
      const location = locationById.get(request.locationId)!;
      const home = { latitude: teacher.homeLatitude, longitude: teacher.homeLongitude };
      return (
        teacher.levels.includes(request.level) &&
        teacher.skills.some(
          (skill) =>
            skill.subjectCode === request.subjectCode && LEVEL_RANK[skill.level] >= LEVEL_RANK[request.level],
        ) &&
        teacher.availableFrom <= request.periodEnd &&
        (teacher.availableUntil === null || teacher.availableUntil >= request.periodStart) &&
        distanceKm(home, location) <= teacher.maxTravelKm &&
        blocksOf
          .get(request.id)!
          .some((block) =>
            (windowsOf.get(teacher.id) ?? []).some(
              (w) =>
                w.weekday === block.weekday && w.startTime <= block.startTime && block.endTime <= w.endTime,
            ),
          )
      );
    };
    const withCandidate = data.requests.filter((request) =>
      data.teachers.some((teacher) => fits(teacher, request)),
    );
    expect(withCandidate.length / data.requests.length).toBeGreaterThan(0.5);
  });
});

describe('allocate', () => {
  it('gives each part the minimum and splits the rest by weight, adding up to the total', () => {
    expect(allocate(10, [1, 1, 2], 1)).toEqual([3, 3, 4]);
    expect(allocate(7, [5, 0, 0], 2)).toEqual([3, 2, 2]);
  });

  it('refuses a minimum the total cannot cover', () => {
    expect(() => allocate(3, [1, 1], 2)).toThrow(RangeError);
  });
});

describe('the demo market follows the clock', () => {
  it('starts on the first Monday at least a week after today', () => {
    expect(demoMarketStart('2026-12-03')).toBe('2026-12-14');
    expect(demoMarketStart('2026-12-07')).toBe('2026-12-14');
    expect(demoMarketStart('2027-03-01')).toBe('2027-03-08');
    expect(demoMarketStart('2026-08-24')).toBe('2026-08-31');
  });

  it('seeding on two dates gives the same market with every date shifted by the same days, never in the past', () => {
    const now = generateSeedData(DEFAULT_SEED, '2026-12-03');
    const later = generateSeedData(DEFAULT_SEED, '2027-03-01');
    const shift = daysFrom('2026-12-14', '2027-03-08');
    const shifted = (a: string | null, b: string | null) =>
      a === null ? b === null : daysFrom(a, b!) === shift;
    expect(later.teachers).toHaveLength(now.teachers.length);
    expect(later.requests).toHaveLength(now.requests.length);
    expect(later.blocks).toHaveLength(now.blocks.length);
    now.requests.forEach((request, index) => {
      const other = later.requests[index];
      expect(other.subjectCode).toBe(request.subjectCode);
      expect(
        shifted(request.periodStart, other.periodStart) && shifted(request.periodEnd, other.periodEnd),
      ).toBe(true);
      expect(request.periodStart > '2026-12-03').toBe(true);
    });
    now.teachers.forEach((teacher, index) => {
      const other = later.teachers[index];
      expect(shifted(teacher.availableFrom, other.availableFrom)).toBe(true);
      expect(shifted(teacher.availableUntil, other.availableUntil)).toBe(true);
      expect(shifted(teacher.vogIssuedOn, other.vogIssuedOn)).toBe(true);
      if (teacher.vogIssuedOn !== null) expect(teacher.vogIssuedOn <= '2026-12-03').toBe(true);
    });
  });
});

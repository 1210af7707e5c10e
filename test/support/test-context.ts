import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProposalService } from '@hybridmatch/core';
import { createApiApp } from '../../apps/api/src/api.bootstrap';
import { hashPassword } from '../../apps/api/src/auth/password';
import { AppConfig, loadConfig } from '../../libs/config/src';
import {
  dropDatabase,
  ensureDatabase,
  LessonBlock,
  Organisation,
  OrganisationLocation,
  Proposal,
  Region,
  TeacherAvailabilityWindow,
  TeacherProfile,
  TeachingRequest,
  User,
  withDatabase,
} from '../../libs/database/src';
import {
  Clock,
  ClockTime,
  EducationLevel,
  LearningPath,
  HolidayRegion,
  OrganisationKind,
  Qualification,
  TeachingRequestStatus,
  TeachingRole,
  UserRole,
} from '../../libs/domain/src';
import { deleteRedisPrefix } from '../../libs/queue/src';
import { TEST_BASE_DATABASE_URL, TEST_QUEUE_BACKEND, TEST_REDIS_URL } from './test-env';

export { deleteRedisPrefix };

export const TEST_PASSWORD = 'test-password-123';

/** What BullMQ's close() may throw for a Redis it never reached (which one depends on timing). */
const REDIS_UNREACHABLE = /^(Connection is closed\.|connect ECONNREFUSED 127\.0\.0\.1:1)$/;
const suffix = () => randomBytes(4).toString('hex');

export interface TestUser {
  user: User;
  token: string;
  auth: { Authorization: string };
}

/**
 * A private database (copied from the migrated template) and Redis key prefix for one test file.
 * The queues run where the global setup found them (Redis, or BullMQ's PostgreSQL backend in that
 * database); a test that names its own REDIS_URL (a private or an absent Redis) gets Redis.
 */
export function testConfig(overrides: Partial<NodeJS.ProcessEnv> = {}): AppConfig {
  const id = suffix();
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: withDatabase(TEST_BASE_DATABASE_URL, `hm_test_${id}`),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_BACKEND: overrides.REDIS_URL ? 'redis' : TEST_QUEUE_BACKEND,
    QUEUE_PREFIX: `hm-test-${id}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    LOGIN_ACCOUNT_RATE_LIMIT_PER_HOUR: '1000',
    ...overrides,
  });
}

/**
 * One test file's world: the real API on Fastify (after `ready()`), its own database and Redis
 * prefix, and factories that create data with random names so tests never depend on each other.
 */
export class TestContext {
  private constructor(
    readonly config: AppConfig,
    readonly app: NestFastifyApplication,
    readonly db: DataSource,
  ) {}

  /** `clock`: a clock the test controls (a `FixedClock`); by default the real one. */
  static async create(
    overrides: Partial<NodeJS.ProcessEnv> = {},
    options: { clock?: Clock } = {},
  ): Promise<TestContext> {
    const config = testConfig(overrides);
    const template = process.env.HM_TEST_TEMPLATE_DATABASE;
    if (!template)
      throw new Error('HM_TEST_TEMPLATE_DATABASE is not set: run the tests through jest (global setup)');
    await ensureDatabase(config.database.url, template);
    const app = await createApiApp(config, { logger: false, clock: options.clock });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return new TestContext(config, app, app.get(DataSource));
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  /**
   * Stops the app and removes the test's database and Redis keys (queues on PostgreSQL go with the
   * database). With `redisUnreachable` (a test that pointed the app at a Redis that is not there),
   * BullMQ's refusal to close a connection it never opened (or the refused connection itself) is
   * expected, and there are no keys to remove.
   */
  async close(options: { redisUnreachable?: boolean } = {}): Promise<void> {
    try {
      await this.app.close();
    } catch (error) {
      if (!(options.redisUnreachable && error instanceof Error && REDIS_UNREACHABLE.test(error.message)))
        throw error;
    } finally {
      await dropDatabase(this.config.database.url);
    }
    if (!options.redisUnreachable && this.config.queues.backend === 'redis')
      await deleteRedisPrefix(this.config.redis.url, this.config.redis.queuePrefix);
  }

  // ---- factories -------------------------------------------------------------------------

  async newRegion(overrides: Partial<Region> = {}): Promise<Region> {
    const code = `r-${suffix()}`;
    return this.db
      .getRepository(Region)
      .save({ code, name: `Regio ${code}`, holidayRegion: HolidayRegion.Midden, ...overrides });
  }

  async newOrganisation(
    kind: OrganisationKind,
    regionId: string,
    overrides: Partial<Organisation> = {},
  ): Promise<Organisation> {
    const organisation = await this.db
      .getRepository(Organisation)
      .save({ kind, regionId, name: `${kind} ${suffix()}`, kvkNumber: null, ...overrides });
    const location = await this.db.getRepository(OrganisationLocation).save({
      organisationId: organisation.id,
      name: 'Hoofdlocatie',
      street: 'Stationsplein 1',
      postalCode: '3511 ED',
      city: 'Utrecht',
      latitude: 52.0894,
      longitude: 5.1101,
    });
    organisation.locations = [location];
    return organisation;
  }

  newCompany(regionId: string) {
    return this.newOrganisation(OrganisationKind.Company, regionId);
  }

  newSchool(regionId: string, kind: OrganisationKind = OrganisationKind.MboSchool) {
    return this.newOrganisation(kind, regionId);
  }

  async newUser(
    role: UserRole,
    scope: { organisationId?: string; regionIds?: string[] } = {},
  ): Promise<TestUser> {
    const users = this.db.getRepository(User);
    const user = await users.save({
      email: `${role.replace(/_/g, '-')}-${suffix()}@example.test`,
      name: `Test ${role}`,
      role,
      organisationId: scope.organisationId ?? null,
      passwordHash: await hashPassword(TEST_PASSWORD),
      regions: (scope.regionIds ?? []).map((id) => ({ id }) as Region),
    });
    const token = await this.app
      .get(JwtService)
      .signAsync({ sub: user.id, role, org: user.organisationId, regions: scope.regionIds ?? [] });
    return { user, token, auth: { Authorization: `Bearer ${token}` } };
  }

  newAdmin() {
    return this.newUser(UserRole.PlatformAdmin);
  }

  newCoordinator(...regionIds: string[]) {
    return this.newUser(UserRole.RegionalCoordinator, { regionIds });
  }

  newCompanyAdmin(companyId: string) {
    return this.newUser(UserRole.CompanyAdmin, { organisationId: companyId });
  }

  newSchoolAdmin(schoolId: string) {
    return this.newUser(UserRole.SchoolAdmin, { organisationId: schoolId });
  }

  async newTeacher(companyId: string, overrides: Partial<TeacherProfile> = {}): Promise<TeacherProfile> {
    const teacher = await this.db.getRepository(TeacherProfile).save({
      companyId,
      userId: null,
      employeeRef: `E-${suffix()}`,
      firstName: 'Sanne',
      lastName: `Jansen ${suffix()}`,
      email: null,
      skills: [{ subjectCode: 'elektrotechniek', level: EducationLevel.Mbo3 }],
      levels: [EducationLevel.Mbo3],
      releasedDaysPerWeek: 1,
      releasedHoursPerWeek: 6,
      availableFrom: '2026-09-01',
      availableUntil: '2027-07-31',
      homeCity: 'Utrecht',
      homeLatitude: 52.0907,
      homeLongitude: 5.1214,
      maxTravelKm: 40,
      contractHoursPerWeek: 36,
      vogIssuedOn: '2026-08-01',
      vogVerifiedByUserId: null,
      vogVerifiedAt: null,
      qualification: Qualification.None,
      qualificationSince: null,
      active: true,
      ...overrides,
    });
    await this.db
      .getRepository(TeacherAvailabilityWindow)
      .save({ teacherId: teacher.id, weekday: 2, startTime: 480 as ClockTime, endTime: 1020 as ClockTime });
    return teacher;
  }

  /** A teacher who can log in, linked to their profile. */
  async newTeacherUser(companyId: string): Promise<TestUser & { teacher: TeacherProfile }> {
    const login = await this.newUser(UserRole.HybridTeacher, { organisationId: companyId });
    const teacher = await this.newTeacher(companyId, { userId: login.user.id });
    return { ...login, teacher };
  }

  async newRequest(school: Organisation, overrides: Partial<TeachingRequest> = {}): Promise<TeachingRequest> {
    const locationId = school.locations?.[0]?.id;
    if (!locationId) throw new Error('newRequest needs a school created by newSchool (with a location)');
    const level = overrides.level ?? EducationLevel.Mbo3;
    const teachingRequest = await this.db.getRepository(TeachingRequest).save({
      learningPath: level === EducationLevel.Hbo ? null : LearningPath.Bol,
      schoolId: school.id,
      locationId,
      title: `Praktijkles ${suffix()}`,
      subjectCode: 'elektrotechniek',
      level: EducationLevel.Mbo3,
      role: TeachingRole.GuestTeacher,
      periodStart: '2026-09-01',
      periodEnd: '2027-01-31',
      minCommitmentWeeks: 10,
      allowTeam: true,
      allowVogPending: false,
      status: TeachingRequestStatus.Open,
      description: '',
      ...overrides,
    });
    await this.db.getRepository(LessonBlock).save({
      requestId: teachingRequest.id,
      weekday: 2,
      startTime: 540 as ClockTime,
      endTime: 720 as ClockTime,
    });
    return teachingRequest;
  }

  /**
   * One region with the three parties of a proposal and their admins: a company (admin and a
   * teacher with a login), a school (admin, a request), the region's coordinator, and the proposal.
   */
  async newProposalWorld(requestOverrides: Partial<TeachingRequest> = {}) {
    const region = await this.newRegion();
    const company = await this.newCompany(region.id);
    const school = await this.newSchool(region.id);
    const companyAdmin = await this.newCompanyAdmin(company.id);
    const schoolAdmin = await this.newSchoolAdmin(school.id);
    const coordinator = await this.newCoordinator(region.id);
    const teacher = await this.newTeacherUser(company.id);
    const request = await this.newRequest(school, requestOverrides);
    const proposal = await this.newProposal(request, teacher.teacher);
    return { region, company, school, companyAdmin, schoolAdmin, coordinator, teacher, request, proposal };
  }

  /**
   * A proposal of the teacher for all the request's lesson blocks, made the way a match run makes
   * one (with its audit event and notifications); `overrides` are then written as-is (e.g. a status).
   */
  async newProposal(
    teachingRequest: TeachingRequest,
    teacher: TeacherProfile,
    overrides: Partial<Proposal> = {},
  ): Promise<Proposal> {
    const blocks = await this.db.getRepository(LessonBlock).findBy({ requestId: teachingRequest.id });
    const [{ id }] = await this.db.transaction((manager) =>
      this.app.get(ProposalService).createMany(manager, [
        {
          requestId: teachingRequest.id,
          teacherId: teacher.id,
          blockIds: blocks.map((block) => block.id),
          score: 0.8,
          explanation: { components: { subject: 1, travel: 0.6 }, nextBest: null },
        },
      ]),
    );
    if (Object.keys(overrides).length > 0) await this.db.getRepository(Proposal).save({ ...overrides, id });
    return this.db.getRepository(Proposal).findOneByOrFail({ id });
  }
}

export const newId = () => randomUUID();

import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { Organisation, Region, TeacherProfile, TeachingRequest } from '../../../libs/database/src';
import { Permission, ROLES_WITH } from '../../../libs/core/src';
import { UserRole } from '../../../libs/domain/src';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { ALL_ROLES, PERMISSION_KEY, PUBLIC_KEY, ROLES_KEY } from '../src/auth/roles.decorator';

/** The five roles, in the column order of the matrix below. */
const ROLES = ['admin', 'coordinator', 'companyAdmin', 'schoolAdmin', 'teacher'] as const;
type RoleName = (typeof ROLES)[number];

interface World {
  regionA: Region;
  regionB: Region;
  companyA: Organisation;
  companyB: Organisation;
  schoolA: Organisation;
  schoolB: Organisation;
  requestA: TeachingRequest;
  requestB: TeachingRequest;
  teacherA: TeacherProfile;
  teacherB: TeacherProfile;
  actors: Record<RoleName, TestUser>;
}

interface Row {
  method: 'get' | 'post' | 'patch' | 'put';
  /** A readable path; `A` records are in the actors' region (and theirs where applicable), `B` records are not. */
  label: string;
  path: (world: World) => string | Promise<string>;
  body?: (world: World, role: RoleName) => object;
  /** Expected status for admin, coordinator, company admin, school admin, hybrid teacher. */
  expected: [number, number, number, number, number];
}

const suffix = () => randomBytes(4).toString('hex');

describe('access matrix (e2e)', () => {
  let ctx: TestContext;
  let world: World;

  beforeAll(async () => {
    ctx = await TestContext.create();
    const regionA = await ctx.newRegion();
    const regionB = await ctx.newRegion();
    const companyA = await ctx.newCompany(regionA.id);
    const companyB = await ctx.newCompany(regionB.id);
    const schoolA = await ctx.newSchool(regionA.id);
    const schoolB = await ctx.newSchool(regionB.id);
    world = {
      regionA,
      regionB,
      companyA,
      companyB,
      schoolA,
      schoolB,
      requestA: await ctx.newRequest(schoolA),
      requestB: await ctx.newRequest(schoolB),
      teacherA: await ctx.newTeacher(companyA.id),
      teacherB: await ctx.newTeacher(companyB.id),
      actors: {
        admin: await ctx.newAdmin(),
        coordinator: await ctx.newCoordinator(regionA.id),
        companyAdmin: await ctx.newCompanyAdmin(companyA.id),
        schoolAdmin: await ctx.newSchoolAdmin(schoolA.id),
        teacher: await ctx.newTeacherUser(companyA.id),
      },
    };
  });

  afterAll(async () => {
    await ctx.close();
  });

  const requestBody = (school: Organisation, role: RoleName) => ({
    ...(role === 'admin' ? { schoolId: school.id } : {}),
    title: 'Praktijkles elektrotechniek',
    subjectCode: 'elektrotechniek',
    level: 'MBO3',
    role: 'guest_teacher',
    blocks: [{ weekday: 2, start: '09:00', end: '12:00' }],
    periodStart: '2026-09-01',
    periodEnd: '2027-01-31',
    minCommitmentWeeks: 10,
    locationId: school.locations![0].id,
  });

  const MATRIX: Row[] = [
    // organisations: everyone lists; reading is scoped; changing is for admins of the organisation
    {
      method: 'get',
      label: '/api/organisations',
      path: () => '/api/organisations',
      expected: [200, 200, 200, 200, 200],
    },
    {
      method: 'get',
      label: '/api/organisations/{schoolA}',
      path: (w) => `/api/organisations/${w.schoolA.id}`,
      expected: [200, 200, 404, 200, 404],
    },
    {
      method: 'get',
      label: '/api/organisations/{schoolB}',
      path: (w) => `/api/organisations/${w.schoolB.id}`,
      expected: [200, 404, 404, 404, 404],
    },
    {
      method: 'patch',
      label: '/api/organisations/{companyA}',
      path: (w) => `/api/organisations/${w.companyA.id}`,
      body: () => ({ name: `Bedrijf ${suffix()}` }),
      expected: [200, 403, 200, 404, 403],
    },
    // regions: everyone reads; only the platform admin creates and changes
    { method: 'get', label: '/api/regions', path: () => '/api/regions', expected: [200, 200, 200, 200, 200] },
    {
      method: 'post',
      label: '/api/regions',
      path: () => '/api/regions',
      body: () => ({ code: `r-${suffix()}`, name: 'Nieuwe regio', holidayRegion: 'zuid' }),
      expected: [201, 403, 403, 403, 403],
    },
    {
      method: 'patch',
      label: '/api/regions/{regionA}',
      path: (w) => `/api/regions/${w.regionA.id}`,
      body: () => ({ name: `Regio ${suffix()}` }),
      expected: [200, 403, 403, 403, 403],
    },
    // teaching requests: companies see open demand in their region; schools post and change their own
    {
      method: 'get',
      label: '/api/teaching-requests',
      path: () => '/api/teaching-requests',
      expected: [200, 200, 200, 200, 200],
    },
    {
      method: 'get',
      label: '/api/teaching-requests/{requestA}',
      path: (w) => `/api/teaching-requests/${w.requestA.id}`,
      expected: [200, 200, 200, 200, 200],
    },
    {
      method: 'get',
      label: '/api/teaching-requests/{requestB}',
      path: (w) => `/api/teaching-requests/${w.requestB.id}`,
      expected: [200, 404, 404, 404, 404],
    },
    {
      method: 'post',
      label: '/api/teaching-requests (for schoolA)',
      path: () => '/api/teaching-requests',
      body: (w, role) => requestBody(w.schoolA, role),
      expected: [201, 403, 403, 201, 403],
    },
    {
      method: 'patch',
      label: '/api/teaching-requests/{new request of schoolA}',
      path: async (w) => `/api/teaching-requests/${(await ctx.newRequest(w.schoolA)).id}`,
      body: () => ({ version: 1, title: 'Aangepaste titel' }),
      expected: [200, 403, 403, 200, 403],
    },
    {
      method: 'patch',
      label: '/api/teaching-requests/{new request of schoolB}',
      path: async (w) => `/api/teaching-requests/${(await ctx.newRequest(w.schoolB)).id}`,
      body: () => ({ version: 1, title: 'Aangepaste titel' }),
      expected: [200, 403, 403, 404, 403],
    },
    {
      method: 'post',
      label: '/api/teaching-requests/{new request of schoolA}/cancel',
      path: async (w) => `/api/teaching-requests/${(await ctx.newRequest(w.schoolA)).id}/cancel`,
      body: () => ({ reason: 'Geen groep dit semester' }),
      expected: [200, 200, 403, 200, 403],
    },
    {
      method: 'post',
      label: '/api/teaching-requests/{new request of schoolB}/close',
      path: async (w) => `/api/teaching-requests/${(await ctx.newRequest(w.schoolB)).id}/close`,
      expected: [200, 404, 403, 404, 403],
    },
    // users: organisation admins see their own people and invite into their own organisation
    { method: 'get', label: '/api/users', path: () => '/api/users', expected: [200, 200, 200, 200, 403] },
    {
      method: 'post',
      label: '/api/users/invites (school admin of schoolA)',
      path: () => '/api/users/invites',
      body: (w) => ({
        email: `uitnodiging-${suffix()}@example.test`,
        name: 'Nieuwe Collega',
        role: UserRole.SchoolAdmin,
        organisationId: w.schoolA.id,
      }),
      expected: [202, 403, 403, 202, 403],
    },
    {
      method: 'post',
      label: '/api/users/invites (hybrid teacher of companyB)',
      path: () => '/api/users/invites',
      body: (w) => ({
        email: `uitnodiging-${suffix()}@example.test`,
        name: 'Nieuwe Docent',
        role: UserRole.HybridTeacher,
        organisationId: w.companyB.id,
      }),
      expected: [202, 403, 403, 403, 403],
    },
    // teachers: companies manage their staff, coordinators read and verify in their region, a
    // hybrid teacher sees and edits only their own profile, schools never see profiles.
    // (An allowed role with an empty body gets the 400 of validation: the route let it through.)
    {
      method: 'get',
      label: '/api/teachers',
      path: () => '/api/teachers',
      expected: [200, 200, 200, 403, 200],
    },
    {
      method: 'get',
      label: '/api/teachers/{teacherA}',
      path: (w) => `/api/teachers/${w.teacherA.id}`,
      expected: [200, 200, 200, 403, 404],
    },
    {
      method: 'get',
      label: '/api/teachers/{teacherB}',
      path: (w) => `/api/teachers/${w.teacherB.id}`,
      expected: [200, 404, 404, 403, 404],
    },
    {
      method: 'post',
      label: '/api/teachers (empty body)',
      path: () => '/api/teachers',
      body: () => ({}),
      expected: [400, 403, 400, 403, 403],
    },
    {
      method: 'patch',
      label: '/api/teachers/{teacherA} (no change)',
      path: (w) => `/api/teachers/${w.teacherA.id}`,
      body: () => ({}),
      expected: [200, 403, 200, 403, 404],
    },
    {
      method: 'put',
      label: '/api/teachers/{teacherA}/vog-verification (empty body)',
      path: (w) => `/api/teachers/${w.teacherA.id}/vog-verification`,
      body: () => ({}),
      expected: [400, 400, 400, 403, 403],
    },
    // organisations: only the platform admin adds one
    {
      method: 'post',
      label: '/api/organisations (empty body)',
      path: () => '/api/organisations',
      body: () => ({}),
      expected: [400, 403, 403, 403, 403],
    },
    // calendars: coordinators and the platform admin edit holidays; schools their own days off
    {
      method: 'put',
      label: '/api/school-holidays (empty body)',
      path: () => '/api/school-holidays',
      body: () => ({}),
      expected: [400, 400, 403, 403, 403],
    },
    {
      method: 'post',
      label: '/api/organisations/{schoolA}/days-off (empty body)',
      path: (w) => `/api/organisations/${w.schoolA.id}/days-off`,
      body: () => ({}),
      expected: [400, 400, 403, 400, 403],
    },
    // figures and failed e-mails for coordinators and the platform admin
    {
      method: 'get',
      label: '/api/progress',
      path: () => '/api/progress',
      expected: [200, 200, 403, 403, 403],
    },
    {
      method: 'get',
      label: '/api/notifications/failed',
      path: () => '/api/notifications/failed',
      expected: [200, 200, 403, 403, 403],
    },
  ];

  const cases = MATRIX.flatMap((row) =>
    ROLES.map((role, column) => ({
      row,
      role,
      method: row.method.toUpperCase(),
      label: row.label,
      status: row.expected[column],
    })),
  );

  it.each(cases)('$role: $method $label → $status', async ({ row, role, status }) => {
    const call = ctx.http[row.method](await row.path(world)).set(world.actors[role].auth);
    const response = await (row.body ? call.send(row.body(world, role)) : call);
    // The detail is in the comparison so a failure says why the API answered as it did.
    expect({ status: response.status, detail: response.body.detail }).toMatchObject({ status });
  });
});

describe('every route declares who may call it', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  /** Every request handler of every controller registered in the running application. */
  function registeredRoutes() {
    const discovery = new DiscoveryService(ctx.app.get(ModulesContainer));
    const scanner = new MetadataScanner();
    return discovery.getControllers().flatMap((wrapper) => {
      const controller = wrapper.metatype as Type | null;
      if (!controller?.prototype) return [];
      return scanner
        .getAllMethodNames(controller.prototype)
        .map((name) => ({ controller, name, handler: controller.prototype[name] as () => unknown }))
        .filter(
          ({ handler }) =>
            Reflect.getMetadata(PATH_METADATA, handler) !== undefined &&
            Reflect.getMetadata(METHOD_METADATA, handler) !== undefined,
        );
    });
  }

  it('finds @Roles or @Public on each one', () => {
    const reflector = new Reflector();
    const routes = registeredRoutes();
    const undeclared = routes
      .filter(({ controller, handler }) => {
        const roles = reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, [handler, controller]);
        const isPublic = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, [handler, controller]);
        return !isPublic && !roles?.length;
      })
      .map(
        ({ controller, name }) =>
          `${controller.name}.${name} (${RequestMethod[Reflect.getMetadata(METHOD_METADATA, controller.prototype[name])]})`,
      );

    expect(undeclared).toEqual([]);
    // Roles come from the one table: a route declares a permission (@Allow), or is open to every role.
    const offTable = routes
      .filter(({ controller, handler }) => {
        const roles = reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, [handler, controller]);
        if (!roles?.length) return false;
        const permission = reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [
          handler,
          controller,
        ]);
        return roles.join() !== (permission ? ROLES_WITH[permission] : ALL_ROLES).join();
      })
      .map(({ controller, name }) => `${controller.name}.${name}`);
    expect(offTable).toEqual([]);
    // The walk really sees the application's routes, including public ones and this feature's.
    expect(routes.map(({ controller, name }) => `${controller.name}.${name}`)).toEqual(
      expect.arrayContaining([
        'AuthController.login',
        'HealthController.check',
        'TeachingRequestController.cancel',
        'UserController.invite',
        'OrganisationController.list',
      ]),
    );
  });
});

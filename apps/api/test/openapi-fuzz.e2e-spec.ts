import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixedClock } from '../../../libs/domain/src';
import { ALL_ACCEPTED, TERMS } from '../../../test/support/proposal-terms';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { Lesson } from '../../../libs/database/src';

/**
 * Issue 9: a fuzz test over every route of the OpenAPI document (docs/openapi.json) with every
 * role's token, on records the token can see. Each request changes one thing of a well-formed
 * request: a body, query or path value missing, of the wrong type, null, with a NUL, oversized or
 * unknown. The answer may be anything but a 5xx.
 *
 * Deterministic: the cases come from a fixed seed, and a fixed number of them per route and role
 * (every case of a route is generated; the seed picks which are sent), so a failure replays.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-roles'?: string[];
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const SEED = 20261201;
/** Cases sent per route for a role that may call it, and for one that may not (403 before validation). */
const CASES_ALLOWED = 9;
const CASES_REFUSED = 2;
/** Routes whose well-formed call ends the token's session (every later request would be a 401). */
const SKIPPED = new Set(['POST /api/auth/sign-out-everywhere', 'POST /api/auth/logout']);

const OVERSIZED = 'x'.repeat(100_000);
const WITH_NUL = 'a\u0000b';

/** mulberry32: a small seeded generator, so the same cases are chosen on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  name: string;
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  body?: unknown;
  /** Sent as this content type; the default is JSON when there is a body. */
  contentType?: string;
}

describe('fuzz: every route of the OpenAPI document, every role, malformed values (e2e)', () => {
  const doc = JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi.json'), 'utf8')) as OpenApi;
  const clock = new FixedClock('2026-10-01T10:00:00Z');
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({}, { clock });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const resolve = (schema: Schema | undefined): Schema => {
    if (!schema) return {};
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop() as string]);
    if (schema.allOf?.length === 1) return { ...resolve(schema.allOf[0]), ...schema, allOf: undefined };
    return schema;
  };

  /** A well-formed value of the schema: its example, or one made from its type. */
  const sample = (raw: Schema | undefined, depth = 0): unknown => {
    const schema = resolve(raw);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum?.length) return schema.enum[0];
    switch (schema.type) {
      case 'string':
        return schema.format === 'uuid' ? '00000000-0000-4000-8000-000000000001' : 'tekst';
      case 'integer':
      case 'number':
        return schema.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return depth > 4 ? [] : [sample(schema.items, depth + 1)];
      default:
        if (!schema.properties || depth > 4) return {};
        return Object.fromEntries(
          Object.entries(schema.properties).map(([key, value]) => [key, sample(value, depth + 1)]),
        );
    }
  };

  /** Values of the wrong kind for a schema's type, plus null, NUL and oversized. */
  const wrongValues = (raw: Schema | undefined): Array<[string, unknown]> => {
    const schema = resolve(raw);
    const wrongType: unknown =
      schema.type === 'string'
        ? 12345
        : schema.type === 'array'
          ? 'not-a-list'
          : schema.type === 'boolean'
            ? 'ja'
            : schema.type === 'integer' || schema.type === 'number'
              ? 'veel'
              : 'not-an-object';
    const cases: Array<[string, unknown]> = [
      ['wrong type', wrongType],
      ['null', null],
      ['NUL', WITH_NUL],
      ['oversized', OVERSIZED],
      ['object', { nested: { deeper: [1, 2, 3] } }],
    ];
    if (schema.type === 'integer' || schema.type === 'number')
      cases.push(['huge number', 1e308], ['negative', -1], ['fraction', 0.5]);
    if (schema.type === 'string') cases.push(['unknown value', 'zzOnbekend'], ['empty', '']);
    if (schema.type === 'array') cases.push(['list of wrong items', [null, 12, WITH_NUL]]);
    return cases;
  };

  /** Every case of one operation, from a well-formed request (`path` holds ids the role can see). */
  function casesOf(operation: Operation, path: Record<string, string>): Case[] {
    const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in !== 'header');
    const query: Record<string, string> = {};
    for (const parameter of parameters)
      if (parameter.in === 'query' && parameter.required)
        query[parameter.name] = String(sample(parameter.schema));
    const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
    const body = contentType === 'application/json' ? sample(media.schema) : undefined;
    const base = { path, query, body };
    const cases: Case[] = [];

    for (const parameter of parameters) {
      const values: Array<[string, string | string[]]> = [
        ['wrong type', 'abc'],
        ['empty', ''],
        ['NUL', WITH_NUL],
        ['oversized', 'x'.repeat(4000)],
        ['huge number', '100000000000000000000'],
        ['exponent', '1e21'],
        ['negative', '-1'],
        ['repeated', ['1', '2']],
      ];
      for (const [name, value] of values) {
        if (parameter.in === 'path') {
          if (Array.isArray(value) || value === '') continue;
          cases.push({
            ...base,
            name: `path ${parameter.name}: ${name}`,
            path: { ...path, [parameter.name]: value },
          });
        } else {
          cases.push({
            ...base,
            name: `query ${parameter.name}: ${name}`,
            query: { ...query, [parameter.name]: value },
          });
        }
      }
      if (parameter.in === 'query' && parameter.required) {
        const { [parameter.name]: _left, ...without } = query;
        cases.push({ ...base, name: `query ${parameter.name}: missing`, query: without });
      }
    }
    cases.push({ ...base, name: 'unknown query parameter', query: { ...query, zzUnknown: '1' } });

    if (contentType === 'application/json') {
      cases.push({ ...base, name: 'no body', body: undefined });
      for (const [name, value] of [
        ['body null', null],
        ['body a list', [body]],
        ['body a string', 'tekst'],
        ['body a number', 42],
      ] as const)
        cases.push({ ...base, name, body: value });
      const schema = resolve(media.schema);
      if (body && typeof body === 'object' && !Array.isArray(body)) {
        cases.push({ ...base, name: 'unknown body field', body: { ...body, zzUnknown: 1 } });
        for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
          const { [field]: _left, ...without } = body as Record<string, unknown>;
          cases.push({ ...base, name: `body ${field}: missing`, body: without });
          for (const [name, value] of wrongValues(fieldSchema))
            cases.push({ ...base, name: `body ${field}: ${name}`, body: { ...body, [field]: value } });
        }
      }
    } else if (contentType) {
      for (const [name, value] of [
        ['empty', ''],
        ['NUL', `a;b\n${WITH_NUL};c\n`],
        ['one long line', OVERSIZED],
        ['binary', '\u00ff\u00fe\u0000\u0001'],
      ])
        cases.push({ ...base, name: `${contentType} body: ${name}`, body: value, contentType });
      cases.push({ ...base, name: 'JSON instead', body: { rows: [] } });
    }
    return cases;
  }

  /** n of the cases, chosen by the seeded generator. */
  const pick = <T>(items: T[], n: number, random: () => number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < n && pool.length)
      chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
    return chosen;
  };

  it('answers no 5xx to malformed values on any route, for any role', async () => {
    const world = await ctx.newProposalWorld({ periodStart: '2026-09-01', periodEnd: '2027-07-31' });
    // A second proposal, accepted by all and approved: a placement with lessons.
    const teacher = await ctx.newTeacherUser(world.company.id);
    const approved = await ctx.newProposal(
      await ctx.newRequest(world.school, { periodEnd: '2027-07-31' }),
      teacher.teacher,
      {
        ...ALL_ACCEPTED,
      },
    );
    const approval = await ctx.http
      .post(`/api/proposals/${approved.id}/approve`)
      .set(world.coordinator.auth)
      .send({ ...TERMS, startDate: '2026-10-06', endDate: '2027-04-13' })
      .expect(200);
    const placementId = approval.body.placement.id as string;
    const lesson = await ctx.db.getRepository(Lesson).findOneByOrFail({ placementId });
    const run = await ctx.http
      .post('/api/match-runs')
      .set(world.coordinator.auth)
      .send({ regionId: world.region.id });
    const admin = await ctx.newAdmin();
    // Users the fuzzing may deactivate: never the owner of a token in use.
    const spareCompanyAdmin = await ctx.newCompanyAdmin(world.company.id);
    const spareSchoolAdmin = await ctx.newSchoolAdmin(world.school.id);

    const roles: Array<{ role: string; login: TestUser; organisationId: string; userId: string }> = [
      {
        role: 'platform_admin',
        login: admin,
        organisationId: world.school.id,
        userId: spareSchoolAdmin.user.id,
      },
      {
        role: 'regional_coordinator',
        login: world.coordinator,
        organisationId: world.school.id,
        userId: spareSchoolAdmin.user.id,
      },
      {
        role: 'company_admin',
        login: world.companyAdmin,
        organisationId: world.company.id,
        userId: spareCompanyAdmin.user.id,
      },
      {
        role: 'school_admin',
        login: world.schoolAdmin,
        organisationId: world.school.id,
        userId: spareSchoolAdmin.user.id,
      },
      {
        role: 'hybrid_teacher',
        login: teacher,
        organisationId: world.company.id,
        userId: spareCompanyAdmin.user.id,
      },
    ];
    const other = '00000000-0000-4000-8000-00000000000f';
    const idFor = (route: string, name: string, role: (typeof roles)[number]): string => {
      if (name === 'regionId') return world.region.id;
      if (name !== 'id') return other;
      const resource = route.split('/')[2];
      const ids: Record<string, string> = {
        organisations: role.organisationId,
        teachers: teacher.teacher.id,
        'teaching-requests': world.request.id,
        proposals: world.proposal.id,
        placements: placementId,
        lessons: lesson.id,
        'match-runs': (run.body as { id?: string }).id ?? other,
        users: role.userId,
        regions: world.region.id,
      };
      return ids[resource] ?? other;
    };

    const random = seeded(SEED);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const [route, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const label = `${method.toUpperCase()} ${route}`;
        if (SKIPPED.has(label)) continue;
        const allowed = operation['x-roles'] ?? [];
        for (const role of roles) {
          const pathIds = Object.fromEntries(
            (operation.parameters ?? [])
              .filter((parameter) => parameter.in === 'path')
              .map((parameter) => [parameter.name, idFor(route, parameter.name, role)]),
          );
          const chosen = pick(
            casesOf(operation, pathIds),
            allowed.includes(role.role) || allowed.includes('public') ? CASES_ALLOWED : CASES_REFUSED,
            random,
          );
          for (const fuzz of chosen) {
            const url = route.replace(/\{(\w+)\}/g, (_match, name: string) =>
              encodeURIComponent(fuzz.path[name]),
            );
            let request = ctx.http[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url)
              .set(role.login.auth)
              .query(fuzz.query);
            // JSON goes as text, so that null, a number or a string are sent as they are.
            if (fuzz.body !== undefined)
              request = fuzz.contentType
                ? request.set('Content-Type', fuzz.contentType).send(fuzz.body as string)
                : request.set('Content-Type', 'application/json').send(JSON.stringify(fuzz.body));
            const response = await request;
            sent += 1;
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            if (response.status >= 500)
              failures.push(
                `${label} as ${role.role}, ${fuzz.name}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
              );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The cases reached the routes' validation (not only the guard): most were refused as 400.
    expect(sent).toBeGreaterThan(2000);
    expect(statuses.get(400)).toBeGreaterThan(sent / 2);
  }, 300_000);
});

import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import supertest from 'supertest';
import { createApiApp } from '../src/api.bootstrap';
import { OrganisationKind } from '../../../libs/domain/src';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { TcpProxy } from '../../../test/support/tcp-proxy';

/**
 * Issue 9, items 6, 7, 10 and 13: input that used to answer 500, a database that does not answer,
 * a prompt shutdown with keep-alive clients, and security headers everywhere.
 */
describe('hardening: input, database timeouts, shutdown, headers (e2e)', () => {
  let ctx: TestContext;
  let admin: TestUser;
  const others: NestFastifyApplication[] = [];

  beforeAll(async () => {
    // A short lock timeout, so a locked table answers 503 quickly.
    ctx = await TestContext.create({ DATABASE_LOCK_TIMEOUT_MS: '300', DATABASE_CONNECT_TIMEOUT_MS: '1000' });
    admin = await ctx.newAdmin();
  });

  afterAll(async () => {
    for (const app of others) await app.close().catch(() => undefined);
    await ctx?.close();
  });

  describe('10. input that reached the database now answers 400 at validation', () => {
    it('refuses control characters (NUL) in any text field of a body, a query or a path', async () => {
      const body = await ctx.http
        .post('/api/regions')
        .set(admin.auth)
        .send({ code: 'nul-test', name: 'A\u0000B', holidayRegion: 'midden' })
        .expect(400);
      expect(body.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(body.body.errors).toEqual([
        {
          field: 'name',
          reason: 'must not contain control characters (such as NUL)',
          code: 'controlCharacters',
        },
      ]);
      const query = await ctx.http.get('/api/organisations?kind=company%00').set(admin.auth).expect(400);
      expect(query.body.errors[0]).toMatchObject({ field: 'kind' });
      await ctx.http.get('/api/organisations/a%00b').set(admin.auth).expect(400);
      // Tabs and line breaks are text, not control: still accepted.
      await ctx.http
        .post('/api/regions')
        .set(admin.auth)
        .send({ code: 'tab-test', name: 'Regio\tTwente', holidayRegion: 'noord' })
        .expect(201);
    });

    it('refuses null for a field the DTO does not declare nullable, in a PATCH', async () => {
      const region = await ctx.newRegion();
      const company = await ctx.newOrganisation(OrganisationKind.Company, region.id);
      const { body } = await ctx.http
        .patch(`/api/organisations/${company.id}`)
        .set(admin.auth)
        .send({ regionId: null })
        .expect(400);
      expect(body.errors).toEqual([{ field: 'regionId', reason: 'must not be null', code: 'notNull' }]);
      await ctx.http.patch(`/api/regions/${region.id}`).set(admin.auth).send({ name: null }).expect(400);
    });

    it.each(['100000000000000000000', '1e21', '10001', '1.5', '-1', 'abc'])(
      'refuses page=%s (page at most 10,000, a whole number)',
      async (page) => {
        const { body } = await ctx.http.get(`/api/organisations?page=${page}`).set(admin.auth).expect(400);
        expect(body.errors[0]).toMatchObject({ field: 'page' });
      },
    );

    // Every list route of the OpenAPI document (a GET with a `page` parameter), as the platform admin.
    const listRoutes = Object.entries(
      (
        JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi.json'), 'utf8')) as {
          paths: Record<string, { get?: { parameters?: Array<{ name: string; in: string }> } }>;
        }
      ).paths,
    )
      .filter(([, methods]) => methods.get?.parameters?.some((p) => p.in === 'query' && p.name === 'page'))
      .map(([route]) => route);

    it.each(listRoutes)('refuses a huge page (10^20 and 1e21) on %s', async (route) => {
      expect(route).not.toContain('{');
      for (const page of ['100000000000000000000', '1e21']) {
        const { body } = await ctx.http.get(route).query({ page }).set(admin.auth).expect(400);
        expect(body.errors).toEqual([expect.objectContaining({ field: 'page' })]);
      }
    });
  });

  describe('6. a database that does not answer gives 503 problem+json with Retry-After', () => {
    it('answers 503 for a locked table within the lock timeout, while other routes and /health work', async () => {
      const holder = ctx.db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      try {
        await holder.query('LOCK TABLE region IN ACCESS EXCLUSIVE MODE');
        const started = Date.now();
        const locked = await ctx.http.get('/api/regions').set(admin.auth).expect(503);
        expect(Date.now() - started).toBeLessThan(5000);
        expect(locked.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(locked.headers['retry-after']).toBe('5');
        expect(locked.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
        // The pool is not held by the waiting requests.
        await Promise.all(
          Array.from({ length: 12 }, () => ctx.http.get('/api/regions').set(admin.auth).expect(503)),
        );
        await ctx.http.get('/health/ready').expect(200);
        await ctx.http.get('/api/subjects').set(admin.auth).expect(200);
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
      await ctx.http.get('/api/regions').set(admin.auth).expect(200);
    });

    it('answers 503 when the database connection is cut (a TCP proxy in front of PostgreSQL)', async () => {
      const database = new URL(ctx.config.database.url);
      const proxy = await TcpProxy.start({ host: database.hostname, port: Number(database.port || 5432) });
      try {
        const app = await createApiApp(
          {
            ...ctx.config,
            database: { ...ctx.config.database, url: proxy.rewrite(ctx.config.database.url) },
          },
          { logger: false },
        );
        others.push(app);
        await app.init();
        await app.getHttpAdapter().getInstance().ready();
        await supertest(app.getHttpServer()).get('/api/regions').set(admin.auth).expect(200);

        proxy.cut();
        const cut = await supertest(app.getHttpServer()).get('/api/regions').set(admin.auth).expect(503);
        expect(cut.headers['retry-after']).toBe('5');
        expect(cut.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
        expect(cut.body.errorId).toBeUndefined();

        proxy.restore();
        await supertest(app.getHttpServer()).get('/api/regions').set(admin.auth).expect(200);
      } finally {
        await proxy.close();
      }
    });
  });

  describe('13. security headers on every response', () => {
    it.each(['/api/regions', '/docs', '/admin/queues', '/health/live', '/openapi.json'])(
      '%s',
      async (path) => {
        const { headers } = await ctx.http.get(path).set(admin.auth);
        expect(headers['x-content-type-options']).toBe('nosniff');
        expect(headers['x-frame-options']).toBe('DENY');
        expect(headers['referrer-policy']).toBe('no-referrer');
        expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      },
    );
  });

  describe('7. shutdown with keep-alive clients', () => {
    it('closes within a second or two instead of waiting for the keep-alive timeout', async () => {
      const app = await createApiApp(ctx.config, { logger: false });
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      const agent = new Agent({ keepAlive: true });
      const status = await new Promise<number>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path: '/health/live', agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(200);
      const started = Date.now();
      await app.close();
      expect(Date.now() - started).toBeLessThan(3000);
      agent.destroy();
    });
  });
});

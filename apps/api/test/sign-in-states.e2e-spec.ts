import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApiApp } from '../src/api.bootstrap';
import { TestContext } from '../../../test/support/test-context';
import { waitFor } from '../../../test/support/wait-for';

/**
 * Issue 8: the access-token check keeps the accounts' sign-in states in memory instead of reading
 * the account on every request. What it must not lose: a change made through one API process is
 * refused at once by that process and within moments by every other process (the database
 * announces it, migration 1797400000000), also after the announcements were missed for a while.
 */
describe('sign-in states kept in memory, forgotten on change, across API processes (e2e)', () => {
  let ctx: TestContext;
  let second: NestFastifyApplication;

  beforeAll(async () => {
    ctx = await TestContext.create();
    second = await createApiApp(ctx.config, { logger: false });
    await second.init();
    await second.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await second?.close();
    await ctx?.close();
  });

  const me = (app: NestFastifyApplication, auth: { Authorization: string }) =>
    request(app.getHttpServer()).get('/api/auth/me').set(auth);

  async function teacherWithAdmin() {
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    return { admin: await ctx.newCompanyAdmin(company.id), teacher: await ctx.newTeacherUser(company.id) };
  }

  const listenerCount = async () =>
    (
      await ctx.db.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM pg_stat_activity
          WHERE application_name = 'hybridmatch-sign-in-listener' AND datname = current_database()`,
      )
    )[0].count;

  it('a deactivation through one process is refused at once there and soon by the other, which had the account in memory', async () => {
    const { admin, teacher } = await teacherWithAdmin();
    await me(ctx.app, teacher.auth).expect(200);
    await me(second, teacher.auth).expect(200);

    await ctx.http.post(`/api/users/${teacher.user.id}/deactivate`).set(admin.auth).expect(200);

    expect((await me(ctx.app, teacher.auth).expect(401)).body.detail).toMatch(/deactivated/);
    await waitFor(
      'the second process to refuse the deactivated account',
      async () => {
        const answer = await me(second, teacher.auth);
        return answer.status === 401 && /deactivated/.test(answer.body.detail);
      },
      5_000,
    );
  });

  it('GET /api/auth/me shows the account as it is now, also after a change made outside the API', async () => {
    const { teacher } = await teacherWithAdmin();
    expect((await me(second, teacher.auth).expect(200)).body.name).toBe(teacher.user.name);
    await ctx.db.query('UPDATE app_user SET name = $1 WHERE id = $2', ['Renamed Teacher', teacher.user.id]);
    await waitFor(
      'the renamed account',
      async () => (await me(second, teacher.auth)).body.name === 'Renamed Teacher',
      5_000,
    );
  });

  it('after missing the announcements (listening connection lost) nothing old is used, and it listens again', async () => {
    const { admin, teacher } = await teacherWithAdmin();
    await me(second, teacher.auth).expect(200);
    await waitFor('both processes listening', async () => (await listenerCount()) === 2, 5_000);

    await ctx.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'hybridmatch-sign-in-listener' AND datname = current_database()`,
    );
    await ctx.http.post(`/api/users/${teacher.user.id}/deactivate`).set(admin.auth).expect(200);

    await waitFor(
      'the second process to refuse the deactivated account',
      async () => {
        return (await me(second, teacher.auth)).status === 401;
      },
      5_000,
    );
    await waitFor('both processes listening again', async () => (await listenerCount()) === 2, 10_000);
  });
});

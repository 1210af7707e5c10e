import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { RateLimitRepository } from '@hybridmatch/core';
import { createApiApp } from '../src/api.bootstrap';
import { RATE_LIMIT_STORAGE, RedisThrottlerStorage } from '../src/auth/throttler-storage';
import { TestContext } from '../../../test/support/test-context';

/**
 * Issue 9, item 8: the login limit keys on the real client address (X-Forwarded-For believed only
 * from TRUSTED_PROXIES), also counts per account (e-mail address) from any address, and its
 * counters live in Redis, so several API processes share one limit.
 */
describe('login rate limits: real client address, per account, shared by processes (e2e)', () => {
  const contexts: TestContext[] = [];
  const apps: NestFastifyApplication[] = [];

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const ctx of contexts) await ctx.close();
  });

  async function context(overrides: Record<string, string>): Promise<TestContext> {
    const ctx = await TestContext.create(overrides);
    contexts.push(ctx);
    return ctx;
  }

  const attempt = (
    on: { getHttpServer(): unknown } | TestContext['app'],
    email: string,
    forwardedFor?: string,
  ) => {
    const call = request(on.getHttpServer() as Parameters<typeof request>[0])
      .post('/api/auth/login')
      .send({ email, password: 'niet-het-wachtwoord' });
    return forwardedFor ? call.set('X-Forwarded-For', forwardedFor) : call;
  };

  it('an untrusted client cannot pick its own address with X-Forwarded-For', async () => {
    const ctx = await context({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    const admin = await ctx.newAdmin();
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
      await attempt(ctx.app, admin.user.email, address).expect(401);
    const blocked = await attempt(ctx.app, admin.user.email, '198.51.100.4').expect(429);
    expect(blocked.body).toMatchObject({ code: 'RATE_LIMITED' });
    // Another account from the same (real) address: the address is spent too.
    await attempt(ctx.app, 'iemand-anders@example.test', '198.51.100.5').expect(429);
  });

  describe('behind a trusted proxy (TRUSTED_PROXIES=loopback)', () => {
    let ctx: TestContext;
    let n = 0;
    /** A new address each time, so only the limit under test counts. */
    const someone = () => `niemand-${(n += 1)}@example.test`;

    beforeAll(async () => {
      ctx = await context({
        LOGIN_RATE_LIMIT_PER_MINUTE: '3',
        LOGIN_ACCOUNT_RATE_LIMIT_PER_HOUR: '3',
        TRUSTED_PROXIES: 'loopback',
      });
    });

    it('each real client has its own limit; a forged left-hand entry changes nothing', async () => {
      for (let i = 0; i < 3; i += 1) await attempt(ctx.app, someone(), '203.0.113.10').expect(401);
      await attempt(ctx.app, someone(), '203.0.113.10').expect(429);
      // The proxy appends the real address; what the client wrote before it is not believed.
      await attempt(ctx.app, someone(), '192.0.2.99, 203.0.113.10').expect(429);
      await attempt(ctx.app, someone(), '203.0.113.11').expect(401);
    });

    it('counts per account across addresses, and only for that account', async () => {
      const [victim, other] = [await ctx.newAdmin(), await ctx.newAdmin()];
      for (const address of ['203.0.113.21', '203.0.113.22', '203.0.113.23'])
        await attempt(ctx.app, victim.user.email.toUpperCase(), address).expect(401);
      const blocked = await attempt(ctx.app, victim.user.email, '203.0.113.24').expect(429);
      expect(blocked.body).toMatchObject({ code: 'RATE_LIMITED' });
      // Password reset requests for the account count against the same limit.
      await request(ctx.app.getHttpServer())
        .post('/api/auth/password-reset')
        .set('X-Forwarded-For', '203.0.113.25')
        .send({ email: victim.user.email })
        .expect(429);
      await attempt(ctx.app, other.user.email, '203.0.113.26').expect(401);
    });

    it('two API processes share one limit (counters in Redis)', async () => {
      expect(ctx.config.queues.backend).toBe('redis');
      await twoProcessesShareOneLimit(ctx, someone);
    });
  });

  it('two API processes share one limit with the queues on PostgreSQL (counters in PostgreSQL)', async () => {
    const ctx = await context({
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      TRUSTED_PROXIES: 'loopback',
      QUEUE_BACKEND: 'postgres',
    });
    let n = 0;
    await twoProcessesShareOneLimit(ctx, () => `pg-niemand-${(n += 1)}@example.test`);
    // The counters are rows: the address's window and block, the accounts' windows.
    const [counter] = await ctx.db.query<Array<{ hits: number; blocked: boolean }>>(
      `SELECT hits, blocked_until > now() AS blocked FROM rate_limit_counter WHERE key LIKE 'login:%'`,
    );
    expect(counter).toEqual({ hits: 4, blocked: true });
  });

  it('PostgreSQL counters: a block stops counting, and an ended window or block starts again', async () => {
    const ctx = await context({});
    const counters = new RateLimitRepository(ctx.db);
    const hit = () => counters.hit('test:key', 60_000, 2, 120_000);
    expect(await hit()).toMatchObject({ hits: 1, blocked: false, blockLeftMs: 0 });
    expect(await hit()).toMatchObject({ hits: 2, blocked: false });
    const third = await hit();
    expect(third).toMatchObject({ hits: 3, blocked: true });
    expect(third.blockLeftMs).toBeGreaterThan(119_000);
    expect(third.windowLeftMs).toBeGreaterThan(59_000);
    expect(await hit()).toMatchObject({ hits: 3, blocked: true }); // blocked: not counted

    // The block ends (moved into the past): the next hit starts a new window.
    await ctx.db.query(
      `UPDATE rate_limit_counter SET blocked_until = now() - interval '1 second',
              window_ends_at = now() - interval '1 second' WHERE key = 'test:key'`,
    );
    await counters.deleteExpired();
    expect(await ctx.db.query(`SELECT 1 FROM rate_limit_counter WHERE key = 'test:key'`)).toEqual([]);
    expect(await hit()).toMatchObject({ hits: 1, blocked: false });
    await ctx.db.query(
      `UPDATE rate_limit_counter SET window_ends_at = now() - interval '1 second' WHERE key = 'test:key'`,
    );
    expect(await hit()).toMatchObject({ hits: 1, blocked: false });
  });

  it('closing an API process quits its Redis counters once', async () => {
    const ctx = await context({});
    const app = await createApiApp(ctx.config, { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    await attempt(app, 'sluiten@example.test').expect(401); // the counters' connection is open
    const storage = app.get<RedisThrottlerStorage>(RATE_LIMIT_STORAGE);
    const redis = storage['redis'];
    const closed = jest.spyOn(storage, 'close');
    const quit = jest.spyOn(redis, 'quit');
    const disconnect = jest.spyOn(redis, 'disconnect');
    await app.close();
    // Closed once by its module (the throttler module provides the instance under a second token):
    // one QUIT, no fallback to disconnect(), whose timer on the closed socket kept jest waiting.
    expect(closed).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(disconnect).not.toHaveBeenCalled();
    expect(redis.status).toBe('end');
  });

  /** Three failed logins from one address through two processes, then both refuse the fourth. */
  async function twoProcessesShareOneLimit(ctx: TestContext, someone: () => string): Promise<void> {
    const second = await createApiApp(ctx.config, { logger: false });
    apps.push(second);
    await second.init();
    await second.getHttpAdapter().getInstance().ready();
    await attempt(ctx.app, someone(), '203.0.113.40').expect(401);
    await attempt(second, someone(), '203.0.113.40').expect(401);
    await attempt(ctx.app, someone(), '203.0.113.40').expect(401);
    await attempt(second, someone(), '203.0.113.40').expect(429);
    await attempt(ctx.app, someone(), '203.0.113.40').expect(429);
  }
});

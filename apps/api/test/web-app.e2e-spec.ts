import { randomUUID } from 'node:crypto';
import { FixedClock } from '@hybridmatch/domain';
import { TEST_PASSWORD, TestContext } from '../../../test/support/test-context';

/**
 * The web app over HTTP: served at /app with its own Content-Security-Policy and a fallback to
 * index.html for deep links, and its sign-in in an httpOnly cookie beside the API's token in the
 * body. (The browser tests in apps/web/test drive the app itself.)
 */
describe('web app', () => {
  let ctx: TestContext;
  // The product's clock two years ahead of the browser's (as HM_NOW may set it): the sign-in
  // cookie must still last the session's hours on the browser's own clock.
  const productClock = new FixedClock(new Date(Date.now() + 2 * 365 * 24 * 3600 * 1000));
  beforeAll(async () => {
    ctx = await TestContext.create({}, { clock: productClock });
  });
  afterAll(() => ctx.close());

  describe('serving', () => {
    it.each(['/app', '/app/', '/app/dashboard', `/app/proposals/${randomUUID()}`])(
      '%s answers the app with a strict script policy',
      async (path) => {
        const response = await ctx.http.get(path).expect(200);
        expect(response.headers['content-type']).toMatch(/text\/html/);
        expect(response.text).toContain('<div id="root"></div>');
        const csp = response.headers['content-security-policy'];
        expect(csp).toContain("script-src 'self';");
        expect(csp).toContain("style-src 'self' 'unsafe-inline'");
        expect(csp).toContain("font-src 'self';");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(response.headers['cache-control']).toBe('no-cache');
      },
    );

    it('serves the hashed assets for a year, and a missing asset is a 404, not the app', async () => {
      const html = (await ctx.http.get('/app/')).text;
      const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1];
      const asset = await ctx.http.get(script).expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect(asset.headers['cache-control']).toContain('immutable');
      await ctx.http.get('/app/assets/missing-0000.js').expect(404);
    });

    it('leads / to the app and keeps /api answering JSON', async () => {
      const root = await ctx.http.get('/').expect(302);
      expect(root.headers.location).toBe('/app/');
      const api = await ctx.http.get('/api/nothing-here').expect(404);
      expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });

  describe('sign-in cookie', () => {
    const cookieOf = (headers: Record<string, unknown>) =>
      ((headers['set-cookie'] as string[] | undefined) ?? []).find((line) => line.startsWith('hm_refresh='));

    it('keeps the refresh token out of the body and in an httpOnly SameSite=Strict cookie', async () => {
      const { user } = await ctx.newCoordinator((await ctx.newRegion()).id);
      const login = await ctx.http
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD, refreshTokenIn: 'cookie' })
        .expect(200);
      expect(login.body.accessToken).toEqual(expect.any(String));
      expect(login.body).not.toHaveProperty('refreshToken');
      const cookie = cookieOf(login.headers)!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/auth/);
      expect(cookie).not.toMatch(/Secure/); // plain HTTP here; over TLS the cookie is Secure
      // As long as the sign-in (SESSION_HOURS, 10), counted on the browser's clock, not the product's.
      expect(cookie).toMatch(/Max-Age=36000(;|$)/);
      expect(cookie).not.toMatch(/Expires=/);

      const pair = cookie.split(';')[0];
      const refreshed = await ctx.http.post('/api/auth/refresh').set('Cookie', pair).send({}).expect(200);
      expect(refreshed.body).not.toHaveProperty('refreshToken');
      const next = cookieOf(refreshed.headers)!.split(';')[0];
      expect(next).not.toBe(pair);
      await ctx.http
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
        .expect(200);

      // The used cookie again: the sign-in ends (rotation), and the cookie is cleared.
      const reused = await ctx.http.post('/api/auth/refresh').set('Cookie', pair).send({}).expect(401);
      expect(cookieOf(reused.headers)).toMatch(/Expires=Thu, 01 Jan 1970/);
      await ctx.http.post('/api/auth/refresh').set('Cookie', next).send({}).expect(401);
    });

    it('signs out: the cookie is cleared and its sign-in ended', async () => {
      const { user } = await ctx.newCoordinator((await ctx.newRegion()).id);
      const login = await ctx.http
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD, refreshTokenIn: 'cookie' });
      const pair = cookieOf(login.headers)!.split(';')[0];
      const out = await ctx.http.post('/api/auth/logout').set('Cookie', pair).send({}).expect(204);
      expect(cookieOf(out.headers)).toMatch(/Expires=Thu, 01 Jan 1970/);
      await ctx.http.post('/api/auth/refresh').set('Cookie', pair).send({}).expect(401);
    });

    it('refuses a refresh with neither a token nor a cookie, and API clients keep the token in the body', async () => {
      const none = await ctx.http.post('/api/auth/refresh').send({}).expect(401);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      const { user } = await ctx.newCoordinator((await ctx.newRegion()).id);
      const login = await ctx.http
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      expect(login.body.refreshToken).toEqual(expect.any(String));
      expect(cookieOf(login.headers)).toBeUndefined();
      const bad = await ctx.http
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD, refreshTokenIn: 'jar' })
        .expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'refreshTokenIn' })]);
    });
  });
});

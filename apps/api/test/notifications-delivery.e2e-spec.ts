import { getQueueToken } from '@nestjs/bullmq';
import { JwtService } from '@nestjs/jwt';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Notification, NotificationKind } from '../../../libs/database/src';
import { UserRole } from '../../../libs/domain/src';
import { QUEUES } from '../../../libs/queue/src';
import { TestContext } from '../../../test/support/test-context';
import { waitFor } from '../../../test/support/wait-for';

describe('notification delivery: the API side (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx?.close();
  });

  describe('queue dashboard at /admin/queues', () => {
    it('refuses a request without a token (401)', async () => {
      const response = await ctx.http.get('/admin/queues').expect(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    });

    it('refuses an invalid token (401), also on the dashboard JSON API', async () => {
      await ctx.http.get('/admin/queues/api/queues').set({ Authorization: 'Bearer not-a-token' }).expect(401);
    });

    it('refuses a company admin (403)', async () => {
      const region = await ctx.newRegion();
      const company = await ctx.newCompany(region.id);
      const { auth } = await ctx.newCompanyAdmin(company.id);
      const response = await ctx.http.get('/admin/queues').set(auth).expect(403);
      expect(response.body).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      await ctx.http.get('/admin/queues/api/queues').set(auth).expect(403);
    });

    it('shows the dashboard and every queue to a platform admin (200)', async () => {
      const { auth } = await ctx.newAdmin();
      const page = await ctx.http.get('/admin/queues').set(auth).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const queues = await ctx.http.get('/admin/queues/api/queues').set(auth).expect(200);
      expect((queues.body.queues as Array<{ name: string }>).map((queue) => queue.name).sort()).toEqual(
        Object.values(QUEUES).sort(),
      );
    });

    it("serves the board's page without Google Fonts, with our accessibility script, and no inline script allowed", async () => {
      const { auth } = await ctx.newAdmin();
      for (const path of ['/admin/queues', `/admin/queues/queue/${QUEUES.notifications}`]) {
        const page = await ctx.http.get(path).set(auth).expect(200);
        expect(page.text).not.toMatch(/fonts\.(googleapis|gstatic)\.com/);
        expect(page.text).toContain(
          '<script src="/admin/queues/hybridmatch-a11y.js" defer></script>\n</head>',
        );
        expect(page.text).toMatch(/<\/html>\s*$/);
        const csp = page.headers['content-security-policy'];
        expect(csp).toContain("script-src 'self';");
        expect(csp).toContain("font-src 'self';");
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      }
      const script = await ctx.http.get('/admin/queues/hybridmatch-a11y.js').set(auth).expect(200);
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(script.text).toContain('new MutationObserver(repair)');
    });

    it('serves that script only to a platform admin, like the rest of the dashboard (401, 403)', async () => {
      const response = await ctx.http.get('/admin/queues/hybridmatch-a11y.js').expect(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
      const company = await ctx.newCompany((await ctx.newRegion()).id);
      const { auth } = await ctx.newCompanyAdmin(company.id);
      await ctx.http.get('/admin/queues/hybridmatch-a11y.js').set(auth).expect(403);
    });

    describe('opened from the web app: a ticket in a cookie only the dashboard receives', () => {
      const ticketOf = (setCookie: string[] | string | undefined) =>
        /hm_queues=([^;]+)/.exec([setCookie ?? []].flat().join('\n'))?.[1];
      const asCookie = (ticket: string) => ({ Cookie: `hm_queues=${ticket}` });
      const forge = (claims: object, expiresIn: number, audience?: string) =>
        ctx.app.get(JwtService).sign(claims, { expiresIn, ...(audience ? { audience } : {}) });

      it('gives a platform admin an httpOnly, SameSite=Strict cookie for /admin/queues only, which opens the page and its API (200)', async () => {
        const { auth } = await ctx.newAdmin();
        const opened = await ctx.http.post('/api/queue-dashboard/session').set(auth).expect(204);
        const setCookie = [opened.headers['set-cookie'] ?? []].flat().join('\n');
        expect(setCookie).toMatch(
          /hm_queues=[^;]+; Max-Age=900; Path=\/admin\/queues; HttpOnly; SameSite=Strict/,
        );
        const ticket = ticketOf(opened.headers['set-cookie'])!;

        const page = await ctx.http.get('/admin/queues').set(asCookie(ticket)).expect(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        await ctx.http.get('/admin/queues/api/queues').set(asCookie(ticket)).expect(200);
      });

      it('refuses the ticket to anyone but a platform admin: 401 without a token, 403 for a coordinator or company admin', async () => {
        await ctx.http.post('/api/queue-dashboard/session').expect(401);
        const region = await ctx.newRegion();
        const company = await ctx.newCompany(region.id);
        const companyAdmin = await ctx.newCompanyAdmin(company.id);
        const coordinator = await ctx.newUser(UserRole.RegionalCoordinator, { regionIds: [region.id] });
        for (const { auth } of [companyAdmin, coordinator]) {
          const refused = await ctx.http.post('/api/queue-dashboard/session').set(auth).expect(403);
          expect(refused.headers['set-cookie']).toBeUndefined();
        }
      });

      it('keeps ticket and access token apart: the ticket is no bearer token, an access token is no ticket (401)', async () => {
        const { auth } = await ctx.newAdmin();
        const opened = await ctx.http.post('/api/queue-dashboard/session').set(auth).expect(204);
        const ticket = ticketOf(opened.headers['set-cookie'])!;
        await ctx.http
          .get('/api/regions')
          .set({ Authorization: `Bearer ${ticket}` })
          .expect(401);
        await ctx.http
          .get('/admin/queues')
          .set({ Authorization: `Bearer ${ticket}` })
          .expect(401);
        const accessToken = auth.Authorization.slice('Bearer '.length);
        await ctx.http.get('/admin/queues').set(asCookie(accessToken)).expect(401);
      });

      it('refuses an expired ticket and the ticket of another role (401, 403)', async () => {
        const { user } = await ctx.newAdmin();
        const claims = { sub: user.id, role: user.role, org: null, regions: [], ver: user.authVersion };
        const expired = await ctx.http
          .get('/admin/queues')
          .set(asCookie(forge(claims, -1, 'queue-dashboard')))
          .expect(401);
        expect(expired.body).toMatchObject({ code: 'UNAUTHENTICATED' });

        const region = await ctx.newRegion();
        const company = await ctx.newCompany(region.id);
        const { user: companyAdmin } = await ctx.newCompanyAdmin(company.id);
        const theirs = {
          sub: companyAdmin.id,
          role: companyAdmin.role,
          org: company.id,
          regions: [],
          ver: companyAdmin.authVersion,
        };
        await ctx.http
          .get('/admin/queues')
          .set(asCookie(forge(theirs, 60, 'queue-dashboard')))
          .expect(403);
      });

      it('ends with the sign-in: after "sign out everywhere" the ticket is refused (401); logout clears the cookie', async () => {
        const { auth } = await ctx.newAdmin();
        const opened = await ctx.http.post('/api/queue-dashboard/session').set(auth).expect(204);
        const ticket = ticketOf(opened.headers['set-cookie'])!;
        await ctx.http.post('/api/auth/sign-out-everywhere').set(auth).expect(204);
        await ctx.http.get('/admin/queues').set(asCookie(ticket)).expect(401);

        const loggedOut = await ctx.http.post('/api/auth/logout').send({}).expect(204);
        expect([loggedOut.headers['set-cookie'] ?? []].flat().join('\n')).toMatch(
          /hm_queues=; Max-Age=0; Path=\/admin\/queues/,
        );
      });
    });
  });

  it('nudges the worker to relay (a relay-outbox job) once a transaction that wrote notifications commits', async () => {
    const queue = ctx.app.get<Queue>(getQueueToken(QUEUES.notifications));
    const relayJobs = async () =>
      (await queue.getJobs(['waiting'])).filter((job) => job.name === 'relay-outbox').length;
    const before = await relayJobs();
    const { user } = await ctx.newUser(UserRole.SchoolAdmin);

    await ctx.db.transaction(async (manager) => {
      await manager.getRepository(Notification).insert({
        recipientUserId: user.id,
        kind: NotificationKind.ProposalNew,
        subject: 'Nieuw voorstel',
        bodyText: 'Er is een nieuw voorstel.\n\nEnglish: there is a new proposal.',
        dedupeKey: `nudge-${randomUUID()}`,
      });
      // Not before the commit: the relay would not see the row yet.
      expect(await relayJobs()).toBe(before);
    });

    await waitFor('a relay-outbox job after the commit', async () => (await relayJobs()) > before);
  });
});

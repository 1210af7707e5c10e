import { getQueueToken } from '@nestjs/bullmq';
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

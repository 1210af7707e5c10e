import { getQueueToken } from '@nestjs/bullmq';
import { TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { In } from 'typeorm';
import { Notification, NotificationDeliveryStatus, Proposal } from '../../../libs/database/src';
import { ProposalStatus } from '../../../libs/domain/src';
import { QUEUES } from '../../../libs/queue/src';
import { TestContext } from '../../../test/support/test-context';
import { notificationMessageId } from '../src/notifications/notification-mailer';
import {
  insertPendingNotification,
  noEmailJobsLeft,
  startTestWorker,
} from '../../../test/support/notification-fixtures';
import { freePort, PrivateRedis } from './support/private-redis';
import { describeWithRedisServer } from '../../../test/support/redis-server-binary';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { waitFor } from '../../../test/support/wait-for';
import { BEFORE_TERM } from '../../../test/support/proposal-terms';

/**
 * Fault test: Redis (the test's own redis-server) goes away while people answer and approve a
 * proposal. The API keeps recording; the notifications wait in PostgreSQL; once Redis is back
 * (empty: it keeps nothing on disk), every one of them is delivered exactly once.
 */
describeWithRedisServer('notification delivery survives a Redis outage (e2e)', () => {
  let redis: PrivateRedis;
  let smtp: SmtpTestServer;
  let ctx: TestContext;
  let worker: TestingModule;
  let queue: Queue;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    smtp = await SmtpTestServer.start();
    ctx = await TestContext.create({ HM_NOW: BEFORE_TERM, REDIS_URL: redis.url, SMTP_URL: smtp.url });
    worker = await startTestWorker(ctx.config);
    queue = worker.get<Queue>(getQueueToken(QUEUES.notifications));
  });

  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await redis?.stop();
    await smtp?.close();
  }, 30_000);

  it('records answers and an approval while Redis is down, then delivers every notification once', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);
    const coordinator = await ctx.newCoordinator(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const teacher = await ctx.newTeacherUser(company.id);
    const teachingRequest = await ctx.newRequest(school);

    await redis.stop();

    // Written by the match run (here: directly, as the run's job would) and then answered over HTTP.
    const proposal = await ctx.newProposal(teachingRequest, teacher.teacher);
    for (const party of [companyAdmin, teacher, schoolAdmin]) {
      await ctx.http
        .post(`/api/proposals/${proposal.id}/answer`)
        .set(party.auth)
        .send({ decision: 'accept' })
        .expect(200);
    }
    await ctx.http
      .post(`/api/proposals/${proposal.id}/approve`)
      .set(coordinator.auth)
      .send({
        hourlyRateCents: 9500,
        startDate: '2026-09-08',
        endDate: '2027-01-26',
        supervisorName: 'Marieke de Vries',
        supervisorEmail: 'm.devries@roc.example.nl',
      })
      .expect(200);
    expect((await ctx.db.getRepository(Proposal).findOneByOrFail({ id: proposal.id })).status).toBe(
      ProposalStatus.Approved,
    );
    // A row relayed before the outage whose job died with Redis's memory.
    const lostJob = await insertPendingNotification(ctx.db, coordinator.user.id, {
      relayedAt: new Date(Date.now() - 11 * 60_000),
    });

    const notifications = ctx.db.getRepository(Notification);
    const written = await notifications.find({ where: [{ proposalId: proposal.id }, { id: lostJob.id }] });
    expect(written.length).toBeGreaterThanOrEqual(5);
    expect(written.every((row) => row.deliveryStatus === NotificationDeliveryStatus.Pending)).toBe(true);
    expect(smtp.received).toHaveLength(0);

    await redis.start();

    const ids = written.map((row) => row.id);
    await waitFor(
      'every notification to be sent after Redis returned',
      async () =>
        (await notifications.countBy({ id: In(ids), deliveryStatus: NotificationDeliveryStatus.Sent })) ===
        ids.length,
      60_000,
    );
    // Nothing left that could still send: no job waiting, running or due for a retry.
    await waitFor('the notifications queue to drain', () => noEmailJobsLeft(queue));
    for (const row of written) {
      expect(smtp.deliveriesOf(notificationMessageId(row.id))).toBe(1);
    }
    expect(smtp.received).toHaveLength(written.length);
    const recipients = await ctx.db.query(
      `SELECT n.id, u.email FROM notification n JOIN app_user u ON u.id = n.recipient_user_id WHERE n.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const { id, email } of recipients as Array<{ id: string; email: string }>) {
      expect(
        smtp.received.find((received) => received.messageId === notificationMessageId(id))?.envelopeTo,
      ).toEqual([email]);
    }
  }, 120_000);

  it('commits its claim before asking Redis, holds no lock while Redis hangs, undoes the claim after the timeout, and delivers once', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const notifications = ctx.db.getRepository(Notification);
    // Redis stops answering but keeps its connections (the process is suspended): addBulk hangs.
    redis.suspend();
    try {
      const row = await insertPendingNotification(ctx.db, coordinator.user.id);
      // The worker's relay claimed the row, committed, while Redis has not answered.
      await waitFor('the relay to commit its claim', async () => {
        const now = await notifications.findOneByOrFail({ id: row.id });
        return now.relayedAt !== null && now.relayCount === 1;
      });
      // No transaction holds the row meanwhile.
      await ctx.db.transaction(async (manager) => {
        const locked = await manager.query<unknown[]>(
          `SELECT id FROM notification WHERE id = $1 FOR UPDATE NOWAIT`,
          [row.id],
        );
        expect(locked).toHaveLength(1);
      });
      // After the relay's 5 s wait the claim is undone: unrelayed, and the count as it was.
      await waitFor(
        'the relay to undo its claim',
        async () => {
          const now = await notifications.findOneByOrFail({ id: row.id });
          return now.relayedAt === null && now.relayCount === 0;
        },
        20_000,
      );
      expect(smtp.deliveriesOf(notificationMessageId(row.id))).toBe(0);

      redis.resume();
      // Redis now takes the job it was sent while suspended, and the next relay's (the same id).
      await waitFor(
        'the row to be sent once Redis answers again',
        async () =>
          (await notifications.findOneByOrFail({ id: row.id })).deliveryStatus ===
          NotificationDeliveryStatus.Sent,
        30_000,
      );
      await waitFor('the notifications queue to drain', () => noEmailJobsLeft(queue));
      expect(smtp.deliveriesOf(notificationMessageId(row.id))).toBe(1);
    } finally {
      redis.resume();
    }
  }, 90_000);
});

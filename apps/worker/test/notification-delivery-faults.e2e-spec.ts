import { getQueueToken } from '@nestjs/bullmq';
import { TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Notification, NotificationDeliveryStatus, NotificationKind } from '../../../libs/database/src';
import { UserRole } from '../../../libs/domain/src';
import { jobIds, QUEUES } from '../../../libs/queue/src';
import { TestContext } from '../../../test/support/test-context';
import {
  FAILED_FOR_GOOD,
  insertPendingNotification,
  startTestWorker,
} from '../../../test/support/notification-fixtures';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { TcpProxy } from '../../../test/support/tcp-proxy';
import { waitFor } from '../../../test/support/wait-for';
import { notificationMessageId } from '../src/notifications/notification-mailer';
import { NotificationReconciler } from '../src/notifications/notification-reconciler.service';
import { OutboxRelay } from '../src/notifications/outbox-relay.service';

/**
 * Issue 9, items 1–3: faults outside the happy path of an e-mail. The worker reaches PostgreSQL
 * through a TCP proxy the test cuts; the SMTP server is stopped, or holds a message unanswered.
 * The reconciler's deadlines are shortened and its retry delays are zero, so a test drives it by
 * calling `reconcile()` instead of waiting minutes.
 */
describe('notification delivery under faults: database gone, SMTP gone, a send cut short (e2e)', () => {
  let smtp: SmtpTestServer;
  let proxy: TcpProxy;
  let ctx: TestContext;
  let worker: TestingModule;
  let queue: Queue;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    ctx = await TestContext.create({ SMTP_URL: smtp.url });
    const database = new URL(ctx.config.database.url);
    proxy = await TcpProxy.start({ host: database.hostname, port: Number(database.port || 5432) });
    worker = await startTestWorker(
      { ...ctx.config, database: { ...ctx.config.database, url: proxy.rewrite(ctx.config.database.url) } },
      { backoff: { type: 'fixed', delay: 20 } },
      {
        pendingDeadlineMs: 200,
        sendingDeadlineMs: 60_000,
        retryDelaysMs: [0, 0],
        reconcileEveryMs: 3_600_000,
        recordSentForMs: 60_000,
      },
    );
    queue = worker.get<Queue>(getQueueToken(QUEUES.notifications));
  });

  afterAll(async () => {
    proxy?.restore();
    await worker?.close();
    await ctx?.close();
    await proxy?.close();
    await smtp?.close();
  });

  const reload = (id: string) => ctx.db.getRepository(Notification).findOneByOrFail({ id });
  const reconcile = () => worker.get(NotificationReconciler).reconcile();
  const relay = () => worker.get(OutboxRelay).relayPending();
  const sent = (id: string) =>
    waitFor(`notification ${id} to be sent`, async () => {
      const row = await reload(id);
      return row.deliveryStatus === NotificationDeliveryStatus.Sent ? row : undefined;
    });
  const jobState = (jobId: string) =>
    waitFor(`job ${jobId} to finish`, async () => {
      const state = await (await queue.getJob(jobId))?.getState();
      return state === 'completed' || state === 'failed' ? state : undefined;
    });

  it('1. a send job that failed because the database was unreachable is not left pending: failed with the reason, then sent under a fresh job id', async () => {
    const { user } = await ctx.newUser(UserRole.SchoolAdmin);
    // As the relay leaves it: relayed once, job notification-<id>-1 queued.
    const notification = await insertPendingNotification(ctx.db, user.id, {
      relayedAt: new Date(),
      relayCount: 1,
    });
    const firstJob = jobIds.notification(notification.id, 1);

    proxy.cut();
    await queue.add(
      'send-notification',
      { notificationId: notification.id },
      { jobId: firstJob, attempts: 2, backoff: { type: 'fixed', delay: 20 } },
    );
    expect(await jobState(firstJob)).toBe('failed');
    proxy.restore();
    expect(await reload(notification.id)).toMatchObject({
      deliveryStatus: NotificationDeliveryStatus.Pending,
      attempts: 0,
    });

    await waitFor('the row to pass its pending deadline', async () => {
      const [{ due }] = await ctx.db.query<Array<{ due: boolean }>>(
        `SELECT relayed_at < now() - interval '200 milliseconds' AS due FROM notification WHERE id = $1`,
        [notification.id],
      );
      return due;
    });
    // The reconciler marks it failed with the job's reason; its first retry round is due at once.
    expect(await reconcile()).toMatchObject({ failed: 1, retried: 1 });
    const afterReconcile = await reload(notification.id);
    expect(afterReconcile.deliveryStatus).toBe(NotificationDeliveryStatus.Pending);
    expect(afterReconcile.lastError).toMatch(new RegExp(`job ${firstJob} failed outside SMTP: `));
    expect(afterReconcile.retryRound).toBe(1);

    await relay();
    expect(await jobState(jobIds.notification(notification.id, 2))).toBe('completed');
    const row = await sent(notification.id);
    expect(row).toMatchObject({ attempts: 1, relayCount: 2, lastError: null });
    expect(smtp.deliveriesOf(notificationMessageId(notification.id))).toBe(1);
  });

  it('1. a row left `sending` by a worker that is gone, whose job Redis no longer has, is sent again once with the same Message-ID', async () => {
    const { user } = await ctx.newUser(UserRole.CompanyAdmin);
    const notification = await insertPendingNotification(ctx.db, user.id, {
      deliveryStatus: NotificationDeliveryStatus.Sending,
      relayedAt: new Date(Date.now() - 10 * 60_000),
      relayCount: 1,
      claimedAt: new Date(Date.now() - 10 * 60_000),
      claimedBy: jobIds.notification('gone', 1),
      attempts: 1,
    });

    expect(await reconcile()).toMatchObject({ requeued: 1 });
    expect((await reload(notification.id)).lastError).toMatch(/was lost while sending .*same Message-ID/);
    await relay();
    const row = await sent(notification.id);
    expect(row).toMatchObject({ attempts: 2, relayCount: 2 });
    expect(smtp.deliveriesOf(notificationMessageId(notification.id))).toBe(1);
  });

  it('2. an SMTP outage longer than the job’s retries does not lose the mail: failed with the SMTP error, sent by the next round once SMTP is back', async () => {
    const { user } = await ctx.newUser(UserRole.HybridTeacher);
    const notification = await insertPendingNotification(ctx.db, user.id);

    await smtp.stop();
    try {
      await relay();
      expect(await jobState(jobIds.notification(notification.id, 1))).toBe('failed');
      const failed = await reload(notification.id);
      expect(failed).toMatchObject({
        deliveryStatus: NotificationDeliveryStatus.Failed,
        attempts: 5,
        retryRound: 1,
      });
      expect(failed.lastError).toMatch(/ECONNREFUSED/);
      expect(failed.nextAttemptAt).toBeInstanceOf(Date);
    } finally {
      await smtp.resume();
    }

    expect(await reconcile()).toMatchObject({ retried: 1 });
    await relay();
    expect(await jobState(jobIds.notification(notification.id, 2))).toBe('completed');
    expect(await sent(notification.id)).toMatchObject({ attempts: 6, retryRound: 1, nextAttemptAt: null });
    expect(smtp.deliveriesOf(notificationMessageId(notification.id))).toBe(1);
  });

  it('2. when the automatic rounds are used up the row stays failed for good, and an admin resends it in bulk (coordinators within their regions)', async () => {
    const region = await ctx.newRegion();
    const otherRegion = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const { user } = await ctx.newCompanyAdmin(company.id);
    const notification = await insertPendingNotification(ctx.db, user.id, {
      kind: NotificationKind.Approved,
      deliveryStatus: NotificationDeliveryStatus.Failed,
      attempts: 15,
      retryRound: 2,
      nextAttemptAt: null,
      relayedAt: new Date(Date.now() - 60_000),
      relayCount: 3,
      lastError: 'connect ECONNREFUSED 127.0.0.1:25',
    });
    // No automatic round is left: the reconciler leaves it alone.
    expect(await reconcile()).toMatchObject({ requeued: 0, failed: 0, retried: 0 });

    const teacher = await ctx.newTeacherUser(company.id);
    const outsider = await ctx.newCoordinator(otherRegion.id);
    const coordinator = await ctx.newCoordinator(region.id);
    const admin = await ctx.newAdmin();
    const filter = {
      kinds: [NotificationKind.Approved],
      createdFrom: new Date(Date.now() - 3_600_000).toISOString(),
    };

    await ctx.http
      .post('/api/notifications/resend')
      .set(teacher.auth)
      .send({ ids: [notification.id] })
      .expect(403);
    const none = await ctx.http.post('/api/notifications/resend').set(admin.auth).send({}).expect(400);
    expect(none.body.errors).toEqual([expect.objectContaining({ field: 'ids' })]);
    await ctx.http
      .post('/api/notifications/resend')
      .set(admin.auth)
      .send({ ids: [notification.id], ...filter })
      .expect(400);
    await ctx.http
      .post('/api/notifications/resend')
      .set(admin.auth)
      .send({ ids: ['not-a-uuid'] })
      .expect(400);

    // Outside the coordinator's regions: neither listed nor resent.
    const outsiderList = await ctx.http.get('/api/notifications/failed').set(outsider.auth).expect(200);
    expect(outsiderList.body.items.map((item: { id: string }) => item.id)).not.toContain(notification.id);
    expect(
      (await ctx.http.post('/api/notifications/resend').set(outsider.auth).send(filter).expect(200)).body,
    ).toEqual({ resent: [], count: 0 });

    const list = await ctx.http.get('/api/notifications/failed').set(coordinator.auth).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: notification.id,
        nextAttemptAt: null,
        lastError: expect.stringMatching(/ECONNREFUSED/),
      }),
    ]);
    const resent = await ctx.http
      .post('/api/notifications/resend')
      .set(coordinator.auth)
      .send(filter)
      .expect(200);
    expect(resent.body).toEqual({ resent: [notification.id], count: 1 });
    // A second resend finds nothing failed.
    expect(
      (
        await ctx.http
          .post('/api/notifications/resend')
          .set(admin.auth)
          .send({ ids: [notification.id] })
          .expect(200)
      ).body,
    ).toEqual({ resent: [], count: 0 });

    await relay(); // or the worker's poller
    const row = await sent(notification.id);
    expect(row).toMatchObject({ relayCount: 4, retryRound: 0, attempts: 16 });
    expect(smtp.deliveriesOf(notificationMessageId(notification.id))).toBe(1);
  });

  it('2. an admin resends single failed e-mails by id (a coordinator only those of their regions): sent once, with the same Message-ID; the failed list hides single-use links', async () => {
    const region = await ctx.newRegion();
    const otherRegion = await ctx.newRegion();
    const ours = await ctx.newCompanyAdmin((await ctx.newCompany(region.id)).id);
    const theirs = await ctx.newCompanyAdmin((await ctx.newCompany(otherRegion.id)).id);
    const failed = FAILED_FOR_GOOD;
    const invite = await insertPendingNotification(ctx.db, ours.user.id, {
      ...failed,
      kind: NotificationKind.Invite,
      bodyText: 'Kies een wachtwoord: http://localhost:3000/invite?token=geheim-invite-token',
    });
    const elsewhere = await insertPendingNotification(ctx.db, theirs.user.id, failed);
    const coordinator = await ctx.newCoordinator(region.id);
    const admin = await ctx.newAdmin();

    const listed = await ctx.http
      .get('/api/notifications/failed')
      .query({ pageSize: 200 })
      .set(coordinator.auth)
      .expect(200);
    const ids = listed.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(invite.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(JSON.stringify(listed.body)).not.toContain('geheim-invite-token');

    await ctx.http
      .post('/api/notifications/resend')
      .set(admin.auth)
      .send({ ids: Array.from({ length: 1001 }, () => invite.id) })
      .expect(400);
    // The coordinator's resend leaves out the row outside their regions; the admin's takes it.
    const byCoordinator = await ctx.http
      .post('/api/notifications/resend')
      .set(coordinator.auth)
      .send({ ids: [invite.id, elsewhere.id] })
      .expect(200);
    expect(byCoordinator.body).toEqual({ resent: [invite.id], count: 1 });
    const byAdmin = await ctx.http
      .post('/api/notifications/resend')
      .set(admin.auth)
      .send({ ids: [elsewhere.id] })
      .expect(200);
    expect(byAdmin.body).toEqual({ resent: [elsewhere.id], count: 1 });

    await relay();
    for (const row of [invite, elsewhere]) {
      expect(await sent(row.id)).toMatchObject({ retryRound: 0, attempts: 6, relayCount: 2 });
      expect(smtp.deliveriesOf(notificationMessageId(row.id))).toBe(1);
    }
  });

  it('3. no database lock or connection is held while the SMTP server takes its time, and a message it accepted while the database was gone is recorded, not sent again', async () => {
    const { user } = await ctx.newUser(UserRole.SchoolAdmin);
    const notification = await insertPendingNotification(ctx.db, user.id);
    const job = jobIds.notification(notification.id, 1);

    smtp.stallNextMessage();
    await relay();
    await waitFor('the SMTP server to hold the message unanswered', () => smtp.hasStalled);
    // Claimed and committed before the first SMTP command; no lock held.
    expect(await reload(notification.id)).toMatchObject({
      deliveryStatus: NotificationDeliveryStatus.Sending,
      claimedBy: job,
      attempts: 1,
    });
    await ctx.db.transaction((manager) =>
      manager.query('SELECT id FROM notification WHERE id = $1 FOR UPDATE NOWAIT', [notification.id]),
    );

    proxy.cut();
    smtp.releaseStalled();
    await waitFor('the worker to fail to record the accepted message', async () =>
      (await queue.getJobLogs(job)).logs.some((line) => line.includes('could not record it as sent yet')),
    );
    proxy.restore();

    const row = await sent(notification.id);
    expect(await jobState(job)).toBe('completed');
    expect(row).toMatchObject({ attempts: 1, claimedAt: null });
    expect(smtp.deliveriesOf(notificationMessageId(notification.id))).toBe(1);
  });
});

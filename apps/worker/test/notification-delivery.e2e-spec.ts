import { getQueueToken } from '@nestjs/bullmq';
import { TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Notification, NotificationDeliveryStatus, User } from '../../../libs/database/src';
import { UserRole } from '../../../libs/domain/src';
import { jobIds, QUEUES } from '../../../libs/queue/src';
import { TestContext } from '../../../test/support/test-context';
import { notificationMessageId } from '../src/notifications/notification-mailer';
import { OutboxRelay } from '../src/notifications/outbox-relay.service';
import { NotificationReconciler } from '../src/notifications/notification-reconciler.service';
import { insertPendingNotification, startTestWorker } from '../../../test/support/notification-fixtures';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { waitFor } from '../../../test/support/wait-for';

const REFUSED = /^refused-/;

describe('notification delivery: outbox relay → BullMQ → SMTP (e2e)', () => {
  let smtp: SmtpTestServer;
  let ctx: TestContext;
  let worker: TestingModule;
  let queue: Queue;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start({ refuseRecipient: (address) => REFUSED.test(address) });
    ctx = await TestContext.create({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'HybridMatch <noreply@hybridmatch.test>',
    });
    // A short backoff so five attempts take well under a second.
    worker = await startTestWorker(ctx.config, { backoff: { type: 'exponential', delay: 20 } });
    queue = worker.get<Queue>(getQueueToken(QUEUES.notifications));
  });

  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await smtp?.close();
  });

  const reload = (id: string) => ctx.db.getRepository(Notification).findOneByOrFail({ id });

  /** Waits until BullMQ has finished the job (completed or failed) and returns its state. */
  const settled = (jobId: string) =>
    waitFor(`job ${jobId} to finish`, async () => {
      const state = await (await queue.getJob(jobId))?.getState();
      return state === 'completed' || state === 'failed' ? state : undefined;
    });

  it('relays a pending row and sends exactly one email to its recipient, then marks it sent', async () => {
    const { user } = await ctx.newUser(UserRole.SchoolAdmin);
    const notification = await insertPendingNotification(ctx.db, user.id);

    await worker.get(OutboxRelay).relayPending();
    const sent = await waitFor('the notification to be marked sent', async () => {
      const row = await reload(notification.id);
      return row.deliveryStatus === NotificationDeliveryStatus.Sent ? row : undefined;
    });

    const messageId = notificationMessageId(notification.id);
    expect(smtp.deliveriesOf(messageId)).toBe(1);
    const email = smtp.received.find((received) => received.messageId === messageId)!;
    expect(email.envelopeTo).toEqual([user.email]);
    expect(email.subject).toBe(notification.subject);
    expect(email.text).toBe(notification.bodyText);
    expect(sent.relayedAt).toBeInstanceOf(Date);
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.attempts).toBe(1);
    expect(sent.lastError).toBeNull();
  });

  it('never sends twice: a duplicate job, a repeated relay and a re-added job id are all harmless', async () => {
    const { user } = await ctx.newUser(UserRole.CompanyAdmin);
    const notification = await insertPendingNotification(ctx.db, user.id);
    await worker.get(OutboxRelay).relayPending();
    expect(await settled(jobIds.notification(notification.id, 1))).toBe('completed');
    const messageId = notificationMessageId(notification.id);
    expect(smtp.deliveriesOf(messageId)).toBe(1);

    // The same deterministic id again: BullMQ keeps the one job it has.
    const again = await queue.add(
      'send-notification',
      { notificationId: notification.id },
      { jobId: jobIds.notification(notification.id, 1) },
    );
    expect(await again.getState()).toBe('completed');
    // A second job for the same row (as after Redis lost the first one): it runs and skips.
    const duplicate = await queue.add(
      'send-notification',
      { notificationId: notification.id },
      { jobId: jobIds.notification(notification.id, 2) },
    );
    expect(await settled(duplicate.id!)).toBe('completed');
    expect((await queue.getJob(duplicate.id!))?.returnvalue).toEqual({
      result: 'skipped',
      reason: 'the notification is already sent',
    });
    // A relay pass and a reconciler pass over a row relayed long ago: only pending rows move.
    await ctx.db.query(`UPDATE notification SET relayed_at = now() - interval '1 hour' WHERE id = $1`, [
      notification.id,
    ]);
    expect(await worker.get(OutboxRelay).relayPending()).toBe(0);
    expect(await worker.get(NotificationReconciler).reconcile()).toMatchObject({ requeued: 0, failed: 0 });

    expect(smtp.deliveriesOf(messageId)).toBe(1);
    expect(await reload(notification.id)).toMatchObject({
      deliveryStatus: NotificationDeliveryStatus.Sent,
      attempts: 1,
    });
  });

  it('queues again, under a fresh job id, a row still pending past its deadline whose job was lost, and sends it once', async () => {
    const { user } = await ctx.newUser(UserRole.HybridTeacher);
    const lostAt = new Date(Date.now() - 3 * 60_000);
    // Relayed once, but Redis no longer knows job notification-<id>-1.
    const notification = await insertPendingNotification(ctx.db, user.id, {
      relayedAt: lostAt,
      relayCount: 1,
    });

    expect(await worker.get(NotificationReconciler).reconcile()).toMatchObject({ requeued: 1 });
    await worker.get(OutboxRelay).relayPending(); // or the worker's own poller, whichever comes first
    expect(await settled(jobIds.notification(notification.id, 2))).toBe('completed');

    const row = await reload(notification.id);
    expect(row.deliveryStatus).toBe(NotificationDeliveryStatus.Sent);
    expect(row.relayCount).toBe(2);
    expect(row.relayedAt!.getTime()).toBeGreaterThan(lostAt.getTime());
    expect(smtp.deliveriesOf(notificationMessageId(notification.id))).toBe(1);
  });

  it('retries a refused email with backoff and, after the last attempt, marks it failed with the server answer and its next round', async () => {
    const { user } = await ctx.newUser(UserRole.SchoolAdmin);
    await ctx.db.getRepository(User).update(user.id, { email: `refused-${user.email}` });
    const notification = await insertPendingNotification(ctx.db, user.id);

    const before = Date.now();
    await worker.get(OutboxRelay).relayPending();
    expect(await settled(jobIds.notification(notification.id, 1))).toBe('failed');

    const job = await queue.getJob(jobIds.notification(notification.id, 1));
    expect(job?.attemptsMade).toBe(5);
    const row = await reload(notification.id);
    expect(row.deliveryStatus).toBe(NotificationDeliveryStatus.Failed);
    expect(row.attempts).toBe(5);
    expect(row.lastError).toMatch(/451/);
    expect(row.lastError).toMatch(/try again later/);
    expect(row.sentAt).toBeNull();
    // The first long-backoff round: five minutes after the job gave up.
    expect(row.retryRound).toBe(1);
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 5 * 60_000 - 1000);
    expect(smtp.deliveriesOf(notificationMessageId(notification.id))).toBe(0);
  });
});

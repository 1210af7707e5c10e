import { getQueueToken } from '@nestjs/bullmq';
import { TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { ChildProcess } from 'node:child_process';
import { Notification, NotificationDeliveryStatus } from '../../../libs/database/src';
import { UserRole } from '../../../libs/domain/src';
import { QUEUES } from '../../../libs/queue/src';
import { TestContext } from '../../../test/support/test-context';
import { notificationMessageId } from '../src/notifications/notification-mailer';
import { insertPendingNotification, startTestWorker } from '../../../test/support/notification-fixtures';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { spawnWorker } from './support/spawn-worker';
import { waitFor } from '../../../test/support/wait-for';

/**
 * Fault test: the worker process is killed (SIGKILL) while the SMTP server holds its email
 * unanswered. The row stays pending (its transaction dies with the process), the job is picked up
 * again by a fresh worker, and exactly one complete email arrives.
 */
describe('notification delivery survives a worker killed mid-send (e2e)', () => {
  let smtp: SmtpTestServer;
  let ctx: TestContext;
  let freshWorker: TestingModule | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start({ stallFirstMessage: true });
    ctx = await TestContext.create({ SMTP_URL: smtp.url });
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await freshWorker?.close();
    await ctx?.close();
    await smtp?.close();
  });

  it('neither loses nor doubles the email', async () => {
    const { user } = await ctx.newUser(UserRole.SchoolAdmin);
    const notification = await insertPendingNotification(ctx.db, user.id);
    const reload = () => ctx.db.getRepository(Notification).findOneByOrFail({ id: notification.id });

    const spawned = spawnWorker(ctx.config);
    child = spawned.child;
    await waitFor(
      'the child worker to send and the SMTP server to stall',
      () => smtp.hasStalled,
      180_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the worker wrote: ${spawned.output() || 'nothing'}`);
    });

    // Mid-send: the row is pending and locked by the child's open transaction.
    expect((await reload()).deliveryStatus).toBe(NotificationDeliveryStatus.Pending);
    await expect(
      ctx.db.transaction((manager) =>
        manager.query('SELECT id FROM notification WHERE id = $1 FOR UPDATE NOWAIT', [notification.id]),
      ),
    ).rejects.toThrow(/could not obtain lock/);

    child.kill('SIGKILL');
    await spawned.exited;
    expect(smtp.received).toHaveLength(0);

    freshWorker = await startTestWorker(ctx.config);
    const sent = await waitFor(
      'a fresh worker to take over the stalled job and send the email',
      async () => {
        const row = await reload();
        return row.deliveryStatus === NotificationDeliveryStatus.Sent ? row : undefined;
      },
      90_000,
    );

    const queue = freshWorker.get<Queue>(getQueueToken(QUEUES.notifications));
    await waitFor('the notifications queue to drain', async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((count) => count === 0);
    });
    expect(smtp.deliveriesOf(notificationMessageId(notification.id))).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({
      envelopeTo: [user.email],
      subject: notification.subject,
      text: notification.bodyText,
    });
    // The killed attempt never committed, so it is not counted.
    expect(sent.attempts).toBe(1);
  }, 300_000);
});

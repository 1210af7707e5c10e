import { getQueueToken } from '@nestjs/bullmq';
import { TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { ChildProcess } from 'node:child_process';
import { Notification, NotificationDeliveryStatus } from '../../../libs/database/src';
import { UserRole } from '../../../libs/domain/src';
import { jobIds, QUEUES } from '../../../libs/queue/src';
import { TestContext } from '../../../test/support/test-context';
import { notificationMessageId } from '../src/notifications/notification-mailer';
import {
  insertPendingNotification,
  noEmailJobsLeft,
  startTestWorker,
} from '../../../test/support/notification-fixtures';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { spawnWorker } from './support/spawn-worker';
import { waitFor } from '../../../test/support/wait-for';

/**
 * Fault test: the worker process is killed (SIGKILL) while the SMTP server holds its email
 * unanswered. The row stays `sending` (claimed by the job), the job is picked up again by a fresh
 * worker, which takes over the claim and sends once more: had the server delivered the first
 * copy, the recipient gets exactly one repeat, with the same Message-ID.
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

    // Mid-send: the row is claimed (committed before the first SMTP command), no lock is held.
    expect(await reload()).toMatchObject({
      deliveryStatus: NotificationDeliveryStatus.Sending,
      claimedBy: jobIds.notification(notification.id, 1),
      attempts: 1,
    });
    await ctx.db.transaction((manager) =>
      manager.query('SELECT id FROM notification WHERE id = $1 FOR UPDATE NOWAIT', [notification.id]),
    );

    child.kill('SIGKILL');
    await spawned.exited;
    // The worst case: the server had the whole message and delivers it although the sender died
    // before reading its "250 OK". The worker cannot know; the one resend below is this fault's.
    smtp.releaseStalled();
    expect(smtp.received).toHaveLength(1);

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
    await waitFor('the notifications queue to drain', () => noEmailJobsLeft(queue));
    // At most one resend per fault, with the same Message-ID so that the recipient's mail system
    // can drop the repeat.
    expect(smtp.deliveriesOf(notificationMessageId(notification.id))).toBe(2);
    expect(smtp.received).toHaveLength(2);
    for (const email of smtp.received)
      expect(email).toMatchObject({
        envelopeTo: [user.email],
        subject: notification.subject,
        text: notification.bodyText,
      });
    // The killed attempt counts: its claim was committed before it talked to the SMTP server.
    // The job BullMQ ran again (same id, its lock lapsed) took over its own claim.
    expect(sent).toMatchObject({ attempts: 2, relayCount: 1 });
  }, 300_000);
});

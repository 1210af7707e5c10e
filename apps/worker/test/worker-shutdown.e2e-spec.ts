import { Notification, NotificationDeliveryStatus } from '../../../libs/database/src';
import { UserRole } from '../../../libs/domain/src';
import { TestContext } from '../../../test/support/test-context';
import { notificationMessageId } from '../src/notifications/notification-mailer';
import { insertPendingNotification } from '../../../test/support/notification-fixtures';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { SpawnedWorker, spawnWorker } from './support/spawn-worker';
import { waitFor } from '../../../test/support/wait-for';

/**
 * Graceful shutdown of the real worker process: SIGTERM while an e-mail is in flight (the SMTP
 * server holds it unanswered). The worker takes no new job, finishes the one in flight, then exits;
 * past SHUTDOWN_TIMEOUT_MS it exits anyway and leaves the row for another worker.
 */
describe('worker graceful shutdown (e2e)', () => {
  let ctx: TestContext;
  const servers: SmtpTestServer[] = [];
  const workers: SpawnedWorker[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    for (const { child } of workers)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    await ctx?.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  /** A worker child process whose first e-mail stalls at the SMTP server, caught mid-send. */
  async function workerStalledMidSend(env: NodeJS.ProcessEnv = {}) {
    const smtp = await SmtpTestServer.start({ stallFirstMessage: true });
    servers.push(smtp);
    const { user } = await ctx.newUser(UserRole.SchoolAdmin);
    const notification = await insertPendingNotification(ctx.db, user.id);
    const worker = spawnWorker(ctx.config, { SMTP_URL: smtp.url, LOG_LEVEL: 'info', ...env });
    workers.push(worker);
    await waitFor('the worker to send and the SMTP server to stall', () => smtp.hasStalled, 180_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}; the worker wrote: ${worker.output() || 'nothing'}`);
      },
    );
    const reload = () => ctx.db.getRepository(Notification).findOneByOrFail({ id: notification.id });
    return { smtp, notification, worker, reload };
  }

  it('finishes the job in flight on SIGTERM, then exits', async () => {
    const { smtp, notification, worker, reload } = await workerStalledMidSend();

    worker.child.kill('SIGTERM');
    await waitFor('the worker to announce its shutdown', () =>
      worker.output().includes('take no new jobs; finishing the jobs in flight'),
    );
    expect(worker.child.exitCode).toBeNull();
    smtp.releaseStalled();

    // Nest re-raises the signal once every hook has run: ended by SIGTERM, not by the deadline's exit(1).
    expect(await worker.exited).toBe('SIGTERM');
    expect(worker.output()).toContain('The jobs in flight are finished');
    const row = await reload();
    expect(row).toMatchObject({ deliveryStatus: NotificationDeliveryStatus.Sent, attempts: 1 });
    expect(smtp.deliveriesOf(notificationMessageId(notification.id))).toBe(1);
  }, 300_000);

  it('exits with code 1 after SHUTDOWN_TIMEOUT_MS when the job in flight does not finish, leaving the row claimed', async () => {
    const { smtp, worker, reload } = await workerStalledMidSend({ SHUTDOWN_TIMEOUT_MS: '1000' });

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain('Jobs still running after 1000 ms; exiting');
    // Claimed by its job: the job's retry (same id) takes the claim over, or, should Redis have lost
    // the job, the reconciler queues it afresh.
    expect(await reload()).toMatchObject({ deliveryStatus: NotificationDeliveryStatus.Sending, attempts: 1 });
    expect(smtp.received).toHaveLength(0);
  }, 300_000);
});

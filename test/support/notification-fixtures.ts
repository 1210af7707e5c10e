import { INestApplicationContext } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { JobsOptions, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hybridmatch/config';
import { NotificationTextService } from '@hybridmatch/core';
import { Notification, NotificationDeliveryStatus, NotificationKind } from '@hybridmatch/database';
import {
  DEFAULT_DELIVERY_POLICY,
  DELIVERY_POLICY,
  DeliveryPolicy,
} from '../../apps/worker/src/notifications/delivery-policy';
import { NOTIFICATION_JOB_OPTIONS } from '../../apps/worker/src/notifications/outbox-relay.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { SmtpTestServer } from './smtp-test-server';
import { TestContext } from './test-context';

/** A notification whose e-mail failed for good: its automatic retry rounds are used up (an admin resends it). */
export const FAILED_FOR_GOOD: Partial<Notification> = {
  deliveryStatus: NotificationDeliveryStatus.Failed,
  attempts: 5,
  retryRound: 4,
  nextAttemptAt: null,
  relayedAt: new Date(Date.now() - 60_000),
  relayCount: 1,
  lastError: '550 mailbox unavailable',
};

/** Writes a pending notification the way the outbox writer does: one row, nothing in Redis. */
export function insertPendingNotification(
  db: DataSource,
  recipientUserId: string,
  overrides: Partial<Notification> = {},
): Promise<Notification> {
  const key = randomUUID();
  return db.getRepository(Notification).save({
    recipientUserId,
    proposalId: null,
    kind: NotificationKind.ProposalNew,
    subject: `Nieuw voorstel: praktijkles ${key.slice(0, 8)}`,
    bodyText: `Er is een nieuw voorstel voor u. Reageer vóór 14 oktober.\n\nEnglish: there is a new proposal for you. Please answer by 14 October.\n${key}`,
    dedupeKey: `test-${key}`,
    deliveryStatus: NotificationDeliveryStatus.Pending,
    ...overrides,
  });
}

/**
 * The rows with their text as the e-mail and the in-app list show it: a proposal notification
 * stores facts, and its text is written from them by the app's NotificationTextService.
 */
export function withTexts(app: Pick<INestApplicationContext, 'get'>, rows: Notification[]): Notification[] {
  const texts = app.get(NotificationTextService);
  return rows.map((row) => Object.assign(row, { bodyText: texts.bodyOf(row) }));
}

/**
 * The real worker module in the test process, booted like `startWorker` (its relay poller and
 * processor run), with `jobOptions` added to every email job (tests shorten the backoff) and the
 * reconciler's deadlines and retry delays changed by `policy`.
 */
export async function startTestWorker(
  config: AppConfig,
  jobOptions: JobsOptions = {},
  policy: Partial<DeliveryPolicy> = {},
): Promise<TestingModule> {
  const worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] })
    .overrideProvider(NOTIFICATION_JOB_OPTIONS)
    .useValue(jobOptions)
    .overrideProvider(DELIVERY_POLICY)
    .useValue({ ...DEFAULT_DELIVERY_POLICY, ...policy })
    .compile();
  worker.useLogger(false);
  worker.enableShutdownHooks();
  await worker.init();
  return worker;
}

/** An API (its own database), the real worker and a real SMTP test server: e-mail flows end to end. */
export interface MailingWorld {
  smtp: SmtpTestServer;
  ctx: TestContext;
  worker: TestingModule;
}

/**
 * Starts a `MailingWorld` before the file's tests and stops it after them, the worker with
 * `policy` changed (see startTestWorker). Read its fields inside tests (they are set once
 * `beforeAll` ran).
 */
export function mailingWorld(policy: Partial<DeliveryPolicy> = {}): MailingWorld {
  const world = {} as MailingWorld;
  beforeAll(async () => {
    world.smtp = await SmtpTestServer.start();
    world.ctx = await TestContext.create({ SMTP_URL: world.smtp.url });
    world.worker = await startTestWorker(world.ctx.config, {}, policy);
  });
  afterAll(async () => {
    await world.worker?.close();
    await world.ctx?.close();
    await world.smtp?.close();
  });
  return world;
}

/**
 * Whether the notifications queue holds no e-mail job that could still send (waiting, running or
 * due for a retry). The reconciler's own scheduled job is always there, delayed, and does not count.
 */
export async function noEmailJobsLeft(queue: Queue): Promise<boolean> {
  const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
  return jobs.every((job) => job.name !== 'send-notification');
}

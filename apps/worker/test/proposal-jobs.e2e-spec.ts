import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { In } from 'typeorm';
import { formatDeadline } from '@hybridmatch/core';
import {
  Notification,
  NotificationKind,
  Proposal,
  ProposalEvent,
  ProposalEventAction,
  TeachingRequest,
} from '../../../libs/database/src';
import { ProposalAnswer, ProposalStatus, TeachingRequestStatus } from '../../../libs/domain/src';
import { JobName, QUEUES } from '../../../libs/queue/src';
import { TestContext } from '../../../test/support/test-context';
import { withTexts } from '../../../test/support/notification-fixtures';
import { startWorker } from '../src/main';
import { PROPOSAL_JOB_SCHEDULES } from '../src/proposal-jobs/proposal-jobs.scheduler';
import { freePort, PrivateRedis } from './support/private-redis';
import { describeWithRedisServer } from '../../../test/support/redis-server-binary';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { waitFor } from '../../../test/support/wait-for';

const HOUR = 3600_000;

/** Adds a one-off job to the maintenance queue and waits until it completed; returns its result. */
async function runJob(queue: Queue, name: JobName): Promise<unknown> {
  const { id } = await queue.add(name, {});
  return waitFor(`the ${name} job ${id} to complete`, async () => {
    // State first, then the job: a job read before it completed would carry no return value yet.
    const state = await queue.getJobState(id!);
    if (state !== 'completed' && state !== 'failed') return undefined;
    const job = await queue.getJob(id!);
    if (state === 'failed') throw new Error(`${name} failed: ${job?.failedReason}`);
    return job!.returnvalue as unknown;
  });
}

const schedulesOf = async (queue: Queue) =>
  (await queue.getJobSchedulers())
    .map(({ key, name, every }) => ({ key, name, every }))
    .sort((a, b) => a.key.localeCompare(b.key));

const EXPECTED_SCHEDULES = PROPOSAL_JOB_SCHEDULES.map(({ name, every }) => ({ key: name, name, every })).sort(
  (a, b) => a.key.localeCompare(b.key),
);

describe('proposal jobs: expiry and expiring-soon reminders (e2e)', () => {
  let smtp: SmtpTestServer;
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    ctx = await TestContext.create({ SMTP_URL: smtp.url });
    worker = await startWorker(ctx.config, { logger: false });
    queue = worker.get<Queue>(getQueueToken(QUEUES.maintenance));
  });

  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await smtp?.close();
  });

  /** A region with a company (admin, teacher with a login) and a school (admin). */
  async function marketplace() {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);
    return {
      school,
      companyAdmin: await ctx.newCompanyAdmin(company.id),
      schoolAdmin: await ctx.newSchoolAdmin(school.id),
      teacher: await ctx.newTeacherUser(company.id),
    };
  }

  const reload = (id: string) => ctx.db.getRepository(Proposal).findOneByOrFail({ id });
  const eventsOf = (id: string) =>
    ctx.db.getRepository(ProposalEvent).find({ where: { proposalId: id }, order: { createdAt: 'ASC' } });

  it('registers the job schedulers when the worker boots', async () => {
    const schedules = await waitFor('the proposal job schedulers to be registered', async () => {
      const found = await schedulesOf(queue);
      return found.length === EXPECTED_SCHEDULES.length ? found : undefined;
    });
    expect(schedules).toEqual([
      { key: 'close-ended-requests', name: 'close-ended-requests', every: 24 * 60 * 60_000 },
      { key: 'compliance-sweep', name: 'compliance-sweep', every: 24 * 60 * 60_000 },
      { key: 'expire-proposals', name: 'expire-proposals', every: 60_000 },
      { key: 'remind-expiring-proposals', name: 'remind-expiring-proposals', every: 15 * 60_000 },
    ]);
  });

  it('runs the compliance sweep as a maintenance job; a second run warns of nothing new', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    await ctx.newCompanyAdmin(company.id);
    // A VOG whose last valid start day is in 10 days: warned of once.
    const inTenDays = new Date(Date.now() + 10 * 24 * HOUR);
    inTenDays.setUTCMonth(inTenDays.getUTCMonth() - 6);
    await ctx.newTeacher(company.id, {
      vogIssuedOn: inTenDays.toISOString().slice(0, 10),
      availableUntil: null,
    });
    expect(await runJob(queue, 'compliance-sweep')).toEqual({ warned: expect.any(Number) });
    expect(((await runJob(queue, 'compliance-sweep')) as { warned: number }).warned).toBe(0);
    const told = await ctx.db.getRepository(Notification).countBy({ kind: NotificationKind.VogExpiring });
    expect(told).toBeGreaterThan(0);
  });

  it('expires an overdue unanswered proposal with an audit event, frees its request, and changes nothing more when run again', async () => {
    const { school, teacher } = await marketplace();
    const overdueRequest = await ctx.newRequest(school);
    const overdue = await ctx.newProposal(overdueRequest, teacher.teacher, {
      expiresAt: new Date(Date.now() - 60_000),
    });
    const notYetDue = await ctx.newProposal(await ctx.newRequest(school), teacher.teacher, {
      expiresAt: new Date(Date.now() + 2 * HOUR),
    });
    // All three accepted: it waits for the coordinator and never expires.
    const awaitingApproval = await ctx.newProposal(await ctx.newRequest(school), teacher.teacher, {
      status: ProposalStatus.AwaitingApproval,
      companyAnswer: ProposalAnswer.Accepted,
      teacherAnswer: ProposalAnswer.Accepted,
      schoolAnswer: ProposalAnswer.Accepted,
      expiresAt: new Date(Date.now() - 60_000),
    });

    await runJob(queue, 'expire-proposals');
    const expired = await waitFor('the overdue proposal to be expired', async () => {
      const row = await reload(overdue.id);
      return row.status === ProposalStatus.Expired ? row : undefined;
    });

    const expiry = (await eventsOf(overdue.id)).filter(
      (event) => event.action === ProposalEventAction.Expire,
    );
    expect(expiry).toEqual([
      expect.objectContaining({
        fromStatus: ProposalStatus.Proposed,
        toStatus: ProposalStatus.Expired,
        actorUserId: null,
        actorRole: null,
        party: null,
      }),
    ]);
    expect(
      (await ctx.db.getRepository(TeachingRequest).findOneByOrFail({ id: overdueRequest.id })).status,
    ).toBe(TeachingRequestStatus.Open);
    // Expiry itself notifies nobody: the expiring-soon reminder came before it.
    const kinds = (await ctx.db.getRepository(Notification).findBy({ proposalId: overdue.id })).map(
      (row) => row.kind,
    );
    expect(new Set(kinds)).toEqual(new Set([NotificationKind.ProposalNew]));
    expect((await reload(notYetDue.id)).status).toBe(ProposalStatus.Proposed);
    expect((await reload(awaitingApproval.id)).status).toBe(ProposalStatus.AwaitingApproval);

    // A second run finds nothing due and writes nothing.
    const eventCount = (await eventsOf(overdue.id)).length;
    expect(await runJob(queue, 'expire-proposals')).toEqual({ expired: 0 });
    expect(await reload(overdue.id)).toMatchObject({
      status: ProposalStatus.Expired,
      version: expired.version,
    });
    expect(await eventsOf(overdue.id)).toHaveLength(eventCount);
  });

  it('reminds only the parties who have not answered, once, even when the job runs twice, and the email says by when', async () => {
    const { school, companyAdmin, schoolAdmin, teacher } = await marketplace();
    const expiresAt = new Date(Date.now() + 3 * HOUR);
    const expiringSoon = await ctx.newProposal(await ctx.newRequest(school), teacher.teacher, { expiresAt });
    const expiringLater = await ctx.newProposal(await ctx.newRequest(school), teacher.teacher, {
      expiresAt: new Date(Date.now() + 30 * HOUR),
    });
    await ctx.http
      .post(`/api/proposals/${expiringSoon.id}/answer`)
      .set(companyAdmin.auth)
      .send({ decision: 'accept' })
      .expect(200);

    await runJob(queue, 'remind-expiring-proposals');
    // Everyone due was reminded by the first run (or by a scheduled run before it).
    expect(await runJob(queue, 'remind-expiring-proposals')).toEqual({ reminded: 0 });

    const reminders = withTexts(
      ctx.app,
      await ctx.db.getRepository(Notification).find({
        where: { proposalId: In([expiringSoon.id, expiringLater.id]), kind: NotificationKind.ExpiringSoon },
      }),
    );
    expect(reminders.map((row) => [row.proposalId, row.recipientUserId]).sort()).toEqual(
      [
        [expiringSoon.id, teacher.user.id],
        [expiringSoon.id, schoolAdmin.user.id],
      ].sort(),
    );
    const [reminder] = reminders;
    expect(reminder.subject).toBe(
      `Voorstel verloopt bijna: ${(await ctx.db.getRepository(TeachingRequest).findOneByOrFail({ id: expiringSoon.requestId })).title} / Proposal expires soon`,
    );
    expect(reminder.bodyText).toContain(
      `Wat moet u doen: accepteer het voorstel of sla het af vóór ${formatDeadline(expiresAt, 'nl')}.`,
    );
    expect(reminder.bodyText).toContain(
      `What to do: accept or decline the proposal before ${formatDeadline(expiresAt, 'en')}.`,
    );

    // The outbox relay sends the reminder: one email to the school admin.
    const email = await waitFor('the reminder email to reach the school admin', () =>
      smtp.received.find(
        (received) =>
          received.envelopeTo.includes(schoolAdmin.user.email) &&
          received.subject.startsWith('Voorstel verloopt bijna'),
      ),
    );
    expect(email.text).toContain(`vóór ${formatDeadline(expiresAt, 'nl')}`);
    expect(
      smtp.received.filter(
        (received) =>
          received.envelopeTo.includes(companyAdmin.user.email) &&
          received.subject.startsWith('Voorstel verloopt bijna'),
      ),
    ).toHaveLength(0);
  });
});

describeWithRedisServer('proposal job schedulers after Redis restarts empty (e2e)', () => {
  let redis: PrivateRedis;
  let ctx: TestContext;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    ctx = await TestContext.create({ REDIS_URL: redis.url });
    worker = await startWorker(ctx.config, { logger: false });
  });

  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await redis?.stop();
  }, 30_000);

  it('registers them again once the worker has reconnected', async () => {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.maintenance));
    await waitFor(
      'the schedulers to be registered at boot',
      async () => (await schedulesOf(queue)).length === EXPECTED_SCHEDULES.length,
    );

    await redis.stop();
    await redis.start();

    expect(
      await waitFor(
        'the schedulers to be registered again',
        async () => {
          const found = await schedulesOf(queue);
          return found.length === EXPECTED_SCHEDULES.length ? found : undefined;
        },
        60_000,
      ),
    ).toEqual(EXPECTED_SCHEDULES);
  }, 90_000);
});

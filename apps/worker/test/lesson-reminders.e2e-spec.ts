import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ReminderService } from '@hybridmatch/core';
import { Lesson, LessonReminder } from '../../../libs/database/src';
import { FixedClock } from '../../../libs/domain/src';
import { deleteRedisPrefix, jobIds, QUEUES } from '../../../libs/queue/src';
import { mailsTo, waitForMail } from '../../../test/support/mailbox';
import { ALL_ACCEPTED, TERMS } from '../../../test/support/proposal-terms';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { TestContext } from '../../../test/support/test-context';
import { waitFor } from '../../../test/support/wait-for';
import { startWorker } from '../src/main';

const HOUR = 3600_000;
const REMINDER = /^Herinnering: les/;

describe('lesson reminders and digests (e2e, real Redis and SMTP)', () => {
  const clock = new FixedClock('2026-10-01T10:00:00Z');
  let smtp: SmtpTestServer;
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let queue: Queue;
  let reminders: ReminderService;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    ctx = await TestContext.create({ SMTP_URL: smtp.url }, { clock });
    worker = await startWorker(ctx.config, { logger: false, clock });
    queue = worker.get<Queue>(getQueueToken(QUEUES.reminders));
    reminders = worker.get(ReminderService);
  });

  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await smtp?.close();
  });

  /** An approved placement: Tuesdays 09:00–12:00 Amsterdam from 6 October 2026. */
  async function approvedWorld() {
    const world = await ctx.newProposalWorld({ periodStart: '2026-09-01', periodEnd: '2027-07-31' });
    await ctx.db.query(
      `UPDATE proposal SET status = $2, company_answer = 'accepted', teacher_answer = 'accepted', school_answer = 'accepted' WHERE id = $1`,
      [world.proposal.id, ALL_ACCEPTED.status],
    );
    const approval = await ctx.http
      .post(`/api/proposals/${world.proposal.id}/approve`)
      .set(world.coordinator.auth)
      .send({ ...TERMS, startDate: '2026-10-06', endDate: '2027-01-26' })
      .expect(200);
    const lessons = await ctx.db
      .getRepository(Lesson)
      .find({ where: { placementId: approval.body.placement.id as string }, order: { startsAt: 'ASC' } });
    return { ...world, lessons };
  }

  const sentRows = (lessonId: string) =>
    ctx.db.getRepository(LessonReminder).find({ where: { lessonId }, order: { audience: 'ASC' } });

  it('a reminder fires once at its time; after Redis loses its jobs, reconciliation restores them and sends none twice', async () => {
    // 1.5 s before the first lesson's reminder is due (24 h before Tuesday 6 October, 09:00 Amsterdam).
    clock.set(new Date(Date.parse('2026-10-05T07:00:00Z') - 1500));
    const w = await approvedWorld();
    const [first, second, third] = w.lessons;
    const teacherMail = w.teacher.user.email;
    const schoolMail = w.schoolAdmin.user.email;

    const mail = await waitForMail(smtp, teacherMail, REMINDER);
    expect(mail.text).toContain('dinsdag 6 oktober 2026, 09:00–12:00');
    expect(mail.text).toContain('Stationsplein 1');
    await waitForMail(smtp, schoolMail, REMINDER);
    // It waited its delay in Redis: processed no earlier than 1.5 s after it was added.
    const job = await queue.getJob(jobIds.lessonReminder(first.id, 'teacher', 0));
    expect(job!.opts.delay).toBe(1500);
    await waitFor('the job to complete', async () => (await job!.isCompleted()) && true);
    const done = await queue.getJob(jobIds.lessonReminder(first.id, 'teacher', 0));
    expect(done!.processedOn! - done!.timestamp).toBeGreaterThanOrEqual(1500);
    expect((await sentRows(first.id)).map((row) => [row.audience, row.sequence])).toEqual([
      ['school', 0],
      ['teacher', 0],
    ]);
    // The same job again (a retry, a duplicate) sends nothing: the database says it went out.
    await expect(reminders.send({ lessonId: first.id, audience: 'teacher', sequence: 0 })).resolves.toBe(
      'already_sent',
    );
    // The second lesson's reminders wait a week ahead.
    expect(await queue.getJobState(jobIds.lessonReminder(second.id, 'teacher', 0))).toBe('delayed');

    // Redis loses everything under this test's prefix.
    await deleteRedisPrefix(ctx.config.redis.url, ctx.config.redis.queuePrefix);
    expect(await queue.getJobState(jobIds.lessonReminder(second.id, 'teacher', 0))).toBe('unknown');

    // A second before the second lesson's reminders are due, the reconciliation job runs.
    clock.set(new Date(second.startsAt.getTime() - 24 * HOUR - 1000));
    await ctx.http
      .post(`/api/lessons/${third.id}/cancel`)
      .set(w.schoolAdmin.auth)
      .send({ reason: 'Excursie' })
      .expect(200);
    const result = await reminders.reconcile();
    expect(result.wanted).toBe(2); // the second lesson, teacher and school; never the first (sent) or the third (cancelled)
    expect(await queue.getJobState(jobIds.lessonReminder(second.id, 'school', 0))).toBe('delayed');
    expect(await queue.getJobState(jobIds.lessonReminder(first.id, 'teacher', 0))).toBe('unknown');

    await waitForMail(smtp, teacherMail, REMINDER, 2);
    await waitForMail(smtp, schoolMail, REMINDER, 2);
    await waitFor('the second reminders recorded', async () => (await sentRows(second.id)).length === 2);
    // Running the reconciliation again finds nothing missing; nobody got anything twice.
    expect((await reminders.reconcile()).wanted).toBe(0);
    expect(mailsTo(smtp, teacherMail).filter((email) => REMINDER.test(email.subject))).toHaveLength(2);
    expect(mailsTo(smtp, schoolMail).filter((email) => REMINDER.test(email.subject))).toHaveLength(2);
    // A cancelled lesson is never reminded, even by a job that was already queued for it.
    await expect(reminders.send({ lessonId: third.id, audience: 'teacher', sequence: 0 })).resolves.toBe(
      'stale',
    );
    expect(await sentRows(third.id)).toEqual([]);
  }, 180_000);

  it('a moved lesson is reminded at its new time only; an organisation’s own lead time applies', async () => {
    clock.set('2026-10-01T10:00:00Z');
    const w = await approvedWorld();
    const [, lesson] = w.lessons;
    // The school wants its reminder 3 hours ahead (set on Monday 5 October, a week before the lesson).
    clock.set('2026-10-05T10:00:00Z');
    await ctx.http
      .put(`/api/organisations/${w.school.id}/reminder-settings`)
      .set(w.schoolAdmin.auth)
      .send({ leadMinutes: 180 })
      .expect(200);
    await waitFor('the school reminder at 3 h', async () => {
      const job = await queue.getJob(jobIds.lessonReminder(lesson.id, 'school', 1));
      return job?.opts.delay === lesson.startsAt.getTime() - 3 * HOUR - clock.now().getTime();
    });
    // The second lesson (13 October) moved to Wednesday 7 October 13:00: the teacher is reminded
    // 24 h before the new time, 1.5 s from "now".
    clock.set(new Date(Date.parse('2026-10-06T11:00:00Z') - 1500));
    await ctx.http
      .post(`/api/lessons/${lesson.id}/move`)
      .set(w.schoolAdmin.auth)
      .send({ date: '2026-10-07', startTime: '13:00', endTime: '16:00' })
      .expect(200);
    const mail = await waitForMail(smtp, w.teacher.user.email, /^Herinnering: les woensdag 7 oktober 2026/);
    expect(mail.text).toContain('woensdag 7 oktober 2026, 13:00–16:00');
    expect(await queue.getJobState(jobIds.lessonReminder(lesson.id, 'teacher', 1))).toBe('unknown');
    expect((await sentRows(lesson.id)).map((row) => [row.audience, row.sequence])).toEqual([['teacher', 2]]);
  }, 180_000);

  it('Sunday evening digest for teachers, daily digest for coordinators, companies reminded of answers they owe', async () => {
    clock.set('2026-10-01T10:00:00Z');
    const w = await approvedWorld();
    const waiting = await ctx.newProposalWorld({ periodStart: '2026-09-01', periodEnd: '2027-07-31' });
    await ctx.db.query(
      `UPDATE proposal SET status = 'awaiting_approval', company_answer = 'accepted', teacher_answer = 'accepted', school_answer = 'accepted' WHERE id = $1`,
      [waiting.proposal.id],
    );
    const owing = await ctx.newProposalWorld({ periodStart: '2026-09-01', periodEnd: '2027-07-31' });

    clock.set('2026-10-04T16:00:00Z'); // Sunday 18:00 in Amsterdam
    await queue.add('weekly-digest', {});
    const digest = await waitForMail(smtp, w.teacher.user.email, /^Uw lessen in de week van 2026-10-05: 1$/);
    expect(digest.text).toContain('dinsdag 6 oktober 2026, 09:00–12:00');

    await queue.add('coordinator-digest', {});
    const queueMail = await waitForMail(smtp, waiting.coordinator.user.email, /^Wat er op u wacht/);
    expect(queueMail.text).toContain('1 voorstellen wachten op uw goedkeuring');

    await queue.add('answers-owed', {});
    const owed = await waitForMail(smtp, owing.companyAdmin.user.email, /wachten op uw antwoord$/);
    expect(owed.text).toContain(owing.request.title);
    // Once per period: running the digests again writes nothing new.
    await queue.add('weekly-digest', {});
    await queue.add('answers-owed', {});
    const again = await queue.add('coordinator-digest', {});
    await waitFor('the repeated digest to complete', async () => (await again.isCompleted()) && true);
    expect(mailsTo(smtp, w.teacher.user.email).filter((m) => /^Uw lessen/.test(m.subject))).toHaveLength(1);
    expect(
      mailsTo(smtp, owing.companyAdmin.user.email).filter((m) => /antwoord$/.test(m.subject)),
    ).toHaveLength(1);
  }, 180_000);
});

import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { LessonService } from '@hybridmatch/core';
import { Lesson, Notification, NotificationKind, SupervisorCheckIn } from '../../../libs/database/src';
import { FixedClock, LessonStatus, TeachingRequestStatus } from '../../../libs/domain/src';
import { jobIds, QUEUES } from '../../../libs/queue/src';
import { ALL_ACCEPTED, TERMS } from '../../../test/support/proposal-terms';
import { TestContext } from '../../../test/support/test-context';
import { waitFor } from '../../../test/support/wait-for';

const HOUR = 3600_000;

/** Tuesdays from 6 October 2026 to 13 April 2027 that are no school holiday in regio midden. */
function expectedTuesdays(): string[] {
  const holidays: Array<[string, string]> = [
    ['2026-10-17', '2026-10-25'], // herfstvakantie midden
    ['2026-12-19', '2027-01-03'], // kerstvakantie
    ['2027-02-20', '2027-02-28'], // voorjaarsvakantie midden
  ];
  const dates: string[] = [];
  for (
    let day = DateTime.fromISO('2026-10-06');
    day <= DateTime.fromISO('2027-04-13');
    day = day.plus({ weeks: 1 })
  ) {
    const date = day.toISODate() as string;
    if (!holidays.some(([from, to]) => date >= from && date <= to)) dates.push(date);
  }
  return dates;
}

describe('lessons (e2e)', () => {
  const clock = new FixedClock('2026-10-01T10:00:00Z');
  let ctx: TestContext;
  let queue: Queue;

  beforeAll(async () => {
    ctx = await TestContext.create({}, { clock });
    queue = ctx.app.get<Queue>(getQueueToken(QUEUES.reminders));
  });

  afterAll(async () => {
    await ctx?.close();
  });

  /** A proposal all parties accepted, approved by the coordinator for 6 Oct 2026 – 13 Apr 2027 (Tuesdays 09:00–12:00). */
  async function approvedWorld(at = '2026-10-01T10:00:00Z') {
    clock.set(at);
    const world = await ctx.newProposalWorld({ periodStart: '2026-09-01', periodEnd: '2027-07-31' });
    await ctx.db.query(
      `UPDATE proposal SET status = $2, company_answer = 'accepted', teacher_answer = 'accepted', school_answer = 'accepted' WHERE id = $1`,
      [world.proposal.id, ALL_ACCEPTED.status],
    );
    const approval = await ctx.http
      .post(`/api/proposals/${world.proposal.id}/approve`)
      .set(world.coordinator.auth)
      .send({ ...TERMS, startDate: '2026-10-06', endDate: '2027-04-13' })
      .expect(200);
    const placementId = approval.body.placement.id as string;
    const lessons = await ctx.db
      .getRepository(Lesson)
      .find({ where: { placementId }, order: { startsAt: 'ASC' } });
    return { ...world, placementId, lessons };
  }

  const lessonOf = (id: string) => ctx.db.getRepository(Lesson).findOneByOrFail({ id });
  const jobState = (id: string) => queue.getJobState(id);

  it('approving makes a lesson on every Tuesday of the period at 09:00 Amsterdam time, across both DST changes, skipping holidays', async () => {
    const w = await approvedWorld();
    const expected = expectedTuesdays();
    expect(w.lessons.map((lesson) => lesson.date)).toEqual(expected);
    // Stored as instants: 07:00Z in summer time (CEST), 08:00Z in winter time (CET).
    const utc = (lesson: Lesson) => lesson.startsAt.toISOString().slice(11, 16);
    const byDate = new Map(w.lessons.map((lesson) => [lesson.date, lesson]));
    expect(utc(byDate.get('2026-10-13')!)).toBe('07:00'); // before 25 October: summer time
    expect(utc(byDate.get('2026-10-27')!)).toBe('08:00'); // after: winter time
    expect(utc(byDate.get('2027-03-23')!)).toBe('08:00'); // before 28 March
    expect(utc(byDate.get('2027-03-30')!)).toBe('07:00'); // after: summer time again
    for (const lesson of w.lessons) {
      const local = DateTime.fromJSDate(lesson.startsAt, { zone: 'Europe/Amsterdam' });
      expect([local.weekday, local.toFormat('HH:mm'), local.toISODate()]).toEqual([2, '09:00', lesson.date]);
      expect(lesson.endsAt.getTime() - lesson.startsAt.getTime()).toBe(3 * HOUR);
    }
    expect(byDate.has('2026-10-20')).toBe(false); // herfstvakantie
    expect(byDate.has('2026-12-22')).toBe(false); // kerstvakantie
    expect(byDate.has('2027-02-23')).toBe(false); // voorjaarsvakantie

    // The teacher sees them through the API, in the same order; another school sees none of them.
    const mine = await ctx.http.get('/api/lessons').query({ pageSize: 200 }).set(w.teacher.auth).expect(200);
    expect(mine.body.items.map((lesson: { date: string }) => lesson.date)).toEqual(expected);
    const otherSchool = await ctx.newSchool(w.region.id);
    const stranger = await ctx.newSchoolAdmin(otherSchool.id);
    expect((await ctx.http.get('/api/lessons').set(stranger.auth).expect(200)).body.total).toBe(0);
    await ctx.http.get(`/api/lessons/${w.lessons[0].id}`).set(stranger.auth).expect(404);

    // Supervisor check-ins every six weeks of the placement (DOMAIN rule 11).
    const checkIns = await ctx.db
      .getRepository(SupervisorCheckIn)
      .find({ where: { placementId: w.placementId }, order: { dueDate: 'ASC' } });
    expect(checkIns.map((checkIn) => checkIn.dueDate)).toEqual([
      '2026-11-17',
      '2026-12-29',
      '2027-02-09',
      '2027-03-23',
    ]);
    // Within the 8-day horizon: the first lesson's reminders wait in Redis as delayed jobs.
    const first = w.lessons[0];
    await waitFor(
      'the first lesson’s reminders',
      async () =>
        (await jobState(jobIds.lessonReminder(first.id, 'teacher', 0))) === 'delayed' &&
        (await jobState(jobIds.lessonReminder(first.id, 'school', 0))) === 'delayed',
    );
    const job = await queue.getJob(jobIds.lessonReminder(first.id, 'teacher', 0));
    expect(job!.opts.delay).toBe(first.startsAt.getTime() - 24 * HOUR - clock.now().getTime());
    expect(await jobState(jobIds.lessonReminder(w.lessons[1].id, 'teacher', 0))).toBe('unknown');
  });

  it("every lesson read names its teacher, company, school and request and gives the lesson's address (no lookup per school)", async () => {
    const w = await approvedWorld();
    const expected = {
      names: {
        teacherName: `${w.teacher.teacher.firstName} ${w.teacher.teacher.lastName}`,
        companyName: w.company.name,
        schoolName: w.school.name,
        requestTitle: w.request.title,
      },
      address: {
        locationName: 'Hoofdlocatie',
        street: 'Stationsplein 1',
        postalCode: '3511 ED',
        city: 'Utrecht',
      },
    };
    // The whole list (every lesson of the placement) carries them; one lesson and a change's answer too.
    for (const party of [w.teacher, w.schoolAdmin, w.companyAdmin, w.coordinator]) {
      const page = await ctx.http.get('/api/lessons').query({ pageSize: 200 }).set(party.auth).expect(200);
      expect(page.body.items).toHaveLength(w.lessons.length);
      for (const item of page.body.items) expect(item).toMatchObject(expected);
    }
    const one = await ctx.http.get(`/api/lessons/${w.lessons[0].id}`).set(w.teacher.auth).expect(200);
    expect(one.body).toMatchObject(expected);
    const cancelled = await ctx.http
      .post(`/api/lessons/${w.lessons[1].id}/cancel`)
      .set(w.schoolAdmin.auth)
      .send({ reason: 'Examenweek' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ ...expected, status: LessonStatus.Cancelled });
  });

  it('the database refuses two overlapping lessons of one teacher; a move onto another lesson is a 409', async () => {
    const w = await approvedWorld();
    const [first, second] = w.lessons;
    await expect(
      ctx.db.query(
        `INSERT INTO lesson (placement_id, lesson_block_id, teacher_id, school_id, company_id, region_id, date, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, '2026-10-07', $7, $8)`,
        [
          w.placementId,
          first.lessonBlockId,
          first.teacherId,
          first.schoolId,
          first.companyId,
          first.regionId,
          new Date(first.startsAt.getTime() + HOUR),
          new Date(first.endsAt.getTime() + HOUR),
        ],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23P01', constraint: 'ex_lesson_teacher_no_overlap' } });

    const moved = await ctx.http
      .post(`/api/lessons/${first.id}/move`)
      .set(w.schoolAdmin.auth)
      .send({ date: second.date, startTime: '10:00', endTime: '11:00' })
      .expect(409);
    expect(moved.body).toMatchObject({
      code: 'LESSON_OVERLAP',
      detailNl:
        'De docent heeft op dat moment al een andere les; kies een andere tijd of vraag het de coördinator.',
    });
    expect((await lessonOf(first.id)).startsAt).toEqual(first.startsAt);
  });

  it('moving a lesson moves its reminders; cancelling removes them; late cancellations are recorded', async () => {
    const w = await approvedWorld();
    const [first, second] = w.lessons;
    await waitFor(
      'the first reminder',
      async () => (await jobState(jobIds.lessonReminder(first.id, 'teacher', 0))) === 'delayed',
    );

    const moved = await ctx.http
      .post(`/api/lessons/${first.id}/move`)
      .set(w.schoolAdmin.auth)
      .send({ date: '2026-10-07', startTime: '13:00', endTime: '16:00', reason: 'Lokaal bezet' })
      .expect(200);
    expect(moved.body).toMatchObject({
      startsAt: '2026-10-07T11:00:00.000Z',
      endsAt: '2026-10-07T14:00:00.000Z',
      sequence: 1,
    });
    await waitFor(
      'the reminder at the new time',
      async () =>
        (await jobState(jobIds.lessonReminder(first.id, 'teacher', 0))) === 'unknown' &&
        (await jobState(jobIds.lessonReminder(first.id, 'teacher', 1))) === 'delayed',
    );
    const job = await queue.getJob(jobIds.lessonReminder(first.id, 'school', 1));
    expect(job!.opts.delay).toBe(Date.parse('2026-10-06T11:00:00Z') - clock.now().getTime());
    const movedNotices = await ctx.db
      .getRepository(Notification)
      .findBy({ lessonId: first.id, kind: NotificationKind.LessonMoved });
    expect(movedNotices.map((n) => n.recipientUserId).sort()).toEqual(
      [w.teacher.user.id, w.companyAdmin.user.id].sort(), // the school admin moved it themself
    );

    // A teacher cannot cancel (they report sick); the school cancels more than 24 h ahead: not late.
    await ctx.http
      .post(`/api/lessons/${first.id}/cancel`)
      .set(w.teacher.auth)
      .send({ reason: 'Geen zin' })
      .expect(403);
    const cancelled = await ctx.http
      .post(`/api/lessons/${first.id}/cancel`)
      .set(w.schoolAdmin.auth)
      .send({ reason: 'Examenweek' })
      .expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancellationKind: 'school',
      lateCancellation: false,
      sequence: 2,
    });
    await waitFor(
      'the cancelled lesson’s reminders gone',
      async () =>
        (await jobState(jobIds.lessonReminder(first.id, 'teacher', 1))) === 'unknown' &&
        (await jobState(jobIds.lessonReminder(first.id, 'school', 1))) === 'unknown',
    );
    const again = await ctx.http
      .post(`/api/lessons/${first.id}/cancel`)
      .set(w.schoolAdmin.auth)
      .send({ reason: 'Nogmaals' })
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      detail: 'This lesson was cancelled; it can no longer be cancelled.',
      detailNl: 'Deze les is geannuleerd; hij kan niet meer worden geannuleerd.',
    });
    const movedAfter = await ctx.http
      .post(`/api/lessons/${first.id}/move`)
      .set(w.schoolAdmin.auth)
      .send({ date: '2026-10-08', startTime: '13:00', endTime: '16:00' })
      .expect(409);
    expect(movedAfter.body.detailNl).toBe('Deze les is geannuleerd; hij kan niet meer worden verplaatst.');

    // The company cancels for its teacher 19 hours before the start: recorded as late.
    clock.set(new Date(second.startsAt.getTime() - 19 * HOUR));
    const late = await ctx.http
      .post(`/api/lessons/${second.id}/cancel`)
      .set(w.companyAdmin.auth)
      .send({ reason: 'Storing bij klant' })
      .expect(200);
    expect(late.body).toMatchObject({ cancellationKind: 'company', lateCancellation: true });
    const lateList = await ctx.http
      .get('/api/lessons')
      .query({ lateCancellation: true })
      .set(w.coordinator.auth)
      .expect(200);
    expect(lateList.body.items.map((lesson: { id: string }) => lesson.id)).toEqual([second.id]);
  });

  it('a teacher reports sick: the lesson is off and both employers are told', async () => {
    const w = await approvedWorld();
    const lesson = w.lessons[2];
    const sick = await ctx.http
      .post(`/api/lessons/${lesson.id}/sick`)
      .set(w.teacher.auth)
      .send({ note: 'Griep' })
      .expect(200);
    expect(sick.body).toMatchObject({ status: 'cancelled', cancellationKind: 'sick' });
    const notices = await ctx.db
      .getRepository(Notification)
      .findBy({ lessonId: lesson.id, kind: NotificationKind.TeacherSick });
    expect(notices.map((n) => n.recipientUserId).sort()).toEqual(
      [w.companyAdmin.user.id, w.schoolAdmin.user.id].sort(),
    );
    expect(notices[0].bodyText).toContain('ziek gemeld');
    await ctx.http.post(`/api/lessons/${lesson.id}/sick`).set(w.schoolAdmin.auth).send({}).expect(403);
  });

  it('given or not given once started; feedback by teacher and school, read by both and the coordinator, by no one else', async () => {
    const w = await approvedWorld();
    const [first, second] = w.lessons;
    const early = await ctx.http
      .post(`/api/lessons/${first.id}/outcome`)
      .set(w.schoolAdmin.auth)
      .send({ given: true })
      .expect(409);
    expect(early.body.detailNl).toBe('Pas als de les begonnen is, kan worden vastgelegd of hij gegeven is.');
    clock.set(new Date(second.endsAt.getTime() + HOUR));
    await ctx.http
      .post(`/api/lessons/${first.id}/outcome`)
      .set(w.schoolAdmin.auth)
      .send({ given: true })
      .expect(200);
    const noShow = await ctx.http
      .post(`/api/lessons/${second.id}/outcome`)
      .set(w.schoolAdmin.auth)
      .send({ given: false })
      .expect(200);
    expect(noShow.body.status).toBe('not_given');
    const twice = await ctx.http
      .post(`/api/lessons/${second.id}/outcome`)
      .set(w.schoolAdmin.auth)
      .send({ given: true })
      .expect(409);
    expect(twice.body.detailNl).toBe(
      'Deze les is al als niet gegeven vastgelegd; er kan niet meer worden vastgelegd of hij gegeven is.',
    );

    await ctx.http
      .post(`/api/lessons/${first.id}/feedback`)
      .set(w.teacher.auth)
      .send({ rating: 5, comment: 'Leuke groep, goede voorbereiding door de school.' })
      .expect(201);
    await ctx.http
      .post(`/api/lessons/${first.id}/feedback`)
      .set(w.schoolAdmin.auth)
      .send({ rating: 4, comment: 'Studenten waren enthousiast.' })
      .expect(201);
    const again = await ctx.http
      .post(`/api/lessons/${first.id}/feedback`)
      .set(w.teacher.auth)
      .send({ rating: 1, comment: 'Nog een keer' })
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'FEEDBACK_ALREADY_GIVEN',
      detail: 'The teacher already gave feedback on this lesson.',
      detailNl: 'U heeft al feedback op deze les gegeven; dat kan één keer per les.',
    });
    await ctx.http
      .post(`/api/lessons/${first.id}/feedback`)
      .set(w.teacher.auth)
      .send({ rating: 9, comment: 'x' })
      .expect(400);

    // The coordinator, the placement's school and its teacher read both (what each gave and got).
    for (const reader of [w.coordinator, w.schoolAdmin, w.teacher]) {
      const feedback = await ctx.http
        .get(`/api/placements/${w.placementId}/feedback`)
        .set(reader.auth)
        .expect(200);
      expect(
        feedback.body.map((f: { party: string; rating: number; comment: string }) => [
          f.party,
          f.rating,
          f.comment,
        ]),
      ).toEqual([
        ['school', 4, 'Studenten waren enthousiast.'],
        ['teacher', 5, 'Leuke groep, goede voorbereiding door de school.'],
      ]);
    }
    // The company may see the placement but not the feedback; another school or teacher not even the placement.
    const company = await ctx.http
      .get(`/api/placements/${w.placementId}/feedback`)
      .set(w.companyAdmin.auth)
      .expect(403);
    expect(company.body.code).toBe('FORBIDDEN');
    const otherSchoolAdmin = await ctx.newSchoolAdmin((await ctx.newSchool(w.region.id)).id);
    const otherTeacher = await ctx.newTeacherUser(w.company.id);
    for (const stranger of [otherSchoolAdmin, otherTeacher])
      await ctx.http.get(`/api/placements/${w.placementId}/feedback`).set(stranger.auth).expect(404);

    const checkIns = await ctx.http
      .get(`/api/placements/${w.placementId}/check-ins`)
      .set(w.schoolAdmin.auth)
      .expect(200);
    const done = await ctx.http
      .post(`/api/placements/${w.placementId}/check-ins/${checkIns.body[0].id}/complete`)
      .set(w.schoolAdmin.auth)
      .send({ notes: 'Gaat goed' })
      .expect(200);
    expect(done.body).toMatchObject({ notes: 'Gaat goed', completedAt: clock.now().toISOString() });
    const doneAgain = await ctx.http
      .post(`/api/placements/${w.placementId}/check-ins/${checkIns.body[0].id}/complete`)
      .set(w.schoolAdmin.auth)
      .send({ notes: 'Nog eens' })
      .expect(409);
    expect(doneAgain.body.detailNl).toBe('Dit begeleidingsgesprek is al vastgelegd.');
  });

  it('ending a placement early cancels its later lessons; cancelling the placement cancels the rest', async () => {
    const w = await approvedWorld();
    const ended = await ctx.http
      .post(`/api/placements/${w.placementId}/end`)
      .set(w.coordinator.auth)
      .send({ endDate: '2026-12-18', reason: 'Project bij het bedrijf' })
      .expect(200);
    const after = w.lessons.filter((lesson) => lesson.date > '2026-12-18');
    expect(ended.body.cancelledLessons).toBe(after.length);
    const rows = await ctx.db
      .getRepository(Lesson)
      .find({ where: { placementId: w.placementId }, order: { startsAt: 'ASC' } });
    expect(rows.filter((row) => row.status === LessonStatus.Scheduled).map((row) => row.date)).toEqual(
      w.lessons.filter((lesson) => lesson.date <= '2026-12-18').map((lesson) => lesson.date),
    );
    expect(rows.find((row) => row.date > '2026-12-18')).toMatchObject({
      cancellationKind: 'placement_changed',
    });

    await ctx.http
      .post(`/api/proposals/${w.proposal.id}/cancel`)
      .set(w.coordinator.auth)
      .send({ reason: 'De docent stopt' })
      .expect(200);
    const left = await ctx.db
      .getRepository(Lesson)
      .countBy({ placementId: w.placementId, status: LessonStatus.Scheduled });
    expect(left).toBe(0);
    const endedAgain = await ctx.http
      .post(`/api/placements/${w.placementId}/end`)
      .set(w.coordinator.auth)
      .send({ endDate: '2026-12-11', reason: 'Nogmaals' })
      .expect(409);
    expect(endedAgain.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      detailNl: 'Deze plaatsing is geannuleerd; ze kan niet meer eerder worden beëindigd.',
    });
    const request = await ctx.db.query(`SELECT status FROM teaching_request WHERE id = $1`, [w.request.id]);
    expect(request[0].status).toBe(TeachingRequestStatus.Open);
  });

  it('makes the lessons of many placements at once (set-based) exactly as their approvals made them', async () => {
    const worlds = [await approvedWorld(), await approvedWorld()];
    const ids = worlds.map((w) => w.placementId);
    const rowsOf = async () =>
      (
        await ctx.db.getRepository(Lesson).find({
          where: ids.map((placementId) => ({ placementId })),
          order: { placementId: 'ASC', startsAt: 'ASC' },
        })
      ).map((lesson) => [
        lesson.placementId,
        lesson.lessonBlockId,
        lesson.date,
        lesson.startsAt,
        lesson.endsAt,
      ]);
    const checkInsOf = async () =>
      (
        await ctx.db.getRepository(SupervisorCheckIn).find({
          where: ids.map((placementId) => ({ placementId })),
          order: { placementId: 'ASC', dueDate: 'ASC' },
        })
      ).map((checkIn) => [checkIn.placementId, checkIn.dueDate]);
    const approved = { lessons: await rowsOf(), checkIns: await checkInsOf() };
    expect(approved.lessons).toHaveLength(worlds[0].lessons.length + worlds[1].lessons.length);

    await ctx.db.query(`DELETE FROM lesson WHERE placement_id = ANY($1)`, [ids]);
    await ctx.db.query(`DELETE FROM supervisor_check_in WHERE placement_id = ANY($1)`, [ids]);
    const result = await ctx.db.transaction((manager) =>
      ctx.app.get(LessonService).generateForPlacements([...ids, randomUUID()], manager),
    );
    expect(result).toEqual({ placements: 2, made: approved.lessons.length });
    expect(await rowsOf()).toEqual(approved.lessons);
    expect(await checkInsOf()).toEqual(approved.checkIns);
    // Once more: nothing is missing, nothing is made twice.
    await expect(
      ctx.db.transaction((manager) => ctx.app.get(LessonService).generateForPlacements(ids, manager)),
    ).resolves.toEqual({ placements: 2, made: 0 });
  });
});

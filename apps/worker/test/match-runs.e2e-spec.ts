import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ProposalService } from '@hybridmatch/core';
import {
  MatchRun,
  MatchRunStatus,
  MatchRunTrigger,
  type MatchRunUnfilledCompact,
  Notification,
  NotificationKind,
  Organisation,
  Placement,
  Proposal,
  TeachingRequest,
} from '../../../libs/database/src';
import { EducationLevel, TeachingRequestStatus } from '../../../libs/domain/src';
import { jobIds, QUEUES } from '../../../libs/queue/src';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { startWorker } from '../src/main';
import { SmtpTestServer } from '../../../test/support/smtp-test-server';
import { waitFor } from '../../../test/support/wait-for';
import { ALL_ACCEPTED, BEFORE_TERM } from '../../../test/support/proposal-terms';

/** Amersfoort: about 20 km from the test schools in Utrecht, so a teacher living there scores lower on travel. */
const FARTHER_AWAY = { homeCity: 'Amersfoort', homeLatitude: 52.156, homeLongitude: 5.387 };
const TERMS = {
  hourlyRateCents: 9500,
  startDate: '2026-11-03',
  endDate: '2027-01-29',
  supervisorName: 'Marieke de Vries',
  supervisorEmail: 'm.devries@roc.example.nl',
};

describe('match runs: API → BullMQ → worker → proposals → answers → approval → email (e2e)', () => {
  let smtp: SmtpTestServer;
  let ctx: TestContext;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    ctx = await TestContext.create({
      HM_NOW: BEFORE_TERM,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'HybridMatch <noreply@hybridmatch.test>',
    });
    worker = await startWorker(ctx.config, { logger: false });
  });

  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await smtp?.close();
  });

  /** Starts a run over HTTP (202) and waits until the worker has finished it. */
  async function runMatching(coordinator: TestUser, regionId: string) {
    const started = await ctx.http
      .post('/api/match-runs')
      .set(coordinator.auth)
      .send({ regionId })
      .expect(202);
    expect(started.body).toMatchObject({
      regionId,
      status: 'queued',
      trigger: 'manual',
      requestedByUserId: coordinator.user.id,
    });
    return waitFor(`match run ${started.body.id} to finish`, async () => {
      const { body } = await ctx.http
        .get(`/api/match-runs/${started.body.id}`)
        .set(coordinator.auth)
        .expect(200);
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    });
  }

  const proposalsOf = (requestId: string) =>
    ctx.db.getRepository(Proposal).find({ where: { requestId }, order: { createdAt: 'ASC' } });

  /** Every email to `address` whose subject starts with `subject`. */
  const emailsTo = (address: string, subject: string) =>
    smtp.received.filter((email) => email.envelopeTo.includes(address) && email.subject.startsWith(subject));

  const waitForEmail = (address: string, subject: string) =>
    waitFor(`an email "${subject}…" to ${address}`, () =>
      emailsTo(address, subject).length > 0 ? emailsTo(address, subject) : undefined,
    );

  /** A region with one school (request of one block, Tuesday 09:00–12:00) and two teachers of two companies: one near, one farther away. */
  async function regionWithTwoCandidates() {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const request = await ctx.newRequest(school);
    const [nearCompany, farCompany] = [await ctx.newCompany(region.id), await ctx.newCompany(region.id)];
    const near = await ctx.newTeacherUser(nearCompany.id);
    const far = await ctx.newTeacherUser(farCompany.id);
    await ctx.db.query(
      `UPDATE teacher_profile SET home_city = $2, home_latitude = $3, home_longitude = $4 WHERE id = $1`,
      [far.teacher.id, FARTHER_AWAY.homeCity, FARTHER_AWAY.homeLatitude, FARTHER_AWAY.homeLongitude],
    );
    return {
      region,
      coordinator,
      school,
      schoolAdmin,
      request,
      near,
      far,
      nearAdmin: await ctx.newCompanyAdmin(nearCompany.id),
    };
  }

  it('runs matching for a region, and the parties, the coordinator and the emails take it to a placement', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const outsider = await ctx.newCoordinator((await ctx.newRegion()).id);
    const schools: Organisation[] = [await ctx.newSchool(region.id), await ctx.newSchool(region.id)];
    const schoolAdmins = [await ctx.newSchoolAdmin(schools[0].id), await ctx.newSchoolAdmin(schools[1].id)];
    const requests: TeachingRequest[] = [await ctx.newRequest(schools[0]), await ctx.newRequest(schools[1])];
    const companies = [
      await ctx.newCompany(region.id),
      await ctx.newCompany(region.id),
      await ctx.newCompany(region.id),
    ];
    const companyAdmins = await Promise.all(companies.map((company) => ctx.newCompanyAdmin(company.id)));
    const teachers = await Promise.all(companies.map((company) => ctx.newTeacherUser(company.id)));

    const run = await runMatching(coordinator, region.id);

    expect(run.status).toBe('succeeded');
    expect(run.result).toMatchObject({
      requestsConsidered: 2,
      teachersConsidered: 3,
      blocksConsidered: 2,
      blocksFilled: 2,
      requestsFilled: 2,
      minutesPerWeek: 360,
      fillRate: 1,
      proposalsCreated: 2,
      proof: { proven: true, gap: 0, method: 'flow', mipStatus: null },
    });
    expect(run.result.proof.upperBound).toBe(run.result.proof.score);
    expect(run.timings).toMatchObject({
      loadMs: expect.any(Number),
      storeMs: expect.any(Number),
      engine: expect.objectContaining({ totalMs: expect.any(Number) }),
    });
    expect(run.startedAt).toEqual(expect.any(String));
    expect(run.finishedAt).toEqual(expect.any(String));

    // Two proposals, one per request, each with its explanation: the score's parts and the next best teacher.
    const proposals = (
      await ctx.http.get('/api/proposals').query({ regionId: region.id }).set(coordinator.auth).expect(200)
    ).body.items;
    expect(proposals).toHaveLength(2);
    expect(new Set(proposals.map((proposal: Proposal) => proposal.requestId))).toEqual(
      new Set(requests.map((request) => request.id)),
    );
    expect(new Set(proposals.map((proposal: Proposal) => proposal.teacherId)).size).toBe(2);
    for (const proposal of proposals) {
      expect(proposal).toMatchObject({ matchRunId: run.id, status: 'proposed', minutesPerWeek: 180 });
      const { components, nextBest, alternatives } = proposal.explanation;
      expect(Object.keys(components).sort()).toEqual([
        'continuity',
        'coverage',
        'fairness',
        'fill',
        'preference',
        'skill',
        'travel',
      ]);
      expect(
        Object.values(components as Record<string, number>).reduce((sum, points) => sum + points, 0),
      ).toBe(proposal.score);
      expect(teachers.map((teacher) => teacher.teacher.id)).toContain(nextBest.teacherId);
      expect(nextBest.teacherId).not.toBe(proposal.teacherId);
      expect(alternatives).toHaveLength(1);
    }
    // A coordinator of another region sees neither the run nor its proposals.
    await ctx.http.get(`/api/match-runs/${run.id}`).set(outsider.auth).expect(404);

    // The first request's proposal: the company, the teacher and the school accept; the coordinator approves.
    const proposal = proposals.find((candidate: Proposal) => candidate.requestId === requests[0].id);
    const teacher = teachers.find((candidate) => candidate.teacher.id === proposal.teacherId)!;
    const companyAdmin = companyAdmins[teachers.indexOf(teacher)];
    for (const party of [companyAdmin, teacher, schoolAdmins[0]]) {
      await ctx.http
        .post(`/api/proposals/${proposal.id}/answer`)
        .set(party.auth)
        .send({ decision: 'accept' })
        .expect(200);
    }
    const approval = await ctx.http
      .post(`/api/proposals/${proposal.id}/approve`)
      .set(coordinator.auth)
      .send(TERMS)
      .expect(200);
    expect(approval.body.proposal.status).toBe('approved');
    const placements = await ctx.db.getRepository(Placement).findBy({ proposalId: proposal.id });
    expect(placements).toEqual([
      expect.objectContaining({
        teacherId: teacher.teacher.id,
        requestId: requests[0].id,
        status: 'active',
        hourlyRateCents: 9500,
      }),
    ]);
    expect((await ctx.db.getRepository(TeachingRequest).findOneByOrFail({ id: requests[0].id })).status).toBe(
      TeachingRequestStatus.Filled,
    );

    // The emails: the new proposal to its three parties, "all accepted" to the coordinator, the approval to the parties.
    const title = requests[0].title;
    for (const party of [companyAdmin, teacher, schoolAdmins[0]]) {
      const [created] = await waitForEmail(party.user.email, `Nieuw voorstel: ${title}`);
      expect(created.subject).toBe(`Nieuw voorstel: ${title} / New proposal`);
      expect(created.text).toContain(
        `Er is een nieuw voorstel: ${teacher.teacher.firstName} ${teacher.teacher.lastName}`,
      );
      expect(created.text).toContain('Wat moet u doen: accepteer het voorstel of sla het af vóór');
      expect(created.text).toContain('--- English ---');
      expect(created.text).toContain('What to do: accept or decline the proposal before');
      expect(created.text).toContain(`/proposals/${proposal.id}`);
      const [approved] = await waitForEmail(party.user.email, `Plaatsing goedgekeurd: ${title}`);
      expect(approved.text).toContain('werkplekbegeleider: Marieke de Vries');
      expect(approved.text).toContain('The coordinator approved the proposal');
    }
    const [allAccepted] = await waitForEmail(coordinator.user.email, `Klaar voor goedkeuring: ${title}`);
    expect(allAccepted.subject).toBe(`Klaar voor goedkeuring: ${title} / Ready for approval`);
    expect(allAccepted.text).toContain('What to do: approve it');
    // Nobody outside the proposal heard of it.
    expect(emailsTo(schoolAdmins[1].user.email, `Nieuw voorstel: ${title}`)).toEqual([]);
    expect(smtp.received.filter((email) => email.envelopeTo.includes(outsider.user.email))).toEqual([]);
    expect(emailsTo(coordinator.user.email, 'Nieuw voorstel')).toEqual([]);
  });

  it('after a decline, offers the request to the next best teacher (cascade) and never again to the one who declined', async () => {
    const { region, coordinator, schoolAdmin, request, near, far } = await regionWithTwoCandidates();
    const run = await runMatching(coordinator, region.id);
    expect(run.result.proposalsCreated).toBe(1);
    const [first] = await proposalsOf(request.id);
    expect(first.teacherId).toBe(near.teacher.id); // closer to the school

    await ctx.http
      .post(`/api/proposals/${first.id}/answer`)
      .set(schoolAdmin.auth)
      .send({ decision: 'decline', reason: 'Past niet in het rooster.' })
      .expect(200);

    const [, cascade] = await proposalsOf(request.id);
    expect(cascade).toMatchObject({
      teacherId: far.teacher.id,
      status: 'proposed',
      matchRunId: null,
      blockIds: first.blockIds,
    });
    expect(cascade.explanation.components).toEqual(
      expect.objectContaining({ fill: expect.any(Number), travel: expect.any(Number) }),
    );
    const offers = await ctx.db.getRepository(Notification).findBy({ proposalId: cascade.id });
    expect(offers.map((notification) => notification.kind)).toEqual(
      expect.arrayContaining([NotificationKind.CascadeOffer]),
    );
    expect(offers.map((notification) => notification.recipientUserId)).toEqual(
      expect.arrayContaining([far.user.id, schoolAdmin.user.id]),
    );
    await waitForEmail(far.user.email, `Nieuw voorstel (vervanging): ${request.title}`);

    // The replacement is declined too: nobody is left, the request is simply open again.
    await ctx.http
      .post(`/api/proposals/${cascade.id}/answer`)
      .set(far.auth)
      .send({ decision: 'decline' })
      .expect(200);
    expect(await proposalsOf(request.id)).toHaveLength(2);
    expect((await ctx.db.getRepository(TeachingRequest).findOneByOrFail({ id: request.id })).status).toBe(
      TeachingRequestStatus.Open,
    );

    // A new full run does not propose either teacher again for this request.
    const again = await runMatching(coordinator, region.id);
    expect(again.result).toMatchObject({
      requestsConsidered: 1,
      blocksConsidered: 1,
      blocksFilled: 0,
      proposalsCreated: 0,
    });
    expect(
      (await proposalsOf(request.id)).filter((proposal) => proposal.teacherId === near.teacher.id),
    ).toHaveLength(1);
  });

  it('after an expiry, offers the request to the next best teacher', async () => {
    const { region, coordinator, request, near, far } = await regionWithTwoCandidates();
    await runMatching(coordinator, region.id);
    const [first] = await proposalsOf(request.id);
    expect(first.teacherId).toBe(near.teacher.id);

    await worker.get(ProposalService).expireDue(new Date(first.expiresAt.getTime() + 1000));

    const [expired, cascade] = await proposalsOf(request.id);
    expect(expired).toMatchObject({ id: first.id, status: 'expired' });
    expect(cascade).toMatchObject({ teacherId: far.teacher.id, status: 'proposed', matchRunId: null });
    expect(
      await ctx.db
        .getRepository(Notification)
        .countBy({ proposalId: cascade.id, kind: NotificationKind.CascadeOffer }),
    ).toBeGreaterThan(0);
  });

  it('queues a run the API could not queue (Redis was down) from the poller, and skips a duplicate job', async () => {
    const region = await ctx.newRegion();
    const school = await ctx.newSchool(region.id);
    const request = await ctx.newRequest(school);
    await ctx.newTeacher((await ctx.newCompany(region.id)).id);
    // The row as the API leaves it when Redis is unreachable: queued, no job.
    const run = await ctx.db.getRepository(MatchRun).save({
      regionId: region.id,
      status: MatchRunStatus.Queued,
      trigger: MatchRunTrigger.Manual,
      requestedByUserId: null,
      parameters: {},
    });

    const done = await waitFor('the poller to queue the run and the worker to finish it', async () => {
      const row = await ctx.db.getRepository(MatchRun).findOneByOrFail({ id: run.id });
      return row.status === MatchRunStatus.Succeeded ? row : undefined;
    });
    expect(done.result).toMatchObject({ proposalsCreated: 1 });
    expect(await proposalsOf(request.id)).toHaveLength(1);

    // A second job for the same run (as after Redis lost and re-got it): it skips, nothing is proposed twice.
    const queue = worker.get<Queue>(getQueueToken(QUEUES.matching));
    const duplicate = await queue.add(
      'match-run',
      { matchRunId: run.id },
      { jobId: `${jobIds.matchRun(run.id, 0)}-duplicate` },
    );
    const outcome = await waitFor('the duplicate job to finish', async () =>
      (await duplicate.getState()) === 'completed'
        ? (await queue.getJob(duplicate.id!))?.returnvalue
        : undefined,
    );
    expect(outcome).toEqual({ result: 'skipped', reason: 'the match run is already succeeded' });
    expect(await proposalsOf(request.id)).toHaveLength(1);
  });

  it('does not propose a teacher again for hours an approved placement already uses', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const company = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const teacher = await ctx.newTeacherUser(company.id);
    // Released for 3 hours a week: exactly one 09:00–12:00 block.
    await ctx.db.query(`UPDATE teacher_profile SET released_hours_per_week = 3 WHERE id = $1`, [
      teacher.teacher.id,
    ]);
    const morning = await ctx.newRequest(school);
    const afternoon = await ctx.newRequest(school);
    await ctx.db.query(
      `UPDATE lesson_block SET start_time = '13:00', end_time = '16:00' WHERE request_id = $1`,
      [afternoon.id],
    );

    const first = await runMatching(coordinator, region.id);
    expect(first.result).toMatchObject({ blocksConsidered: 2, blocksFilled: 1, proposalsCreated: 1 });
    const [proposal] = await ctx.db.getRepository(Proposal).findBy({ matchRunId: first.id });
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
      .send(TERMS)
      .expect(200);

    const second = await runMatching(coordinator, region.id);
    expect(second.result).toMatchObject({
      requestsConsidered: 1,
      teachersConsidered: 1,
      blocksConsidered: 1,
      blocksFilled: 0,
      proposalsCreated: 0,
    });
    const open = proposal.requestId === morning.id ? afternoon : morning;
    expect(await proposalsOf(open.id)).toEqual([]);
  });

  it('semester 1 does not block semester 2: a teacher whose hours a semester-1 placement fills is proposed for semester 2', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    const company = await ctx.newCompany(region.id);
    // Released for 3 hours a week, Tuesdays: exactly one 09:00–12:00 block at a time.
    const teacher = await ctx.newTeacher(company.id, { releasedHoursPerWeek: 3, vogIssuedOn: '2026-08-20' });
    const semester1 = await ctx.newRequest(school, { periodStart: '2026-09-01', periodEnd: '2027-01-29' });
    const placed = await ctx.newProposal(semester1, teacher, ALL_ACCEPTED);
    const approval = await ctx.http
      .post(`/api/proposals/${placed.id}/approve`)
      .set(coordinator.auth)
      .send({
        hourlyRateCents: 9500,
        supervisorName: TERMS.supervisorName,
        supervisorEmail: TERMS.supervisorEmail,
      })
      .expect(200);
    expect(approval.body.placement).toMatchObject({ startDate: '2026-09-01', endDate: '2027-01-29' });
    const semester2 = await ctx.newRequest(school, { periodStart: '2027-02-01', periodEnd: '2027-07-09' });

    const run = await runMatching(coordinator, region.id);
    expect(run.result).toMatchObject({ blocksConsidered: 1, blocksFilled: 1, proposalsCreated: 1 });
    expect(await proposalsOf(semester2.id)).toEqual([
      expect.objectContaining({ teacherId: teacher.id, matchRunId: run.id, status: 'proposed' }),
    ]);
  });

  it('lists every block a run left unfilled with the reasons, to the region only', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const outsider = await ctx.newCoordinator((await ctx.newRegion()).id);
    const school = await ctx.newSchool(region.id);
    const request = await ctx.newRequest(school);
    const company = await ctx.newCompany(region.id);
    const oldVog = await ctx.newTeacher(company.id, { vogIssuedOn: '2025-01-01' });
    const noVog = await ctx.newTeacher(company.id, { vogIssuedOn: null });
    const otherSkill = await ctx.newTeacher(company.id, {
      skills: [{ subjectCode: 'bouwkunde', level: EducationLevel.Mbo3 }],
    });

    const run = await runMatching(coordinator, region.id);
    expect(run.result).toMatchObject({ blocksConsidered: 1, blocksFilled: 0, proposalsCreated: 0 });

    const { body } = await ctx.http
      .get(`/api/match-runs/${run.id}/unfilled`)
      .set(coordinator.auth)
      .expect(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({
      requestId: request.id,
      teachersInRegion: 3,
      eligibleTeachers: 0,
      failing: [
        { rule: 'VOG', teachers: 2 },
        { rule: 'SKILL', teachers: 1 },
      ],
      nearestMisses: [
        { rule: 'VOG', teachers: 2, teacherIds: [oldVog.id, noVog.id].sort() },
        { rule: 'SKILL', teachers: 1, teacherIds: [otherSkill.id] },
      ],
      heldBack: [],
    });
    // Stored with the misses' teachers by position (unfilled-storage.ts); the route gives the ids.
    const [stored] = await ctx.db.query<{ unfilled: MatchRunUnfilledCompact }[]>(
      'SELECT unfilled FROM match_run WHERE id = $1',
      [run.id],
    );
    expect(stored.unfilled.teacherIds.sort()).toEqual([oldVog.id, noVog.id, otherSkill.id].sort());
    expect(stored.unfilled.blocks[0].nearestMisses.map((miss) => miss.teacherIndexes.length)).toEqual([2, 1]);
    expect(body[0].sentences.en).toContain('2 teachers would qualify with a valid VOG.');
    expect(body[0].sentences.nl).toContain('2 docenten zouden in aanmerking komen met een geldige VOG.');
    await ctx.http.get(`/api/match-runs/${run.id}/unfilled`).set(outsider.auth).expect(404);
  });
});

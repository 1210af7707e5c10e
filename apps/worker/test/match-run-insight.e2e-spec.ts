import { INestApplicationContext } from '@nestjs/common';
import {
  LessonBlock,
  MatchRun,
  MatchRunStatus,
  MatchRunTrigger,
  Organisation,
  TeacherAvailabilityWindow,
  TeacherProfile,
} from '../../../libs/database/src';
import { ClockTime } from '../../../libs/domain/src';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { runMatching as runMatchingIn, settledShortage } from '../../../test/support/match-runs';
import { startWorker } from '../src/main';

/**
 * What a finished run tells the coordinator beyond its proposals: each proposal in sentences with the
 * other teachers considered, fairness between companies in the run's result, and the shortage
 * signals of the region (computed by their own job after the run is stored: the tests wait for
 * them), each to the roles allowed to see them.
 */
describe('match runs: explanations, fairness and shortage signals (e2e)', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
    worker = await startWorker(ctx.config, { logger: false });
  });

  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
  });

  const runMatching = (coordinator: TestUser, regionId: string) => runMatchingIn(ctx, coordinator, regionId);

  /** Moves the request's one lesson block to another weekday (09:00–12:00). */
  const onWeekday = (requestId: string, weekday: number) =>
    ctx.db.getRepository(LessonBlock).update({ requestId }, { weekday });

  const alsoAvailable = (teacher: TeacherProfile, weekday: number) =>
    ctx.db
      .getRepository(TeacherAvailabilityWindow)
      .save({ teacherId: teacher.id, weekday, startTime: 480 as ClockTime, endTime: 1020 as ClockTime });

  /**
   * Two companies with one teacher each (one released day of 6 h): A's teacher is free on Tuesday
   * and Wednesday, B's on Tuesday. Three Tuesday requests and one Wednesday request (09:00–12:00):
   * two blocks stay open. One more teacher for a Tuesday or Wednesday fills one; one more released
   * day fills one only for A's teacher (B's is free on Tuesday alone, where the blocks overlap).
   */
  async function regionShortOfTeachers() {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    const requests = [
      await ctx.newRequest(school),
      await ctx.newRequest(school),
      await ctx.newRequest(school),
      await ctx.newRequest(school),
    ];
    await onWeekday(requests[3].id, 3);
    const companies: Organisation[] = [await ctx.newCompany(region.id), await ctx.newCompany(region.id)];
    const a = await ctx.newTeacher(companies[0].id);
    await alsoAvailable(a, 3);
    const b = await ctx.newTeacher(companies[1].id);
    return { region, coordinator, school, requests, companies, a, b };
  }

  /**
   * One request (Tuesday 09:00–12:00) and three teachers with the subject: one near the school (with
   * a login), one 20 km away (another company), and one without a VOG.
   */
  async function threeCandidates() {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    const request = await ctx.newRequest(school);
    const [nearCompany, farCompany] = [await ctx.newCompany(region.id), await ctx.newCompany(region.id)];
    const near = await ctx.newTeacherUser(nearCompany.id);
    const far = await ctx.newTeacher(farCompany.id, { firstName: 'Ferdi', lastName: 'Verweg' });
    await ctx.db.query(
      `UPDATE teacher_profile SET home_latitude = 52.156, home_longitude = 5.387 WHERE id = $1`,
      [far.id],
    );
    const noVog = await ctx.newTeacher(farCompany.id, {
      firstName: 'Vera',
      lastName: 'Zonder',
      vogIssuedOn: null,
    });
    return { region, coordinator, school, request, nearCompany, farCompany, near, far, noVog };
  }

  it('shows the coordinator the whole explanation also when no other teacher was considered', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const request = await ctx.newRequest(await ctx.newSchool(region.id));
    const only = await ctx.newTeacher((await ctx.newCompany(region.id)).id);

    const run = await runMatching(coordinator, region.id);
    const [listed] = (
      await ctx.http.get('/api/proposals').query({ matchRunId: run.id }).set(coordinator.auth).expect(200)
    ).body.items;
    expect(listed).toMatchObject({ teacherId: only.id, requestId: request.id });
    const { body: read } = await ctx.http
      .get(`/api/proposals/${listed.id}`)
      .set(coordinator.auth)
      .expect(200);
    for (const explanation of [listed.explanation, read.explanation]) {
      expect(explanation).toMatchObject({ considered: [], nextBest: null });
      expect(explanation.sentences.en).toContain('This teacher takes 1 lesson block of the request.');
    }
  });

  it('explains a proposal in sentences, naming to the coordinator the teachers that lost and why; the parties see only their own proposal’s reasons', async () => {
    const { coordinator, region, school, request, nearCompany, near, far, noVog } = await threeCandidates();
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);

    const run = await runMatching(coordinator, region.id);
    expect(run.result.proposalsCreated).toBe(1);
    const [listed] = (
      await ctx.http.get('/api/proposals').query({ matchRunId: run.id }).set(coordinator.auth).expect(200)
    ).body.items;
    expect(listed).toMatchObject({ teacherId: near.teacher.id, requestId: request.id });
    const { body: proposal } = await ctx.http
      .get(`/api/proposals/${listed.id}`)
      .set(coordinator.auth)
      .expect(200);
    expect(proposal.explanation).toEqual(listed.explanation);
    const { considered, sentences } = proposal.explanation;
    expect(considered).toEqual([
      {
        teacherId: far.id,
        outcome: 'lower_score',
        blocks: 1,
        scoreDifference: expect.any(Number),
        relativeDifference: expect.any(Number),
        usedElsewhere: false,
      },
      { teacherId: noVog.id, outcome: 'ineligible', rules: ['VOG'] },
    ]);
    expect(considered[0].scoreDifference).toBeGreaterThan(0);
    const pct = Math.round(considered[0].relativeDifference * 100);
    expect(sentences.en).toEqual(
      expect.arrayContaining([
        'This teacher takes 1 lesson block of the request.',
        'The teacher can teach every open lesson block of the request, so the school has one familiar face.',
        `Ferdi Verweg also qualified, but scored ${pct}% lower.`,
        'Vera Zonder did not qualify: has no valid VOG at the start.',
      ]),
    );
    expect(sentences.nl).toEqual(
      expect.arrayContaining([
        'Deze docent neemt 1 lesblok van de aanvraag op zich.',
        `Ferdi Verweg kwam ook in aanmerking, maar scoorde ${pct}% lager.`,
        'Vera Zonder kwam niet in aanmerking: heeft geen geldige VOG bij de start.',
      ]),
    );
    for (const line of [...sentences.nl, ...sentences.en]) expect(line).not.toMatch(/points|punten/);

    // The school, the company and the teacher read the same proposal without the other teachers.
    const nearAdmin = await ctx.newCompanyAdmin(nearCompany.id);
    for (const party of [schoolAdmin, nearAdmin, near]) {
      for (const read of [
        (await ctx.http.get(`/api/proposals/${listed.id}`).set(party.auth).expect(200)).body,
        (await ctx.http.get('/api/proposals').query({ matchRunId: run.id }).set(party.auth).expect(200)).body
          .items[0],
      ]) {
        expect(Object.keys(read.explanation).sort()).toEqual([
          'components',
          'distanceKm',
          'sentences',
          'skillMatch',
          'weights',
        ]);
        expect(read.explanation.sentences.en).toEqual(
          sentences.en.filter((line: string) => !line.startsWith('Ferdi') && !line.startsWith('Vera')),
        );
        expect(JSON.stringify(read)).not.toContain(far.id);
        expect(JSON.stringify(read)).not.toContain(noVog.id);
      }
    }
    // Answering returns the party's view too.
    const answered = await ctx.http
      .post(`/api/proposals/${listed.id}/answer`)
      .set(schoolAdmin.auth)
      .send({ decision: 'accept' })
      .expect(200);
    expect(JSON.stringify(answered.body)).not.toContain(far.id);
  });

  it('answers “why not teacher X for request Y”: the failing rules, or the regional cost of forcing X in; to the region’s coordinators only', async () => {
    const { coordinator, region, school, request, farCompany, near, far, noVog } = await threeCandidates();
    const run = await runMatching(coordinator, region.id);
    expect(run.result.proposalsCreated).toBe(1);
    const [blockId] = (
      await ctx.http.get('/api/proposals').query({ matchRunId: run.id }).set(coordinator.auth).expect(200)
    ).body.items[0].blockIds;
    const whyNot = (user: TestUser, teacherId: string, teachingRequestId = request.id, runId = run.id) =>
      ctx.http.get(`/api/match-runs/${runId}/why-not`).query({ teacherId, teachingRequestId }).set(user.auth);

    // Eligible: forcing the farther teacher in costs the region the score difference; the block changes hands.
    const eligible = (await whyNot(coordinator, far.id).expect(200)).body;
    expect(eligible).toMatchObject({
      matchRunId: run.id,
      teacherId: far.id,
      teachingRequestId: request.id,
      status: 'eligible',
      failures: [],
      forcing: {
        blocksFilledWithout: 1,
        blocksFilledForced: 1,
        forcedBlockIds: [blockId],
        changes: [{ requestId: request.id, blockId, fromTeacherId: near.teacher.id, toTeacherId: far.id }],
      },
    });
    expect(eligible.forcing.cost).toBeGreaterThan(0);
    expect(eligible.forcing.cost).toBe(eligible.forcing.scoreWithout - eligible.forcing.scoreForced);
    expect(eligible.sentences.en[0]).toBe('Ferdi Verweg passes every rule.');
    expect(eligible.sentences.en[1]).toMatch(
      /^Forcing this teacher in costs the region [\d.]+% of its total match quality\.$/,
    );
    expect(eligible.sentences.nl[0]).toBe('Ferdi Verweg voldoet aan alle regels.');

    // Ineligible: the failing rules, as checkEligibility names them.
    const ineligible = (await whyNot(coordinator, noVog.id).expect(200)).body;
    expect(ineligible).toMatchObject({ status: 'ineligible', forcing: null });
    expect(ineligible.failures).toEqual([{ rule: 'VOG', message: expect.any(String), blockId: null }]);
    expect(ineligible.sentences.en).toEqual(['Vera Zonder does not qualify: has no valid VOG at the start.']);
    // The proposed teacher.
    expect((await whyNot(coordinator, near.teacher.id).expect(200)).body).toMatchObject({
      status: 'proposed',
      sentences: {
        en: [`${near.teacher.firstName} ${near.teacher.lastName} was proposed for this request in this run.`],
      },
    });

    // Scope: another region's coordinator 404; a teacher or request of another region 404; other roles 403.
    const elsewhere = await ctx.newRegion();
    const outsider = await ctx.newCoordinator(elsewhere.id);
    expect((await whyNot(outsider, far.id).expect(404)).body.code).toBe('NOT_FOUND');
    const foreignTeacher = await ctx.newTeacher((await ctx.newCompany(elsewhere.id)).id);
    const foreignRequest = await ctx.newRequest(await ctx.newSchool(elsewhere.id));
    await whyNot(coordinator, foreignTeacher.id).expect(404);
    await whyNot(coordinator, far.id, foreignRequest.id).expect(404);
    await whyNot(await ctx.newCompanyAdmin(farCompany.id), far.id).expect(403);
    await whyNot(await ctx.newSchoolAdmin(school.id), far.id).expect(403);
    const admin = await ctx.newAdmin();
    await whyNot(admin, far.id).expect(200);
    const bad = await ctx.http
      .get(`/api/match-runs/${run.id}/why-not`)
      .query({ teacherId: 'x' })
      .set(coordinator.auth)
      .expect(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'teacherId', reason: 'must be a teacher id (UUID)', code: 'isUuid' },
        expect.objectContaining({ field: 'teachingRequestId' }),
      ]),
    );
    // A run that has not finished: 409.
    const queued = await ctx.db.getRepository(MatchRun).save({
      regionId: region.id,
      status: MatchRunStatus.Failed,
      trigger: MatchRunTrigger.Manual,
      parameters: {},
    });
    expect((await whyNot(coordinator, far.id, request.id, queued.id).expect(409)).body.code).toBe(
      'INVALID_STATE_TRANSITION',
    );
  });

  it('reports each company’s share of its offered capacity in the run’s result', async () => {
    const { region, coordinator, companies } = await regionShortOfTeachers();
    const run = await runMatching(coordinator, region.id);
    expect(run.status).toBe('succeeded');
    expect(run.result).toMatchObject({ blocksConsidered: 4, blocksFilled: 2, proof: { proven: true } });
    const { fairness } = run.result;
    expect(fairness).toMatchObject({ minShare: 0.5, maxShare: 0.5, spread: 0, jainIndex: 1 });
    expect(new Set(fairness.companies.map((row: { companyId: string }) => row.companyId))).toEqual(
      new Set(companies.map((company) => company.id)),
    );
    for (const row of fairness.companies)
      expect(row).toMatchObject({
        teachers: 1,
        offeredMinutes: 360,
        committedMinutes: 0,
        proposedMinutes: 180,
        share: 0.5,
        runShare: 0.5,
      });
  });

  it('shows the shortage signals of the latest run: coordinators their regions, companies their region and own staff', async () => {
    const { region, coordinator, school, companies, a } = await regionShortOfTeachers();
    const run = await runMatching(coordinator, region.id);
    expect(run.status).toBe('succeeded');
    const { shortage, timings } = await settledShortage(ctx, run.id);
    expect(timings!.shortageMs).toBe(shortage!.ms);

    const { body } = await ctx.http.get('/api/shortage-signals').set(coordinator.auth).expect(200);
    expect(body).toEqual([
      {
        regionId: region.id,
        matchRunId: run.id,
        computedAt: shortage!.computedAt,
        baseline: { minutesFilled: 360, blocksFilled: 2 },
        profiles: expect.arrayContaining([
          { subjectCode: 'elektrotechniek', level: 'MBO3', weekday: 2, minutesGained: 180, blocksGained: 1 },
        ]),
        staff: [{ teacherId: a.id, companyId: companies[0].id, minutesGained: 180, blocksGained: 1 }],
        solves: expect.any(Number),
        notTried: 0,
        ms: expect.any(Number),
      },
    ]);
    // Which block stays open on a tie is the engine's choice: a Tuesday one always (three, two teachers), maybe Wednesday's.
    for (const profile of body[0].profiles)
      expect(profile).toMatchObject({ weekday: expect.any(Number), minutesGained: 180, blocksGained: 1 });
    expect(body[0].profiles.length).toBeLessThanOrEqual(2);
    expect(body[0].ms).toBeLessThan(2000);
    // The same through the region filter.
    const filtered = await ctx.http
      .get('/api/shortage-signals')
      .query({ regionId: region.id })
      .set(coordinator.auth)
      .expect(200);
    expect(filtered.body).toEqual(body);

    // Company A sees its region's profiles and its own teacher; company B the profiles, no staff of A.
    const [adminA, adminB] = [
      await ctx.newCompanyAdmin(companies[0].id),
      await ctx.newCompanyAdmin(companies[1].id),
    ];
    const ofA = (await ctx.http.get('/api/shortage-signals').set(adminA.auth).expect(200)).body;
    expect(ofA).toEqual([{ ...body[0], staff: body[0].staff }]);
    const ofB = (await ctx.http.get('/api/shortage-signals').set(adminB.auth).expect(200)).body;
    expect(ofB).toEqual([{ ...body[0], staff: [] }]);

    // Another region's coordinator and company: nothing of this region (404 when they ask for it).
    const elsewhere = await ctx.newRegion();
    const outsider = await ctx.newCoordinator(elsewhere.id);
    const outsideCompany = await ctx.newCompanyAdmin((await ctx.newCompany(elsewhere.id)).id);
    for (const user of [outsider, outsideCompany]) {
      expect((await ctx.http.get('/api/shortage-signals').set(user.auth).expect(200)).body).toEqual([]);
      const refused = await ctx.http
        .get('/api/shortage-signals')
        .query({ regionId: region.id })
        .set(user.auth)
        .expect(404);
      expect(refused.body.code).toBe('NOT_FOUND');
    }
    // Schools and teachers may not read them; the platform admin reads every region.
    await ctx.http
      .get('/api/shortage-signals')
      .set((await ctx.newSchoolAdmin(school.id)).auth)
      .expect(403);
    await ctx.http
      .get('/api/shortage-signals')
      .set((await ctx.newTeacherUser(companies[0].id)).auth)
      .expect(403);
    const admin = await ctx.newAdmin();
    const national = (await ctx.http.get('/api/shortage-signals').set(admin.auth).expect(200)).body;
    expect(national.map((row: { regionId: string }) => row.regionId)).toContain(region.id);
    const bad = await ctx.http
      .get('/api/shortage-signals')
      .query({ regionId: 'utrecht' })
      .set(admin.auth)
      .expect(400);
    expect(bad.body.errors).toEqual([
      { field: 'regionId', reason: 'must be a region id (UUID)', code: 'isUuid' },
    ]);
  });
});

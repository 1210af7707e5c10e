import { INestApplicationContext } from '@nestjs/common';
import {
  LessonBlock,
  Organisation,
  TeacherAvailabilityWindow,
  TeacherProfile,
} from '../../../libs/database/src';
import { ClockTime } from '../../../libs/domain/src';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { waitFor } from '../../../test/support/wait-for';
import { startWorker } from '../src/main';

/**
 * What a finished run tells the coordinator beyond its proposals: fairness between companies in the
 * run's result, and the shortage signals of the region (computed by the worker with the run), each
 * to the roles allowed to see them.
 */
describe('match runs: fairness and shortage signals (e2e)', () => {
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

  async function runMatching(coordinator: TestUser, regionId: string) {
    const started = await ctx.http
      .post('/api/match-runs')
      .set(coordinator.auth)
      .send({ regionId })
      .expect(202);
    return waitFor(`match run ${started.body.id} to finish`, async () => {
      const { body } = await ctx.http
        .get(`/api/match-runs/${started.body.id}`)
        .set(coordinator.auth)
        .expect(200);
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    });
  }

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
    expect(run.timings.shortageMs).toEqual(expect.any(Number));
  });

  it('shows the shortage signals of the latest run: coordinators their regions, companies their region and own staff', async () => {
    const { region, coordinator, school, companies, a } = await regionShortOfTeachers();
    const run = await runMatching(coordinator, region.id);
    expect(run.status).toBe('succeeded');

    const { body } = await ctx.http.get('/api/shortage-signals').set(coordinator.auth).expect(200);
    expect(body).toEqual([
      {
        regionId: region.id,
        matchRunId: run.id,
        computedAt: run.finishedAt,
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
    expect(bad.body.errors).toEqual([{ field: 'regionId', reason: 'must be a region id (UUID)' }]);
  });
});

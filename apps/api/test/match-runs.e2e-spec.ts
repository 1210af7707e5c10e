import { MatchRun, MatchRunStatus } from '../../../libs/database/src';
import { newId, TestContext } from '../../../test/support/test-context';
import { MATCH_RUN_FAILED_MESSAGE } from '../src/match-runs/match-run.service';

/** The match-run routes without a worker: runs stay queued, which is what these tests need. */
describe('match runs: starting, refusing and reading (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('answers 202 with the queued run and its parameters, and refuses a second run for the region with a 409 naming the first', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);

    const started = await ctx.http
      .post('/api/match-runs')
      .set(coordinator.auth)
      .send({ regionId: region.id, weights: { travel: 300 } })
      .expect(202);
    expect(started.body).toMatchObject({
      regionId: region.id,
      status: 'queued',
      trigger: 'manual',
      requestedByUserId: coordinator.user.id,
      parameters: { weights: { travel: 300 } },
      startedAt: null,
      finishedAt: null,
      result: null,
      error: null,
      failureMessage: null,
    });
    expect(await ctx.db.getRepository(MatchRun).findOneByOrFail({ id: started.body.id })).toMatchObject({
      status: MatchRunStatus.Queued,
    });

    const refused = await ctx.http
      .post('/api/match-runs')
      .set(coordinator.auth)
      .send({ regionId: region.id })
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'MATCH_RUN_IN_PROGRESS',
      detailNl:
        'Een matchronde voor deze regio staat nog in de wachtrij; start een nieuwe zodra die klaar is.',
    });
    expect(refused.body.detail).toContain(started.body.id);
    const notYet = await ctx.http
      .get(`/api/match-runs/${started.body.id}/why-not`)
      .query({ teacherId: newId(), teachingRequestId: newId() })
      .set(coordinator.auth)
      .expect(409);
    expect(notYet.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      detailNl:
        'Deze matchronde staat nog in de wachtrij; waarom een docent niet is voorgesteld, is alleen te zien bij een geslaagde ronde.',
    });
    expect(await ctx.db.getRepository(MatchRun).countBy({ regionId: region.id })).toBe(1);

    // Once it has finished, the region can be matched again.
    await ctx.db.getRepository(MatchRun).update(started.body.id, { status: MatchRunStatus.Succeeded });
    await ctx.http.post('/api/match-runs').set(coordinator.auth).send({ regionId: region.id }).expect(202);
  });

  it('keeps each coordinator to their own regions: 404 on starting or reading another region’s run', async () => {
    const [mine, theirs] = [await ctx.newRegion(), await ctx.newRegion()];
    const coordinator = await ctx.newCoordinator(mine.id);
    const other = await ctx.newCoordinator(theirs.id);
    const run = (
      await ctx.http.post('/api/match-runs').set(coordinator.auth).send({ regionId: mine.id }).expect(202)
    ).body;

    const refused = await ctx.http
      .post('/api/match-runs')
      .set(other.auth)
      .send({ regionId: mine.id })
      .expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    await ctx.http.get(`/api/match-runs/${run.id}`).set(other.auth).expect(404);
    await ctx.http.get(`/api/match-runs/${run.id}`).set(coordinator.auth).expect(200);
    const theirList = await ctx.http.get('/api/match-runs').set(other.auth).expect(200);
    expect(theirList.body.items.map((item: MatchRun) => item.id)).not.toContain(run.id);
    const filtered = await ctx.http
      .get('/api/match-runs')
      .query({ regionId: mine.id })
      .set(other.auth)
      .expect(200);
    expect(filtered.body).toMatchObject({ items: [], total: 0 });

    const myList = await ctx.http
      .get('/api/match-runs')
      .query({ regionId: mine.id, status: 'queued' })
      .set(coordinator.auth)
      .expect(200);
    expect(myList.body).toMatchObject({ total: 1, page: 1, items: [{ id: run.id, status: 'queued' }] });
    const admin = await ctx.newAdmin();
    const all = await ctx.http.get('/api/match-runs').query({ pageSize: 200 }).set(admin.auth).expect(200);
    expect(all.body.items.map((item: MatchRun) => item.id)).toContain(run.id);
  });

  it('tells the coordinator a failed run failed in a plain sentence; only the platform admin reads the raw cause', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const admin = await ctx.newAdmin();
    const run = (
      await ctx.http.post('/api/match-runs').set(coordinator.auth).send({ regionId: region.id }).expect(202)
    ).body;
    const cause = 'QueryFailedError: relation "teacher_profile" does not exist';
    await ctx.db
      .getRepository(MatchRun)
      .update(run.id, { status: MatchRunStatus.Failed, error: cause, finishedAt: new Date() });

    const seen = await ctx.http.get(`/api/match-runs/${run.id}`).set(coordinator.auth).expect(200);
    expect(seen.body).toMatchObject({
      status: 'failed',
      error: null,
      failureMessage: MATCH_RUN_FAILED_MESSAGE,
    });
    const listed = await ctx.http
      .get('/api/match-runs')
      .query({ regionId: region.id })
      .set(coordinator.auth)
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: run.id, error: null, failureMessage: MATCH_RUN_FAILED_MESSAGE }),
    ]);
    expect(JSON.stringify([seen.body, listed.body])).not.toContain('QueryFailedError');

    const forAdmin = await ctx.http.get(`/api/match-runs/${run.id}`).set(admin.auth).expect(200);
    expect(forAdmin.body).toMatchObject({ error: cause, failureMessage: MATCH_RUN_FAILED_MESSAGE });
  });

  it('lets only coordinators and the platform admin in, and names bad input', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    await ctx.http.post('/api/match-runs').set(companyAdmin.auth).send({ regionId: region.id }).expect(403);
    await ctx.http.get('/api/match-runs').set(companyAdmin.auth).expect(403);
    await ctx.http.post('/api/match-runs').send({ regionId: region.id }).expect(401);

    const admin = await ctx.newAdmin();
    const badRegion = await ctx.http
      .post('/api/match-runs')
      .set(admin.auth)
      .send({ regionId: 'twente' })
      .expect(400);
    expect(badRegion.body.errors).toEqual([
      { field: 'regionId', reason: 'must be a region id (UUID)', code: 'isUuid' },
    ]);
    const badWeight = await ctx.http
      .post('/api/match-runs')
      .set(admin.auth)
      .send({ regionId: region.id, weights: { travel: -1 } })
      .expect(400);
    expect(badWeight.body.errors).toEqual([expect.objectContaining({ field: 'weights.travel' })]);
    await ctx.http
      .post('/api/match-runs')
      .set(admin.auth)
      .send({ regionId: region.id, weights: { speed: 3 } })
      .expect(400);
    await ctx.http.post('/api/match-runs').set(admin.auth).send({ regionId: newId() }).expect(404);
    await ctx.http.get('/api/match-runs/not-a-uuid').set(admin.auth).expect(400);
    await ctx.http.get(`/api/match-runs/${newId()}`).set(admin.auth).expect(404);
  });
});

describe('match runs with Redis unreachable (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ REDIS_URL: 'redis://127.0.0.1:1' });
  });

  afterAll(async () => {
    await ctx.close({ redisUnreachable: true });
  });

  it('still records the run and answers 202; the run stays queued for the worker’s poller', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);

    const started = await ctx.http
      .post('/api/match-runs')
      .set(coordinator.auth)
      .send({ regionId: region.id })
      .expect(202);

    expect(started.body.status).toBe('queued');
    expect(await ctx.db.getRepository(MatchRun).findOneByOrFail({ id: started.body.id })).toMatchObject({
      status: MatchRunStatus.Queued,
      regionId: region.id,
    });
  });
});

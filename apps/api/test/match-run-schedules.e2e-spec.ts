import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { matchSchedulerId } from '@hybridmatch/core';
import { MatchRunSchedule } from '../../../libs/database/src';
import { QUEUES } from '../../../libs/queue/src';
import { newId, TestContext } from '../../../test/support/test-context';

/** The schedule routes without a worker: the API writes the row and keeps the job scheduler in step. */
describe('match-run schedules: setting, refusing and removing (e2e)', () => {
  let ctx: TestContext;
  let queue: Queue;

  beforeAll(async () => {
    ctx = await TestContext.create();
    queue = ctx.app.get<Queue>(getQueueToken(QUEUES.matching));
  });

  afterAll(async () => {
    await ctx.close();
  });

  const scheduleUrl = (regionId: string) => `/api/regions/${regionId}/match-schedule`;

  it('PUT creates the schedule and its job scheduler (pattern and Amsterdam time zone); a second PUT with the version updates it', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);

    const created = await ctx.http
      .put(scheduleUrl(region.id))
      .set(coordinator.auth)
      .send({ cron: '0 6 * * 1', enabled: true })
      .expect(200);
    expect(created.body).toMatchObject({
      regionId: region.id,
      cron: '0 6 * * 1',
      timezone: 'Europe/Amsterdam',
      enabled: true,
      updatedByUserId: coordinator.user.id,
      version: 1,
    });
    // Monday 06:00 in Amsterdam is 05:00 (winter) or 04:00 (summer) UTC.
    const next = new Date(created.body.nextRunAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getUTCDay()).toBe(1);
    expect([4, 5]).toContain(next.getUTCHours());

    expect(await queue.getJobScheduler(matchSchedulerId(region.id))).toMatchObject({
      key: matchSchedulerId(region.id),
      name: 'scheduled-match-run',
      pattern: '0 6 * * 1',
      tz: 'Europe/Amsterdam',
      template: { data: { regionId: region.id } },
    });
    await ctx.http.get(scheduleUrl(region.id)).set(coordinator.auth).expect(200, created.body);

    const updated = await ctx.http
      .put(scheduleUrl(region.id))
      .set(coordinator.auth)
      .send({ cron: '30 7 * * 1-5', enabled: true, version: 1 })
      .expect(200);
    expect(updated.body).toMatchObject({ cron: '30 7 * * 1-5', version: 2 });
    expect(await queue.getJobScheduler(matchSchedulerId(region.id))).toMatchObject({
      pattern: '30 7 * * 1-5',
      tz: 'Europe/Amsterdam',
    });

    // A stale version is refused and changes nothing.
    const stale = await ctx.http
      .put(scheduleUrl(region.id))
      .set(coordinator.auth)
      .send({ cron: '0 8 * * *', enabled: true, version: 1 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'CONCURRENT_UPDATE' });
    expect(
      await ctx.db.getRepository(MatchRunSchedule).findOneByOrFail({ regionId: region.id }),
    ).toMatchObject({ cron: '30 7 * * 1-5', version: 2 });
  });

  it('disabling keeps the row but removes the job scheduler; DELETE removes both', async () => {
    const region = await ctx.newRegion();
    const admin = await ctx.newAdmin();
    await ctx.http
      .put(scheduleUrl(region.id))
      .set(admin.auth)
      .send({ cron: '0 6 * * *', enabled: true })
      .expect(200);
    expect(await queue.getJobScheduler(matchSchedulerId(region.id))).toBeDefined();

    const disabled = await ctx.http
      .put(scheduleUrl(region.id))
      .set(admin.auth)
      .send({ cron: '0 6 * * *', enabled: false })
      .expect(200);
    expect(disabled.body).toMatchObject({ enabled: false, nextRunAt: null });
    expect(await queue.getJobScheduler(matchSchedulerId(region.id))).toBeUndefined();

    await ctx.http
      .put(scheduleUrl(region.id))
      .set(admin.auth)
      .send({ cron: '0 6 * * *', enabled: true })
      .expect(200);
    expect(await queue.getJobScheduler(matchSchedulerId(region.id))).toBeDefined();
    const removed = await ctx.http.delete(scheduleUrl(region.id)).set(admin.auth).expect(200);
    expect(removed.body).toMatchObject({ regionId: region.id, cron: '0 6 * * *', nextRunAt: null });
    expect(await queue.getJobScheduler(matchSchedulerId(region.id))).toBeUndefined();
    expect(await ctx.db.getRepository(MatchRunSchedule).countBy({ regionId: region.id })).toBe(0);
    await ctx.http.get(scheduleUrl(region.id)).set(admin.auth).expect(404);
    await ctx.http.delete(scheduleUrl(region.id)).set(admin.auth).expect(404);
  });

  it.each([
    ['not a cron pattern', 'every monday', 'must have 5 fields'],
    ['a value out of range', '0 25 * * *', 'is not a valid cron pattern'],
    ['six fields (seconds)', '0 0 6 * * 1', 'must have 5 fields'],
    ['every 30 minutes', '*/30 * * * *', 'more often than once an hour'],
    ['every minute', '* * * * *', 'more often than once an hour'],
  ])('refuses %s with a 400 naming cron, and writes nothing', async (_case, cron, reason) => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const refused = await ctx.http
      .put(scheduleUrl(region.id))
      .set(coordinator.auth)
      .send({ cron, enabled: true })
      .expect(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'cron', reason: expect.stringContaining(reason), code: 'isCron' }],
    });
    expect(await ctx.db.getRepository(MatchRunSchedule).countBy({ regionId: region.id })).toBe(0);
    expect(await queue.getJobScheduler(matchSchedulerId(region.id))).toBeUndefined();
  });

  it('refuses missing and mistyped fields with a 400 naming them', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const missing = await ctx.http
      .put(scheduleUrl(region.id))
      .set(coordinator.auth)
      .send({ cron: '0 6 * * 1' })
      .expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'enabled' })]);
    const notANumber = await ctx.http
      .put(scheduleUrl(region.id))
      .set(coordinator.auth)
      .send({ cron: '0 6 * * 1', enabled: true, version: 'one' })
      .expect(400);
    expect(notANumber.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
    const badRegion = await ctx.http
      .get('/api/regions/not-a-uuid/match-schedule')
      .set(coordinator.auth)
      .expect(400);
    expect(badRegion.body.errors).toEqual([expect.objectContaining({ field: 'regionId' })]);
  });

  it('keeps each coordinator to their own regions (404) and other roles out (403)', async () => {
    const [mine, theirs] = [await ctx.newRegion(), await ctx.newRegion()];
    const coordinator = await ctx.newCoordinator(mine.id);
    const other = await ctx.newCoordinator(theirs.id);
    const companyAdmin = await ctx.newCompanyAdmin((await ctx.newCompany(mine.id)).id);
    await ctx.http
      .put(scheduleUrl(mine.id))
      .set(coordinator.auth)
      .send({ cron: '0 6 * * 1', enabled: true })
      .expect(200);

    for (const call of [
      () => ctx.http.get(scheduleUrl(mine.id)),
      () => ctx.http.put(scheduleUrl(mine.id)).send({ cron: '0 7 * * 1', enabled: true }),
      () => ctx.http.delete(scheduleUrl(mine.id)),
    ]) {
      expect((await call().set(other.auth).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await call().set(companyAdmin.auth).expect(403)).body.code).toBe('FORBIDDEN');
    }
    expect(await queue.getJobScheduler(matchSchedulerId(mine.id))).toMatchObject({ pattern: '0 6 * * 1' });

    // An unknown region is a 404 for the platform admin too.
    const admin = await ctx.newAdmin();
    await ctx.http
      .put(scheduleUrl(newId()))
      .set(admin.auth)
      .send({ cron: '0 6 * * 1', enabled: true })
      .expect(404);
  });
});

describe('match-run schedules with Redis unreachable (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ REDIS_URL: 'redis://127.0.0.1:1' });
  });

  afterAll(async () => {
    await ctx.close({ redisUnreachable: true });
  });

  it('still saves and removes the schedule; the job scheduler is left to the worker’s sync', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const url = `/api/regions/${region.id}/match-schedule`;

    await ctx.http.put(url).set(coordinator.auth).send({ cron: '0 6 * * 1', enabled: true }).expect(200);
    expect(
      await ctx.db.getRepository(MatchRunSchedule).findOneByOrFail({ regionId: region.id }),
    ).toMatchObject({ cron: '0 6 * * 1', enabled: true });

    await ctx.http.delete(url).set(coordinator.auth).expect(200);
    expect(await ctx.db.getRepository(MatchRunSchedule).countBy({ regionId: region.id })).toBe(0);
  });
});

import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { matchSchedulerId } from '@hybridmatch/core';
import { MatchRun, MatchRunStatus, MatchRunTrigger, Proposal } from '../../../libs/database/src';
import { JobPayloads, QUEUES } from '../../../libs/queue/src';
import { newId, TestContext } from '../../../test/support/test-context';
import { startWorker } from '../src/main';
import { MatchScheduleSync } from '../src/match-runs/match-schedule.sync';
import { waitFor } from '../../../test/support/wait-for';

describe('match-run schedules: scheduled runs and the job-scheduler sync (e2e)', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    ctx = await TestContext.create();
    worker = await startWorker(ctx.config, { logger: false });
    queue = worker.get<Queue>(getQueueToken(QUEUES.matching));
  });

  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
  });

  const scheduleUrl = (regionId: string) => `/api/regions/${regionId}/match-schedule`;

  /** Fires the region's schedule now (as its job scheduler would) and waits until the job completed; returns its result. */
  async function fireSchedule(regionId: string): Promise<unknown> {
    const data: JobPayloads['scheduled-match-run'] = { regionId };
    const { id } = await queue.add('scheduled-match-run', data);
    return waitFor(`the scheduled-match-run job ${id} to complete`, async () => {
      const state = await queue.getJobState(id!);
      // Read the job after its state: read before, a just-completed job has no return value yet.
      const job = await queue.getJob(id!);
      if (state === 'failed') throw new Error(`scheduled-match-run failed: ${job?.failedReason}`);
      return state === 'completed' ? (job!.returnvalue as unknown) : undefined;
    });
  }

  /** A region with a coordinator, one school request and one teacher who fits it, and an enabled schedule. */
  async function scheduledRegion() {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    const request = await ctx.newRequest(school);
    const { teacher } = await ctx.newTeacherUser((await ctx.newCompany(region.id)).id);
    await ctx.http
      .put(scheduleUrl(region.id))
      .set(coordinator.auth)
      .send({ cron: '0 6 * * 1', enabled: true })
      .expect(200);
    return { region, coordinator, request, teacher };
  }

  it('a fired schedule writes a run (trigger schedule, nobody requested it) that the worker then runs to success', async () => {
    const { region, coordinator, request, teacher } = await scheduledRegion();

    const outcome = (await fireSchedule(region.id)) as { result: string; matchRunId: string };
    expect(outcome).toEqual({ result: 'started', matchRunId: expect.any(String) });

    const run = await waitFor('the scheduled run to finish', async () => {
      const row = await ctx.db.getRepository(MatchRun).findOneByOrFail({ id: outcome.matchRunId });
      return row.status === MatchRunStatus.Succeeded || row.status === MatchRunStatus.Failed
        ? row
        : undefined;
    });
    expect(run).toMatchObject({
      regionId: region.id,
      status: MatchRunStatus.Succeeded,
      trigger: MatchRunTrigger.Schedule,
      requestedByUserId: null,
      error: null,
    });
    expect(run.result).toMatchObject({ proposalsCreated: 1, requestsFilled: 1 });
    expect(await ctx.db.getRepository(Proposal).findBy({ requestId: request.id })).toEqual([
      expect.objectContaining({ teacherId: teacher.id, matchRunId: run.id }),
    ]);
    // The coordinator sees it like any run.
    const listed = await ctx.http
      .get('/api/match-runs')
      .query({ regionId: region.id })
      .set(coordinator.auth)
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: run.id, trigger: 'schedule', requestedByUserId: null }),
    ]);
  });

  it('skips a firing while a run is active for the region, and one whose schedule is disabled or gone', async () => {
    const { region, coordinator } = await scheduledRegion();
    const runs = ctx.db.getRepository(MatchRun);
    // A run in progress: running, and held by its worker's lock on a session of its own (the
    // poller requeues a running run whose lock is free, as after a worker's death).
    const active = await runs.save(
      runs.create({
        regionId: region.id,
        status: MatchRunStatus.Running,
        startedAt: new Date(),
        requestedByUserId: coordinator.user.id,
      }),
    );
    const workerSession = ctx.db.createQueryRunner();
    await workerSession.connect();
    await workerSession.query(`SELECT pg_advisory_lock(hashtextextended('match-run-' || $1::text, 0))`, [
      active.id,
    ]);

    expect(await fireSchedule(region.id)).toEqual({
      result: 'skipped',
      reason: 'a match run is already queued or running for the region',
    });
    expect(await runs.findBy({ regionId: region.id })).toEqual([
      expect.objectContaining({ id: active.id, status: MatchRunStatus.Running }),
    ]);
    await runs.update(active.id, { status: MatchRunStatus.Succeeded, finishedAt: new Date() });
    await workerSession.release();

    await ctx.http
      .put(scheduleUrl(region.id))
      .set(coordinator.auth)
      .send({ cron: '0 6 * * 1', enabled: false })
      .expect(200);
    expect(await fireSchedule(region.id)).toEqual({
      result: 'skipped',
      reason: 'the region has no enabled match-run schedule',
    });
    await ctx.http.delete(scheduleUrl(region.id)).set(coordinator.auth).expect(200);
    expect(await fireSchedule(region.id)).toEqual({
      result: 'skipped',
      reason: 'the region has no enabled match-run schedule',
    });
    expect(await runs.countBy({ regionId: region.id })).toBe(1);
  });

  it('the sync restores a job scheduler removed from Redis behind its back and removes one without an enabled schedule', async () => {
    const { region } = await scheduledRegion();
    const disabled = await ctx.newRegion();
    const admin = await ctx.newAdmin();
    await ctx.http
      .put(scheduleUrl(disabled.id))
      .set(admin.auth)
      .send({ cron: '15 5 * * *', enabled: false })
      .expect(200);

    await queue.removeJobScheduler(matchSchedulerId(region.id));
    // Behind the table's back: a scheduler for a disabled schedule, and one for a region without any.
    const orphanRegionId = newId();
    for (const regionId of [disabled.id, orphanRegionId]) {
      await queue.upsertJobScheduler(
        matchSchedulerId(regionId),
        { pattern: '0 3 * * *', tz: 'Europe/Amsterdam' },
        { name: 'scheduled-match-run', data: { regionId } },
      );
    }

    await worker.get(MatchScheduleSync).sync();

    expect(await queue.getJobScheduler(matchSchedulerId(region.id))).toMatchObject({
      name: 'scheduled-match-run',
      pattern: '0 6 * * 1',
      tz: 'Europe/Amsterdam',
    });
    expect(await queue.getJobScheduler(matchSchedulerId(disabled.id))).toBeUndefined();
    expect(await queue.getJobScheduler(matchSchedulerId(orphanRegionId))).toBeUndefined();
  });
});

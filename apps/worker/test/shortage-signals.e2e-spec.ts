import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import {
  MatchRun,
  MatchRunShortageStatus,
  MatchRunStatus,
  MatchRunTrigger,
} from '../../../libs/database/src';
import { jobIds, QUEUES } from '../../../libs/queue/src';
import { runMatching as runMatchingIn, settledShortage } from '../../../test/support/match-runs';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { waitFor } from '../../../test/support/wait-for';
import { startWorker } from '../src/main';

/**
 * Shortage signals in a job of their own (issue 14): the run is stored owing them, the
 * `shortage-signals` job computes them from the region as the run saw it, and the worker's poller
 * queues the job for every run that still owes them, under a fresh id when a job with the old one
 * ended without storing them (BullMQ would silently ignore the add of an id it keeps).
 */
describe('match runs: the shortage-signals job (e2e)', () => {
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

  /** Two Tuesday requests (09:00–12:00) and one teacher: one block stays open. */
  async function regionWithOneOpenBlock() {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    await ctx.newRequest(school);
    await ctx.newRequest(school);
    await ctx.newTeacher((await ctx.newCompany(region.id)).id);
    return { region, coordinator };
  }

  const runMatching = (coordinator: TestUser, regionId: string) => runMatchingIn(ctx, coordinator, regionId);

  const owe = (id: string, requeues: number) =>
    ctx.db.getRepository(MatchRun).update(id, {
      shortageStatus: MatchRunShortageStatus.Pending,
      shortageRequeues: requeues,
      shortage: null,
    });

  /** A job that fails on its only attempt, under the id the run's signals job has at `requeues`. */
  async function failedJobAt(matchRunId: string, requeues: number) {
    const job = await queue.add(
      'shortage-signals',
      { matchRunId: 'not-a-run' },
      { jobId: jobIds.shortageSignals(matchRunId, requeues), attempts: 1 },
    );
    await waitFor('the job to fail', async () => (await job.getState()) === 'failed');
  }

  it('stores the run first, then its signals from the region as the run saw it', async () => {
    const { region, coordinator } = await regionWithOneOpenBlock();
    const run = await runMatching(coordinator, region.id);
    expect(run).toMatchObject({ status: 'succeeded', result: { blocksFilled: 1, proposalsCreated: 1 } });
    expect(run.shortageStatus).toMatch(/^(pending|computed)$/);
    expect(run.timings.totalMs).toEqual(expect.any(Number));

    const signalled = await settledShortage(ctx, run.id);
    expect(signalled.shortageStatus).toBe('computed');
    // The run's own proposal counts as not made: the baseline is the run's solve, one block filled.
    expect(signalled.shortage).toMatchObject({
      baseline: { minutesFilled: 180, blocksFilled: 1 },
      profiles: [
        { subjectCode: 'elektrotechniek', level: 'MBO3', weekday: 2, minutesGained: 180, blocksGained: 1 },
      ],
      notTried: 0,
    });
    expect(new Date(signalled.shortage!.computedAt!).getTime()).toBeGreaterThanOrEqual(
      new Date(run.finishedAt).getTime(),
    );
    expect(signalled.timings!.shortageMs).toBe(signalled.shortage!.ms);
    const { body } = await ctx.http
      .get('/api/match-runs/' + run.id)
      .set(coordinator.auth)
      .expect(200);
    expect(body.shortageStatus).toBe('computed');
    const [listed] = (
      await ctx.http
        .get('/api/shortage-signals')
        .query({ regionId: region.id })
        .set(coordinator.auth)
        .expect(200)
    ).body;
    expect(listed).toMatchObject({ matchRunId: run.id, computedAt: signalled.shortage!.computedAt });
  });

  it('a duplicate job changes nothing; a run owing signals without a job gets one from the poller', async () => {
    const { region } = await regionWithOneOpenBlock();
    // A run stored while the queue was away: it owes its signals and has no job.
    const run = await ctx.db.getRepository(MatchRun).save({
      regionId: region.id,
      status: MatchRunStatus.Succeeded,
      trigger: MatchRunTrigger.Manual,
      requestedByUserId: null,
      parameters: {},
      finishedAt: new Date(),
      shortageStatus: MatchRunShortageStatus.Pending,
    });
    const signalled = await settledShortage(ctx, run.id);
    expect(signalled).toMatchObject({ shortageStatus: 'computed', shortageRequeues: 0 });
    // Nothing proposed by this run: the region as it is, no block filled, one teacher more fills one.
    expect(signalled.shortage).toMatchObject({ baseline: { blocksFilled: 1 } });

    const duplicate = await queue.add(
      'shortage-signals',
      { matchRunId: run.id },
      { jobId: `${jobIds.shortageSignals(run.id, 0)}-duplicate` },
    );
    const outcome = await waitFor('the duplicate job to finish', async () =>
      (await duplicate.getState()) === 'completed'
        ? (await queue.getJob(duplicate.id!))?.returnvalue
        : undefined,
    );
    expect(outcome).toEqual({ result: 'skipped', reason: 'the shortage signals are computed' });
    expect((await settledShortage(ctx, run.id)).shortage).toEqual(signalled.shortage);
  });

  it('queues the job again under a fresh id when one ended without storing them, and fails them after three', async () => {
    const { region, coordinator } = await regionWithOneOpenBlock();
    const run = await runMatching(coordinator, region.id);
    const first = await settledShortage(ctx, run.id);

    // The job with the run's current id failed without saying so in the database (e.g. its last
    // write failed): the poller sees the failed job and queues a fresh one.
    await failedJobAt(run.id, 1);
    await owe(run.id, 1);
    const again = await settledShortage(ctx, run.id);
    expect(again).toMatchObject({ shortageStatus: 'computed', shortageRequeues: 2 });
    expect({ ...again.shortage, ms: 0, computedAt: '' }).toEqual({
      ...first.shortage,
      ms: 0,
      computedAt: '',
    });

    // The same after the third requeue: the signals fail, and the run owes them no more.
    await failedJobAt(run.id, 3);
    await owe(run.id, 3);
    const given = await settledShortage(ctx, run.id);
    expect(given).toMatchObject({ shortageStatus: 'failed', shortageRequeues: 3, shortage: null });
    expect(
      (await ctx.http.get(`/api/match-runs/${run.id}`).set(coordinator.auth).expect(200)).body,
    ).toMatchObject({
      status: 'succeeded',
      shortageStatus: 'failed',
    });
  });
});

import { INestApplicationContext } from '@nestjs/common';
import { ChildProcess } from 'node:child_process';
import { QueryRunner } from 'typeorm';
import { MatchRun, MatchRunStatus } from '../../../libs/database/src';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { TcpProxy } from '../../../test/support/tcp-proxy';
import { waitFor } from '../../../test/support/wait-for';
import { startWorker } from '../src/main';
import { spawnWorker } from './support/spawn-worker';

/**
 * Issue 9, item 4: a match run whose worker dies (SIGKILL) or whose database connection is cut
 * (a TCP proxy in front of PostgreSQL) mid-run is noticed within a poll (its advisory lock is
 * gone with its session), queued again under a fresh job id and finished; its `error` names the
 * cause. The test holds the region's matching lock, so the run waits, `running`, in its store
 * step until the fault is injected.
 */
describe('match runs interrupted mid-run (e2e)', () => {
  let ctx: TestContext;
  let proxy: TcpProxy;
  let worker: INestApplicationContext | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    // The run waits on the region lock for as long as the test holds it: no lock timeout.
    ctx = await TestContext.create({ DATABASE_LOCK_TIMEOUT_MS: '0' });
    const database = new URL(ctx.config.database.url);
    proxy = await TcpProxy.start({ host: database.hostname, port: Number(database.port || 5432) });
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    proxy?.restore();
    await worker?.close();
    await ctx?.close();
    await proxy?.close();
  });

  /** A region with one request and one teacher who fits it, and its coordinator. */
  async function region(): Promise<{ regionId: string; coordinator: TestUser }> {
    const { id: regionId } = await ctx.newRegion();
    await ctx.newRequest(await ctx.newSchool(regionId));
    await ctx.newTeacher((await ctx.newCompany(regionId)).id);
    return { regionId, coordinator: await ctx.newCoordinator(regionId) };
  }

  /** Holds the region's matching lock (as a concurrent cascade would), so a run waits in its store step. */
  async function holdRegionLock(regionId: string): Promise<QueryRunner> {
    const holder = ctx.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('match-region-' || $1::text, 0))`, [
      regionId,
    ]);
    return holder;
  }

  async function startRun(coordinator: TestUser, regionId: string): Promise<string> {
    const { body } = await ctx.http
      .post('/api/match-runs')
      .set(coordinator.auth)
      .send({ regionId })
      .expect(202);
    return body.id as string;
  }

  const reload = (id: string) => ctx.db.getRepository(MatchRun).findOneByOrFail({ id });

  /** The run is `running` and its worker waits for the region lock the test holds. */
  const waitingForRegionLock = (runId: string) =>
    waitFor(
      `run ${runId} to wait, running, for the region lock`,
      async () => {
        const [{ waiting }] = await ctx.db.query<Array<{ waiting: number }>>(
          `SELECT count(*)::int AS waiting FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        return waiting > 0 && (await reload(runId)).status === MatchRunStatus.Running;
      },
      180_000,
    );

  const finished = (runId: string, timeoutMs = 30_000) =>
    waitFor(
      `run ${runId} to finish`,
      async () => {
        const run = await reload(runId);
        return run.status === MatchRunStatus.Succeeded || run.status === MatchRunStatus.Failed
          ? run
          : undefined;
      },
      timeoutMs,
    );

  it('4. a run whose database connection is cut is queued again within seconds, finishes, and names the cause', async () => {
    worker = await startWorker(
      { ...ctx.config, database: { ...ctx.config.database, url: proxy.rewrite(ctx.config.database.url) } },
      { logger: false },
    );
    const { regionId, coordinator } = await region();
    const holder = await holdRegionLock(regionId);
    const runId = await startRun(coordinator, regionId);
    await waitingForRegionLock(runId);

    proxy.cut();
    await holder.commitTransaction();
    await holder.release();
    // The worker has tried, and failed, to reach the database since the cut.
    await waitFor('the worker to try the database while it is cut', () => proxy.refusedSinceCut > 0);
    proxy.restore();

    const run = await finished(runId);
    expect(run.status).toBe(MatchRunStatus.Succeeded);
    expect(run.requeues).toBe(1);
    expect(run.error).toMatch(
      /^Attempt 1 was interrupted: .*(Connection terminated|ECONNRESET|ECONNREFUSED)/,
    );
    expect(run.result).toMatchObject({ proposalsCreated: 1 });
    // The region is free again: a new run is accepted.
    await ctx.http.post('/api/match-runs').set(coordinator.auth).send({ regionId }).expect(202);
    await worker.close();
    worker = undefined;
  });

  it('4. a run whose worker is killed is noticed by another worker within seconds and finished by it', async () => {
    const { regionId, coordinator } = await region();
    const holder = await holdRegionLock(regionId);
    const runId = await startRun(coordinator, regionId);
    const spawned = spawnWorker(ctx.config, { DATABASE_LOCK_TIMEOUT_MS: '0' });
    child = spawned.child;
    await waitingForRegionLock(runId).catch((error: Error) => {
      throw new Error(`${error.message}; the worker wrote: ${spawned.output() || 'nothing'}`);
    });

    child.kill('SIGKILL');
    await spawned.exited;
    await holder.commitTransaction();
    await holder.release();

    // A fresh worker: its poller finds the run's lock free at its first pass.
    worker = await startWorker(ctx.config, { logger: false });
    const requeued = await waitFor(
      'the run to be queued again',
      async () => {
        const run = await reload(runId);
        return run.requeues === 1 ? run : undefined;
      },
      10_000,
    );
    expect(requeued.error).toBe(
      'Attempt 1 was interrupted: the worker running it stopped (its database session ended)',
    );
    const run = await finished(runId);
    expect(run.status).toBe(MatchRunStatus.Succeeded);
    expect(run.result).toMatchObject({ proposalsCreated: 1 });
  }, 300_000);
});

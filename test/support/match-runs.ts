import { MatchRun, MatchRunShortageStatus } from '../../libs/database/src';
import { TestContext, TestUser } from './test-context';
import { waitFor } from './wait-for';

/**
 * Waits (bounded, polling the row) until the run's shortage signals, computed by their own job
 * after the run is stored, are no longer owed; returns the run with them.
 */
export function settledShortage(ctx: TestContext, matchRunId: string, timeoutMs = 30_000): Promise<MatchRun> {
  return waitFor(
    `the shortage signals of match run ${matchRunId}`,
    async () => {
      const run = await ctx.db.getRepository(MatchRun).findOneOrFail({
        where: { id: matchRunId },
        select: {
          id: true,
          shortageStatus: true,
          shortageRequeues: true,
          shortage: true,
          timings: true,
          finishedAt: true,
        },
      });
      return run.shortageStatus === MatchRunShortageStatus.Pending ? undefined : run;
    },
    timeoutMs,
  );
}

/** Starts a run over HTTP (202) as `coordinator` and waits (bounded) until it succeeded or failed. */
export async function runMatching(ctx: TestContext, coordinator: TestUser, regionId: string) {
  const started = await ctx.http.post('/api/match-runs').set(coordinator.auth).send({ regionId }).expect(202);
  return waitFor(`match run ${started.body.id} to finish`, async () => {
    const { body } = await ctx.http
      .get(`/api/match-runs/${started.body.id}`)
      .set(coordinator.auth)
      .expect(200);
    return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
  });
}

import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import {
  MatchRun,
  MatchRunResult,
  MatchRunShortageStatus,
  MatchRunStatus,
  MatchRunTimings,
} from '@hybridmatch/database';
import { Metrics } from '@hybridmatch/metrics';
import { APP_CONFIG, AppConfig, CLOCK } from '@hybridmatch/config';
import { Clock, today, messageOf } from '@hybridmatch/domain';
import {
  buildInstance,
  companyFairness,
  ExactRegionResult,
  explainUnfilled,
  MipSolver,
  proposalAlternatives,
  ProposedMatch,
  resolveWeights,
  solveInstanceExact,
} from '@hybridmatch/matching';
import {
  compactUnfilled,
  loadRegionInput,
  lockRegionForMatching,
  MatchingInput,
  MatchRunRepository,
  newProposalFromMatch,
  ProposalService,
  withoutClaimedSince,
} from '@hybridmatch/core';
import { assertQueueReady, QUEUES, shortageSignalsJob, withTimeout } from '@hybridmatch/queue';

export type MatchRunOutcome =
  { result: 'succeeded'; summary: MatchRunResult } | { result: 'skipped'; reason: string };

/** Longest error message kept on the run. */
const MAX_ERROR_LENGTH = 1000;
/** How long queueing the signals job after the run waits for the queue before leaving it to the poller. */
const QUEUE_WAIT_MS = 2000;

const elapsed = (from: number, to: number) => Math.round(to - from);

/** The loaded MIP solver (HiGHS), one per worker process. */
export const MIP_SOLVER = Symbol('MIP_SOLVER');

/**
 * Runs one match run: takes the run's advisory lock on a database session of its own (held until
 * the run ends, so PostgreSQL itself tells the poller when this worker or its connection dies),
 * claims it (queued → running, a conditional update, so a duplicate job skips), reads the region,
 * runs the engine, and stores every proposal (with its explanation and notifications) and the
 * run's result in one transaction, which rolls back if the run was meanwhile given up as
 * interrupted. A failure is recorded on the run: it goes back to queued for the job's retry, or
 * becomes failed after the last attempt. The stored run owes its shortage signals (pending, in the
 * same transaction); their job is queued after the commit, or by the poller when that fails.
 */
@Injectable()
export class MatchRunner {
  private readonly logger = new Logger(MatchRunner.name);

  constructor(
    @InjectQueue(QUEUES.matching) private readonly queue: Queue,
    private readonly dataSource: DataSource,
    private readonly matchRuns: MatchRunRepository,
    private readonly proposals: ProposalService,
    private readonly metrics: Metrics,
    @Inject(MIP_SOLVER) private readonly solver: MipSolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(matchRunId: string, finalAttempt: boolean): Promise<MatchRunOutcome> {
    const runs = this.dataSource.getRepository(MatchRun);
    const run = await runs.findOneBy({ id: matchRunId });
    if (!run) return { result: 'skipped', reason: 'the match run no longer exists' };
    if (run.status !== MatchRunStatus.Queued)
      return { result: 'skipped', reason: `the match run is already ${run.status}` };
    const session = this.dataSource.createQueryRunner();
    await session.connect();
    try {
      // Not ours to run now: another job holds it (it will claim it, and this job skips on retry).
      if (!(await this.matchRuns.lockRun(session, run.id)))
        throw new Error('Another worker holds the match run; retried');
      if (!(await this.matchRuns.claim(session, run.id)))
        return { result: 'skipped', reason: 'another worker took the match run' };
      let summary: MatchRunResult;
      try {
        summary = await this.execute(run);
      } catch (caught) {
        const error = messageOf(caught).slice(0, MAX_ERROR_LENGTH);
        await runs.update(
          { id: run.id, status: MatchRunStatus.Running },
          finalAttempt
            ? { status: MatchRunStatus.Failed, error, finishedAt: new Date() }
            : { status: MatchRunStatus.Queued, error },
        );
        throw caught;
      }
      await this.queueShortageSignals(run.id);
      await this.refreshStatistics();
      return { result: 'succeeded', summary };
    } finally {
      // A session that died has lost the lock already; the pool drops the broken connection.
      await this.matchRuns.unlockRun(session, run.id).catch(() => undefined);
      await session.release();
    }
  }

  private async execute(run: MatchRun): Promise<MatchRunResult> {
    const started = performance.now();
    const input = await loadRegionInput(this.dataSource.manager, run.regionId, today(this.clock));
    const loaded = performance.now();
    // The engine sees what is left of each period from today, as the rule book does at answer time.
    const engine = { weights: run.parameters.weights, exclude: input.exclude, today: input.today };
    // One instance (eligible pairs and their scores) for the engine and the alternatives.
    const instance = buildInstance(input.teachers, input.requests, engine);
    const solved = solveInstanceExact(
      instance,
      this.solver,
      { ...engine, timeLimitSeconds: this.config.matching.timeLimitSeconds },
      loaded,
    );
    const matched = performance.now();
    // Per match the other teachers the coordinator may see, with why each lost.
    const considered = new Map(
      proposalAlternatives(input.teachers, input.requests, solved.matches, engine, {}, instance).map(
        (alternatives, k) => [solved.matches[k], alternatives],
      ),
    );
    const considering = performance.now();
    const weights = resolveWeights(run.parameters.weights);
    // Every block the proposals leave open, explained rule by rule: before the store transaction,
    // so the region lock is not held while it runs (again inside only if a cascade took some).
    const unfilledOf = (matches: ProposedMatch[]) =>
      explainUnfilled(input.teachers, input.requests, matches, {
        exclude: input.exclude,
        today: input.today,
      });
    const explainedUpfront = unfilledOf(solved.matches);
    const explained = performance.now();
    const { result, timings } = await this.dataSource.transaction(async (manager) => {
      await lockRegionForMatching(manager, run.regionId);
      const matches = await withoutClaimedSince(manager, solved.matches, input);
      await this.proposals.createMany(
        manager,
        matches.map((match) =>
          newProposalFromMatch(match, run.id, { weights, considered: considered.get(match) }),
        ),
      );
      const result = summarise(input, solved, matches);
      const unfilled = matches.length === solved.matches.length ? explainedUpfront : unfilledOf(matches);
      const stored = performance.now();
      const timings: MatchRunTimings = {
        loadMs: elapsed(started, loaded),
        engine: { ...solved.timings },
        explainUnfilledMs: elapsed(considering, explained),
        // The alternatives per proposal and the transaction, as before the explanations moved out.
        storeMs: elapsed(matched, considering) + elapsed(explained, stored),
        totalMs: elapsed(started, stored),
      };
      const finished = await manager.update(
        MatchRun,
        { id: run.id, status: MatchRunStatus.Running },
        {
          status: MatchRunStatus.Succeeded,
          finishedAt: new Date(),
          result,
          timings,
          unfilled: compactUnfilled(unfilled),
          shortageStatus: MatchRunShortageStatus.Pending,
        },
      );
      // The poller gave the run up (this worker's lock session ended): store nothing.
      if (!finished.affected)
        throw new Error('The match run was given up as interrupted while it was stored');
      return { result, timings };
    });
    const phases: Record<string, number> = {
      load: loaded - started,
      engine: matched - loaded,
      store: timings.storeMs ?? 0,
      total: timings.totalMs ?? 0,
    };
    for (const [phase, ms] of Object.entries(phases))
      this.metrics.matchRunPhase.observe({ phase }, ms / 1000);
    return result;
  }

  /** Best effort, after the run is stored: the next run's plans depend on it, this run's result does not. */
  private async refreshStatistics(): Promise<void> {
    try {
      const analysed = await this.matchRuns.refreshBulkStatistics();
      if (analysed.length) this.logger.debug(`Planner statistics refreshed: ${analysed.join(', ')}`);
    } catch (error) {
      this.logger.warn(`Planner statistics not refreshed: ${messageOf(error)}`);
    }
  }

  /** Best effort: the run owes its signals already, and the poller queues the job when this fails. */
  private async queueShortageSignals(matchRunId: string): Promise<void> {
    try {
      await assertQueueReady(this.queue, QUEUE_WAIT_MS);
      const job = shortageSignalsJob(matchRunId, 0);
      await withTimeout(
        this.queue.add(job.name, job.data, job.opts),
        QUEUE_WAIT_MS,
        'The queue did not accept the shortage-signals job',
      );
    } catch (error) {
      this.logger.warn(`Shortage signals of match run ${matchRunId} left to the poller: ${messageOf(error)}`);
    }
  }
}

function summarise(input: MatchingInput, solved: ExactRegionResult, stored: ProposedMatch[]): MatchRunResult {
  const minutesOf = new Map(
    input.requests.flatMap((request) =>
      request.blocks.map((block) => [block.id, block.end - block.start] as const),
    ),
  );
  const filledPerRequest = new Map<string, number>();
  for (const match of stored)
    filledPerRequest.set(
      match.requestId,
      (filledPerRequest.get(match.requestId) ?? 0) + match.blockIds.length,
    );
  const blocksConsidered = solved.totals.blocks;
  const blocksFilled = stored.reduce((sum, match) => sum + match.blockIds.length, 0);
  return {
    requestsConsidered: input.requests.length,
    teachersConsidered: input.teachers.length,
    blocksConsidered,
    blocksFilled,
    requestsFilled: input.requests.filter(
      (request) => filledPerRequest.get(request.id) === request.blocks.length,
    ).length,
    minutesPerWeek: stored.reduce(
      (sum, match) =>
        sum + match.blockIds.reduce((minutes, blockId) => minutes + (minutesOf.get(blockId) ?? 0), 0),
      0,
    ),
    totalScore: stored.reduce((sum, match) => sum + match.score, 0),
    fillRate: blocksConsidered === 0 ? 0 : Math.round((blocksFilled / blocksConsidered) * 10_000) / 10_000,
    proposalsCreated: stored.length,
    proof: {
      method: solved.proof.method,
      proven: solved.proof.proven,
      score: solved.proof.score,
      upperBound: solved.proof.upperBound,
      gap: solved.proof.gap,
      heuristicScore: solved.proof.heuristicScore,
      mipStatus: solved.proof.mipStatus,
      mipMs: Math.round(solved.proof.mipMs),
      timeLimitSeconds: solved.proof.timeLimitSeconds,
    },
    fairness: companyFairness(input.teachers, input.requests, stored),
  };
}

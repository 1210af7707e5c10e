import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MatchRun, MatchRunShortage, MatchRunShortageStatus } from '@hybridmatch/database';
import { Metrics } from '@hybridmatch/metrics';
import { CLOCK } from '@hybridmatch/config';
import { Clock, today } from '@hybridmatch/domain';
import { ShortageSignals, shortageSignals } from '@hybridmatch/matching';
import { loadRegionInput, MatchRunRepository } from '@hybridmatch/core';

export type ShortageSignalsOutcome =
  { result: 'computed'; solves: number; ms: number } | { result: 'skipped'; reason: string };

/**
 * The `shortage-signals` job of a stored run (docs/MATCH-RUNS.md): reads the region as it is when
 * the job runs, with the run's own proposals counted as not made (a cascade or an answer since the
 * run is in it), runs `shortageSignals` (region re-solves) and stores
 * them on the run, only while the run still owes them, so a duplicate or repeated job changes
 * nothing. A failure on the last attempt marks them failed; earlier ones leave them owed for the
 * job's retry.
 */
@Injectable()
export class ShortageSignalsRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: MatchRunRepository,
    private readonly metrics: Metrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async compute(matchRunId: string, finalAttempt: boolean): Promise<ShortageSignalsOutcome> {
    const run = await this.dataSource.getRepository(MatchRun).findOne({
      where: { id: matchRunId },
      select: { id: true, regionId: true, parameters: true, shortageStatus: true },
    });
    if (!run) return { result: 'skipped', reason: 'the match run no longer exists' };
    if (run.shortageStatus !== MatchRunShortageStatus.Pending)
      return { result: 'skipped', reason: `the shortage signals are ${run.shortageStatus ?? 'not owed'}` };
    try {
      const input = await loadRegionInput(this.dataSource.manager, run.regionId, today(this.clock), {
        withoutProposalsOfRun: run.id,
      });
      const signals = shortageSignals(input.teachers, input.requests, {
        weights: run.parameters.weights,
        exclude: input.exclude,
        today: input.today,
      });
      const shortage = shortageOf(signals, this.clock.now());
      if (!(await this.runs.storeShortage(run.id, shortage)))
        return { result: 'skipped', reason: 'the shortage signals were stored by another job' };
      this.metrics.matchRunPhase.observe({ phase: 'shortage' }, signals.ms / 1000);
      return { result: 'computed', solves: signals.solves, ms: shortage.ms };
    } catch (caught) {
      if (finalAttempt) await this.runs.failShortage(run.id);
      throw caught;
    }
  }
}

/** The signals as stored on the run (the profile teacher itself is left out: it is derived from the profile). */
function shortageOf(signals: ShortageSignals, computedAt: Date): MatchRunShortage {
  return {
    baseline: signals.baseline,
    profiles: signals.profiles.map(({ subjectCode, level, weekday, minutesGained, blocksGained }) => ({
      subjectCode,
      level,
      weekday,
      minutesGained,
      blocksGained,
    })),
    staff: signals.staff,
    solves: signals.solves,
    notTried: signals.notTried,
    ms: Math.round(signals.ms),
    computedAt: computedAt.toISOString(),
  };
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { CompanyFairness } from '@hybridmatch/matching';
import { Region } from './region.entity';
import { User } from './user.entity';

export enum MatchRunStatus {
  Queued = 'queued',
  Running = 'running',
  Succeeded = 'succeeded',
  Failed = 'failed',
}

/**
 * The run's shortage signals, computed by a job of their own after the run is stored: pending
 * (owed; the worker's poller queues the job while it is), computed, or failed (the job's last
 * attempt failed). Null: the run has not succeeded, so it owes none.
 */
export enum MatchRunShortageStatus {
  Pending = 'pending',
  Computed = 'computed',
  Failed = 'failed',
}

export enum MatchRunTrigger {
  Manual = 'manual',
  Schedule = 'schedule',
}

/** What the run was asked to do: overrides of the engine's score weights. */
export interface MatchRunParameters {
  weights?: Record<string, number>;
}

/** Milliseconds per phase: loading the input, the engine's own phases, storing the proposals. */
export interface MatchRunTimings {
  loadMs?: number;
  engine?: Record<string, number>;
  storeMs?: number;
  /** Computing the shortage signals (region re-solves). */
  shortageMs?: number;
  /** Explaining the unfilled blocks. */
  explainUnfilledMs?: number;
  totalMs?: number;
}

/** What the run achieved. */
export interface MatchRunResult {
  requestsConsidered: number;
  teachersConsidered: number;
  blocksConsidered: number;
  blocksFilled: number;
  requestsFilled: number;
  minutesPerWeek: number;
  totalScore: number;
  fillRate: number;
  proposalsCreated: number;
  /**
   * What is proven about the engine's answer (runs before the exact solve lack it): its score, a
   * proven upper bound on every feasible answer, the relative gap between them (0 = proven
   * optimal), how it was found (flow, mip or heuristic) and the engine's own score before the MIP.
   */
  proof?: {
    method: 'flow' | 'mip' | 'heuristic';
    proven: boolean;
    score: number;
    upperBound: number;
    gap: number;
    heuristicScore: number;
    mipStatus: string | null;
    mipMs: number;
    timeLimitSeconds: number;
  };
  /**
   * Fairness between companies within the run (runs before it lack it): per company the share of
   * its offered minutes in use after the run, their spread and Jain's index (companyFairness).
   */
  fairness?: CompanyFairness;
}

/**
 * Shortage signals computed from the run's input (see shortageSignals in @hybridmatch/matching):
 * every gain is the difference of two real region solves.
 */
export interface MatchRunShortage {
  /** Filled minutes and blocks of the engine's solve the gains are measured from. */
  baseline: { minutesFilled: number; blocksFilled: number };
  /** One more teacher of this profile: most minutes gained first. */
  profiles: {
    subjectCode: string;
    level: string;
    weekday: number;
    minutesGained: number;
    blocksGained: number;
  }[];
  /** One more released day for this teacher: per company, most minutes gained first. */
  staff: { teacherId: string; companyId: string; minutesGained: number; blocksGained: number }[];
  /** Region re-solves made, and the time they took (ms). */
  solves: number;
  /** When the signals were computed (by the job after the run; runs stored with them lack it). */
  computedAt?: string;
  /** Candidates (profiles and teachers) left out by the re-solve budget. */
  notTried: number;
  ms: number;
}

/** Why one lesson block stayed unfilled in a run (see explainUnfilled in @hybridmatch/matching). */
export interface MatchRunUnfilledBlock {
  requestId: string;
  blockId: string;
  teachersInRegion: number;
  eligibleTeachers: number;
  /** Per rule code: teachers of the region failing it for this block. */
  failing: { rule: string; teachers: number }[];
  /** Per rule code: teachers failing only that rule. */
  nearestMisses: { rule: string; teachers: number; teacherIds: string[] }[];
  shiftedStart: { start: number; teachers: number } | null;
  /** Eligible teachers held back by what the run gave them, per reason. */
  heldBack: { rule: string; teachers: number }[];
  nearestSkilledKm: number | null;
  sentences: { nl: string[]; en: string[] };
}

/**
 * `unfilled` as a run stores it since 2026-12-04: each nearest miss names its teachers by their
 * position in `teacherIds` (a national region's ~120,000 ids of nearest misses are most of the
 * value's size otherwise). `unfilledBlocksOf` (@hybridmatch/core) gives the blocks back with the
 * ids; runs stored before hold the blocks themselves.
 */
export interface MatchRunUnfilledCompact {
  /** Every teacher a nearest miss names, once. */
  teacherIds: string[];
  blocks: (Omit<MatchRunUnfilledBlock, 'nearestMisses'> & {
    nearestMisses: { rule: string; teachers: number; teacherIndexes: number[] }[];
  })[];
}

/**
 * One run of the matching engine over a region's open requests and available teachers. The API
 * records it (queued) and a worker job runs it. The partial unique index lets the database refuse
 * a second queued or running run for the same region.
 */
@Entity('match_run')
@Index('uq_match_run_active_region', ['regionId'], {
  unique: true,
  where: `"status" IN ('queued', 'running')`,
})
@Index('ix_match_run_region_queued_at', ['regionId', 'queuedAt'])
@Index('ix_match_run_shortage_pending', ['finishedAt'], { where: `"shortage_status" = 'pending'` })
export class MatchRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  regionId: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  @Column({
    type: 'enum',
    enum: MatchRunStatus,
    enumName: 'match_run_status',
    default: MatchRunStatus.Queued,
  })
  status: MatchRunStatus;

  @Column({
    type: 'enum',
    enum: MatchRunTrigger,
    enumName: 'match_run_trigger',
    default: MatchRunTrigger.Manual,
  })
  trigger: MatchRunTrigger;

  /** Who started it; null for a scheduled run. */
  @Column({ type: 'uuid', nullable: true })
  requestedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'requested_by_user_id' })
  requestedBy?: User | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  parameters: MatchRunParameters;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  queuedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  timings: MatchRunTimings | null;

  @Column({ type: 'jsonb', nullable: true })
  result: MatchRunResult | null;

  /**
   * Every lesson block the run left unfilled, with the reasons (set once the run succeeded), read
   * through `unfilledBlocksOf`. Not loaded unless selected: it can be large, and lists of runs
   * never need it.
   */
  @Column({ type: 'json', nullable: true, select: false })
  unfilled: MatchRunUnfilledCompact | MatchRunUnfilledBlock[] | null;

  /**
   * Shortage signals of the region as the run saw it (set by the `shortage-signals` job after the
   * run is stored; not loaded unless selected).
   */
  @Column({ type: 'json', nullable: true, select: false })
  shortage: MatchRunShortage | null;

  /** Whether the run's shortage signals are owed, computed or failed (null: none owed). */
  @Column({
    type: 'enum',
    enum: MatchRunShortageStatus,
    enumName: 'match_run_shortage_status',
    nullable: true,
  })
  shortageStatus: MatchRunShortageStatus | null;

  /** How often the poller queued the signals job again (its job id is fresh each time). */
  @Column({ type: 'integer', default: 0 })
  shortageRequeues: number;

  /**
   * Why the run failed (the last attempt's error); on a run that went on, what interrupted an
   * earlier attempt.
   */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** How often the run was queued again after its worker or database session died mid-run. */
  @Column({ type: 'integer', default: 0 })
  requeues: number;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { MatchRunShortage } from '@hybridmatch/database';

/** The shortage signals of a region's latest succeeded run that has them. */
export interface RegionShortageRow {
  matchRunId: string;
  regionId: string;
  finishedAt: Date;
  shortage: MatchRunShortage;
}

/** A queued run: its job id is `match-run-<id>-<requeues>`. */
export interface QueuedRun {
  id: string;
  requeues: number;
}

/** The advisory lock a worker holds on its own database session for as long as it runs a match run. */
const RUN_LOCK = `hashtextextended('match-run-' || $1::text, 0)`;

/**
 * The match-run queries of the worker's runner and poller, and of the shortage-signal route. A running run is always held by an
 * advisory lock on its worker's own database session (`lockRun`): PostgreSQL drops the lock the
 * moment that session ends (the worker killed, its connection cut), so a running run whose lock
 * is free has lost its worker, and `claimInterrupted` finds it within one poll.
 */
@Injectable()
export class MatchRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the run's lock on `session` (a connection of its own, held for the whole run), with TCP
   * keepalives short enough that PostgreSQL notices a vanished worker host within about 30 s.
   * False when another session holds it (another worker runs the run).
   */
  async lockRun(session: QueryRunner, id: string): Promise<boolean> {
    await session.query(
      `SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3`,
    );
    // QueryRunner.query answers `any`: the row's shape is stated here.
    const [{ locked }] = (await session.query(`SELECT pg_try_advisory_lock(${RUN_LOCK}) AS locked`, [
      id,
    ])) as Array<{ locked: boolean }>;
    return locked;
  }

  async unlockRun(session: QueryRunner, id: string): Promise<void> {
    await session.query(`SELECT pg_advisory_unlock(${RUN_LOCK})`, [id]);
  }

  /** queued → running, on the session that holds the run's lock. False when the run is no longer queued. */
  async claim(session: QueryRunner, id: string): Promise<boolean> {
    const [, count] = (await session.query(
      `UPDATE match_run SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued'`,
      [id],
    )) as [unknown[], number];
    return count > 0;
  }

  /**
   * Running runs whose lock is free (their worker or its session is gone); the caller's
   * transaction (`manager`) keeps their locks until it commits, so no new runner takes them
   * meanwhile. Only running runs' locks are tried (the CTE is materialised first).
   */
  async claimInterrupted(manager: EntityManager): Promise<QueuedRun[]> {
    return manager.query(
      `WITH running AS MATERIALIZED (SELECT id, requeues FROM match_run WHERE status = 'running')
       SELECT id, requeues FROM running WHERE pg_try_advisory_xact_lock(hashtextextended('match-run-' || id::text, 0))`,
    );
  }

  /**
   * An interrupted run goes back to queued (`requeues` + 1: its next job id is fresh) with the
   * cause in `error`, or, after `maxRequeues`, fails with it.
   */
  async requeueInterrupted(
    manager: EntityManager,
    run: QueuedRun,
    cause: string,
    maxRequeues: number,
  ): Promise<'queued' | 'failed'> {
    const [rows]: [Array<{ status: 'queued' | 'failed' }>, number] = await manager.query(
      `UPDATE match_run
          SET status = CASE WHEN requeues < $3 THEN 'queued' ELSE 'failed' END::match_run_status,
              requeues = CASE WHEN requeues < $3 THEN requeues + 1 ELSE requeues END,
              error = $2, started_at = NULL,
              finished_at = CASE WHEN requeues < $3 THEN NULL ELSE now() END
        WHERE id = $1 AND status = 'running'
        RETURNING status::text AS status`,
      [run.id, cause, maxRequeues],
    );
    return rows[0]?.status ?? 'queued';
  }

  /** The queued runs, oldest first. */
  async queued(): Promise<QueuedRun[]> {
    return this.dataSource.query(
      `SELECT id, requeues FROM match_run WHERE status = 'queued' ORDER BY queued_at`,
    );
  }

  /** Per region (all when `regionIds` is undefined), the latest succeeded run with shortage signals. */
  async latestShortage(regionIds: string[] | undefined): Promise<RegionShortageRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (region_id) id AS "matchRunId", region_id AS "regionId", finished_at AS "finishedAt", shortage
         FROM match_run
        WHERE status = 'succeeded' AND shortage IS NOT NULL AND ($1::uuid[] IS NULL OR region_id = ANY($1::uuid[]))
        ORDER BY region_id, finished_at DESC, id`,
      [regionIds ?? null],
    );
  }
}

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

/** A run that owes its shortage signals: their job id is `shortage-signals-<id>-<requeues>`. */
export interface OwedShortage {
  id: string;
  requeues: number;
}

/** A queued run: its job id is `match-run-<id>-<requeues>`. */
export interface QueuedRun {
  id: string;
  requeues: number;
}

/** The tables a match run writes in bulk (a national region: ~1,000 proposals and ~3,800 notifications). */
const BULK_WRITTEN = ['proposal', 'proposal_event', 'notification'];

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

  /**
   * Refreshes the planner's statistics of the tables match runs write in bulk once they have
   * changed by more than autovacuum's analyze threshold (50 rows and 10 %), as PostgreSQL advises
   * after a bulk load. Autovacuum would do it within a minute, when it runs at all; until then a
   * table that was empty when last analysed gets plans for an empty table, which read every row
   * of it for each region's queries (a national round: 100 regions in two minutes). One worker at
   * a time (a try-lock: another that finds it taken skips). It never waits for a table's lock
   * (a vacuum's, a migration's): it gives up after 100 ms, below the second after which PostgreSQL
   * would cancel an autovacuum in its way. Answers the tables analysed.
   */
  async refreshBulkStatistics(): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '100ms'`);
      const [{ locked }] = await manager.query<Array<{ locked: boolean }>>(
        `SELECT pg_try_advisory_xact_lock(hashtextextended('analyze-match-run-tables', 0)) AS locked`,
      );
      if (!locked) return [];
      const stale = await manager.query<Array<{ relname: string }>>(
        `SELECT relname FROM pg_stat_user_tables
          WHERE schemaname = current_schema() AND relname = ANY($1::text[])
            AND n_mod_since_analyze > 50 + 0.1 * GREATEST(n_live_tup, 0)`,
        [BULK_WRITTEN],
      );
      for (const { relname } of stale) await manager.query(`ANALYZE "${relname}"`);
      return stale.map((row) => row.relname);
    });
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

  /** Runs that still owe their shortage signals, longest waiting first (at most `limit`). */
  async owingShortage(limit: number): Promise<OwedShortage[]> {
    return this.dataSource.query(
      `SELECT id, shortage_requeues AS requeues FROM match_run
        WHERE shortage_status = 'pending' ORDER BY finished_at, id LIMIT $1`,
      [limit],
    );
  }

  /**
   * The signals job of `owed` ended without recording its outcome (its worker died past BullMQ's
   * stall limit, or its last write failed): a fresh job id (`requeues` + 1), or, after
   * `maxRequeues`, failed. Null when the run no longer owes that job (another poller or the job
   * itself got there first).
   */
  async requeueShortage(owed: OwedShortage, maxRequeues: number): Promise<number | 'failed' | null> {
    const [rows]: [Array<{ status: string; requeues: number }>, number] = await this.dataSource.query(
      `UPDATE match_run
          SET shortage_status = CASE WHEN shortage_requeues < $3 THEN 'pending' ELSE 'failed' END::match_run_shortage_status,
              shortage_requeues = CASE WHEN shortage_requeues < $3 THEN shortage_requeues + 1 ELSE shortage_requeues END
        WHERE id = $1 AND shortage_status = 'pending' AND shortage_requeues = $2
        RETURNING shortage_status::text AS status, shortage_requeues AS requeues`,
      [owed.id, owed.requeues, maxRequeues],
    );
    const [row] = rows;
    if (!row) return null;
    return row.status === 'failed' ? 'failed' : row.requeues;
  }

  /**
   * Stores the signals of a run that owes them, with their time in `timings.shortageMs`. False when
   * it no longer owes them (a duplicate job got there first): nothing is written twice.
   */
  async storeShortage(id: string, shortage: MatchRunShortage): Promise<boolean> {
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE match_run
          SET shortage = $2::json, shortage_status = 'computed',
              timings = coalesce(timings, '{}'::jsonb) || jsonb_build_object('shortageMs', $3::int)
        WHERE id = $1 AND shortage_status = 'pending'`,
      [id, JSON.stringify(shortage), shortage.ms],
    );
    return count > 0;
  }

  /** The signals job's last attempt failed: the run owes them no more. */
  async failShortage(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE match_run SET shortage_status = 'failed' WHERE id = $1 AND shortage_status = 'pending'`,
      [id],
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

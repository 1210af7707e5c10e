import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MatchRunShortage } from '@hybridmatch/database';

/** The shortage signals of a region's latest succeeded run that has them. */
export interface RegionShortageRow {
  matchRunId: string;
  regionId: string;
  finishedAt: Date;
  shortage: MatchRunShortage;
}

/** The match-run queries of the worker's poller and the shortage-signal route. */
@Injectable()
export class MatchRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Marks runs still `running` longer than `staleAfter` (a PostgreSQL interval) as failed: their worker is gone. */
  async failStaleRuns(staleAfter: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE match_run SET status = 'failed', finished_at = now(), error = 'The worker stopped while running this match run; start a new one.'
        WHERE status = 'running' AND started_at < now() - $1::interval`,
      [staleAfter],
    );
  }

  /** The ids of the queued runs, oldest first. */
  async queuedIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM match_run WHERE status = 'queued' ORDER BY queued_at`,
    );
    return rows.map((row) => row.id);
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

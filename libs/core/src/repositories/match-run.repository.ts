import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The match-run queries of the worker's poller. */
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
}

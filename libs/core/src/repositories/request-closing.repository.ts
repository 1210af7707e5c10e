import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The SQL of closing requests whose period is over (RequestClosingService). */
@Injectable()
export class RequestClosingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Closes every open, partially filled or filled request whose last day is before `today`, with the reason. */
  async closeEndedBefore(today: string, now: Date): Promise<string[]> {
    const [rows]: [Array<{ id: string }>, number] = await this.dataSource.query(
      `UPDATE teaching_request
          SET status = 'closed', status_reason = 'The period ended on ' || period_end::text || '.',
              status_changed_by_user_id = NULL, status_changed_at = $2, version = version + 1, updated_at = $2
        WHERE status IN ('open', 'partially_filled', 'filled') AND period_end < $1::date
        RETURNING id`,
      [today, now],
    );
    return rows.map((row) => row.id);
  }
}

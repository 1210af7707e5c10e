import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How many notifications are in one delivery state, and how long the oldest of them has waited. */
export interface DeliveryStateCount {
  status: string;
  count: number;
  waited: number | null;
}

/** The outbox gauges' query: the notifications per delivery state (one aggregate, no rows read out). */
@Injectable()
export class NotificationStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  countByDeliveryStatus(): Promise<DeliveryStateCount[]> {
    return this.dataSource.query(
      `SELECT delivery_status::text AS status, count(*)::int AS count,
              extract(epoch FROM now() - min(created_at))::float8 AS waited
         FROM notification GROUP BY delivery_status`,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The outbox queries of the relay. They run in the relay's transaction (`manager`). */
@Injectable()
export class NotificationRepository {
  /**
   * Claims up to `limit` pending rows not yet relayed (or relayed longer than `againAfter` ago, a
   * PostgreSQL interval), oldest first, with `FOR UPDATE SKIP LOCKED`: concurrent relays never
   * claim the same rows.
   */
  async claimUnrelayed(manager: EntityManager, againAfter: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM notification
        WHERE delivery_status = 'pending' AND (relayed_at IS NULL OR relayed_at < now() - $1::interval)
        ORDER BY created_at, id
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [againAfter, limit],
    );
    return rows.map((row) => row.id);
  }

  async markRelayed(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE notification SET relayed_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }
}

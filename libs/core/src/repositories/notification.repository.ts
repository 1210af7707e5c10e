import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Notification, NotificationKind } from '@hybridmatch/database';

/** Rows per INSERT statement of `insertNew`: 6 parameters each, far below PostgreSQL's limit. */
const INSERT_CHUNK_ROWS = 1000;

/** A new outbox row: the in-app notification and the e-mail the relay queues later. */
export type NewNotification = Pick<
  Notification,
  'recipientUserId' | 'proposalId' | 'kind' | 'subject' | 'bodyText' | 'dedupeKey'
>;

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

  /**
   * Inserts the rows, skipping those whose dedupe key exists already (a repeated event notifies
   * nobody twice), in the caller's transaction; at most INSERT_CHUNK_ROWS per statement.
   */
  async insertNew(manager: EntityManager, rows: NewNotification[]): Promise<void> {
    for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(rows.slice(start, start + INSERT_CHUNK_ROWS))
        .orIgnore()
        .execute();
    }
  }

  /** A page of the user's notifications without the `hidden` kinds, unread first, newest first, and the total. */
  async pageOwn(
    manager: EntityManager,
    userId: string,
    hidden: readonly NotificationKind[],
    window: { skip: number; take: number },
  ): Promise<[Notification[], number]> {
    return manager
      .getRepository(Notification)
      .createQueryBuilder('notification')
      .where('notification.recipientUserId = :userId', { userId })
      .andWhere('notification.kind NOT IN (:...hidden)', { hidden })
      .orderBy('notification.read_at IS NULL', 'DESC')
      .addOrderBy('notification.createdAt', 'DESC')
      .addOrderBy('notification.id', 'ASC')
      .offset(window.skip)
      .limit(window.take)
      .getManyAndCount();
  }
}

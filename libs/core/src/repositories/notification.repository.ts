import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Notification, NotificationKind } from '@hybridmatch/database';

/** Rows per INSERT statement of `insertNew`: 6 parameters each, far below PostgreSQL's limit. */
const INSERT_CHUNK_ROWS = 1000;

/** A new outbox row: the in-app notification and the e-mail the relay queues later. */
export type NewNotification = Pick<
  Notification,
  'recipientUserId' | 'proposalId' | 'kind' | 'subject' | 'bodyText' | 'dedupeKey'
>;

/** A row the relay queued: its job id is `notification-<id>-<relayCount>`. */
export interface RelayedNotification {
  id: string;
  relayCount: number;
}

/** What a worker needs to send a claimed notification. */
export interface ClaimedNotification {
  id: string;
  /** The user's address, or a login-less teacher's profile address; null when that profile has none. */
  to: string | null;
  subject: string;
  bodyText: string;
  attempts: number;
}

/** A row the reconciler looks at: pending too long after its relay, or sending too long after its claim. */
export interface OverdueNotification {
  id: string;
  status: 'pending' | 'sending';
  relayCount: number;
  claimedBy: string | null;
  /** Long-backoff rounds used so far. */
  retryRound: number;
}

/** Which failed notifications an admin's resend or list may touch. */
export type NotificationScope = { kind: 'all' } | { kind: 'regions'; regionIds: string[] };

/** Resend filter: failed rows of these kinds, created in this window. */
export interface FailedNotificationFilter {
  kinds?: string[];
  createdFrom?: Date;
  createdBefore?: Date;
}

/**
 * The delivery state machine of the notification e-mail (docs/NOTIFICATIONS.md), one statement
 * per transition, each guarded by the state it leaves so that a repeated, late or concurrent
 * caller changes nothing:
 *
 *   pending ─relay─► pending (relayed) ─claim─► sending ─250─► sent
 *                                                  │ SMTP error ─► pending (job retries) / failed
 *   failed (next_attempt_at due) ─► pending (relayed anew) ; failed ─admin resend─► pending
 *   pending/sending overdue and its job gone ─► pending (relayed anew) or failed (with the reason)
 */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` pending rows not yet relayed, oldest first, with `FOR UPDATE SKIP LOCKED`
   * (concurrent relays never take the same rows), and counts the relay. Runs in the relay's
   * transaction, which rolls back when Redis does not take the jobs.
   */
  async claimUnrelayed(manager: EntityManager, limit: number): Promise<RelayedNotification[]> {
    const [rows]: [Array<{ id: string; relay_count: number }>, number] = await manager.query(
      `UPDATE notification n SET relayed_at = now(), relay_count = n.relay_count + 1
         FROM (SELECT id FROM notification
                WHERE delivery_status = 'pending' AND relayed_at IS NULL
                ORDER BY created_at, id
                LIMIT $1
                FOR UPDATE SKIP LOCKED) due
        WHERE n.id = due.id
        RETURNING n.id, n.relay_count`,
      [limit],
    );
    return rows.map((row) => ({ id: row.id, relayCount: row.relay_count }));
  }

  /**
   * Claims a pending row for sending by job `jobId` (committed at once, before any SMTP traffic),
   * counting the attempt. The same job may take over its own claim: BullMQ runs a job again with
   * the same id only after its previous worker lost the job's lock. Null when there is nothing to
   * send (sent, failed, gone, or claimed by another job).
   */
  async claimForSending(id: string, jobId: string): Promise<ClaimedNotification | null> {
    const [rows]: [Array<ClaimedNotification>, number] = await this.dataSource.query(
      `UPDATE notification n
          SET delivery_status = 'sending', claimed_at = now(), claimed_by = $2, attempts = n.attempts + 1
        WHERE n.id = $1
          AND (n.delivery_status = 'pending' OR (n.delivery_status = 'sending' AND n.claimed_by = $2))
        RETURNING n.id, n.subject, n.body_text AS "bodyText", n.attempts,
                  COALESCE((SELECT u.email FROM app_user u WHERE u.id = n.recipient_user_id),
                           (SELECT t.email FROM teacher_profile t WHERE t.id = n.recipient_teacher_id)) AS "to"`,
      [id, jobId],
    );
    return rows[0] ?? null;
  }

  /** The row's delivery status, or null when it no longer exists. */
  async deliveryStatus(id: string): Promise<{ status: string; claimedBy: string | null } | null> {
    const rows: Array<{ status: string; claimed_by: string | null }> = await this.dataSource.query(
      `SELECT delivery_status::text AS status, claimed_by FROM notification WHERE id = $1`,
      [id],
    );
    return rows[0] ? { status: rows[0].status, claimedBy: rows[0].claimed_by } : null;
  }

  /**
   * The SMTP server accepted the message: that is a fact whatever state the row reached meanwhile
   * (a reconciler that gave up on the claim, another attempt's failure), so it is recorded as is.
   */
  async markSent(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification
          SET delivery_status = 'sent', sent_at = now(), last_error = NULL, claimed_at = NULL,
              next_attempt_at = NULL
        WHERE id = $1`,
      [id],
    );
  }

  /**
   * The SMTP server refused (or could not be reached) during job `jobId`'s claim. `retryInMs`:
   * null gives the row back to the job's own retry (pending); a number marks it failed, sent
   * again that many milliseconds from now by the reconciler, after which the next round counts;
   * `-1` marks it failed for good (only an admin's resend brings it back).
   */
  async markAttemptFailed(id: string, jobId: string, error: string, retryInMs: number | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification
          SET delivery_status = CASE WHEN $4::int IS NULL THEN 'pending' ELSE 'failed' END::notification_delivery_status,
              last_error = $3, claimed_at = NULL,
              retry_round = CASE WHEN $4::int IS NULL THEN retry_round ELSE retry_round + 1 END,
              next_attempt_at = CASE WHEN $4::int >= 0 THEN now() + $4::int * interval '1 millisecond' END
        WHERE id = $1 AND delivery_status = 'sending' AND claimed_by = $2`,
      [id, jobId, error, retryInMs],
    );
  }

  /** The rows still `pending` longer than `pendingMs` after their relay, or `sending` longer than `sendingMs` after their claim. */
  async overdue(pendingMs: number, sendingMs: number, limit: number): Promise<OverdueNotification[]> {
    const rows: Array<{
      id: string;
      status: 'pending' | 'sending';
      relay_count: number;
      claimed_by: string | null;
      retry_round: number;
    }> = await this.dataSource.query(
      `(SELECT id, delivery_status::text AS status, relay_count, claimed_by, retry_round FROM notification
           WHERE delivery_status = 'pending' AND relayed_at < now() - $1::int * interval '1 millisecond'
           ORDER BY relayed_at LIMIT $3)
         UNION ALL
         (SELECT id, delivery_status::text AS status, relay_count, claimed_by, retry_round FROM notification
           WHERE delivery_status = 'sending' AND claimed_at < now() - $2::int * interval '1 millisecond'
           ORDER BY claimed_at LIMIT $3)`,
      [pendingMs, sendingMs, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      relayCount: row.relay_count,
      claimedBy: row.claimed_by,
      retryRound: row.retry_round,
    }));
  }

  /**
   * An overdue row whose job is gone (Redis lost it): back to pending and unrelayed, so the relay
   * queues it with a fresh job id. Only if it is still as the reconciler saw it.
   */
  async requeue(row: OverdueNotification, reason: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE notification
          SET delivery_status = 'pending', relayed_at = NULL, claimed_at = NULL, last_error = $4
        WHERE id = $1 AND delivery_status = $2::notification_delivery_status AND relay_count = $3`,
      [row.id, row.status, row.relayCount, reason],
    );
    return result[1] > 0;
  }

  /**
   * An overdue row whose job failed outside SMTP (the database unreachable, a job that stalled too
   * often): failed with the reason, sent again after `retryInMs` (-1: failed for good).
   */
  async failOverdue(row: OverdueNotification, reason: string, retryInMs: number): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE notification
          SET delivery_status = 'failed', claimed_at = NULL, last_error = $4, retry_round = retry_round + 1,
              next_attempt_at = CASE WHEN $5::int >= 0 THEN now() + $5::int * interval '1 millisecond' END
        WHERE id = $1 AND delivery_status = $2::notification_delivery_status AND relay_count = $3`,
      [row.id, row.status, row.relayCount, reason, retryInMs],
    );
    return result[1] > 0;
  }

  /** How many long-backoff rounds the row has used (to pick the next delay). */
  async retryRound(id: string): Promise<number> {
    const rows: Array<{ retry_round: number }> = await this.dataSource.query(
      `SELECT retry_round FROM notification WHERE id = $1`,
      [id],
    );
    return rows[0]?.retry_round ?? 0;
  }

  /** Failed rows whose next attempt is due go back to pending, unrelayed: the relay queues them afresh. */
  async releaseDueRetries(): Promise<number> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `UPDATE notification SET delivery_status = 'pending', relayed_at = NULL, next_attempt_at = NULL
        WHERE delivery_status = 'failed' AND next_attempt_at <= now()`,
    );
    return count;
  }

  /**
   * An admin's resend: the failed rows among `ids` (or matching `filter`) inside `scope` go back to
   * pending with a fresh round of automatic retries. Returns the ids that were resent.
   */
  async resendFailed(
    scope: NotificationScope,
    selection: { ids: string[] } | { filter: FailedNotificationFilter },
    limit: number,
  ): Promise<string[]> {
    const params: unknown[] = [];
    const where = [`n.delivery_status = 'failed'`, scopeCondition(scope, params)];
    if ('ids' in selection) {
      params.push(selection.ids);
      where.push(`n.id = ANY($${params.length}::uuid[])`);
    } else {
      const { kinds, createdFrom, createdBefore } = selection.filter;
      if (kinds?.length) {
        params.push(kinds);
        where.push(`n.kind::text = ANY($${params.length}::text[])`);
      }
      if (createdFrom) {
        params.push(createdFrom);
        where.push(`n.created_at >= $${params.length}`);
      }
      if (createdBefore) {
        params.push(createdBefore);
        where.push(`n.created_at < $${params.length}`);
      }
    }
    params.push(limit);
    const [rows]: [Array<{ id: string }>, number] = await this.dataSource.query(
      `UPDATE notification SET delivery_status = 'pending', relayed_at = NULL, next_attempt_at = NULL, retry_round = 0
        WHERE id IN (SELECT n.id FROM notification n WHERE ${where.join(' AND ')}
                      ORDER BY n.created_at, n.id LIMIT $${params.length} FOR UPDATE SKIP LOCKED)
          AND delivery_status = 'failed'
        RETURNING id`,
      params,
    );
    return rows.map((row) => row.id);
  }

  /** Failed notifications inside `scope`, newest first, and how many there are. */
  async listFailed(
    scope: NotificationScope,
    skip: number,
    take: number,
  ): Promise<{ ids: string[]; total: number }> {
    const params: unknown[] = [];
    const condition = scopeCondition(scope, params);
    const rows: Array<{ id: string; total: number }> = await this.dataSource.query(
      `SELECT n.id, count(*) OVER ()::int AS total FROM notification n
        WHERE n.delivery_status = 'failed' AND ${condition}
        ORDER BY n.created_at DESC, n.id
        OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, skip, take],
    );
    if (rows.length > 0) return { ids: rows.map((row) => row.id), total: rows[0].total };
    if (skip === 0) return { ids: [], total: 0 };
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM notification n WHERE n.delivery_status = 'failed' AND ${condition}`,
      params,
    );
    return { ids: [], total };
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

/**
 * A coordinator's notifications: those about a proposal in one of their regions, and those to a
 * person of an organisation in one of their regions (invites, password resets), or to a teacher
 * without a login of a company there.
 */
function scopeCondition(scope: NotificationScope, params: unknown[]): string {
  if (scope.kind === 'all') return 'TRUE';
  params.push(scope.regionIds);
  const regions = `$${params.length}::uuid[]`;
  return `(EXISTS (SELECT 1 FROM proposal p WHERE p.id = n.proposal_id AND p.region_id = ANY(${regions}))
        OR EXISTS (SELECT 1 FROM app_user u JOIN organisation o ON o.id = u.organisation_id
                    WHERE u.id = n.recipient_user_id AND o.region_id = ANY(${regions}))
        OR EXISTS (SELECT 1 FROM teacher_profile t JOIN organisation o ON o.id = t.company_id
                    WHERE t.id = n.recipient_teacher_id AND o.region_id = ANY(${regions})))`;
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Notification, NotificationKind } from '@hybridmatch/database';
import { ProposalParty, UserRole } from '@hybridmatch/domain';
import type { NotificationTextSource } from '../notifications/notification-text.service';
import { pageOfEntities } from './page-query';

/**
 * A new outbox row: the in-app notification and the e-mail the relay queues later. For a user
 * (`recipientUserId`) or, e-mail only, a teacher without a login (`recipientTeacherId`).
 */
export type NewNotification = Pick<
  Notification,
  'recipientUserId' | 'proposalId' | 'kind' | 'subject' | 'bodyText' | 'dedupeKey'
> &
  Partial<Pick<Notification, 'recipientTeacherId' | 'lessonId' | 'facts'>>;

/** The people and organisations a proposal involves, as its row names them. */
export interface ProposalParties {
  teacherId: string;
  companyId: string;
  schoolId: string;
  regionId: string;
  requestId: string;
}

/** The names a proposal message shows. */
export interface ProposalNames {
  teacherName: string;
  companyName: string;
  schoolName: string;
  requestTitle: string;
}

/** Who hears of one proposal event: which parties, and whether the region's coordinators do. */
export interface ProposalAudience {
  proposal: ProposalParties;
  company: boolean;
  teacher: boolean;
  school: boolean;
  coordinators: boolean;
}

/** One person a proposal notification goes to: a user, or a teacher without a login (by profile). */
export interface ProposalRecipient {
  userId: string | null;
  teacherId: string | null;
  party: ProposalParty | 'coordinator';
}

/** A row the relay queued: its job id is `notification-<id>-<relayCount>`. */
export interface RelayedNotification {
  id: string;
  relayCount: number;
}

/** What a worker needs to send a claimed notification (its text is stored, or written from its facts). */
export interface ClaimedNotification extends NotificationTextSource {
  id: string;
  /** The user's address, or a login-less teacher's profile address; null when that profile has none. */
  to: string | null;
  subject: string;
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
 *
 * And the outbox writer's queries, set-based however many events there are (a match run's
 * proposals), in the caller's transaction.
 */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The names behind each proposal, in one query, in the order given. */
  async proposalNames(manager: EntityManager, proposals: ProposalParties[]): Promise<ProposalNames[]> {
    if (proposals.length === 0) return [];
    const rows: Array<ProposalNames & { ord: number }> = await manager.query(
      `SELECT p.ord::int AS ord, t.first_name || ' ' || t.last_name AS "teacherName", c.name AS "companyName",
              s.name AS "schoolName", r.title AS "requestTitle"
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[])
              WITH ORDINALITY AS p(teacher_id, company_id, school_id, request_id, ord)
         JOIN teacher_profile t ON t.id = p.teacher_id
         JOIN organisation c ON c.id = p.company_id
         JOIN organisation s ON s.id = p.school_id
         JOIN teaching_request r ON r.id = p.request_id
        ORDER BY p.ord`,
      [
        proposals.map((proposal) => proposal.teacherId),
        proposals.map((proposal) => proposal.companyId),
        proposals.map((proposal) => proposal.schoolId),
        proposals.map((proposal) => proposal.requestId),
      ],
    );
    if (rows.length !== proposals.length) throw new Error('A proposal names a party that does not exist');
    return rows.map(({ ord: _ord, ...names }) => names);
  }

  /**
   * The recipients of each audience, in one query, in the order given: the company's admins, the
   * teacher's login (or, without one, the teacher's profile when it has an address), the school's
   * admins, the region's coordinators; each person once per audience, their party by role.
   */
  async proposalRecipients(
    manager: EntityManager,
    audiences: ProposalAudience[],
  ): Promise<ProposalRecipient[][]> {
    if (audiences.length === 0) return [];
    const rows: Array<{
      ord: number;
      user_id: string | null;
      teacher_id: string | null;
      party: ProposalRecipient['party'];
    }> = await manager.query(
      `WITH audience AS (
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::bool[], $6::bool[], $7::bool[], $8::bool[])
                  WITH ORDINALITY AS a(company_id, school_id, teacher_id, region_id, to_company, to_school, to_teacher, to_coordinators, ord)
         ), admin AS (
           -- The admins of the organisations named, by index: joined to the audience directly,
           -- PostgreSQL read every user in the country for a match run's proposals.
           SELECT u.id, u.organisation_id, u.role FROM app_user u
            WHERE u.organisation_id = ANY(ARRAY(SELECT company_id FROM audience WHERE to_company
                                                UNION SELECT school_id FROM audience WHERE to_school))
              AND u.role IN ($9, $10)
         ), reached AS (
           SELECT a.ord, u.id AS user_id FROM audience a
             JOIN admin u ON u.role = $9 AND u.organisation_id = a.company_id WHERE a.to_company
           UNION
           SELECT a.ord, u.id FROM audience a
             JOIN admin u ON u.role = $10 AND u.organisation_id = a.school_id WHERE a.to_school
           UNION
           SELECT a.ord, t.user_id FROM audience a
             JOIN teacher_profile t ON t.id = a.teacher_id WHERE a.to_teacher AND t.user_id IS NOT NULL
           UNION
           SELECT a.ord, ur.user_id FROM audience a
             JOIN user_region ur ON ur.region_id = a.region_id
             JOIN app_user u ON u.id = ur.user_id AND u.role = $11 WHERE a.to_coordinators
         )
         SELECT r.ord::int AS ord, u.id AS user_id, NULL::uuid AS teacher_id,
                CASE u.role WHEN $9 THEN 'company' WHEN $10 THEN 'school' WHEN $11 THEN 'coordinator' ELSE 'teacher' END AS party
           FROM reached r JOIN app_user u ON u.id = r.user_id
         UNION ALL
         SELECT a.ord::int, NULL, t.id, 'teacher' FROM audience a
           JOIN teacher_profile t ON t.id = a.teacher_id
          WHERE a.to_teacher AND t.user_id IS NULL AND t.email IS NOT NULL
         ORDER BY 1, 2, 3`,
      [
        audiences.map((audience) => audience.proposal.companyId),
        audiences.map((audience) => audience.proposal.schoolId),
        audiences.map((audience) => audience.proposal.teacherId),
        audiences.map((audience) => audience.proposal.regionId),
        audiences.map((audience) => audience.company),
        audiences.map((audience) => audience.school),
        audiences.map((audience) => audience.teacher),
        audiences.map((audience) => audience.coordinators),
        UserRole.CompanyAdmin,
        UserRole.SchoolAdmin,
        UserRole.RegionalCoordinator,
      ],
    );
    const recipients: ProposalRecipient[][] = audiences.map(() => []);
    for (const row of rows)
      recipients[row.ord - 1].push({ userId: row.user_id, teacherId: row.teacher_id, party: row.party });
    return recipients;
  }

  /**
   * Claims up to `limit` pending rows not yet relayed, with `FOR UPDATE SKIP LOCKED`: the
   * e-mail-only kinds (invites, password resets) first, then the others oldest first; counts the
   * relay; fewer when that would leave more than `maxInFlight` e-mails relayed and
   * not yet finished (pending rows the relay queued, whose jobs wait or back off, and rows being
   * sent). One statement (the function `notification_claim_unrelayed`, migration 1799100000000):
   * relays in every worker count and claim one at a time under an advisory lock that lasts as long
   * as the statement, so together they keep the limit. The relay commits the claim before it asks
   * Redis, and releases it (`releaseUnrelayed`) when Redis does not take the jobs.
   */
  async claimUnrelayed(limit: number, maxInFlight: number): Promise<RelayedNotification[]> {
    const rows: Array<{ id: string; relay_count: number }> = await this.dataSource.query(
      `SELECT id, relay_count FROM notification_claim_unrelayed($1, $2)`,
      [limit, maxInFlight],
    );
    return rows.map((row) => ({ id: row.id, relayCount: row.relay_count }));
  }

  /**
   * Gives claimed rows back to the relay when Redis did not answer for their jobs, as if the claim
   * had not happened: unrelayed, and the relay count as it was, so the next relay uses the same
   * job ids and BullMQ ignores those it did take after all (as it does a repeated relay). Only rows
   * still as the claim left them.
   */
  async releaseUnrelayed(rows: RelayedNotification[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification n SET relayed_at = NULL, relay_count = n.relay_count - 1
         FROM unnest($1::uuid[], $2::int[]) AS c(id, relay_count)
        WHERE n.id = c.id AND n.relay_count = c.relay_count AND n.delivery_status = 'pending'`,
      [rows.map((row) => row.id), rows.map((row) => row.relayCount)],
    );
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
        RETURNING n.id, n.kind, n.proposal_id AS "proposalId", n.recipient_user_id AS "recipientUserId",
                  n.recipient_teacher_id AS "recipientTeacherId", n.subject, n.body_text AS "bodyText", n.facts,
                  n.attempts,
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
   * Inserts the rows in one statement, skipping those whose dedupe key exists already (a repeated
   * event notifies nobody twice), in the caller's transaction. Returns how many it wrote.
   */
  async insertNew(manager: EntityManager, rows: NewNotification[]): Promise<number> {
    if (rows.length === 0) return 0;
    const written: unknown[] = await manager.query(
      `INSERT INTO notification (recipient_user_id, recipient_teacher_id, proposal_id, kind, subject, body_text, facts, dedupe_key, lesson_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::notification_kind[], $5::text[], $6::text[], $7::json[], $8::text[], $9::uuid[])
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        rows.map((row) => row.recipientUserId),
        rows.map((row) => row.recipientTeacherId ?? null),
        rows.map((row) => row.proposalId),
        rows.map((row) => row.kind),
        rows.map((row) => row.subject),
        rows.map((row) => row.bodyText),
        rows.map((row) => (row.facts ? JSON.stringify(row.facts) : null)),
        rows.map((row) => row.dedupeKey),
        rows.map((row) => row.lessonId ?? null),
      ],
    );
    return written.length;
  }

  /** A page of the user's notifications without the `hidden` kinds, unread first, newest first, and the total. */
  async pageOwn(
    manager: EntityManager,
    userId: string,
    hidden: readonly NotificationKind[],
    window: { skip: number; take: number },
  ): Promise<[Notification[], number]> {
    const builder = manager
      .getRepository(Notification)
      .createQueryBuilder('notification')
      .where('notification.recipientUserId = :userId', { userId })
      .andWhere('notification.kind NOT IN (:...hidden)', { hidden })
      .orderBy('notification.read_at IS NULL', 'DESC')
      .addOrderBy('notification.createdAt', 'DESC')
      .addOrderBy('notification.id', 'ASC');
    return pageOfEntities(builder, window);
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

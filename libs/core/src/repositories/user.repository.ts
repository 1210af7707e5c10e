import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, EntityManager, In } from 'typeorm';
import { PendingInvite, User } from '@hybridmatch/database';
import { UserRole } from '@hybridmatch/domain';
import type { OrganisationScope } from '../access/access.service';
import { accountScopeSql, visiblePendingInviteSql } from './pending-invite.repository';

/** An account as the access-token check reads it. */
export interface SignInState {
  authVersion: number;
  deactivated: boolean;
  email: string;
  name: string;
  role: UserRole;
  organisationId: string | null;
}

/** The account queries that are more than a find: the scoped list and the set-based invite writes. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * What decides whether an access token still works (the account's sign-in version, whether it is
   * deactivated; null: no such account), with what `GET /api/auth/me` shows. One primary-key read
   * without the ORM's query building.
   */
  async signInState(id: string): Promise<SignInState | null> {
    const rows: SignInState[] = await this.dataSource.query(
      `SELECT auth_version AS "authVersion", deactivated_at IS NOT NULL AS deactivated, email, name, role,
              organisation_id AS "organisationId"
         FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Listens on its own connection for the ids of accounts whose sign-in state changed (the trigger
   * of migration 1797400000000 announces them at commit). `onLost` is called once when the
   * connection fails or ends; the caller listens again. Resolves once listening; returns a stop.
   */
  async listenForSignInChanges(
    onChanged: (userId: string) => void,
    onLost: (error: Error) => void,
  ): Promise<() => Promise<void>> {
    const options = this.dataSource.options as { url?: string; extra?: { connectionTimeoutMillis?: number } };
    const client = new Client({
      connectionString: options.url,
      application_name: 'hybridmatch-sign-in-listener',
      connectionTimeoutMillis: options.extra?.connectionTimeoutMillis ?? 5_000,
      keepAlive: true,
    });
    let stopped = false;
    const close = (): Promise<void> => {
      stopped = true;
      client.removeAllListeners();
      client.on('error', () => undefined);
      return client.end().catch(() => undefined);
    };
    const lost = (error: Error) => {
      if (stopped) return;
      void close();
      onLost(error);
    };
    client.on('notification', (message) => message.payload && onChanged(message.payload));
    client.on('error', lost);
    client.on('end', () => lost(new Error('the listening connection ended')));
    try {
      await client.connect();
      await client.query('LISTEN hm_sign_in_changed');
    } catch (error) {
      await close();
      throw error;
    }
    return async () => {
      if (!stopped) await close();
    };
  }

  /**
   * A page of the accounts (with their regions) and pending invites (`PendingInvite`) `scope` sees
   * (`AccessService.accountScope`), optionally of one role, by name, and the total.
   */
  async page(
    scope: OrganisationScope,
    role: UserRole | undefined,
    window: { skip: number; take: number },
  ): Promise<[Array<User | PendingInvite>, number]> {
    const params: unknown[] = [role ?? null, window.skip, window.take];
    const inScope = accountScopeSql(scope, params);
    const rows: Array<{ total: number; id: string | null; invite: boolean | null }> =
      await this.dataSource.query(
        `WITH listed AS (
         SELECT u.id, u.name, false AS invite
           FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id
          WHERE ${inScope('u.organisation_id', 'o.region_id')} AND ($1::user_role IS NULL OR u.role = $1)
         UNION ALL
         SELECT p.id, p.name, true
           FROM pending_invite p JOIN organisation o ON o.id = p.organisation_id
          WHERE ${visiblePendingInviteSql(inScope, 'p', 'o')} AND ($1::user_role IS NULL OR p.role = $1)
       )
       SELECT total.n::int AS total, page.id, page.invite
         FROM (SELECT count(*) AS n FROM listed) total
         LEFT JOIN LATERAL (SELECT id, name, invite FROM listed ORDER BY name, id OFFSET $2 LIMIT $3) page ON true
        ORDER BY page.name, page.id`,
        params,
      );
    const ids = (invite: boolean) => rows.flatMap((row) => (row.id && row.invite === invite ? [row.id] : []));
    const accounts = await this.dataSource
      .getRepository(User)
      .find({ where: { id: In(ids(false)) }, relations: { regions: true } });
    const invites = await this.dataSource.getRepository(PendingInvite).findBy({ id: In(ids(true)) });
    const byId = new Map<string, User | PendingInvite>([...accounts, ...invites].map((row) => [row.id, row]));
    return [rows.flatMap((row) => (row.id ? [byId.get(row.id) as User | PendingInvite] : [])), rows[0].total];
  }

  /** Stores each account's new invite token hash (one UPDATE), all valid until `validUntil`. */
  async setInviteTokens(
    manager: EntityManager,
    tokens: Array<{ userId: string; hash: string }>,
    validUntil: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE app_user SET invite_token_hash = v.hash, invite_expires_at = $3, updated_at = now()
         FROM unnest($1::uuid[], $2::varchar[]) AS v(id, hash)
        WHERE app_user.id = v.id`,
      [tokens.map((token) => token.userId), tokens.map((token) => token.hash), validUntil],
    );
  }

  /**
   * Gives the company's listed profiles that have an e-mail address and no login (nor a pending
   * invite `scope` sees, which stands for one) a hybrid-teacher login, in one statement: one INSERT
   * of the logins (an address another account has is skipped) and one UPDATE linking the profiles.
   * Answers the new logins.
   */
  async createTeacherLogins(
    manager: EntityManager,
    scope: OrganisationScope,
    companyId: string,
    teacherIds: string[],
  ): Promise<Array<{ userId: string; name: string }>> {
    const params: unknown[] = [teacherIds, companyId, UserRole.HybridTeacher];
    const inScope = accountScopeSql(scope, params);
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [created]: [Array<{ user_id: string; name: string }>, number] = await manager.query(
      `WITH candidate AS (
         SELECT DISTINCT ON (lower(t.email)) t.id AS teacher_id, lower(t.email) AS email,
                t.first_name || ' ' || t.last_name AS name
           FROM teacher_profile t
          WHERE t.id = ANY($1::uuid[]) AND t.company_id = $2 AND t.user_id IS NULL AND t.email IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM pending_invite p JOIN organisation o ON o.id = p.organisation_id
                             WHERE p.teacher_profile_id = t.id AND ${visiblePendingInviteSql(inScope, 'p', 'o')})
          ORDER BY lower(t.email), t.id
       ), created AS (
         INSERT INTO app_user (email, name, role, organisation_id)
         SELECT email, name, $3::user_role, $2 FROM candidate
         ON CONFLICT (email) DO NOTHING
         RETURNING id, email, name
       )
       UPDATE teacher_profile t SET user_id = created.id, updated_at = now(), version = t.version + 1
         FROM created JOIN candidate ON candidate.email = created.email
        WHERE t.id = candidate.teacher_id
       RETURNING created.id AS user_id, created.name AS name`,
      params,
    );
    return created.map((row) => ({ userId: row.user_id, name: row.name }));
  }
}

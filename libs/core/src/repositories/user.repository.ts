import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { User } from '@hybridmatch/database';
import { UserRole } from '@hybridmatch/domain';
import type { OrganisationScope } from '../access/access.service';

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
   * A page of accounts (with their regions) within `scope`, optionally of one role, by name, and
   * the total. `scope` must not be `none` (the caller answers an empty page itself).
   */
  async page(
    scope: Exclude<OrganisationScope, { kind: 'none' }>,
    role: UserRole | undefined,
    window: { skip: number; take: number },
  ): Promise<[User[], number]> {
    const builder = this.dataSource
      .getRepository(User)
      .createQueryBuilder('account')
      .leftJoinAndSelect('account.regions', 'region');
    if (scope.kind === 'regions') {
      builder
        .innerJoin('account.organisation', 'organisation')
        .andWhere('organisation.regionId IN (:...scopeRegionIds)', { scopeRegionIds: scope.regionIds });
    }
    if (scope.kind === 'organisation')
      builder.andWhere('account.organisationId = :scopeOrganisationId', {
        scopeOrganisationId: scope.organisationId,
      });
    if (role) builder.andWhere('account.role = :role', { role });
    return builder
      .orderBy('account.name', 'ASC')
      .addOrderBy('account.id', 'ASC')
      .skip(window.skip)
      .take(window.take)
      .getManyAndCount();
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
   * Gives the company's listed profiles that have an e-mail address and no login a hybrid-teacher
   * login, in one statement: one INSERT of the logins (an address another account has is skipped)
   * and one UPDATE linking the profiles. Answers the new logins.
   */
  async createTeacherLogins(
    manager: EntityManager,
    companyId: string,
    teacherIds: string[],
  ): Promise<Array<{ userId: string; name: string }>> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [created]: [Array<{ user_id: string; name: string }>, number] = await manager.query(
      `WITH candidate AS (
         SELECT DISTINCT ON (lower(t.email)) t.id AS teacher_id, lower(t.email) AS email,
                t.first_name || ' ' || t.last_name AS name
           FROM teacher_profile t
          WHERE t.id = ANY($1::uuid[]) AND t.company_id = $2 AND t.user_id IS NULL AND t.email IS NOT NULL
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
      [teacherIds, companyId, UserRole.HybridTeacher],
    );
    return created.map((row) => ({ userId: row.user_id, name: row.name }));
  }

  /**
   * The listed profiles of the company still without a login whose address belongs to an account
   * outside the company, and those accounts' owners (each once).
   */
  async teacherAddressesTakenElsewhere(
    manager: EntityManager,
    companyId: string,
    teacherIds: string[],
  ): Promise<{ profiles: number; owners: Array<{ id: string; name: string }> }> {
    const rows: Array<{ teacher_id: string; user_id: string; name: string }> = await manager.query(
      `SELECT t.id AS teacher_id, u.id AS user_id, u.name
         FROM teacher_profile t JOIN app_user u ON u.email = lower(t.email)
        WHERE t.id = ANY($1::uuid[]) AND t.company_id = $2 AND t.user_id IS NULL
          AND u.organisation_id IS DISTINCT FROM $2`,
      [teacherIds, companyId],
    );
    const owners = new Map(rows.map((row) => [row.user_id, { id: row.user_id, name: row.name }]));
    return { profiles: rows.length, owners: [...owners.values()] };
  }
}

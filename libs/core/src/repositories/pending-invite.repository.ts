import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Organisation, PendingInvite, User } from '@hybridmatch/database';
import { UserRole } from '@hybridmatch/domain';
import type { AccountOwner, OrganisationScope } from '../access/access.service';

/**
 * `AccessService.accountScope` in SQL: a function from an account's organisation and region columns
 * to a condition, its one parameter (if any) pushed onto `params`.
 */
export function accountScopeSql(
  scope: OrganisationScope,
  params: unknown[],
): (organisationColumn: string, regionColumn: string) => string {
  if (scope.kind === 'all') return () => 'TRUE';
  if (scope.kind === 'none') return () => 'FALSE';
  params.push(scope.kind === 'organisation' ? scope.organisationId : scope.regionIds);
  const param = `$${params.length}`;
  return scope.kind === 'organisation'
    ? (organisationColumn) => `${organisationColumn} = ${param}`
    : (_organisationColumn, regionColumn) => `${regionColumn} = ANY(${param}::uuid[])`;
}

/**
 * `AccessService.seesPendingInvite` in SQL: the pending invite `invite` (its organisation joined as
 * `organisation`) lies in the scope and the account of its address does not.
 */
export function visiblePendingInviteSql(
  inScope: (organisationColumn: string, regionColumn: string) => string,
  invite: string,
  organisation: string,
): string {
  return `${inScope(`${invite}.organisation_id`, `${organisation}.region_id`)}
      AND NOT EXISTS (SELECT 1 FROM app_user owner_account LEFT JOIN organisation owner_organisation
                        ON owner_organisation.id = owner_account.organisation_id
                       WHERE owner_account.email = ${invite}.email
                         AND ${inScope('owner_account.organisation_id', 'owner_organisation.region_id')})`;
}

/** The account of an address, as far as telling its owner and deciding who may know of it go. */
export type AddressOwner = AccountOwner & Pick<User, 'id' | 'name'>;

/** A pending invite with what the access decision needs: its organisation's region and the owner of its address. */
export interface PendingInviteWithOwner {
  invite: PendingInvite;
  regionId: string;
  owner: AddressOwner | null;
}

/** Pending invites to addresses that have an account elsewhere (the `PendingInvite` entity). */
@Injectable()
export class PendingInviteRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The invite of this id with its organisation's region and its address's account, or null. */
  async findWithOwner(id: string): Promise<PendingInviteWithOwner | null> {
    const invite = await this.dataSource.manager.findOne(PendingInvite, {
      where: { id },
      relations: { organisation: true },
    });
    if (!invite) return null;
    const regionId = (invite.organisation as Organisation).regionId;
    delete invite.organisation;
    const owner = await this.addressOwner(invite.email);
    return { invite, regionId, owner };
  }

  /** The account of an address, with what decides who may know of it (`AccessService.seesAccount`), or null. */
  async addressOwner(email: string): Promise<AddressOwner | null> {
    const account = await this.dataSource.manager.findOne(User, {
      where: { email },
      relations: { organisation: true },
      select: { id: true, name: true, organisationId: true, organisation: { id: true, regionId: true } },
    });
    return (
      account && {
        id: account.id,
        name: account.name,
        organisationId: account.organisationId,
        regionId: account.organisation?.regionId ?? null,
      }
    );
  }

  /** Stores a new pending invite; null when the organisation already invited the address or the profile. */
  async create(
    manager: EntityManager,
    invite: Pick<
      PendingInvite,
      'organisationId' | 'email' | 'name' | 'role' | 'teacherProfileId' | 'inviteExpiresAt'
    >,
  ): Promise<PendingInvite | null> {
    const created = await manager
      .createQueryBuilder()
      .insert()
      .into(PendingInvite)
      .values(invite)
      .orIgnore()
      .returning('id')
      .execute();
    const id = (created.raw as Array<{ id: string }>)[0]?.id;
    return id ? manager.findOneByOrFail(PendingInvite, { id }) : null;
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<PendingInvite, 'inviteExpiresAt' | 'deactivatedAt'>>,
  ): Promise<PendingInvite> {
    await manager.update(PendingInvite, id, changes);
    return manager.findOneByOrFail(PendingInvite, { id });
  }

  /** The pending invites (by teacher profile) of these profiles that `scope` sees (see `visiblePendingInviteSql`). */
  async visibleForProfiles(scope: OrganisationScope, profileIds: string[]): Promise<Map<string, string>> {
    if (profileIds.length === 0) return new Map();
    const params: unknown[] = [profileIds];
    const inScope = accountScopeSql(scope, params);
    const rows: Array<{ teacher_profile_id: string; id: string }> = await this.dataSource.query(
      `SELECT p.teacher_profile_id, p.id
         FROM pending_invite p JOIN organisation o ON o.id = p.organisation_id
        WHERE p.teacher_profile_id = ANY($1::uuid[]) AND ${visiblePendingInviteSql(inScope, 'p', 'o')}`,
      params,
    );
    return new Map(rows.map((row) => [row.teacher_profile_id, row.id]));
  }

  /**
   * Pending invites for the company's listed profiles still without a login whose address belongs to
   * an account `scope` may not see, valid until `validUntil`; one per address, none where the
   * company already invited the address or the profile; each such profile is touched as linking a
   * login touches it. Answers the accounts' owners, one per new invite.
   */
  async inviteStaff(
    manager: EntityManager,
    scope: OrganisationScope,
    companyId: string,
    teacherIds: string[],
    validUntil: Date,
  ): Promise<Array<Pick<User, 'id' | 'name'>>> {
    const params: unknown[] = [teacherIds, companyId, UserRole.HybridTeacher, validUntil];
    const inScope = accountScopeSql(scope, params);
    const rows: Array<{ owner_id: string; owner_name: string }> = await manager.query(
      `WITH candidate AS (
         SELECT DISTINCT ON (lower(t.email)) t.id AS teacher_id, lower(t.email) AS email,
                t.first_name || ' ' || t.last_name AS name, u.id AS owner_id, u.name AS owner_name
           FROM teacher_profile t
           JOIN app_user u ON u.email = lower(t.email)
           LEFT JOIN organisation uo ON uo.id = u.organisation_id
          WHERE t.id = ANY($1::uuid[]) AND t.company_id = $2 AND t.user_id IS NULL
            AND NOT (${inScope('u.organisation_id', 'uo.region_id')})
          ORDER BY lower(t.email), t.id
       ), created AS (
         INSERT INTO pending_invite (organisation_id, email, name, role, teacher_profile_id, invite_expires_at)
         SELECT $2, email, name, $3::user_role, teacher_id, $4 FROM candidate
         ON CONFLICT DO NOTHING
         RETURNING email, teacher_profile_id
       ), touched AS (
         -- The profile changes as when a login is linked to it (its version moves).
         UPDATE teacher_profile t SET updated_at = now(), version = t.version + 1
           FROM created WHERE t.id = created.teacher_profile_id
       )
       SELECT candidate.owner_id, candidate.owner_name FROM created JOIN candidate USING (email)`,
      params,
    );
    return rows.map((row) => ({ id: row.owner_id, name: row.owner_name }));
  }
}

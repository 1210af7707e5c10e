import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserRole } from '@hybridmatch/domain';
import { AccountMailService } from '../auth/account-mail.service';

/**
 * Gives staff a login and e-mails their invites, set-based, in the caller's transaction: one
 * INSERT of the logins, one UPDATE linking the profiles, one UPDATE of the invite tokens and one
 * INSERT of the e-mails, however many people. A profile that already has a login, has no e-mail
 * address, or whose address belongs to another account is left alone, so importing the same file
 * again invites nobody twice.
 */
@Injectable()
export class StaffInviteService {
  constructor(private readonly mail: AccountMailService) {}

  /** Answers how many people were invited. */
  async invite(manager: EntityManager, companyId: string, teacherIds: string[]): Promise<number> {
    if (teacherIds.length === 0) return 0;
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [invited]: [Array<{ user_id: string; name: string }>, number] = await manager.query(
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
    await this.mail.issueInvites(
      manager,
      invited.map((row) => ({ id: row.user_id, name: row.name, organisationId: companyId })),
    );
    return invited.length;
  }
}

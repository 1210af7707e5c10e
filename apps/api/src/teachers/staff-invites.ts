import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserRepository } from '@hybridmatch/core';
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
  constructor(
    private readonly mail: AccountMailService,
    private readonly users: UserRepository,
  ) {}

  /** Answers how many people were invited. */
  async invite(manager: EntityManager, companyId: string, teacherIds: string[]): Promise<number> {
    if (teacherIds.length === 0) return 0;
    const invited = await this.users.createTeacherLogins(manager, companyId, teacherIds);
    await this.mail.issueInvites(
      manager,
      invited.map((login) => ({ id: login.userId, name: login.name, organisationId: companyId })),
    );
    return invited.length;
  }
}

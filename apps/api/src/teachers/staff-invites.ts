import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserRepository } from '@hybridmatch/core';
import { AccountMailService } from '../auth/account-mail.service';

/**
 * Gives staff a login and e-mails their invites, set-based, in the caller's transaction: one
 * INSERT of the logins, one UPDATE linking the profiles, one UPDATE of the invite tokens and one
 * INSERT of the e-mails, however many people. A profile that already has a login or has no
 * e-mail address is left alone, so importing the same file again invites nobody twice.
 *
 * An address that already has an account outside the company gets no login (addresses are
 * unique); its owner is told by e-mail instead (as for a single invite), and the profile counts as
 * invited, so the answer does not reveal which addresses have accounts elsewhere (issue 9, item 12).
 */
@Injectable()
export class StaffInviteService {
  constructor(
    private readonly mail: AccountMailService,
    private readonly users: UserRepository,
  ) {}

  /** Answers how many people were invited (see above). */
  async invite(manager: EntityManager, companyId: string, teacherIds: string[]): Promise<number> {
    if (teacherIds.length === 0) return 0;
    const invited = await this.users.createTeacherLogins(manager, companyId, teacherIds);
    await this.mail.issueInvites(
      manager,
      invited.map((login) => ({ id: login.userId, name: login.name, organisationId: companyId })),
    );
    const elsewhere = await this.users.teacherAddressesTakenElsewhere(manager, companyId, teacherIds);
    await this.mail.tellAddressInUse(manager, elsewhere.owners, companyId);
    return invited.length + elsewhere.profiles;
  }
}

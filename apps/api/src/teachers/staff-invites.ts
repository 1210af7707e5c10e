import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, Actor, PendingInviteRepository, UserRepository } from '@hybridmatch/core';
import { AccountMailService } from '../auth/account-mail.service';

/**
 * Gives staff a login and e-mails their invites, set-based, in the caller's transaction: one
 * INSERT of the logins, one UPDATE linking the profiles, one UPDATE of the invite tokens and one
 * INSERT of the e-mails, however many people. A profile that already has a login (or a pending
 * invite) or has no e-mail address is left alone, so importing the same file again invites nobody
 * twice.
 *
 * An address with an account the caller may not know of (`AccessService.accountScope`: one of
 * another organisation) gets no login (addresses are unique) but a pending invite, and its owner is
 * told by e-mail instead (as for a single invite). The caller sees that invite as any other: counted
 * once, listed, and as the profile's `userId` (issue 9, item 12).
 */
@Injectable()
export class StaffInviteService {
  constructor(
    private readonly access: AccessService,
    private readonly mail: AccountMailService,
    private readonly users: UserRepository,
    private readonly pendingInvites: PendingInviteRepository,
  ) {}

  /** Answers how many people were invited (see above). */
  async invite(
    manager: EntityManager,
    actor: Actor,
    companyId: string,
    teacherIds: string[],
  ): Promise<number> {
    if (teacherIds.length === 0) return 0;
    const scope = this.access.accountScope(actor);
    const invited = await this.users.createTeacherLogins(manager, scope, companyId, teacherIds);
    const validUntil = await this.mail.issueInvites(
      manager,
      invited.map((login) => ({ id: login.userId, name: login.name, organisationId: companyId })),
    );
    const owners = await this.pendingInvites.inviteStaff(manager, scope, companyId, teacherIds, validUntil);
    await this.mail.tellAddressInUse(manager, owners, companyId);
    return invited.length + owners.length;
  }
}

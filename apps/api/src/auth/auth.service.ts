import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere, MoreThan } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { User } from '@hybridmatch/database';
import { Clock } from '@hybridmatch/domain';
import { Actor, DomainError, ErrorCode, UnauthenticatedError } from '@hybridmatch/core';
import { AccountMailService, PASSWORD_RESET_VALID_FOR_MS } from './account-mail.service';
import { MeDto, MessageDto, SessionTokensDto } from './auth.dto';
import { hashPassword, hashToken, verifyPassword } from './password';
import { SessionService } from './session.service';
import { SignInStates } from './sign-in-states';
import { ACCOUNT_GONE } from './access-token.verifier';

/** A new reset e-mail at most this often per account, so the form cannot flood someone's mailbox. */
const RESET_MAIL_INTERVAL_MS = 60 * 1000;

export const PASSWORD_RESET_ANSWER =
  'If an account exists for this address, we sent it a link to choose a new password. The link works once, for one hour.';

@Injectable()
export class AuthService {
  /** Verified when the e-mail is unknown, so both paths cost one argon2 verification. */
  private readonly timingDummyHash = hashPassword('not a real password');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly mail: AccountMailService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly signInStates: SignInStates,
  ) {}

  private get users() {
    return this.dataSource.getRepository(User);
  }

  async login(email: string, password: string): Promise<SessionTokensDto> {
    const user = await this.users.findOne({
      where: { email: email.toLowerCase() },
      select: {
        id: true,
        role: true,
        organisationId: true,
        passwordHash: true,
        authVersion: true,
        deactivatedAt: true,
      },
      relations: { regions: true },
    });
    const valid = await verifyPassword(user?.passwordHash ?? (await this.timingDummyHash), password).catch(
      () => false,
    );
    if (!user?.passwordHash || !valid) {
      throw new UnauthenticatedError('E-mail address or password is wrong.');
    }
    if (user.deactivatedAt)
      throw new UnauthenticatedError(
        'This account is deactivated; ask an administrator of your organisation.',
      );
    await this.users.update(user.id, { lastLoginAt: this.clock.now() });
    return this.sessions.start(user);
  }

  /** Sets the first password with an invite token; the link then stops working. */
  async acceptInvite(token: string, password: string): Promise<SessionTokensDto> {
    return this.choosePassword(
      { inviteTokenHash: hashToken(token), inviteExpiresAt: MoreThan(this.clock.now()) },
      password,
      'This invite link is unknown, already used or expired; ask for a new invite.',
    );
  }

  /**
   * Sends a password-reset link if the address belongs to an active account, and answers the
   * same either way, so the form does not reveal which addresses have an account.
   */
  async requestPasswordReset(email: string): Promise<MessageDto> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, {
        where: { email: email.trim().toLowerCase() },
        select: { id: true, name: true, deactivatedAt: true, passwordResetExpiresAt: true },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user || user.deactivatedAt) return;
      const lastSentAt = user.passwordResetExpiresAt
        ? user.passwordResetExpiresAt.getTime() - PASSWORD_RESET_VALID_FOR_MS
        : null;
      if (lastSentAt !== null && this.clock.now().getTime() - lastSentAt < RESET_MAIL_INTERVAL_MS) return;
      await this.mail.issuePasswordReset(manager, user);
    });
    return { message: PASSWORD_RESET_ANSWER };
  }

  /** Sets a new password with a reset token; every other sign-in of the account ends. */
  async resetPassword(token: string, password: string): Promise<SessionTokensDto> {
    return this.choosePassword(
      { passwordResetTokenHash: hashToken(token), passwordResetExpiresAt: MoreThan(this.clock.now()) },
      password,
      'This password-reset link is unknown, already used or expired; ask for a new one.',
    );
  }

  refresh(refreshToken: string): Promise<SessionTokensDto> {
    return this.sessions.refresh(refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.end(refreshToken);
  }

  async signOutEverywhere(actor: Actor): Promise<void> {
    await this.dataSource.transaction((manager) => this.sessions.endAll(manager, actor.userId));
  }

  /** The signed-in account, as the access-token check just read it (no second read). */
  async me(actor: Actor): Promise<MeDto> {
    const account = await this.signInStates.of(actor.userId);
    if (!account) throw new UnauthenticatedError(ACCOUNT_GONE);
    return {
      id: actor.userId,
      email: account.email,
      name: account.name,
      role: account.role,
      organisationId: account.organisationId,
      regionIds: actor.regionIds,
    };
  }

  /**
   * The one way a password is set from an e-mailed link (invite or reset): the row is locked, the
   * link's token is cleared (single use), every earlier sign-in ends, and a new one starts.
   */
  private async choosePassword(
    where: FindOptionsWhere<User>,
    password: string,
    unknownLink: string,
  ): Promise<SessionTokensDto> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(User, {
        where,
        select: { id: true },
        lock: { mode: 'pessimistic_write' },
      });
      const user =
        found && (await manager.findOne(User, { where: { id: found.id }, relations: { regions: true } }));
      if (!user || user.deactivatedAt) throw new DomainError(ErrorCode.NotFound, unknownLink);
      await manager.update(User, user.id, {
        passwordHash: await hashPassword(password),
        inviteTokenHash: null,
        inviteExpiresAt: null,
        passwordResetTokenHash: null,
        passwordResetExpiresAt: null,
        lastLoginAt: this.clock.now(),
      });
      await this.sessions.endAll(manager, user.id);
      return this.sessions.start({ ...user, authVersion: user.authVersion + 1 }, manager);
    });
  }
}

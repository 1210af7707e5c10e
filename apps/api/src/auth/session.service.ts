import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK } from '@hybridmatch/config';
import { SignInStates } from './sign-in-states';
import { RefreshToken, User } from '@hybridmatch/database';
import { Clock } from '@hybridmatch/domain';
import { UnauthenticatedError } from '@hybridmatch/core';
import { AccessTokenClaims } from './access-token';
import { SessionTokensDto } from './auth.dto';
import { hashToken, newSecretToken } from './password';

type SignedInUser = Pick<User, 'id' | 'role' | 'organisationId' | 'authVersion' | 'regions'>;

const signInAgain = (detail: string) => new UnauthenticatedError(`${detail} Sign in again.`);

type RefreshOutcome = { error: UnauthenticatedError } | { tokens: SessionTokensDto };

/**
 * Sign-ins: a short-lived access token plus a rotating refresh token. A sign-in lasts
 * `SESSION_HOURS` (a working day) from the login; each refresh uses the presented token up and
 * hands out the next one of the same family. A used token presented again was copied: the whole
 * family is revoked. "Sign out everywhere" revokes every family and raises the user's
 * `authVersion`, which the guard compares with each access token's `ver`, so even unexpired
 * access tokens stop working at once.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly signInStates: SignInStates,
  ) {}

  /** A new sign-in for a user whose credentials were just checked. */
  async start(
    user: SignedInUser,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionTokensDto> {
    const endsAt = new Date(this.clock.now().getTime() + this.config.auth.sessionHours * 3600 * 1000);
    return this.issue(manager, user, randomUUID(), endsAt);
  }

  /** Exchanges a refresh token for a new access token and the next refresh token. */
  async refresh(refreshToken: string): Promise<SessionTokensDto> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const current = await manager.findOne(RefreshToken, {
        where: { tokenHash: hashToken(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) return { error: signInAgain('This refresh token is unknown.') };
      if (current.revokedAt) return { error: signInAgain('This sign-in was ended.') };
      if (current.expiresAt <= this.clock.now())
        return { error: signInAgain('This sign-in has ended (it lasts a working day).') };
      if (current.usedAt) {
        // Someone holds a copy: end the sign-in for both holders (committed, then refused).
        await this.revokeFamily(manager, current.familyId);
        return {
          error: signInAgain('This refresh token was already used, so the sign-in was ended for safety.'),
        };
      }
      const user = await manager.findOne(User, {
        where: { id: current.userId },
        relations: { regions: true },
      });
      if (!user || user.deactivatedAt) return { error: signInAgain('This account is deactivated.') };
      await manager.update(RefreshToken, current.id, { usedAt: this.clock.now() });
      return { tokens: await this.issue(manager, user, current.familyId, current.expiresAt) };
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.tokens;
  }

  /** Signs out one sign-in (the family of this refresh token). Unknown tokens are ignored. */
  async end(refreshToken: string): Promise<void> {
    const token = await this.dataSource.manager.findOneBy(RefreshToken, {
      tokenHash: hashToken(refreshToken),
    });
    if (token) await this.revokeFamily(this.dataSource.manager, token.familyId);
  }

  /** Ends every sign-in of the user: refresh tokens revoked, access tokens refused from now on. */
  async endAll(manager: EntityManager, userId: string): Promise<void> {
    this.signInStates.forget(userId);
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    await manager.increment(User, { id: userId }, 'authVersion', 1);
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  private async issue(
    manager: EntityManager,
    user: SignedInUser,
    familyId: string,
    endsAt: Date,
  ): Promise<SessionTokensDto> {
    const refresh = newSecretToken();
    await manager.insert(RefreshToken, {
      userId: user.id,
      familyId,
      tokenHash: refresh.hash,
      expiresAt: endsAt,
    });
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      org: user.organisationId,
      regions: (user.regions ?? []).map((region) => region.id),
      ver: user.authVersion,
    };
    const ttl = this.config.auth.jwtTtlSeconds;
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: ttl });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: ttl,
      refreshToken: refresh.token,
      refreshExpiresAt: endsAt,
    };
  }
}

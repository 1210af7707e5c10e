import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { Actor, UnauthenticatedError } from '@hybridmatch/core';
import { AccessTokenClaims } from './access-token';
import { SignInStates } from './sign-in-states';
import { VerifiedTokenCache } from './verified-token-cache';

/** The answer for a token whose account was deleted. */
export const ACCOUNT_GONE =
  'Your account no longer exists; ask an administrator of your organisation for a new invitation.';

/**
 * Turns an `Authorization: Bearer …` header into the Actor, for the global guard and for the
 * queue dashboard (a Fastify plugin outside Nest's routing). A valid signature is not enough: the
 * account must still exist, be active, and not have ended its sign-ins since the token was issued
 * (the token's `ver` against the user's `auth_version`). The state comes from SignInStates: kept in
 * memory and forgotten when the database announces a change, so deactivation and "sign out
 * everywhere" take effect at once in the process that made them and within milliseconds in the others.
 */
@Injectable()
export class AccessTokenVerifier {
  /** Signatures checked once per token and process (see VerifiedTokenCache). */
  private readonly verified = new VerifiedTokenCache<AccessTokenClaims>(10_000);

  constructor(
    private readonly jwt: JwtService,
    private readonly signInStates: SignInStates,
  ) {}

  async actorOf(authorization: string | undefined, whenMissing: string): Promise<Actor> {
    if (!authorization?.startsWith('Bearer ')) throw new UnauthenticatedError(whenMissing);
    return this.actorOfToken(authorization.slice('Bearer '.length));
  }

  /**
   * The Actor of a signed token: an access token when no `audience` is given, else only a token
   * made for that audience (the queue dashboard's ticket), so neither stands in for the other. The
   * account checks are the same for both.
   */
  async actorOfToken(token: string, audience?: string): Promise<Actor> {
    const claims = await this.claimsOf(token);
    if (claims.aud !== audience) {
      throw new UnauthenticatedError('This token is not valid here; sign in again.');
    }
    const user = isUUID(claims.sub) && (await this.signInStates.of(claims.sub));
    const refusal = !user
      ? ACCOUNT_GONE
      : user.deactivated
        ? 'This account is deactivated; ask an administrator of your organisation.'
        : (claims.ver ?? 0) !== user.authVersion
          ? 'This sign-in has ended (signed out everywhere, or the password changed); log in again.'
          : null;
    if (refusal) throw new UnauthenticatedError(refusal);
    return {
      userId: claims.sub,
      role: claims.role,
      organisationId: claims.org,
      regionIds: claims.regions ?? [],
    };
  }

  private async claimsOf(token: string): Promise<AccessTokenClaims> {
    const known = this.verified.get(token);
    if (known) return known;
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
      this.verified.keep(token, claims);
      return claims;
    } catch {
      throw new UnauthenticatedError('Your sign-in has expired or is not valid; sign in again.');
    }
  }
}

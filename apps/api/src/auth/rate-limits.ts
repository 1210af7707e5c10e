import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';

/**
 * The throttler runs every named limit on a route unless told to skip one, so each route names the
 * ones it counts against. `login`: password guesses and reset requests per client address
 * (LOGIN_RATE_LIMIT_PER_MINUTE); `account`: the same per e-mail address, from any client
 * (LOGIN_ACCOUNT_RATE_LIMIT_PER_HOUR).
 */
export const LoginRateLimit = () => applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ link: true }));

/** `link`: single-use links and refresh tokens (LINK_RATE_LIMIT_PER_MINUTE), separate from logins. */
export const LinkRateLimit = () =>
  applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ login: true, account: true }));

/**
 * The account a login or reset request is about: its e-mail address, trimmed and in lower case
 * (how accounts are stored); '' when the body names none (the `account` limit then does not apply).
 */
export function accountOf(request: { body?: unknown }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}

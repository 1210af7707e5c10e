import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';

/**
 * The throttler runs every named limit on a route unless told to skip one, so each route names the
 * one it counts against. `login`: password guesses and reset requests (LOGIN_RATE_LIMIT_PER_MINUTE).
 */
export const LoginRateLimit = () => applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ link: true }));

/** `link`: single-use links and refresh tokens (LINK_RATE_LIMIT_PER_MINUTE), separate from logins. */
export const LinkRateLimit = () => applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ login: true }));

import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionTokensDto } from './auth.dto';

/**
 * The web app keeps no token where scripts can read it: its refresh token travels in this
 * httpOnly, SameSite=Strict cookie (Secure when the request came over TLS), sent only to the auth
 * routes. API clients keep the refresh token in the JSON body instead (`refreshTokenIn: 'body'`).
 */
export const REFRESH_COOKIE = 'hm_refresh';
const COOKIE_PATH = '/api/auth';

/**
 * Puts the sign-in's refresh token in the cookie and leaves it out of the body. The cookie lives
 * as long as the sign-in, counted from `now` (the product's clock) as a Max-Age: the sign-in's end
 * is a date on the product's clock (HM_NOW may set it in another year), the browser's is its own.
 */
export function toCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  tokens: SessionTokensDto,
  now: Date,
): SessionTokensDto {
  const { refreshToken, ...rest } = tokens;
  void reply.setCookie(REFRESH_COOKIE, refreshToken ?? '', {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: COOKIE_PATH,
    maxAge: Math.max(0, Math.floor((tokens.refreshExpiresAt.getTime() - now.getTime()) / 1000)),
  });
  return rest;
}

export function refreshTokenFromCookie(request: FastifyRequest): string | undefined {
  return request.cookies[REFRESH_COOKIE] || undefined;
}

export function clearRefreshCookie(reply: FastifyReply): void {
  void reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
}

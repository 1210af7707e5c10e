import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { Actor, UnauthenticatedError } from '@hybridmatch/core';
import { AccessTokenClaims } from '../auth/access-token';
import { ACCOUNT_GONE } from '../auth/access-token.verifier';
import { SignInStates } from '../auth/sign-in-states';

/** Where Bull Board is served: outside the `/api` prefix, like the OpenAPI pages. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** The cookie that carries the ticket; the browser sends it only below QUEUE_DASHBOARD_PATH. */
export const QUEUE_DASHBOARD_COOKIE = 'hm_queues';

/** The `aud` of a ticket: the access-token verifier refuses it anywhere else, and accepts nothing else here. */
export const QUEUE_DASHBOARD_AUDIENCE = 'queue-dashboard';

/**
 * A browser cannot add `Authorization: Bearer` to a page it opens, and the web app keeps its
 * access token in memory. So the web app asks for a ticket (with its bearer token, as a platform
 * admin) and receives it in a cookie that no script can read (httpOnly), that no other site can
 * make the browser send (SameSite=Strict), and that goes only to the dashboard (Path). The ticket
 * is a token signed like the access token, with the same claims, lifetime and account checks
 * (deactivation and "sign out everywhere" end it at once), and `aud: queue-dashboard`.
 */
@Injectable()
export class QueueDashboardTickets {
  constructor(
    private readonly jwt: JwtService,
    private readonly signInStates: SignInStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Puts a ticket for the actor (already allowed the dashboard by the route) in the cookie. */
  async open(actor: Actor, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const state = await this.signInStates.of(actor.userId);
    if (!state) throw new UnauthenticatedError(ACCOUNT_GONE);
    const claims: AccessTokenClaims = {
      sub: actor.userId,
      role: actor.role,
      org: actor.organisationId,
      regions: actor.regionIds,
      ver: state.authVersion,
    };
    const ttl = this.config.auth.jwtTtlSeconds;
    const ticket = await this.jwt.signAsync(claims, { expiresIn: ttl, audience: QUEUE_DASHBOARD_AUDIENCE });
    void reply.setCookie(QUEUE_DASHBOARD_COOKIE, ticket, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      path: QUEUE_DASHBOARD_PATH,
      maxAge: ttl,
    });
  }
}

export function ticketFromCookie(request: FastifyRequest): string | undefined {
  return request.cookies[QUEUE_DASHBOARD_COOKIE] || undefined;
}

/** Signing out in the web app also drops the dashboard's cookie. */
export function clearQueueDashboardCookie(reply: FastifyReply): void {
  void reply.clearCookie(QUEUE_DASHBOARD_COOKIE, { path: QUEUE_DASHBOARD_PATH });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, DomainError, ErrorCode, Permission, ROLES_WITH } from '@hybridmatch/core';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import { PROBLEM_CONTENT_TYPE, problemDetails } from '../common/problem';
import { requestIdOf } from '../common/request-id';
import { QUEUE_DASHBOARD_AUDIENCE, ticketFromCookie } from './queue-dashboard-ticket';

const WHEN_MISSING =
  'The queue dashboard is for platform admins: open it from the web app (Mislukte e-mails), or send "Authorization: Bearer <token>" (POST /api/auth/login).';

/**
 * The queue dashboard is a Fastify plugin, outside Nest's routing, so the global AuthGuard never
 * sees it. This `onRequest` hook applies the same rule to every dashboard request (page, assets
 * and its JSON API): a platform admin, shown by an access token in `Authorization: Bearer` (API
 * clients) or else by the ticket cookie the web app obtains (`POST /api/queue-dashboard/session`).
 * Refusals use the API's one error shape.
 */
export function platformAdminOnly(tokens: AccessTokenVerifier) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    let actor: Actor;
    try {
      const ticket = request.headers.authorization ? undefined : ticketFromCookie(request);
      actor = ticket
        ? await tokens.actorOfToken(ticket, QUEUE_DASHBOARD_AUDIENCE)
        : await tokens.actorOf(request.headers.authorization, WHEN_MISSING);
    } catch (error) {
      if (error instanceof DomainError) return refuse(request, reply, error.code, error.detail);
      throw error;
    }
    if (!ROLES_WITH[Permission.QueueDashboard].includes(actor.role)) {
      return refuse(
        request,
        reply,
        ErrorCode.Forbidden,
        `The queue dashboard is for platform admins; you are signed in as ${actor.role}.`,
      );
    }
  };
}

async function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
): Promise<void> {
  const problem = problemDetails(code, detail, requestIdOf(request));
  await reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

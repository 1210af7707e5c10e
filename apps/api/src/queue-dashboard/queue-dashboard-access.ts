import { JwtService } from '@nestjs/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UserRole } from '@hybridmatch/domain';
import { ErrorCode } from '@hybridmatch/core';
import { AccessTokenClaims } from '../auth/access-token';
import { PROBLEM_CONTENT_TYPE, problemDetails } from '../common/problem';
import { requestIdOf } from '../common/request-id';

/**
 * The queue dashboard is a Fastify plugin, outside Nest's routing, so the global AuthGuard never
 * sees it. This `onRequest` hook applies the same rule to every dashboard request (page, assets
 * and its JSON API): a valid access token in `Authorization: Bearer`, for a platform admin.
 * Refusals use the API's one error shape.
 */
export function platformAdminOnly(jwt: JwtService) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      return refuse(
        request,
        reply,
        ErrorCode.Unauthenticated,
        'The queue dashboard is for platform admins: send "Authorization: Bearer <token>" (POST /api/auth/login).',
      );
    }
    let claims: AccessTokenClaims;
    try {
      claims = await jwt.verifyAsync<AccessTokenClaims>(header.slice('Bearer '.length));
    } catch {
      return refuse(
        request,
        reply,
        ErrorCode.Unauthenticated,
        'The access token is invalid or has expired; log in again.',
      );
    }
    if (claims.role !== UserRole.PlatformAdmin) {
      return refuse(
        request,
        reply,
        ErrorCode.Forbidden,
        `The queue dashboard is for platform admins; you are signed in as ${claims.role}.`,
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

import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { UserRole } from '@hybridmatch/domain';
import { Actor, ForbiddenError } from '@hybridmatch/core';
import { AccessTokenVerifier } from './access-token.verifier';
import { ACTOR_KEY } from './current-actor.decorator';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/**
 * The one global guard. A route is either `@Public()` or declares its roles (`@Allow(permission)`,
 * or `@Roles(...ALL_ROLES)`); anything else fails closed. The bearer token is verified (AccessTokenVerifier) and becomes the request's Actor.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    if (!roles) {
      this.logger.error(
        `Route ${context.getClass().name}.${context.getHandler().name} declares no roles; refused`,
      );
      throw new ForbiddenError('This route declares no roles and is closed.');
    }

    const request = context.switchToHttp().getRequest<FastifyRequest & { [ACTOR_KEY]?: Actor }>();
    const actor = await this.tokens.actorOf(
      request.headers.authorization,
      'Send an access token: "Authorization: Bearer <token>" (POST /api/auth/login).',
    );
    if (!roles.includes(actor.role)) {
      throw new ForbiddenError(`This action is for ${roles.join(', ')}; you are signed in as ${actor.role}.`);
    }
    request[ACTOR_KEY] = actor;
    return true;
  }
}

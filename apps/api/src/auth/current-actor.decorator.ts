import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor } from '@hybridmatch/core';

export const ACTOR_KEY = 'actor';

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { [ACTOR_KEY]?: Actor }>();
  const actor = request[ACTOR_KEY];
  if (!actor) throw new Error('CurrentActor used on a route without an authenticated actor');
  return actor;
});

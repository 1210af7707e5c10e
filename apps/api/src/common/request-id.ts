import type { FastifyRequest } from 'fastify';

/** The correlation id of a request: the id in its log lines, echoed as `x-request-id`. */
export function requestIdOf(request: FastifyRequest): string {
  return String(request.id);
}

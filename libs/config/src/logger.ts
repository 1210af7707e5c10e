import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { AppConfig } from './app-config';

/** The request id: a sane `x-request-id` from a proxy, else a new UUID. Used by Fastify and pino. */
export function requestIdFor(request: IncomingMessage): string {
  const existing = (request as { id?: unknown }).id;
  if (typeof existing === 'string') return existing;
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(header) ? header : randomUUID();
}

/**
 * Structured logs with pino: one request id on every line (taken from `x-request-id` when a
 * proxy sets a sane one), and no personal data: credentials, tokens, e-mail addresses and
 * request bodies are never logged.
 */
export function loggerParams(config: AppConfig, service: string): Params {
  return {
    // Nest 11 route syntax (path-to-regexp 8): every route, without the legacy-'*' warning.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.log.level,
      base: { service },
      genReqId: requestIdFor,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.email',
          '*.password',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false },
    },
  };
}

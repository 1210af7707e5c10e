import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, requestIdFor } from '@hybridmatch/config';
import { Clock } from '@hybridmatch/domain';
import { Metrics } from '@hybridmatch/metrics';
import { ApiModule } from './api.module';
import { ACCOUNT_PAGE_PATHS } from './pages/account-pages.controller';
import { ANSWER_PAGE_PATH } from './pages/answer-pages.controller';
import { BODY_LIMIT_BYTES } from './common/body-limit';
import { addSecurityHeaders } from './common/security-headers';
import { serveWebApp } from './web-app/web-app';

/** Builds the HTTP application (not yet listening): the same for `npm start` and for tests. */
export async function createApiApp(
  config: AppConfig,
  options: { logger?: boolean; clock?: Clock } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // The client's address (the rate limiter's key) comes from X-Forwarded-For only when the peer
    // is one of the configured proxies; otherwise any client could name itself.
    trustProxy: config.http.trustedProxies.length > 0 ? config.http.trustedProxies : false,
    genReqId: requestIdFor,
    // On shutdown, close idle keep-alive connections at once (and the rest once they finish)
    // instead of waiting for their keep-alive timeout.
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, options.clock),
    adapter,
    {
      bufferLogs: true,
      logger: options.logger === false ? false : undefined,
    },
  );
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // Security headers on every response (common/security-headers.ts), before any route.
  addSecurityHeaders(fastify);
  // The web app's refresh token travels in an httpOnly cookie (auth/refresh-cookie.ts).
  await app.register(fastifyCookie);
  await serveWebApp(app);
  // CSV uploads arrive as text/csv, as bytes: the importer detects the encoding (UTF-8, UTF-16,
  // Windows-1252). Decoding here as UTF-8 would miscount a Windows-1252 file's length.
  fastify.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const { httpRequestDuration } = app.get(Metrics);
  fastify.addHook('onResponse', async (request, reply) => {
    // The route pattern (`/api/teachers/:id`), never the URL: one series per route, not per id.
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequestDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  applyRoutePrefix(app);
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: '/openapi.json',
    useGlobalPrefix: false,
  });
  return app;
}

/**
 * Every route lives under /api, except the health checks that load balancers and orchestrators
 * probe and the pages that links in e-mails open (the web app at /app is served beside Nest).
 */
export function applyRoutePrefix(app: NestFastifyApplication): void {
  app.setGlobalPrefix('api', {
    exclude: ['health', 'health/live', 'health/ready', ...ACCOUNT_PAGE_PATHS, ANSWER_PAGE_PATH],
  });
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('HybridMatch API')
    .setDescription(
      'The marketplace that places company professionals as hybrid teachers in Dutch technical vocational education. ' +
        'Every route lists the roles that may call it (`x-roles`) and its error responses, all `application/problem+json`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

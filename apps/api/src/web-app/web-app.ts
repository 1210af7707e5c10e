import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { API_SECURITY_OPTIONS, SAME_ORIGIN_PAGE_CSP, securityHeadersFor } from '../common/security-headers';

/** Where the web app (apps/web) is served, from the same origin as the API. */
export const WEB_APP_PATH = '/app';

/** dist/web, found from this file whether it runs from dist/ (npm start) or from source (tests). */
function webDistDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return join(process.cwd(), 'dist', 'web');
}

/**
 * Serves the built web app (`npm run build` writes it to dist/web): its hashed assets under
 * /app/assets with a year's caching, and index.html for /app and every path below it, so a deep
 * link such as /app/proposals/<id> opens the app on that page. `/` leads to the app.
 */
export async function serveWebApp(app: NestFastifyApplication): Promise<void> {
  const root = webDistDir();
  const indexHtml = await readFile(join(root, 'index.html'), 'utf8').catch(() => null);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: `${WEB_APP_PATH}/assets/`,
    immutable: true,
    maxAge: '365d',
    index: false,
  });
  const route = {
    config: {
      securityHeaders: securityHeadersFor({
        ...API_SECURITY_OPTIONS,
        contentSecurityPolicy: { directives: SAME_ORIGIN_PAGE_CSP },
      }),
    },
  };
  const sendIndex = async (_request: unknown, reply: FastifyReply) => {
    if (indexHtml === null)
      return reply
        .status(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('The web app is not built: run `npm run build`.');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(indexHtml);
  };
  fastify.get(WEB_APP_PATH, route, sendIndex);
  fastify.get(`${WEB_APP_PATH}/*`, route, sendIndex);
  fastify.get('/', (_request, reply) => reply.redirect(`${WEB_APP_PATH}/`));
}

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@hybridmatch/config';
import { applyRoutePrefix, buildOpenApiDocument } from '../apps/api/src/api.bootstrap';
import { ApiModule } from '../apps/api/src/api.module';

const TARGET = join(__dirname, '..', '..', 'docs', 'openapi.json');

/**
 * Writes the OpenAPI document to docs/openapi.json (`npm run openapi:write`), or with `--check`
 * fails when the committed document differs from what the code declares (CI runs that).
 * Preview mode: no provider is instantiated, so no database or Redis is needed.
 */
async function main(): Promise<void> {
  const config = loadConfig({
    JWT_SECRET: 'openapi-generation-only-not-a-secret-000000',
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    new FastifyAdapter(),
    {
      preview: true,
      logger: false,
    },
  );
  applyRoutePrefix(app);
  const document = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close();

  if (process.argv.includes('--check')) {
    const committed = readFileSync(TARGET, 'utf8');
    if (committed !== document) {
      console.error('docs/openapi.json is out of date: run `npm run openapi:write` and commit it.');
      process.exit(1);
    }
    console.log('docs/openapi.json matches the code.');
    return;
  }
  writeFileSync(TARGET, document);
  console.log(`Wrote ${TARGET}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

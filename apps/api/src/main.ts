import 'reflect-metadata';
import { loadConfig } from '@hybridmatch/config';
import { serveMetrics } from '@hybridmatch/metrics';
import { messageOf } from '@hybridmatch/domain';
import { createApiApp } from './api.bootstrap';

/** Starts the HTTP API alone (`HM_PROCESS=api` with apps/main.ts does the same). */
export async function startApi(config = loadConfig()) {
  const app = await createApiApp(config);
  await app.listen({ port: config.http.port, host: config.http.host });
  return app;
}

if (require.main === module) {
  (async () => {
    const config = loadConfig();
    await startApi(config);
    await serveMetrics(config);
  })().catch((error: unknown) => {
    process.stderr.write(`${messageOf(error)}\n`);
    process.exit(1);
  });
}

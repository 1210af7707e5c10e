import 'reflect-metadata';
import { ConfigError, loadConfig } from '@hybridmatch/config';
import { serveMetrics } from '@hybridmatch/metrics';
import { startApi } from './api/src/main';
import { startWorker } from './worker/src/main';

/**
 * `npm start`: runs the API and the worker in one process (the single-machine default).
 * HM_PROCESS=api or HM_PROCESS=worker runs one of them, so production can scale each.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.processRole !== 'worker') await startApi(config);
  if (config.processRole !== 'api') await startWorker(config);
  await serveMetrics(config);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : error.stack}\n`,
  );
  process.exit(1);
});

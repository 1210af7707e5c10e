import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '@hybridmatch/config';
import { Clock, messageOf } from '@hybridmatch/domain';
import { serveMetrics } from '@hybridmatch/metrics';
import { WorkerModule } from './worker.module';

/** Starts the worker: connects to PostgreSQL and Redis and runs the queue processors. */
export async function startWorker(
  config: AppConfig = loadConfig(),
  options: { logger?: boolean; clock?: Clock } = {},
) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options.clock), {
    bufferLogs: true,
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}

if (require.main === module) {
  (async () => {
    const config = loadConfig();
    await startWorker(config);
    await serveMetrics(config);
  })().catch((error: unknown) => {
    process.stderr.write(`${messageOf(error)}\n`);
    process.exit(1);
  });
}

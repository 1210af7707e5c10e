import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { bullWorkers } from './bull-workers';

/**
 * Graceful stop of the worker on SIGTERM/SIGINT: before anything closes (the database, the queue
 * connections), every BullMQ worker stops taking jobs and finishes the ones in flight. If that
 * takes longer than SHUTDOWN_TIMEOUT_MS the process exits anyway with code 1: the unfinished jobs'
 * locks expire and another worker retries them (every job is idempotent), so nothing is lost.
 */
@Injectable()
export class WorkerShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const workers = bullWorkers(this.discovery);
    const { timeoutMs } = this.config.shutdown;
    // Only a signal arms the deadline: a test that closes the module in-process must never exit.
    if (signal) {
      setTimeout(() => {
        this.logger.error(
          `Jobs still running after ${timeoutMs} ms; exiting. Their locks expire and another worker retries them.`,
        );
        process.exit(1);
      }, timeoutMs).unref();
    }
    const running = workers.filter((worker) => worker.isRunning());
    this.logger.log(
      `Stopping${signal ? ` on ${signal}` : ''}: ${running.map((worker) => worker.name).join(', ') || 'no'} queue(s) take no new jobs; finishing the jobs in flight`,
    );
    await Promise.all(workers.map((worker) => worker.close()));
    this.logger.log('The jobs in flight are finished');
  }
}

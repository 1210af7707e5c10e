import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { bullWorkers } from './bull-workers';

/**
 * Connection errors of the BullMQ workers (Redis stopped or restarted) go to the log as warnings,
 * once per message until the worker is ready again, like the queues' (`QueueErrorLogger`). A
 * worker without an `error` listener would leave BullMQ to rethrow them.
 */
@Injectable()
export class WorkerErrorLogger implements OnApplicationBootstrap {
  private readonly logger = new Logger('Workers');

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    for (const worker of bullWorkers(this.discovery)) {
      let lastMessage: string | undefined;
      worker.on('error', (error: Error) => {
        if (error.message === lastMessage) return;
        lastMessage = error.message;
        this.logger.warn(`Worker "${worker.name}": ${error.message}`);
      });
      worker.on('ready', () => (lastMessage = undefined));
    }
  }
}

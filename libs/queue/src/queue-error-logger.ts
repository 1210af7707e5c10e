import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QUEUES } from './queues';

/**
 * Connection errors of the queues (Redis down, a reset connection) go to the structured log as
 * warnings, once per message until the connection recovers, instead of BullMQ's console output.
 * Nothing depends on the queue store being up: facts are in PostgreSQL and pollers re-queue what
 * is missing.
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('Queues');

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      let lastMessage: string | undefined;
      queue.on('error', (error: Error) => {
        if (error.message === lastMessage) return;
        lastMessage = error.message;
        this.logger.warn(`Queue "${name}": ${error.message}`);
      });
      queue.getBackend().on('ready', () => (lastMessage = undefined));
    }
  }
}

import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { queueRootOptions } from './queue-backend';
import { queueBackendLine } from './queue-backend-choice';
import { QueueErrorLogger } from './queue-error-logger';
import { QUEUES } from './queues';

const queueRegistrations = Object.values(QUEUES).map((name) => ({ name }));

/**
 * The one place BullMQ connects to its store: Redis, or (QUEUE_BACKEND=postgres) BullMQ's PostgreSQL
 * backend in the product's database. Features see the same queues either way. Says at start which.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: queueRootOptions,
    }),
    BullModule.registerQueue(...queueRegistrations),
  ],
  providers: [QueueErrorLogger],
  exports: [BullModule],
})
export class QueueModule implements OnModuleInit {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    new Logger('Queues').log(queueBackendLine(this.config));
  }
}

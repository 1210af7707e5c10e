import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';
import { QueueErrorLogger } from './queue-error-logger';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queues';
import { redisOptions } from './redis-connection';

const queueRegistrations = Object.values(QUEUES).map((name) => ({ name }));

/**
 * The one place BullMQ connects to Redis. A queue without Redis (a later zero-setup mode) would be
 * provided here, without touching any feature.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.redis.url),
        prefix: config.redis.queuePrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(...queueRegistrations),
  ],
  providers: [QueueErrorLogger],
  exports: [BullModule],
})
export class QueueModule {}

import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule, loggerParams } from '@hybridmatch/config';
import { Clock } from '@hybridmatch/domain';
import { DatabaseModule } from '@hybridmatch/database';
import { MetricsModule } from '@hybridmatch/metrics';
import { QueueModule } from '@hybridmatch/queue';
import { CoreModule } from '@hybridmatch/core';
import { JobMetrics } from './common/job-metrics';
import { WorkerErrorLogger } from './common/worker-error-logger';
import { WorkerShutdown } from './common/worker-shutdown';
import { MatchRunWorkerModule } from './match-runs/match-run.module';
import { NotificationDeliveryModule } from './notifications/notification-delivery.module';
import { ProgressSnapshotWorkerModule } from './progress/progress-snapshot.module';
import { ProposalJobsModule } from './proposal-jobs/proposal-jobs.module';
import { ReminderWorkerModule } from './reminders/reminders.module';

/** The background process: BullMQ processors over the shared core, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, clock?: Clock) {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (appConfig: AppConfig) => loggerParams(appConfig, 'worker'),
        }),
        DatabaseModule,
        QueueModule,
        CoreModule,
        MetricsModule,
        NotificationDeliveryModule,
        MatchRunWorkerModule,
        ProposalJobsModule,
        DiscoveryModule,
        ProgressSnapshotWorkerModule,
        ReminderWorkerModule,
      ],
      providers: [JobMetrics, WorkerErrorLogger, WorkerShutdown],
    };
  }
}

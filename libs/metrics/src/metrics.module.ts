import { Global, Module } from '@nestjs/common';
import { Metrics, metricsOfProcess } from './metrics';
import { NotificationStateRepository } from './notification-state.repository';
import { StateMetricsSource } from './state-metrics.source';

/** This process's Prometheus series, for injection; the metrics listener is started by the entry point. */
@Global()
@Module({
  providers: [
    { provide: Metrics, useFactory: metricsOfProcess },
    NotificationStateRepository,
    StateMetricsSource,
  ],
  exports: [Metrics],
})
export class MetricsModule {}

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the gauges that describe shared state (queues, outbox) read when Prometheus scrapes. */
export interface StateSource {
  /** Jobs per state for every queue, e.g. `{ matching: { waiting: 2, active: 1 } }`. */
  queueDepths(): Promise<Record<string, Record<string, number>>>;
  /** Notifications per delivery status, and how long the oldest pending one has waited. */
  notifications(): Promise<{ byStatus: Record<string, number>; oldestPendingSeconds: number }>;
}

/** Seconds, from sub-millisecond HTTP answers up to match runs of a whole region. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * Every Prometheus series HybridMatch exports, in one registry per process (the API and the worker
 * share it when they run in one process). Names are documented in docs/OPERATIONS.md.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'hm_http_request_duration_seconds',
    help: 'HTTP request latency per route (the route pattern, not the URL) and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'hm_job_duration_seconds',
    help: 'Time a worker spent on a job, per queue, job name and outcome (completed or failed)',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'hm_job_failures_total',
    help: 'Failed job attempts per queue and job name (each retry that fails counts)',
    labelNames: ['queue', 'job'] as const,
    registers: [this.registry],
  });

  readonly matchRunPhase = new Histogram({
    name: 'hm_match_run_phase_duration_seconds',
    help: 'Duration of each phase of a successful match run: load, engine, store and total',
    labelNames: ['phase'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });

  private readonly sources: StateSource[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'hm_' });
    const source = () => this.sources[0];

    new Gauge({
      name: 'hm_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, prioritized, failed, completed)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const depths = await source()?.queueDepths();
        for (const [queue, states] of Object.entries(depths ?? {}))
          for (const [state, count] of Object.entries(states)) this.set({ queue, state }, count);
      },
    });

    const notifications = () => source()?.notifications();
    new Gauge({
      name: 'hm_notifications',
      help: 'Notifications per delivery status (pending, sent, failed)',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const state = await notifications();
        for (const [status, count] of Object.entries(state?.byStatus ?? {})) this.set({ status }, count);
      },
    });

    new Gauge({
      name: 'hm_outbox_lag_seconds',
      help: 'How long the oldest pending notification has waited to be sent (0 when none waits)',
      registers: [this.registry],
      async collect() {
        const state = await notifications();
        if (state) this.set(state.oldestPendingSeconds);
      },
    });
  }

  /** The application whose queues and database the state gauges read (the first one wins). */
  addStateSource(source: StateSource): () => void {
    this.sources.push(source);
    return () => {
      const index = this.sources.indexOf(source);
      if (index >= 0) this.sources.splice(index, 1);
    };
  }
}

let processMetrics: Metrics | undefined;

/** This process's one set of series. */
export function metricsOfProcess(): Metrics {
  return (processMetrics ??= new Metrics());
}

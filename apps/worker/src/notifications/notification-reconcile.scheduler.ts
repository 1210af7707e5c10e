import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobPayloads, keepJobSchedulers, QUEUES } from '@hybridmatch/queue';
import { DELIVERY_POLICY, DeliveryPolicy } from './delivery-policy';

/** The job scheduler's id, which is also its job name. */
export const RECONCILE_JOB = 'reconcile-notifications';

/**
 * Registers the reconciler's BullMQ job scheduler when the worker boots and whenever the queue's
 * Redis connection becomes ready again (a Redis that restarted empty has forgotten it). One run at
 * a time across all workers; the reconciler reads the database, so a run after an outage catches up.
 */
@Injectable()
export class NotificationReconcileScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
    @Inject(DELIVERY_POLICY) private readonly policy: DeliveryPolicy,
  ) {}

  onApplicationBootstrap(): void {
    const data: JobPayloads[typeof RECONCILE_JOB] = {};
    keepJobSchedulers(
      this.queue,
      new Logger(NotificationReconcileScheduler.name),
      'notification reconciler schedule',
      () =>
        this.queue.upsertJobScheduler(
          RECONCILE_JOB,
          { every: this.policy.reconcileEveryMs },
          { name: RECONCILE_JOB, data, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } },
        ),
    );
  }
}

import { Module } from '@nestjs/common';
import { DEFAULT_DELIVERY_POLICY, DELIVERY_POLICY } from './delivery-policy';
import { NotificationMailer } from './notification-mailer';
import { NotificationReconcileScheduler } from './notification-reconcile.scheduler';
import { NotificationReconciler } from './notification-reconciler.service';
import { NotificationSender } from './notification-sender.service';
import { NotificationProcessor } from './notification.processor';
import { NOTIFICATION_JOB_OPTIONS, OutboxRelay } from './outbox-relay.service';
import { OutboxRelayPoller } from './outbox-relay.poller';

/** Email delivery in the worker: the outbox relay (polled and nudged), the sending processor and the reconciler. */
@Module({
  providers: [
    NotificationMailer,
    NotificationSender,
    NotificationProcessor,
    OutboxRelay,
    OutboxRelayPoller,
    NotificationReconciler,
    NotificationReconcileScheduler,
    { provide: NOTIFICATION_JOB_OPTIONS, useValue: {} },
    { provide: DELIVERY_POLICY, useValue: DEFAULT_DELIVERY_POLICY },
  ],
  exports: [OutboxRelay],
})
export class NotificationDeliveryModule {}

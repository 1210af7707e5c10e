import { Module } from '@nestjs/common';
import { NotificationMailer } from './notification-mailer';
import { NotificationSender } from './notification-sender.service';
import { NotificationProcessor } from './notification.processor';
import { NOTIFICATION_JOB_OPTIONS, OutboxRelay } from './outbox-relay.service';
import { OutboxRelayPoller } from './outbox-relay.poller';

/** Email delivery in the worker: the outbox relay (polled and nudged) and the sending processor. */
@Module({
  providers: [
    NotificationMailer,
    NotificationSender,
    NotificationProcessor,
    OutboxRelay,
    OutboxRelayPoller,
    { provide: NOTIFICATION_JOB_OPTIONS, useValue: {} },
  ],
  exports: [OutboxRelay],
})
export class NotificationDeliveryModule {}

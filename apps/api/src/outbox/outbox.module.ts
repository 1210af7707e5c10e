import { Module } from '@nestjs/common';
import { OutboxNudgeSubscriber } from './outbox-nudge.subscriber';

/** The API's side of the notification outbox: a nudge to the worker's relay after each commit. */
@Module({ providers: [OutboxNudgeSubscriber] })
export class OutboxModule {}

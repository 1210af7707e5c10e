import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import {
  DataSource,
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  TransactionCommitEvent,
} from 'typeorm';
import { Notification } from '@hybridmatch/database';
import { JobPayloads, QUEUES, redisBackendOf } from '@hybridmatch/queue';
import { messageOf } from '@hybridmatch/domain';

/**
 * After a transaction that wrote notification rows commits, asks the worker to relay them now
 * (a `relay-outbox` job) instead of at its next poll. Best effort: when Redis is not connected
 * nothing is queued and the request is not slowed down; the worker's poller, which reads
 * PostgreSQL, relays the rows within seconds of Redis returning.
 */
@Injectable()
export class OutboxNudgeSubscriber implements EntitySubscriberInterface<Notification> {
  private readonly logger = new Logger(OutboxNudgeSubscriber.name);
  private readonly wroteNotifications = new WeakSet<QueryRunner>();

  constructor(
    dataSource: DataSource,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {
    dataSource.subscribers.push(this);
  }

  listenTo() {
    return Notification;
  }

  afterInsert(event: InsertEvent<Notification>): void {
    if (event.queryRunner.isTransactionActive) this.wroteNotifications.add(event.queryRunner);
    else void this.nudge();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!this.wroteNotifications.delete(event.queryRunner)) return;
    void this.nudge();
  }

  afterTransactionRollback(event: TransactionCommitEvent): void {
    this.wroteNotifications.delete(event.queryRunner);
  }

  private async nudge(): Promise<void> {
    try {
      const redis = redisBackendOf(this.queue);
      if (redis && (await redis.client).status !== 'ready') return;
      const payload: JobPayloads['relay-outbox'] = {};
      await this.queue.add('relay-outbox', payload, {
        attempts: 1,
        removeOnComplete: true,
        removeOnFail: true,
      });
    } catch (error) {
      this.logger.debug(`No relay nudge (the worker's poller will relay): ${messageOf(error)}`);
    }
  }
}

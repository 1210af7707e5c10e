import { Injectable, Logger } from '@nestjs/common';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
} from 'typeorm';
import { messageOf } from '@hybridmatch/domain';

/**
 * Runs work once the caller's transaction has committed (queue jobs for rows it wrote), and not
 * at all when it rolls back. Without a transaction the work runs at once. Best effort: a failure
 * is logged, and the reconciliation job repairs what it left undone.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new WeakMap<QueryRunner, Array<() => Promise<unknown>>>();

  constructor(dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  run(manager: EntityManager, work: () => Promise<unknown>): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      this.pending.set(runner, [...(this.pending.get(runner) ?? []), work]);
    } else {
      void this.safely(work);
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const work = this.pending.get(event.queryRunner);
    this.pending.delete(event.queryRunner);
    for (const item of work ?? []) void this.safely(item);
  }

  afterTransactionRollback(event: TransactionCommitEvent): void {
    this.pending.delete(event.queryRunner);
  }

  private async safely(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`Work after commit failed (the reconciliation job repairs it): ${messageOf(error)}`);
    }
  }
}

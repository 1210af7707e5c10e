import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, JobPayloads, QUEUES } from '@hybridmatch/queue';
import { DeliveryOutcome, NotificationSender } from './notification-sender.service';
import { NotificationReconciler, ReconcileResult } from './notification-reconciler.service';
import { OutboxRelay } from './outbox-relay.service';

/**
 * The notifications queue: `send-notification` sends one email (retried with exponential backoff
 * from the job defaults; the last failure marks the row failed, with its long-backoff retry),
 * `relay-outbox` is the API's nudge to relay new rows now instead of at the next poll, and
 * `reconcile-notifications` (every 30 s) drives overdue and failed rows on.
 *
 * A short lock makes a job whose worker died mid-send available again within ~30 s. Should the
 * lock lapse while a worker is still sending, the same job runs twice and may send twice (the same
 * Message-ID); another job finds the row claimed and skips.
 */
@Processor(QUEUES.notifications, { concurrency: 5, lockDuration: 15_000, stalledInterval: 15_000 })
export class NotificationProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationProcessor.name);

  constructor(
    private readonly sender: NotificationSender,
    private readonly relay: OutboxRelay,
    private readonly reconciler: NotificationReconciler,
  ) {
    super();
  }

  async process(
    job: Job<unknown, unknown, JobName>,
  ): Promise<DeliveryOutcome | ReconcileResult | { relayed: number }> {
    switch (job.name) {
      case 'send-notification':
        return this.send(job as Job<JobPayloads['send-notification']>);
      case 'relay-outbox':
        return { relayed: await this.relay.relayPending() };
      case 'reconcile-notifications':
        return this.reconciler.reconcile();
      default:
        throw new UnrecoverableError(`The notifications queue has no job named ${job.name}`);
    }
  }

  private async send(job: Job<JobPayloads['send-notification']>): Promise<DeliveryOutcome> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await this.sender.deliver({
      notificationId: job.data.notificationId,
      jobId: job.id!,
      finalAttempt,
      note: (message) => job.log(message).then(() => undefined),
    });
    if (outcome.result === 'failed') throw outcome.error;
    if (outcome.result === 'skipped') this.logger.debug(`Job ${job.id} skipped: ${outcome.reason}`);
    return outcome;
  }
}

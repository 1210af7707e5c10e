/**
 * How long a notification may sit in each delivery state before the reconciler acts, and the long
 * backoff of failed e-mails (docs/NOTIFICATIONS.md). Tests shorten it through the
 * `DELIVERY_POLICY` provider.
 */
export interface DeliveryPolicy {
  /** A relayed row still `pending` this long after its relay: its job is checked (lost → queued afresh). */
  pendingDeadlineMs: number;
  /** A row `sending` this long after its claim: its worker is gone (longer than every SMTP timeout). */
  sendingDeadlineMs: number;
  /** After the job's own attempts ran out: send again after each of these, then only by an admin. */
  retryDelaysMs: readonly number[];
  /** How often the reconciler runs (a BullMQ job scheduler). */
  reconcileEveryMs: number;
  /** How long a worker keeps trying to record an accepted message as sent while the database is away. */
  recordSentForMs: number;
  /**
   * The most e-mails the relay keeps relayed and not yet sent (their jobs waiting, backing off or
   * running); the rest wait in the outbox, which is the backlog. SMTP takes tens of messages a
   * second, while one national match run writes thousands of notifications: queueing them all at
   * once only fills Redis (which must never evict) and makes the reconciler check jobs that are
   * merely waiting their turn.
   */
  maxInFlight: number;
}

export const DELIVERY_POLICY = Symbol('DELIVERY_POLICY');

const MINUTE = 60_000;

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  pendingDeadlineMs: 2 * MINUTE,
  // nodemailer: connect 10 s + greeting 10 s + 60 s per socket read, plus recordSentForMs.
  sendingDeadlineMs: 5 * MINUTE,
  retryDelaysMs: [5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE],
  reconcileEveryMs: 30_000,
  recordSentForMs: 2 * MINUTE,
  // Seconds of sending for every worker at SMTP speed, refilled by the relay every 2 s.
  maxInFlight: 1000,
};

/** The delay before the next automatic round after `round` rounds were used, or -1 when none is left. */
export const nextRetryDelay = (policy: DeliveryPolicy, round: number): number =>
  policy.retryDelaysMs[round] ?? -1;

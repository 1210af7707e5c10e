import type { DefaultJobOptions } from 'bullmq';

/**
 * Every queue and job name, and the payload each job carries, in one place. Payloads carry ids
 * only; processors reload the rows and check their state. Never rename a queue casually: waiting
 * jobs would be stranded under the old name.
 */
export const QUEUES = {
  matching: 'matching',
  notifications: 'notifications',
  maintenance: 'maintenance',
  reports: 'reports',
  /** Lesson reminders (delayed jobs), their reconciliation and the digests (docs/SCHEDULES.md). */
  reminders: 'reminders',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  'match-run': { matchRunId: string };
  'scheduled-match-run': { regionId: string };
  'shortage-signals': { matchRunId: string };
  'send-notification': { notificationId: string };
  'relay-outbox': Record<string, never>;
  'reconcile-notifications': Record<string, never>;
  'expire-proposals': Record<string, never>;
  'remind-expiring-proposals': Record<string, never>;
  'close-ended-requests': Record<string, never>;
  'compliance-sweep': Record<string, never>;
  'snapshot-progress': Record<string, never>;
  'lesson-reminder': { lessonId: string; audience: 'teacher' | 'school'; sequence: number };
  'reconcile-reminders': Record<string, never>;
  'weekly-digest': Record<string, never>;
  'coordinator-digest': Record<string, never>;
  'answers-owed': Record<string, never>;
}
export type JobName = keyof JobPayloads;

/** Deterministic job ids: the same fact is never queued twice. BullMQ refuses ':' in custom ids. */
export const jobIds = {
  /** Fresh each time the run is queued again after an interruption (`requeues`). */
  matchRun: (matchRunId: string, requeues: number) => `match-run-${matchRunId}-${requeues}`,
  /**
   * A run's shortage signals; fresh each time the poller queues the job again (`shortageRequeues`),
   * because a kept failed job with the same id would make the add a silent no-op.
   */
  shortageSignals: (matchRunId: string, requeues: number) => `shortage-signals-${matchRunId}-${requeues}`,
  /** Fresh for every relay of the row (`relayCount`): BullMQ ignores a new job whose id a kept failed job has. */
  notification: (notificationId: string, relayCount: number) =>
    `notification-${notificationId}-${relayCount}`,
  /**
   * One reminder per lesson, audience and lesson `sequence` (bumped by every move or cancellation):
   * a moved lesson gets a fresh id, so neither its old job nor a kept failed job blocks the new one.
   */
  lessonReminder: (lessonId: string, audience: 'teacher' | 'school', sequence: number) =>
    `lesson-reminder-${lessonId}-${audience}-${sequence}`,
};

/**
 * The shortage-signals job's priority on the `matching` queue: BullMQ takes jobs without a priority
 * (match runs) first, so signals never delay a run's proposals (a larger number waits longer).
 */
export const SHORTAGE_SIGNALS_PRIORITY = 10;

/**
 * A run's shortage-signals job as the `matching` queue takes it (`add` or `addBulk`): its payload,
 * its id for the `requeues`-th time it is queued, and its priority. The one place it is described.
 */
export function shortageSignalsJob(matchRunId: string, requeues: number) {
  return {
    name: 'shortage-signals' as const,
    data: { matchRunId } satisfies JobPayloads['shortage-signals'],
    opts: { jobId: jobIds.shortageSignals(matchRunId, requeues), priority: SHORTAGE_SIGNALS_PRIORITY },
  };
}

/** Attempts, exponential backoff and bounded history for every job. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
};

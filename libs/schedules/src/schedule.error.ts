/** Why a schedule change was refused; the API maps each to its HTTP problem in one place. */
export enum ScheduleErrorCode {
  NotFound = 'not_found',
  Invalid = 'invalid',
  /** The lesson's state does not allow it (cancelled, started, …). */
  InvalidState = 'invalid_state',
  /** The database refused a lesson overlapping another of the same teacher. */
  LessonOverlap = 'lesson_overlap',
}

/** A domain error of the schedules library (no HTTP here: the worker uses this library too). */
export class ScheduleError extends Error {
  constructor(
    readonly code: ScheduleErrorCode,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
    this.name = 'ScheduleError';
  }
}

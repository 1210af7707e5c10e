/** What happens to a lesson, and who may decide it. The rules here are the only copy. */
export enum LessonStatus {
  Scheduled = 'scheduled',
  Cancelled = 'cancelled',
  Given = 'given',
  NotGiven = 'not_given',
}

/** Why a lesson does not take place. */
export enum LessonCancellationKind {
  /** The school cancelled it (no class, exam week, …). */
  School = 'school',
  /** The company cancelled it for its teacher (work at the company comes first this time). */
  Company = 'company',
  /** The teacher reported sick: both employers are told (DOMAIN.md rule 5). */
  Sick = 'sick',
  /** The placement ended early or its dates changed; the lesson fell outside. */
  PlacementChanged = 'placement_changed',
}

/** A cancellation this close to the start is recorded as late (a reliability signal). */
export const LATE_CANCELLATION_MS = 24 * 3600 * 1000;

export function isLateCancellation(startsAt: Date, at: Date): boolean {
  return startsAt.getTime() - at.getTime() < LATE_CANCELLATION_MS;
}

/** `null` when the change is allowed, else the sentence that says why not. */
export type LessonDecision = string | null;

export function mayCancel(lesson: { status: LessonStatus; startsAt: Date }, now: Date): LessonDecision {
  if (lesson.status !== LessonStatus.Scheduled)
    return `This lesson is ${lesson.status.replace('_', ' ')}; it can no longer be cancelled.`;
  if (lesson.startsAt.getTime() <= now.getTime())
    return 'This lesson has started; mark it given or not given instead of cancelling it.';
  return null;
}

export function mayMove(
  lesson: { status: LessonStatus; startsAt: Date },
  to: { startsAt: Date; endsAt: Date },
  now: Date,
): LessonDecision {
  if (lesson.status !== LessonStatus.Scheduled)
    return `This lesson is ${lesson.status.replace('_', ' ')}; it can no longer be moved.`;
  if (lesson.startsAt.getTime() <= now.getTime())
    return 'This lesson has started; it can no longer be moved.';
  if (to.startsAt.getTime() <= now.getTime()) return 'A lesson can only be moved to a time in the future.';
  if (to.endsAt.getTime() <= to.startsAt.getTime()) return 'A lesson must end after it starts.';
  return null;
}

/** Given or not given (a no-show) is recorded once the lesson has started, and only once. */
export function mayRecordOutcome(
  lesson: { status: LessonStatus; startsAt: Date },
  now: Date,
): LessonDecision {
  if (lesson.status !== LessonStatus.Scheduled)
    return `This lesson is already ${lesson.status.replace('_', ' ')}.`;
  if (lesson.startsAt.getTime() > now.getTime())
    return 'A lesson can be marked given or not given only once it has started.';
  return null;
}

/** Feedback on a block of lessons: after the lesson took place, a rating of 1 to 5 and one sentence. */
export function mayGiveFeedback(lesson: { status: LessonStatus; endsAt: Date }, now: Date): LessonDecision {
  if (lesson.status === LessonStatus.Cancelled)
    return 'This lesson was cancelled; there is nothing to give feedback on.';
  if (lesson.endsAt.getTime() > now.getTime()) return 'Feedback can be given once the lesson is over.';
  return null;
}

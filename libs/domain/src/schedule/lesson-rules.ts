/** What happens to a lesson, and who may decide it. The rules here are the only copy. */
import type { Sentence } from '../sentence';

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

/** `null` when the change is allowed, else the sentence that says why not, in English and in Dutch. */
export type LessonDecision = Sentence | null;

/** What a lesson's status says about it, for refusals (in Dutch the web app's words, `lessons.statuses`). */
const LESSON_STATE: Record<LessonStatus, Sentence> = {
  [LessonStatus.Scheduled]: { en: 'is scheduled', nl: 'is gepland' },
  [LessonStatus.Cancelled]: { en: 'was cancelled', nl: 'is geannuleerd' },
  [LessonStatus.Given]: { en: 'was already recorded as given', nl: 'is al als gegeven vastgelegd' },
  [LessonStatus.NotGiven]: {
    en: 'was already recorded as not given',
    nl: 'is al als niet gegeven vastgelegd',
  },
};

export function mayCancel(lesson: { status: LessonStatus; startsAt: Date }, now: Date): LessonDecision {
  if (lesson.status !== LessonStatus.Scheduled)
    return {
      en: `This lesson ${LESSON_STATE[lesson.status].en}; it can no longer be cancelled.`,
      nl: `Deze les ${LESSON_STATE[lesson.status].nl}; hij kan niet meer worden geannuleerd.`,
    };
  if (lesson.startsAt.getTime() <= now.getTime())
    return {
      en: 'This lesson has started; mark it given or not given instead of cancelling it.',
      nl: 'Deze les is al begonnen; leg vast of hij gegeven is in plaats van hem te annuleren.',
    };
  return null;
}

export function mayMove(
  lesson: { status: LessonStatus; startsAt: Date },
  to: { startsAt: Date; endsAt: Date },
  now: Date,
): LessonDecision {
  if (lesson.status !== LessonStatus.Scheduled)
    return {
      en: `This lesson ${LESSON_STATE[lesson.status].en}; it can no longer be moved.`,
      nl: `Deze les ${LESSON_STATE[lesson.status].nl}; hij kan niet meer worden verplaatst.`,
    };
  if (lesson.startsAt.getTime() <= now.getTime())
    return {
      en: 'This lesson has started; it can no longer be moved.',
      nl: 'Deze les is al begonnen; hij kan niet meer worden verplaatst.',
    };
  if (to.startsAt.getTime() <= now.getTime())
    return {
      en: 'A lesson can only be moved to a time in the future.',
      nl: 'Een les kan alleen naar een tijd in de toekomst worden verplaatst.',
    };
  if (to.endsAt.getTime() <= to.startsAt.getTime())
    return { en: 'A lesson must end after it starts.', nl: 'Een les moet later eindigen dan hij begint.' };
  return null;
}

/** Given or not given (a no-show) is recorded once the lesson has started, and only once. */
export function mayRecordOutcome(
  lesson: { status: LessonStatus; startsAt: Date },
  now: Date,
): LessonDecision {
  if (lesson.status !== LessonStatus.Scheduled)
    return {
      en: `This lesson ${LESSON_STATE[lesson.status].en}; whether it was given can no longer be recorded.`,
      nl: `Deze les ${LESSON_STATE[lesson.status].nl}; er kan niet meer worden vastgelegd of hij gegeven is.`,
    };
  if (lesson.startsAt.getTime() > now.getTime())
    return {
      en: 'A lesson can be marked given or not given only once it has started.',
      nl: 'Pas als de les begonnen is, kan worden vastgelegd of hij gegeven is.',
    };
  return null;
}

/** Feedback on a block of lessons: after the lesson took place, a rating of 1 to 5 and one sentence. */
export function mayGiveFeedback(lesson: { status: LessonStatus; endsAt: Date }, now: Date): LessonDecision {
  if (lesson.status === LessonStatus.Cancelled)
    return {
      en: 'This lesson was cancelled; there is nothing to give feedback on.',
      nl: 'Deze les is geannuleerd; er is geen feedback op te geven.',
    };
  if (lesson.endsAt.getTime() > now.getTime())
    return {
      en: 'Feedback can be given once the lesson is over.',
      nl: 'Feedback kan worden gegeven zodra de les voorbij is.',
    };
  return null;
}

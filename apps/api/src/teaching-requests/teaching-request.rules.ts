import {
  EducationLevel,
  formatClockTime,
  LearningPath,
  parseClockTime,
  resolveLearningPath,
  slotMinutes,
  slotsOverlap,
  Weekday,
  WeeklySlot,
} from '@hybridmatch/domain';
import { FieldError } from '@hybridmatch/core';

/** A lesson block as the API receives it: a weekday with "HH:MM" times. */
export interface LessonBlockInput {
  weekday: Weekday;
  start: string;
  end: string;
}

export const toWeeklySlot = (block: LessonBlockInput): WeeklySlot => ({
  weekday: block.weekday,
  start: parseClockTime(block.start),
  end: parseClockTime(block.end),
});

/** Every block ends after it starts, and no two blocks on one weekday overlap. */
export function lessonBlockErrors(blocks: LessonBlockInput[]): FieldError[] {
  const slots = blocks.map(toWeeklySlot);
  const errors: FieldError[] = [];
  slots.forEach((slot, index) => {
    if (slot.end <= slot.start) {
      errors.push({
        field: `blocks[${index}].end`,
        reason: `must be later than start (${formatClockTime(slot.start)})`,
        code: 'endNotAfterStart',
      });
      return;
    }
    const earlier = slots.findIndex(
      (other, otherIndex) => otherIndex < index && other.end > other.start && slotsOverlap(other, slot),
    );
    if (earlier >= 0)
      errors.push({
        field: `blocks[${index}]`,
        reason: `overlaps blocks[${earlier}] on the same weekday`,
        code: 'overlapsBlock',
      });
  });
  return errors;
}

/** Clock hours per week taught in these blocks (DOMAIN.md rule 1 counts clock hours), to 2 decimals. */
export function hoursPerWeek(slots: WeeklySlot[]): number {
  const minutes = slots.reduce((total, slot) => total + slotMinutes(slot), 0);
  return Math.round((minutes / 60) * 100) / 100;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The number of (possibly partial) weeks the period touches, both dates included: 1–7 days is 1 week. */
export function periodWeeks(periodStart: string, periodEnd: string): number {
  const days = (Date.parse(`${periodEnd}T00:00:00Z`) - Date.parse(`${periodStart}T00:00:00Z`)) / DAY_MS + 1;
  return Math.ceil(days / 7);
}

/** Period and commitment rules that span fields. */
export function periodErrors(request: {
  periodStart: string;
  periodEnd: string;
  minCommitmentWeeks: number;
}): FieldError[] {
  if (request.periodEnd < request.periodStart) {
    return [
      {
        field: 'periodEnd',
        reason: `must be on or after periodStart (${request.periodStart})`,
        code: 'endBeforeStart',
      },
    ];
  }
  const weeks = periodWeeks(request.periodStart, request.periodEnd);
  if (request.minCommitmentWeeks > weeks) {
    return [
      {
        field: 'minCommitmentWeeks',
        reason: `must be at most the length of the period (${weeks} weeks)`,
        code: 'longerThanPeriod',
      },
    ];
  }
  return [];
}

/**
 * The learning path to store for a request at `level` (DOMAIN.md rule 7), or the field error:
 * `given` undefined means not sent; then an MBO level keeps `current` (BOL when it had none) and
 * an HBO level has none.
 */
export function learningPathFor(
  level: EducationLevel,
  given: LearningPath | null | undefined,
  current: LearningPath | null = null,
): { path: LearningPath | null; errors: FieldError[] } {
  const resolved = resolveLearningPath(
    level,
    given === undefined && level !== EducationLevel.Hbo ? (current ?? undefined) : given,
  );
  if ('problem' in resolved)
    return { path: null, errors: [{ field: 'learningPath', reason: resolved.problem, code: resolved.code }] };
  return { path: resolved.path, errors: [] };
}

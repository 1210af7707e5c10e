import { ClockTime, Weekday } from '../clock-time';
import { addDays, amsterdamInstant, datesBetween, weekdayOf } from './amsterdam-time';
import { DayOff, daysOffByDate } from './days-off';

/** One weekly lesson block of a placement. */
export interface WeeklyBlock {
  blockId: string;
  weekday: Weekday;
  startTime: ClockTime;
  endTime: ClockTime;
}

/** One lesson: a block on a date, as instants (Amsterdam wall time, daylight saving applied). */
export interface PlannedLesson {
  blockId: string;
  date: string;
  startsAt: Date;
  endsAt: Date;
}

/** A date on which a block would have been taught, and why it is not. */
export interface SkippedLesson {
  blockId: string;
  date: string;
  reason: string;
}

export interface LessonPlanInput {
  /** The placement's period, both ends included. */
  startDate: string;
  endDate: string;
  blocks: readonly WeeklyBlock[];
  /** School holidays, public holidays and the institution's closed and study days. */
  daysOff: readonly DayOff[];
}

/**
 * The lessons of a placement: every weekly block on every date of the period whose weekday
 * matches, in Europe/Amsterdam, except on days off. Pure: the caller gathers the days off.
 */
export function planLessons(input: LessonPlanInput): { lessons: PlannedLesson[]; skipped: SkippedLesson[] } {
  const lessons: PlannedLesson[] = [];
  const skipped: SkippedLesson[] = [];
  if (input.endDate < input.startDate || input.blocks.length === 0) return { lessons, skipped };
  const off = daysOffByDate(input.daysOff, input.startDate, input.endDate);
  const byWeekday = new Map<Weekday, WeeklyBlock[]>();
  for (const block of input.blocks) {
    if (block.endTime <= block.startTime)
      throw new RangeError(`Block ${block.blockId} ends before it starts`);
    byWeekday.set(block.weekday, [...(byWeekday.get(block.weekday) ?? []), block]);
  }
  for (const date of datesBetween(input.startDate, input.endDate)) {
    const blocks = byWeekday.get(weekdayOf(date));
    if (!blocks) continue;
    const reason = off.get(date);
    for (const block of blocks) {
      if (reason) skipped.push({ blockId: block.blockId, date, reason });
      else
        lessons.push({
          blockId: block.blockId,
          date,
          startsAt: amsterdamInstant(date, block.startTime),
          endsAt: amsterdamInstant(date, block.endTime),
        });
    }
  }
  return { lessons, skipped };
}

/** Supervisor check-ins (DOMAIN.md rule 11): every six weeks from the start, within the period. */
export const CHECK_IN_INTERVAL_WEEKS = 6;

export function supervisorCheckInDates(startDate: string, endDate: string): string[] {
  const dates: string[] = [];
  for (let week = CHECK_IN_INTERVAL_WEEKS; ; week += CHECK_IN_INTERVAL_WEEKS) {
    const date = addDays(startDate, week * 7);
    if (date > endDate) return dates;
    dates.push(date);
  }
}

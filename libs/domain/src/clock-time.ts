/**
 * Clock times and weekdays as explicit values. A clock time is minutes since midnight
 * (0..1440); a weekday is ISO 8601 (Monday = 1 … Sunday = 7). Strings such as "08:30" are parsed
 * here and nowhere else.
 */
export type ClockTime = number & { readonly __clockTime: unique symbol };

export enum Weekday {
  Monday = 1,
  Tuesday = 2,
  Wednesday = 3,
  Thursday = 4,
  Friday = 5,
  Saturday = 6,
  Sunday = 7,
}

export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

const CLOCK_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)(?::00)?$/;
const COLON = 58;
const ZERO = 48;

/** The two decimal digits at `at` as a number, or -1. */
function twoDigits(value: string, at: number): number {
  const tens = value.charCodeAt(at) - ZERO;
  const ones = value.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

export function isClockTimeString(value: unknown): value is string {
  return typeof value === 'string' && (CLOCK_PATTERN.test(value) || value === '24:00');
}

/** Parses "HH:MM" (or "HH:MM:00" as PostgreSQL returns `time`); "24:00" is the end of the day. */
export function parseClockTime(value: string): ClockTime {
  if (value.length === 5 && value.charCodeAt(2) === COLON) {
    // "HH:MM", the form the API and every read return, without a regular expression (a list page
    // parses hundreds of block times): digits only, 00:00–23:59 or 24:00.
    const hours = twoDigits(value, 0);
    const minutes = twoDigits(value, 3);
    if (hours >= 0 && minutes >= 0 && minutes < 60 && (hours < 24 || (hours === 24 && minutes === 0)))
      return (hours * 60 + minutes) as ClockTime;
  }
  if (value === '24:00' || value === '24:00:00') return 1440 as ClockTime;
  const match = CLOCK_PATTERN.exec(value);
  if (!match) throw new RangeError(`"${value}" is not a clock time (HH:MM)`);
  return (Number(match[1]) * 60 + Number(match[2])) as ClockTime;
}

export function clockTime(minutes: number): ClockTime {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    throw new RangeError(`${minutes} is not a clock time in minutes (0..1440)`);
  }
  return minutes as ClockTime;
}

export function formatClockTime(time: ClockTime | number): string {
  const hours = Math.floor(time / 60);
  const minutes = time % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function isWeekday(value: unknown): value is Weekday {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7;
}

/** A weekly time slot: a weekday with a start and an end clock time, end after start. */
export interface WeeklySlot {
  weekday: Weekday;
  start: ClockTime;
  end: ClockTime;
}

export function slotMinutes(slot: WeeklySlot): number {
  return slot.end - slot.start;
}

export function slotsOverlap(a: WeeklySlot, b: WeeklySlot): boolean {
  return a.weekday === b.weekday && a.start < b.end && b.start < a.end;
}

export function slotContains(outer: WeeklySlot, inner: WeeklySlot): boolean {
  return outer.weekday === inner.weekday && outer.start <= inner.start && inner.end <= outer.end;
}

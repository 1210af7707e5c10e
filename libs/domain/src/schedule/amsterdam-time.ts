import { DateTime } from 'luxon';
import { ClockTime, Weekday } from '../clock-time';
import { PRODUCT_TIME_ZONE } from '../clock';

/**
 * Calendar dates (`YYYY-MM-DD`) and wall-clock times in Europe/Amsterdam, turned into instants and
 * back. Luxon knows the zone's rules, so a 09:00 lesson is 07:00Z in summer and 08:00Z in winter.
 */

/** The instant of `minutes` past midnight on `date` in Amsterdam (a time skipped by DST moves forward). */
export function amsterdamInstant(date: string, minutes: ClockTime | number): Date {
  const day = DateTime.fromISO(date, { zone: PRODUCT_TIME_ZONE });
  if (!day.isValid) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toJSDate();
}

/** The Amsterdam calendar date and clock time (minutes since midnight) of an instant. */
export function amsterdamWallTime(instant: Date): { date: string; minutes: number } {
  const local = DateTime.fromJSDate(instant, { zone: PRODUCT_TIME_ZONE });
  return { date: local.toISODate() as string, minutes: local.hour * 60 + local.minute };
}

/** ISO weekday (Monday = 1) of a calendar date. */
export function weekdayOf(date: string): Weekday {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Every calendar date from `from` to `to`, both included. */
export function* datesBetween(from: string, to: string): Generator<string> {
  let day = DateTime.fromISO(from, { zone: 'UTC' });
  const last = DateTime.fromISO(to, { zone: 'UTC' });
  while (day <= last) {
    yield day.toISODate() as string;
    day = day.plus({ days: 1 });
  }
}

/** The Dutch school year (`2026-2027`) a date falls in: it turns on 1 August. */
export function schoolYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const first = month >= 8 ? year : year - 1;
  return `${first}-${first + 1}`;
}

import { DateTime } from 'luxon';
import { ClockTime, Weekday } from '../clock-time';
import { PRODUCT_TIME_ZONE } from '../clock';

/**
 * Calendar dates (`YYYY-MM-DD`) and wall-clock times in Europe/Amsterdam, turned into instants and
 * back. Luxon knows the zone's rules, so a 09:00 lesson is 07:00Z in summer and 08:00Z in winter.
 */

const DAY_MS = 24 * 3600_000;

/**
 * Amsterdam's UTC offset (minutes) at the start and at the end of each calendar date asked for:
 * they differ only on the two days a year the clocks change. Luxon (Intl) answers this in about
 * 50 µs, and a school year of lessons asks it for the same few hundred dates again and again.
 */
const dayOffsets = new Map<string, readonly [number, number]>();

function offsetsOf(date: string): readonly [number, number] {
  let offsets = dayOffsets.get(date);
  if (!offsets) {
    const day = DateTime.fromISO(date, { zone: PRODUCT_TIME_ZONE });
    if (!day.isValid) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
    offsets = [day.offset, day.endOf('day').offset];
    dayOffsets.set(date, offsets);
  }
  return offsets;
}

/** The instant of `minutes` past midnight on `date` in Amsterdam (a time skipped by DST moves forward). */
export function amsterdamInstant(date: string, minutes: ClockTime | number): Date {
  const [atStart, atEnd] = offsetsOf(date);
  if (atStart === atEnd) return new Date(utcMidnight(date) + (minutes - atStart) * 60_000);
  // The day the clocks change: Luxon places the wall time on the right side of the change.
  const day = DateTime.fromISO(date, { zone: PRODUCT_TIME_ZONE });
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toJSDate();
}

/** The Amsterdam calendar date and clock time (minutes since midnight) of an instant. */
export function amsterdamWallTime(instant: Date): { date: string; minutes: number } {
  const local = DateTime.fromJSDate(instant, { zone: PRODUCT_TIME_ZONE });
  return { date: local.toISODate() as string, minutes: local.hour * 60 + local.minute };
}

/** ISO weekday (Monday = 1) of a calendar date. */
export function weekdayOf(date: string): Weekday {
  return ((new Date(utcMidnight(date)).getUTCDay() + 6) % 7) + 1;
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return isoDateOf(utcMidnight(date) + days * DAY_MS);
}

/** Every calendar date from `from` to `to`, both included. */
export function* datesBetween(from: string, to: string): Generator<string> {
  const last = utcMidnight(to);
  for (let day = utcMidnight(from); day <= last; day += DAY_MS) yield isoDateOf(day);
}

/**
 * Calendar arithmetic in plain UTC milliseconds: a date's midnight, and back. Both are kept per
 * date once computed, as `dayOffsets` are: the matching engine's rule book asks for the first
 * lesson day after today of every request again in each of a region's ~50 shortage re-solves
 * (~200,000 conversions of the same few hundred dates, 10 % of the signals job's CPU).
 */
const midnights = new Map<string, number>();
const isoDates = new Map<number, string>();

function utcMidnight(date: string): number {
  let ms = midnights.get(date);
  if (ms === undefined) {
    ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms))
      throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
    midnights.set(date, ms);
  }
  return ms;
}

function isoDateOf(ms: number): string {
  let date = isoDates.get(ms);
  if (date === undefined) isoDates.set(ms, (date = new Date(ms).toISOString().slice(0, 10)));
  return date;
}

/** The Dutch school year (`2026-2027`) a date falls in: it turns on 1 August. */
export function schoolYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const first = month >= 8 ? year : year - 1;
  return `${first}-${first + 1}`;
}

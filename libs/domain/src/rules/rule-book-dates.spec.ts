import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addDays, weekdayOf } from '../schedule/amsterdam-time';
import { daysBetween, firstLessonDayAfter } from './rule-book';

/**
 * The rule book's date arithmetic in plain UTC days (the engine asks it for every request it
 * prepares) answers exactly as the Luxon and day-by-day versions it replaced.
 */
describe('rule book dates', () => {
  const luxonDaysBetween = (from: string, to: string) =>
    Math.round(
      DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days,
    );
  const dayByDay = (today: string, weekdays: readonly number[]) => {
    for (let offset = 1; offset <= 7; offset++) {
      const day = addDays(today, offset);
      if (weekdays.includes(weekdayOf(day))) return day;
    }
    return addDays(today, 1);
  };
  const date = fc
    .date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2060-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  it('daysBetween: the same days as Luxon for any two dates', () => {
    fc.assert(fc.property(date, date, (a, b) => daysBetween(a, b) === luxonDaysBetween(a, b)));
  });

  it('daysBetween: a date-time or an invalid date as Luxon answers it', () => {
    for (const [a, b] of [
      ['2026-09-01T12:00:00Z', '2026-09-03'],
      ['2026-02-30', '2026-03-03'],
      ['0050-01-01', '0050-02-01'],
      ['not a date', '2026-01-01'],
    ])
      expect(daysBetween(a, b)).toEqual(luxonDaysBetween(a, b));
  });

  it('firstLessonDayAfter: the first day after today on one of the weekdays, as day by day', () => {
    const weekdays = fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { maxLength: 4 });
    fc.assert(
      fc.property(
        date,
        weekdays,
        (today, days) => firstLessonDayAfter(today, days) === dayByDay(today, days),
      ),
    );
  });

  it('addDays: the same date as Luxon however often asked (dates are kept once converted), and an invalid date refused every time', () => {
    const luxonAddDays = (from: string, days: number) =>
      DateTime.fromISO(from, { zone: 'UTC' }).plus({ days }).toISODate();
    const days = fc.integer({ min: -400, max: 400 });
    fc.assert(
      fc.property(
        date,
        days,
        (from, n) => addDays(from, n) === luxonAddDays(from, n) && addDays(from, n) === luxonAddDays(from, n),
      ),
    );
    for (let attempt = 0; attempt < 2; attempt++)
      expect(() => addDays('2026-9-1', 1)).toThrow('"2026-9-1" is not a calendar date (YYYY-MM-DD)');
  });
});

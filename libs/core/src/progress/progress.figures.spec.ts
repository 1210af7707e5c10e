import { minutesTaught, PlacementRow, weekdaysBetween, weekStartOf } from './progress.figures';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('progress figures', () => {
  it('weekdaysBetween counts the dates of a weekday in a range, as walking the days does', () => {
    const start = Date.parse('2026-08-24T00:00:00Z');
    for (let a = 0; a < 20; a++)
      for (let length = -2; length < 40; length += 3)
        for (let weekday = 1; weekday <= 7; weekday++) {
          const from = day(start + a * 86_400_000);
          const to = day(start + (a + length) * 86_400_000);
          let walked = 0;
          for (let d = a; d <= a + length; d++)
            if ((new Date(start + d * 86_400_000).getUTCDay() + 6) % 7 === weekday - 1) walked++;
          expect({ from, to, weekday, n: weekdaysBetween(weekday, from, to) }).toEqual({
            from,
            to,
            weekday,
            n: walked,
          });
        }
  });

  it('weeks start on Monday', () => {
    expect(weekStartOf('2026-10-14')).toBe('2026-10-12');
    expect(weekStartOf('2026-10-12')).toBe('2026-10-12');
    expect(weekStartOf('2026-10-18')).toBe('2026-10-12');
  });

  it('hours taught stop at yesterday, the end date and the day before a cancellation', () => {
    const placement: PlacementRow = {
      teacherId: 't',
      companyId: 'c',
      schoolId: 's',
      regionId: 'r',
      subjectCode: 'x',
      minutesPerWeek: 270,
      startDate: '2026-09-01',
      endDate: '2026-09-30',
      cancelledOn: null,
      slots: [
        { weekday: 2, minutes: 180 },
        { weekday: 4, minutes: 90 },
      ],
    };
    // Until Monday 14 September: Tuesdays 1 and 8, Thursdays 3 and 10.
    expect(minutesTaught(placement, '2026-09-15')).toBe(2 * 180 + 2 * 90);
    // Ended on 30 September: Tuesdays 1, 8, 15, 22, 29 and Thursdays 3, 10, 17, 24.
    expect(minutesTaught(placement, '2026-12-01')).toBe(5 * 180 + 4 * 90);
    // Cancelled on Thursday 17 September: that lesson no longer took place.
    expect(minutesTaught({ ...placement, cancelledOn: '2026-09-17' }, '2026-12-01')).toBe(3 * 180 + 2 * 90);
  });
});

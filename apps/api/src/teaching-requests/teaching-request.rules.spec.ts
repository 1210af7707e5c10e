import { clockTime, Weekday } from '@hybridmatch/domain';
import { hoursPerWeek, lessonBlockErrors, periodErrors, periodWeeks } from './teaching-request.rules';

describe('teaching request rules', () => {
  describe('lessonBlockErrors', () => {
    it('accepts blocks that touch or fall on different weekdays', () => {
      expect(
        lessonBlockErrors([
          { weekday: Weekday.Tuesday, start: '09:00', end: '12:00' },
          { weekday: Weekday.Tuesday, start: '12:00', end: '13:30' },
          { weekday: Weekday.Thursday, start: '09:00', end: '12:00' },
        ]),
      ).toEqual([]);
    });

    it('names a block that does not end after it starts', () => {
      expect(lessonBlockErrors([{ weekday: Weekday.Monday, start: '10:00', end: '10:00' }])).toEqual([
        { field: 'blocks[0].end', reason: 'must be later than start (10:00)', code: 'endNotAfterStart' },
      ]);
    });

    it('names the later of two overlapping blocks on one weekday', () => {
      expect(
        lessonBlockErrors([
          { weekday: Weekday.Friday, start: '09:00', end: '12:00' },
          { weekday: Weekday.Monday, start: '09:00', end: '12:00' },
          { weekday: Weekday.Friday, start: '11:59', end: '13:00' },
        ]),
      ).toEqual([
        { field: 'blocks[2]', reason: 'overlaps blocks[0] on the same weekday', code: 'overlapsBlock' },
      ]);
    });
  });

  it('counts clock hours per week from the blocks', () => {
    const slots = [
      { weekday: Weekday.Tuesday, start: clockTime(510), end: clockTime(600) },
      { weekday: Weekday.Thursday, start: clockTime(780), end: clockTime(960) },
    ];
    expect(hoursPerWeek(slots)).toBe(4.5);
    expect(hoursPerWeek([])).toBe(0);
  });

  describe('periods', () => {
    it('counts the (partial) weeks a period touches, both dates included', () => {
      expect(periodWeeks('2026-09-01', '2026-09-01')).toBe(1);
      expect(periodWeeks('2026-09-01', '2026-09-07')).toBe(1);
      expect(periodWeeks('2026-09-01', '2026-09-08')).toBe(2);
      expect(periodWeeks('2026-09-01', '2027-08-31')).toBe(53);
    });

    it('requires the end on or after the start, and a commitment that fits in the period', () => {
      expect(
        periodErrors({ periodStart: '2026-09-01', periodEnd: '2026-08-31', minCommitmentWeeks: 1 }),
      ).toEqual([
        {
          field: 'periodEnd',
          reason: 'must be on or after periodStart (2026-09-01)',
          code: 'endBeforeStart',
        },
      ]);
      expect(
        periodErrors({ periodStart: '2026-09-01', periodEnd: '2026-09-30', minCommitmentWeeks: 6 }),
      ).toEqual([
        {
          field: 'minCommitmentWeeks',
          reason: 'must be at most the length of the period (5 weeks)',
          code: 'longerThanPeriod',
        },
      ]);
      expect(
        periodErrors({ periodStart: '2026-09-01', periodEnd: '2026-09-30', minCommitmentWeeks: 5 }),
      ).toEqual([]);
    });
  });
});

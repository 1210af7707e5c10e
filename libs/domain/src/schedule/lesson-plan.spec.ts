import { clockTime, Weekday } from '../clock-time';
import { HolidayRegion } from '../enums';
import schoolHolidayFile from '../../../../data/school-holidays.json';
import { amsterdamWallTime, schoolYearOf } from './amsterdam-time';
import { DayOff, dutchPublicHolidays, readSchoolHolidayFile, SCHOOL_HOLIDAY_NAMES } from './days-off';
import { planLessons, supervisorCheckInDates } from './lesson-plan';
import { isLateCancellation, LessonStatus, mayCancel, mayRecordOutcome } from './lesson-rules';

const monday = {
  blockId: 'mon',
  weekday: Weekday.Monday,
  startTime: clockTime(9 * 60),
  endTime: clockTime(12 * 60),
};
const { rows } = readSchoolHolidayFile(schoolHolidayFile);
const holidaysOf = (region: HolidayRegion): DayOff[] =>
  rows
    .filter((row) => row.holidayRegion === region)
    .map((row) => ({
      startDate: row.startDate,
      endDate: row.endDate,
      reason: SCHOOL_HOLIDAY_NAMES[row.kind],
    }));

describe('planLessons', () => {
  // 2026-10-25 (back to CET) and 2027-03-28 (to CEST) both fall inside; so do the autumn and
  // Christmas holidays of regio midden.
  const plan = planLessons({
    startDate: '2026-10-05',
    endDate: '2027-04-12',
    blocks: [monday],
    daysOff: [...holidaysOf(HolidayRegion.Midden), ...dutchPublicHolidays('2026-10-05', '2027-04-12')],
  });
  const byDate = new Map(plan.lessons.map((lesson) => [lesson.date, lesson]));

  it('keeps 09:00–12:00 Amsterdam time on both sides of each daylight-saving change', () => {
    expect(byDate.get('2026-10-12')?.startsAt.toISOString()).toBe('2026-10-12T07:00:00.000Z'); // CEST
    expect(byDate.get('2026-10-26')?.startsAt.toISOString()).toBe('2026-10-26T08:00:00.000Z'); // CET
    expect(byDate.get('2027-03-22')?.startsAt.toISOString()).toBe('2027-03-22T08:00:00.000Z'); // CET
    expect(byDate.get('2027-03-29')).toBeUndefined(); // Easter Monday
    expect(byDate.get('2027-04-05')?.startsAt.toISOString()).toBe('2027-04-05T07:00:00.000Z'); // CEST
    for (const lesson of plan.lessons) {
      expect(amsterdamWallTime(lesson.startsAt)).toEqual({ date: lesson.date, minutes: 540 });
      expect(amsterdamWallTime(lesson.endsAt)).toEqual({ date: lesson.date, minutes: 720 });
    }
  });

  it('skips the school holidays of the region and public holidays, saying why', () => {
    expect(plan.skipped).toEqual([
      { blockId: 'mon', date: '2026-10-19', reason: 'Herfstvakantie' },
      { blockId: 'mon', date: '2026-12-21', reason: 'Kerstvakantie' },
      { blockId: 'mon', date: '2026-12-28', reason: 'Kerstvakantie' },
      { blockId: 'mon', date: '2027-02-22', reason: 'Voorjaarsvakantie' },
      { blockId: 'mon', date: '2027-03-29', reason: 'Tweede paasdag' },
    ]);
    // Every Monday of the period is either a lesson or a skipped date.
    expect(plan.lessons.length + plan.skipped.length).toBe(28);
  });

  it('uses the region: regio zuid has its autumn holiday a week later in 2027 than noord', () => {
    const autumn = (region: HolidayRegion) =>
      planLessons({
        startDate: '2027-10-11',
        endDate: '2027-10-31',
        blocks: [monday],
        daysOff: holidaysOf(region),
      }).skipped.map((skip) => skip.date);
    expect(autumn(HolidayRegion.Noord)).toEqual(['2027-10-18']);
    expect(autumn(HolidayRegion.Zuid)).toEqual(['2027-10-25']);
  });

  it('honours an institution study day and several blocks on one day', () => {
    const afternoon = {
      ...monday,
      blockId: 'mon-pm',
      startTime: clockTime(13 * 60),
      endTime: clockTime(15 * 60),
    };
    const result = planLessons({
      startDate: '2026-09-07',
      endDate: '2026-09-21',
      blocks: [monday, afternoon],
      daysOff: [{ startDate: '2026-09-14', endDate: '2026-09-14', reason: 'Studiedag' }],
    });
    expect(result.lessons.map((lesson) => `${lesson.date} ${lesson.blockId}`)).toEqual([
      '2026-09-07 mon',
      '2026-09-07 mon-pm',
      '2026-09-21 mon',
      '2026-09-21 mon-pm',
    ]);
    expect(result.skipped.map((skip) => skip.reason)).toEqual(['Studiedag', 'Studiedag']);
  });

  it('returns nothing for an empty or inverted period', () => {
    expect(
      planLessons({ startDate: '2026-09-08', endDate: '2026-09-07', blocks: [monday], daysOff: [] }).lessons,
    ).toEqual([]);
  });
});

describe('holiday data', () => {
  it('ships three school years for all three regions, five holidays each, without problems', () => {
    expect(readSchoolHolidayFile(schoolHolidayFile).problems).toEqual([]);
    expect(rows).toHaveLength(3 * 3 * 5);
    expect(new Set(rows.map((row) => row.schoolYear))).toEqual(
      new Set(['2025-2026', '2026-2027', '2027-2028']),
    );
  });

  it('reports every problem of a bad file with its path', () => {
    const { problems } = readSchoolHolidayFile({
      schoolYears: [
        { schoolYear: '2026-2028', holidays: [] },
        {
          schoolYear: '2026-2027',
          holidays: [{ kind: 'easter', binding: 'fixed', noord: ['2027-04-02', '2027-03-01'] }],
        },
      ],
    });
    expect(problems).toEqual([
      { field: 'schoolYears[0].schoolYear', reason: 'must look like 2026-2027', code: 'isSchoolYear' },
      {
        field: 'schoolYears[1].holidays[0].kind',
        reason: expect.stringContaining('must be one of autumn'),
        code: 'isIn',
      },
      {
        field: 'schoolYears[1].holidays[0].noord',
        reason: expect.stringContaining('end on or after start'),
        code: 'isHolidayPeriod',
      },
    ]);
  });

  it('knows the Dutch public holidays from date-holidays', () => {
    expect(dutchPublicHolidays('2027-01-01', '2027-12-31').map((day) => day.startDate)).toEqual(
      expect.arrayContaining([
        '2027-01-01',
        '2027-03-29',
        '2027-04-27',
        '2027-05-06',
        '2027-05-17',
        '2027-12-25',
        '2027-12-26',
      ]),
    );
  });

  it('turns the school year on 1 August', () => {
    expect(schoolYearOf('2026-07-31')).toBe('2025-2026');
    expect(schoolYearOf('2026-08-01')).toBe('2026-2027');
  });
});

describe('lesson rules', () => {
  const startsAt = new Date('2026-10-12T07:00:00Z');
  it('calls a cancellation within 24 hours of the start late', () => {
    expect(isLateCancellation(startsAt, new Date('2026-10-11T07:00:01Z'))).toBe(true);
    expect(isLateCancellation(startsAt, new Date('2026-10-11T07:00:00Z'))).toBe(false);
  });
  it('refuses to cancel a started lesson and to record an outcome before it starts, in English and Dutch', () => {
    expect(mayCancel({ status: LessonStatus.Scheduled, startsAt }, startsAt)).toEqual({
      en: 'This lesson has started; mark it given or not given instead of cancelling it.',
      nl: 'Deze les is al begonnen; leg vast of hij gegeven is in plaats van hem te annuleren.',
    });
    expect(mayCancel({ status: LessonStatus.Cancelled, startsAt }, new Date(0))).toEqual({
      en: 'This lesson was cancelled; it can no longer be cancelled.',
      nl: 'Deze les is geannuleerd; hij kan niet meer worden geannuleerd.',
    });
    expect(mayRecordOutcome({ status: LessonStatus.Scheduled, startsAt }, new Date(0))).toEqual({
      en: 'A lesson can be marked given or not given only once it has started.',
      nl: 'Pas als de les begonnen is, kan worden vastgelegd of hij gegeven is.',
    });
    expect(mayRecordOutcome({ status: LessonStatus.NotGiven, startsAt }, startsAt)).toEqual({
      en: 'This lesson was already recorded as not given; whether it was given can no longer be recorded.',
      nl: 'Deze les is al als niet gegeven vastgelegd; er kan niet meer worden vastgelegd of hij gegeven is.',
    });
    expect(mayRecordOutcome({ status: LessonStatus.Scheduled, startsAt }, startsAt)).toBeNull();
  });
  it('schedules a supervisor check-in every six weeks within the placement', () => {
    expect(supervisorCheckInDates('2026-09-01', '2026-12-31')).toEqual(['2026-10-13', '2026-11-24']);
  });
});

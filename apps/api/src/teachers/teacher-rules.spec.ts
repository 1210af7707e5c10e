import { Qualification } from '@hybridmatch/domain';
import { monthsBefore, teacherRuleErrors, vogValidForStart } from './teacher-rules';

const TODAY = '2026-11-27';
const base = { availableFrom: '2027-02-01' };

describe('teacherRuleErrors', () => {
  it('accepts a consistent profile', () => {
    const input = {
      ...base,
      availableUntil: '2027-07-31',
      windows: [
        { weekday: 1, start: '08:30', end: '12:00' },
        { weekday: 1, start: '12:00', end: '16:30' },
      ],
      vogIssuedOn: TODAY,
    };
    expect(teacherRuleErrors(input, TODAY)).toEqual([]);
  });

  it('wants every window to end after it starts', () => {
    expect(
      teacherRuleErrors({ ...base, windows: [{ weekday: 2, start: '10:00', end: '10:00' }] }, TODAY),
    ).toEqual([
      { field: 'windows[0].end', reason: 'must be later than start (10:00)', code: 'endNotAfterStart' },
    ]);
  });

  it('refuses overlapping windows on the same day, not on different days', () => {
    const windows = [
      { weekday: 3, start: '11:00', end: '15:00' },
      { weekday: 2, start: '08:00', end: '12:00' },
      { weekday: 3, start: '08:00', end: '12:00' },
    ];
    expect(teacherRuleErrors({ ...base, windows }, TODAY)).toEqual([
      {
        field: 'windows[0]',
        reason: expect.stringContaining('overlaps windows[2] (wo 08:00-12:00)'),
        code: 'overlapsWindow',
      },
    ]);
  });

  it('checks the period, the PDG start date and the VOG date', () => {
    const errors = teacherRuleErrors(
      {
        ...base,
        availableUntil: '2027-01-31',
        qualification: Qualification.PdgInProgress,
        vogIssuedOn: '2026-11-28',
      },
      TODAY,
    );
    expect(errors.map(({ field, code }) => [field, code])).toEqual([
      ['availableUntil', 'endBeforeStart'],
      ['qualificationSince', 'pdgStartRequired'],
      ['vogIssuedOn', 'dateInFuture'],
    ]);
  });
});

describe('VOG freshness hint', () => {
  it('holds when the VOG is at most 6 months old on the start date', () => {
    expect(vogValidForStart('2026-08-01', '2027-02-01')).toBe(true);
    expect(vogValidForStart('2026-07-31', '2027-02-01')).toBe(false);
    expect(vogValidForStart(null, '2027-02-01')).toBe(false);
  });

  it('counts months on the calendar, clamping to the month end', () => {
    expect(monthsBefore('2027-08-31', 6)).toBe('2027-02-28');
    expect(monthsBefore('2027-03-15', 6)).toBe('2026-09-15');
  });
});

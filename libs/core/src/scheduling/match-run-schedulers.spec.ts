import { cronProblem, nextRunOf } from './match-run-schedulers';

const AMSTERDAM = 'Europe/Amsterdam';

describe('cronProblem', () => {
  it.each(['0 6 * * 1', '30 7 * * 1-5', '0 */2 * * *', '15 5 1 * *', '0 6 * * MON'])(
    'accepts %s (at most once an hour)',
    (pattern) => {
      expect(cronProblem(pattern, AMSTERDAM)).toBeUndefined();
    },
  );

  it.each([
    ['every monday', 'must have 5 fields'],
    ['0 0 6 * * 1', 'must have 5 fields'],
    ['61 * * * *', 'is not a valid cron pattern'],
    ['0 6 31 2 *', 'is not a valid cron pattern'],
    ['*/30 * * * *', 'more often than once an hour'],
    ['0,30 6 * * 1', 'more often than once an hour'],
    ['* 6 * * 1', 'more often than once an hour'],
  ])('refuses %s', (pattern, reason) => {
    expect(cronProblem(pattern, AMSTERDAM)).toContain(reason);
  });
});

describe('nextRunOf', () => {
  it('reads the pattern in Amsterdam time', () => {
    const next = nextRunOf({ cron: '0 6 * * *', timezone: AMSTERDAM });
    const amsterdamTime = new Intl.DateTimeFormat('en-GB', {
      timeZone: AMSTERDAM,
      hour: '2-digit',
      minute: '2-digit',
    }).format(next);
    expect(amsterdamTime).toBe('06:00');
  });
});

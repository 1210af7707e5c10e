import { FixedClock, SystemClock, productDateOf, today } from './clock';

describe('clock', () => {
  it('gives the Amsterdam calendar date, not the UTC one', () => {
    expect(productDateOf(new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-04');
    expect(productDateOf(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(productDateOf(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('a fixed clock moves only when told', () => {
    const clock = new FixedClock('2027-03-01T08:00:00Z');
    expect(today(clock)).toBe('2027-03-01');
    clock.advance(24 * 3600 * 1000);
    expect(today(clock)).toBe('2027-03-02');
    clock.set('2027-09-01T08:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-09-01T08:00:00.000Z');
  });

  it('a system clock can start at another instant and run on from there', () => {
    const clock = SystemClock.startingAt(new Date('2030-01-15T12:00:00Z'));
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2030-01-15T12:00:00Z'))).toBeLessThan(5000);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(first);
  });
});

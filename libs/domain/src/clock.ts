/**
 * "Now" and "today" for the whole product. Every decision that depends on the date asks a Clock,
 * never `new Date()`, so tests and demos control time. Calendar dates are `YYYY-MM-DD` strings in
 * the product's time zone (Europe/Amsterdam): a lesson day is a Dutch day, wherever the server runs.
 */
export const PRODUCT_TIME_ZONE = 'Europe/Amsterdam';

export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The real clock, optionally shifted by a fixed offset (a demo "as of" another date). */
export class SystemClock implements Clock {
  constructor(private readonly offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** A clock whose "now" starts at `at` and then runs on in real time. */
  static startingAt(at: Date): SystemClock {
    return new SystemClock(at.getTime() - Date.now());
  }
}

/** A clock that moves only when told: for tests. */
export class FixedClock implements Clock {
  private current: number;

  constructor(at: Date | string) {
    this.current = new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

const dateFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: PRODUCT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (`YYYY-MM-DD`) of an instant in Europe/Amsterdam. */
export function productDateOf(instant: Date): string {
  return dateFormatter.format(instant);
}

/** Today's calendar date in Europe/Amsterdam, as the clock sees it. */
export function today(clock: Clock): string {
  return productDateOf(clock.now());
}

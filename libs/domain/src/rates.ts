/**
 * Hourly rates of hybrid teachers: what a company charges a school for an hour of its staff's
 * teaching. Pure rules; the rate card itself is data (a company's entries with validity dates).
 */
import { TeachingRole } from './enums';
import { Sentence } from './sentence';

/**
 * Plausible hourly rates, in euro cents (docs/COSTS.md): below €25 an hour or above €250 an hour
 * is taken for a typing error (a rate of €0.01 once went through), not a price.
 */
export const RATE_BOUNDS = { minCents: 25_00, maxCents: 250_00 } as const;

/** How far a coordinator may move the rate card's rate at approval, either way (with a reason). */
export const MAX_RATE_ADJUSTMENT = 0.2;

/** One entry of a company's rate card: for one staff member or for a teaching role, over a period. */
export interface RateCardEntry {
  teacherId: string | null;
  role: TeachingRole | null;
  hourlyRateCents: number;
  validFrom: string;
  /** Inclusive; null: until further notice. */
  validUntil: string | null;
}

/** The rate that applies, and where it came from. */
export interface AppliedRate {
  hourlyRateCents: number;
  /** The staff member's own card entry, their role's, or (on a placement) the rate agreed at approval. */
  source: 'teacher' | 'role' | 'agreed';
}

/**
 * The rate for a teacher in a role on a date: the teacher's own entry valid that day beats the
 * role's; among several valid entries the one that started last wins. Null: no entry applies.
 */
export function rateOn(
  entries: readonly RateCardEntry[],
  teacherId: string,
  role: TeachingRole,
  date: string,
): AppliedRate | null {
  const valid = entries
    .filter((entry) => entry.validFrom <= date && (entry.validUntil === null || date <= entry.validUntil))
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0));
  const own = valid.find((entry) => entry.teacherId === teacherId);
  if (own) return { hourlyRateCents: own.hourlyRateCents, source: 'teacher' };
  const forRole = valid.find((entry) => entry.teacherId === null && entry.role === role);
  return forRole ? { hourlyRateCents: forRole.hourlyRateCents, source: 'role' } : null;
}

/** What a proposal would cost the school: the card's rate and the hours of the placement period. */
export interface ProposalCost {
  /** Null: the company's rate card has no rate for this teacher and role yet. */
  rate: AppliedRate | null;
  /** The first day the placement could start (request start, or today if later) to the request's end. */
  from: string;
  until: string;
  lessons: number;
  /** Lessons skipped for school holidays, public holidays and the school's closed days. */
  skippedLessons: number;
  hours: number;
  totalCents: number | null;
}

/** Why a rate is implausible, in English and Dutch (the amounts in each language's way), or null when it is a price. */
export function implausibleRate(hourlyRateCents: number): Sentence | null {
  if (!Number.isInteger(hourlyRateCents))
    return { en: 'must be a whole number of euro cents', nl: 'moet een heel aantal eurocenten zijn' };
  const { minCents, maxCents } = RATE_BOUNDS;
  if (hourlyRateCents < minCents || hourlyRateCents > maxCents)
    return {
      en: `must be between ${euros(minCents)} and ${euros(maxCents)} an hour (${euros(hourlyRateCents)} looks like a typing error)`,
      nl: `moet tussen ${eurosNl(minCents)} en ${eurosNl(maxCents)} per uur liggen (${eurosNl(hourlyRateCents)} lijkt een tikfout)`,
    };
  return null;
}

/**
 * Why an agreed rate may not replace the rate card's, or null: it must be plausible, and within
 * `MAX_RATE_ADJUSTMENT` of the card's rate when there is one.
 */
export function rateAdjustmentProblem(cardCents: number | null, agreedCents: number): Sentence | null {
  const implausible = implausibleRate(agreedCents);
  if (implausible) return implausible;
  if (cardCents === null) return null;
  const low = Math.ceil(cardCents * (1 - MAX_RATE_ADJUSTMENT));
  const high = Math.floor(cardCents * (1 + MAX_RATE_ADJUSTMENT));
  const percent = MAX_RATE_ADJUSTMENT * 100;
  if (agreedCents < low || agreedCents > high)
    return {
      en: `may differ at most ${percent}% from the rate card's ${euros(cardCents)} (between ${euros(low)} and ${euros(high)})`,
      nl: `mag hooguit ${percent}% afwijken van het tarief op de tariefkaart, ${eurosNl(cardCents)} (dus tussen ${eurosNl(low)} en ${eurosNl(high)})`,
    };
  return null;
}

/** The cost of teaching `minutes` at an hourly rate, in euro cents (rounded to the cent). */
export function costCents(hourlyRateCents: number, minutes: number): number {
  return Math.round((hourlyRateCents * minutes) / 60);
}

/**
 * `costCents` as a PostgreSQL expression over two integer columns or parameters, for totals the
 * database adds up over many rows (a placements list's cost over every page): the same rule,
 * written beside it so the two cannot drift apart; libs/core's `cost-cents-sql.int-spec.ts` holds them equal,
 * halves included (PostgreSQL's `round` of a numeric rounds half away from zero, `Math.round` half
 * up: the same for amounts that are never negative).
 */
export function costCentsSql(hourlyRateCents: string, minutes: string): string {
  return `round(${hourlyRateCents} * ${minutes} / 60.0)`;
}

export function euros(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}

const DUTCH_EUROS = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** An amount the Dutch way, as the web app writes it: "€ 1.250,00" (a no-break space after the sign). */
export function eurosNl(cents: number): string {
  return DUTCH_EUROS.format(cents / 100);
}

import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { implausibleRate, isClockTimeString, isSubjectCode } from '@hybridmatch/domain';

/** The validation options that list an enum's values in the message. */
export const enumMessage = (values: object) => ({
  message: `must be one of: ${Object.values(values).join(', ')}`,
});

/** May be left out, but not sent as null (for fields the database requires). */
export const IsOptionalButNotNull = () =>
  ValidateIf((_object: unknown, value: unknown) => value !== undefined);

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written as YYYY-MM-DD (2026-02-30 is refused). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: () => 'must be a date written as YYYY-MM-DD, for example 2026-09-01',
      },
    },
    options,
  );

/** An hourly rate in euro cents that is a price, not a typing error (`implausibleRate`, docs/COSTS.md). */
export const IsPlausibleRate = () =>
  ValidateBy({
    name: 'isPlausibleRate',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && implausibleRate(value) === null,
      defaultMessage: (args) =>
        typeof args?.value === 'number'
          ? (implausibleRate(args.value)?.en ?? '')
          : 'must be a whole number of euro cents',
    },
  });

/**
 * The Dutch reason (`reasonNl`) of a constraint whose sentence carries the refused value's numbers,
 * which the web app's fixed sentence for the code cannot: by constraint name, from the value.
 */
export const DUTCH_REASON: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  isPlausibleRate: (value) => (typeof value === 'number' ? implausibleRate(value)?.nl : undefined),
};

/**
 * A text in one format, refused with its own code (`name`, e.g. `isKvkNumber`) rather than
 * class-validator's `matches` for every pattern, so a client can say which format in its own words.
 */
export const HasFormat = (name: string, pattern: RegExp, message: string) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && pattern.test(value),
      defaultMessage: () => message,
    },
  });

export const IsClockTime = () =>
  ValidateBy({
    name: 'isClockTime',
    validator: {
      validate: isClockTimeString,
      defaultMessage: () => 'must be a clock time written as HH:MM, for example 08:30',
    },
  });

export const IsSubjectCode = () =>
  ValidateBy({
    name: 'isSubjectCode',
    validator: {
      validate: isSubjectCode,
      defaultMessage: () =>
        'must be a subject code from the taxonomy (GET /api/subjects), for example "elektrotechniek"',
    },
  });

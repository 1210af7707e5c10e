import { ValueTransformer } from 'typeorm';
import { ClockTime, formatClockTime, parseClockTime } from '@hybridmatch/domain';

/** PostgreSQL `time` ⇄ ClockTime (minutes since midnight). The one place clock strings are parsed. */
export const clockTimeTransformer: ValueTransformer = {
  to: (value: ClockTime | null | undefined) =>
    value === null || value === undefined ? value : formatClockTime(value),
  from: (value: string | null) =>
    value === null ? null : parseClockTime(value.slice(0, 5) === '24:00' ? '24:00' : value.slice(0, 5)),
};

/** PostgreSQL `numeric` arrives as a string; these columns hold small decimals (hours). */
export const decimalTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

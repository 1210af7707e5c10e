import { useTranslation } from 'react-i18next';

/** Dates and numbers in the reader's language (Dutch: 3 december 2026, 1.234). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'nl-NL';
  return {
    date: (value: string) =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
        new Date(value.length === 10 ? `${value}T12:00:00` : value),
      ),
    /** A calendar date (2026-09-08), or the Amsterdam date of an instant (a lesson's start): dinsdag 8 september. */
    weekdayDate: (value: string) =>
      new Intl.DateTimeFormat(locale, {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        ...(value.length === 10 ? {} : { timeZone: 'Europe/Amsterdam' }),
      }).format(new Date(value.length === 10 ? `${value}T12:00:00` : value)),
    time: (value: string) =>
      new Intl.DateTimeFormat(locale, {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'Europe/Amsterdam',
      }).format(new Date(value)),
    dateTime: (value: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)),
    percent: (fraction: number) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction),
    number: (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value),
    euros: (cents: number) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100),
  };
}

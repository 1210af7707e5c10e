import Holidays from 'date-holidays';
import { HolidayRegion } from '../enums';
import { datesBetween } from './amsterdam-time';

/** The five holidays of a Dutch school year (DOMAIN.md rule 8). */
export enum SchoolHolidayKind {
  Autumn = 'autumn',
  Christmas = 'christmas',
  Spring = 'spring',
  May = 'may',
  Summer = 'summer',
}

/** Summer, Christmas and May holidays are fixed by the state; autumn and spring are OCW's advice. */
export enum HolidayBinding {
  Fixed = 'fixed',
  Advisory = 'advisory',
}

export const SCHOOL_HOLIDAY_NAMES: Record<SchoolHolidayKind, string> = {
  [SchoolHolidayKind.Autumn]: 'Herfstvakantie',
  [SchoolHolidayKind.Christmas]: 'Kerstvakantie',
  [SchoolHolidayKind.Spring]: 'Voorjaarsvakantie',
  [SchoolHolidayKind.May]: 'Meivakantie',
  [SchoolHolidayKind.Summer]: 'Zomervakantie',
};

/** What an institution records itself: days it is closed, and study days without lessons. */
export enum InstitutionDayOffKind {
  Closed = 'closed',
  StudyDay = 'study_day',
}

/** A period without lessons, both ends included, and why (shown when a lesson is skipped). */
export interface DayOff {
  startDate: string;
  endDate: string;
  reason: string;
}

/** One school holiday of one region, as the shipped data file and the import carry it. */
export interface SchoolHolidayRow {
  schoolYear: string;
  holidayRegion: HolidayRegion;
  kind: SchoolHolidayKind;
  binding: HolidayBinding;
  startDate: string;
  endDate: string;
}

/** The shape of `data/school-holidays.json` (and of a holiday file import). */
export interface SchoolHolidayFile {
  source?: string;
  schoolYears: Array<{
    schoolYear: string;
    source?: string;
    holidays: Array<{ kind: string; binding: string } & Partial<Record<HolidayRegion, [string, string]>>>;
  }>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

/** A problem in a holiday file: where (a JSON path), why, and the reason's code (docs/ERRORS.md). */
export interface HolidayFileProblem {
  field: string;
  reason: string;
  code: string;
}

/**
 * Flattens and checks a holiday file. Every problem is reported (with its path), so a file is
 * either taken whole or not at all.
 */
export function readSchoolHolidayFile(file: unknown): {
  rows: SchoolHolidayRow[];
  problems: HolidayFileProblem[];
} {
  const rows: SchoolHolidayRow[] = [];
  const problems: HolidayFileProblem[] = [];
  const years = (file as SchoolHolidayFile | null)?.schoolYears;
  if (!Array.isArray(years))
    return { rows, problems: [{ field: 'schoolYears', reason: 'must be a list', code: 'isArray' }] };
  years.forEach((year, y) => {
    const match = SCHOOL_YEAR.exec(String(year?.schoolYear));
    if (!match || Number(match[2]) !== Number(match[1]) + 1) {
      problems.push({
        field: `schoolYears[${y}].schoolYear`,
        reason: 'must look like 2026-2027',
        code: 'isSchoolYear',
      });
      return;
    }
    if (!Array.isArray(year.holidays)) {
      problems.push({ field: `schoolYears[${y}].holidays`, reason: 'must be a list', code: 'isArray' });
      return;
    }
    const [firstDay, lastDay] = [`${match[1]}-08-01`, `${match[2]}-09-30`];
    year.holidays.forEach((holiday, h) => {
      const at = `schoolYears[${y}].holidays[${h}]`;
      if (!Object.values(SchoolHolidayKind).includes(holiday.kind as SchoolHolidayKind))
        problems.push({
          field: `${at}.kind`,
          reason: `must be one of ${Object.values(SchoolHolidayKind).join(', ')}`,
          code: 'isIn',
        });
      if (!Object.values(HolidayBinding).includes(holiday.binding as HolidayBinding))
        problems.push({
          field: `${at}.binding`,
          reason: `must be one of ${Object.values(HolidayBinding).join(', ')}`,
          code: 'isIn',
        });
      for (const region of Object.values(HolidayRegion)) {
        const period = holiday[region];
        if (period === undefined) continue;
        const [startDate, endDate] = Array.isArray(period) ? period.map(String) : ['', ''];
        if (!startDate || !endDate || !DATE.test(startDate) || !DATE.test(endDate) || endDate < startDate) {
          problems.push({
            field: `${at}.${region}`,
            reason: 'must be [startDate, endDate] (YYYY-MM-DD, end on or after start)',
            code: 'isHolidayPeriod',
          });
        } else if (startDate < firstDay || endDate > lastDay) {
          problems.push({
            field: `${at}.${region}`,
            reason: `must lie within school year ${year.schoolYear}`,
            code: 'outsideSchoolYear',
          });
        } else {
          rows.push({
            schoolYear: year.schoolYear,
            holidayRegion: region,
            kind: holiday.kind as SchoolHolidayKind,
            binding: holiday.binding as HolidayBinding,
            startDate,
            endDate,
          });
        }
      }
    });
  });
  return { rows, problems };
}

const dutchHolidays = new Holidays('NL');
const publicHolidayCache = new Map<number, DayOff[]>();

/** The library's types of days on which Dutch schools have no lessons. */
const SCHOOL_FREE_TYPES = new Set(['public', 'school']);

/**
 * Dutch public holidays (from `date-holidays`, a maintained library of holiday rules): New Year,
 * Easter and Whit Mondays, King's Day, Ascension, Christmas, and the days the library marks as free
 * for schools (Good Friday, Liberation Day). Each is one day off.
 */
export function dutchPublicHolidays(from: string, to: string): DayOff[] {
  const result: DayOff[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const days =
      publicHolidayCache.get(year) ??
      dutchHolidays
        .getHolidays(year)
        .filter((holiday) => SCHOOL_FREE_TYPES.has(holiday.type))
        .map((holiday): DayOff => {
          const date = holiday.date.slice(0, 10);
          return { startDate: date, endDate: date, reason: holiday.name };
        });
    publicHolidayCache.set(year, days);
    result.push(...days.filter((day) => day.startDate >= from && day.startDate <= to));
  }
  return result;
}

/** Every date from `from` to `to` that is a day off, with the first reason that applies. */
export function daysOffByDate(daysOff: readonly DayOff[], from: string, to: string): Map<string, string> {
  const byDate = new Map<string, string>();
  for (const dayOff of daysOff) {
    const start = dayOff.startDate > from ? dayOff.startDate : from;
    const end = dayOff.endDate < to ? dayOff.endDate : to;
    if (start > end) continue;
    for (const date of datesBetween(start, end)) if (!byDate.has(date)) byDate.set(date, dayOff.reason);
  }
  return byDate;
}

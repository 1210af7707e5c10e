import { Qualification, formatClockTime, parseClockTime } from '@hybridmatch/domain';
import { FieldError } from '@hybridmatch/core';

/** A weekly window as clients send it: ISO weekday (Monday = 1) and "HH:MM" clock times. */
export interface WindowInput {
  weekday: number;
  start: string;
  end: string;
}

/** The fields the cross-field rules look at, after single-field validation passed. */
export interface TeacherRuleInput {
  windows?: WindowInput[];
  availableFrom: string;
  availableUntil?: string | null;
  qualification?: Qualification;
  qualificationSince?: string | null;
  vogIssuedOn?: string | null;
  /** Invite the person to log in: needs their e-mail address. */
  invite?: boolean;
  email?: string | null;
}

const DAY_NAMES = ['', 'ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'];

/**
 * The rules that span several fields, shared by the API and the CSV import. Field names are the
 * DTO's (`windows[1].end`), so the caller can point at the exact input. Dates are "YYYY-MM-DD",
 * which compare correctly as strings.
 */
export function teacherRuleErrors(input: TeacherRuleInput, today: string): FieldError[] {
  const errors: FieldError[] = [...windowErrors(input.windows ?? [])];
  if (input.availableUntil && input.availableUntil < input.availableFrom) {
    errors.push({
      field: 'availableUntil',
      reason: `must be on or after availableFrom (${input.availableFrom})`,
      code: 'endBeforeStart',
    });
  }
  if (input.qualification === Qualification.PdgInProgress && !input.qualificationSince) {
    errors.push({
      field: 'qualificationSince',
      reason: 'is required when qualification is pdg_in_progress: the date the PDG programme started',
      code: 'pdgStartRequired',
    });
  }
  if (input.vogIssuedOn && input.vogIssuedOn > today) {
    errors.push({
      field: 'vogIssuedOn',
      reason: `must not be in the future (today is ${today})`,
      code: 'dateInFuture',
    });
  }
  if (input.invite && !input.email) {
    errors.push({
      field: 'email',
      reason: 'is required to invite this person (invite: yes)',
      code: 'emailRequiredForInvite',
    });
  }
  return errors;
}

function windowErrors(windows: WindowInput[]): FieldError[] {
  const errors: FieldError[] = [];
  const slots = windows.map((window, index) => ({
    index,
    weekday: window.weekday,
    start: parseClockTime(window.start),
    end: parseClockTime(window.end),
  }));
  for (const slot of slots) {
    if (slot.end <= slot.start)
      errors.push({
        field: `windows[${slot.index}].end`,
        reason: `must be later than start (${formatClockTime(slot.start)})`,
        code: 'endNotAfterStart',
      });
  }
  const ordered = slots
    .filter((slot) => slot.end > slot.start)
    .sort((a, b) => a.weekday - b.weekday || a.start - b.start);
  for (let i = 1; i < ordered.length; i++) {
    const [previous, current] = [ordered[i - 1], ordered[i]];
    if (previous.weekday === current.weekday && current.start < previous.end) {
      const earlier = `${DAY_NAMES[previous.weekday]} ${formatClockTime(previous.start)}-${formatClockTime(previous.end)}`;
      errors.push({
        field: `windows[${current.index}]`,
        reason: `overlaps windows[${previous.index}] (${earlier}) on the same day; merge them into one window`,
        code: 'overlapsWindow',
      });
    }
  }
  return errors;
}

/**
 * DOMAIN.md rule 4: a VOG may be at most 6 months old when someone starts at a school. The
 * earliest start we know is `availableFrom`; the hint says whether the VOG is fresh enough then.
 */
export function vogValidForStart(issuedOn: string | null, start: string): boolean {
  return issuedOn !== null && issuedOn >= monthsBefore(start, 6);
}

/** "YYYY-MM-DD" minus whole months; the day is clamped to the month's length (31 Aug − 6 = 28/29 Feb). */
export function monthsBefore(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const monthIndex = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const daysInMonth = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, daysInMonth)).padStart(2, '0')}`;
}

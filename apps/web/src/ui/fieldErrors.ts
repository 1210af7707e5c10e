import i18n from 'i18next';
import { type Problem, ProblemError } from '../api/session';
import { type FieldReason, fieldReasonText } from './problem-text';

/** The API's problem behind a failed mutation, if it is one (the typed client hands out the problem itself). */
export function problemOf(error: unknown): Problem | null {
  if (error instanceof ProblemError) return error.problem;
  if (typeof error === 'object' && error !== null && 'code' in error && 'detail' in error)
    return error as Problem;
  return null;
}

/** A field's reason in the reader's language (see fieldReasonText), through the app's `fieldErrors.<code>` strings. */
export const fieldReason = (error: FieldReason): string =>
  fieldReasonText(error, i18n.language, (code) =>
    i18n.exists(`fieldErrors.${code}`) ? i18n.t(`fieldErrors.${code}` as 'fieldErrors.notNull') : undefined,
  );

/**
 * A form's view of a refusal: `of(field)` gives the reasons for one field (`windows[0].end`), in the
 * reader's language, to show against its input, and `rest` the problem with only the reasons no input showed, for the alert.
 */
export function fieldErrors(error: unknown, shown: (field: string) => boolean) {
  const problem = problemOf(error);
  const errors = problem?.errors ?? [];
  return {
    of: (field: string): string | undefined =>
      errors
        .filter((fieldError) => fieldError.field === field)
        .map(fieldReason)
        .join('; ') || undefined,
    rest: problem ? { ...problem, errors: errors.filter((fieldError) => !shown(fieldError.field)) } : error,
  };
}

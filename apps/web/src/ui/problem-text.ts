/**
 * The text of an API refusal the app has no sentence of its own for, in the reader's language:
 * the problem's Dutch detail (`detailNl`, e.g. RULES_BROKEN's rule-book sentences and what to do)
 * for a reader in any language but English, when the problem has one; otherwise its detail
 * (English).
 */
export function refusalText(problem: { detail: string; detailNl?: string }, language: string): string {
  return problem.detailNl !== undefined && language !== 'en' ? problem.detailNl : problem.detail;
}

/**
 * The text of an API refusal in the reader's language. A problem that says it in Dutch too
 * (`detailNl`: RULES_BROKEN's rule-book sentences; an INVALID_STATE_TRANSITION naming the state the
 * record is in; the conflicts of lessons, placements and match runs) is shown in its own words, `detail` or `detailNl`;
 * otherwise the app's sentence for its code (`sentenceFor`, e.g. EMAIL_TAKEN); otherwise its detail.
 */
export function problemText(
  problem: { code: string; detail: string; detailNl?: string },
  language: string,
  sentenceFor: (code: string) => string | undefined,
): string {
  const own = problem.detailNl === undefined ? sentenceFor(problem.code) : undefined;
  return own ?? refusalText(problem, language);
}

/** A field's reason as the API gives it: English, with a machine code and (for a broken rule) Dutch. */
export interface FieldReason {
  reason: string;
  code?: string;
  reasonNl?: string;
}

/**
 * A field's reason in the reader's language. An English reader gets the API's own sentence (often
 * the most precise: "must be a region id (UUID)"). Anyone else gets the Dutch one the API sent
 * (`reasonNl`), else the app's sentence for the reason's code (`translate`, e.g. `endNotAfterStart`
 * → "moet later zijn dan het begin"), else the English sentence.
 */
export function fieldReasonText(
  error: FieldReason,
  language: string,
  translate: (code: string) => string | undefined,
): string {
  if (language === 'en') return error.reason;
  return error.reasonNl ?? (error.code !== undefined ? translate(error.code) : undefined) ?? error.reason;
}

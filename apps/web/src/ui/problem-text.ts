/**
 * The text of an API refusal the app has no sentence of its own for, in the reader's language:
 * the problem's Dutch detail (`detailNl`, e.g. RULES_BROKEN's rule-book sentences and what to do)
 * for a reader in any language but English, when the problem has one; otherwise its detail
 * (English).
 */
export function refusalText(problem: { detail: string; detailNl?: string }, language: string): string {
  return problem.detailNl !== undefined && language !== 'en' ? problem.detailNl : problem.detail;
}

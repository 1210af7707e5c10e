/** Separates the English and the Dutch half of a RULES_BROKEN detail (docs/ERRORS.md). */
const DUTCH_HALF = ' NL: ';

/**
 * The text of an API refusal the app has no sentence of its own for, in the reader's language:
 * a RULES_BROKEN detail gives the rule book's sentences and what to do in English, then in Dutch
 * after "NL:", so a reader in any language but English gets the Dutch half; any other detail is
 * English only and shown whole.
 */
export function refusalText(problem: { code: string; detail: string }, language: string): string {
  if (problem.code !== 'RULES_BROKEN') return problem.detail;
  const [english, dutch] = problem.detail.split(DUTCH_HALF);
  return dutch !== undefined && language !== 'en' ? dutch : english;
}

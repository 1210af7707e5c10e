import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/session';
import { fieldReason, problemOf } from './fieldErrors';
import { refusalText } from './problem-text';

/**
 * An API refusal in the reader's language: our own sentence for the codes the app's pages can
 * meet; for RULES_BROKEN the rule book's sentences and what to do, in the reader's language
 * (`detail` or `detailNl`); otherwise the problem's detail (English). For ErrorAlert and for a batch's refused items.
 */
export function useProblemText() {
  const { t, i18n } = useTranslation();
  return (problem: Pick<Problem, 'code' | 'detail' | 'detailNl'>): string => {
    if (i18n.exists(`errors.${problem.code}`)) return t(`errors.${problem.code}` as 'errors.unexpected');
    return refusalText(problem, i18n.language);
  };
}

/** An error of a query or mutation, as an alert: the problem's text, with the per-field reasons below it. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const problem = problemOf(error);
  let text = t('errors.unexpected');
  if (error instanceof TypeError) text = t('errors.network');
  else if (problem) text = problemText(problem);
  return (
    <Alert color="red" role="alert" title={text}>
      {problem?.errors?.map((fieldError) => (
        <div key={`${fieldError.field}-${fieldError.reason}`}>
          {/* A broken rule is a sentence of its own; other reasons name their field. */}
          {fieldError.reasonNl !== undefined
            ? fieldReason(fieldError)
            : `${fieldError.field}: ${fieldReason(fieldError)}`}
        </div>
      ))}
    </Alert>
  );
}

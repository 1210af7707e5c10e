import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/session';
import { fieldReason, problemOf } from './fieldErrors';
import { problemText } from './problem-text';

/**
 * An API refusal in the reader's language (see problemText), with our own sentences (`errors.*`)
 * for the codes the app's pages can meet. For ErrorAlert and for a batch's refused items.
 */
export function useProblemText() {
  const { t, i18n } = useTranslation();
  return (problem: Pick<Problem, 'code' | 'detail' | 'detailNl'>): string =>
    problemText(problem, i18n.language, (code) =>
      i18n.exists(`errors.${code}`) ? t(`errors.${code}` as 'errors.unexpected') : undefined,
    );
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
          {problem.code === 'RULES_BROKEN'
            ? fieldReason(fieldError)
            : `${fieldError.field}: ${fieldReason(fieldError)}`}
        </div>
      ))}
    </Alert>
  );
}

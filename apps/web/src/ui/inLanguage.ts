import { useTranslation } from 'react-i18next';
import type { Sentences } from '../proposals/explanation';

/** Sentences the API sends in both languages (`{ nl: [...], en: [...] }`), in the reader's. */
export function useSentences() {
  const { i18n } = useTranslation();
  return (sentences: Sentences | undefined): string[] =>
    (i18n.language === 'en' ? sentences?.en : sentences?.nl) ?? [];
}

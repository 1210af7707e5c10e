import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import nl from './nl.json';

/** Dutch by default; the reader's choice of English is remembered in this browser. */
const STORAGE_KEY = 'hm-language';
export type Language = 'nl' | 'en';

const stored = localStorage.getItem(STORAGE_KEY);

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: stored === 'en' ? 'en' : 'nl',
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (language) => {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
});

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof nl };
  }
}

export default i18n;

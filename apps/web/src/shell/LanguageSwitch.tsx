import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** One click to the other language (Dutch ⇄ English), remembered in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = t('language.switchToLang');
  return (
    <Button variant="subtle" lang={other} onClick={() => void i18n.changeLanguage(other)}>
      {t('language.switchTo')}
    </Button>
  );
}

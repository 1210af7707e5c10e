import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { homeFor } from '../pages';
import { useMe } from './useMe';

/** /app opens the signed-in role's home page. */
export function HomeRedirect() {
  return <Navigate to={homeFor(useMe().role)} replace />;
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('notFoundTitle')}</Title>
      <Text>{t('notFound')}</Text>
    </Stack>
  );
}

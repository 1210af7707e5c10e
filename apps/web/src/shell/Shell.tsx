import { Anchor, AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useMatches } from 'react-router';
import { queryClient } from '../api/client';
import { signOut } from '../api/session';
import { menuFor } from '../pages';
import type { Role } from '../roles';
import { ErrorAlert } from '../ui/ErrorAlert';
import { PageLoader } from '../ui/PageLoader';
import { LanguageSwitch } from './LanguageSwitch';
import { useMeQuery } from './useMe';

/** The signed-in frame: header with who is signed in, the role's menu, and the page. */
export function Shell() {
  const { t } = useTranslation();
  const [menuOpen, { toggle, close }] = useDisclosure();
  const me = useMeQuery();
  const matches = useMatches();
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <ErrorAlert error={me.error} />;
  const { role, name } = me.data;
  const allowedRoles = (matches.at(-1)?.handle as { roles?: readonly Role[] } | undefined)?.roles;
  const end = async () => {
    await signOut();
    queryClient.clear();
  };
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !menuOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Anchor href="#main" className="skip-link">
              {t('app.skipToContent')}
            </Anchor>
            <Burger opened={menuOpen} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.open')} />
            <Text fw={700}>{t('app.name')}</Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" visibleFrom="sm">
              {name} · {t(`role.${role}`)}
            </Text>
            <LanguageSwitch />
            <Button variant="default" onClick={() => void end()}>
              {t('signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {menuFor(role).map((page) => (
          <NavLink
            key={page.path}
            component={RouterNavLink}
            to={`/${page.path}`}
            label={t(page.nav!)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {allowedRoles && !allowedRoles.includes(role) ? (
          <Text>{t('notAllowed')}</Text>
        ) : (
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        )}
      </AppShell.Main>
    </AppShell>
  );
}

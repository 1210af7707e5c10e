import {
  Anchor,
  Button,
  Container,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signIn } from '../api/session';
import { ErrorAlert } from '../ui/ErrorAlert';
import { LanguageSwitch } from './LanguageSwitch';

export function SignInPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({ mutationFn: () => signIn(email, password) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <Container size={420} py="xl" component="main">
      <Group justify="space-between" mb="md">
        <Text fw={700}>{t('app.name')}</Text>
        <LanguageSwitch />
      </Group>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h2">
              {t('signIn.title')}
            </Title>
            <Text>{t('signIn.intro')}</Text>
            {login.error && <ErrorAlert error={login.error} />}
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={login.isPending}>
              {t('signIn.submit')}
            </Button>
            <Anchor href="/forgot-password">{t('signIn.forgot')}</Anchor>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}

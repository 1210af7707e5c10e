import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';

const PAGE_SIZE = 25;

/** A message's text in the reader's language: the body holds Dutch, then "--- English ---" and English. */
function inLanguage(bodyText: string, language: string): string {
  const [dutch, english] = bodyText.split(/\n-+ English -+\n/);
  return (language === 'en' && english ? english : dutch).trim();
}

/** The signed-in person's messages (the e-mails the platform sent them), newest first, a page at a time. */
export default function MessagesPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const messages = $api.useQuery('get', '/api/notifications', {
    params: { query: { page, pageSize: PAGE_SIZE } },
  });
  return (
    <Stack>
      <Title order={1}>{t('messages.title')}</Title>
      {messages.isPending && <PageLoader />}
      {messages.isError && <ErrorAlert error={messages.error} />}
      {messages.data?.total === 0 && <Text>{t('messages.empty')}</Text>}
      {messages.data?.items.map((message) => (
        <Paper key={message.id} withBorder p="md" component="article">
          <Title order={2} size="h4">
            {message.subject}
          </Title>
          <Text size="sm" c="dimmed">
            {format.date(message.createdAt)}
          </Text>
          <Text style={{ whiteSpace: 'pre-line' }}>{inLanguage(message.bodyText, i18n.language)}</Text>
          {message.proposalId && (
            <Anchor component={Link} to={`/proposals/${message.proposalId}`}>
              {t('messages.openProposal')}
            </Anchor>
          )}
        </Paper>
      ))}
      <Pager total={messages.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

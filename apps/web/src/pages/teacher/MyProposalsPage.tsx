import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import { AnswerButtons } from '../../proposals/AnswerButtons';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';

const PAGE_SIZE = 25;

/** The teacher's proposals, newest first and a page at a time; the ones still waiting for their answer can be accepted or declined here. */
export default function MyProposalsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const proposals = $api.useQuery('get', '/api/proposals', {
    params: { query: { page, pageSize: PAGE_SIZE } },
  });
  return (
    <Stack>
      <Title order={1}>{t('myProposals.title')}</Title>
      {proposals.isPending && <PageLoader />}
      {proposals.isError && <ErrorAlert error={proposals.error} />}
      {proposals.data?.total === 0 && <Text>{t('myProposals.empty')}</Text>}
      {proposals.data?.items.map((proposal) => (
        <Paper key={proposal.id} withBorder p="md" component="article">
          <Group justify="space-between">
            <Title order={2} size="h4">
              <Anchor component={Link} to={`/proposals/${proposal.id}`}>
                {proposal.names?.requestTitle}
              </Anchor>
            </Title>
            <Badge variant="light">{t(`proposal.statuses.${proposal.status}`)}</Badge>
          </Group>
          <Text>{proposal.names?.schoolName}</Text>
          <AnswerButtons proposal={proposal} role="hybrid_teacher" />
        </Paper>
      ))}
      <Pager total={proposals.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

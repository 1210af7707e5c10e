import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import { AnswerButtons } from '../../proposals/AnswerButtons';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageLoader } from '../../ui/PageLoader';

/** The teacher's proposals, newest first; the ones still waiting for their answer can be accepted or declined here. */
export default function MyProposalsPage() {
  const { t } = useTranslation();
  const proposals = $api.useQuery('get', '/api/proposals');
  if (proposals.isPending) return <PageLoader />;
  if (proposals.isError) return <ErrorAlert error={proposals.error} />;
  return (
    <Stack>
      <Title order={1}>{t('myProposals.title')}</Title>
      {proposals.data.items.length === 0 && <Text>{t('myProposals.empty')}</Text>}
      {proposals.data.items.map((proposal) => (
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
    </Stack>
  );
}

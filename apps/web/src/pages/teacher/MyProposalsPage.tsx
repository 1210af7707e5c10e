import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import { invalidateProposals } from '../../proposals/invalidate';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';

/** The teacher's proposals, newest first; the ones still waiting for their answer can be accepted or declined here. */
export default function MyProposalsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const proposals = $api.useQuery('get', '/api/proposals');
  const answer = $api.useMutation('post', '/api/proposals/{id}/answer', { onSuccess: invalidateProposals });
  if (proposals.isPending) return <PageLoader />;
  if (proposals.isError) return <ErrorAlert error={proposals.error} />;
  return (
    <Stack>
      <Title order={1}>{t('myProposals.title')}</Title>
      {answer.error && <ErrorAlert error={answer.error} />}
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
          {proposal.status === 'proposed' && proposal.answers.teacher === 'pending' && (
            <>
              <Text size="sm" c="dimmed">
                {t('myProposals.answerBefore', { date: format.date(proposal.expiresAt) })}
              </Text>
              <Group mt="sm">
                {(['accept', 'decline'] as const).map((decision) => (
                  <Button
                    key={decision}
                    variant={decision === 'accept' ? 'filled' : 'outline'}
                    color={decision === 'accept' ? undefined : 'red'}
                    loading={answer.isPending}
                    onClick={() =>
                      answer.mutate({
                        params: { path: { id: proposal.id } },
                        body: { decision, version: proposal.version },
                      })
                    }
                  >
                    {t(`myProposals.${decision}`)}
                  </Button>
                ))}
              </Group>
            </>
          )}
        </Paper>
      ))}
    </Stack>
  );
}

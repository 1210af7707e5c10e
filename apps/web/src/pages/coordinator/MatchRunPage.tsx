import { Alert, Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { $api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { useSentences } from '../../ui/inLanguage';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';
import { useRegions } from '../../ui/regions';

const UNFILLED_PER_PAGE = 20;
const finished = (status: string | undefined) => status === 'succeeded' || status === 'failed';

/** One match run: its progress while it runs, then its result and every block it left unfilled, with the reasons. */
export default function MatchRunPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const sentences = useSentences();
  const regions = useRegions();
  const id = useParams().id!;
  const params = { params: { path: { id } } };
  const run = $api.useQuery('get', '/api/match-runs/{id}', params, {
    refetchInterval: (query) => (finished(query.state.data?.status) ? false : 1000),
  });
  const unfilled = $api.useQuery('get', '/api/match-runs/{id}/unfilled', params, {
    enabled: run.data?.status === 'succeeded',
  });
  const [page, setPage] = useState(1);
  if (run.isPending) return <PageLoader />;
  if (run.isError) return <ErrorAlert error={run.error} />;
  const { status, result } = run.data;
  const blocks = unfilled.data ?? [];
  return (
    <Stack>
      <Group>
        <Title order={1}>{t('matchRun.title', { region: regions.nameOf(run.data.regionId) })}</Title>
        <Badge size="lg" variant="light" role="status" aria-live="polite">
          {t(`matchRuns.statuses.${status}`)}
        </Badge>
      </Group>
      <Text c="dimmed">{format.dateTime(run.data.queuedAt)}</Text>
      {!finished(status) && <PageLoader />}
      {status === 'failed' && (
        <Alert color="red" role="alert" title={t('matchRun.failed')}>
          {t('matchRun.failedText')}
        </Alert>
      )}
      {result && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {(
              [
                ['blocksFilled', `${result.blocksFilled} / ${result.blocksConsidered}`],
                ['fillRate', format.percent(result.fillRate)],
                ['requestsFilled', `${result.requestsFilled} / ${result.requestsConsidered}`],
                ['proposalsCreated', String(result.proposalsCreated)],
              ] as const
            ).map(([figure, value]) => (
              <Paper key={figure} withBorder p="md">
                <Text size="sm" c="dimmed">
                  {t(`matchRun.figures.${figure}`)}
                </Text>
                <Text size="xl" fw={700}>
                  {value}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Anchor component={Link} to={`/approvals?matchRunId=${id}`}>
            {t('matchRun.review')}
          </Anchor>
          <Title order={2} size="h3">
            {t('matchRun.unfilled', { count: blocks.length })}
          </Title>
          {unfilled.isPending && <PageLoader />}
          {unfilled.isError && <ErrorAlert error={unfilled.error} />}
          {unfilled.isSuccess && blocks.length === 0 && <Text>{t('matchRun.allFilled')}</Text>}
          {blocks.slice((page - 1) * UNFILLED_PER_PAGE, page * UNFILLED_PER_PAGE).map((block) => (
            <Paper key={block.blockId} withBorder p="md" component="article">
              <Text size="sm" c="dimmed">
                {t('matchRun.eligible', { eligible: block.eligibleTeachers, total: block.teachersInRegion })}
              </Text>
              <List>
                {sentences(block.sentences).map((sentence) => (
                  <List.Item key={sentence}>{sentence}</List.Item>
                ))}
              </List>
            </Paper>
          ))}
          <Pager total={blocks.length} pageSize={UNFILLED_PER_PAGE} page={page} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}

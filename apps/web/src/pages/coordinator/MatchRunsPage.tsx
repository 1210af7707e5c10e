import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { $api, queryClient } from '../../api/client';
import { useMe } from '../../shell/useMe';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';
import { useRegions } from '../../ui/regions';

const PAGE_SIZE = 25;

/** The match runs of the coordinator's regions, newest first and a page at a time, and starting one. */
export default function MatchRunsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const me = useMe();
  const regions = useRegions();
  const [regionId, setRegionId] = useState<string | null>(me.regionIds[0] ?? null);
  const [page, setPage] = useState(1);
  // While a run on the page is queued or running, its row follows it (as the run's own page does).
  const runs = $api.useQuery(
    'get',
    '/api/match-runs',
    { params: { query: { page, pageSize: PAGE_SIZE } } },
    {
      refetchInterval: (query) =>
        query.state.data?.items.some((run) => run.status === 'queued' || run.status === 'running')
          ? 2000
          : false,
    },
  );
  const start = $api.useMutation('post', '/api/match-runs', {
    onSuccess: async (run) => {
      // The list is stale the moment a run starts: back on it, the new run is there.
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/match-runs'] });
      await navigate(`/match-runs/${run.id}`);
    },
  });
  return (
    <Stack>
      <Title order={1}>{t('matchRuns.title')}</Title>
      <Group align="flex-end">
        <Select
          label={t('matchRuns.region')}
          data={regions.choices}
          value={regionId}
          onChange={setRegionId}
          allowDeselect={false}
        />
        <Button
          disabled={!regionId}
          loading={start.isPending}
          onClick={() => regionId && start.mutate({ body: { regionId } })}
        >
          {t('matchRuns.start')}
        </Button>
      </Group>
      {start.error && <ErrorAlert error={start.error} />}
      {runs.isPending && <PageLoader />}
      {runs.isError && <ErrorAlert error={runs.error} />}
      {runs.data?.total === 0 && <Text>{t('matchRuns.empty')}</Text>}
      {runs.data && runs.data.items.length > 0 && (
        <ListTable
          minWidth={560}
          striped
          headers={[
            t('matchRuns.queuedAt'),
            t('matchRuns.region'),
            t('matchRuns.status'),
            t('matchRuns.fillRate'),
            t('matchRuns.proposals'),
          ]}
        >
          {runs.data.items.map((run) => (
            <Table.Tr key={run.id}>
              <Table.Td>
                <Anchor component={Link} to={`/match-runs/${run.id}`}>
                  {format.dateTime(run.queuedAt)}
                </Anchor>
              </Table.Td>
              <Table.Td>{regions.nameOf(run.regionId)}</Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`matchRuns.statuses.${run.status}`)}</Badge>
              </Table.Td>
              <Table.Td>{run.result ? format.percent(run.result.fillRate) : '–'}</Table.Td>
              <Table.Td>{run.result?.proposalsCreated ?? '–'}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Pager total={runs.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

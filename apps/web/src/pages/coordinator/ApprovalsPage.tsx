import { Anchor, Button, Checkbox, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import type { components } from '../../api/schema';
import { ApproveDialog } from '../../proposals/ApproveDialog';
import { explanationSentences } from '../../proposals/explanation';
import { EndProposalDialog } from '../../proposals/EndProposalDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { useSentences } from '../../ui/inLanguage';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';
import { useSelection } from '../../ui/useSelection';
import { useRegions } from '../../ui/regions';

type Proposal = components['schemas']['ProposalDto'];
/** The queue's orders, sorted by the API over the whole queue (not within a page). */
const SORTS = ['score', 'expiresAt', 'teacher', 'school'] as const;
type SortKey = (typeof SORTS)[number];
const PAGE_SIZE = 50;

/**
 * The approval queue: proposals every party accepted, waiting for the coordinator. Filter by region
 * and match run, sort, select many, approve (naming the supervisor) or reject with a reason; each
 * row opens the explanation in sentences.
 */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const sentences = useSentences();
  const regions = useRegions();
  const [search, setSearch] = useSearchParams();
  const matchRunId = search.get('matchRunId') ?? undefined;
  const regionId = search.get('regionId') ?? undefined;
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<SortKey>('score');
  const [open, setOpen] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const queue = $api.useQuery('get', '/api/proposals', {
    params: {
      query: { status: 'awaiting_approval', matchRunId, regionId, sort, page, pageSize: PAGE_SIZE },
    },
  });
  const filter = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next);
    setPage(1);
    selection.clear();
  };
  const rows: Proposal[] = queue.data?.items ?? [];
  const selection = useSelection(rows);
  const { chosen } = selection;
  const closeDialog = () => {
    setDialog(null);
    selection.clear();
  };
  return (
    <Stack>
      <Title order={1}>{t('approvals.title')}</Title>
      <Group align="flex-end">
        <Select
          label={t('approvals.region')}
          placeholder={t('approvals.allRegions')}
          clearable
          data={regions.choices}
          value={regionId ?? null}
          onChange={(value) => filter('regionId', value)}
        />
        <Select
          label={t('approvals.sort')}
          data={SORTS.map((key) => ({ value: key, label: t(`approvals.sorts.${key}`) }))}
          value={sort}
          onChange={(value) => {
            if (!value) return;
            setSort(value);
            setPage(1);
            selection.clear();
          }}
          allowDeselect={false}
        />
        {matchRunId && (
          <Button variant="default" onClick={() => filter('matchRunId', null)}>
            {t('approvals.allRuns')}
          </Button>
        )}
      </Group>
      <Group>
        <Button disabled={chosen.length === 0} onClick={() => setDialog('approve')}>
          {t('approve.submit', { count: Math.max(chosen.length, 1) })}
        </Button>
        <Button
          disabled={chosen.length === 0}
          color="red"
          variant="outline"
          onClick={() => setDialog('reject')}
        >
          {t('reject.submit', { count: Math.max(chosen.length, 1) })}
        </Button>
      </Group>
      {queue.isPending && <PageLoader />}
      {queue.isError && <ErrorAlert error={queue.error} />}
      {queue.data?.total === 0 && <Text>{t('approvals.empty')}</Text>}
      {rows.length > 0 && (
        <ListTable
          minWidth={720}
          headers={[
            <Checkbox aria-label={t('approvals.selectAll')} {...selection.allCheckbox} />,
            t('proposal.teacher'),
            t('proposal.school'),
            t('proposal.requestTitle'),
            t('approvals.score'),
            t('proposal.expiresAt'),
            t('approvals.why'),
          ]}
        >
          {rows.map((proposal) => (
            <Fragment key={proposal.id}>
              <Table.Tr>
                <Table.Td>
                  <Checkbox
                    aria-label={t('approvals.select', { name: proposal.names?.teacherName })}
                    checked={selection.isChosen(proposal.id)}
                    onChange={() => selection.toggle(proposal.id)}
                  />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/proposals/${proposal.id}`}>
                    {proposal.names?.teacherName}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {proposal.names?.companyName}
                  </Text>
                </Table.Td>
                <Table.Td>{proposal.names?.schoolName}</Table.Td>
                <Table.Td>{proposal.names?.requestTitle}</Table.Td>
                <Table.Td>{format.number(proposal.score)}</Table.Td>
                <Table.Td>{format.date(proposal.expiresAt)}</Table.Td>
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    aria-expanded={open === proposal.id}
                    aria-label={t('approvals.explainFor', { name: proposal.names?.teacherName })}
                    onClick={() => setOpen(open === proposal.id ? null : proposal.id)}
                  >
                    {t('approvals.explain')}
                  </Button>
                </Table.Td>
              </Table.Tr>
              {open === proposal.id && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <List>
                      {sentences(explanationSentences(proposal)).map((sentence) => (
                        <List.Item key={sentence}>{sentence}</List.Item>
                      ))}
                    </List>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </ListTable>
      )}
      <Pager
        total={queue.data?.total}
        pageSize={PAGE_SIZE}
        page={page}
        onChange={(next) => {
          setPage(next);
          selection.clear();
        }}
      />
      {dialog === 'approve' && <ApproveDialog proposals={chosen} onClose={closeDialog} />}
      {dialog === 'reject' && <EndProposalDialog proposals={chosen} onClose={closeDialog} />}
    </Stack>
  );
}

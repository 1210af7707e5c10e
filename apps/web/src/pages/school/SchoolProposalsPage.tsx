import { Anchor, Badge, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';

const PAGE_SIZE = 25;
const FILTERS = ['proposed', 'awaiting_approval', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/**
 * The school's proposals, newest first: the teacher and company by name, the answers so far. Each
 * opens the proposal page with the teacher's card, where the school accepts or declines and
 * records its VOG check.
 */
export default function SchoolProposalsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [filter, setFilter] = useState<Filter>('proposed');
  const [page, setPage] = useState(1);
  const proposals = $api.useQuery('get', '/api/proposals', {
    params: {
      query: { page, pageSize: PAGE_SIZE, ...(filter === 'all' ? {} : { status: filter }) },
    },
  });
  return (
    <Stack>
      <Title order={1}>{t('schoolProposals.title')}</Title>
      <SegmentedControl
        aria-label={t('schoolProposals.filter')}
        data={FILTERS.map((value) => ({ value, label: t(`schoolProposals.filters.${value}`) }))}
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setPage(1);
        }}
        style={{ alignSelf: 'flex-start' }}
      />
      {proposals.isPending && <PageLoader />}
      {proposals.isError && <ErrorAlert error={proposals.error} />}
      {proposals.data?.total === 0 && <Text>{t('schoolProposals.empty')}</Text>}
      {proposals.data && proposals.data.items.length > 0 && (
        <ListTable
          minWidth={720}
          headers={[
            t('proposal.teacher'),
            t('proposal.requestTitle'),
            t('proposal.status'),
            t('schoolProposals.yourAnswer'),
            t('proposal.expiresAt'),
          ]}
        >
          {proposals.data.items.map((proposal) => (
            <Table.Tr key={proposal.id}>
              <Table.Td>
                <Anchor component={Link} to={`/proposals/${proposal.id}`}>
                  {proposal.names?.teacherName}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {proposal.names?.companyName}
                </Text>
              </Table.Td>
              <Table.Td>{proposal.names?.requestTitle}</Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`proposal.statuses.${proposal.status}`)}</Badge>
              </Table.Td>
              <Table.Td>{t(`proposal.answerValues.${proposal.answers.school}`)}</Table.Td>
              <Table.Td>{format.date(proposal.expiresAt)}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Pager total={proposals.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

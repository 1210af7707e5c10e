import { Anchor, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { $api } from '../api/client';
import type { components, paths } from '../api/schema';
import { ErrorAlert } from '../ui/ErrorAlert';
import { ListTable } from '../ui/ListTable';
import { PageLoader } from '../ui/PageLoader';
import { Pager } from '../ui/Pager';

type Proposal = components['schemas']['ProposalDto'];
type Status = NonNullable<paths['/api/proposals']['get']['parameters']['query']>['status'];

const PAGE_SIZE = 25;

/** One column of the list: its header and what a proposal's row shows in it. */
export interface ProposalColumn {
  header: string;
  cell: (proposal: Proposal) => ReactNode;
}

/** The teacher's name, opening the proposal's page. */
export function TeacherLink({ proposal }: { proposal: Proposal }) {
  return (
    <Anchor component={Link} to={`/proposals/${proposal.id}`}>
      {proposal.names?.teacherName}
    </Anchor>
  );
}

/**
 * A party's proposals (GET /api/proposals answers with the caller's own), newest first, a page at
 * a time, under a choice of which to show (the first filter to begin with; another goes back to
 * page 1), with loading, empty and error states. The columns are the page's.
 */
export function ProposalList<F extends string>({
  filters,
  filterLabel,
  statusOf,
  emptyText,
  minWidth,
  columns,
}: {
  filters: ReadonlyArray<{ value: F; label: string }>;
  filterLabel: string;
  /** The status a filter asks the API for; undefined: every proposal. */
  statusOf: (filter: F) => Status | undefined;
  emptyText: string;
  minWidth: number;
  columns: ProposalColumn[];
}) {
  const [filter, setFilter] = useState<F>(filters[0].value);
  const [page, setPage] = useState(1);
  const status = statusOf(filter);
  const proposals = $api.useQuery('get', '/api/proposals', {
    params: { query: { page, pageSize: PAGE_SIZE, ...(status && { status }) } },
  });
  return (
    <Stack>
      <SegmentedControl
        w="fit-content"
        aria-label={filterLabel}
        data={[...filters]}
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setPage(1);
        }}
      />
      {proposals.isPending && <PageLoader />}
      {proposals.isError && <ErrorAlert error={proposals.error} />}
      {proposals.data?.total === 0 && <Text>{emptyText}</Text>}
      {proposals.data && proposals.data.items.length > 0 && (
        <ListTable minWidth={minWidth} headers={columns.map((column) => column.header)}>
          {proposals.data.items.map((proposal) => (
            <Table.Tr key={proposal.id}>
              {columns.map((column) => (
                <Table.Td key={column.header}>{column.cell(proposal)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Pager total={proposals.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

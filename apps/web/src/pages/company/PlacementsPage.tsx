import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import { PlacementSlots } from '../../placements/PlacementSlots';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';

const PAGE_SIZE = 25;

/**
 * Where the company's staff teach, a page at a time: each placement (employee, school, request,
 * period, weekly lessons) with the agreed rate and what its lessons taught or still to come cost,
 * and what all of them cost together, as the API adds it up (docs/COSTS.md). One employee's
 * placements and their total: "only this employee".
 */
export default function PlacementsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const [employee, setEmployee] = useState<{ id: string; name: string } | null>(null);
  const placements = $api.useQuery('get', '/api/placements', {
    params: { query: { page, pageSize: PAGE_SIZE, ...(employee && { teacherId: employee.id }) } },
  });
  const showEmployee = (next: { id: string; name: string } | null) => {
    setEmployee(next);
    setPage(1);
  };
  const total = placements.data?.total ?? 0;
  const cost = placements.data?.cost;
  return (
    <Stack>
      <Title order={1}>{t('companyPlacements.title')}</Title>
      <Text>{t('companyPlacements.intro')}</Text>
      {employee && (
        <Group>
          <Text fw={700}>{t('companyPlacements.onlyOf', { name: employee.name })}</Text>
          <Button variant="light" size="compact-sm" onClick={() => showEmployee(null)}>
            {t('companyPlacements.everyone')}
          </Button>
        </Group>
      )}
      {placements.isPending && <PageLoader />}
      {placements.isError && <ErrorAlert error={placements.error} />}
      {placements.data?.total === 0 && <Text>{t('companyPlacements.empty')}</Text>}
      {cost && total > 0 && (
        <Paper withBorder p="md">
          <Text fw={700} size="lg">
            {t(employee ? 'companyPlacements.totalOf' : 'companyPlacements.total', {
              amount: format.euros(cost.totalCents),
              hours: format.number(cost.hours),
              count: total,
              name: employee?.name,
            })}
          </Text>
        </Paper>
      )}
      {placements.data && placements.data.items.length > 0 && (
        <ListTable
          minWidth={1000}
          headers={[
            t('companyPlacements.employee'),
            t('proposal.school'),
            t('proposal.requestTitle'),
            t('proposal.period'),
            t('proposal.lessons'),
            t('companyPlacements.rate'),
            t('companyPlacements.hours'),
            t('companyPlacements.cost'),
          ]}
        >
          {placements.data.items.map((placement) => {
            const name = placement.names?.teacherName ?? '';
            return (
              <Table.Tr key={placement.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/teachers/${placement.teacherId}`}>
                    {name}
                  </Anchor>
                  {!employee && (
                    <Button
                      display="block"
                      variant="subtle"
                      size="compact-xs"
                      px={0}
                      onClick={() => showEmployee({ id: placement.teacherId, name })}
                    >
                      {t('companyPlacements.only', { name })}
                    </Button>
                  )}
                </Table.Td>
                <Table.Td>{placement.names?.schoolName}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/proposals/${placement.proposalId}`}>
                    {placement.names?.requestTitle}
                  </Anchor>
                  {placement.status === 'cancelled' && (
                    <Badge ml="xs" color="gray.9" variant="filled">
                      {t('placements.statuses.cancelled')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {format.date(placement.startDate)} – {format.date(placement.endDate)}
                </Table.Td>
                <Table.Td>
                  <PlacementSlots placement={placement} />
                </Table.Td>
                <Table.Td>
                  {placement.hourlyRateCents === null ? '–' : format.euros(placement.hourlyRateCents)}
                </Table.Td>
                <Table.Td>
                  {t('companyPlacements.lessonHours', {
                    count: placement.cost?.lessons ?? 0,
                    hours: format.number(placement.cost?.hours ?? 0),
                  })}
                </Table.Td>
                <Table.Td>{format.euros(placement.cost?.totalCents ?? 0)}</Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
      )}
      <Pager total={placements.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

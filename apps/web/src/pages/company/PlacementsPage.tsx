import { Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemError } from '../../api/session';
import { PlacementSlots } from '../../placements/PlacementSlots';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';

type Placement = components['schemas']['PlacementDto'];

/** Every placement of the company (the API's pages of 200 read one after the other), for totals over all. */
async function allPlacements(): Promise<Placement[]> {
  const items: Placement[] = [];
  for (let page = 1; ; page += 1) {
    const { data, error } = await api.GET('/api/placements', { params: { query: { page, pageSize: 200 } } });
    if (error) throw new ProblemError(error);
    items.push(...data.items);
    if (items.length >= data.total || data.items.length === 0) return items;
  }
}

const centsOf = (placements: Placement[]) =>
  placements.reduce((sum, p) => sum + (p.cost?.totalCents ?? 0), 0);
const hoursOf = (placements: Placement[]) => placements.reduce((sum, p) => sum + (p.cost?.hours ?? 0), 0);

/**
 * Where each employee teaches: per person their placements (school, request, period, weekly
 * lessons) with the agreed rate and what the lessons taught or still to come cost, per person and
 * in total (docs/COSTS.md).
 */
export default function PlacementsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const placements = useQuery({ queryKey: ['get', '/api/placements', 'all'], queryFn: allPlacements });
  if (placements.isPending) return <PageLoader />;
  if (placements.isError) return <ErrorAlert error={placements.error} />;
  const byTeacher = new Map<string, Placement[]>();
  for (const placement of placements.data)
    byTeacher.set(placement.teacherId, [...(byTeacher.get(placement.teacherId) ?? []), placement]);
  const people = [...byTeacher.values()].sort((a, b) =>
    (a[0].names?.teacherName ?? '').localeCompare(b[0].names?.teacherName ?? ''),
  );
  return (
    <Stack>
      <Title order={1}>{t('companyPlacements.title')}</Title>
      <Text>{t('companyPlacements.intro')}</Text>
      {people.length === 0 ? (
        <Text>{t('companyPlacements.empty')}</Text>
      ) : (
        <Paper withBorder p="md">
          <Text fw={700} size="lg">
            {t('companyPlacements.total', {
              amount: format.euros(centsOf(placements.data)),
              hours: format.number(hoursOf(placements.data)),
              count: placements.data.length,
            })}
          </Text>
        </Paper>
      )}
      {people.map((own) => (
        <Stack key={own[0].teacherId} gap="xs" component="section">
          <Title order={2} size="h3">
            <Anchor component={Link} to={`/teachers/${own[0].teacherId}`}>
              {own[0].names?.teacherName}
            </Anchor>
          </Title>
          <ListTable
            minWidth={900}
            headers={[
              t('proposal.school'),
              t('proposal.requestTitle'),
              t('proposal.period'),
              t('proposal.lessons'),
              t('companyPlacements.rate'),
              t('companyPlacements.hours'),
              t('companyPlacements.cost'),
            ]}
          >
            {own.map((placement) => (
              <Table.Tr key={placement.id}>
                <Table.Td>{placement.names?.schoolName}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/proposals/${placement.proposalId}`}>
                    {placement.names?.requestTitle}
                  </Anchor>
                  {placement.status === 'cancelled' && (
                    <Badge ml="xs" color="gray.9" variant="filled">
                      {t('companyPlacements.cancelled')}
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
            ))}
            <Table.Tr>
              <Table.Th colSpan={5} scope="row">
                {t('companyPlacements.subtotal', { name: own[0].names?.teacherName })}
              </Table.Th>
              <Table.Td fw={700}>{format.number(hoursOf(own))}</Table.Td>
              <Table.Td fw={700}>{format.euros(centsOf(own))}</Table.Td>
            </Table.Tr>
          </ListTable>
        </Stack>
      ))}
    </Stack>
  );
}

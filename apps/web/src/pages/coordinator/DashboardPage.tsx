import { List, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';
import { useRegions } from '../../ui/regions';

const FIGURES = [
  'teachersOffered',
  'teachersProposed',
  'teachersPlaced',
  'hoursPerWeekPlaced',
  'requestsOpen',
  'requestsPartiallyFilled',
  'requestsFilled',
  'openHoursPerWeek',
] as const;

/**
 * Progress toward the 1,000 in the coordinator's regions (the platform admin: national), demand
 * against supply, and the shortage signals: which teacher profile would fill the most.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const progress = $api.useQuery('get', '/api/progress');
  const shortages = $api.useQuery('get', '/api/shortage-signals');
  const regions = useRegions();
  const shortagesHeading = useId();
  if (progress.isPending) return <PageLoader />;
  if (progress.isError) return <ErrorAlert error={progress.error} />;
  const report = progress.data;
  const placed = report.total.teachersPlaced;
  return (
    <Stack>
      <Title order={1}>{t('dashboard.title')}</Title>
      <Text c="dimmed">{t('dashboard.asOf', { date: format.date(report.asOf) })}</Text>
      <Paper withBorder p="md">
        <Text fw={600}>
          {t('dashboard.placedOfTarget', {
            placed: format.number(placed),
            target: format.number(report.target),
          })}
        </Text>
        <Progress
          value={Math.min(100, (100 * placed) / report.target)}
          size="lg"
          my="sm"
          aria-label={t('dashboard.placedOfTarget', { placed, target: report.target })}
        />
        <Text size="sm">{t('dashboard.toGo', { count: report.distanceToTarget })}</Text>
      </Paper>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {FIGURES.map((figure) => (
          <Paper key={figure} withBorder p="md">
            <Text size="sm" c="dimmed">
              {t(`dashboard.figures.${figure}`)}
            </Text>
            <Text size="xl" fw={700}>
              {format.number(report.total[figure])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Title order={2} size="h3">
        {t('dashboard.demandSupply')}
      </Title>
      {report.demandSupply.length === 0 ? (
        <Text>{t('dashboard.noDemand')}</Text>
      ) : (
        <ListTable
          minWidth={480}
          striped
          headers={[
            t('dashboard.subject'),
            t('dashboard.level'),
            t('dashboard.demand'),
            t('dashboard.supply'),
            t('dashboard.balance'),
          ]}
        >
          {report.demandSupply.map((row) => (
            <Table.Tr key={`${row.subjectCode}-${row.level}`}>
              <Table.Td>{row.subjectCode}</Table.Td>
              <Table.Td>{row.level}</Table.Td>
              <Table.Td>{format.number(row.demandHoursPerWeek)}</Table.Td>
              <Table.Td>{format.number(row.supplyHoursPerWeek)}</Table.Td>
              <Table.Td c={row.balanceHoursPerWeek < 0 ? 'red.9' : undefined}>
                {format.number(row.balanceHoursPerWeek)}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Stack component="section" aria-labelledby={shortagesHeading}>
        <Title order={2} size="h3" id={shortagesHeading}>
          {t('dashboard.shortages')}
        </Title>
        {shortages.isPending && <PageLoader />}
        {shortages.isError && <ErrorAlert error={shortages.error} />}
        {shortages.data?.length === 0 && <Text>{t('dashboard.noShortages')}</Text>}
        {shortages.data?.map((region) => (
          <Paper key={region.regionId} withBorder p="md" component="section">
            <Title order={3} size="h5">
              {regions.nameOf(region.regionId)}
            </Title>
            <List>
              {region.profiles.slice(0, 5).map((profile) => (
                <List.Item key={`${profile.subjectCode}-${profile.level}-${profile.weekday}`}>
                  {t('dashboard.profileSignal', {
                    subject: profile.subjectCode,
                    level: profile.level,
                    weekday: t(`weekday.${profile.weekday}` as 'weekday.1'),
                    hours: format.number(profile.minutesGained / 60),
                  })}
                </List.Item>
              ))}
            </List>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

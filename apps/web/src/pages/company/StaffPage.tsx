import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';

type Teacher = components['schemas']['TeacherDto'];
type Sort = NonNullable<NonNullable<paths['/api/teachers']['get']['parameters']['query']>['sort']>;
const PAGE_SIZE = 25;
/** The orders offered, sorted by the API (`sort`) so every page follows them. */
const SORTS = [
  'name',
  '-name',
  'employeeRef',
  'vog',
  'pdgDeadline',
  '-releasedHours',
] as const satisfies readonly Sort[];
type OfferedSort = (typeof SORTS)[number];

/** The VOG as the company must keep it (DOMAIN rule 4): its date, the last start day on it, whether a school checked it. */
function VogCell({ teacher }: { teacher: Teacher }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { vog } = teacher;
  if (!vog.issuedOn)
    return (
      <Badge color="red.9" variant="filled">
        {t('staff.vogMissing')}
      </Badge>
    );
  return (
    <Stack gap={2}>
      <Text size="sm">{t('staff.vogIssued', { date: format.date(vog.issuedOn) })}</Text>
      {vog.validUntil && (
        <Text size="sm" c="dimmed">
          {t('staff.vogValidUntil', { date: format.date(vog.validUntil) })}
        </Text>
      )}
      <Group gap={4}>
        {vog.validForSchoolStart ? (
          <Badge color="teal.9" variant="filled">
            {t('staff.vogOk')}
          </Badge>
        ) : (
          <Badge color="red.9" variant="filled">
            {t('staff.vogTooOld')}
          </Badge>
        )}
        {vog.verifiedAt && (
          <Badge color="gray.9" variant="filled">
            {t('staff.vogVerified')}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}

/**
 * The company's staff offered as hybrid teachers, with what compliance asks of each: the VOG's age,
 * the PDG deadline and the hours released. Paged by the API; each name opens the profile.
 */
export default function StaffPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const [active, setActive] = useState<'all' | 'true' | 'false'>('true');
  const [sort, setSort] = useState<OfferedSort>('name');
  const staff = $api.useQuery('get', '/api/teachers', {
    params: {
      query: { page, pageSize: PAGE_SIZE, sort, ...(active !== 'all' && { active: active === 'true' }) },
    },
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('staff.title')}</Title>
        <Group>
          <Button component={Link} to="/teachers/new">
            {t('staff.add')}
          </Button>
          <Button component={Link} to="/staff/import" variant="default">
            {t('staff.import')}
          </Button>
        </Group>
      </Group>
      <Group>
        <Select
          label={t('staff.show')}
          w={240}
          data={(['true', 'false', 'all'] as const).map((value) => ({
            value,
            label: t(`staff.shows.${value}`),
          }))}
          value={active}
          allowDeselect={false}
          onChange={(value) => {
            setActive(value ?? 'true');
            setPage(1);
          }}
        />
        <Select
          label={t('staff.sort')}
          w={300}
          data={SORTS.map((value) => ({ value, label: t(`staff.sorts.${value}`) }))}
          value={sort}
          allowDeselect={false}
          onChange={(value) => {
            if (value) setSort(value);
            setPage(1);
          }}
        />
      </Group>
      {staff.isPending && <PageLoader />}
      {staff.isError && <ErrorAlert error={staff.error} />}
      {staff.data?.total === 0 && <Text>{t('staff.empty')}</Text>}
      {staff.data && staff.data.items.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {t('staff.count', { count: staff.data.total })}
          </Text>
          <ListTable
            minWidth={900}
            striped
            headers={[
              t('staff.name'),
              t('staff.employeeRef'),
              t('staff.vog'),
              t('staff.qualification'),
              t('staff.hours'),
              t('staff.login'),
            ]}
          >
            {staff.data.items.map((teacher) => (
              <Table.Tr key={teacher.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/teachers/${teacher.id}`}>
                    {teacher.firstName} {teacher.lastName}
                  </Anchor>
                  {!teacher.active && (
                    <Text size="sm" c="dimmed">
                      {t('staff.inactive')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{teacher.employeeRef}</Table.Td>
                <Table.Td>
                  <VogCell teacher={teacher} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`qualification.${teacher.qualification}`)}</Text>
                  {teacher.pdgDeadline && (
                    <Text size="sm" c="dimmed">
                      {t('staff.pdgDeadline', { date: format.date(teacher.pdgDeadline) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {t('staff.released', {
                      hours: format.number(teacher.releasedHoursPerWeek),
                      count: teacher.releasedDaysPerWeek,
                    })}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('staff.contract', { hours: format.number(teacher.contractHoursPerWeek) })}
                  </Text>
                </Table.Td>
                <Table.Td>{teacher.userId ? t('staff.hasLogin') : t('staff.noLogin')}</Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
          <Pager total={staff.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}

import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
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

/** The school's teaching requests, newest first, a page at a time; each opens to change it, and a new one is posted from here. */
export default function RequestsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const subjects = $api.useQuery('get', '/api/subjects');
  const subjectName = (code: string) => subjects.data?.find((subject) => subject.code === code)?.name ?? code;
  const requests = $api.useQuery('get', '/api/teaching-requests', {
    params: { query: { page, pageSize: PAGE_SIZE } },
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('requests.title')}</Title>
        <Button component={Link} to="/school/requests/new">
          {t('requests.new')}
        </Button>
      </Group>
      {requests.isPending && <PageLoader />}
      {requests.isError && <ErrorAlert error={requests.error} />}
      {requests.data?.total === 0 && <Text>{t('requests.empty')}</Text>}
      {requests.data && requests.data.items.length > 0 && (
        <ListTable
          minWidth={720}
          headers={[
            t('requests.request'),
            t('requests.level'),
            t('requests.blocks'),
            t('requests.period'),
            t('requests.status'),
          ]}
        >
          {requests.data.items.map((request) => (
            <Table.Tr key={request.id}>
              <Table.Td>
                <Anchor component={Link} to={`/school/requests/${request.id}`}>
                  {request.title}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {subjectName(request.subjectCode)}
                </Text>
              </Table.Td>
              <Table.Td>
                {request.level}
                {request.learningPath && ` ${request.learningPath}`}
              </Table.Td>
              <Table.Td>
                {request.blocks.map((block) => (
                  <div key={block.id}>
                    {t(`weekday.${block.weekday}` as 'weekday.1')} {block.start}–{block.end}
                  </div>
                ))}
                <Text size="sm" c="dimmed">
                  {t('requests.hours', { hours: format.number(request.hoursPerWeek) })}
                </Text>
              </Table.Td>
              <Table.Td>
                {format.date(request.periodStart)} – {format.date(request.periodEnd)}
              </Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`requests.statuses.${request.status}`)}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Pager total={requests.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

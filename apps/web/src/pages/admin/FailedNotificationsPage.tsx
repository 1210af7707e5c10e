import { Anchor, Button, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, queryClient } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';
import { useSelection } from '../../ui/useSelection';

const PAGE_SIZE = 50;

/** Where Bull Board is served (apps/api/src/queue-dashboard): every queue's jobs, for the platform admin. */
const QUEUE_DASHBOARD = '/admin/queues';

/**
 * Opens the queue dashboard in a new tab. The page cannot send the access token (it lives in this
 * tab's memory), so the API first puts a short-lived ticket in a cookie only the dashboard
 * receives. The tab is opened at once, while the click still counts as the user's (popup
 * blockers), and sent to the dashboard when the ticket is there.
 */
function useOpenQueueDashboard() {
  const ticket = $api.useMutation('post', '/api/queue-dashboard/session');
  const open = () => {
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    ticket.mutate(
      {},
      {
        onSuccess: () =>
          tab ? tab.location.assign(QUEUE_DASHBOARD) : window.location.assign(QUEUE_DASHBOARD),
        onError: () => tab?.close(),
      },
    );
  };
  return { open, error: ticket.error };
}

/**
 * E-mails that could not be delivered: what, to whom (by kind), how often tried and the last error.
 * Select some or all and send them again (same Message-ID, a fresh round of retries).
 */
export default function FailedNotificationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const queueDashboard = useOpenQueueDashboard();
  const failed = $api.useQuery('get', '/api/notifications/failed', {
    params: { query: { page, pageSize: PAGE_SIZE } },
  });
  const resend = $api.useMutation('post', '/api/notifications/resend', {
    onSuccess: () => {
      selection.clear();
      return queryClient.invalidateQueries({ queryKey: ['get', '/api/notifications/failed'] });
    },
  });
  const rows = failed.data?.items ?? [];
  const selection = useSelection(rows);
  const ids = selection.chosen.map((row) => row.id);
  return (
    <Stack>
      <Title order={1}>{t('failed.title')}</Title>
      <Text>
        {t('failed.intro')}{' '}
        <Anchor
          href={QUEUE_DASHBOARD}
          target="_blank"
          onClick={(event) => {
            event.preventDefault();
            queueDashboard.open();
          }}
        >
          {t('failed.queues')}
        </Anchor>
        .
      </Text>
      <Text size="sm" c="dimmed">
        {t('failed.queuesHint')}
      </Text>
      {queueDashboard.error && <ErrorAlert error={queueDashboard.error} />}
      <Group>
        <Button
          disabled={ids.length === 0}
          loading={resend.isPending}
          onClick={() => {
            resend.reset();
            resend.mutate({ body: { ids } });
          }}
        >
          {t('failed.resend', { count: ids.length })}
        </Button>
      </Group>
      {resend.data && (
        <Text role="status" c="teal.9">
          {t('failed.resent', { count: resend.data.count })}
        </Text>
      )}
      {resend.error && <ErrorAlert error={resend.error} />}
      {failed.isPending && <PageLoader />}
      {failed.isError && <ErrorAlert error={failed.error} />}
      {failed.data?.total === 0 && <Text>{t('failed.empty')}</Text>}
      {rows.length > 0 && (
        <ListTable
          minWidth={900}
          headers={[
            <Checkbox aria-label={t('failed.selectAll')} {...selection.allCheckbox} />,
            t('failed.subject'),
            t('failed.kind'),
            t('failed.created'),
            t('failed.attempts'),
            t('failed.lastError'),
            t('failed.nextAttempt'),
          ]}
        >
          {rows.map((notification) => (
            <Table.Tr key={notification.id}>
              <Table.Td>
                <Checkbox
                  aria-label={t('failed.select', { subject: notification.subject })}
                  checked={selection.isChosen(notification.id)}
                  onChange={() => selection.toggle(notification.id)}
                />
              </Table.Td>
              <Table.Td>{notification.subject}</Table.Td>
              <Table.Td>{notification.kind}</Table.Td>
              <Table.Td>{format.dateTime(notification.createdAt)}</Table.Td>
              <Table.Td>{notification.attempts}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {notification.lastError}
                </Text>
              </Table.Td>
              <Table.Td>
                {notification.nextAttemptAt
                  ? format.dateTime(notification.nextAttemptAt)
                  : t('failed.noRetry')}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Pager
        total={failed.data?.total}
        pageSize={PAGE_SIZE}
        page={page}
        onChange={(next) => {
          setPage(next);
          selection.clear();
        }}
      />
    </Stack>
  );
}

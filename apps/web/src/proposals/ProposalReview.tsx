import { Button, Group, List, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useFormat } from '../ui/format';
import { useSentences } from '../ui/inLanguage';
import { ApproveDialog } from './ApproveDialog';
import { explanationSentences } from './explanation';
import { EndProposalDialog } from './EndProposalDialog';

type Proposal = components['schemas']['ProposalDto'];

/** What the coordinator sees of one proposal: why (and who else was considered), the decision, the audit trail. */
export function ProposalReview({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sentences = useSentences();
  const [dialog, setDialog] = useState<'approve' | 'reject' | 'withdraw' | 'cancel' | null>(null);
  const open = proposal.status === 'proposed' || proposal.status === 'awaiting_approval';
  const history = $api.useQuery('get', '/api/proposals/{id}/history', {
    params: { path: { id: proposal.id } },
  });
  return (
    <Stack>
      <Paper withBorder p="md">
        <Title order={2} size="h4">
          {t('proposal.why')}
        </Title>
        <List>
          {sentences(explanationSentences(proposal)).map((sentence) => (
            <List.Item key={sentence}>{sentence}</List.Item>
          ))}
        </List>
      </Paper>
      {open && (
        <Group>
          {proposal.status === 'awaiting_approval' && (
            <>
              <Button onClick={() => setDialog('approve')}>{t('approve.submit', { count: 1 })}</Button>
              <Button color="red" variant="outline" onClick={() => setDialog('reject')}>
                {t('reject.submit', { count: 1 })}
              </Button>
            </>
          )}
          <Button color="red" variant="subtle" onClick={() => setDialog('withdraw')}>
            {t('withdraw.submit', { count: 1 })}
          </Button>
        </Group>
      )}
      {proposal.status === 'approved' && (
        <Group>
          <Button color="red" variant="outline" onClick={() => setDialog('cancel')}>
            {t('cancelPlacement.submit', { count: 1 })}
          </Button>
        </Group>
      )}
      <Title order={2} size="h4">
        {t('proposal.history')}
      </Title>
      {history.isError && <ErrorAlert error={history.error} />}
      {history.data && (
        <Timeline bulletSize={14}>
          {history.data.map((event) => (
            <Timeline.Item
              key={event.id}
              title={`${t(`proposal.actions.${event.action}`)}${event.party ? ` · ${t(`proposal.parties.${event.party}`)}` : ''}`}
            >
              <Text size="sm" c="dimmed">
                {format.dateTime(event.createdAt)} · {t(`proposal.statuses.${event.toStatus}`)}
              </Text>
              {event.reason && <Text size="sm">{event.reason}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {dialog === 'approve' && <ApproveDialog proposals={[proposal]} onClose={() => setDialog(null)} />}
      {dialog !== null && dialog !== 'approve' && (
        <EndProposalDialog proposals={[proposal]} decision={dialog} onClose={() => setDialog(null)} />
      )}
    </Stack>
  );
}

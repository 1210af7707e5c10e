import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import type { Role } from '../roles';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useFormat } from '../ui/format';
import { invalidateProposals } from './invalidate';

type Proposal = components['schemas']['ProposalDto'];
type Party = keyof Proposal['answers'];

/** The party a role answers for (POST /api/proposals/{id}/answer takes it from the sign-in). */
const PARTY_OF: Partial<Record<Role, Party>> = {
  company_admin: 'company',
  school_admin: 'school',
  hybrid_teacher: 'teacher',
};

/** Whether the signed-in role still owes this proposal its answer. */
export const awaitsAnswerOf = (proposal: Proposal, role: Role): boolean => {
  const party = PARTY_OF[role];
  return proposal.status === 'proposed' && party !== undefined && proposal.answers[party] === 'pending';
};

/**
 * Accept or decline a proposal as the signed-in party (company, school or teacher), with the date it
 * must be answered by; declining asks for an optional reason. Renders nothing when no answer is owed.
 */
export function AnswerButtons({ proposal, role, label }: { proposal: Proposal; role: Role; label?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const answer = $api.useMutation('post', '/api/proposals/{id}/answer', { onSuccess: invalidateProposals });
  if (!awaitsAnswerOf(proposal, role)) return null;
  const send = (decision: 'accept' | 'decline') =>
    answer.mutate(
      {
        params: { path: { id: proposal.id } },
        body: { decision, version: proposal.version, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      },
      { onSuccess: () => setDeclining(false) },
    );
  const decline = (event: FormEvent) => {
    event.preventDefault();
    send('decline');
  };
  const about = label ? ` ${label}` : '';
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('answer.before', { date: format.date(proposal.expiresAt) })}
      </Text>
      {answer.error && !declining && <ErrorAlert error={answer.error} />}
      <Group>
        <Button
          loading={answer.isPending}
          aria-label={label && t('answer.acceptFor', { name: label })}
          onClick={() => send('accept')}
        >
          {t('answer.accept')}
        </Button>
        <Button
          variant="outline"
          color="red"
          aria-label={label && t('answer.declineFor', { name: label })}
          onClick={() => setDeclining(true)}
        >
          {t('answer.decline')}
        </Button>
      </Group>
      {declining && (
        <Modal
          opened
          onClose={() => setDeclining(false)}
          title={`${t('answer.declineTitle')}${about}`}
          closeButtonProps={{ 'aria-label': t('actions.close') }}
        >
          <form onSubmit={decline}>
            <Stack>
              <Textarea
                label={t('answer.reason')}
                minRows={3}
                maxLength={1000}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
              />
              {answer.error && <ErrorAlert error={answer.error} />}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setDeclining(false)}>
                  {t('actions.cancel')}
                </Button>
                <Button type="submit" color="red" loading={answer.isPending}>
                  {t('answer.decline')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal>
      )}
    </Stack>
  );
}

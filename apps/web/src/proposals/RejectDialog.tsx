import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { ProblemError } from '../api/session';
import { ErrorAlert } from '../ui/ErrorAlert';
import { invalidateProposals } from './invalidate';

type Proposal = components['schemas']['ProposalDto'];

/** Rejects one or many proposals with one reason (kept in each proposal's audit trail). */
export function RejectDialog({ proposals, onClose }: { proposals: Proposal[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const reject = useMutation({
    mutationFn: async () => {
      for (const proposal of proposals) {
        const { error } = await api.POST('/api/proposals/{id}/reject', {
          params: { path: { id: proposal.id } },
          body: { version: proposal.version, reason },
        });
        if (error) throw new ProblemError(error);
      }
    },
    onSettled: invalidateProposals,
    onSuccess: onClose,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reject.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('reject.title', { count: proposals.length })}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form onSubmit={submit}>
        <Stack>
          <Textarea
            label={t('reject.reason')}
            required
            minRows={3}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          {reject.error && <ErrorAlert error={reject.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={reject.isPending}>
              {t('reject.submit', { count: proposals.length })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { ProblemError } from '../api/session';
import { ErrorAlert } from '../ui/ErrorAlert';
import { invalidateProposals } from './invalidate';

type Proposal = components['schemas']['ProposalDto'];

/** The strings of each decision: `<key>.title`, `.intro`, `.reason` and `.submit`. */
const KEY = { reject: 'reject', withdraw: 'withdraw', cancel: 'cancelPlacement' } as const;

/**
 * The coordinator ends one or many proposals, with one reason (kept in each proposal's audit
 * trail): `reject` a proposal all three parties accepted, `withdraw` one before approval (say, one
 * that needs attention: a rule broke after a change; the next match run may find another teacher),
 * or `cancel` an approved one and its placement.
 */
export function EndProposalDialog({
  proposals,
  decision = 'reject',
  onClose,
}: {
  proposals: Proposal[];
  decision?: keyof typeof KEY;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const key = KEY[decision];
  const [reason, setReason] = useState('');
  const end = useMutation({
    mutationFn: async () => {
      for (const proposal of proposals) {
        const { error } = await api.POST(`/api/proposals/{id}/${decision}`, {
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
    end.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(`${key}.title`, { count: proposals.length })}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t(`${key}.intro`, { count: proposals.length })}</Text>
          <Textarea
            label={t(`${key}.reason`)}
            required
            minRows={3}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          {end.error && <ErrorAlert error={end.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={end.isPending}>
              {t(`${key}.submit`, { count: proposals.length })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

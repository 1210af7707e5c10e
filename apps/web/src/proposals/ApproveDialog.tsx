import { Button, Group, List, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { ErrorAlert, useProblemText } from '../ui/ErrorAlert';
import { invalidateProposals } from './invalidate';

type Proposal = components['schemas']['ProposalDto'];

/**
 * Approves one or many proposals in one batch (each in its own transaction). Approval names the
 * werkplekbegeleider at the school, so the dialog asks one per school among the selection.
 */
export function ApproveDialog({ proposals, onClose }: { proposals: Proposal[]; onClose: () => void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const schools = [
    ...new Map(proposals.map((p) => [p.schoolId, p.names?.schoolName ?? p.schoolId])).entries(),
  ];
  const [supervisors, setSupervisors] = useState<Record<string, { name: string; email: string }>>({});
  const approve = $api.useMutation('post', '/api/proposals/approve-batch', {
    onSuccess: invalidateProposals,
  });
  const set = (schoolId: string, field: 'name' | 'email', value: string) =>
    setSupervisors((current) => ({
      ...current,
      [schoolId]: { ...(current[schoolId] ?? { name: '', email: '' }), [field]: value },
    }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    approve.mutate({
      body: {
        items: proposals.map((proposal) => ({
          proposalId: proposal.id,
          version: proposal.version,
          supervisorName: supervisors[proposal.schoolId]?.name ?? '',
          supervisorEmail: supervisors[proposal.schoolId]?.email ?? '',
        })),
      },
    });
  };
  const results = approve.data?.results;
  const refused = results?.filter((result) => result.outcome === 'refused') ?? [];
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('approve.title', { count: proposals.length })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      {results ? (
        <Stack>
          <Text role="status">
            {t('approve.done', { approved: results.length - refused.length, refused: refused.length })}
          </Text>
          {refused.length > 0 && (
            <List>
              {refused.map((result) => (
                <List.Item key={result.proposalId}>
                  {proposals.find((p) => p.id === result.proposalId)?.names?.teacherName}:{' '}
                  {result.problem && problemText(result.problem)}
                </List.Item>
              ))}
            </List>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('actions.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text>{t('approve.intro')}</Text>
            {schools.map(([schoolId, schoolName]) => (
              <Stack key={schoolId} gap="xs">
                <Title order={3} size="h5">
                  {schoolName}
                </Title>
                <Group grow>
                  <TextInput
                    label={t('approve.supervisorName')}
                    required
                    value={supervisors[schoolId]?.name ?? ''}
                    onChange={(event) => set(schoolId, 'name', event.currentTarget.value)}
                  />
                  <TextInput
                    label={t('approve.supervisorEmail')}
                    type="email"
                    required
                    value={supervisors[schoolId]?.email ?? ''}
                    onChange={(event) => set(schoolId, 'email', event.currentTarget.value)}
                  />
                </Group>
              </Stack>
            ))}
            {approve.error && <ErrorAlert error={approve.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={approve.isPending}>
                {t('approve.submit', { count: proposals.length })}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

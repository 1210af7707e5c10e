import { Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { ErrorAlert } from '../ui/ErrorAlert';
import { fieldErrors } from '../ui/fieldErrors';
import { useFormat } from '../ui/format';
import { invalidateProposals } from './invalidate';

type Status = components['schemas']['RecordVogVerificationDto']['status'];
const STATUSES: Status[] = ['verified', 'rejected', 'missing'];

/**
 * The school records its check of the proposed or placed teacher's VOG (DOMAIN.md rule 4): what it
 * saw and the issue date printed on it; the document itself is never stored. Below: its earlier checks.
 */
export function VogCheck({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const params = { params: { path: { id: proposalId } } };
  const history = $api.useQuery('get', '/api/proposals/{id}/vog-verifications', params);
  const [status, setStatus] = useState<Status>('verified');
  const [issuedOn, setIssuedOn] = useState('');
  const [note, setNote] = useState('');
  const record = $api.useMutation('post', '/api/proposals/{id}/vog-verifications', {
    onSuccess: async () => {
      setIssuedOn('');
      setNote('');
      await invalidateProposals();
    },
  });
  const errors = fieldErrors(record.error, (field) => ['status', 'issuedOn', 'note'].includes(field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({
      ...params,
      body: { status, issuedOn: status === 'missing' ? null : issuedOn || null, note },
    });
  };
  return (
    <Paper withBorder p="md" component="section">
      <Title order={2} size="h4">
        {t('vog.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('vog.intro')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group align="flex-start">
            <Select
              label={t('vog.status')}
              allowDeselect={false}
              data={STATUSES.map((value) => ({ value, label: t(`vog.statuses.${value}`) }))}
              value={status}
              error={errors.of('status')}
              onChange={(value) => value && setStatus(value)}
            />
            {status !== 'missing' && (
              <TextInput
                type="date"
                label={t('vog.issuedOn')}
                required={status === 'verified'}
                value={issuedOn}
                error={errors.of('issuedOn')}
                onChange={(event) => setIssuedOn(event.currentTarget.value)}
              />
            )}
          </Group>
          <Textarea
            label={t('vog.note')}
            value={note}
            error={errors.of('note')}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          {record.error && <ErrorAlert error={errors.of('rest')} />}
          <Group>
            <Button type="submit" loading={record.isPending}>
              {t('vog.record')}
            </Button>
          </Group>
        </Stack>
      </form>
      {history.isError && <ErrorAlert error={history.error} />}
      {history.data && history.data.length > 0 && (
        <Stack gap={4} mt="md">
          <Title order={3} size="h5">
            {t('vog.history')}
          </Title>
          {history.data.map((check) => (
            <Text key={check.id} size="sm">
              {format.dateTime(check.verifiedAt)} · {t(`vog.statuses.${check.status}`)}
              {check.issuedOn && ` · ${t('vog.issuedOnShort', { date: format.date(check.issuedOn) })}`}
              {check.verifiedBy && ` · ${check.verifiedBy.name}`}
              {!check.matchesRecordedDate && check.issuedOn && ` · ${t('vog.differs')}`}
            </Text>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

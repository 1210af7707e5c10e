import { Button, Group, Paper, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { fieldErrors } from '../ui/fieldErrors';
import { FormDialog } from '../ui/FormDialog';

type Request = components['schemas']['TeachingRequestDto'];
type Ending = 'close' | 'cancel';

/** Close a request (no more teachers sought) or withdraw it with a reason: the API's two endings, confirmed in a dialog. */
function EndRequestDialog({
  request,
  ending,
  onEnded,
  onClose,
}: {
  request: Request;
  ending: Ending;
  onEnded: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const close = $api.useMutation('post', '/api/teaching-requests/{id}/close', { onSuccess: onEnded });
  const cancel = $api.useMutation('post', '/api/teaching-requests/{id}/cancel', { onSuccess: onEnded });
  const ends = ending === 'close' ? close : cancel;
  const errors = fieldErrors(ends.error, (field) => field === 'reason');
  const params = { path: { id: request.id } };
  return (
    <FormDialog
      title={t(`requestForm.${ending}Title`)}
      error={ends.error && errors.rest}
      pending={ends.isPending}
      submitLabel={t(`requestForm.${ending}Title`)}
      danger
      onClose={onClose}
      onSubmit={() =>
        ending === 'close' ? close.mutate({ params }) : cancel.mutate({ params, body: { reason } })
      }
    >
      <Text size="sm">{t(`requestForm.${ending}Intro`, { title: request.title })}</Text>
      {ending === 'cancel' && (
        <Textarea
          label={t('requestForm.cancelReason')}
          required
          minRows={3}
          value={reason}
          error={errors.of('reason')}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
      )}
    </FormDialog>
  );
}

/**
 * Under an open or partially filled request: close it or withdraw it. A closed or withdrawn
 * request says so instead (with the reason it was withdrawn for).
 */
export function EndRequest({ request, onEnded }: { request: Request; onEnded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Ending | null>(null);
  if (request.status === 'closed' || request.status === 'cancelled')
    return (
      <Paper withBorder p="md">
        <Text fw={600}>{t(`requestForm.${request.status}Notice`)}</Text>
        {request.statusReason && <Text size="sm">{request.statusReason}</Text>}
      </Paper>
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="end-request">
      <Title order={2} size="h4" id="end-request">
        {t('requestForm.endTitle')}
      </Title>
      <Text size="sm" my="sm">
        {t('requestForm.endIntro')}
      </Text>
      <Group>
        <Button variant="outline" color="red" onClick={() => setOpen('close')}>
          {t('requestForm.closeTitle')}
        </Button>
        <Button variant="outline" color="red" onClick={() => setOpen('cancel')}>
          {t('requestForm.cancelTitle')}
        </Button>
      </Group>
      {open && (
        <EndRequestDialog request={request} ending={open} onEnded={onEnded} onClose={() => setOpen(null)} />
      )}
    </Paper>
  );
}

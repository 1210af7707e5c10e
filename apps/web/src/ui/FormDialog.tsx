import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

/**
 * A form in a dialog: its fields, the API's refusal (what the fields did not show), and Cancel
 * beside the submit button. Enter submits; the browser's own validation is off so the API's
 * reasons are the ones shown.
 */
export function FormDialog({
  title,
  size,
  error,
  pending,
  submitLabel,
  danger = false,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  size?: ModalProps['size'];
  error: unknown;
  pending: boolean;
  submitLabel: string;
  /** A red submit button, for a step that cannot be undone. */
  danger?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      size={size}
      title={title}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {children}
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red' : undefined} loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A row's "change" button, named after the row for screen readers ("Wijzigen: STO Twente"). */
export function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="compact-sm" variant="light" aria-label={t('actions.editLabel', { name })} onClick={onClick}>
      {t('actions.edit')}
    </Button>
  );
}

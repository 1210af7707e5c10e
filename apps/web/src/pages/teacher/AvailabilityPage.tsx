import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, queryClient } from '../../api/client';
import type { components } from '../../api/schema';
import { BlockList, isBlockField } from '../../ui/BlockList';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { fieldErrors } from '../../ui/fieldErrors';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';
import { WeekGrid } from '../../ui/WeekGrid';
import { hoursPerWeek, sortBlocks, type WeekBlock } from '../../ui/weekBlocks';

type Teacher = components['schemas']['TeacherDto'];
type UpdateTeacher = components['schemas']['UpdateTeacherDto'];

/**
 * The teacher's own weekly availability windows (phone first: the list, with the week grid below
 * it). A hybrid teacher may change their own windows (PATCH /api/teachers/{id}); the rest of the
 * profile is their company's.
 */
export default function AvailabilityPage() {
  const { t } = useTranslation();
  const self = $api.useQuery('get', '/api/teachers');
  if (self.isPending) return <PageLoader />;
  if (self.isError) return <ErrorAlert error={self.error} />;
  const teacher = self.data.items[0];
  if (!teacher) return <Text>{t('availability.noProfile')}</Text>;
  return <AvailabilityForm key={teacher.id} teacher={teacher} />;
}

function AvailabilityForm({ teacher }: { teacher: Teacher }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [windows, setWindows] = useState<WeekBlock[]>(() =>
    sortBlocks(teacher.windows.map(({ weekday, start, end }) => ({ weekday, start, end }))),
  );
  const save = $api.useMutation('patch', '/api/teachers/{id}', {
    onSuccess: () =>
      queryClient.invalidateQueries({ predicate: ({ queryKey }) => queryKey[1] === '/api/teachers' }),
  });
  const errors = fieldErrors(save.error, (field) => isBlockField(field, 'windows'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Only the fields a teacher may change: the generated type marks the fields with a default
    // (qualification, hasPdc, hasHboDidactic) as required, which a PATCH does not need and a teacher may not send.
    const body = { windows, version: teacher.version } as UpdateTeacher;
    save.mutate({ params: { path: { id: teacher.id } }, body });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={1}>{t('availability.title')}</Title>
        <Text>{t('availability.intro')}</Text>
        {save.error && <ErrorAlert error={errors.rest} />}
        {save.isSuccess && (
          <Text role="status" fw={600}>
            {t('availability.saved')}
          </Text>
        )}
        <BlockList
          blocks={windows}
          onChange={setWindows}
          field="windows"
          errorOf={errors.of}
          nameOf={(number) => t('availability.windowName', { number })}
          emptyText={t('availability.none')}
        />
        <Text size="sm">{t('availability.hours', { hours: format.number(hoursPerWeek(windows)) })}</Text>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('availability.save')}
          </Button>
        </Group>
        <WeekGrid
          blocks={windows}
          onChange={(next) => setWindows(sortBlocks(next))}
          label={t('availability.gridLabel')}
        />
      </Stack>
    </form>
  );
}

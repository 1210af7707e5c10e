import { Button, FileInput, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, queryClient } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../shell/useMe';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { fieldErrors } from '../../ui/fieldErrors';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';

type Holiday = components['schemas']['PutSchoolHolidayDto'];
type HolidayRegion = Holiday['holidayRegion'];
const KINDS: Holiday['kind'][] = ['autumn', 'christmas', 'spring', 'may', 'summer'];
const HOLIDAY_REGIONS: HolidayRegion[] = ['noord', 'midden', 'zuid'];

/** The school year a date falls in (from 1 August): 2026-2027 for 3 December 2026. */
function schoolYearOf(date: Date): number {
  return date.getMonth() >= 7 ? date.getFullYear() : date.getFullYear() - 1;
}
const yearLabel = (year: number) => `${year}-${year + 1}`;

const invalidateHolidays = () =>
  queryClient.invalidateQueries({ predicate: ({ queryKey }) => queryKey[1] === '/api/school-holidays' });

/**
 * The school holidays of a holiday region and school year (DOMAIN.md rule 8: data a coordinator
 * loads, not constants): change a period or whether it is fixed or advisory, or import a file of
 * the shape of data/school-holidays.json. Lessons skip these days.
 */
export default function HolidaysPage() {
  const { t } = useTranslation();
  const me = useMe();
  const regions = $api.useQuery('get', '/api/regions');
  const [thisYear] = useState(() => schoolYearOf(new Date()));
  const [year, setYear] = useState(thisYear);
  const [chosenRegion, setChosenRegion] = useState<HolidayRegion | null>(null);
  const mine = regions.data?.find((region) => me.regionIds.includes(region.id));
  const holidayRegion = chosenRegion ?? mine?.holidayRegion ?? 'midden';
  const holidays = $api.useQuery('get', '/api/school-holidays', {
    params: { query: { schoolYear: yearLabel(year), holidayRegion } },
  });
  return (
    <Stack>
      <Title order={1}>{t('holidays.title')}</Title>
      <Text>{t('holidays.intro')}</Text>
      <Group align="flex-end">
        <Select
          label={t('holidays.schoolYear')}
          allowDeselect={false}
          data={[thisYear - 1, thisYear, thisYear + 1].map((value) => ({
            value: String(value),
            label: yearLabel(value),
          }))}
          value={String(year)}
          onChange={(value) => value && setYear(Number(value))}
        />
        <Select
          label={t('holidays.holidayRegion')}
          allowDeselect={false}
          data={HOLIDAY_REGIONS.map((value) => ({ value, label: t(`holidays.regions.${value}`) }))}
          value={holidayRegion}
          onChange={(value) => value && setChosenRegion(value)}
        />
      </Group>
      {holidays.isPending && <PageLoader />}
      {holidays.isError && <ErrorAlert error={holidays.error} />}
      {holidays.data && (
        <ListTable
          minWidth={720}
          headers={[
            t('holidays.holiday'),
            t('holidays.binding'),
            t('holidays.start'),
            t('holidays.end'),
            t('holidays.save'),
          ]}
        >
          {KINDS.map((kind) => {
            const current = holidays.data.find((holiday) => holiday.kind === kind);
            return (
              <HolidayRow
                key={`${year}-${holidayRegion}-${kind}-${current?.updatedAt ?? ''}`}
                holiday={{
                  schoolYear: yearLabel(year),
                  holidayRegion,
                  kind,
                  binding:
                    current?.binding ?? (kind === 'autumn' || kind === 'spring' ? 'advisory' : 'fixed'),
                  startDate: current?.startDate ?? '',
                  endDate: current?.endDate ?? '',
                }}
              />
            );
          })}
        </ListTable>
      )}
      <HolidayImport />
    </Stack>
  );
}

/** One holiday of the table, changed in place and saved on its own (PUT /api/school-holidays). */
function HolidayRow({ holiday }: { holiday: Holiday }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(holiday);
  const save = $api.useMutation('put', '/api/school-holidays', { onSuccess: invalidateHolidays });
  const errors = fieldErrors(save.error, (field) => field === 'startDate' || field === 'endDate');
  const name = t(`holidays.kinds.${holiday.kind}`);
  const changed =
    draft.startDate !== holiday.startDate ||
    draft.endDate !== holiday.endDate ||
    draft.binding !== holiday.binding;
  return (
    <Table.Tr>
      <Table.Th scope="row">{name}</Table.Th>
      <Table.Td>
        <Select
          aria-label={t('holidays.bindingOf', { name })}
          allowDeselect={false}
          data={(['fixed', 'advisory'] as const).map((value) => ({
            value,
            label: t(`holidays.bindings.${value}`),
          }))}
          value={draft.binding}
          onChange={(value) => value && setDraft({ ...draft, binding: value })}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          type="date"
          aria-label={t('holidays.startOf', { name })}
          value={draft.startDate}
          error={errors.of('startDate')}
          onChange={(event) => setDraft({ ...draft, startDate: event.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          type="date"
          aria-label={t('holidays.endOf', { name })}
          value={draft.endDate}
          error={errors.of('endDate')}
          onChange={(event) => setDraft({ ...draft, endDate: event.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td>
        <Button
          size="compact-sm"
          disabled={!changed || !draft.startDate || !draft.endDate}
          loading={save.isPending}
          aria-label={t('holidays.saveOf', { name })}
          onClick={() => save.mutate({ body: draft })}
        >
          {t('holidays.save')}
        </Button>
        {save.error && <ErrorAlert error={errors.of('rest')} />}
      </Table.Td>
    </Table.Tr>
  );
}

/** Loads a holiday file (the shape of data/school-holidays.json): all or nothing. */
function HolidayImport() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const upload = $api.useMutation('post', '/api/school-holidays/import', { onSuccess: invalidateHolidays });
  const send = async () => {
    if (!file) return;
    let body: components['schemas']['HolidayFileDto'];
    try {
      body = JSON.parse(await file.text()) as components['schemas']['HolidayFileDto'];
    } catch {
      setUnreadable(true);
      return;
    }
    setUnreadable(false);
    upload.mutate({ body });
  };
  return (
    <Paper withBorder p="md" component="section">
      <Title order={2} size="h4">
        {t('holidays.importTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('holidays.importIntro')}
      </Text>
      <Group align="flex-end">
        <FileInput
          label={t('holidays.file')}
          accept="application/json,.json"
          value={file}
          onChange={setFile}
          clearable
          w={320}
        />
        <Button disabled={!file} loading={upload.isPending} onClick={() => void send()}>
          {t('holidays.import')}
        </Button>
      </Group>
      {unreadable && (
        <Text c="red.8" mt="sm" role="alert">
          {t('holidays.unreadable')}
        </Text>
      )}
      {upload.error && <ErrorAlert error={upload.error} />}
      {upload.data && (
        <Text mt="sm" role="status">
          {t('holidays.imported', { count: upload.data.imported })}
        </Text>
      )}
    </Paper>
  );
}

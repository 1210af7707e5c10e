import { Button, Fieldset, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, queryClient } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { fieldErrors } from '../../ui/fieldErrors';
import { EditButton, FormDialog } from '../../ui/FormDialog';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';

type Region = components['schemas']['RegionDto'];
type HolidayRegion = Region['holidayRegion'];
const HOLIDAY_REGIONS: HolidayRegion[] = ['noord', 'midden', 'zuid'];

function HolidayRegionSelect({
  value,
  onChange,
}: {
  value: HolidayRegion;
  onChange: (value: HolidayRegion) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('regions.holidayRegion')}
      allowDeselect={false}
      data={HOLIDAY_REGIONS.map((value) => ({ value, label: t(`regions.holidayRegions.${value}`) }))}
      value={value}
      onChange={(chosen) => chosen && onChange(chosen)}
    />
  );
}

/** Change a region's name or holiday region (PATCH /api/regions/{id}); its code stays, other records name it. */
function EditRegion({ region, onClose }: { region: Region; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(region.name);
  const [holidayRegion, setHolidayRegion] = useState<HolidayRegion>(region.holidayRegion);
  const update = $api.useMutation('patch', '/api/regions/{id}', {
    onSuccess: () => {
      onClose();
      return queryClient.invalidateQueries({ queryKey: ['get', '/api/regions'] });
    },
  });
  const errors = fieldErrors(update.error, (field) => ['name', 'holidayRegion'].includes(field));
  return (
    <FormDialog
      title={t('regions.editTitle', { name: region.name })}
      error={errors.rest}
      pending={update.isPending}
      submitLabel={t('actions.save')}
      onClose={onClose}
      onSubmit={() =>
        update.mutate({ params: { path: { id: region.id } }, body: { name: name.trim(), holidayRegion } })
      }
    >
      <TextInput
        label={t('regions.code')}
        value={region.code}
        readOnly
        description={t('regions.codeFixed')}
      />
      <TextInput
        label={t('regions.name')}
        required
        data-autofocus
        value={name}
        error={errors.of('name')}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <HolidayRegionSelect value={holidayRegion} onChange={setHolidayRegion} />
    </FormDialog>
  );
}

/** The coordination regions (regions are data, DOMAIN rule 9): the list, and a new one with its holiday region. */
export default function RegionsPage() {
  const { t } = useTranslation();
  const regions = $api.useQuery('get', '/api/regions');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [holidayRegion, setHolidayRegion] = useState<HolidayRegion>('midden');
  const [editing, setEditing] = useState<Region | null>(null);
  const create = $api.useMutation('post', '/api/regions', {
    onSuccess: () => {
      setCode('');
      setName('');
      return queryClient.invalidateQueries({ queryKey: ['get', '/api/regions'] });
    },
  });
  const errors = fieldErrors(create.error, (field) => ['code', 'name', 'holidayRegion'].includes(field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ body: { code: code.trim(), name: name.trim(), holidayRegion } });
  };
  return (
    <Stack>
      <Title order={1}>{t('regions.title')}</Title>
      <form onSubmit={submit} noValidate>
        <Fieldset legend={t('regions.new')}>
          <Group align="flex-start">
            <TextInput
              label={t('regions.code')}
              description={t('regions.codeHint')}
              required
              value={code}
              error={errors.of('code')}
              onChange={(event) => setCode(event.currentTarget.value)}
            />
            <TextInput
              label={t('regions.name')}
              required
              value={name}
              error={errors.of('name')}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <HolidayRegionSelect value={holidayRegion} onChange={setHolidayRegion} />
            <Button type="submit" mt={25} loading={create.isPending}>
              {t('regions.create')}
            </Button>
          </Group>
          {create.error && <ErrorAlert error={errors.rest} />}
        </Fieldset>
      </form>
      {regions.isPending && <PageLoader />}
      {regions.isError && <ErrorAlert error={regions.error} />}
      {regions.data?.length === 0 && <Text>{t('regions.empty')}</Text>}
      {regions.data && regions.data.length > 0 && (
        <ListTable
          minWidth={560}
          striped
          headers={[t('regions.name'), t('regions.code'), t('regions.holidayRegion'), t('actions.column')]}
        >
          {regions.data.map((region) => (
            <Table.Tr key={region.id}>
              <Table.Td>{region.name}</Table.Td>
              <Table.Td>{region.code}</Table.Td>
              <Table.Td>{t(`regions.holidayRegions.${region.holidayRegion}`)}</Table.Td>
              <Table.Td>
                <EditButton name={region.name} onClick={() => setEditing(region)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      {editing && <EditRegion region={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

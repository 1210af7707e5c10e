import { Button, Fieldset, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, queryClient } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { fieldErrors } from '../../ui/fieldErrors';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';

type HolidayRegion = components['schemas']['RegionDto']['holidayRegion'];
const HOLIDAY_REGIONS: HolidayRegion[] = ['noord', 'midden', 'zuid'];

/** The coordination regions (regions are data, DOMAIN rule 9): the list, and a new one with its holiday region. */
export default function RegionsPage() {
  const { t } = useTranslation();
  const regions = $api.useQuery('get', '/api/regions');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [holidayRegion, setHolidayRegion] = useState<HolidayRegion>('midden');
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
            <Select
              label={t('regions.holidayRegion')}
              allowDeselect={false}
              data={HOLIDAY_REGIONS.map((value) => ({ value, label: t(`regions.holidayRegions.${value}`) }))}
              value={holidayRegion}
              onChange={(value) => value && setHolidayRegion(value)}
            />
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
          headers={[t('regions.name'), t('regions.code'), t('regions.holidayRegion')]}
        >
          {regions.data.map((region) => (
            <Table.Tr key={region.id}>
              <Table.Td>{region.name}</Table.Td>
              <Table.Td>{region.code}</Table.Td>
              <Table.Td>{t(`regions.holidayRegions.${region.holidayRegion}`)}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </Stack>
  );
}

import {
  Button,
  Fieldset,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Group,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, queryClient } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { fieldErrors } from '../../ui/fieldErrors';
import { EditButton, FormDialog } from '../../ui/FormDialog';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';
import { useRegions } from '../../ui/regions';

type Organisation = components['schemas']['OrganisationDto'];
type Kind = Organisation['kind'];
const KINDS: Kind[] = ['company', 'mbo_school', 'hbo_school', 'techniekcentrum'];
const PAGE_SIZE = 25;
const LOCATION = ['name', 'street', 'postalCode', 'city'] as const;

/** Register a company, school or Hybride Techniekcentrum with its first site. */
function NewOrganisation({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const [kind, setKind] = useState<Kind>('company');
  const [name, setName] = useState('');
  const [regionId, setRegionId] = useState<string | null>(null);
  const [kvkNumber, setKvkNumber] = useState('');
  const [site, setSite] = useState({ name: '', street: '', postalCode: '', city: '' });
  const [latitude, setLatitude] = useState<number | string>('');
  const [longitude, setLongitude] = useState<number | string>('');
  const create = $api.useMutation('post', '/api/organisations', {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['get', '/api/organisations'] });
      onClose();
    },
  });
  const shown = [
    'kind',
    'name',
    'regionId',
    'kvkNumber',
    'locations',
    ...[...LOCATION, 'latitude', 'longitude'].map((field) => `locations[0].${field}`),
  ];
  const errors = fieldErrors(create.error, (field) => shown.includes(field));
  const submit = () =>
    create.mutate({
      body: {
        kind,
        name: name.trim(),
        regionId: regionId ?? '',
        ...(kvkNumber.trim() ? { kvkNumber: kvkNumber.trim() } : {}),
        locations: [
          {
            ...site,
            latitude: latitude === '' ? (undefined as unknown as number) : Number(latitude),
            longitude: longitude === '' ? (undefined as unknown as number) : Number(longitude),
          },
        ],
      },
    });
  return (
    <FormDialog
      title={t('organisations.new')}
      size="lg"
      error={errors.rest}
      pending={create.isPending}
      submitLabel={t('organisations.create')}
      onSubmit={submit}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('organisations.kind')}
          allowDeselect={false}
          data={KINDS.map((value) => ({ value, label: t(`organisations.kinds.${value}`) }))}
          value={kind}
          onChange={(value) => value && setKind(value)}
        />
        <Select
          label={t('organisations.region')}
          required
          data={regions.choices}
          value={regionId}
          error={errors.of('regionId')}
          onChange={setRegionId}
        />
        <TextInput
          label={t('organisations.name')}
          required
          value={name}
          error={errors.of('name')}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <TextInput
          label={t('organisations.kvk')}
          value={kvkNumber}
          error={errors.of('kvkNumber')}
          onChange={(event) => setKvkNumber(event.currentTarget.value)}
        />
      </SimpleGrid>
      <Fieldset legend={t('organisations.site')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {LOCATION.map((field) => (
            <TextInput
              key={field}
              label={t(`organisations.location.${field}`)}
              required
              value={site[field]}
              error={errors.of(`locations[0].${field}`)}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setSite((current) => ({ ...current, [field]: value }));
              }}
            />
          ))}
          <NumberInput
            label={t('organisations.location.latitude')}
            required
            decimalScale={6}
            value={latitude}
            error={errors.of('locations[0].latitude')}
            onChange={setLatitude}
          />
          <NumberInput
            label={t('organisations.location.longitude')}
            required
            decimalScale={6}
            value={longitude}
            error={errors.of('locations[0].longitude')}
            onChange={setLongitude}
          />
        </SimpleGrid>
      </Fieldset>
    </FormDialog>
  );
}

/**
 * Change an organisation's name, region or KvK number (PATCH /api/organisations/{id}; an emptied KvK
 * number is cleared); its kind and sites stay as they are.
 */
function EditOrganisation({ organisation, onClose }: { organisation: Organisation; onClose: () => void }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const [name, setName] = useState(organisation.name);
  const [regionId, setRegionId] = useState<string | null>(organisation.regionId);
  const [kvkNumber, setKvkNumber] = useState(organisation.kvkNumber ?? '');
  const update = $api.useMutation('patch', '/api/organisations/{id}', {
    onSuccess: () => {
      onClose();
      return queryClient.invalidateQueries({ queryKey: ['get', '/api/organisations'] });
    },
  });
  const errors = fieldErrors(update.error, (field) => ['name', 'regionId', 'kvkNumber'].includes(field));
  const submit = () =>
    update.mutate({
      params: { path: { id: organisation.id } },
      body: {
        name: name.trim(),
        regionId: regionId ?? '',
        // An emptied field clears the number (null); the API refuses an empty text.
        ...(kvkNumber.trim() || organisation.kvkNumber ? { kvkNumber: kvkNumber.trim() || null } : {}),
      },
    });
  return (
    <FormDialog
      title={t('organisations.editTitle', { name: organisation.name })}
      error={errors.rest}
      pending={update.isPending}
      submitLabel={t('actions.save')}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextInput
        label={t('organisations.name')}
        required
        data-autofocus
        value={name}
        error={errors.of('name')}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <Select
        label={t('organisations.region')}
        required
        allowDeselect={false}
        data={regions.choices}
        value={regionId}
        error={errors.of('regionId')}
        onChange={setRegionId}
      />
      <TextInput
        label={t('organisations.kvk')}
        value={kvkNumber}
        error={errors.of('kvkNumber')}
        onChange={(event) => setKvkNumber(event.currentTarget.value)}
      />
    </FormDialog>
  );
}

/** Every organisation (companies, schools, Hybride Techniekcentra), paged and filtered by region and kind. */
export default function OrganisationsPage() {
  const { t } = useTranslation();
  const regions = useRegions();
  const [page, setPage] = useState(1);
  const [regionId, setRegionId] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const organisations = $api.useQuery('get', '/api/organisations', {
    params: {
      query: { page, pageSize: PAGE_SIZE, ...(regionId ? { regionId } : {}), ...(kind ? { kind } : {}) },
    },
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('organisations.title')}</Title>
        <Button onClick={() => setAdding(true)}>{t('organisations.new')}</Button>
      </Group>
      <Group>
        <Select
          label={t('organisations.region')}
          placeholder={t('approvals.allRegions')}
          clearable
          data={regions.choices}
          value={regionId}
          onChange={(value) => {
            setRegionId(value);
            setPage(1);
          }}
        />
        <Select
          label={t('organisations.kind')}
          placeholder={t('organisations.allKinds')}
          clearable
          data={KINDS.map((value) => ({ value, label: t(`organisations.kinds.${value}`) }))}
          value={kind}
          onChange={(value) => {
            setKind(value);
            setPage(1);
          }}
        />
      </Group>
      {organisations.isPending && <PageLoader />}
      {organisations.isError && <ErrorAlert error={organisations.error} />}
      {organisations.data?.total === 0 && <Text>{t('organisations.empty')}</Text>}
      {organisations.data && organisations.data.items.length > 0 && (
        <ListTable
          minWidth={760}
          striped
          headers={[
            t('organisations.name'),
            t('organisations.kind'),
            t('organisations.region'),
            t('organisations.site'),
            t('actions.column'),
          ]}
        >
          {organisations.data.items.map((organisation) => (
            <Table.Tr key={organisation.id}>
              <Table.Td>{organisation.name}</Table.Td>
              <Table.Td>{t(`organisations.kinds.${organisation.kind}`)}</Table.Td>
              <Table.Td>{regions.nameOf(organisation.regionId)}</Table.Td>
              <Table.Td>
                {organisation.locations.map((location) => (
                  <div key={location.id}>
                    {location.street}, {location.city}
                  </div>
                ))}
              </Table.Td>
              <Table.Td>
                <EditButton name={organisation.name} onClick={() => setEditing(organisation)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Pager total={organisations.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
      {adding && <NewOrganisation onClose={() => setAdding(false)} />}
      {editing && <EditOrganisation organisation={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

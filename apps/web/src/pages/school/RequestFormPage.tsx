import {
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { $api, queryClient } from '../../api/client';
import type { components } from '../../api/schema';
import { EndRequest } from '../../requests/EndRequest';
import { useMe } from '../../shell/useMe';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { fieldErrors } from '../../ui/fieldErrors';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';
import { BlockList, isBlockField } from '../../ui/BlockList';
import { WeekGrid } from '../../ui/WeekGrid';
import { hoursPerWeek, sortBlocks, type WeekBlock } from '../../ui/weekBlocks';

type Request = components['schemas']['TeachingRequestDto'];
type RequestInput = components['schemas']['CreateTeachingRequestDto'];

const LEVELS: RequestInput['level'][] = ['MBO1', 'MBO2', 'MBO3', 'MBO4', 'HBO'];
const ROLES: RequestInput['role'][] = ['guest_teacher', 'instructor', 'teacher'];

const EMPTY: RequestInput = {
  title: '',
  subjectCode: '',
  level: 'MBO3',
  role: 'guest_teacher',
  learningPath: 'BOL',
  blocks: [],
  periodStart: '',
  periodEnd: '',
  minCommitmentWeeks: 10,
  locationId: '',
  allowTeam: true,
  allowVogPending: false,
  description: '',
};

/** The fields with an input of their own: their errors show there, the rest in the alert. */
const FIELDS = [
  'title',
  'subjectCode',
  'locationId',
  'level',
  'learningPath',
  'role',
  'periodStart',
  'periodEnd',
  'minCommitmentWeeks',
  'description',
];

/** The fields of a request that a change sends back (the API refuses any other). */
const inputOf = (request: Request): RequestInput => ({
  title: request.title,
  subjectCode: request.subjectCode,
  level: request.level,
  role: request.role,
  learningPath: request.learningPath,
  blocks: request.blocks.map(({ weekday, start, end }) => ({ weekday, start, end })),
  periodStart: request.periodStart,
  periodEnd: request.periodEnd,
  minCommitmentWeeks: request.minCommitmentWeeks,
  locationId: request.locationId,
  allowTeam: request.allowTeam,
  allowVogPending: request.allowVogPending,
  description: request.description,
});

/** A school posts a new teaching request, or changes one of its open ones (`requests/:id`). */
export default function RequestFormPage() {
  const id = useParams().id;
  const request = $api.useQuery(
    'get',
    '/api/teaching-requests/{id}',
    { params: { path: { id: id ?? '' } } },
    { enabled: id !== undefined },
  );
  if (id === undefined) return <RequestForm />;
  if (request.isPending) return <PageLoader />;
  if (request.isError) return <ErrorAlert error={request.error} />;
  return <RequestForm existing={request.data} />;
}

function RequestForm({ existing }: { existing?: Request }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const me = useMe();
  const [form, setForm] = useState<RequestInput>(existing ? inputOf(existing) : EMPTY);
  const subjects = $api.useQuery('get', '/api/subjects');
  const school = $api.useQuery(
    'get',
    '/api/organisations/{id}',
    { params: { path: { id: me.organisationId ?? '' } } },
    { enabled: me.organisationId !== null },
  );
  const done = () => navigate('/school/requests');
  const saved = async () => {
    await queryClient.invalidateQueries({
      predicate: ({ queryKey }) =>
        typeof queryKey[1] === 'string' && queryKey[1].startsWith('/api/teaching-requests'),
    });
    await done();
  };
  const create = $api.useMutation('post', '/api/teaching-requests', { onSuccess: saved });
  const update = $api.useMutation('patch', '/api/teaching-requests/{id}', { onSuccess: saved });
  const saving = existing ? update : create;
  const errors = fieldErrors(
    saving.error,
    (field) => FIELDS.includes(field) || isBlockField(field, 'blocks'),
  );
  const set = <K extends keyof RequestInput>(key: K, value: RequestInput[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const setBlocks = (blocks: WeekBlock[]) => set('blocks', blocks);
  const isHbo = form.level === 'HBO';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { ...form, learningPath: isHbo ? null : form.learningPath };
    if (existing)
      update.mutate({ params: { path: { id: existing.id } }, body: { ...body, version: existing.version } });
    else create.mutate({ body });
  };

  // The ending's dialog sits outside the form: its own form's submit would bubble (through the portal) into this one.
  return (
    <Stack>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1}>{existing ? t('requestForm.editTitle') : t('requestForm.newTitle')}</Title>
          {saving.error && <ErrorAlert error={errors.rest} />}
          <TextInput
            label={t('requestForm.title')}
            required
            value={form.title}
            error={errors.of('title')}
            onChange={(event) => set('title', event.currentTarget.value)}
          />
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('requestForm.subject')}
                required
                searchable
                data={(subjects.data ?? []).map((subject) => ({ value: subject.code, label: subject.name }))}
                value={form.subjectCode || null}
                error={errors.of('subjectCode')}
                onChange={(value) => set('subjectCode', value ?? '')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('requestForm.location')}
                required
                data={(school.data?.locations ?? []).map((location) => ({
                  value: location.id,
                  label: `${location.name}, ${location.city}`,
                }))}
                value={form.locationId || null}
                error={errors.of('locationId')}
                onChange={(value) => set('locationId', value ?? '')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                label={t('requestForm.level')}
                required
                allowDeselect={false}
                data={LEVELS}
                value={form.level}
                error={errors.of('level')}
                onChange={(value) => value && set('level', value)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                label={t('requestForm.learningPath')}
                disabled={isHbo}
                allowDeselect={false}
                data={['BOL', 'BBL']}
                value={isHbo ? null : (form.learningPath ?? 'BOL')}
                error={errors.of('learningPath')}
                onChange={(value) => value && set('learningPath', value)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                label={t('requestForm.role')}
                required
                allowDeselect={false}
                data={ROLES.map((role) => ({ value: role, label: t(`requestForm.roles.${role}`) }))}
                value={form.role}
                error={errors.of('role')}
                onChange={(value) => value && set('role', value)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                type="date"
                label={t('requestForm.periodStart')}
                required
                value={form.periodStart}
                error={errors.of('periodStart')}
                onChange={(event) => set('periodStart', event.currentTarget.value)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                type="date"
                label={t('requestForm.periodEnd')}
                required
                value={form.periodEnd}
                error={errors.of('periodEnd')}
                onChange={(event) => set('periodEnd', event.currentTarget.value)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NumberInput
                label={t('requestForm.minCommitmentWeeks')}
                required
                min={1}
                max={104}
                value={form.minCommitmentWeeks}
                error={errors.of('minCommitmentWeeks')}
                onChange={(value) => set('minCommitmentWeeks', Number(value) || 0)}
              />
            </Grid.Col>
          </Grid>
          <Paper withBorder p="md" component="fieldset">
            <Title order={2} size="h4" component="legend">
              {t('requestForm.blocks')}
            </Title>
            <Text size="sm" mb="sm">
              {t('requestForm.blocksIntro')}
            </Text>
            <Grid>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <WeekGrid
                  blocks={form.blocks}
                  onChange={(blocks) => setBlocks(sortBlocks(blocks))}
                  label={t('requestForm.gridLabel')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <BlockList
                  blocks={form.blocks}
                  onChange={setBlocks}
                  field="blocks"
                  errorOf={errors.of}
                  nameOf={(number) => t('requestForm.blockName', { number })}
                  emptyText={t('requestForm.noBlocks')}
                />
                <Text size="sm" mt="sm">
                  {t('requestForm.hoursPerWeek', { hours: format.number(hoursPerWeek(form.blocks)) })}
                </Text>
              </Grid.Col>
            </Grid>
          </Paper>
          <Checkbox
            label={t('requestForm.allowTeam')}
            checked={form.allowTeam ?? true}
            onChange={(event) => set('allowTeam', event.currentTarget.checked)}
          />
          <Checkbox
            label={t('requestForm.allowVogPending')}
            checked={form.allowVogPending ?? false}
            onChange={(event) => set('allowVogPending', event.currentTarget.checked)}
          />
          <Textarea
            label={t('requestForm.description')}
            minRows={3}
            autosize
            value={form.description ?? ''}
            error={errors.of('description')}
            onChange={(event) => set('description', event.currentTarget.value)}
          />
          <Group>
            <Button type="submit" loading={saving.isPending}>
              {existing ? t('requestForm.save') : t('requestForm.post')}
            </Button>
            <Button variant="default" onClick={() => void done()}>
              {t('actions.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
      {existing && <EndRequest request={existing} onEnded={saved} />}
    </Stack>
  );
}

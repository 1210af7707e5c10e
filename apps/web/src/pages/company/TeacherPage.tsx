import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { $api, queryClient } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../shell/useMe';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { fieldErrors } from '../../ui/fieldErrors';
import { PageLoader } from '../../ui/PageLoader';

type Teacher = components['schemas']['TeacherDto'];
type CreateTeacher = components['schemas']['CreateTeacherDto'];
type Level = Teacher['levels'][number];
type Qualification = Teacher['qualification'];

const LEVELS: Level[] = ['MBO1', 'MBO2', 'MBO3', 'MBO4', 'HBO'];
const QUALIFICATIONS: Qualification[] = ['none', 'pdg_in_progress', 'pdg', 'full'];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The form's fields: text as typed, numbers as Mantine's NumberInput hands them (a number, or '' when empty). */
interface Form {
  employeeRef: string;
  firstName: string;
  lastName: string;
  email: string;
  skills: Array<{ subjectCode: string; level: Level }>;
  levels: Level[];
  windows: Array<{ weekday: number; start: string; end: string }>;
  releasedDaysPerWeek: number | string;
  releasedHoursPerWeek: number | string;
  availableFrom: string;
  availableUntil: string;
  homeCity: string;
  homeLatitude: number | string;
  homeLongitude: number | string;
  maxTravelKm: number | string;
  contractHoursPerWeek: number | string;
  vogIssuedOn: string;
  qualification: Qualification;
  qualificationSince: string;
  hasPdc: boolean;
  hasHboDidactic: boolean;
  active: boolean;
}

const EMPTY: Form = {
  employeeRef: '',
  firstName: '',
  lastName: '',
  email: '',
  skills: [{ subjectCode: '', level: 'MBO3' }],
  levels: [],
  windows: [],
  releasedDaysPerWeek: 1,
  releasedHoursPerWeek: 6,
  availableFrom: '',
  availableUntil: '',
  homeCity: '',
  homeLatitude: '',
  homeLongitude: '',
  maxTravelKm: 30,
  contractHoursPerWeek: 36,
  vogIssuedOn: '',
  qualification: 'none',
  qualificationSince: '',
  hasPdc: false,
  hasHboDidactic: false,
  active: true,
};

const fromTeacher = (teacher: Teacher): Form => ({
  ...teacher,
  email: teacher.email ?? '',
  availableUntil: teacher.availableUntil ?? '',
  vogIssuedOn: teacher.vog.issuedOn ?? '',
  qualificationSince: teacher.qualificationSince ?? '',
});

const number = (value: number | string) => (value === '' ? undefined : Number(value));
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The body the API checks; an empty number is left out, so the API names it as missing against its field. */
const toBody = (form: Form): CreateTeacher =>
  ({
    employeeRef: form.employeeRef.trim(),
    firstName: form.firstName.trim(),
    lastName: form.lastName.trim(),
    email: orNull(form.email),
    skills: form.skills,
    levels: form.levels,
    windows: form.windows,
    releasedDaysPerWeek: number(form.releasedDaysPerWeek),
    releasedHoursPerWeek: number(form.releasedHoursPerWeek),
    availableFrom: form.availableFrom,
    availableUntil: orNull(form.availableUntil),
    homeCity: form.homeCity.trim(),
    homeLatitude: number(form.homeLatitude),
    homeLongitude: number(form.homeLongitude),
    maxTravelKm: number(form.maxTravelKm),
    contractHoursPerWeek: number(form.contractHoursPerWeek),
    vogIssuedOn: orNull(form.vogIssuedOn),
    qualification: form.qualification,
    qualificationSince: orNull(form.qualificationSince),
    hasPdc: form.hasPdc,
    hasHboDidactic: form.hasHboDidactic,
  }) as CreateTeacher;

/** Fields with an input of their own on this form; the API's reasons for them show against the input. */
const SHOWN = new Set<string>([...Object.keys(EMPTY), 'skills', 'windows']);
const isShown = (field: string) => SHOWN.has(field) || /^(skills|windows)\[\d+\]\.\w+$/.test(field);

/**
 * Add a staff member (`/teachers/new`) or read and change one (`/teachers/:id`, where the compliance
 * e-mails lead). The API checks every field; its reasons show against the fields. Coordinators read only.
 */
export default function TeacherPage() {
  const id = useParams().id;
  const teacher = $api.useQuery(
    'get',
    '/api/teachers/{id}',
    { params: { path: { id: id ?? '' } } },
    { enabled: !!id },
  );
  if (!id) return <TeacherForm />;
  if (teacher.isPending) return <PageLoader />;
  if (teacher.isError) return <ErrorAlert error={teacher.error} />;
  return <TeacherForm key={teacher.data.version} teacher={teacher.data} />;
}

function TeacherForm({ teacher }: { teacher?: Teacher }) {
  const { t } = useTranslation();
  const { role } = useMe();
  const navigate = useNavigate();
  const readOnly = role === 'regional_coordinator';
  const [form, setForm] = useState<Form>(teacher ? fromTeacher(teacher) : EMPTY);
  const [saved, setSaved] = useState(false);
  // The version the next save answers to: each save's answer carries the new one, so a second save
  // on this page is not refused as a change made elsewhere.
  const [version, setVersion] = useState(teacher?.version);
  const subjects = $api.useQuery('get', '/api/subjects');
  // The staff list shows what is saved here: it is stale after a save.
  const staffChanged = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/teachers'] });
  const create = $api.useMutation('post', '/api/teachers', {
    onSuccess: async (created) => {
      await staffChanged();
      await navigate(`/teachers/${created.id}`);
    },
  });
  const update = $api.useMutation('patch', '/api/teachers/{id}', {
    onSuccess: async (updated) => {
      setVersion(updated.version);
      await staffChanged();
      setSaved(true);
    },
  });
  const save = teacher ? update : create;
  const errors = fieldErrors(save.error, isShown);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setSaved(false);
    setForm((current) => ({ ...current, [key]: value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (teacher)
      update.mutate({
        params: { path: { id: teacher.id } },
        body: { ...toBody(form), active: form.active, version: version ?? teacher.version },
      });
    else create.mutate({ body: toBody(form) });
  };
  const text = (key: 'employeeRef' | 'firstName' | 'lastName' | 'email' | 'homeCity', type = 'text') => (
    <TextInput
      label={t(`teacher.fields.${key}`)}
      type={type}
      required={key !== 'email'}
      value={form[key]}
      error={errors.of(key)}
      onChange={(event) => set(key, event.currentTarget.value)}
    />
  );
  const date = (key: 'availableFrom' | 'availableUntil' | 'vogIssuedOn' | 'qualificationSince') => (
    <TextInput
      label={t(`teacher.fields.${key}`)}
      type="date"
      required={key === 'availableFrom'}
      value={form[key]}
      error={errors.of(key)}
      onChange={(event) => set(key, event.currentTarget.value)}
    />
  );
  const numeric = (
    key:
      | 'releasedDaysPerWeek'
      | 'releasedHoursPerWeek'
      | 'homeLatitude'
      | 'homeLongitude'
      | 'maxTravelKm'
      | 'contractHoursPerWeek',
    decimals = 1,
  ) => (
    <NumberInput
      label={t(`teacher.fields.${key}`)}
      required
      decimalScale={decimals}
      value={form[key]}
      error={errors.of(key)}
      onChange={(value) => set(key, value)}
    />
  );
  const subjectChoices = (subjects.data ?? []).map((subject) => ({
    value: subject.code,
    label: `${subject.name} (${subject.code})`,
  }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={900}>
        <Title order={1}>
          {teacher ? `${teacher.firstName} ${teacher.lastName}` : t('teacher.newTitle')}
        </Title>
        {save.error && <ErrorAlert error={errors.rest} />}
        {saved && (
          <Alert color="green" role="status">
            {t('teacher.saved')}
          </Alert>
        )}
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack>
            <Fieldset legend={t('teacher.person')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {text('employeeRef')}
                {text('email', 'email')}
                {text('firstName')}
                {text('lastName')}
              </SimpleGrid>
            </Fieldset>
            <Fieldset legend={t('teacher.teaches')}>
              <Stack>
                {form.skills.map((skill, index) => (
                  <Group key={index} align="flex-end" wrap="nowrap">
                    <Select
                      flex={1}
                      label={t('teacher.fields.subject', { number: index + 1 })}
                      searchable
                      data={subjectChoices}
                      value={skill.subjectCode || null}
                      error={errors.of(`skills[${index}].subjectCode`)}
                      onChange={(value) =>
                        set(
                          'skills',
                          form.skills.map((other, at) =>
                            at === index ? { ...other, subjectCode: value ?? '' } : other,
                          ),
                        )
                      }
                    />
                    <Select
                      w={120}
                      label={t('teacher.fields.level', { number: index + 1 })}
                      data={LEVELS}
                      allowDeselect={false}
                      value={skill.level}
                      error={errors.of(`skills[${index}].level`)}
                      onChange={(value) =>
                        set(
                          'skills',
                          form.skills.map((other, at) =>
                            at === index ? { ...other, level: value ?? 'MBO3' } : other,
                          ),
                        )
                      }
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t('teacher.removeSkill', { number: index + 1 })}
                      onClick={() =>
                        set(
                          'skills',
                          form.skills.filter((_, at) => at !== index),
                        )
                      }
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                {errors.of('skills') && (
                  <Text c="red" size="sm">
                    {errors.of('skills')}
                  </Text>
                )}
                <Group>
                  <Button
                    variant="default"
                    onClick={() => set('skills', [...form.skills, { subjectCode: '', level: 'MBO3' }])}
                  >
                    {t('teacher.addSkill')}
                  </Button>
                </Group>
                <MultiSelect
                  label={t('teacher.fields.levels')}
                  data={LEVELS}
                  required
                  value={form.levels}
                  error={errors.of('levels')}
                  onChange={(value) => set('levels', value)}
                />
              </Stack>
            </Fieldset>
            <Fieldset legend={t('teacher.time')}>
              <Stack>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  {numeric('releasedDaysPerWeek', 0)}
                  {numeric('releasedHoursPerWeek')}
                  {numeric('contractHoursPerWeek')}
                  {date('availableFrom')}
                  {date('availableUntil')}
                </SimpleGrid>
                {form.windows.map((window, index) => (
                  <Group key={index} align="flex-end" wrap="nowrap">
                    <Select
                      w={160}
                      label={t('teacher.fields.weekday', { number: index + 1 })}
                      allowDeselect={false}
                      data={WEEKDAYS.map((day) => ({ value: String(day), label: t(`weekday.${day}`) }))}
                      value={String(window.weekday)}
                      error={errors.of(`windows[${index}].weekday`)}
                      onChange={(value) =>
                        set(
                          'windows',
                          form.windows.map((other, at) =>
                            at === index ? { ...other, weekday: Number(value) } : other,
                          ),
                        )
                      }
                    />
                    {(['start', 'end'] as const).map((edge) => (
                      <TextInput
                        key={edge}
                        type="time"
                        label={t(`teacher.fields.${edge}`, { number: index + 1 })}
                        value={window[edge]}
                        error={errors.of(`windows[${index}].${edge}`)}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          set(
                            'windows',
                            form.windows.map((other, at) =>
                              at === index ? { ...other, [edge]: value } : other,
                            ),
                          );
                        }}
                      />
                    ))}
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t('teacher.removeWindow', { number: index + 1 })}
                      onClick={() =>
                        set(
                          'windows',
                          form.windows.filter((_, at) => at !== index),
                        )
                      }
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                {errors.of('windows') && (
                  <Text c="red" size="sm">
                    {errors.of('windows')}
                  </Text>
                )}
                <Group>
                  <Button
                    variant="default"
                    onClick={() =>
                      set('windows', [...form.windows, { weekday: 1, start: '08:30', end: '12:30' }])
                    }
                  >
                    {t('teacher.addWindow')}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
            <Fieldset legend={t('teacher.travel')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {text('homeCity')}
                {numeric('maxTravelKm', 0)}
                {numeric('homeLatitude', 6)}
                {numeric('homeLongitude', 6)}
              </SimpleGrid>
            </Fieldset>
            <Fieldset legend={t('teacher.compliance')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {date('vogIssuedOn')}
                <Select
                  label={t('teacher.fields.qualification')}
                  allowDeselect={false}
                  data={QUALIFICATIONS.map((value) => ({ value, label: t(`qualification.${value}`) }))}
                  value={form.qualification}
                  error={errors.of('qualification')}
                  onChange={(value) => set('qualification', value ?? 'none')}
                />
                {form.qualification === 'pdg_in_progress' && date('qualificationSince')}
                <Checkbox
                  label={t('teacher.fields.hasPdc')}
                  checked={form.hasPdc}
                  onChange={(event) => set('hasPdc', event.currentTarget.checked)}
                />
                <Checkbox
                  label={t('teacher.fields.hasHboDidactic')}
                  checked={form.hasHboDidactic}
                  onChange={(event) => set('hasHboDidactic', event.currentTarget.checked)}
                />
                {teacher && (
                  <Checkbox
                    label={t('teacher.fields.active')}
                    checked={form.active}
                    onChange={(event) => set('active', event.currentTarget.checked)}
                  />
                )}
              </SimpleGrid>
            </Fieldset>
          </Stack>
        </fieldset>
        {!readOnly && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {teacher ? t('teacher.save') : t('teacher.create')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

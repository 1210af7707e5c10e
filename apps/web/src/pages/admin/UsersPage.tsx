import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, queryClient } from '../../api/client';
import type { components } from '../../api/schema';
import type { Role } from '../../roles';
import { useMe } from '../../shell/useMe';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { fieldErrors } from '../../ui/fieldErrors';
import { useFormat } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';
import { useRegions } from '../../ui/regions';

type User = components['schemas']['UserDto'];
const PAGE_SIZE = 25;

/** The roles each inviter may hand out (the API decides: INVITABLE_BY in libs/core; this only offers them). */
const INVITABLE: Partial<Record<Role, Role[]>> = {
  platform_admin: [
    'platform_admin',
    'regional_coordinator',
    'company_admin',
    'school_admin',
    'hybrid_teacher',
  ],
  company_admin: ['company_admin', 'hybrid_teacher'],
  school_admin: ['school_admin'],
};

const refreshUsers = () => queryClient.invalidateQueries({ queryKey: ['get', '/api/users'] });

/** Invite a person: they get an e-mail with a single-use link to choose a password (valid 7 days). */
function InviteDialog({ onClose }: { onClose: (sentTo?: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const regions = useRegions();
  const roles = INVITABLE[me.role] ?? [];
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(roles.at(-1) ?? 'hybrid_teacher');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [regionIds, setRegionIds] = useState<string[]>([]);
  const [teacherProfileId, setTeacherProfileId] = useState<string | null>(null);
  const isAdmin = me.role === 'platform_admin';
  const needsOrganisation = isAdmin && role !== 'platform_admin' && role !== 'regional_coordinator';
  const organisations = $api.useQuery(
    'get',
    '/api/organisations',
    { params: { query: { pageSize: 200 } } },
    { enabled: needsOrganisation },
  );
  const staff = $api.useQuery(
    'get',
    '/api/teachers',
    { params: { query: { pageSize: 200 } } },
    { enabled: me.role === 'company_admin' && role === 'hybrid_teacher' },
  );
  const invite = $api.useMutation('post', '/api/users/invites', {
    onSuccess: (sent) => {
      void refreshUsers();
      onClose(sent.email);
    },
  });
  const shown = ['name', 'email', 'role', 'organisationId', 'regionIds', 'teacherProfileId'];
  const errors = fieldErrors(invite.error, (field) => shown.includes(field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({
      body: {
        name: name.trim(),
        email: email.trim(),
        role,
        ...(needsOrganisation && organisationId ? { organisationId } : {}),
        ...(role === 'regional_coordinator' && { regionIds }),
        ...(role === 'hybrid_teacher' && teacherProfileId ? { teacherProfileId } : {}),
      },
    });
  };
  return (
    <Modal
      opened
      onClose={() => onClose()}
      title={t('users.inviteTitle')}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('users.inviteIntro')}</Text>
          <TextInput
            label={t('users.name')}
            required
            value={name}
            error={errors.of('name')}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <TextInput
            label={t('users.email')}
            type="email"
            required
            value={email}
            error={errors.of('email')}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <Select
            label={t('users.role')}
            allowDeselect={false}
            data={roles.map((value) => ({ value, label: t(`role.${value}`) }))}
            value={role}
            error={errors.of('role')}
            onChange={(value) => value && setRole(value)}
          />
          {needsOrganisation && (
            <Select
              label={t('users.organisation')}
              searchable
              required
              data={(organisations.data?.items ?? [])
                .filter((organisation) => (organisation.kind === 'company') === (role !== 'school_admin'))
                .map((organisation) => ({ value: organisation.id, label: organisation.name }))}
              value={organisationId}
              error={errors.of('organisationId')}
              onChange={setOrganisationId}
            />
          )}
          {role === 'regional_coordinator' && (
            <MultiSelect
              label={t('users.regions')}
              required
              data={regions.choices}
              value={regionIds}
              error={errors.of('regionIds')}
              onChange={setRegionIds}
            />
          )}
          {me.role === 'company_admin' && role === 'hybrid_teacher' && (
            <Select
              label={t('users.teacherProfile')}
              description={t('users.teacherProfileHint')}
              searchable
              clearable
              data={(staff.data?.items ?? [])
                .filter((teacher) => !teacher.userId)
                .map((teacher) => ({ value: teacher.id, label: `${teacher.firstName} ${teacher.lastName}` }))}
              value={teacherProfileId}
              error={errors.of('teacherProfileId')}
              onChange={setTeacherProfileId}
            />
          )}
          {invite.error && <ErrorAlert error={errors.rest} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('users.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The invite's and account's state in words. */
function AccountState({ user }: { user: User }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!user.active)
    return (
      <Badge color="gray.9" variant="filled">
        {t('users.deactivated')}
      </Badge>
    );
  if (user.invitePending)
    return (
      <Stack gap={2}>
        <Badge color="red.9" variant="filled">
          {t('users.invited')}
        </Badge>
        {user.inviteExpiresAt && (
          <Text size="sm" c="dimmed">
            {t('users.linkUntil', { date: format.dateTime(user.inviteExpiresAt) })}
          </Text>
        )}
      </Stack>
    );
  return (
    <Stack gap={2}>
      <Badge color="teal.9" variant="filled">
        {t('users.active')}
      </Badge>
      {user.lastLoginAt && (
        <Text size="sm" c="dimmed">
          {t('users.lastLogin', { date: format.dateTime(user.lastLoginAt) })}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The accounts the signed-in admin manages (platform admin: everyone; a company's or school's admin:
 * their organisation's), with invites: send one, send a pending one again, or send a new link.
 */
export default function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [role, setRole] = useState<Role | null>(null);
  const [inviting, setInviting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const users = $api.useQuery('get', '/api/users', {
    params: { query: { page, pageSize: PAGE_SIZE, ...(role ? { role } : {}) } },
  });
  const resend = $api.useMutation('post', '/api/users/{id}/invite/resend');
  const reissue = $api.useMutation('post', '/api/users/{id}/invite/reissue', { onSuccess: refreshUsers });
  const action = (user: User, kind: 'resend' | 'reissue') => {
    setNotice(null);
    resend.reset();
    reissue.reset();
    const variables = { params: { path: { id: user.id } } };
    const onSuccess = () => setNotice(t(`users.${kind}Done`, { name: user.name }));
    if (kind === 'resend') resend.mutate(variables, { onSuccess });
    else reissue.mutate(variables, { onSuccess });
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('users.title')}</Title>
        <Button onClick={() => setInviting(true)}>{t('users.invite')}</Button>
      </Group>
      {me.role === 'platform_admin' && (
        <Select
          w={280}
          label={t('users.filterRole')}
          placeholder={t('users.allRoles')}
          clearable
          data={(INVITABLE.platform_admin ?? []).map((value) => ({ value, label: t(`role.${value}`) }))}
          value={role}
          onChange={(value) => {
            setRole(value);
            setPage(1);
          }}
        />
      )}
      {notice && (
        <Text role="status" c="teal.9">
          {notice}
        </Text>
      )}
      {(resend.error ?? reissue.error) && <ErrorAlert error={resend.error ?? reissue.error} />}
      {users.isPending && <PageLoader />}
      {users.isError && <ErrorAlert error={users.error} />}
      {users.data?.total === 0 && <Text>{t('users.empty')}</Text>}
      {users.data && users.data.items.length > 0 && (
        <ListTable
          minWidth={860}
          striped
          headers={[t('users.name'), t('users.email'), t('users.role'), t('users.state'), t('users.actions')]}
        >
          {users.data.items.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>{user.name}</Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>{t(`role.${user.role}`)}</Table.Td>
              <Table.Td>
                <AccountState user={user} />
              </Table.Td>
              <Table.Td>
                {user.invitePending && user.active && (
                  <Group gap="xs">
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={t('users.resendFor', { name: user.name })}
                      loading={resend.isPending && resend.variables?.params.path.id === user.id}
                      onClick={() => action(user, 'resend')}
                    >
                      {t('users.resend')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={t('users.reissueFor', { name: user.name })}
                      loading={reissue.isPending && reissue.variables?.params.path.id === user.id}
                      onClick={() => action(user, 'reissue')}
                    >
                      {t('users.reissue')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Pager total={users.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
      {inviting && (
        <InviteDialog
          onClose={(sentTo) => {
            setInviting(false);
            if (sentTo) setNotice(t('users.sent', { email: sentTo }));
          }}
        />
      )}
    </Stack>
  );
}

import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { $api } from '../../api/client';
import { OVERSIGHT } from '../../roles';
import { AnswerButtons } from '../../proposals/AnswerButtons';
import { ProposalReview } from '../../proposals/ProposalReview';
import { VogCheck } from '../../proposals/VogCheck';
import { useMe } from '../../shell/useMe';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';

/**
 * One proposal as the signed-in party may see it (the page every proposal e-mail links to): a
 * school sees the teacher's card (qualification, VOG status, travel) and records its VOG check; each
 * party answers here while its answer is pending; a coordinator reviews it with its audit trail.
 */
export default function ProposalPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { role } = useMe();
  const id = useParams().id!;
  const params = { params: { path: { id } } };
  const proposal = $api.useQuery('get', '/api/proposals/{id}', params);
  const parties = $api.useQuery('get', '/api/proposals/{id}/parties', params);
  if (proposal.isError || parties.isError) return <ErrorAlert error={proposal.error ?? parties.error} />;
  if (proposal.isPending || parties.isPending) return <PageLoader />;
  const { teacher, school, request, lessons = [] } = parties.data;
  const address = school.address;
  return (
    <Stack>
      <Group>
        <Title order={1}>{request?.title ?? t('proposal.title')}</Title>
        <Badge size="lg">{t(`proposal.statuses.${proposal.data.status}`)}</Badge>
      </Group>
      <Paper withBorder p="md">
        <Table variant="vertical" layout="fixed">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={180}>{t('proposal.teacher')}</Table.Th>
              <Table.Td>
                {teacher.name}
                {teacher.companyName && ` (${teacher.companyName})`}
              </Table.Td>
            </Table.Tr>
            {teacher.qualification && (
              <Table.Tr>
                <Table.Th>{t('proposal.qualification')}</Table.Th>
                <Table.Td>{t(`qualification.${teacher.qualification}` as 'qualification.none')}</Table.Td>
              </Table.Tr>
            )}
            {teacher.relevantSkills && teacher.relevantSkills.length > 0 && (
              <Table.Tr>
                <Table.Th>{t('proposal.skills')}</Table.Th>
                <Table.Td>
                  {teacher.relevantSkills.map((skill) => `${skill.subjectCode} (${skill.level})`).join(', ')}
                </Table.Td>
              </Table.Tr>
            )}
            {teacher.vog && (
              <Table.Tr>
                <Table.Th>{t('proposal.vog')}</Table.Th>
                <Table.Td>
                  {teacher.vog.verified
                    ? t('proposal.vogVerified', {
                        date: teacher.vog.issuedOn ? format.date(teacher.vog.issuedOn) : '–',
                      })
                    : t('proposal.vogPending')}
                  {teacher.vog.schoolCheck && (
                    <Text size="sm">
                      {t('proposal.vogSchoolCheck', {
                        status: t(
                          `vog.statuses.${teacher.vog.schoolCheck.status}` as 'vog.statuses.verified',
                        ),
                        date: format.date(teacher.vog.schoolCheck.verifiedAt),
                      })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            )}
            {teacher.travelKm !== undefined && (
              <Table.Tr>
                <Table.Th>{t('proposal.travel')}</Table.Th>
                <Table.Td>{t('proposal.travelKm', { km: format.number(teacher.travelKm) })}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th>{t('proposal.school')}</Table.Th>
              <Table.Td>
                {school.name}
                {address && (
                  <Text size="sm">
                    {address.street}, {address.postalCode} {address.city}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
            {request && (
              <Table.Tr>
                <Table.Th>{t('proposal.period')}</Table.Th>
                <Table.Td>
                  {format.date(request.periodStart)} – {format.date(request.periodEnd)}
                </Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th>{t('proposal.lessons')}</Table.Th>
              <Table.Td>
                {lessons.map((lesson) => (
                  <div key={`${lesson.weekday}-${lesson.start}`}>
                    {t(`weekday.${lesson.weekday}` as 'weekday.1')} {lesson.start}–{lesson.end}
                  </div>
                ))}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('proposal.answers')}</Table.Th>
              <Table.Td>
                {(['company', 'teacher', 'school'] as const).map((party) => (
                  <div key={party}>
                    {t(`proposal.parties.${party}`)}:{' '}
                    {t(`proposal.answerValues.${proposal.data.answers[party]}`)}
                  </div>
                ))}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('proposal.expiresAt')}</Table.Th>
              <Table.Td>{format.date(proposal.data.expiresAt)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
      <AnswerButtons proposal={proposal.data} role={role} />
      {role === 'school_admin' &&
        ['proposed', 'awaiting_approval', 'approved'].includes(proposal.data.status) && (
          <VogCheck proposalId={id} />
        )}
      {OVERSIGHT.includes(role) && <ProposalReview proposal={proposal.data} />}
    </Stack>
  );
}

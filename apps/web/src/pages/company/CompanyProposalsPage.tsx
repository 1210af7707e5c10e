import { Badge, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnswerButtons } from '../../proposals/AnswerButtons';
import { ProposalList, TeacherLink } from '../../proposals/ProposalList';
import { useMe } from '../../shell/useMe';

/**
 * The company's proposals: the open ones to accept or decline for the company (the teacher and the
 * school answer for themselves), or every proposal with its state. Each opens the proposal's page.
 */
export default function CompanyProposalsPage() {
  const { t } = useTranslation();
  const { role } = useMe();
  return (
    <Stack>
      <Title order={1}>{t('companyProposals.title')}</Title>
      <Text>{t('companyProposals.intro')}</Text>
      <ProposalList
        filters={[
          { value: 'open', label: t('companyProposals.open') },
          { value: 'all', label: t('companyProposals.all') },
        ]}
        filterLabel={t('companyProposals.show')}
        statusOf={(which) => (which === 'open' ? 'proposed' : undefined)}
        emptyText={t('companyProposals.empty')}
        minWidth={900}
        columns={[
          { header: t('proposal.teacher'), cell: (proposal) => <TeacherLink proposal={proposal} /> },
          { header: t('proposal.school'), cell: (proposal) => proposal.names?.schoolName },
          { header: t('proposal.requestTitle'), cell: (proposal) => proposal.names?.requestTitle },
          {
            header: t('proposal.answers'),
            cell: (proposal) => (
              <>
                <Badge variant="light">{t(`proposal.statuses.${proposal.status}`)}</Badge>
                {(['company', 'teacher', 'school'] as const).map((party) => (
                  <Text key={party} size="sm">
                    {t(`proposal.parties.${party}`)}: {t(`proposal.answerValues.${proposal.answers[party]}`)}
                  </Text>
                ))}
              </>
            ),
          },
          {
            header: t('companyProposals.answer'),
            cell: (proposal) => (
              <AnswerButtons proposal={proposal} role={role} label={proposal.names?.teacherName} />
            ),
          },
        ]}
      />
    </Stack>
  );
}

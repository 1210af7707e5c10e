import { Badge, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProposalList, TeacherLink } from '../../proposals/ProposalList';
import { useFormat } from '../../ui/format';

const FILTERS = ['proposed', 'awaiting_approval', 'all'] as const;

/**
 * The school's proposals, newest first: the teacher and company by name, the answers so far. Each
 * opens the proposal page with the teacher's card, where the school accepts or declines and
 * records its VOG check.
 */
export default function SchoolProposalsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack>
      <Title order={1}>{t('schoolProposals.title')}</Title>
      <ProposalList
        filters={FILTERS.map((value) => ({ value, label: t(`schoolProposals.filters.${value}`) }))}
        filterLabel={t('schoolProposals.filter')}
        statusOf={(filter) => (filter === 'all' ? undefined : filter)}
        emptyText={t('schoolProposals.empty')}
        minWidth={720}
        columns={[
          {
            header: t('proposal.teacher'),
            cell: (proposal) => (
              <>
                <TeacherLink proposal={proposal} />
                <Text size="sm" c="dimmed">
                  {proposal.names?.companyName}
                </Text>
              </>
            ),
          },
          { header: t('proposal.requestTitle'), cell: (proposal) => proposal.names?.requestTitle },
          {
            header: t('proposal.status'),
            cell: (proposal) => <Badge variant="light">{t(`proposal.statuses.${proposal.status}`)}</Badge>,
          },
          {
            header: t('schoolProposals.yourAnswer'),
            cell: (proposal) => t(`proposal.answerValues.${proposal.answers.school}`),
          },
          { header: t('proposal.expiresAt'), cell: (proposal) => format.date(proposal.expiresAt) },
        ]}
      />
    </Stack>
  );
}

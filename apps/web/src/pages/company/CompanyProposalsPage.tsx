import { Anchor, Badge, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import { AnswerButtons } from '../../proposals/AnswerButtons';
import { useMe } from '../../shell/useMe';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';

const PAGE_SIZE = 25;

/**
 * The company's proposals: the open ones to accept or decline for the company (the teacher and the
 * school answer for themselves), or every proposal with its state. Each opens the proposal's page.
 */
export default function CompanyProposalsPage() {
  const { t } = useTranslation();
  const { role } = useMe();
  const [page, setPage] = useState(1);
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const proposals = $api.useQuery('get', '/api/proposals', {
    params: {
      query: { page, pageSize: PAGE_SIZE, ...(which === 'open' && { status: 'proposed' as const }) },
    },
  });
  return (
    <Stack>
      <Title order={1}>{t('companyProposals.title')}</Title>
      <Text>{t('companyProposals.intro')}</Text>
      <SegmentedControl
        w="fit-content"
        aria-label={t('companyProposals.show')}
        data={[
          { value: 'open', label: t('companyProposals.open') },
          { value: 'all', label: t('companyProposals.all') },
        ]}
        value={which}
        onChange={(value) => {
          setWhich(value);
          setPage(1);
        }}
      />
      {proposals.isPending && <PageLoader />}
      {proposals.isError && <ErrorAlert error={proposals.error} />}
      {proposals.data?.total === 0 && <Text>{t('companyProposals.empty')}</Text>}
      {proposals.data && proposals.data.items.length > 0 && (
        <ListTable
          minWidth={900}
          headers={[
            t('proposal.teacher'),
            t('proposal.school'),
            t('proposal.requestTitle'),
            t('proposal.answers'),
            t('companyProposals.answer'),
          ]}
        >
          {proposals.data.items.map((proposal) => (
            <Table.Tr key={proposal.id}>
              <Table.Td>
                <Anchor component={Link} to={`/proposals/${proposal.id}`}>
                  {proposal.names?.teacherName}
                </Anchor>
              </Table.Td>
              <Table.Td>{proposal.names?.schoolName}</Table.Td>
              <Table.Td>{proposal.names?.requestTitle}</Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`proposal.statuses.${proposal.status}`)}</Badge>
                {(['company', 'teacher', 'school'] as const).map((party) => (
                  <Text key={party} size="sm">
                    {t(`proposal.parties.${party}`)}: {t(`proposal.answerValues.${proposal.answers[party]}`)}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>
                <AnswerButtons proposal={proposal} role={role} label={proposal.names?.teacherName} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Pager total={proposals.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

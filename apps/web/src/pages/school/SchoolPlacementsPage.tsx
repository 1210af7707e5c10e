import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import type { components } from '../../api/schema';
import { FeedbackEntries } from '../../lessons/FeedbackEntries';
import { PlacementSlots } from '../../placements/PlacementSlots';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';

type Placement = components['schemas']['PlacementDto'];

const PAGE_SIZE = 25;

/** One line of a placement's facts: a label above its value. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

/** The feedback on a placement's lessons: what the school gave and what the teacher gave, lesson by lesson. */
function PlacementFeedback({ placementId }: { placementId: string }) {
  const { t } = useTranslation();
  const feedback = $api.useQuery('get', '/api/placements/{id}/feedback', {
    params: { path: { id: placementId } },
  });
  if (feedback.isPending) return <PageLoader />;
  if (feedback.isError) return <ErrorAlert error={feedback.error} />;
  if (feedback.data.length === 0) return <Text size="sm">{t('feedback.none')}</Text>;
  return <FeedbackEntries feedback={feedback.data} reader="school" withLesson />;
}

function PlacementCard({ placement }: { placement: Placement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [showFeedback, setShowFeedback] = useState(false);
  const names = placement.names;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`placement-${placement.id}`}>
      <Group justify="space-between" align="flex-start">
        <Title order={2} size="h4" id={`placement-${placement.id}`}>
          <Anchor component={Link} to={`/proposals/${placement.proposalId}`}>
            {names?.requestTitle}
          </Anchor>
        </Title>
        <Badge variant="light" color={placement.status === 'active' ? 'blue' : 'gray'}>
          {t(`placements.statuses.${placement.status}`)}
        </Badge>
      </Group>
      <Text>
        {names?.teacherName} · {names?.companyName}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} mt="sm">
        <Fact label={t('proposal.period')}>
          {format.date(placement.startDate)} – {format.date(placement.endDate)}
        </Fact>
        <Fact label={t('placements.lessons')}>
          <PlacementSlots placement={placement} />
        </Fact>
        <Fact label={t('placements.supervisor')}>
          {placement.supervisorName ?? '–'}
          {placement.supervisorEmail && <Text size="sm">{placement.supervisorEmail}</Text>}
        </Fact>
        <Fact label={t('placements.cost')}>
          {placement.hourlyRateCents === null
            ? '–'
            : t('placements.rate', { amount: format.euros(placement.hourlyRateCents) })}
          {placement.cost && (
            <Text size="sm">
              {t('placements.costLine', {
                count: placement.cost.lessons,
                hours: format.number(placement.cost.hours),
                amount: format.euros(placement.cost.totalCents),
              })}
            </Text>
          )}
        </Fact>
      </SimpleGrid>
      <Button
        mt="sm"
        variant="subtle"
        size="compact-sm"
        aria-expanded={showFeedback}
        aria-controls={`feedback-${placement.id}`}
        onClick={() => setShowFeedback(!showFeedback)}
      >
        {t(showFeedback ? 'feedback.hide' : 'feedback.show')}
      </Button>
      <div id={`feedback-${placement.id}`}>
        {showFeedback && <PlacementFeedback placementId={placement.id} />}
      </div>
    </Paper>
  );
}

/**
 * The school's placements (teachers placed on its requests), a page at a time: who teaches what
 * and when, the werkplekbegeleider, and the agreed rate with the cost of the lessons given or to come.
 */
export default function SchoolPlacementsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const placements = $api.useQuery('get', '/api/placements', {
    params: { query: { page, pageSize: PAGE_SIZE } },
  });
  return (
    <Stack>
      <Title order={1}>{t('placements.title')}</Title>
      <Text>{t('placements.intro')}</Text>
      {placements.isPending && <PageLoader />}
      {placements.isError && <ErrorAlert error={placements.error} />}
      {placements.data?.total === 0 && <Text>{t('placements.empty')}</Text>}
      {placements.data?.items.map((placement) => (
        <PlacementCard key={placement.id} placement={placement} />
      ))}
      <Pager total={placements.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

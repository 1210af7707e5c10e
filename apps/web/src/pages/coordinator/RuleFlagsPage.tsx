import {
  Anchor,
  Badge,
  Group,
  List,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';
import { Pager } from '../../ui/Pager';
import { useRegions } from '../../ui/regions';

const PAGE_SIZE = 25;

/**
 * Proposals and placements that need attention: a change to a teacher or a request broke a rule
 * (docs/RULES.md). Each names the rules in sentences and opens the proposal to withdraw or review;
 * the resolved ones are the history.
 */
export default function RuleFlagsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const regions = useRegions();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [regionId, setRegionId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const flags = $api.useQuery('get', '/api/rule-flags', {
    params: { query: { status, page, pageSize: PAGE_SIZE, ...(regionId ? { regionId } : {}) } },
  });
  return (
    <Stack>
      <Title order={1}>{t('flags.title')}</Title>
      <Group align="flex-end">
        <SegmentedControl
          aria-label={t('flags.show')}
          data={[
            { value: 'open', label: t('flags.open') },
            { value: 'resolved', label: t('flags.resolved') },
          ]}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
        />
        <Select
          label={t('approvals.region')}
          placeholder={t('approvals.allRegions')}
          clearable
          data={regions.choices}
          value={regionId}
          onChange={(value) => {
            setRegionId(value);
            setPage(1);
          }}
        />
      </Group>
      {flags.isPending && <PageLoader />}
      {flags.isError && <ErrorAlert error={flags.error} />}
      {flags.data?.total === 0 && (
        <Text>{t(status === 'open' ? 'flags.noneOpen' : 'flags.noneResolved')}</Text>
      )}
      {flags.data?.items.map((flag) => (
        <Paper key={flag.id} withBorder p="md" component="article">
          <Group justify="space-between">
            <Title order={2} size="h4">
              <Anchor component={Link} to={`/proposals/${flag.proposalId}`}>
                {flag.teacherName} · {flag.requestTitle}
              </Anchor>
            </Title>
            <Badge variant="filled" color={flag.placementId ? 'red.9' : 'gray.9'}>
              {t(flag.placementId ? 'flags.placement' : 'flags.proposal')}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {flag.companyName} → {flag.schoolName} · {regions.nameOf(flag.regionId)}
          </Text>
          <List mt="xs">
            {flag.violations.map((violation) => (
              <List.Item key={violation.code}>
                {i18n.language === 'en' ? violation.en : violation.nl}
              </List.Item>
            ))}
          </List>
          <Text size="sm" mt="xs">
            {t(`flags.causes.${flag.cause}`, { date: format.dateTime(flag.raisedAt) })}
            {flag.resolvedAt &&
              ` · ${t(`flags.resolutions.${flag.resolution ?? 'closed'}`, { date: format.dateTime(flag.resolvedAt) })}`}
          </Text>
        </Paper>
      ))}
      <Pager total={flags.data?.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';

const DAY = 24 * 3600 * 1000;
/** The lessons shown at a time: four weeks, from today onward; the teacher pages by as many. */
const PERIOD_DAYS = 28;
const isoDate = (date: Date) => date.toLocaleDateString('sv-SE');

/**
 * The teacher's coming lessons four weeks at a time (from today; earlier and later periods one
 * button away) with each school's address, and the feed link for their own calendar app.
 */
export default function MyWeekPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [today] = useState(() => new Date());
  const [period, setPeriod] = useState(0);
  const from = new Date(today.getTime() + period * PERIOD_DAYS * DAY);
  const until = new Date(from.getTime() + (PERIOD_DAYS - 1) * DAY);
  const lessons = $api.useQuery('get', '/api/lessons', {
    params: { query: { from: isoDate(from), to: isoDate(until), status: 'scheduled', pageSize: 100 } },
  });
  return (
    <Stack>
      <Title order={1}>{t('myWeek.title')}</Title>
      <Group gap="xs">
        <Button variant="default" disabled={period === 0} onClick={() => setPeriod(period - 1)}>
          {t('myWeek.previousPeriod')}
        </Button>
        <Button variant="default" disabled={period === 0} onClick={() => setPeriod(0)}>
          {t('myWeek.fromToday')}
        </Button>
        <Button variant="default" onClick={() => setPeriod(period + 1)}>
          {t('myWeek.nextPeriod')}
        </Button>
      </Group>
      <Text fw={600} aria-live="polite">
        {t('myWeek.period', { from: format.date(isoDate(from)), to: format.date(isoDate(until)) })}
      </Text>
      {lessons.isPending && <PageLoader />}
      {lessons.isError && <ErrorAlert error={lessons.error} />}
      {lessons.data?.total === 0 && <Text>{t('myWeek.empty')}</Text>}
      {lessons.data?.items.map((lesson) => (
        <Paper key={lesson.id} withBorder p="md" component="article">
          <Title order={2} size="h4">
            {format.weekdayDate(lesson.startsAt)}, {format.time(lesson.startsAt)}–{format.time(lesson.endsAt)}
          </Title>
          <Text fw={600}>{lesson.names.schoolName}</Text>
          {lesson.address && (
            <Text>
              {lesson.address.street}, {lesson.address.postalCode} {lesson.address.city}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {lesson.names.requestTitle}
          </Text>
        </Paper>
      ))}
      <CalendarFeed />
    </Stack>
  );
}

/** A private feed URL of the teacher's lessons (iCalendar), to subscribe to in their own calendar app. */
function CalendarFeed() {
  const { t } = useTranslation();
  const self = $api.useQuery('get', '/api/teachers');
  const create = $api.useMutation('post', '/api/calendar-feeds');
  const teacherId = self.data?.items[0]?.id;
  return (
    <Paper withBorder p="md" component="section">
      <Title order={2} size="h4">
        {t('myWeek.feed')}
      </Title>
      <Text size="sm">{t('myWeek.feedIntro')}</Text>
      {create.error && <ErrorAlert error={create.error} />}
      {create.data ? (
        <Group align="flex-end" mt="sm">
          <TextInput label={t('myWeek.feedUrl')} readOnly value={create.data.url} style={{ flex: 1 }} />
          <CopyButton value={create.data.url}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {t(copied ? 'myWeek.copied' : 'myWeek.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      ) : (
        <Button
          mt="sm"
          disabled={!teacherId}
          loading={create.isPending}
          onClick={() => teacherId && create.mutate({ body: { teacherId } })}
        >
          {t('myWeek.makeFeed')}
        </Button>
      )}
    </Paper>
  );
}

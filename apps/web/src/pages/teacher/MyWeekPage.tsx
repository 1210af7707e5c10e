import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';

const WEEKS_AHEAD = 4;
const isoDate = (date: Date) => date.toLocaleDateString('sv-SE');

/** The teacher's lessons of the coming weeks with each school's address, and the feed link for their own calendar app. */
export default function MyWeekPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = new Date();
  const until = new Date(today.getTime() + WEEKS_AHEAD * 7 * 24 * 3600 * 1000);
  const lessons = $api.useQuery('get', '/api/lessons', {
    params: { query: { from: isoDate(today), to: isoDate(until), status: 'scheduled', pageSize: 100 } },
  });
  if (lessons.isPending) return <PageLoader />;
  if (lessons.isError) return <ErrorAlert error={lessons.error} />;
  return (
    <Stack>
      <Title order={1}>{t('myWeek.title')}</Title>
      {lessons.data.items.length === 0 && <Text>{t('myWeek.empty')}</Text>}
      {lessons.data.items.map((lesson) => (
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

import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { FeedbackDialog, type Lesson } from '../../lessons/LessonDialogs';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';

const WEEKS_BACK = 6;
const isoDate = (date: Date) => date.toLocaleDateString('sv-SE');

/** The teacher's lessons of the last weeks that are over, newest first, each with a button to give feedback (once per lesson). */
export default function MyFeedbackPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [now] = useState(() => new Date());
  const [open, setOpen] = useState<Lesson | null>(null);
  const since = new Date(now.getTime() - WEEKS_BACK * 7 * 24 * 3600 * 1000);
  const lessons = $api.useQuery('get', '/api/lessons', {
    params: { query: { from: isoDate(since), to: isoDate(now), pageSize: 100 } },
  });
  if (lessons.isPending) return <PageLoader />;
  if (lessons.isError) return <ErrorAlert error={lessons.error} />;
  const over = lessons.data.items
    .filter((lesson) => lesson.status !== 'cancelled' && new Date(lesson.endsAt) <= now)
    .reverse();
  return (
    <Stack>
      <Title order={1}>{t('myFeedback.title')}</Title>
      <Text>{t('myFeedback.intro')}</Text>
      {over.length === 0 && <Text>{t('myFeedback.empty')}</Text>}
      {over.map((lesson) => (
        <Paper key={lesson.id} withBorder p="md" component="article">
          <Title order={2} size="h4">
            {format.weekdayDate(lesson.startsAt)}, {format.time(lesson.startsAt)}–{format.time(lesson.endsAt)}
          </Title>
          <Text>
            {lesson.names.schoolName} · {lesson.names.requestTitle}
          </Text>
          <Button mt="sm" variant="default" onClick={() => setOpen(lesson)}>
            {t('lessons.feedback')}
          </Button>
        </Paper>
      ))}
      {open && <FeedbackDialog lesson={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

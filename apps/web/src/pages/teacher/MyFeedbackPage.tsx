import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import { FeedbackEntries } from '../../lessons/FeedbackEntries';
import { FeedbackDialog, type Lesson } from '../../lessons/LessonDialogs';
import { useLessonFeedback } from '../../lessons/useLessonFeedback';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { PageLoader } from '../../ui/PageLoader';

const WEEKS_BACK = 6;
const isoDate = (date: Date) => date.toLocaleDateString('sv-SE');

/**
 * The teacher's lessons of the last weeks that are over, newest first, each with the feedback the
 * teacher gave and the school's, and a button to give it while the teacher has not (once per lesson).
 */
export default function MyFeedbackPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [now] = useState(() => new Date());
  const [open, setOpen] = useState<Lesson | null>(null);
  const since = new Date(now.getTime() - WEEKS_BACK * 7 * 24 * 3600 * 1000);
  const lessons = $api.useQuery('get', '/api/lessons', {
    params: { query: { from: isoDate(since), to: isoDate(now), pageSize: 100 } },
  });
  const over = (lessons.data?.items ?? [])
    .filter((lesson) => lesson.status !== 'cancelled' && new Date(lesson.endsAt) <= now)
    .reverse();
  const feedback = useLessonFeedback(over);
  if (lessons.isPending || feedback.pending) return <PageLoader />;
  const failed = lessons.error ?? feedback.error;
  if (failed) return <ErrorAlert error={failed} />;
  return (
    <Stack>
      <Title order={1}>{t('myFeedback.title')}</Title>
      <Text>{t('myFeedback.intro')}</Text>
      {over.length === 0 && <Text>{t('myFeedback.empty')}</Text>}
      {over.map((lesson) => {
        const given = feedback.of(lesson.id);
        return (
          <Paper
            key={lesson.id}
            withBorder
            p="md"
            component="article"
            aria-labelledby={`lesson-${lesson.id}`}
          >
            <Title order={2} size="h4" id={`lesson-${lesson.id}`}>
              {format.weekdayDate(lesson.startsAt)}, {format.time(lesson.startsAt)}–
              {format.time(lesson.endsAt)}
            </Title>
            <Text mb="sm">
              {lesson.names.schoolName} · {lesson.names.requestTitle}
            </Text>
            <FeedbackEntries feedback={given} reader="teacher" />
            {!given.some((entry) => entry.party === 'teacher') && (
              <Button mt="sm" variant="default" onClick={() => setOpen(lesson)}>
                {t('lessons.feedback')}
              </Button>
            )}
          </Paper>
        );
      })}
      {open && <FeedbackDialog lesson={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

import { Badge, Button, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../../api/client';
import {
  CancelLessonDialog,
  FeedbackDialog,
  invalidateLessons,
  type Lesson,
  type LessonDialog,
  MoveLessonDialog,
} from '../../lessons/LessonDialogs';
import { FeedbackEntries } from '../../lessons/FeedbackEntries';
import { useLessonFeedback } from '../../lessons/useLessonFeedback';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormat } from '../../ui/format';
import { ListTable } from '../../ui/ListTable';
import { PageLoader } from '../../ui/PageLoader';

const DAY = 24 * 3600 * 1000;
const isoDate = (date: Date) => date.toLocaleDateString('sv-SE');

/** The Monday of the week `date` falls in. */
function mondayOf(date: Date): Date {
  const monday = new Date(date.getFullYear(), date.getMonth(), date.getDate(), 12);
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  return monday;
}

/**
 * The school's lesson calendar, a week at a time: each lesson with its teacher and request; a
 * coming one can be cancelled or moved, a started one marked given or not given (a no-show), and
 * one that is over shows the feedback given on it and gets the school's (once).
 */
export default function LessonsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [monday, setMonday] = useState(() => mondayOf(new Date()));
  const [open, setOpen] = useState<{ lesson: Lesson; dialog: LessonDialog } | null>(null);
  const sunday = new Date(monday.getTime() + 6 * DAY);
  const lessons = $api.useQuery('get', '/api/lessons', {
    params: { query: { from: isoDate(monday), to: isoDate(sunday), pageSize: 200 } },
  });
  const outcome = $api.useMutation('post', '/api/lessons/{id}/outcome', { onSuccess: invalidateLessons });
  const [now] = useState(() => Date.now());
  const isOver = (lesson: Lesson) =>
    lesson.status !== 'cancelled' && new Date(lesson.endsAt).getTime() <= now;
  const feedback = useLessonFeedback((lessons.data?.items ?? []).filter(isOver));
  const week = (weeks: number) => setMonday(new Date(monday.getTime() + weeks * 7 * DAY));
  return (
    <Stack>
      <Title order={1}>{t('lessons.title')}</Title>
      <Group>
        <Button variant="default" onClick={() => week(-1)}>
          {t('lessons.previousWeek')}
        </Button>
        <Button variant="default" onClick={() => setMonday(mondayOf(new Date()))}>
          {t('lessons.thisWeek')}
        </Button>
        <Button variant="default" onClick={() => week(1)}>
          {t('lessons.nextWeek')}
        </Button>
        <Text fw={600} aria-live="polite">
          {t('lessons.weekOf', { from: format.date(isoDate(monday)), to: format.date(isoDate(sunday)) })}
        </Text>
      </Group>
      {outcome.error && <ErrorAlert error={outcome.error} />}
      {feedback.error && <ErrorAlert error={feedback.error} />}
      {lessons.isPending && <PageLoader />}
      {lessons.isError && <ErrorAlert error={lessons.error} />}
      {lessons.data?.total === 0 && <Text>{t('lessons.empty')}</Text>}
      {lessons.data && lessons.data.items.length > 0 && (
        <ListTable
          minWidth={760}
          headers={[
            t('lessons.when'),
            t('lessons.teacher'),
            t('lessons.request'),
            t('lessons.status'),
            t('lessons.actions'),
          ]}
        >
          {lessons.data.items.map((lesson) => {
            const started = new Date(lesson.startsAt).getTime() <= now;
            const given = feedback.of(lesson.id);
            const scheduled = lesson.status === 'scheduled';
            const label = `${format.weekdayDate(lesson.startsAt)} ${format.time(lesson.startsAt)}`;
            return (
              <Table.Tr key={lesson.id}>
                <Table.Td>
                  {format.weekdayDate(lesson.startsAt)}
                  <Text size="sm">
                    {format.time(lesson.startsAt)}–{format.time(lesson.endsAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {lesson.names.teacherName}
                  <Text size="sm" c="dimmed">
                    {lesson.names.companyName}
                  </Text>
                </Table.Td>
                <Table.Td>{lesson.names.requestTitle}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={lesson.status === 'scheduled' ? 'blue' : 'gray'}>
                    {t(`lessons.statuses.${lesson.status}`)}
                  </Badge>
                  {lesson.cancellationReason && <Text size="sm">{lesson.cancellationReason}</Text>}
                </Table.Td>
                <Table.Td>
                  {scheduled && !started && (
                    <Group gap="xs">
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('lessons.moveFor', { lesson: label })}
                        onClick={() => setOpen({ lesson, dialog: 'move' })}
                      >
                        {t('lessons.move')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="outline"
                        color="red"
                        aria-label={t('lessons.cancelFor', { lesson: label })}
                        onClick={() => setOpen({ lesson, dialog: 'cancel' })}
                      >
                        {t('lessons.cancel')}
                      </Button>
                    </Group>
                  )}
                  {scheduled && started && (
                    <Menu>
                      <Menu.Target>
                        <Button
                          size="compact-sm"
                          variant="default"
                          loading={outcome.isPending}
                          aria-label={t('lessons.outcomeFor', { lesson: label })}
                        >
                          {t('lessons.outcome')}
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        {[true, false].map((given) => (
                          <Menu.Item
                            key={String(given)}
                            onClick={() =>
                              outcome.mutate({ params: { path: { id: lesson.id } }, body: { given } })
                            }
                          >
                            {t(given ? 'lessons.given' : 'lessons.noShow')}
                          </Menu.Item>
                        ))}
                      </Menu.Dropdown>
                    </Menu>
                  )}
                  {isOver(lesson) && <FeedbackEntries feedback={given} reader="school" />}
                  {isOver(lesson) &&
                    !feedback.pending &&
                    !given.some((entry) => entry.party === 'school') && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => setOpen({ lesson, dialog: 'feedback' })}
                      >
                        {t('lessons.feedback')}
                      </Button>
                    )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
      )}
      {open?.dialog === 'cancel' && <CancelLessonDialog lesson={open.lesson} onClose={() => setOpen(null)} />}
      {open?.dialog === 'move' && <MoveLessonDialog lesson={open.lesson} onClose={() => setOpen(null)} />}
      {open?.dialog === 'feedback' && <FeedbackDialog lesson={open.lesson} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

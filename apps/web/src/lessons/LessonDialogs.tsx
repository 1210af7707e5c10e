import { Group, Rating, Text, Textarea, TextInput } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, queryClient } from '../api/client';
import type { components } from '../api/schema';
import { FormDialog } from '../ui/FormDialog';
import { fieldErrors } from '../ui/fieldErrors';
import { useFormat } from '../ui/format';

export type Lesson = components['schemas']['LessonDto'];
export type LessonDialog = 'cancel' | 'move' | 'feedback';

/** After a lesson changed: every lesson list is stale. */
export const invalidateLessons = () =>
  queryClient.invalidateQueries({
    predicate: ({ queryKey }) => typeof queryKey[1] === 'string' && queryKey[1].startsWith('/api/lessons'),
  });

/** An instant's Amsterdam wall clock as the move takes it: the date (2026-09-08) and the time (09:00). */
const amsterdamDate = (instant: string) =>
  new Date(instant).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
const amsterdamTime = (instant: string) =>
  new Date(instant).toLocaleTimeString('nl-NL', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  });

/** A lesson's dialog: the lesson's day, time and request above the fields. */
function LessonModal({
  lesson,
  children,
  ...dialog
}: Omit<Parameters<typeof FormDialog>[0], 'children'> & { lesson: Lesson; children: ReactNode }) {
  const format = useFormat();
  return (
    <FormDialog {...dialog}>
      <Text size="sm">
        {format.weekdayDate(lesson.startsAt)}, {format.time(lesson.startsAt)}–{format.time(lesson.endsAt)} ·{' '}
        {lesson.names.requestTitle}
      </Text>
      {children}
    </FormDialog>
  );
}

/** Cancel a lesson with a reason (less than 24 h before its start it is recorded as late). */
export function CancelLessonDialog({ lesson, onClose }: { lesson: Lesson; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const cancel = $api.useMutation('post', '/api/lessons/{id}/cancel', {
    onSuccess: async () => {
      await invalidateLessons();
      onClose();
    },
  });
  const errors = fieldErrors(cancel.error, (field) => field === 'reason');
  return (
    <LessonModal
      title={t('lessons.cancelTitle')}
      lesson={lesson}
      error={cancel.error && errors.rest}
      pending={cancel.isPending}
      submitLabel={t('lessons.cancelSubmit')}
      danger
      onClose={onClose}
      onSubmit={() => cancel.mutate({ params: { path: { id: lesson.id } }, body: { reason } })}
    >
      <Text size="sm">{t('lessons.cancelIntro')}</Text>
      <Textarea
        label={t('lessons.reason')}
        required
        value={reason}
        error={errors.of('reason')}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
    </LessonModal>
  );
}

/** Move a lesson to another Amsterdam date and time; its reminders move with it. */
export function MoveLessonDialog({ lesson, onClose }: { lesson: Lesson; onClose: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(amsterdamDate(lesson.startsAt));
  const [startTime, setStartTime] = useState(amsterdamTime(lesson.startsAt));
  const [endTime, setEndTime] = useState(amsterdamTime(lesson.endsAt));
  const [reason, setReason] = useState('');
  const move = $api.useMutation('post', '/api/lessons/{id}/move', {
    onSuccess: async () => {
      await invalidateLessons();
      onClose();
    },
  });
  const errors = fieldErrors(move.error, (field) =>
    ['date', 'startTime', 'endTime', 'reason'].includes(field),
  );
  return (
    <LessonModal
      title={t('lessons.moveTitle')}
      lesson={lesson}
      error={move.error && errors.rest}
      pending={move.isPending}
      submitLabel={t('lessons.moveSubmit')}
      onClose={onClose}
      onSubmit={() =>
        move.mutate({
          params: { path: { id: lesson.id } },
          body: { date, startTime, endTime, ...(reason ? { reason } : {}) },
        })
      }
    >
      <TextInput
        type="date"
        label={t('lessons.newDate')}
        required
        value={date}
        error={errors.of('date')}
        onChange={(event) => setDate(event.currentTarget.value)}
      />
      <Group grow>
        <TextInput
          type="time"
          label={t('lessons.newStart')}
          required
          value={startTime}
          error={errors.of('startTime')}
          onChange={(event) => setStartTime(event.currentTarget.value)}
        />
        <TextInput
          type="time"
          label={t('lessons.newEnd')}
          required
          value={endTime}
          error={errors.of('endTime')}
          onChange={(event) => setEndTime(event.currentTarget.value)}
        />
      </Group>
      <Textarea
        label={t('lessons.reasonOptional')}
        value={reason}
        error={errors.of('reason')}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
    </LessonModal>
  );
}

/** Feedback after a lesson: a rating of 1 to 5 and a sentence, once by the teacher and once by the school. */
export function FeedbackDialog({ lesson, onClose }: { lesson: Lesson; onClose: () => void }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState(4);
  const [comment, setComment] = useState('');
  const give = $api.useMutation('post', '/api/lessons/{id}/feedback', {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['get', '/api/placements/{id}/feedback'] });
      onClose();
    },
  });
  const errors = fieldErrors(give.error, (field) => ['rating', 'comment'].includes(field));
  return (
    <LessonModal
      title={t('lessons.feedbackTitle')}
      lesson={lesson}
      error={give.error && errors.rest}
      pending={give.isPending}
      submitLabel={t('lessons.feedbackSubmit')}
      onClose={onClose}
      onSubmit={() => give.mutate({ params: { path: { id: lesson.id } }, body: { rating, comment } })}
    >
      <div>
        <Text size="sm" fw={500} id="feedback-rating">
          {t('lessons.rating')}
        </Text>
        <Rating value={rating} onChange={setRating} aria-labelledby="feedback-rating" />
        {errors.of('rating') && (
          <Text size="sm" c="red.8">
            {errors.of('rating')}
          </Text>
        )}
      </div>
      <Textarea
        label={t('lessons.comment')}
        required
        value={comment}
        error={errors.of('comment')}
        onChange={(event) => setComment(event.currentTarget.value)}
      />
    </LessonModal>
  );
}

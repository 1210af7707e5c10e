import { useQueries } from '@tanstack/react-query';
import { $api } from '../api/client';
import type { Feedback } from './FeedbackEntries';
import type { Lesson } from './LessonDialogs';

/**
 * The feedback on the given lessons, lesson by lesson, read from their placements' feedback
 * (usually one or two placements). `pending` while any of them loads; `error` the first failure.
 */
export function useLessonFeedback(lessons: Lesson[]) {
  const queries = useQueries({
    queries: [...new Set(lessons.map((lesson) => lesson.placementId))].map((id) =>
      $api.queryOptions('get', '/api/placements/{id}/feedback', { params: { path: { id } } }),
    ),
  });
  const byLesson = new Map<string, Feedback[]>();
  for (const entry of queries.flatMap((query) => query.data ?? []))
    byLesson.set(entry.lessonId, [...(byLesson.get(entry.lessonId) ?? []), entry]);
  return {
    pending: queries.some((query) => query.isPending),
    error: queries.find((query) => query.isError)?.error ?? null,
    of: (lessonId: string) => byLesson.get(lessonId) ?? [],
  };
}

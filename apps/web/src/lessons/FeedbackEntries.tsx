import { Group, Paper, Rating, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { useFormat } from '../ui/format';

export type Feedback = components['schemas']['FeedbackDto'];
type Party = Feedback['party'];

/**
 * Lesson feedback as one party reads it: what they gave ("Door u gegeven") and what the other
 * party gave them ("Van de school" / "Van de docent"), each with its rating and sentence.
 */
export function FeedbackEntries({
  feedback,
  reader,
  withLesson = false,
}: {
  feedback: Feedback[];
  reader: Party;
  withLesson?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="xs">
      {feedback.map((entry) => (
        <Paper key={entry.id} withBorder p="sm" bg="gray.0">
          <Group gap="xs" justify="space-between">
            <Text size="sm" fw={600}>
              {entry.party === reader ? t('feedback.given') : t(`feedback.from.${entry.party}`)}
              {withLesson &&
                ` · ${format.weekdayDate(entry.lessonStartsAt)} ${format.time(entry.lessonStartsAt)}`}
            </Text>
            <Group gap={4}>
              <Rating value={entry.rating} readOnly size="sm" aria-hidden />
              <Text size="sm">{t('feedback.rating', { rating: entry.rating })}</Text>
            </Group>
          </Group>
          <Text size="sm">{entry.comment}</Text>
        </Paper>
      ))}
    </Stack>
  );
}

import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { sortBlocks, toMinutes, type WeekBlock } from './weekBlocks';

/** Whether an error's field is one BlockList shows: `blocks`, `blocks[2]`, `blocks[2].end`. */
export const isBlockField = (field: string, name: string) =>
  field === name || new RegExp(`^${name}\\[\\d+\\](\\.(weekday|start|end))?$`).test(field);

/**
 * Weekly blocks (lesson blocks, availability windows) as a list: a weekday and exact times (also
 * off the half hour), add and remove; each row with its error. The keyboard and phone companion
 * of the week grid.
 */
export function BlockList({
  blocks,
  onChange,
  field,
  errorOf,
  nameOf,
  emptyText,
}: {
  blocks: WeekBlock[];
  onChange: (blocks: WeekBlock[]) => void;
  /** The body field the blocks are sent in (`blocks`, `windows`): the API's errors name `blocks[1].end`. */
  field: string;
  /** The API's reasons for one field (`fieldErrors(…).of`). */
  errorOf: (field: string) => string | undefined;
  nameOf: (number: number) => string;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const rowError = (index: number) =>
    ['', '.start', '.end', '.weekday']
      .map((part) => errorOf(`${field}[${index}]${part}`))
      .filter(Boolean)
      .join('; ');
  const change = (index: number, patch: Partial<WeekBlock>) =>
    onChange(blocks.map((block, other) => (other === index ? { ...block, ...patch } : block)));
  const add = () => {
    const last = sortBlocks(blocks).at(-1);
    const weekday = last ? Math.min(5, last.weekday + (toMinutes(last.end) >= 12 * 60 ? 1 : 0)) : 1;
    onChange([...blocks, { weekday, start: '09:00', end: '12:00' }]);
  };
  return (
    <Stack gap="xs">
      {errorOf(field) && (
        <Text c="red.8" size="sm">
          {errorOf(field)}
        </Text>
      )}
      {blocks.length === 0 && <Text size="sm">{emptyText}</Text>}
      {blocks.map((block, index) => {
        const name = nameOf(index + 1);
        return (
          <div key={index} role="group" aria-label={name}>
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <Select
                label={t('weekGrid.weekday')}
                allowDeselect={false}
                w={130}
                data={[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
                  value: String(weekday),
                  label: t(`weekday.${weekday}` as 'weekday.1'),
                }))}
                value={String(block.weekday)}
                onChange={(value) => value && change(index, { weekday: Number(value) })}
              />
              <TextInput
                type="time"
                label={t('weekGrid.start')}
                w={100}
                value={block.start}
                onChange={(event) => change(index, { start: event.currentTarget.value })}
              />
              <TextInput
                type="time"
                label={t('weekGrid.end')}
                w={100}
                value={block.end}
                onChange={(event) => change(index, { end: event.currentTarget.value })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('weekGrid.remove', { name })}
                onClick={() => onChange(blocks.filter((_, other) => other !== index))}
              >
                ×
              </ActionIcon>
            </Group>
            {rowError(index) && (
              <Text c="red.8" size="sm">
                {name}: {rowError(index)}
              </Text>
            )}
          </div>
        );
      })}
      <Group>
        <Button variant="default" size="compact-sm" onClick={add}>
          {t('weekGrid.add')}
        </Button>
      </Group>
    </Stack>
  );
}

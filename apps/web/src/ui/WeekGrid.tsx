import { Table, Text } from '@mantine/core';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addTime,
  covers,
  GRID_DAYS,
  GRID_STEP,
  gridRows,
  removeTime,
  toTime,
  type WeekBlock,
} from './weekBlocks';

interface Drag {
  weekday: number;
  from: number;
  to: number;
  adding: boolean;
}

const ROWS = gridRows();

/**
 * Lesson blocks on a week grid (Monday–Friday, 08:00–18:00 in half hours). Press on a free half
 * hour and drag down or up to make a block; press on a taken one and drag to clear it. By
 * keyboard: the arrow keys move between half hours, Enter or Space takes or frees one (next to a
 * block it lengthens that block). Times off the half hour are edited in the list beside it.
 */
export function WeekGrid({
  blocks,
  onChange,
  label,
}: {
  blocks: WeekBlock[];
  onChange: (blocks: WeekBlock[]) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const [drag, setDrag] = useState<Drag | null>(null);
  const [focus, setFocus] = useState({ day: 0, row: 2 });
  const cells = useRef(new Map<string, HTMLButtonElement>());

  const apply = (weekday: number, from: number, to: number, adding: boolean) =>
    onChange((adding ? addTime : removeTime)(blocks, weekday, from, to));

  useEffect(() => {
    if (!drag) return;
    const end = () => {
      apply(
        drag.weekday,
        Math.min(drag.from, drag.to),
        Math.max(drag.from, drag.to) + GRID_STEP,
        drag.adding,
      );
      setDrag(null);
    };
    window.addEventListener('pointerup', end);
    return () => window.removeEventListener('pointerup', end);
  });

  const inDrag = (weekday: number, minute: number) =>
    drag !== null &&
    drag.weekday === weekday &&
    minute >= Math.min(drag.from, drag.to) &&
    minute <= Math.max(drag.from, drag.to);

  const move = (event: KeyboardEvent, day: number, row: number) => {
    const steps: Record<string, [number, number]> = {
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
    };
    const step = steps[event.key];
    if (!step) return;
    event.preventDefault();
    const next = {
      day: Math.min(GRID_DAYS.length - 1, Math.max(0, day + step[0])),
      row: Math.min(ROWS.length - 1, Math.max(0, row + step[1])),
    };
    setFocus(next);
    cells.current.get(`${next.day}-${next.row}`)?.focus();
  };

  return (
    <Table.ScrollContainer minWidth={480}>
      <Table withColumnBorders layout="fixed" verticalSpacing={0} className="week-grid">
        <caption>
          <Text size="sm" c="dimmed" ta="left">
            {label}
          </Text>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={64}>
              <span className="visually-hidden">{t('weekGrid.time')}</span>
            </Table.Th>
            {GRID_DAYS.map((weekday) => (
              <Table.Th key={weekday}>{t(`weekday.${weekday}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ROWS.map((minute, row) => (
            <Table.Tr key={minute}>
              <Table.Th scope="row">
                <Text size="xs" className={minute % 60 === 0 ? undefined : 'visually-hidden'}>
                  {toTime(minute)}
                </Text>
              </Table.Th>
              {GRID_DAYS.map((weekday, day) => {
                const taken = covers(blocks, weekday, minute, minute + GRID_STEP);
                const preview = inDrag(weekday, minute);
                const state = preview ? (drag?.adding ? 'adding' : 'removing') : taken ? 'taken' : 'free';
                return (
                  <Table.Td key={weekday} p={0}>
                    <button
                      type="button"
                      ref={(element) => {
                        if (element) cells.current.set(`${day}-${row}`, element);
                      }}
                      className="week-grid-cell"
                      data-state={state}
                      tabIndex={focus.day === day && focus.row === row ? 0 : -1}
                      aria-pressed={taken}
                      aria-label={`${t(`weekday.${weekday}`)} ${toTime(minute)}–${toTime(minute + GRID_STEP)}`}
                      onPointerDown={(event) => {
                        event.preventDefault();
                        setFocus({ day, row });
                        setDrag({ weekday, from: minute, to: minute, adding: !taken });
                      }}
                      onPointerEnter={() => {
                        if (drag?.weekday === weekday) setDrag({ ...drag, to: minute });
                      }}
                      onClick={(event) => {
                        // A click from the keyboard (Enter, Space) has no pointer: take or free this half hour.
                        if (event.detail === 0) apply(weekday, minute, minute + GRID_STEP, !taken);
                      }}
                      onKeyDown={(event) => move(event, day, row)}
                    />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

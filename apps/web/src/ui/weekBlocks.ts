/** A weekly lesson block as the API takes it: ISO weekday (Monday = 1) and Amsterdam "HH:MM" times. */
export interface WeekBlock {
  weekday: number;
  start: string;
  end: string;
}

/** The week grid: Monday to Friday, 08:00 to 18:00 in half hours. */
export const GRID_DAYS = [1, 2, 3, 4, 5] as const;
export const GRID_START = 8 * 60;
export const GRID_END = 18 * 60;
export const GRID_STEP = 30;

export const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const toTime = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The grid's rows: the start minute of each half hour. */
export const gridRows = (): number[] =>
  Array.from({ length: (GRID_END - GRID_START) / GRID_STEP }, (_, row) => GRID_START + row * GRID_STEP);

/** By weekday, then start: the order the blocks are sent in (so `blocks[i]` in an error names the i-th row shown). */
export const sortBlocks = (blocks: readonly WeekBlock[]): WeekBlock[] =>
  [...blocks].sort((a, b) => a.weekday - b.weekday || toMinutes(a.start) - toMinutes(b.start));

/** Whether any block on this weekday covers part of [from, to). */
export const covers = (blocks: readonly WeekBlock[], weekday: number, from: number, to: number) =>
  blocks.some(
    (block) => block.weekday === weekday && toMinutes(block.start) < to && toMinutes(block.end) > from,
  );

/**
 * Adds the time [from, to) on a weekday: blocks of that day that overlap or touch it become one
 * block with it, so painting next to a block lengthens it.
 */
export function addTime(
  blocks: readonly WeekBlock[],
  weekday: number,
  from: number,
  to: number,
): WeekBlock[] {
  let start = from;
  let end = to;
  const kept = blocks.filter((block) => {
    const touches =
      block.weekday === weekday && toMinutes(block.start) <= end && toMinutes(block.end) >= start;
    if (touches) {
      start = Math.min(start, toMinutes(block.start));
      end = Math.max(end, toMinutes(block.end));
    }
    return !touches;
  });
  return sortBlocks([...kept, { weekday, start: toTime(start), end: toTime(end) }]);
}

/** Removes the time [from, to) on a weekday: a block it cuts through keeps the parts before and after. */
export function removeTime(
  blocks: readonly WeekBlock[],
  weekday: number,
  from: number,
  to: number,
): WeekBlock[] {
  return sortBlocks(
    blocks.flatMap((block) => {
      const start = toMinutes(block.start);
      const end = toMinutes(block.end);
      if (block.weekday !== weekday || start >= to || end <= from) return [block];
      const parts: WeekBlock[] = [];
      if (start < from) parts.push({ weekday, start: block.start, end: toTime(from) });
      if (end > to) parts.push({ weekday, start: toTime(to), end: block.end });
      return parts;
    }),
  );
}

/** Clock hours per week of the blocks (the API counts the same: DOMAIN.md rule 1). */
export const hoursPerWeek = (blocks: readonly WeekBlock[]) =>
  blocks.reduce((total, block) => total + Math.max(0, toMinutes(block.end) - toMinutes(block.start)), 0) / 60;

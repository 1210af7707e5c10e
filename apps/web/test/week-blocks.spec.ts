import { addTime, covers, hoursPerWeek, removeTime, sortBlocks } from '../src/ui/weekBlocks';

const H = 60;

describe('week grid blocks', () => {
  it('adding time next to or over a block of the same day makes one block; another day stays apart', () => {
    let blocks = addTime([], 2, 9 * H, 10 * H);
    blocks = addTime(blocks, 2, 10 * H, 11 * H); // touches: lengthens
    blocks = addTime(blocks, 2, 10 * H + 30, 12 * H); // overlaps: lengthens
    blocks = addTime(blocks, 4, 13 * H, 16 * H);
    blocks = addTime(blocks, 1, 8 * H, 9 * H);
    expect(blocks).toEqual([
      { weekday: 1, start: '08:00', end: '09:00' },
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 4, start: '13:00', end: '16:00' },
    ]);
    expect(hoursPerWeek(blocks)).toBe(7);
  });

  it('removing time from the middle of a block keeps the parts before and after; from an edge shortens it', () => {
    const day = [{ weekday: 3, start: '08:30', end: '16:30' }];
    expect(removeTime(day, 3, 12 * H, 13 * H)).toEqual([
      { weekday: 3, start: '08:30', end: '12:00' },
      { weekday: 3, start: '13:00', end: '16:30' },
    ]);
    expect(removeTime(day, 3, 8 * H, 9 * H)).toEqual([{ weekday: 3, start: '09:00', end: '16:30' }]);
    expect(removeTime(day, 3, 8 * H, 17 * H)).toEqual([]);
    expect(removeTime(day, 2, 8 * H, 17 * H)).toEqual(day);
  });

  it('a half hour is covered when a block overlaps any of it, also a block off the half hour', () => {
    const blocks = [{ weekday: 5, start: '08:45', end: '10:10' }];
    expect(covers(blocks, 5, 8 * H + 30, 9 * H)).toBe(true);
    expect(covers(blocks, 5, 10 * H, 10 * H + 30)).toBe(true);
    expect(covers(blocks, 5, 10 * H + 30, 11 * H)).toBe(false);
    expect(covers(blocks, 4, 9 * H, 9 * H + 30)).toBe(false);
  });

  it('sorts by weekday, then start', () => {
    expect(
      sortBlocks([
        { weekday: 3, start: '09:00', end: '10:00' },
        { weekday: 1, start: '13:00', end: '14:00' },
        { weekday: 1, start: '08:00', end: '09:00' },
      ]).map((block) => `${block.weekday} ${block.start}`),
    ).toEqual(['1 08:00', '1 13:00', '3 09:00']);
  });
});

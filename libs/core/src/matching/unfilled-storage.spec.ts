import type { MatchRunUnfilledBlock } from '@hybridmatch/database';
import { compactUnfilled, unfilledBlocksOf } from './unfilled-storage';

function block(blockId: string, misses: [rule: string, ids: string[]][]): MatchRunUnfilledBlock {
  return {
    requestId: 'r1',
    blockId,
    teachersInRegion: 5,
    eligibleTeachers: 0,
    failing: [{ rule: 'VOG', teachers: 3 }],
    nearestMisses: misses.map(([rule, teacherIds]) => ({ rule, teachers: teacherIds.length, teacherIds })),
    shiftedStart: null,
    heldBack: [],
    nearestSkilledKm: 4.2,
    sentences: {
      nl: ['Geen van de 5 docenten in de regio voldoet aan alle regels.'],
      en: ['None of the 5.'],
    },
  };
}

describe('unfilled blocks as stored', () => {
  const blocks = [
    block('b1', [
      ['VOG', ['t3', 't1']],
      ['SKILL', ['t2']],
    ]),
    block('b2', []),
    block('b3', [['WINDOW', ['t1', 't4', 't3']]]),
  ];

  it('names every teacher of a nearest miss once and each miss by positions', () => {
    const stored = compactUnfilled(blocks);
    expect(stored.teacherIds).toEqual(['t3', 't1', 't2', 't4']);
    expect(stored.blocks.map((b) => b.nearestMisses)).toEqual([
      [
        { rule: 'VOG', teachers: 2, teacherIndexes: [0, 1] },
        { rule: 'SKILL', teachers: 1, teacherIndexes: [2] },
      ],
      [],
      [{ rule: 'WINDOW', teachers: 3, teacherIndexes: [1, 3, 0] }],
    ]);
    expect(stored.blocks[0]).toMatchObject({
      blockId: 'b1',
      failing: blocks[0].failing,
      sentences: blocks[0].sentences,
    });
  });

  it('reads back exactly the blocks it was given, through JSON as PostgreSQL returns it', () => {
    const read = unfilledBlocksOf(JSON.parse(JSON.stringify(compactUnfilled(blocks))));
    expect(read).toEqual(blocks);
    expect(JSON.stringify(read)).toEqual(JSON.stringify(blocks));
  });

  it('reads runs stored before (the blocks themselves) and runs without any', () => {
    expect(unfilledBlocksOf(blocks)).toBe(blocks);
    expect(unfilledBlocksOf(null)).toEqual([]);
    expect(unfilledBlocksOf(compactUnfilled([]))).toEqual([]);
  });
});

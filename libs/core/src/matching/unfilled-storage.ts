import type { MatchRunUnfilledBlock, MatchRunUnfilledCompact } from '@hybridmatch/database';

/**
 * A run's unfilled blocks as stored (MatchRunUnfilledCompact): every teacher id of a nearest miss
 * once, in `teacherIds`, and each miss with their positions there. A national region's ~1,650
 * unfilled blocks name ~120,000 teachers of nearest misses; as ids they were two thirds of a
 * ~7 MB value that PostgreSQL parses, compresses and writes in the run's store transaction.
 */
export function compactUnfilled(blocks: readonly MatchRunUnfilledBlock[]): MatchRunUnfilledCompact {
  const teacherIds: string[] = [];
  const indexOf = new Map<string, number>();
  const positionOf = (id: string): number => {
    let index = indexOf.get(id);
    if (index === undefined) {
      index = teacherIds.push(id) - 1;
      indexOf.set(id, index);
    }
    return index;
  };
  return {
    teacherIds,
    blocks: blocks.map((block) => ({
      ...block,
      nearestMisses: block.nearestMisses.map(({ rule, teachers, teacherIds: ids }) => ({
        rule,
        teachers,
        teacherIndexes: ids.map(positionOf),
      })),
    })),
  };
}

/** The blocks with their nearest misses' teacher ids, from either stored form (runs stored before: the blocks). */
export function unfilledBlocksOf(
  stored: MatchRunUnfilledCompact | MatchRunUnfilledBlock[] | null,
): MatchRunUnfilledBlock[] {
  if (stored === null) return [];
  if (Array.isArray(stored)) return stored;
  const { teacherIds } = stored;
  return stored.blocks.map((block) => ({
    ...block,
    nearestMisses: block.nearestMisses.map(({ rule, teachers, teacherIndexes }) => ({
      rule,
      teachers,
      teacherIds: teacherIndexes.map((index) => teacherIds[index]),
    })),
  }));
}

import { DataSource } from 'typeorm';
import { loadRegionInput } from '@hybridmatch/core';
import { buildInstance } from '@hybridmatch/matching/region/instance';

/** How open the market is before any matching: the engine's eligibility, as a match run would read it. */
export interface MarketEligibility {
  today: string;
  /** Active teachers, and those with at least one eligible lesson block. */
  teachers: number;
  teachersWithBlock: number;
  /** Lesson blocks of the requests still running on `today`, and those with at least one eligible teacher. */
  blocks: number;
  blocksWithTeacher: number;
}

/**
 * Reads every region the way a match run does (the loader, as of `today`) and counts, with the
 * engine's eligibility (the rule book's rules, `buildInstance`), the teachers who could take at
 * least one block and the blocks at least one teacher could take.
 */
export async function marketEligibility(db: DataSource, today: string): Promise<MarketEligibility> {
  const regions: Array<{ id: string }> = await db.query('SELECT id FROM region ORDER BY code');
  const [{ count }]: Array<{ count: number }> = await db.query(
    'SELECT count(*)::int AS count FROM teacher_profile WHERE active',
  );
  const figures: MarketEligibility = {
    today,
    teachers: count,
    teachersWithBlock: 0,
    blocks: 0,
    blocksWithTeacher: 0,
  };
  for (const region of regions) {
    const input = await loadRegionInput(db.manager, region.id, today);
    const inst = buildInstance(input.teachers, input.requests, {
      exclude: input.exclude,
      today: input.today,
      explain: false,
    });
    const eligible = new Uint8Array(inst.teachers.length);
    for (let e = 0; e < inst.edgeTeacher.length; e++) eligible[inst.edgeTeacher[e]] = 1;
    figures.teachersWithBlock += eligible.reduce((sum, x) => sum + x, 0);
    figures.blocks += inst.numBlocks;
    for (let b = 0; b < inst.numBlocks; b++)
      if (inst.edgeStart[b + 1] > inst.edgeStart[b]) figures.blocksWithTeacher++;
  }
  return figures;
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** The figures as the seed and the demo print them. */
export function eligibilityLines(f: MarketEligibility): string[] {
  return [
    `Before matching, as of ${f.today} (the engine's eligibility, every rule of the rule book):`,
    `  teachers with an eligible lesson block: ${f.teachersWithBlock} of ${f.teachers} (${percent(f.teachersWithBlock, f.teachers)} %; target 80 %)`,
    `  lesson blocks with an eligible teacher: ${f.blocksWithTeacher} of ${f.blocks} (${percent(f.blocksWithTeacher, f.blocks)} %; target 60 %)`,
  ];
}

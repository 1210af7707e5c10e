import { mulberry32, syntheticRegion } from '../testing/synthetic';
import { buildInstance } from './instance';
import { Holding, SideRules } from './side-rules';

describe('Holding (running side-rule totals per teacher)', () => {
  it('answers canAdd exactly as SideRules.fits on the holding plus the pair', () => {
    let checked = 0;
    let refused = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const { teachers, requests } = syntheticRegion({
        seed,
        teachers: 25,
        requests: 60,
        minBlocks: 1,
        maxBlocks: 5,
        travelScale: 4,
        subjects: 2,
        committedShare: 0.5,
      });
      const inst = buildInstance(teachers, requests);
      const rules = new SideRules(inst);
      const holding = new Holding(rules);
      const rnd = mulberry32(seed);
      // Grow random feasible holdings pair by pair; before each step compare both checks on a
      // sample of the teacher's pairs.
      for (let step = 0; step < 400; step++) {
        const e = Math.floor(rnd() * inst.edgeTeacher.length);
        const t = inst.edgeTeacher[e];
        const held = holding.held[t];
        const expected = rules.fits(t, [...held, e], held.length + 1);
        expect(holding.canAdd(t, e)).toBe(expected);
        checked++;
        if (expected) holding.add(t, e);
        else refused++;
        // Now and then, replace a holding by a random feasible subset of itself (as the repair does).
        if (rnd() < 0.05 && held.length > 1)
          holding.set(
            t,
            holding.held[t].filter(() => rnd() < 0.5),
          );
      }
    }
    // Both outcomes occur often enough for the comparison to mean something.
    expect(checked).toBe(4000);
    expect(refused).toBeGreaterThan(400);
    expect(checked - refused).toBeGreaterThan(400);
  });
});

import fc from 'fast-check';
import { bruteForceTransport } from '../testing/oracles';
import {
  checkTransportCertificate,
  solveTeacherSide,
  solveTransport,
  toUnitSide,
  TransportProblem,
} from './transport';

const problemArb = fc
  .record({
    nb: fc.integer({ min: 1, max: 7 }),
    nt: fc.integer({ min: 1, max: 4 }),
    phi: fc.integer({ min: 0, max: 30 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  })
  .map(({ nb, nt, phi, seed }): TransportProblem => {
    let x = seed;
    const rnd = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const starts = [0];
    const teachers: number[] = [];
    const costs: number[] = [];
    const M = 100;
    for (let b = 0; b < nb; b++) {
      for (let t = 0; t < nt; t++) {
        if (rnd() < 0.6) {
          teachers.push(t);
          costs.push(Math.floor(rnd() * (M + 1)));
        }
      }
      starts.push(teachers.length);
    }
    return {
      numBlocks: nb,
      numTeachers: nt,
      edgeStart: Int32Array.from(starts),
      edgeTeacher: Int32Array.from(teachers),
      edgeCost: Float64Array.from(costs),
      unfilledCost: M,
      capacity: Int32Array.from({ length: nt }, () => Math.floor(rnd() * 4)),
      base: Int32Array.from({ length: nt }, () => Math.floor(rnd() * 3)),
      phi,
    };
  });

describe('solveTransport (region min-cost flow)', () => {
  it('equals exhaustive search on many small random instances, and the certificate holds', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const s = solveTransport(p);
        expect(s.cost).toBe(bruteForceTransport(p));
        const cert = checkTransportCertificate(p, s);
        expect(cert.ok).toBe(true);
        expect(cert.dualObjective).toBe(s.cost);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('the teacher-unit side model has the same optimum (shifted by the unit count) and is certified', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const unit = toUnitSide(p);
        const s = solveTransport(unit.problem);
        expect(checkTransportCertificate(unit.problem, s).ok).toBe(true);
        const shift = (p.numBlocks - unit.problem.numBlocks) * p.unfilledCost;
        expect(s.cost + shift).toBe(bruteForceTransport(p));
      }),
      { numRuns: 500, seed: 43 },
    );
  });

  it('the teacher-side solver (one node per teacher) equals exhaustive search and is certified on the block-side model', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const s = solveTeacherSide(p);
        expect(s.cost).toBe(bruteForceTransport(p));
        const cert = checkTransportCertificate(p, s);
        expect(cert.ok).toBe(true);
        expect(cert.dualObjective).toBe(s.cost);
        let load = 0;
        for (let b = 0; b < p.numBlocks; b++) if (s.blockEdge[b] >= 0) load++;
        expect(load).toBe(s.load.reduce((a, x) => a + x, 0));
      }),
      { numRuns: 1000, seed: 44 },
    );
  });

  it('the teacher-side solver handles teachers without pairs, zero capacity and capacity above their degree', () => {
    const p: TransportProblem = {
      numBlocks: 3,
      numTeachers: 3,
      edgeStart: Int32Array.from([0, 2, 3, 3]),
      edgeTeacher: Int32Array.from([0, 1, 0]),
      edgeCost: Float64Array.from([10, 0, 20]),
      unfilledCost: 50,
      capacity: Int32Array.from([5, 0, 2]),
      base: Int32Array.from([0, 0, 1]),
      phi: 5,
    };
    const s = solveTeacherSide(p);
    expect(Array.from(s.blockTeacher)).toEqual([0, 0, -1]);
    expect(s.cost).toBe(10 + 20 + 5 + 50);
    expect(checkTransportCertificate(p, s).ok).toBe(true);
  });

  it('the teacher-side solver agrees with the block-side one on larger random regions', () => {
    // Long pair lists (several chunks), searches that outgrow their first radius, parallel pairs.
    let x = 7;
    const rnd = (n: number): number => (x = (x * 1103515245 + 12345) % 2147483648) % n;
    for (let run = 0; run < 40; run++) {
      const nb = 50 + rnd(250);
      const nt = 5 + rnd(60);
      const M = run % 4 === 0 ? 20 : 500 + rnd(1500);
      const starts = [0];
      const teachers: number[] = [];
      const costs: number[] = [];
      for (let b = 0; b < nb; b++) {
        for (let t = 0; t < nt; t++) {
          if (rnd(100) >= 30) continue;
          teachers.push(t);
          costs.push(run % 3 === 0 ? rnd(4) : rnd(M + 1));
          if (rnd(50) === 0) {
            teachers.push(t); // a parallel pair
            costs.push(rnd(M + 1));
          }
        }
        starts.push(teachers.length);
      }
      const p: TransportProblem = {
        numBlocks: nb,
        numTeachers: nt,
        edgeStart: Int32Array.from(starts),
        edgeTeacher: Int32Array.from(teachers),
        edgeCost: Float64Array.from(costs),
        unfilledCost: M,
        capacity: Int32Array.from({ length: nt }, () => rnd(12)),
        base: Int32Array.from({ length: nt }, () => rnd(4)),
        phi: rnd(3) === 0 ? 0 : rnd(80),
      };
      const s = solveTeacherSide(p);
      expect(s.cost).toBe(solveTransport(p).cost);
      expect(checkTransportCertificate(p, s).ok).toBe(true);
    }
  });

  it('the teacher-side solver handles widely spread costs and regions too large to pack a pair in one int', () => {
    // Costs far above the number of edges: sorted by rank instead of by a counting sort.
    const spread: TransportProblem = {
      numBlocks: 3,
      numTeachers: 2,
      edgeStart: Int32Array.from([0, 2, 4, 5]),
      edgeTeacher: Int32Array.from([0, 1, 0, 1, 1]),
      edgeCost: Float64Array.from([500_000, 100_000, 0, 900_000, 300_000]),
      unfilledCost: 1_000_000,
      capacity: Int32Array.from([1, 2]),
      base: Int32Array.from([0, 0]),
      phi: 10_000,
    };
    const s = solveTeacherSide(spread);
    expect(s.cost).toBe(bruteForceTransport(spread));
    expect(checkTransportCertificate(spread, s).ok).toBe(true);
    // 70,000 teachers and 40,000 blocks: (block, teacher) takes more than 32 bits.
    const nt = 70_000;
    const nb = 40_000;
    const blocks = [0, 1, 2, 39_999];
    const starts = new Int32Array(nb + 1);
    const teachers: number[] = [];
    const costs: number[] = [];
    for (let b = 0; b < nb; b++) {
      if (blocks.includes(b)) {
        for (const t of [5, 69_999, 12_345]) {
          teachers.push(t);
          costs.push((b * 7 + t) % 40);
        }
      }
      starts[b + 1] = teachers.length;
    }
    const large: TransportProblem = {
      numBlocks: nb,
      numTeachers: nt,
      edgeStart: starts,
      edgeTeacher: Int32Array.from(teachers),
      edgeCost: Float64Array.from(costs),
      unfilledCost: 50,
      capacity: new Int32Array(nt).fill(2),
      base: new Int32Array(nt),
      phi: 3,
    };
    const l = solveTeacherSide(large);
    expect(l.cost).toBe(solveTransport(large).cost);
    expect(checkTransportCertificate(large, l).ok).toBe(true);
  });

  it('the teacher-side solver rejects data it cannot hold exactly', () => {
    const p: TransportProblem = {
      numBlocks: 1,
      numTeachers: 1,
      edgeStart: Int32Array.from([0, 1]),
      edgeTeacher: Int32Array.from([0]),
      edgeCost: Float64Array.from([2.5]),
      unfilledCost: 10,
      capacity: Int32Array.from([1]),
      base: Int32Array.from([0]),
      phi: 1,
    };
    expect(() => solveTeacherSide(p)).toThrow(RangeError);
    expect(() => solveTeacherSide({ ...p, edgeCost: Float64Array.from([2]), phi: 0.5 })).toThrow(RangeError);
  });

  it('certificate check fails for a sub-optimal solution', () => {
    const p: TransportProblem = {
      numBlocks: 1,
      numTeachers: 2,
      edgeStart: Int32Array.from([0, 2]),
      edgeTeacher: Int32Array.from([0, 1]),
      edgeCost: Float64Array.from([5, 1]),
      unfilledCost: 10,
      capacity: Int32Array.from([1, 1]),
      base: Int32Array.from([0, 0]),
      phi: 0,
    };
    const s = solveTransport(p);
    expect(s.blockTeacher[0]).toBe(1);
    const worse = { ...s, blockTeacher: Int32Array.from([0]), blockEdge: Int32Array.from([0]) };
    expect(checkTransportCertificate(p, worse).ok).toBe(false);
  });
});

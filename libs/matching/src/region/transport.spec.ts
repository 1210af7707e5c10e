import fc from 'fast-check';
import { bruteForceTransport } from '../testing/oracles';
import { checkTransportCertificate, solveTransport, toUnitSide, TransportProblem } from './transport';

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

import fc from 'fast-check';
import { CertificateError, InfeasibleAssignmentError } from './assignment.types';
import { checkAssignmentCertificate } from './certificate';
import { MalformedInstanceError, parseOrLibAssignment } from './orlib-format';
import { denseProblem, solveAssignment, sparseProblem } from './solve-assignment';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1))
    for (let k = 0; k <= p.length; k++) out.push([...p.slice(0, k), n - 1, ...p.slice(k)]);
  return out;
}

function bruteDense(m: number[][]): number {
  let best = Infinity;
  for (const p of permutations(m.length))
    best = Math.min(
      best,
      p.reduce((s, j, i) => s + m[i][j], 0),
    );
  return best;
}

function bruteSparse(n: number, allowed: Map<string, number>): number | null {
  let best: number | null = null;
  for (const p of permutations(n)) {
    let s = 0;
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      const c = allowed.get(`${i},${p[i]}`);
      if (c === undefined) ok = false;
      else s += c;
    }
    if (ok && (best === null || s < best)) best = s;
  }
  return best;
}

describe('solveAssignment', () => {
  it('solves a small dense problem with its certificate', () => {
    const s = solveAssignment(
      denseProblem([
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ]),
    );
    expect(s.cost).toBe(5);
    expect(Array.from(s.rowToCol)).toEqual([1, 0, 2]);
    expect(s.certificate).toMatchObject({
      ok: true,
      primalFeasible: true,
      dualFeasible: true,
      primalObjective: 5,
      dualObjective: 5,
    });
  });

  it('matches exhaustive search on random dense matrices (n <= 7), certificate always holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((n) =>
          fc.array(fc.array(fc.integer({ min: -20, max: 60 }), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        (m) => {
          const s = solveAssignment(denseProblem(m));
          expect(s.cost).toBe(bruteDense(m));
          expect(s.certificate.ok).toBe(true);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('matches exhaustive search on random sparse problems and detects infeasibility', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 0, max: 9 })), {
              minLength: 0,
              maxLength: n * n,
            }),
          ),
        ),
        ([n, triples]) => {
          const allowed = new Map<string, number>();
          for (const [i, j, c] of triples)
            allowed.set(`${i},${j}`, Math.min(c, allowed.get(`${i},${j}`) ?? Infinity));
          const expected = bruteSparse(n, allowed);
          const problem = sparseProblem(n, triples);
          if (expected === null) {
            expect(() => solveAssignment(problem)).toThrow(InfeasibleAssignmentError);
          } else {
            const s = solveAssignment(problem);
            expect(s.cost).toBe(expected);
            expect(s.certificate.ok).toBe(true);
          }
        },
      ),
      { numRuns: 400, seed: 11 },
    );
  });

  it('handles ties and many equal costs (dense and sparse agree)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 1e9 }), (n, seed) => {
        let x = seed;
        const m = Array.from({ length: n }, () =>
          Array.from({ length: n }, () => ((x = (x * 1103515245 + 12345) % 2147483648) % 3) + 1),
        );
        const dense = solveAssignment(denseProblem(m));
        const triples = m.flatMap((row, i) => row.map((c, j) => [i, j, c] as [number, number, number]));
        const sparse = solveAssignment(sparseProblem(n, triples));
        expect(sparse.cost).toBe(dense.cost);
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('certificate check rejects a non-optimal assignment and wrong duals', () => {
    const p = denseProblem([
      [1, 2],
      [2, 1],
    ]);
    const bad = checkAssignmentCertificate(
      p,
      Int32Array.from([1, 0]),
      new Float64Array([2, 2]),
      new Float64Array([0, 0]),
    );
    expect(bad.ok).toBe(false);
    expect(bad.dualFeasible).toBe(false);
    const notPerm = checkAssignmentCertificate(
      p,
      Int32Array.from([0, 0]),
      new Float64Array([1, 1]),
      new Float64Array([0, 0]),
    );
    expect(notPerm.primalFeasible).toBe(false);
    expect(new CertificateError('x', bad).certificate).toBe(bad);
  });
});

describe('parseOrLibAssignment', () => {
  it('reads dense and sparse files as streams of integers (rows may wrap)', () => {
    const d = parseOrLibAssignment('2\n 1 2 3\n4\n');
    expect(d.kind).toBe('dense');
    const s = parseOrLibAssignment('2\n1 1 5\n2 2 6\n');
    expect(s.kind).toBe('sparse');
    expect(solveAssignment(s).cost).toBe(11);
  });

  it('reads n² numbers as triples when every line is a distinct in-range triple', () => {
    const infeasible = '3\n1 1 4\n2 1 5\n3 3 1\n';
    expect(parseOrLibAssignment(infeasible).kind).toBe('sparse');
    expect(() => solveAssignment(parseOrLibAssignment(infeasible))).toThrow(InfeasibleAssignmentError);
    expect(parseOrLibAssignment(infeasible, 'dense').kind).toBe('dense');
    expect(parseOrLibAssignment('3\n4 1 3\n2 0 5\n3 2 2\n').kind).toBe('dense');
    expect(parseOrLibAssignment('3\n1 1 4 2 1 5\n3 3 1\n').kind).toBe('dense');
  });

  it('keeps the cheapest of repeated sparse pairs', () => {
    expect(solveAssignment(parseOrLibAssignment('1\n1 1 9\n1 1 4\n')).cost).toBe(4);
  });

  it('rejects malformed input with a clear message', () => {
    expect(() => parseOrLibAssignment('')).toThrow(MalformedInstanceError);
    expect(() => parseOrLibAssignment('0\n')).toThrow(/positive/);
    expect(() => parseOrLibAssignment('2\n1 2 3 4 5\n')).toThrow(/neither a dense/);
    expect(() => parseOrLibAssignment('2\n1 2 3.5 4\n')).toThrow(/line 2/);
    expect(() => parseOrLibAssignment('2\n3 1 1\n1 2 1\n')).toThrow(/1\.\.2/);
  });
});

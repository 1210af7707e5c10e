import { AssignmentProblem, AssignmentSolution, CertificateError } from './assignment.types';
import { checkAssignmentCertificate } from './certificate';
import { solveDenseRaw } from './lap-dense';
import { solveSparseRaw } from './lap-sparse';

/**
 * Solves a square linear assignment problem (minimisation) exactly and proves it: the returned
 * solution carries the dual certificate, and the call throws CertificateError if it does not hold.
 * Throws InfeasibleAssignmentError when a sparse problem has no perfect assignment.
 */
export function solveAssignment(problem: AssignmentProblem): AssignmentSolution {
  const raw = problem.kind === 'dense' ? solveDenseRaw(problem) : solveSparseRaw(problem);
  const certificate = checkAssignmentCertificate(problem, raw.rowToCol, raw.u, raw.v);
  if (!certificate.ok)
    throw new CertificateError(
      `assignment optimality certificate failed: ${certificate.message}`,
      certificate,
    );
  return { n: problem.n, cost: certificate.primalObjective, ...raw, certificate };
}

/** Builds a dense problem from a square matrix given as nested arrays. */
export function denseProblem(matrix: readonly (readonly number[])[]): AssignmentProblem {
  const n = matrix.length;
  const costs = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    if (matrix[i].length !== n)
      throw new RangeError(`row ${i} has ${matrix[i].length} entries, expected ${n}`);
    for (let j = 0; j < n; j++) {
      const c = matrix[i][j];
      if (!Number.isFinite(c)) throw new RangeError(`cost (${i}, ${j}) is not a finite number`);
      costs[i * n + j] = c;
    }
  }
  return { kind: 'dense', n, costs };
}

/**
 * Builds a sparse problem from 0-based triples. A repeated pair keeps its smallest cost.
 */
export function sparseProblem(
  n: number,
  triples: readonly (readonly [number, number, number])[],
): AssignmentProblem {
  const rows = new Int32Array(triples.length);
  const cols = new Int32Array(triples.length);
  const costs = new Float64Array(triples.length);
  triples.forEach(([i, j, c], k) => {
    rows[k] = i;
    cols[k] = j;
    costs[k] = c;
  });
  return sparseFromTriples(n, rows, cols, costs);
}

/** CSR construction from parallel arrays of 0-based rows, columns and costs (duplicates keep the minimum). */
export function sparseFromTriples(
  n: number,
  rows: Int32Array,
  cols: Int32Array,
  costs: Float64Array,
): AssignmentProblem {
  const m = rows.length;
  const rowStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    const i = rows[k];
    const j = cols[k];
    if (!(i >= 0 && i < n && j >= 0 && j < n))
      throw new RangeError(`pair (${i + 1}, ${j + 1}) is outside 1..${n}`);
    if (!Number.isFinite(costs[k])) throw new RangeError(`cost of pair (${i + 1}, ${j + 1}) is not finite`);
    rowStart[i + 1]++;
  }
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const fill = rowStart.slice(0, n);
  const outCols = new Int32Array(m);
  const outCosts = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const p = fill[rows[k]]++;
    outCols[p] = cols[k];
    outCosts[p] = costs[k];
  }
  // Merge duplicate columns within a row (keep the minimum cost).
  const lastSeen = new Int32Array(n).fill(-1);
  const newStart = new Int32Array(n + 1);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const rowBegin = w;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const j = outCols[p];
      const q = lastSeen[j];
      if (q >= rowBegin && q < w && outCols[q] === j) {
        if (outCosts[p] < outCosts[q]) outCosts[q] = outCosts[p];
        continue;
      }
      lastSeen[j] = w;
      outCols[w] = j;
      outCosts[w] = outCosts[p];
      w++;
    }
    newStart[i + 1] = w;
  }
  return { kind: 'sparse', n, rowStart: newStart, cols: outCols.slice(0, w), costs: outCosts.slice(0, w) };
}

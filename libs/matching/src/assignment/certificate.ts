import { AssignmentProblem, OptimalityCertificate } from './assignment.types';

/**
 * Checks an assignment against LP duality: the assignment is a permutation over allowed pairs
 * (primal feasible), cost(i, j) - u[i] - v[j] >= 0 on every allowed pair (dual feasible), and
 * sum of assigned costs = sum(u) + sum(v). With integer costs every quantity is an integer, so
 * the comparison is exact; otherwise a relative tolerance of 1e-9 is used.
 */
export function checkAssignmentCertificate(
  problem: AssignmentProblem,
  rowToCol: Int32Array,
  u: Float64Array,
  v: Float64Array,
): OptimalityCertificate {
  const { n } = problem;
  const failures: string[] = [];
  const seen = new Uint8Array(n);
  let primal = 0;
  let primalFeasible = rowToCol.length === n;
  let dualFeasible = true;
  let maxViolation = 0;
  const integral = problem.integral ?? allIntegers(problem.costs);
  let scale = 1;

  if (problem.kind === 'dense') {
    const c = problem.costs;
    for (let i = 0; i < n && primalFeasible; i++) {
      const j = rowToCol[i];
      if (j < 0 || j >= n || seen[j]) {
        primalFeasible = false;
        failures.push(`row ${i} has no valid distinct column`);
        break;
      }
      seen[j] = 1;
      primal += c[i * n + j];
    }
    for (let i = 0; i < n; i++) {
      const ui = u[i];
      const o = i * n;
      let minReduced = Infinity;
      for (let j = 0; j < n; j++) {
        const r = c[o + j] - v[j];
        if (r < minReduced) minReduced = r;
      }
      const violation = ui - minReduced;
      if (violation > maxViolation) maxViolation = violation;
    }
    if (!integral) scale = maxAbs(c);
  } else {
    const { rowStart, cols, costs } = problem;
    for (let i = 0; i < n; i++) {
      const ui = u[i];
      const want = rowToCol[i];
      let found = false;
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const j = cols[e];
        const cij = costs[e];
        const r = cij - ui - v[j];
        if (r < 0 && -r > maxViolation) maxViolation = -r;
        if (j === want && !found) {
          found = true;
          primal += cij;
        }
      }
      if (primalFeasible && (!found || seen[want])) {
        primalFeasible = false;
        failures.push(`row ${i} is not assigned to a distinct allowed column`);
      }
      if (found) seen[want] = 1;
    }
  }

  if (problem.kind === 'sparse' && !integral) scale = maxAbs(problem.costs);
  let dual = 0;
  for (let i = 0; i < n; i++) dual += u[i] + v[i];
  const tol = integral ? 0 : 1e-9 * scale * Math.max(1, n);
  if (maxViolation > tol) {
    dualFeasible = false;
    failures.push(`dual infeasible: a reduced cost is ${-maxViolation}`);
  }
  if (!Number.isFinite(dual)) {
    dualFeasible = false;
    failures.push('dual objective is not finite');
  }
  const equal = Math.abs(primal - dual) <= tol;
  if (!equal) failures.push(`objectives differ: primal ${primal} vs dual ${dual}`);
  const ok = primalFeasible && dualFeasible && equal;
  return {
    ok,
    primalFeasible,
    dualFeasible,
    primalObjective: primal,
    dualObjective: dual,
    maxDualViolation: maxViolation,
    message: ok ? `optimal: primal ${primal} = dual ${dual}` : failures.join('; '),
  };
}

function allIntegers(a: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (!Number.isInteger(a[k])) return false;
  return true;
}

function maxAbs(a: Float64Array): number {
  let m = 1;
  for (let k = 0; k < a.length; k++) {
    const x = Math.abs(a[k]);
    if (x > m) m = x;
  }
  return m;
}

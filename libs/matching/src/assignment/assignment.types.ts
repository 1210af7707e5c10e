/** A square linear assignment problem with a full cost matrix, row-major: cost(i, j) = costs[i * n + j]. */
export interface DenseAssignmentProblem {
  kind: 'dense';
  n: number;
  costs: Float64Array;
  /** Set when every cost is known to be an integer (the certificate then skips that check). */
  integral?: boolean;
}

/**
 * A square linear assignment problem on a sparse bipartite graph in CSR form: the allowed columns of
 * row i are cols[rowStart[i] .. rowStart[i + 1] - 1] with the same-index costs. Missing pairs are
 * forbidden. Columns within a row are distinct.
 */
export interface SparseAssignmentProblem {
  kind: 'sparse';
  n: number;
  rowStart: Int32Array;
  cols: Int32Array;
  costs: Float64Array;
  /** Set when every cost is known to be an integer (the certificate then skips that check). */
  integral?: boolean;
}

export type AssignmentProblem = DenseAssignmentProblem | SparseAssignmentProblem;

/** Result of checking a primal solution against a dual solution (LP duality). */
export interface OptimalityCertificate {
  /** True when primal feasible, dual feasible and both objectives are equal. */
  ok: boolean;
  primalFeasible: boolean;
  dualFeasible: boolean;
  primalObjective: number;
  dualObjective: number;
  /** Largest dual-constraint violation found (0 when dual feasible). */
  maxDualViolation: number;
  /** Human-readable summary; says what failed when `ok` is false. */
  message: string;
}

export interface AssignmentSolution {
  n: number;
  /** Minimal total cost. */
  cost: number;
  /** rowToCol[i] = column assigned to row i (0-based). */
  rowToCol: Int32Array;
  colToRow: Int32Array;
  /** Row duals u and column duals v with cost(i, j) - u[i] - v[j] >= 0 on every allowed pair. */
  u: Float64Array;
  v: Float64Array;
  certificate: OptimalityCertificate;
}

/** Thrown when no perfect assignment exists (sparse problems only). */
export class InfeasibleAssignmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InfeasibleAssignmentError';
  }
}

/** Thrown when a solve does not prove its own optimality. This is a bug, never an input problem. */
export class CertificateError extends Error {
  constructor(
    message: string,
    readonly certificate: OptimalityCertificate,
  ) {
    super(message);
    this.name = 'CertificateError';
  }
}

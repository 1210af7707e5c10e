import { InfeasibleAssignmentError, SparseAssignmentProblem } from './assignment.types';
import { BucketQueue } from './bucket-queue';
import { IndexedMinHeap } from './heap';
import { RawAssignment } from './lap-dense';

/**
 * Shortest augmenting path on a sparse square assignment problem (CSR rows). Initialisation:
 * column minima as column prices, then every row takes its cheapest reduced column if still free.
 * Each remaining free row runs Dijkstra over columns (binary heap, reduced costs >= 0) and stops at
 * the first free column; scanned column prices are updated as in Jonker–Volgenant.
 * Throws InfeasibleAssignmentError when no perfect assignment exists.
 */
export function solveSparseRaw(problem: SparseAssignmentProblem): RawAssignment {
  const { n, rowStart, cols, costs } = problem;
  const rowToCol = new Int32Array(n).fill(-1);
  const colToRow = new Int32Array(n).fill(-1);
  const u = new Float64Array(n);
  const v = new Float64Array(n).fill(Infinity);
  if (n === 0) return { rowToCol, colToRow, u, v };

  for (let i = 0; i < n; i++) {
    if (rowStart[i] === rowStart[i + 1])
      throw new InfeasibleAssignmentError(`row ${i + 1} has no allowed column`);
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = cols[e];
      if (costs[e] < v[j]) v[j] = costs[e];
    }
  }
  for (let j = 0; j < n; j++) {
    if (v[j] === Infinity) throw new InfeasibleAssignmentError(`column ${j + 1} has no allowed row`);
  }

  // Column reduction: each column goes to its cheapest row (smallest index on ties); a row that
  // wins several columns keeps the one with the lowest price.
  const colArg = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = cols[e];
      if (costs[e] === v[j] && colArg[j] < 0) colArg[j] = i;
    }
  }
  const matches = new Int32Array(n);
  for (let j = n - 1; j >= 0; j--) {
    const imin = colArg[j];
    if (++matches[imin] === 1) {
      rowToCol[imin] = j;
      colToRow[j] = imin;
    } else if (v[j] < v[rowToCol[imin]]) {
      colToRow[rowToCol[imin]] = -1;
      rowToCol[imin] = j;
      colToRow[j] = imin;
    }
  }
  // Reduction transfer: a row that won exactly one column moves its slack to that column's price.
  const free = new Int32Array(n);
  let numFree = 0;
  for (let i = 0; i < n; i++) {
    if (matches[i] === 0) {
      free[numFree++] = i;
    } else if (matches[i] === 1) {
      const j1 = rowToCol[i];
      let min = Infinity;
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const j = cols[e];
        if (j !== j1) {
          const h = costs[e] - v[j];
          if (h < min) min = h;
        }
      }
      if (min !== Infinity) v[j1] -= min;
    }
  }
  // Augmenting row reduction (two rounds), as in Jonker–Volgenant, on the row's own edges.
  // A row with a single edge cannot move a price; it waits for the augmentation phase when its
  // column is taken.
  const deferred = new Int32Array(n);
  let numDeferred = 0;
  for (let loop = 0; loop < 2; loop++) {
    let k = 0;
    const prevNumFree = numFree;
    numFree = 0;
    while (k < prevNumFree) {
      const i = free[k++];
      let umin = Infinity;
      let usubmin = Infinity;
      let j1 = -1;
      let j2 = -1;
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const j = cols[e];
        const h = costs[e] - v[j];
        if (h < usubmin) {
          if (h >= umin) {
            usubmin = h;
            j2 = j;
          } else {
            usubmin = umin;
            umin = h;
            j2 = j1;
            j1 = j;
          }
        }
      }
      let i0 = colToRow[j1];
      if (usubmin === Infinity) {
        if (i0 < 0) {
          rowToCol[i] = j1;
          colToRow[j1] = i;
        } else deferred[numDeferred++] = i;
        continue;
      }
      if (umin < usubmin) {
        v[j1] -= usubmin - umin;
      } else if (i0 > -1) {
        j1 = j2;
        i0 = colToRow[j2];
      }
      rowToCol[i] = j1;
      colToRow[j1] = i;
      if (i0 > -1) {
        rowToCol[i0] = -1;
        if (umin < usubmin) free[--k] = i0;
        else free[numFree++] = i0;
      }
    }
  }
  for (let k = 0; k < numDeferred; k++) free[numFree++] = deferred[k];

  const heap = new IndexedMinHeap(n);
  const d = new Float64Array(n);
  const pred = new Int32Array(n);
  const scanned = new Int32Array(n);
  const scannedList = new Int32Array(n);
  // Cost of each row's assigned edge, kept up to date on augmentation.
  const assignedCost = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = rowToCol[i];
    if (j >= 0) {
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) if (cols[e] === j) assignedCost[i] = costs[e];
    }
  }
  const predEdge = new Int32Array(n);

  const integral = problem.integral ?? isIntegral(costs);
  const buckets = integral ? new BucketQueue(4096) : null;
  const reached = new Int32Array(n);

  for (let f = 0; f < numFree; f++) {
    const epoch = f + 1;
    const freeRow = free[f];
    let numScanned = 0;
    let endOfPath = -1;
    let dEnd = 0;
    let minKey = Infinity;
    // Cheapest free column reached so far: the search ends as soon as nothing cheaper is left.
    let freeCol = -1;
    let freeKey = Infinity;
    for (let e = rowStart[freeRow]; e < rowStart[freeRow + 1]; e++) {
      const j = cols[e];
      const key = costs[e] - v[j];
      if (reached[j] !== epoch || key < d[j]) {
        reached[j] = epoch;
        d[j] = key;
        pred[j] = freeRow;
        predEdge[j] = e;
        if (key < minKey) minKey = key;
        if (colToRow[j] < 0 && key < freeKey) {
          freeKey = key;
          freeCol = j;
        }
      }
    }
    if (buckets) {
      buckets.reset(minKey);
      for (let e = rowStart[freeRow]; e < rowStart[freeRow + 1]; e++) {
        const j = cols[e];
        if (predEdge[j] === e) buckets.push(j, d[j]);
      }
    } else {
      heap.clear();
      for (let e = rowStart[freeRow]; e < rowStart[freeRow + 1]; e++) {
        const j = cols[e];
        if (predEdge[j] === e) heap.push(j, d[j]);
      }
    }
    for (;;) {
      let j: number;
      let delta: number;
      if (buckets) {
        if (buckets.isEmpty) break;
        j = buckets.pop();
        delta = buckets.lastKey;
        if (scanned[j] === epoch || d[j] !== delta) continue; // stale entry
      } else {
        if (heap.size === 0) break;
        delta = heap.peekKey();
        j = heap.pop();
      }
      if (freeKey <= delta) {
        endOfPath = freeCol;
        dEnd = freeKey;
        break;
      }
      scanned[j] = epoch;
      scannedList[numScanned++] = j;
      const i = colToRow[j];
      const base = delta - (assignedCost[i] - v[j]);
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const k = cols[e];
        if (scanned[k] === epoch) continue;
        const key = base + costs[e] - v[k];
        if (reached[k] !== epoch || key < d[k]) {
          reached[k] = epoch;
          d[k] = key;
          pred[k] = i;
          predEdge[k] = e;
          if (colToRow[k] < 0) {
            if (key <= delta) {
              // A free column at the current minimum distance: nothing can be shorter.
              endOfPath = k;
              dEnd = key;
              break;
            }
            if (key < freeKey) {
              freeKey = key;
              freeCol = k;
            }
          }
          if (buckets) buckets.push(k, key);
          else heap.push(k, key);
        }
      }
      if (endOfPath >= 0) break;
    }
    if (endOfPath < 0 && freeCol >= 0) {
      endOfPath = freeCol;
      dEnd = freeKey;
    }
    if (endOfPath < 0)
      throw new InfeasibleAssignmentError(
        'no perfect assignment exists (the bipartite graph has no perfect matching)',
      );
    for (let k = 0; k < numScanned; k++) {
      const j = scannedList[k];
      v[j] += d[j] - dEnd;
    }
    for (;;) {
      const i = pred[endOfPath];
      colToRow[endOfPath] = i;
      assignedCost[i] = costs[predEdge[endOfPath]];
      const j1 = endOfPath;
      endOfPath = rowToCol[i];
      rowToCol[i] = j1;
      if (i === freeRow) break;
    }
  }

  for (let i = 0; i < n; i++) u[i] = assignedCost[i] - v[rowToCol[i]];
  return { rowToCol, colToRow, u, v };
}

function isIntegral(a: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (!Number.isInteger(a[k])) return false;
  return true;
}

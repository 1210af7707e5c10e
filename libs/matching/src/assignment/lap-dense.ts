import { DenseAssignmentProblem } from './assignment.types';

export interface RawAssignment {
  rowToCol: Int32Array;
  colToRow: Int32Array;
  u: Float64Array;
  v: Float64Array;
}

/**
 * Jonker–Volgenant (1987) shortest augmenting path for a dense square matrix: column reduction,
 * reduction transfer, two rounds of augmenting row reduction, then one Dijkstra-like augmentation
 * per remaining free row. O(n^3) worst case, usually far less. Costs must be finite.
 */
export function solveDenseRaw(problem: DenseAssignmentProblem): RawAssignment {
  const { n, costs: c } = problem;
  const rowToCol = new Int32Array(n).fill(-1);
  const colToRow = new Int32Array(n).fill(-1);
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  if (n === 0) return { rowToCol, colToRow, u, v };

  const matches = new Int32Array(n);
  const free = new Int32Array(n);
  let numFree = 0;

  // Column reduction. Column minima are gathered row by row (cache friendly); ties keep the
  // smallest row index, as a column scan would.
  const colMin = new Float64Array(n).fill(Infinity);
  const colArg = new Int32Array(n);
  for (let i = 0, o = 0; i < n; i++, o += n) {
    for (let j = 0; j < n; j++) {
      const h = c[o + j];
      if (h < colMin[j]) {
        colMin[j] = h;
        colArg[j] = i;
      }
    }
  }
  for (let j = n - 1; j >= 0; j--) {
    const min = colMin[j];
    const imin = colArg[j];
    v[j] = min;
    if (++matches[imin] === 1) {
      rowToCol[imin] = j;
      colToRow[j] = imin;
    } else if (v[j] < v[rowToCol[imin]]) {
      const j1 = rowToCol[imin];
      rowToCol[imin] = j;
      colToRow[j] = imin;
      colToRow[j1] = -1;
    } else {
      colToRow[j] = -1;
    }
  }

  // Reduction transfer.
  for (let i = 0; i < n; i++) {
    if (matches[i] === 0) {
      free[numFree++] = i;
    } else if (matches[i] === 1) {
      const j1 = rowToCol[i];
      let min = Infinity;
      const o = i * n;
      for (let j = 0; j < n; j++) {
        if (j !== j1) {
          const h = c[o + j] - v[j];
          if (h < min) min = h;
        }
      }
      if (min !== Infinity) v[j1] -= min;
    } else {
      // Row matched several columns in column reduction; it keeps one, the others were freed.
      // A row left with rowToCol = -1 is impossible here: it kept the last better column.
    }
  }
  // Rows that matched several columns keep one; columns released there are free.

  // Augmenting row reduction (two rounds).
  for (let loop = 0; loop < 2 && n > 1; loop++) {
    let k = 0;
    const prevNumFree = numFree;
    numFree = 0;
    while (k < prevNumFree) {
      const i = free[k++];
      const o = i * n;
      let umin = c[o] - v[0];
      let j1 = 0;
      let j2 = 0;
      let usubmin = Infinity;
      for (let j = 1; j < n; j++) {
        const h = c[o + j] - v[j];
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
      if (umin < usubmin) {
        v[j1] -= usubmin - umin;
      } else if (i0 > -1) {
        j1 = j2;
        i0 = colToRow[j2];
      }
      if (rowToCol[i] >= 0 && colToRow[rowToCol[i]] === i) colToRow[rowToCol[i]] = -1;
      rowToCol[i] = j1;
      colToRow[j1] = i;
      if (i0 > -1) {
        rowToCol[i0] = -1;
        if (umin < usubmin) free[--k] = i0;
        else free[numFree++] = i0;
      }
    }
  }

  // Augmentation.
  const d = new Float64Array(n);
  const pred = new Int32Array(n);
  const colList = new Int32Array(n);
  for (let f = 0; f < numFree; f++) {
    const freeRow = free[f];
    const of = freeRow * n;
    for (let j = 0; j < n; j++) {
      d[j] = c[of + j] - v[j];
      pred[j] = freeRow;
      colList[j] = j;
    }
    let low = 0;
    let up = 0;
    let last = 0;
    let min = 0;
    let endOfPath = -1;
    for (;;) {
      if (up === low) {
        last = low - 1;
        min = d[colList[up++]];
        for (let k = up; k < n; k++) {
          const j = colList[k];
          const h = d[j];
          if (h <= min) {
            if (h < min) {
              up = low;
              min = h;
            }
            colList[k] = colList[up];
            colList[up++] = j;
          }
        }
        for (let k = low; k < up; k++) {
          if (colToRow[colList[k]] < 0) {
            endOfPath = colList[k];
            break;
          }
        }
        if (endOfPath >= 0) break;
      }
      const j1 = colList[low++];
      const i = colToRow[j1];
      const oi = i * n;
      const h = c[oi + j1] - v[j1] - min;
      for (let k = up; k < n; k++) {
        const j = colList[k];
        const v2 = c[oi + j] - v[j] - h;
        if (v2 < d[j]) {
          pred[j] = i;
          if (v2 === min) {
            if (colToRow[j] < 0) {
              endOfPath = j;
              break;
            }
            colList[k] = colList[up];
            colList[up++] = j;
          }
          d[j] = v2;
        }
      }
      if (endOfPath >= 0) break;
    }
    // Update column prices of the scanned columns.
    for (let k = 0; k <= last; k++) {
      const j1 = colList[k];
      v[j1] += d[j1] - min;
    }
    // Augment along the alternating path.
    for (;;) {
      const i = pred[endOfPath];
      colToRow[endOfPath] = i;
      const j1 = endOfPath;
      endOfPath = rowToCol[i];
      rowToCol[i] = j1;
      if (i === freeRow) break;
    }
  }

  for (let i = 0; i < n; i++) {
    const j = rowToCol[i];
    u[i] = c[i * n + j] - v[j];
  }
  return { rowToCol, colToRow, u, v };
}

import { AssignmentProblem, DenseAssignmentProblem } from './assignment.types';
import { sparseFromTriples } from './solve-assignment';

/** Thrown for a file that is not a valid OR-Library assignment instance. */
export class MalformedInstanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedInstanceError';
  }
}

export type OrLibFormat = 'auto' | 'dense' | 'sparse';

/**
 * Reads whitespace-separated integers from bytes (ASCII). Rejects anything else with the line
 * number, so a malformed file fails clearly instead of being misread.
 */
export function readIntegers(bytes: Uint8Array): Float64Array {
  let out = new Float64Array(Math.max(16, bytes.length >> 2));
  let count = 0;
  let line = 1;
  const len = bytes.length;
  let p = 0;
  while (p < len) {
    let ch = bytes[p];
    if (ch === 10) {
      line++;
      p++;
      continue;
    }
    if (ch === 32 || ch === 9 || ch === 13 || ch === 12 || ch === 11) {
      p++;
      continue;
    }
    let sign = 1;
    if (ch === 45 || ch === 43) {
      sign = ch === 45 ? -1 : 1;
      p++;
      ch = p < len ? bytes[p] : 0;
    }
    if (ch < 48 || ch > 57) {
      throw new MalformedInstanceError(
        `line ${line}: expected an integer, found ${describeByte(ch, p >= len)}`,
      );
    }
    let value = 0;
    while (p < len) {
      ch = bytes[p];
      if (ch >= 48 && ch <= 57) {
        value = value * 10 + (ch - 48);
        p++;
      } else break;
    }
    if (p < len && !(ch === 32 || ch === 10 || ch === 9 || ch === 13 || ch === 12 || ch === 11)) {
      throw new MalformedInstanceError(
        `line ${line}: expected an integer, found ${describeByte(ch, false)} inside a number`,
      );
    }
    if (value > Number.MAX_SAFE_INTEGER) throw new MalformedInstanceError(`line ${line}: integer too large`);
    if (count === out.length) {
      const bigger = new Float64Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    out[count++] = sign * value;
  }
  return out.subarray(0, count);
}

function describeByte(ch: number, eof: boolean): string {
  if (eof) return 'end of file';
  if (ch >= 33 && ch <= 126) return `'${String.fromCharCode(ch)}'`;
  return `byte 0x${ch.toString(16).padStart(2, '0')}`;
}

/**
 * Parses Beasley's OR-Library assignment format: `n`, then either the dense n×n matrix row by
 * row or sparse triples `i j c` (1-based). `auto` picks dense when exactly n² numbers follow,
 * sparse when the count is a multiple of 3, and fails otherwise. When n² numbers could be either
 * (n a multiple of 3), it reads triples if every line after the first holds exactly three numbers
 * and they form distinct in-range pairs; `--format` overrides the guess.
 */
export function parseOrLibAssignment(
  bytes: Uint8Array | string,
  format: OrLibFormat = 'auto',
): AssignmentProblem {
  const raw = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const data = readIntegers(raw);
  if (data.length === 0) throw new MalformedInstanceError('empty file: expected n followed by costs');
  const n = data[0];
  if (!Number.isInteger(n) || n < 1)
    throw new MalformedInstanceError(`n must be a positive integer, got ${n}`);
  if (n > 1e6) throw new MalformedInstanceError(`n = ${n} is too large`);
  const rest = data.length - 1;
  let kind: 'dense' | 'sparse';
  if (format === 'auto' && rest === n * n && rest % 3 === 0 && looksLikeTriples(raw, data, n))
    kind = 'sparse';
  else if (format === 'dense' || (format === 'auto' && rest === n * n)) kind = 'dense';
  else if (format === 'sparse' || (format === 'auto' && rest % 3 === 0)) kind = 'sparse';
  else
    throw new MalformedInstanceError(
      `after n = ${n} there are ${rest} numbers: neither a dense ${n}×${n} matrix (${n * n}) nor whole sparse triples (a multiple of 3)`,
    );
  if (kind === 'dense') {
    if (rest !== n * n)
      throw new MalformedInstanceError(`dense format needs ${n * n} costs after n = ${n}, found ${rest}`);
    const costs = new Float64Array(data.subarray(1));
    const problem: DenseAssignmentProblem = { kind: 'dense', n, costs, integral: true };
    return problem;
  }
  if (rest % 3 !== 0)
    throw new MalformedInstanceError(`sparse format needs triples "i j c", found ${rest} numbers after n`);
  const m = rest / 3;
  const rows = new Int32Array(m);
  const cols = new Int32Array(m);
  const costs = new Float64Array(m);
  for (let k = 0, p = 1; k < m; k++, p += 3) {
    const i = data[p];
    const j = data[p + 1];
    if (i < 1 || i > n || j < 1 || j > n) {
      throw new MalformedInstanceError(
        `triple ${k + 1} (${i} ${j} ${data[p + 2]}): row and column must be in 1..${n}`,
      );
    }
    rows[k] = i - 1;
    cols[k] = j - 1;
    costs[k] = data[p + 2];
  }
  return { ...sparseFromTriples(n, rows, cols, costs), integral: true };
}

/** Every line after the one holding n has exactly 3 integers, and they are distinct in-range pairs. */
function looksLikeTriples(bytes: Uint8Array, data: Float64Array, n: number): boolean {
  let line = 0;
  let tokens = 0;
  let inToken = false;
  for (let p = 0; p <= bytes.length; p++) {
    const ch = p < bytes.length ? bytes[p] : 10;
    if (ch === 10) {
      if (inToken) tokens++;
      inToken = false;
      if (line > 0 && tokens !== 0 && tokens !== 3) return false;
      if (tokens > 0) line++;
      if (line === 1 && tokens !== 1) return false;
      tokens = 0;
    } else if (ch === 32 || ch === 9 || ch === 13 || ch === 12 || ch === 11) {
      if (inToken) tokens++;
      inToken = false;
    } else inToken = true;
  }
  const seen = new Set<number>();
  for (let p = 1; p + 2 < data.length; p += 3) {
    const i = data[p];
    const j = data[p + 1];
    if (i < 1 || i > n || j < 1 || j > n) return false;
    const key = (i - 1) * n + (j - 1);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

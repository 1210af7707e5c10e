/**
 * The solve-assignment command (entry point: solve-assignment.ts).
 *
 * Solves a linear assignment problem in Beasley's OR-Library format with the engine's own solver
 * and prints the minimal total cost as the last line (or, with --json, one JSON line with the
 * cost, the 1-based assignment and the milliseconds spent reading, parsing and solving).
 * Exit codes: 0 solved, 1 usage or unreadable file, 2 malformed file, 3 infeasible instance.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  InfeasibleAssignmentError,
  MalformedInstanceError,
  OrLibFormat,
  parseOrLibAssignment,
  solveAssignment,
} from '../index';

const USAGE = 'usage: solve-assignment FILE [--json] [--format auto|dense|sparse]';

/** Runs the command; returns the exit code. Output goes through `out` and `err` (one line each call). */
export function runSolveAssignment(
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): number {
  let file: string | undefined;
  let json = false;
  let format: OrLibFormat = 'auto';
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--json') json = true;
    else if (a === '--format') {
      const f = argv[++k];
      if (f !== 'auto' && f !== 'dense' && f !== 'sparse') {
        err(`error: --format must be auto, dense or sparse\n${USAGE}`);
        return 1;
      }
      format = f;
    } else if (a === '--help' || a === '-h') {
      out(USAGE);
      return 0;
    } else if (a.startsWith('--')) {
      err(`error: unknown option ${a}\n${USAGE}`);
      return 1;
    } else if (file === undefined) file = a;
    else {
      err(`error: more than one file given\n${USAGE}`);
      return 1;
    }
  }
  if (file === undefined) {
    err(`error: no file given\n${USAGE}`);
    return 1;
  }

  const t0 = performance.now();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (readError) {
    err(`error: cannot read ${file}: ${(readError as Error).message}`);
    return 1;
  }
  const t1 = performance.now();
  try {
    const problem = parseOrLibAssignment(bytes, format);
    const t2 = performance.now();
    const solution = solveAssignment(problem);
    const t3 = performance.now();
    const readMs = round(t1 - t0);
    const parseMs = round(t2 - t1);
    const solveMs = round(t3 - t2);
    if (json) {
      const assignment = Array.from(solution.rowToCol, (j) => j + 1);
      out(
        JSON.stringify({
          file,
          n: problem.n,
          format: problem.kind,
          cost: solution.cost,
          assignment,
          readMs,
          parseMs,
          solveMs,
          certificate: solution.certificate.message,
        }),
      );
    } else {
      out(`instance: ${file} (${problem.kind}, n = ${problem.n})`);
      out(`read ${readMs} ms, parse ${parseMs} ms, solve ${solveMs} ms (including certificate)`);
      out(`certificate: ${solution.certificate.message}`);
      out(String(solution.cost));
    }
    return 0;
  } catch (failure) {
    if (failure instanceof MalformedInstanceError) {
      err(`error: malformed instance ${file}: ${failure.message}`);
      return 2;
    }
    if (failure instanceof InfeasibleAssignmentError) {
      err(`error: infeasible instance ${file}: ${failure.message}`);
      return 3;
    }
    throw failure;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

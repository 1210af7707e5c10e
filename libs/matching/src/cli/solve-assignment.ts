/**
 * `npm run -s solve:assignment -- FILE [--json] [--format auto|dense|sparse]`
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

function main(argv: string[]): number {
  let file: string | undefined;
  let json = false;
  let format: OrLibFormat = 'auto';
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--json') json = true;
    else if (a === '--format') {
      const f = argv[++k];
      if (f !== 'auto' && f !== 'dense' && f !== 'sparse') {
        console.error(`error: --format must be auto, dense or sparse\n${USAGE}`);
        return 1;
      }
      format = f;
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith('--')) {
      console.error(`error: unknown option ${a}\n${USAGE}`);
      return 1;
    } else if (file === undefined) file = a;
    else {
      console.error(`error: more than one file given\n${USAGE}`);
      return 1;
    }
  }
  if (file === undefined) {
    console.error(`error: no file given\n${USAGE}`);
    return 1;
  }

  const t0 = performance.now();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    console.error(`error: cannot read ${file}: ${(err as Error).message}`);
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
      console.log(
        JSON.stringify({ file, n: problem.n, format: problem.kind, cost: solution.cost, assignment, readMs, parseMs, solveMs, certificate: solution.certificate.message }),
      );
    } else {
      console.log(`instance: ${file} (${problem.kind}, n = ${problem.n})`);
      console.log(`read ${readMs} ms, parse ${parseMs} ms, solve ${solveMs} ms (including certificate)`);
      console.log(`certificate: ${solution.certificate.message}`);
      console.log(String(solution.cost));
    }
    return 0;
  } catch (err) {
    if (err instanceof MalformedInstanceError) {
      console.error(`error: malformed instance ${file}: ${err.message}`);
      return 2;
    }
    if (err instanceof InfeasibleAssignmentError) {
      console.error(`error: infeasible instance ${file}: ${err.message}`);
      return 3;
    }
    throw err;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

process.exitCode = main(process.argv.slice(2));

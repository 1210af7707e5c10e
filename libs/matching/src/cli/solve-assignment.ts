/**
 * `npm run -s solve:assignment -- FILE [--json] [--format auto|dense|sparse]`
 *
 * Solves a linear assignment problem in Beasley's OR-Library format with the engine's own solver
 * and prints the minimal total cost as the last line (or, with --json, one JSON line with the
 * cost, the 1-based assignment and the milliseconds spent reading, parsing and solving).
 * Exit codes: 0 solved, 1 usage or unreadable file, 2 malformed file, 3 infeasible instance.
 */
import { runSolveAssignment } from './solve-assignment.command';

process.exitCode = runSolveAssignment(process.argv.slice(2));

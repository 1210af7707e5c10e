import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOrLibAssignment, solveAssignment } from '../index';
import { runSolveAssignment } from './solve-assignment.command';

// The small instances (and the optima of all twelve) are committed in libs/matching/test-fixtures;
// ORLIB_DIR points at a folder with the whole set, and then every instance is solved.
const ORLIB = process.env.ORLIB_DIR ?? join(__dirname, '../../test-fixtures/orlib');
const COMMITTED = ['assign100', 'assign200', 'assign300', 'assignp800'];

function publishedOptima(): Map<string, number> {
  const text = readFileSync(join(ORLIB, 'assignopt.txt'), 'utf8');
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(assign\S+)\s+(\d+)\s*$/.exec(line.trim());
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

describe('OR-Library assignment instances', () => {
  const optima = publishedOptima();

  it('lists all 12 instances with their published optimum', () => {
    expect(optima.size).toBe(12);
  });

  it.each(process.env.ORLIB_DIR ? [...publishedOptima().keys()] : COMMITTED)(
    '%s: reproduces the published optimum with a valid certificate',
    (name) => {
      const problem = parseOrLibAssignment(readFileSync(join(ORLIB, `${name}.txt`)));
      const solution = solveAssignment(problem);
      expect(solution.cost).toBe(optima.get(name));
      expect(solution.certificate.ok).toBe(true);
      expect(solution.certificate.dualObjective).toBe(solution.cost);
    },
  );
});

describe('solve-assignment command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lap-'));
  const run = (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runSolveAssignment(
      args,
      (l) => out.push(l),
      (l) => err.push(l),
    );
    return { code, out, err };
  };
  const file = (name: string, text: string): string => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('prints the minimal cost as the last line', () => {
    const r = run([file('dense.txt', '3\n4 1 3\n2 0 5\n3 2 2\n')]);
    expect(r.code).toBe(0);
    expect(r.out[r.out.length - 1]).toBe('5');
  });

  it('prints one JSON line with cost, 1-based assignment and timings', () => {
    const r = run([file('sparse.txt', '2\n1 1 5\n1 2 1\n2 1 2\n'), '--json']);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    const json = JSON.parse(r.out[0]);
    expect(json).toMatchObject({ cost: 3, assignment: [2, 1], format: 'sparse' });
    expect(typeof json.parseMs).toBe('number');
    expect(typeof json.solveMs).toBe('number');
  });

  it('rejects a malformed file with exit code 2 and a clear message', () => {
    const r = run([file('bad.txt', '2\n1 2\n3 x\n')]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/malformed.*line 3.*'x'/);
    expect(run([file('short.txt', '3\n1 2 3 4\n')]).code).toBe(2);
    expect(run([file('range.txt', '2\n1 3 4\n2 1 1\n')]).err[0]).toMatch(/1\.\.2/);
  });

  it('rejects an infeasible sparse file with exit code 3', () => {
    const r = run([file('infeasible.txt', '2\n1 1 1\n2 1 1\n')]);
    expect(r.code).toBe(3);
    expect(r.err[0]).toMatch(/infeasible/);
  });

  it('fails with exit code 1 on usage errors and unreadable files', () => {
    expect(run([]).code).toBe(1);
    expect(run([join(dir, 'missing.txt')]).code).toBe(1);
    expect(run(['--bogus']).code).toBe(1);
  });
});

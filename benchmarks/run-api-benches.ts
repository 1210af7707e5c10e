/**
 * `npm run bench:api`: runs every API scenario, `benchmarks/api*.bench.ts` (compiled to
 * `dist/benchmarks/api*.bench.js`), one after the other, each in its own process. A new scenario
 * is a new file with that name; see benchmarks/support/api-bench.ts for the shared harness.
 *
 *   npm run bench:api                 every scenario
 *   npm run bench:api -- reads        only the scenarios whose name contains "reads"
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';

const filters = process.argv.slice(2);
const scenarios = readdirSync(__dirname)
  .filter((file) => /^api.*\.bench\.js$/.test(file))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (scenarios.length === 0) {
  console.error(`No API bench scenario matches ${filters.join(', ')}`);
  process.exit(1);
}

console.log(`# API benchmarks — node ${process.version}, ${cpus().length} cores\n`);
let failed = 0;
for (const file of scenarios) {
  console.log(`\n<!-- ${file} -->`);
  const result = spawnSync(process.execPath, [`${__dirname}/${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

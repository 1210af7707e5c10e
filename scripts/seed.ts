import { parseArgs } from 'node:util';
import { loadConfigForScripts } from './script-config';
import { DEFAULT_SEED } from './seed/generate';
import { eligibilityLines } from './seed/eligibility';
import { loginLines, printProgress, summaryLines } from './seed/report';
import { demoPassword, demoToday, seedDatabase } from './seed/seed-database';

const USAGE = `Usage: npm run seed [-- --seed N] [-- --reset]

Fills the database (DATABASE_URL) with the synthetic Dutch demo data set: regions, companies,
schools, Hybride Techniekcentra, 1,000 hybrid teachers, about 1,500 teaching requests and demo
logins. The same seed always gives the same data (default seed ${DEFAULT_SEED}).

  --seed N   generate from random seed N (a whole number)
  --reset    first delete ALL marketplace data (TRUNCATE … CASCADE); without it the seed
             refuses to run on a database that already holds organisations
  --help     show this text

Every login gets the password from HM_DEMO_PASSWORD (default "hybridmatch-demo").`;

/** `npm run seed`: see USAGE. Run `npm run migration:run` first. */
async function main(): Promise<void> {
  const { values } = parseCommandLine();
  if (values.help) return console.log(USAGE);
  const seed = parseSeed(values.seed);
  const { databaseUrl } = loadConfigForScripts();
  const password = demoPassword();

  console.log(
    `Seeding ${new URL(databaseUrl).pathname.slice(1)} from seed ${seed}${values.reset ? ' (after deleting all marketplace data)' : ''}:`,
  );
  const { data, seconds, eligibility } = await seedDatabase({
    databaseUrl,
    seed,
    reset: values.reset,
    today: demoToday(),
    password,
    onProgress: printProgress(),
  });
  console.log(`Done in ${seconds.toFixed(1)} s:`);
  for (const line of [...summaryLines(data), ...eligibilityLines(eligibility), ...loginLines(data, password)])
    console.log(line);
}

/** A wrong command line: the message is followed by the usage text. */
class UsageError extends Error {}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        seed: { type: 'string' },
        reset: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseSeed(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SEED;
  if (!/^\d{1,9}$/.test(value))
    throw new UsageError(`--seed must be a whole number (0 to 999999999), not "${value}"`);
  return Number(value);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  if (error instanceof UsageError) console.error(`\n${USAGE}`);
  process.exit(1);
});

import { loadConfigForScripts } from './script-config';
import { ensureDatabase, runMigrations } from '@hybridmatch/database';

/** `npm run migration:run`: creates the database when missing, then runs pending migrations. */
async function main(): Promise<void> {
  const { databaseUrl } = loadConfigForScripts();
  if (await ensureDatabase(databaseUrl))
    console.log(`Created database ${new URL(databaseUrl).pathname.slice(1)}`);
  const ran = await runMigrations(databaseUrl);
  console.log(ran.length ? `Ran ${ran.length} migration(s): ${ran.join(', ')}` : 'Schema is up to date.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

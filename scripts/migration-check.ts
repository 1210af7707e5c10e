import { randomBytes } from 'node:crypto';
import {
  dropDatabase,
  ensureDatabase,
  pendingSchemaChanges,
  runMigrations,
  withDatabase,
} from '@hybridmatch/database';
import { loadConfigForScripts } from './script-config';

/**
 * CI's migration-drift check: migrate a fresh scratch database, then ask TypeORM what
 * `migration:generate` would write. Anything at all means the entities and migrations disagree.
 */
async function main(): Promise<void> {
  const url = withDatabase(loadConfigForScripts().databaseUrl, `hm_drift_${randomBytes(4).toString('hex')}`);
  await ensureDatabase(url);
  try {
    await runMigrations(url);
    const drift = await pendingSchemaChanges(url);
    if (drift.length > 0) {
      console.error(`Migration drift: the entities need ${drift.length} statement(s) no migration has:`);
      for (const statement of drift) console.error(`  ${statement}`);
      process.exitCode = 1;
    } else {
      console.log('No migration drift: generating a migration from the entities yields nothing.');
    }
  } finally {
    await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

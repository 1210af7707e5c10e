import { dropDatabase, withDatabase } from '../libs/database/src/admin/database-admin';
import type { PostgresChoice } from '../libs/database/src/admin/embedded-postgres';
import { TEST_BASE_DATABASE_URL } from './support/test-env';

export default async function globalTeardown(): Promise<void> {
  // Set by the global setup when it started an embedded PostgreSQL (jest shares globals between the two).
  const embedded = (globalThis as { hmEmbeddedPostgres?: PostgresChoice }).hmEmbeddedPostgres;
  const name = process.env.HM_TEST_TEMPLATE_DATABASE;
  if (name) await dropDatabase(withDatabase(embedded?.url ?? TEST_BASE_DATABASE_URL, name));
  await embedded?.stop();
}

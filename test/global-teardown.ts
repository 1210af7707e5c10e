import { dropDatabase, withDatabase } from '../libs/database/src/admin/database-admin';
import { TEST_BASE_DATABASE_URL } from './support/test-env';

export default async function globalTeardown(): Promise<void> {
  const name = process.env.HM_TEST_TEMPLATE_DATABASE;
  if (name) await dropDatabase(withDatabase(TEST_BASE_DATABASE_URL, name));
}

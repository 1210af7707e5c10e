import { randomBytes } from 'node:crypto';
import { ensureDatabase, runMigrations, withDatabase } from '../libs/database/src/admin/database-admin';
import { TEST_BASE_DATABASE_URL } from './support/test-env';

/**
 * Migrates one template database per test run; every test file then gets its own copy
 * (CREATE DATABASE … TEMPLATE), so files never share data and run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  const name = `hm_test_tpl_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(TEST_BASE_DATABASE_URL, name);
  await ensureDatabase(url);
  await runMigrations(url);
  process.env.HM_TEST_TEMPLATE_DATABASE = name;
}

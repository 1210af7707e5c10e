import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_BASE_DATABASE_URL } from '../../../../test/support/test-env';
import { ensureDatabase, runMigrations, withDatabase } from './database-admin';
import { answers, postgresOrEmbedded } from './embedded-postgres';

/** A port on 127.0.0.1 where nothing listens (the clean machine's default address). */
const CLOSED = 'postgres://postgres@127.0.0.1:1/hybridmatch_zero_setup';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('zero setup: PostgreSQL, configured or embedded (e2e)', () => {
  it('uses the configured server when it answers, and starts nothing', async () => {
    const choice = await postgresOrEmbedded(TEST_BASE_DATABASE_URL);
    expect(choice).toMatchObject({ mode: 'configured', url: TEST_BASE_DATABASE_URL });
    expect(choice.description).toMatch(/^PostgreSQL: 127\.0\.0\.1:\d+ \(configured\)$/);
  });

  it('leaves another host as configured: never probed, never replaced', async () => {
    const remote = 'postgres://postgres@db.internal.invalid:5432/hybridmatch';
    await expect(postgresOrEmbedded(remote)).resolves.toMatchObject({ mode: 'configured', url: remote });
  });

  it('starts an embedded PostgreSQL in its data folder when nothing answers, migrates it, and stops it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hm-embedded-pg-'));
    const choice = await postgresOrEmbedded(CLOSED, { dataDir });
    try {
      expect(choice.mode).toBe('embedded');
      expect(choice.description).toContain('embedded, because nothing answered at 127.0.0.1:1');
      expect(choice.description).toContain(`data in ${dataDir}`);
      const url = new URL(choice.url);
      expect(url.pathname).toBe('/hybridmatch_zero_setup');
      // The product's own schema, every migration (exclusion constraints, btree_gist) included.
      await ensureDatabase(choice.url);
      const ran = await runMigrations(choice.url);
      expect(ran.length).toBeGreaterThan(10);
      const [row] = await query<{ lessons: string }>(
        withDatabase(choice.url, 'hybridmatch_zero_setup'),
        `SELECT to_regclass('lesson')::text AS lessons`,
      );
      expect(row.lessons).toBe('lesson');
    } finally {
      await choice.stop();
    }
    expect(await answers('127.0.0.1', Number(new URL(choice.url).port))).toBe(false);
    // Started again on the same folder, the data is still there (no second initdb).
    const again = await postgresOrEmbedded(CLOSED, { dataDir });
    try {
      const [row] = await query<{ migrations: number }>(
        again.url,
        `SELECT count(*)::int AS migrations FROM typeorm_migration`,
      );
      expect(row.migrations).toBeGreaterThan(10);
    } finally {
      await again.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

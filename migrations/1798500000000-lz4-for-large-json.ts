/**
 * The large values a match run writes are compressed with lz4 instead of PostgreSQL's default
 * pglz: a national region's unfilled explanations (~7 MB of JSON in one value), the proposals'
 * explanations and the outbox's e-mail bodies. lz4 compresses several times faster and, on these
 * values, smaller (unfilled: 5.4 MB stored with pglz, 2.8 MB with lz4), so the store transaction
 * spends less time compressing and writes less WAL. Existing values keep their compression until
 * rewritten; readers see no difference. Left as it is on a server built without lz4.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS: [table: string, column: string][] = [
  ['match_run', 'unfilled'],
  ['match_run', 'shortage'],
  ['proposal', 'explanation'],
  ['notification', 'body_text'],
];

export class Lz4ForLargeJson1798500000000 implements MigrationInterface {
  name = 'Lz4ForLargeJson1798500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const supported = (await queryRunner.query(
      `SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)`,
    )) as unknown[];
    if (supported.length === 0) return;
    for (const [table, column] of COLUMNS)
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET COMPRESSION lz4`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS)
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET COMPRESSION default`);
  }
}

/**
 * A run's unfilled blocks and shortage signals are written once and read whole (never queried
 * inside), so they are stored as `json` (the text, checked) rather than `jsonb` (a parsed tree):
 * writing a national region's unfilled blocks (~3 MB) no longer builds the tree (~110 ms of the
 * store transaction, with the run's region lock held), and reading it no longer serialises it
 * back. Values keep their content; jsonb had ordered the keys of each object, json keeps them as
 * written (readers never depended on the order). A column's type change resets its compression,
 * so lz4 (migration 1798500000000) is set again where the server has it.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchRunWholeValuesAsJson1798700000000 implements MigrationInterface {
  name = 'MatchRunWholeValuesAsJson1798700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "match_run" ALTER COLUMN "unfilled" TYPE json USING "unfilled"::json, ALTER COLUMN "shortage" TYPE json USING "shortage"::json`,
    );
    if (await hasLz4(queryRunner))
      await queryRunner.query(
        `ALTER TABLE "match_run" ALTER COLUMN "unfilled" SET COMPRESSION lz4, ALTER COLUMN "shortage" SET COMPRESSION lz4`,
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "match_run" ALTER COLUMN "unfilled" TYPE jsonb USING "unfilled"::jsonb, ALTER COLUMN "shortage" TYPE jsonb USING "shortage"::jsonb`,
    );
    if (await hasLz4(queryRunner))
      await queryRunner.query(
        `ALTER TABLE "match_run" ALTER COLUMN "unfilled" SET COMPRESSION lz4, ALTER COLUMN "shortage" SET COMPRESSION lz4`,
      );
  }
}

async function hasLz4(queryRunner: QueryRunner): Promise<boolean> {
  const rows = (await queryRunner.query(
    `SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)`,
  )) as unknown[];
  return rows.length > 0;
}

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

  public up(queryRunner: QueryRunner): Promise<void> {
    return retype(queryRunner, 'json');
  }

  public down(queryRunner: QueryRunner): Promise<void> {
    return retype(queryRunner, 'jsonb');
  }
}

const COLUMNS = ['unfilled', 'shortage'];

/** Changes both columns' type, then sets their lz4 again (a type change resets it) where the server has it. */
async function retype(queryRunner: QueryRunner, type: 'json' | 'jsonb'): Promise<void> {
  const each = (change: (column: string) => string) =>
    `ALTER TABLE "match_run" ${COLUMNS.map((column) => `ALTER COLUMN "${column}" ${change(column)}`).join(', ')}`;
  await queryRunner.query(each((column) => `TYPE ${type} USING "${column}"::${type}`));
  if (await hasLz4(queryRunner)) await queryRunner.query(each(() => 'SET COMPRESSION lz4'));
}

async function hasLz4(queryRunner: QueryRunner): Promise<boolean> {
  const rows = (await queryRunner.query(
    `SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)`,
  )) as unknown[];
  return rows.length > 0;
}

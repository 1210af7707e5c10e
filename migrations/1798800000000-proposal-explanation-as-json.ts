/**
 * A proposal's explanation (~5 KB of JSON: the score's parts, the rules checked, the teachers
 * considered) is written once and read whole, except for the considered teachers' ids, which a
 * coordinator's read takes out of it. Stored as `json` (the text, checked) instead of `jsonb` (a
 * parsed tree), a match run's ~1,000 explanations are no longer parsed into trees in the store
 * transaction (~110 ms of a national region's), and reads no longer serialise them back. A
 * column's type change resets its compression, so lz4 (migration 1798500000000) is set again where
 * the server has it.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposalExplanationAsJson1798800000000 implements MigrationInterface {
  name = 'ProposalExplanationAsJson1798800000000';

  public up(queryRunner: QueryRunner): Promise<void> {
    return retype(queryRunner, 'json');
  }

  public down(queryRunner: QueryRunner): Promise<void> {
    return retype(queryRunner, 'jsonb');
  }
}

/** Changes the column's type (its default with it), then sets its lz4 again (a type change resets it) where the server has it. */
async function retype(queryRunner: QueryRunner, type: 'json' | 'jsonb'): Promise<void> {
  await queryRunner.query(
    `ALTER TABLE "proposal" ALTER COLUMN "explanation" DROP DEFAULT, ALTER COLUMN "explanation" TYPE ${type} USING "explanation"::${type}, ALTER COLUMN "explanation" SET DEFAULT '{}'`,
  );
  if (await hasLz4(queryRunner))
    await queryRunner.query(`ALTER TABLE "proposal" ALTER COLUMN "explanation" SET COMPRESSION lz4`);
}

async function hasLz4(queryRunner: QueryRunner): Promise<boolean> {
  const rows = (await queryRunner.query(
    `SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)`,
  )) as unknown[];
  return rows.length > 0;
}

/**
 * Match runs keep every lesson block they left unfilled with the reasons (rule counts, nearest
 * misses, why eligible teachers were held back), as one JSON document per run.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchRunUnfilled1796291208001 implements MigrationInterface {
  name = 'MatchRunUnfilled1796291208001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_run" ADD "unfilled" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_run" DROP COLUMN "unfilled"`);
  }
}

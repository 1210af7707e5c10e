/**
 * Match runs keep the shortage signals of their region (which staff profile or extra released day
 * would fill the most, each found by re-solving the region), computed by the worker with the run.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchRunShortage1796293000000 implements MigrationInterface {
  name = 'MatchRunShortage1796293000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_run" ADD "shortage" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_run" DROP COLUMN "shortage"`);
  }
}

/**
 * Match runs interrupted mid-run (issue 9, item 4): `requeues` counts how often a run was given
 * back to the queue after its worker or its database session died; the job id
 * `match-run-<id>-<requeues>` is fresh each time (BullMQ ignores a job id it still keeps).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchRunRequeues1796500000001 implements MigrationInterface {
  name = 'MatchRunRequeues1796500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_run" ADD "requeues" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_run" DROP COLUMN "requeues"`);
  }
}

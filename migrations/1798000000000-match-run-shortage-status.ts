/**
 * Shortage signals in a job of their own (issue 14): a run is stored without them and owes them
 * (`shortage_status` pending, written in the run's store transaction); the `shortage-signals` job
 * computes them and marks them computed, or failed after its last attempt. `shortage_requeues`
 * counts how often the worker's poller queued the job again after it was lost or failed without
 * saying so: the job id `shortage-signals-<run id>-<shortage_requeues>` is fresh each time (BullMQ
 * ignores a job id it still keeps, a failed one included). Runs stored with their signals before
 * this change are computed; other runs owe nothing (null).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchRunShortageStatus1798000000000 implements MigrationInterface {
  name = 'MatchRunShortageStatus1798000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."match_run_shortage_status" AS ENUM('pending', 'computed', 'failed')`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_run" ADD "shortage_status" "public"."match_run_shortage_status"`,
    );
    await queryRunner.query(`ALTER TABLE "match_run" ADD "shortage_requeues" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `UPDATE "match_run" SET "shortage_status" = 'computed' WHERE "shortage" IS NOT NULL`,
    );
    // The poller's question, every 2 s: which runs still owe their signals.
    await queryRunner.query(
      `CREATE INDEX "ix_match_run_shortage_pending" ON "match_run" ("finished_at") WHERE "shortage_status" = 'pending'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_match_run_shortage_pending"`);
    await queryRunner.query(`ALTER TABLE "match_run" DROP COLUMN "shortage_requeues"`);
    await queryRunner.query(`ALTER TABLE "match_run" DROP COLUMN "shortage_status"`);
    await queryRunner.query(`DROP TYPE "public"."match_run_shortage_status"`);
  }
}

/**
 * Match runs: one row per run of the matching engine over a region (parameters, timings, result,
 * error). A partial unique index refuses a second queued or running run for a region; proposals
 * now point at the run that made them (the column existed without a foreign key).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchRuns1795900000002 implements MigrationInterface {
  name = 'MatchRuns1795900000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."match_run_status" AS ENUM('queued', 'running', 'succeeded', 'failed')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."match_run_trigger" AS ENUM('manual', 'schedule')`);
    await queryRunner.query(
      `CREATE TABLE "match_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_id" uuid NOT NULL, "status" "public"."match_run_status" NOT NULL DEFAULT 'queued', "trigger" "public"."match_run_trigger" NOT NULL DEFAULT 'manual', "requested_by_user_id" uuid, "parameters" jsonb NOT NULL DEFAULT '{}', "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "timings" jsonb, "result" jsonb, "error" text, CONSTRAINT "PK_cc817fe400873d2c4664c5daef5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_match_run_region_queued_at" ON "match_run" ("region_id", "queued_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_match_run_active_region" ON "match_run" ("region_id") WHERE "status" IN ('queued', 'running')`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_run" ADD CONSTRAINT "FK_63dd2fc00a4b068735f49b2b72d" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_run" ADD CONSTRAINT "FK_d5304ae10ecbcae2a7d6303dbf8" FOREIGN KEY ("requested_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_d69e4cfe67aa715c6581bad1153" FOREIGN KEY ("match_run_id") REFERENCES "match_run"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_d69e4cfe67aa715c6581bad1153"`);
    await queryRunner.query(`ALTER TABLE "match_run" DROP CONSTRAINT "FK_d5304ae10ecbcae2a7d6303dbf8"`);
    await queryRunner.query(`ALTER TABLE "match_run" DROP CONSTRAINT "FK_63dd2fc00a4b068735f49b2b72d"`);
    await queryRunner.query(`DROP INDEX "public"."uq_match_run_active_region"`);
    await queryRunner.query(`DROP INDEX "public"."ix_match_run_region_queued_at"`);
    await queryRunner.query(`DROP TABLE "match_run"`);
    await queryRunner.query(`DROP TYPE "public"."match_run_trigger"`);
    await queryRunner.query(`DROP TYPE "public"."match_run_status"`);
  }
}

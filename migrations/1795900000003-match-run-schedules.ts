/**
 * Match-run schedules: one row per region with a 5-field cron pattern (read in Europe/Amsterdam),
 * whether it is enabled, and who changed it last. The BullMQ job schedulers are kept in step with
 * this table by the API and the worker; removing a region removes its schedule.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchRunSchedules1795900000003 implements MigrationInterface {
  name = 'MatchRunSchedules1795900000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "match_run_schedule" ("region_id" uuid NOT NULL, "cron" character varying(100) NOT NULL, "timezone" character varying(64) NOT NULL DEFAULT 'Europe/Amsterdam', "enabled" boolean NOT NULL DEFAULT true, "updated_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_a2751e3450bc4ac71040aff3564" PRIMARY KEY ("region_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_run_schedule" ADD CONSTRAINT "FK_a2751e3450bc4ac71040aff3564" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_run_schedule" ADD CONSTRAINT "FK_e010e1b43e2e9f7aaf3875744b8" FOREIGN KEY ("updated_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "match_run_schedule" DROP CONSTRAINT "FK_e010e1b43e2e9f7aaf3875744b8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "match_run_schedule" DROP CONSTRAINT "FK_a2751e3450bc4ac71040aff3564"`,
    );
    await queryRunner.query(`DROP TABLE "match_run_schedule"`);
  }
}

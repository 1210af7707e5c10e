/**
 * Weekly progress snapshots (national and per region), written by the worker's
 * `snapshot-progress` job; one row per week and scope (`national` or the region id).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgressSnapshots1796292448997 implements MigrationInterface {
  name = 'ProgressSnapshots1796292448997';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "progress_snapshot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "week_start" date NOT NULL, "scope_key" character varying(36) NOT NULL, "region_id" uuid, "figures" jsonb NOT NULL, "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bbdd70dd3627532768c2f83062c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_progress_snapshot_week_scope" ON "progress_snapshot" ("week_start", "scope_key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_snapshot" ADD CONSTRAINT "FK_5a6f38b0dceb12f300e9e7397cb" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "progress_snapshot" DROP CONSTRAINT "FK_5a6f38b0dceb12f300e9e7397cb"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_progress_snapshot_week_scope"`);
    await queryRunner.query(`DROP TABLE "progress_snapshot"`);
  }
}

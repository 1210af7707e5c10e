/**
 * Teaching requests say BOL or BBL (DOMAIN.md rule 7, issue 10): a request at an MBO level has a
 * learning path, an HBO request has none. Existing MBO-level requests become BOL, the usual path.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class TeachingRequestLearningPath1796900000000 implements MigrationInterface {
  name = 'TeachingRequestLearningPath1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."learning_path" AS ENUM('BOL', 'BBL')`);
    await queryRunner.query(`ALTER TABLE "teaching_request" ADD "learning_path" "public"."learning_path"`);
    await queryRunner.query(`UPDATE "teaching_request" SET "learning_path" = 'BOL' WHERE "level" <> 'HBO'`);
    await queryRunner.query(
      `ALTER TABLE "teaching_request" ADD CONSTRAINT "ck_teaching_request_learning_path" CHECK (("level" = 'HBO') = ("learning_path" IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "teaching_request" DROP CONSTRAINT "ck_teaching_request_learning_path"`,
    );
    await queryRunner.query(`ALTER TABLE "teaching_request" DROP COLUMN "learning_path"`);
    await queryRunner.query(`DROP TYPE "public"."learning_path"`);
  }
}

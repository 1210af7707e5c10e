/** Why a teaching request was cancelled or closed, by whom and when (was only logged before). */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class TeachingRequestStatusReason1795900000001 implements MigrationInterface {
  name = 'TeachingRequestStatusReason1795900000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "teaching_request" ADD "status_reason" text`);
    await queryRunner.query(`ALTER TABLE "teaching_request" ADD "status_changed_by_user_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "teaching_request" ADD "status_changed_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "teaching_request" DROP COLUMN "status_changed_at"`);
    await queryRunner.query(`ALTER TABLE "teaching_request" DROP COLUMN "status_changed_by_user_id"`);
    await queryRunner.query(`ALTER TABLE "teaching_request" DROP COLUMN "status_reason"`);
  }
}

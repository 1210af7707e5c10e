/**
 * Answering a proposal from the e-mail: a teacher without a login still gets the proposal's
 * e-mail (with the signed answer links), so a notification's recipient is either a user or a
 * teacher profile (its e-mail address), never both and never neither.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnswerLinks1796400000000 implements MigrationInterface {
  name = 'AnswerLinks1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "recipient_user_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "recipient_teacher_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_one_recipient" CHECK (("recipient_user_id" IS NULL) <> ("recipient_teacher_id" IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_c4558b22e9fe7ce0d508880da44" FOREIGN KEY ("recipient_teacher_id") REFERENCES "teacher_profile"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_c4558b22e9fe7ce0d508880da44"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_one_recipient"`);
    await queryRunner.query(`DELETE FROM "notification" WHERE "recipient_user_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "recipient_teacher_id"`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "recipient_user_id" SET NOT NULL`);
  }
}

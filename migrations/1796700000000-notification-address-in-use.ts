/**
 * Inviting an address that already has an account no longer tells the inviter so (account
 * enumeration): the account's owner gets an e-mail of this kind instead.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationAddressInUse1796700000000 implements MigrationInterface {
  name = 'NotificationAddressInUse1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'address_in_use'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notification" WHERE "kind" = 'address_in_use'`);
    await queryRunner.query(`ALTER TYPE "public"."notification_kind" RENAME TO "notification_kind_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."notification_kind" AS ENUM('proposal_new', 'answer_needed', 'all_accepted', 'approved', 'rejected', 'declined', 'expiring_soon', 'cascade_offer', 'withdrawn', 'cancelled', 'invite', 'password_reset')`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ALTER COLUMN "kind" TYPE "public"."notification_kind" USING "kind"::"text"::"public"."notification_kind"`,
    );
    await queryRunner.query(`DROP TYPE "public"."notification_kind_old"`);
  }
}

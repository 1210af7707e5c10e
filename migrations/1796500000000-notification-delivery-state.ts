/**
 * Delivery state of the notification e-mail in the database (issue 9): `sending` while a worker
 * holds a claim (`claimed_at`, `claimed_by` = the job id), `relay_count` so every relay queues a
 * job with a fresh id, and the long-backoff retry of failed rows (`retry_round`, `next_attempt_at`).
 * The enum value is added with IF NOT EXISTS (it cannot be used in the same transaction, and is not).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationDeliveryState1796500000000 implements MigrationInterface {
  name = 'NotificationDeliveryState1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."notification_delivery_status" ADD VALUE IF NOT EXISTS 'sending' BEFORE 'sent'`,
    );
    await queryRunner.query(`ALTER TABLE "notification" ADD "claimed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "claimed_by" character varying(120)`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "relay_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "retry_round" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "ix_notification_retry" ON "notification" ("delivery_status", "next_attempt_at") `,
    );
  }

  /** `sending` stays in the enum (PostgreSQL cannot drop an enum value); rows in it go back to pending. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "notification" SET "delivery_status" = 'pending' WHERE "delivery_status" = 'sending'`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_notification_retry"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "next_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "retry_round"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "relay_count"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "claimed_by"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "claimed_at"`);
  }
}

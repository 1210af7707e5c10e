/**
 * The relay's question, every pass: the oldest pending notifications not yet relayed. The index
 * `ix_notification_relay` (delivery_status, relayed_at) found them, but not in their order, so
 * every batch of 100 read and sorted all unrelayed rows, and, until vacuum, every dead version the
 * relay's own updates left behind: at national scale (~3,800 notifications a region) a pass read
 * tens of thousands of rows. This partial index holds only the unrelayed rows, in relay order, so
 * a batch reads its 100. `ix_notification_relay` stays for the reconciler (pending rows relayed
 * before a time).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationUnrelayedIndex1798600000000 implements MigrationInterface {
  name = 'NotificationUnrelayedIndex1798600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_notification_unrelayed" ON "notification" ("created_at", "id") WHERE "delivery_status" = 'pending' AND "relayed_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_unrelayed"`);
  }
}

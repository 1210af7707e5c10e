/**
 * Two indexes of the notification table held every row for the few that are ever looked up: the
 * retry index (failed rows by their next attempt) and the lesson index (schedule notifications;
 * a match run's proposal notifications have no lesson). A national match run inserts ~3,800
 * notifications in one statement, and each of them went into both. As partial indexes they hold
 * only the failed rows and the rows about a lesson; every query that used them names that
 * condition (`delivery_status = 'failed'`; `lesson_id = $1`, which implies it is not null).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationPartialIndexes1798900000000 implements MigrationInterface {
  name = 'NotificationPartialIndexes1798900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_retry"`);
    await queryRunner.query(
      `CREATE INDEX "ix_notification_retry" ON "notification" ("next_attempt_at") WHERE "delivery_status" = 'failed'`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_1863d63669eef76ecef4462b1f"`);
    await queryRunner.query(
      `CREATE INDEX "ix_notification_lesson" ON "notification" ("lesson_id") WHERE "lesson_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_lesson"`);
    await queryRunner.query(`CREATE INDEX "IDX_1863d63669eef76ecef4462b1f" ON "notification" ("lesson_id") `);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_retry"`);
    await queryRunner.query(
      `CREATE INDEX "ix_notification_retry" ON "notification" ("delivery_status", "next_attempt_at") `,
    );
  }
}

/**
 * A proposal notification stores the facts its message is written from (names, hours, deadline,
 * reason, the party whose answer links it carries), not the message: the Dutch and English text
 * with its links and answer links is ~1.7 KB, written ~3,800 times per national match run in the
 * store transaction, and is the same text whenever it is written again from the same facts.
 * Other notifications (lessons, digests, account e-mails, the compliance sweep) keep their text.
 * Exactly one of the two is set. Rows written before keep their text; nothing is rewritten.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationFacts1799000000000 implements MigrationInterface {
  name = 'NotificationFacts1799000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "facts" json`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "body_text" DROP NOT NULL`);
    // Checked apart from adding it: the check reads every row under a lighter lock than the ALTER.
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_text_or_facts" CHECK (("body_text" IS NULL) <> ("facts" IS NULL)) NOT VALID`,
    );
    await queryRunner.query(`ALTER TABLE "notification" VALIDATE CONSTRAINT "ck_notification_text_or_facts"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The facts cannot be turned back into text here (that needs the app's URL and link key).
    const [{ count }] = (await queryRunner.query(
      `SELECT count(*)::int AS count FROM "notification" WHERE "body_text" IS NULL`,
    )) as Array<{ count: number }>;
    if (count > 0)
      throw new Error(
        `${count} proposal notifications hold facts, not text: delete them or write their text (NotificationTextService) before undoing this migration`,
      );
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_text_or_facts"`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "body_text" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "facts"`);
  }
}

/**
 * Lessons and what hangs off them (issue 12, docs/SCHEDULES.md): the lessons of a placement with the
 * database's no-overlap guarantee per teacher (btree_gist is enabled by 1795900000000), the record of
 * sent reminders, per-organisation reminder lead times, feedback after a lesson, supervisor check-ins
 * (DOMAIN.md rule 11), private calendar feeds, and the lesson and digest kinds of notifications.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

const NOTIFICATION_KINDS = [
  'lesson_reminder',
  'lesson_cancelled',
  'lesson_moved',
  'teacher_sick',
  'weekly_digest',
  'coordinator_digest',
  'answers_owed',
];

export class Lessons1797000000000 implements MigrationInterface {
  name = 'Lessons1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TYPE "public"."lesson_status" AS ENUM('scheduled', 'cancelled', 'given', 'not_given')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."lesson_cancellation_kind" AS ENUM('school', 'company', 'sick', 'placement_changed')`,
    );
    // One teacher never has two live lessons at once: a gist exclusion over (teacher, time range),
    // cancelled lessons excluded so their time is free again.
    await queryRunner.query(
      `CREATE TABLE "lesson" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "placement_id" uuid NOT NULL, "lesson_block_id" uuid NOT NULL, "teacher_id" uuid NOT NULL, "school_id" uuid NOT NULL, "company_id" uuid NOT NULL, "region_id" uuid NOT NULL, "date" date NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" "public"."lesson_status" NOT NULL DEFAULT 'scheduled', "sequence" integer NOT NULL DEFAULT '0', "cancellation_kind" "public"."lesson_cancellation_kind", "cancellation_reason" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancelled_by_user_id" uuid, "late_cancellation" boolean NOT NULL DEFAULT false, "outcome_recorded_at" TIMESTAMP WITH TIME ZONE, "outcome_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_lesson_block_date" UNIQUE ("placement_id", "lesson_block_id", "date"), CONSTRAINT "ck_lesson_order" CHECK ("ends_at" > "starts_at"), CONSTRAINT "ex_lesson_teacher_no_overlap" EXCLUDE USING gist ("teacher_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("status" <> 'cancelled'), CONSTRAINT "PK_0ef25918f0237e68696dee455bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f17fab36eb2eade1a6b3139014" ON "lesson" ("company_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_5fd60dddf91ace5564f2be50de" ON "lesson" ("region_id") `);
    await queryRunner.query(`CREATE INDEX "ix_lesson_status_starts" ON "lesson" ("status", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "ix_lesson_school_starts" ON "lesson" ("school_id", "starts_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_lesson_teacher_starts" ON "lesson" ("teacher_id", "starts_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "lesson" ADD CONSTRAINT "FK_f574d935367f42bd074f73e38f6" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "lesson_reminder" ("lesson_id" uuid NOT NULL, "audience" character varying(10) NOT NULL, "sequence" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recipients" integer NOT NULL, CONSTRAINT "PK_927d40f89c2e635d0a693091470" PRIMARY KEY ("lesson_id", "audience", "sequence"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "lesson_reminder" ADD CONSTRAINT "FK_a8ae054e027cf2a5c67e307b994" FOREIGN KEY ("lesson_id") REFERENCES "lesson"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "reminder_setting" ("organisation_id" uuid NOT NULL, "lead_minutes" integer NOT NULL, CONSTRAINT "ck_reminder_setting_lead" CHECK ("lead_minutes" BETWEEN 15 AND 10080), CONSTRAINT "PK_900d88a6be83d215b530bb823d9" PRIMARY KEY ("organisation_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder_setting" ADD CONSTRAINT "FK_900d88a6be83d215b530bb823d9" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "lesson_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lesson_id" uuid NOT NULL, "party" character varying(10) NOT NULL, "rating" smallint NOT NULL, "comment" character varying(500) NOT NULL, "author_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_lesson_feedback_party" UNIQUE ("lesson_id", "party"), CONSTRAINT "ck_lesson_feedback_rating" CHECK ("rating" BETWEEN 1 AND 5), CONSTRAINT "PK_bee9bcf7d45a1c2f16d20923ce1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "lesson_feedback" ADD CONSTRAINT "FK_8dbce16cf8ea782d7aa8ace34a2" FOREIGN KEY ("lesson_id") REFERENCES "lesson"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "supervisor_check_in" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "placement_id" uuid NOT NULL, "due_date" date NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by_user_id" uuid, "notes" character varying(500), CONSTRAINT "uq_supervisor_check_in_due" UNIQUE ("placement_id", "due_date"), CONSTRAINT "PK_adb4e317cf9932c4c74d2adc8c5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervisor_check_in" ADD CONSTRAINT "FK_9a62ac98aac12db278e58286f36" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "calendar_feed" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "teacher_id" uuid, "school_id" uuid, "token_hash" character(64) NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_3a0b1d1c7619ea19ff1affaaf70" UNIQUE ("token_hash"), CONSTRAINT "ck_calendar_feed_owner" CHECK (("teacher_id" IS NULL) <> ("school_id" IS NULL)), CONSTRAINT "PK_24c0b9c80e4a4ac8752d854bc2e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_calendar_feed_school" ON "calendar_feed" ("school_id") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_calendar_feed_teacher" ON "calendar_feed" ("teacher_id") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed" ADD CONSTRAINT "FK_8d71ad51e5c37d46552dbbcea1c" FOREIGN KEY ("teacher_id") REFERENCES "teacher_profile"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed" ADD CONSTRAINT "FK_8124d18f4110ace9acdf4ee74e1" FOREIGN KEY ("school_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // New notification kinds are added to the type (not a recreated type), so other branches'
    // additions compose; the new values are not used in this transaction.
    for (const kind of NOTIFICATION_KINDS)
      await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS '${kind}'`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "lesson_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_1863d63669eef76ecef4462b1f" ON "notification" ("lesson_id") `);
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_1863d63669eef76ecef4462b1f3" FOREIGN KEY ("lesson_id") REFERENCES "lesson"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notification" WHERE "kind"::text = ANY($1)`, [NOTIFICATION_KINDS]);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "lesson_id"`);
    // PostgreSQL cannot drop enum values; the unused kinds stay in notification_kind.
    await queryRunner.query(`DROP TABLE "calendar_feed"`);
    await queryRunner.query(`DROP TABLE "supervisor_check_in"`);
    await queryRunner.query(`DROP TABLE "lesson_feedback"`);
    await queryRunner.query(`DROP TABLE "reminder_setting"`);
    await queryRunner.query(`DROP TABLE "lesson_reminder"`);
    await queryRunner.query(`DROP TABLE "lesson"`);
    await queryRunner.query(`DROP TYPE "public"."lesson_cancellation_kind"`);
    await queryRunner.query(`DROP TYPE "public"."lesson_status"`);
  }
}

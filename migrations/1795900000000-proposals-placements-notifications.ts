/**
 * Proposals (with their audit trail), placements with one slot per lesson block, and notifications
 * (the in-app list and the outbox of emails). Generated from the entities, then reviewed: the
 * shared `proposal_status` enum is created once, and `btree_gist` is enabled for the exclusion
 * constraint that keeps a teacher's active placement slots from overlapping in time.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposalsPlacementsNotifications1795900000000 implements MigrationInterface {
  name = 'ProposalsPlacementsNotifications1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."proposal_status" AS ENUM('proposed', 'awaiting_approval', 'approved', 'rejected', 'declined', 'expired', 'withdrawn', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."proposal_answer" AS ENUM('pending', 'accepted', 'declined')`,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "match_run_id" uuid, "request_id" uuid NOT NULL, "teacher_id" uuid NOT NULL, "company_id" uuid NOT NULL, "school_id" uuid NOT NULL, "region_id" uuid NOT NULL, "block_ids" uuid array NOT NULL, "minutes_per_week" integer NOT NULL, "score" numeric(12,4) NOT NULL, "explanation" jsonb NOT NULL DEFAULT '{}', "status" "public"."proposal_status" NOT NULL DEFAULT 'proposed', "company_answer" "public"."proposal_answer" NOT NULL DEFAULT 'pending', "teacher_answer" "public"."proposal_answer" NOT NULL DEFAULT 'pending', "school_answer" "public"."proposal_answer" NOT NULL DEFAULT 'pending', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_proposal_minutes" CHECK ("minutes_per_week" > 0), CONSTRAINT "PK_ca872ecfe4fef5720d2d39e4275" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_d69e4cfe67aa715c6581bad115" ON "proposal" ("match_run_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_d52c79058b2abc848ef4ba817e" ON "proposal" ("request_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_7e14222ac7b40467e4edd5e31a" ON "proposal" ("teacher_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_4e49384b7c0d90b65988732b68" ON "proposal" ("company_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_7a379790f32c47695c6fc41705" ON "proposal" ("school_id")`);
    await queryRunner.query(`CREATE INDEX "ix_proposal_region_status" ON "proposal" ("region_id", "status")`);
    await queryRunner.query(
      `CREATE TYPE "public"."notification_kind" AS ENUM('proposal_new', 'answer_needed', 'all_accepted', 'approved', 'rejected', 'declined', 'expiring_soon', 'cascade_offer', 'withdrawn', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."notification_delivery_status" AS ENUM('pending', 'sent', 'failed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_user_id" uuid NOT NULL, "proposal_id" uuid, "kind" "public"."notification_kind" NOT NULL, "subject" character varying(200) NOT NULL, "body_text" text NOT NULL, "dedupe_key" character varying(200) NOT NULL, "delivery_status" "public"."notification_delivery_status" NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "relayed_at" TIMESTAMP WITH TIME ZONE, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_b390c6bcca8179ba55a6eb95fac" UNIQUE ("dedupe_key"), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e3ad72daa9d65199b4a198dc80" ON "notification" ("proposal_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_recipient_created" ON "notification" ("recipient_user_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_relay" ON "notification" ("delivery_status", "relayed_at")`,
    );
    // Hand-written: the exclusion constraint below compares uuid and smallint with `=` inside a
    // gist index, which needs btree_gist (contrib, shipped with PostgreSQL).
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "placement_slot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "placement_id" uuid NOT NULL, "lesson_block_id" uuid NOT NULL, "teacher_id" uuid NOT NULL, "weekday" smallint NOT NULL, "minutes" int4range NOT NULL, "dates" daterange NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "uq_placement_slot_block" UNIQUE ("placement_id", "lesson_block_id"), CONSTRAINT "ck_placement_slot_weekday" CHECK ("weekday" BETWEEN 1 AND 7), CONSTRAINT "ex_placement_slot_no_overlap" EXCLUDE USING gist ("teacher_id" WITH =, "weekday" WITH =, "minutes" WITH &&, "dates" WITH &&) WHERE ("active"), CONSTRAINT "PK_53630419609931c3c910c3ca7da" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c894c886e9c414f54ba5a232a3" ON "placement_slot" ("teacher_id")`,
    );
    await queryRunner.query(`CREATE TYPE "public"."placement_status" AS ENUM('active', 'cancelled')`);
    await queryRunner.query(
      `CREATE TABLE "placement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "teacher_id" uuid NOT NULL, "request_id" uuid NOT NULL, "school_id" uuid NOT NULL, "company_id" uuid NOT NULL, "region_id" uuid NOT NULL, "block_ids" uuid array NOT NULL, "minutes_per_week" integer NOT NULL, "hourly_rate_cents" integer NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "supervisor_name" character varying(200) NOT NULL, "supervisor_email" character varying(254) NOT NULL, "status" "public"."placement_status" NOT NULL DEFAULT 'active', "approved_by_user_id" uuid, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancelled_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_4738073e2cd729022127123995" UNIQUE ("proposal_id"), CONSTRAINT "ck_placement_period" CHECK ("end_date" >= "start_date"), CONSTRAINT "ck_placement_minutes" CHECK ("minutes_per_week" > 0), CONSTRAINT "ck_placement_rate" CHECK ("hourly_rate_cents" > 0), CONSTRAINT "PK_4f8b29ee2db5213bcb38b6c71c4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f65983e22a4a146de3bc0eade8" ON "placement" ("request_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_5a4863912c432473f613015f5a" ON "placement" ("school_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_9501ef9e5bb055e1f97c2e9a5a" ON "placement" ("company_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_48dddd82d73e53829fd3e5f0f6" ON "placement" ("region_id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_placement_teacher_status" ON "placement" ("teacher_id", "status")`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."proposal_event_action" AS ENUM('create', 'accept', 'decline', 'approve', 'reject', 'withdraw', 'expire', 'cancel')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."proposal_party" AS ENUM('company', 'teacher', 'school')`);
    await queryRunner.query(
      `CREATE TABLE "proposal_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "actor_user_id" uuid, "actor_role" "public"."user_role", "action" "public"."proposal_event_action" NOT NULL, "party" "public"."proposal_party", "from_status" "public"."proposal_status", "to_status" "public"."proposal_status" NOT NULL, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_94a50cee1e3295658e4a2b85092" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_proposal_event_proposal_created" ON "proposal_event" ("proposal_id", "created_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_d52c79058b2abc848ef4ba817e9" FOREIGN KEY ("request_id") REFERENCES "teaching_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_7e14222ac7b40467e4edd5e31a3" FOREIGN KEY ("teacher_id") REFERENCES "teacher_profile"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_4e49384b7c0d90b65988732b688" FOREIGN KEY ("company_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_7a379790f32c47695c6fc417052" FOREIGN KEY ("school_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_be6aaa66d6b9347eec9d8e5159b" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_7d7f411e854516f615ba846c6a4" FOREIGN KEY ("recipient_user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_e3ad72daa9d65199b4a198dc806" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_slot" ADD CONSTRAINT "FK_3ca740686f2c8a842cacfa0a21f" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_slot" ADD CONSTRAINT "FK_57116f13aac7a410250249dd8b7" FOREIGN KEY ("lesson_block_id") REFERENCES "lesson_block"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_slot" ADD CONSTRAINT "FK_c894c886e9c414f54ba5a232a39" FOREIGN KEY ("teacher_id") REFERENCES "teacher_profile"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement" ADD CONSTRAINT "FK_4738073e2cd729022127123995b" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement" ADD CONSTRAINT "FK_c1aa2f029d5c5d26cba54c3e432" FOREIGN KEY ("teacher_id") REFERENCES "teacher_profile"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement" ADD CONSTRAINT "FK_f65983e22a4a146de3bc0eade8a" FOREIGN KEY ("request_id") REFERENCES "teaching_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement" ADD CONSTRAINT "FK_5a4863912c432473f613015f5a7" FOREIGN KEY ("school_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement" ADD CONSTRAINT "FK_9501ef9e5bb055e1f97c2e9a5ae" FOREIGN KEY ("company_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement" ADD CONSTRAINT "FK_48dddd82d73e53829fd3e5f0f6a" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement" ADD CONSTRAINT "FK_d1dc01596053fd9a26829bc148e" FOREIGN KEY ("approved_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposal_event" ADD CONSTRAINT "FK_5b3807328f9168f18ee8a7b1889" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposal_event" ADD CONSTRAINT "FK_01f8b8fd2edce84872cfc4dc7b6" FOREIGN KEY ("actor_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposal_event" DROP CONSTRAINT "FK_01f8b8fd2edce84872cfc4dc7b6"`);
    await queryRunner.query(`ALTER TABLE "proposal_event" DROP CONSTRAINT "FK_5b3807328f9168f18ee8a7b1889"`);
    await queryRunner.query(`ALTER TABLE "placement" DROP CONSTRAINT "FK_d1dc01596053fd9a26829bc148e"`);
    await queryRunner.query(`ALTER TABLE "placement" DROP CONSTRAINT "FK_48dddd82d73e53829fd3e5f0f6a"`);
    await queryRunner.query(`ALTER TABLE "placement" DROP CONSTRAINT "FK_9501ef9e5bb055e1f97c2e9a5ae"`);
    await queryRunner.query(`ALTER TABLE "placement" DROP CONSTRAINT "FK_5a4863912c432473f613015f5a7"`);
    await queryRunner.query(`ALTER TABLE "placement" DROP CONSTRAINT "FK_f65983e22a4a146de3bc0eade8a"`);
    await queryRunner.query(`ALTER TABLE "placement" DROP CONSTRAINT "FK_c1aa2f029d5c5d26cba54c3e432"`);
    await queryRunner.query(`ALTER TABLE "placement" DROP CONSTRAINT "FK_4738073e2cd729022127123995b"`);
    await queryRunner.query(`ALTER TABLE "placement_slot" DROP CONSTRAINT "FK_c894c886e9c414f54ba5a232a39"`);
    await queryRunner.query(`ALTER TABLE "placement_slot" DROP CONSTRAINT "FK_57116f13aac7a410250249dd8b7"`);
    await queryRunner.query(`ALTER TABLE "placement_slot" DROP CONSTRAINT "FK_3ca740686f2c8a842cacfa0a21f"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_e3ad72daa9d65199b4a198dc806"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_7d7f411e854516f615ba846c6a4"`);
    await queryRunner.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_be6aaa66d6b9347eec9d8e5159b"`);
    await queryRunner.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_7a379790f32c47695c6fc417052"`);
    await queryRunner.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_4e49384b7c0d90b65988732b688"`);
    await queryRunner.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_7e14222ac7b40467e4edd5e31a3"`);
    await queryRunner.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_d52c79058b2abc848ef4ba817e9"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposal_event_proposal_created"`);
    await queryRunner.query(`DROP TABLE "proposal_event"`);
    await queryRunner.query(`DROP TYPE "public"."proposal_party"`);
    await queryRunner.query(`DROP TYPE "public"."proposal_event_action"`);
    await queryRunner.query(`DROP INDEX "public"."ix_placement_teacher_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_48dddd82d73e53829fd3e5f0f6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9501ef9e5bb055e1f97c2e9a5a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5a4863912c432473f613015f5a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f65983e22a4a146de3bc0eade8"`);
    await queryRunner.query(`DROP TABLE "placement"`);
    await queryRunner.query(`DROP TYPE "public"."placement_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c894c886e9c414f54ba5a232a3"`);
    await queryRunner.query(`DROP TABLE "placement_slot"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_relay"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_recipient_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e3ad72daa9d65199b4a198dc80"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP TYPE "public"."notification_delivery_status"`);
    await queryRunner.query(`DROP TYPE "public"."notification_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposal_region_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7a379790f32c47695c6fc41705"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4e49384b7c0d90b65988732b68"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7e14222ac7b40467e4edd5e31a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d52c79058b2abc848ef4ba817e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d69e4cfe67aa715c6581bad115"`);
    await queryRunner.query(`DROP TABLE "proposal"`);
    await queryRunner.query(`DROP TYPE "public"."proposal_answer"`);
    await queryRunner.query(`DROP TYPE "public"."proposal_status"`);
  }
}

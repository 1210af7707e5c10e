/**
 * The marketplace core: regions, organisations and their locations, users (with coordinator
 * regions), hybrid teacher profiles with weekly availability windows, and teaching requests with
 * their lesson blocks. Generated from the entities, then reviewed: the shared `education_level`
 * enum is created once, and the GIN index on skills is added by hand.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795814841309 implements MigrationInterface {
  name = 'InitialSchema1795814841309';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."holiday_region" AS ENUM('noord', 'midden', 'zuid')`);
    await queryRunner.query(
      `CREATE TABLE "region" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(120) NOT NULL, "holiday_region" "public"."holiday_region" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_74f7723fdff738f92929c0056cb" UNIQUE ("code"), CONSTRAINT "PK_5f48ffc3af96bc486f5f3f3a6da" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation_location" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "street" character varying(200) NOT NULL, "postal_code" character varying(7) NOT NULL, "city" character varying(120) NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, CONSTRAINT "PK_d2d490f6c02005626633ea9c5e8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_78588481437be47fbc0b12374c" ON "organisation_location" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."organisation_kind" AS ENUM('company', 'mbo_school', 'hbo_school', 'techniekcentrum')`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."organisation_kind" NOT NULL, "name" character varying(200) NOT NULL, "region_id" uuid NOT NULL, "kvk_number" character varying(8), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_baf378a702da51ca448b9f7634" ON "organisation" ("region_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."education_level" AS ENUM('MBO1', 'MBO2', 'MBO3', 'MBO4', 'HBO')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."teaching_role" AS ENUM('guest_teacher', 'instructor', 'teacher')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."teaching_request_status" AS ENUM('open', 'partially_filled', 'filled', 'closed', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE TABLE "teaching_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "location_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "subject_code" character varying(64) NOT NULL, "level" "public"."education_level" NOT NULL, "role" "public"."teaching_role" NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "min_commitment_weeks" smallint NOT NULL DEFAULT '1', "allow_team" boolean NOT NULL DEFAULT true, "allow_vog_pending" boolean NOT NULL DEFAULT false, "status" "public"."teaching_request_status" NOT NULL DEFAULT 'open', "description" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_teaching_request_min_commitment" CHECK ("min_commitment_weeks" BETWEEN 1 AND 104), CONSTRAINT "ck_teaching_request_period" CHECK ("period_end" >= "period_start"), CONSTRAINT "PK_c02f2ec83911112e85e2e489571" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f9b1de7844a13c2d1482b82323" ON "teaching_request" ("school_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_teaching_request_filter" ON "teaching_request" ("subject_code", "level", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lesson_block" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "weekday" smallint NOT NULL, "start_time" TIME NOT NULL, "end_time" TIME NOT NULL, CONSTRAINT "ck_lesson_block_order" CHECK ("start_time" < "end_time"), CONSTRAINT "ck_lesson_block_weekday" CHECK ("weekday" BETWEEN 1 AND 7), CONSTRAINT "PK_522c745862601f64c6066cc3ddd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0fd1fe49c90475487f5046890d" ON "lesson_block" ("request_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."user_role" AS ENUM('platform_admin', 'regional_coordinator', 'company_admin', 'school_admin', 'hybrid_teacher')`,
    );
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "role" "public"."user_role" NOT NULL, "organisation_id" uuid, "password_hash" character varying(255), "invite_token_hash" character varying(64), "invite_expires_at" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3fa909d0e37c531ebc23770339" ON "app_user" ("email") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_6fa42e978fa7d7adc32736e26f" ON "app_user" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_efb473bc7954d920bfd3e85d25" ON "app_user" ("invite_token_hash") WHERE invite_token_hash IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."qualification" AS ENUM('none', 'pdg_in_progress', 'pdg', 'full')`,
    );
    await queryRunner.query(
      `CREATE TABLE "teacher_profile" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "company_id" uuid NOT NULL, "user_id" uuid, "employee_ref" character varying(64) NOT NULL, "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "email" character varying(254), "skills" jsonb NOT NULL DEFAULT '[]', "levels" "public"."education_level" array NOT NULL, "released_days_per_week" smallint NOT NULL, "released_hours_per_week" numeric(4,1) NOT NULL, "available_from" date NOT NULL, "available_until" date, "home_city" character varying(120) NOT NULL, "home_latitude" double precision NOT NULL, "home_longitude" double precision NOT NULL, "max_travel_km" smallint NOT NULL, "contract_hours_per_week" numeric(4,1) NOT NULL, "vog_issued_on" date, "vog_verified_by_user_id" uuid, "vog_verified_at" TIMESTAMP WITH TIME ZONE, "qualification" "public"."qualification" NOT NULL DEFAULT 'none', "qualification_since" date, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "uq_teacher_profile_company_employee_ref" UNIQUE ("company_id", "employee_ref"), CONSTRAINT "REL_9f88be65d157de5849429ca173" UNIQUE ("user_id"), CONSTRAINT "ck_teacher_profile_qualification_since" CHECK ("qualification" <> 'pdg_in_progress' OR "qualification_since" IS NOT NULL), CONSTRAINT "ck_teacher_profile_travel" CHECK ("max_travel_km" BETWEEN 0 AND 300), CONSTRAINT "ck_teacher_profile_period" CHECK ("available_until" IS NULL OR "available_until" >= "available_from"), CONSTRAINT "ck_teacher_profile_contract_hours" CHECK ("contract_hours_per_week" >= 0 AND "contract_hours_per_week" <= 60), CONSTRAINT "ck_teacher_profile_released_hours" CHECK ("released_hours_per_week" >= 0 AND "released_hours_per_week" <= 60), CONSTRAINT "ck_teacher_profile_released_days" CHECK ("released_days_per_week" BETWEEN 0 AND 7), CONSTRAINT "PK_c1503c06e087bf013daf42f1719" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b6b08cc5739e5e1b172f08085f" ON "teacher_profile" ("company_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_58f0e80be4941e62396ceffafd" ON "teacher_profile" ("user_id") WHERE user_id IS NOT NULL`,
    );
    // Hand-written: GIN index for "skills @> '[{"subjectCode": …}]'" filters (not managed by TypeORM).
    await queryRunner.query(
      `CREATE INDEX "ix_teacher_profile_skills" ON "teacher_profile" USING gin ("skills" jsonb_path_ops)`,
    );
    await queryRunner.query(
      `CREATE TABLE "teacher_availability_window" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "teacher_id" uuid NOT NULL, "weekday" smallint NOT NULL, "start_time" TIME NOT NULL, "end_time" TIME NOT NULL, CONSTRAINT "ck_teacher_window_order" CHECK ("start_time" < "end_time"), CONSTRAINT "ck_teacher_window_weekday" CHECK ("weekday" BETWEEN 1 AND 7), CONSTRAINT "PK_9ef694679b407f167ec405a8dba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bec4e0ca27374caf3510f8d0a4" ON "teacher_availability_window" ("teacher_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_region" ("user_id" uuid NOT NULL, "region_id" uuid NOT NULL, CONSTRAINT "PK_8b8f47ee8e434bea5e1f9e5852c" PRIMARY KEY ("user_id", "region_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ca74d606b02413df47cbee68df" ON "user_region" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7088249272d24af667dad6197c" ON "user_region" ("region_id") `);
    await queryRunner.query(
      `ALTER TABLE "organisation_location" ADD CONSTRAINT "FK_78588481437be47fbc0b12374c4" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD CONSTRAINT "FK_baf378a702da51ca448b9f76340" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teaching_request" ADD CONSTRAINT "FK_f9b1de7844a13c2d1482b823234" FOREIGN KEY ("school_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teaching_request" ADD CONSTRAINT "FK_90fdea675bc17ee4c44dd42bdca" FOREIGN KEY ("location_id") REFERENCES "organisation_location"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lesson_block" ADD CONSTRAINT "FK_0fd1fe49c90475487f5046890d5" FOREIGN KEY ("request_id") REFERENCES "teaching_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_6fa42e978fa7d7adc32736e26fd" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teacher_profile" ADD CONSTRAINT "FK_b6b08cc5739e5e1b172f08085fa" FOREIGN KEY ("company_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teacher_profile" ADD CONSTRAINT "FK_9f88be65d157de5849429ca173b" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teacher_profile" ADD CONSTRAINT "FK_625d2eb9774e9fb3f1d32964c1e" FOREIGN KEY ("vog_verified_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "teacher_availability_window" ADD CONSTRAINT "FK_bec4e0ca27374caf3510f8d0a43" FOREIGN KEY ("teacher_id") REFERENCES "teacher_profile"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_region" ADD CONSTRAINT "FK_ca74d606b02413df47cbee68df9" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_region" ADD CONSTRAINT "FK_7088249272d24af667dad6197c4" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_teacher_profile_skills"`);
    await queryRunner.query(`ALTER TABLE "user_region" DROP CONSTRAINT "FK_7088249272d24af667dad6197c4"`);
    await queryRunner.query(`ALTER TABLE "user_region" DROP CONSTRAINT "FK_ca74d606b02413df47cbee68df9"`);
    await queryRunner.query(
      `ALTER TABLE "teacher_availability_window" DROP CONSTRAINT "FK_bec4e0ca27374caf3510f8d0a43"`,
    );
    await queryRunner.query(`ALTER TABLE "teacher_profile" DROP CONSTRAINT "FK_625d2eb9774e9fb3f1d32964c1e"`);
    await queryRunner.query(`ALTER TABLE "teacher_profile" DROP CONSTRAINT "FK_9f88be65d157de5849429ca173b"`);
    await queryRunner.query(`ALTER TABLE "teacher_profile" DROP CONSTRAINT "FK_b6b08cc5739e5e1b172f08085fa"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_6fa42e978fa7d7adc32736e26fd"`);
    await queryRunner.query(`ALTER TABLE "lesson_block" DROP CONSTRAINT "FK_0fd1fe49c90475487f5046890d5"`);
    await queryRunner.query(
      `ALTER TABLE "teaching_request" DROP CONSTRAINT "FK_90fdea675bc17ee4c44dd42bdca"`,
    );
    await queryRunner.query(
      `ALTER TABLE "teaching_request" DROP CONSTRAINT "FK_f9b1de7844a13c2d1482b823234"`,
    );
    await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "FK_baf378a702da51ca448b9f76340"`);
    await queryRunner.query(
      `ALTER TABLE "organisation_location" DROP CONSTRAINT "FK_78588481437be47fbc0b12374c4"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_7088249272d24af667dad6197c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ca74d606b02413df47cbee68df"`);
    await queryRunner.query(`DROP TABLE "user_region"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bec4e0ca27374caf3510f8d0a4"`);
    await queryRunner.query(`DROP TABLE "teacher_availability_window"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_58f0e80be4941e62396ceffafd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b6b08cc5739e5e1b172f08085f"`);
    await queryRunner.query(`DROP TABLE "teacher_profile"`);
    await queryRunner.query(`DROP TYPE "public"."qualification"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_efb473bc7954d920bfd3e85d25"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6fa42e978fa7d7adc32736e26f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3fa909d0e37c531ebc23770339"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0fd1fe49c90475487f5046890d"`);
    await queryRunner.query(`DROP TABLE "lesson_block"`);
    await queryRunner.query(`DROP INDEX "public"."ix_teaching_request_filter"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f9b1de7844a13c2d1482b82323"`);
    await queryRunner.query(`DROP TABLE "teaching_request"`);
    await queryRunner.query(`DROP TYPE "public"."teaching_request_status"`);
    await queryRunner.query(`DROP TYPE "public"."teaching_role"`);
    await queryRunner.query(`DROP TYPE "public"."education_level"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_baf378a702da51ca448b9f7634"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
    await queryRunner.query(`DROP TYPE "public"."organisation_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_78588481437be47fbc0b12374c"`);
    await queryRunner.query(`DROP TABLE "organisation_location"`);
    await queryRunner.query(`DROP TABLE "region"`);
    await queryRunner.query(`DROP TYPE "public"."holiday_region"`);
  }
}

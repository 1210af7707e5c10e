/**
 * The school verifies the VOG of a proposed or placed teacher (DOMAIN.md rule 4, issue 10): one row
 * per check (status, the issue date seen, the date the company had recorded, who and when), a
 * history that is only added to. The teacher profile's `vog_issued_on` stays the company's.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class VogVerifications1796900000001 implements MigrationInterface {
  name = 'VogVerifications1796900000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."vog_verification_status" AS ENUM('verified', 'rejected', 'missing')`,
    );
    await queryRunner.query(
      `CREATE TABLE "vog_verification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "teacher_id" uuid NOT NULL, "school_id" uuid NOT NULL, "status" "public"."vog_verification_status" NOT NULL, "issued_on" date, "recorded_issued_on" date, "note" character varying(1000) NOT NULL DEFAULT '', "verified_by_user_id" uuid, "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3fd6cdc33ca504706b8764f86f3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_vog_verification_teacher" ON "vog_verification" ("teacher_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_vog_verification_proposal_verified" ON "vog_verification" ("proposal_id", "verified_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "vog_verification" ADD CONSTRAINT "FK_c2e3c1e0812e35b448f9ab1226e" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vog_verification" ADD CONSTRAINT "FK_8899817ff6aff4acd2c1216bef8" FOREIGN KEY ("teacher_id") REFERENCES "teacher_profile"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vog_verification" ADD CONSTRAINT "FK_d003451eb48ff2292dcefbb8ad4" FOREIGN KEY ("verified_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "vog_verification"`);
    await queryRunner.query(`DROP TYPE "public"."vog_verification_status"`);
  }
}

/**
 * An organisation's invite of an address that has an account it may not know of (issue 9, item
 * 12): kept as a pending invite of its own, so that the inviting organisation sees it exactly as a
 * fresh pending invite (listed, invited again answers 409, resend, reissue, deactivate, expiry).
 * One per organisation and address; at most one per teacher profile (as a login links one).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class PendingInvites1797950000000 implements MigrationInterface {
  name = 'PendingInvites1797950000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pending_invite" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "role" "public"."user_role" NOT NULL, "teacher_profile_id" uuid, "invite_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deactivated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_pending_invite_organisation_email" UNIQUE ("organisation_id", "email"), CONSTRAINT "PK_27e6cc7d4440f0ede766e4ffe37" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_pending_invite_teacher_profile" ON "pending_invite" ("teacher_profile_id") WHERE "teacher_profile_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "pending_invite" ADD CONSTRAINT "FK_750241d2a9c6f16e3362f6b71fd" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pending_invite" ADD CONSTRAINT "FK_b13cc201d4b76e4ea6aaf153be4" FOREIGN KEY ("teacher_profile_id") REFERENCES "teacher_profile"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pending_invite"`);
  }
}

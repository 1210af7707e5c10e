/**
 * Onboarding and sign-ins: rotating refresh tokens (one family per sign-in, only SHA-256 hashes
 * stored), password-reset tokens (hash and expiry), `auth_version` (raised by "sign out
 * everywhere", deactivation and password changes; access tokens carry it) and `deactivated_at`.
 * Two e-mail-only notification kinds: `invite` and `password_reset`. Enum values are added with
 * ADD VALUE IF NOT EXISTS, so other migrations that add kinds run in either order.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class OnboardingSessions1796289603779 implements MigrationInterface {
  name = 'OnboardingSessions1796289603779';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f0812282fad2e352cdaf83ef0a" ON "refresh_token" ("token_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_family" ON "refresh_token" ("family_id") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_user" ON "refresh_token" ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_6bbe63d2fe75e7f0ba1710351d4" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "app_user" ADD "password_reset_token_hash" character varying(64)`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD "password_reset_expires_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_33824fa58c5c634f9ca7577fb0" ON "app_user" ("password_reset_token_hash") WHERE password_reset_token_hash IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "app_user" ADD "auth_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE`);

    await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'invite'`);
    await queryRunner.query(
      `ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'password_reset'`,
    );
  }

  /** The two notification kinds stay in the enum (PostgreSQL cannot drop an enum value); unused, they do no harm. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notification" WHERE "kind" IN ('invite', 'password_reset')`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "deactivated_at"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "auth_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_33824fa58c5c634f9ca7577fb0"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "password_reset_expires_at"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "password_reset_token_hash"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
  }
}

/**
 * Companies' rate cards: an hourly rate per staff member or per teaching role, with validity
 * dates, within the plausible bounds (docs/COSTS.md; RATE_BOUNDS in libs/domain/src/rates.ts).
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class RateCards1796600000000 implements MigrationInterface {
  name = 'RateCards1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_card_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "company_id" uuid NOT NULL, "teacher_id" uuid, "role" "public"."teaching_role", "hourly_rate_cents" integer NOT NULL, "valid_from" date NOT NULL, "valid_until" date, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_rate_card_entry_rate" CHECK ("hourly_rate_cents" BETWEEN 2500 AND 25000), CONSTRAINT "ck_rate_card_entry_period" CHECK ("valid_until" IS NULL OR "valid_until" >= "valid_from"), CONSTRAINT "ck_rate_card_entry_subject" CHECK (("teacher_id" IS NULL) <> ("role" IS NULL)), CONSTRAINT "PK_rate_card_entry" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_rate_card_entry_company" ON "rate_card_entry" ("company_id", "valid_from") `,
    );
    await queryRunner.query(
      `ALTER TABLE "rate_card_entry" ADD CONSTRAINT "FK_0ee86a4c3ac58e3eaf2510693a0" FOREIGN KEY ("company_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rate_card_entry" ADD CONSTRAINT "FK_a1cf2c3a375d33a41942b1038a3" FOREIGN KEY ("teacher_id") REFERENCES "teacher_profile"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rate_card_entry" ADD CONSTRAINT "FK_0bc17be37bf283e1ee7bfe70eb3" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_card_entry"`);
  }
}

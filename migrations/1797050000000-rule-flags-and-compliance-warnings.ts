/**
 * Issue 10, re-checks and the compliance sweep (docs/RULES.md): `rule_flag` marks an open proposal
 * or an approved placement that a change broke ("needs attention", one open flag per proposal, kept
 * as history once resolved); `compliance_warning` holds each warning of the daily sweep once (the
 * unique key makes the sweep idempotent); and the three notification kinds that tell people.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

const NOTIFICATION_KINDS = ['needs_attention', 'vog_expiring', 'pdg_deadline'];

export class RuleFlagsAndComplianceWarnings1797050000000 implements MigrationInterface {
  name = 'RuleFlagsAndComplianceWarnings1797050000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rule_flag" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "placement_id" uuid, "region_id" uuid NOT NULL, "company_id" uuid NOT NULL, "school_id" uuid NOT NULL, "rule_codes" character varying(30) array NOT NULL, "violations" jsonb NOT NULL, "cause" character varying(20) NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution" character varying(20), CONSTRAINT "PK_012a1fa1e11f066d892af7b9158" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_rule_flag_region" ON "rule_flag" ("region_id") `);
    await queryRunner.query(`CREATE INDEX "ix_rule_flag_company" ON "rule_flag" ("company_id") `);
    await queryRunner.query(`CREATE INDEX "ix_rule_flag_school" ON "rule_flag" ("school_id") `);
    // One open flag per proposal; resolved ones stay as history.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_rule_flag_open" ON "rule_flag" ("proposal_id") WHERE "resolved_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "rule_flag" ADD CONSTRAINT "FK_abc01620e62f9223b0739a77481" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rule_flag" ADD CONSTRAINT "FK_b937ab06c94b24d84d1ddef5381" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "compliance_warning" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(20) NOT NULL, "teacher_id" uuid NOT NULL, "company_id" uuid NOT NULL, "region_id" uuid NOT NULL, "due_on" date NOT NULL, "placement_id" uuid, "detected_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_compliance_warning" UNIQUE ("kind", "teacher_id", "due_on"), CONSTRAINT "PK_ab54cc21a53c1e666e383280741" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_warning_company" ON "compliance_warning" ("company_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_warning_region" ON "compliance_warning" ("region_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_warning" ADD CONSTRAINT "FK_e6345f13d8477935346b0a72c57" FOREIGN KEY ("teacher_id") REFERENCES "teacher_profile"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    for (const kind of NOTIFICATION_KINDS)
      await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS '${kind}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notification" WHERE "kind"::text = ANY($1)`, [NOTIFICATION_KINDS]);
    // PostgreSQL cannot drop enum values; the unused kinds stay in notification_kind.
    await queryRunner.query(`DROP TABLE "compliance_warning"`);
    await queryRunner.query(`DROP TABLE "rule_flag"`);
  }
}

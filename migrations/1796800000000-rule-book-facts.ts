/**
 * The facts the rule book needs beyond what profiles held (docs/RULES.md): a teacher's PDC (the
 * instructor role) and HBO didactic qualification (BDB/BKE), and an HBO school's FTE threshold for
 * its didactic requirement.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class RuleBookFacts1796800000000 implements MigrationInterface {
  name = 'RuleBookFacts1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "teacher_profile" ADD "has_pdc" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "teacher_profile" ADD "has_hbo_didactic" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "organisation" ADD "hbo_didactic_fte_threshold" numeric(3,2)`);
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD CONSTRAINT "ck_organisation_hbo_didactic_fte" CHECK ("hbo_didactic_fte_threshold" IS NULL OR "hbo_didactic_fte_threshold" BETWEEN 0 AND 1)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "ck_organisation_hbo_didactic_fte"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "hbo_didactic_fte_threshold"`);
    await queryRunner.query(`ALTER TABLE "teacher_profile" DROP COLUMN "has_hbo_didactic"`);
    await queryRunner.query(`ALTER TABLE "teacher_profile" DROP COLUMN "has_pdc"`);
  }
}

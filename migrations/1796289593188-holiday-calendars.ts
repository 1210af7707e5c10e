/**
 * Holiday calendars as data (DOMAIN.md rule 8): `school_holiday` (per school year, holiday region
 * and kind; fixed or advisory) filled from the shipped `data/school-holidays.json` (source:
 * Rijksoverheid, named in the file), and `institution_day_off` (a school's own closed and study
 * days). Later corrections go through the API (PUT /api/school-holidays, POST …/import), not by
 * editing this migration.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';
import shippedHolidays from '../data/school-holidays.json';

type ShippedFile = {
  source: string;
  schoolYears: Array<{
    schoolYear: string;
    source: string;
    holidays: Array<Record<string, string | string[]>>;
  }>;
};

export class HolidayCalendars1796289593188 implements MigrationInterface {
  name = 'HolidayCalendars1796289593188';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."institution_day_off_kind" AS ENUM('closed', 'study_day')`);
    await queryRunner.query(
      `CREATE TABLE "institution_day_off" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "kind" "public"."institution_day_off_kind" NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "description" character varying(200) NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_institution_day_off_period" CHECK ("end_date" >= "start_date"), CONSTRAINT "PK_c8f92072f05f2cfdd9a7d687764" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_institution_day_off_period" ON "institution_day_off" ("organisation_id", "start_date", "end_date") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."school_holiday_kind" AS ENUM('autumn', 'christmas', 'spring', 'may', 'summer')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."holiday_binding" AS ENUM('fixed', 'advisory')`);
    await queryRunner.query(
      `CREATE TABLE "school_holiday" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_year" character varying(9) NOT NULL, "holiday_region" "public"."holiday_region" NOT NULL, "kind" "public"."school_holiday_kind" NOT NULL, "binding" "public"."holiday_binding" NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "source" text, "updated_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_school_holiday" UNIQUE ("school_year", "holiday_region", "kind"), CONSTRAINT "ck_school_holiday_period" CHECK ("end_date" >= "start_date"), CONSTRAINT "PK_24ee188a3277b43501e941b92f7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "institution_day_off" ADD CONSTRAINT "FK_2be0dfac66f36fdce532626c053" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "institution_day_off" ADD CONSTRAINT "FK_f53330972c57ea790d93723e114" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "school_holiday" ADD CONSTRAINT "FK_bf04148166c7c6002501d65ab79" FOREIGN KEY ("updated_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    const rows = [];
    for (const year of (shippedHolidays as ShippedFile).schoolYears)
      for (const holiday of year.holidays)
        for (const region of ['noord', 'midden', 'zuid'])
          if (Array.isArray(holiday[region]))
            rows.push({
              school_year: year.schoolYear,
              holiday_region: region,
              kind: holiday.kind,
              binding: holiday.binding,
              start_date: holiday[region][0],
              end_date: holiday[region][1],
              source: year.source,
            });
    await queryRunner.query(
      `INSERT INTO "school_holiday" ("school_year", "holiday_region", "kind", "binding", "start_date", "end_date", "source")
             SELECT school_year, holiday_region::holiday_region, kind::school_holiday_kind, binding::holiday_binding, start_date, end_date, source
               FROM jsonb_to_recordset($1::jsonb) AS r(school_year text, holiday_region text, kind text, binding text, start_date date, end_date date, source text)`,
      [JSON.stringify(rows)],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "school_holiday" DROP CONSTRAINT "FK_bf04148166c7c6002501d65ab79"`);
    await queryRunner.query(
      `ALTER TABLE "institution_day_off" DROP CONSTRAINT "FK_f53330972c57ea790d93723e114"`,
    );
    await queryRunner.query(
      `ALTER TABLE "institution_day_off" DROP CONSTRAINT "FK_2be0dfac66f36fdce532626c053"`,
    );
    await queryRunner.query(`DROP TABLE "school_holiday"`);
    await queryRunner.query(`DROP TYPE "public"."holiday_binding"`);
    await queryRunner.query(`DROP TYPE "public"."school_holiday_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_institution_day_off_period"`);
    await queryRunner.query(`DROP TABLE "institution_day_off"`);
    await queryRunner.query(`DROP TYPE "public"."institution_day_off_kind"`);
  }
}

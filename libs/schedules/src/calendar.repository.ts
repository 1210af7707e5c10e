import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SchoolHoliday } from '@hybridmatch/database';
import {
  DayOff,
  dutchPublicHolidays,
  InstitutionDayOffKind,
  SCHOOL_HOLIDAY_NAMES,
  SchoolHolidayKind,
  SchoolHolidayRow,
} from '@hybridmatch/domain';

const DAY_OFF_REASON: Record<InstitutionDayOffKind, string> = {
  [InstitutionDayOffKind.Closed]: 'Instelling gesloten',
  [InstitutionDayOffKind.StudyDay]: 'Studiedag',
};

/** The calendar's queries: the days without lessons, and writing the school holidays. */
@Injectable()
export class CalendarRepository {
  /**
   * The days without lessons at one school over a period: the school holidays of its region's
   * holiday region, Dutch public holidays, and the school's own closed and study days.
   */
  async daysOff(manager: EntityManager, schoolId: string, from: string, to: string): Promise<DayOff[]> {
    return (await this.daysOffOfSchools(manager, [schoolId], from, to)).get(schoolId) ?? [];
  }

  /** `daysOff` of several schools over one period, in two queries whatever their number. */
  async daysOffOfSchools(
    manager: EntityManager,
    schoolIds: readonly string[],
    from: string,
    to: string,
  ): Promise<Map<string, DayOff[]>> {
    const holidays: Array<{
      school_id: string;
      kind: SchoolHolidayKind;
      start_date: string;
      end_date: string;
    }> = await manager.query(
      `SELECT o.id AS school_id, h.kind, h.start_date::text, h.end_date::text
         FROM organisation o JOIN region r ON r.id = o.region_id
         JOIN school_holiday h ON h.holiday_region = r.holiday_region
        WHERE o.id = ANY($1) AND h.end_date >= $2 AND h.start_date <= $3`,
      [schoolIds, from, to],
    );
    const own: Array<{
      organisation_id: string;
      kind: InstitutionDayOffKind;
      description: string;
      start_date: string;
      end_date: string;
    }> = await manager.query(
      `SELECT organisation_id, kind, description, start_date::text, end_date::text FROM institution_day_off
          WHERE organisation_id = ANY($1) AND end_date >= $2 AND start_date <= $3`,
      [schoolIds, from, to],
    );
    const publicHolidays = dutchPublicHolidays(from, to);
    const bySchool = new Map<string, DayOff[]>(schoolIds.map((id) => [id, []]));
    for (const row of holidays)
      bySchool.get(row.school_id)?.push({
        startDate: row.start_date,
        endDate: row.end_date,
        reason: SCHOOL_HOLIDAY_NAMES[row.kind],
      });
    for (const row of own)
      bySchool.get(row.organisation_id)?.push({
        startDate: row.start_date,
        endDate: row.end_date,
        reason: `${DAY_OFF_REASON[row.kind]}: ${row.description}`,
      });
    for (const days of bySchool.values()) days.push(...publicHolidays);
    return bySchool;
  }

  /**
   * Writes school holidays in one statement: a row replaces the one of the same school year,
   * holiday region and kind. Answers how many rows were written.
   */
  async upsertSchoolHolidays(
    manager: EntityManager,
    rows: SchoolHolidayRow[],
    writtenBy: { source: string; userId: string },
  ): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(SchoolHoliday)
      .values(rows.map((row) => ({ ...row, source: writtenBy.source, updatedByUserId: writtenBy.userId })))
      .orUpdate(
        ['binding', 'start_date', 'end_date', 'source', 'updated_by_user_id', 'updated_at'],
        ['school_year', 'holiday_region', 'kind'],
      )
      .execute();
    return result.identifiers.length;
  }
}

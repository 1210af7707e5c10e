import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TeacherProfile } from '@hybridmatch/database';
import { EducationLevel, Qualification } from '@hybridmatch/domain';
import type { TeacherScope } from '../access/access.service';
import { pageOfEntities } from './page-query';

/** The unique constraint on a company's employee references: the import upserts on it. */
export const EMPLOYEE_REF_CONSTRAINT = 'uq_teacher_profile_company_employee_ref';

type TeacherOrder = 'name' | 'employeeRef' | 'vog' | 'pdgDeadline' | 'releasedHours';
type Nulls = 'NULLS FIRST' | 'NULLS LAST';

/**
 * The orders of the teacher list, each also reversed with a leading `-`. Ties go by name and id,
 * so pages never overlap. `vog`: missing VOGs first, then the oldest (the most urgent first);
 * `pdgDeadline`: the nearest first, profiles without one last.
 */
const TEACHER_ORDERS: Record<TeacherOrder, Array<{ column: string; nulls?: Nulls }>> = {
  name: [{ column: 'teacher.lastName' }, { column: 'teacher.firstName' }],
  employeeRef: [{ column: 'teacher.employeeRef' }],
  vog: [{ column: 'teacher.vogIssuedOn', nulls: 'NULLS FIRST' }],
  // The deadline is two years after the PDG was started (pdgDeadline in the rule book), so its order is the start's.
  pdgDeadline: [
    {
      column: `CASE WHEN teacher.qualification = '${Qualification.PdgInProgress}' THEN teacher.qualificationSince END`,
      nulls: 'NULLS LAST',
    },
  ],
  releasedHours: [{ column: 'teacher.releasedHoursPerWeek' }],
};

export type TeacherSort = TeacherOrder | `-${TeacherOrder}`;

/** The allow-list of `sort` values: each order and its reverse. */
export const TEACHER_SORTS = Object.keys(TEACHER_ORDERS).flatMap((key) => [key, `-${key}`]) as TeacherSort[];

/** The list filters a caller may add to their scope. */
export interface TeacherListFilter {
  regionId?: string;
  companyId?: string;
  active?: boolean;
  /** Teachers with a skill in this subject. */
  subjectCode?: string;
  /** Teachers with a skill at this level or who teach this level. */
  level?: EducationLevel;
  /** The order (TEACHER_SORTS); by name when absent. */
  sort?: TeacherSort;
}

/** A `teacher_profile` column the import writes, with the cast its parameter needs (`::jsonb`). */
export interface ImportColumn {
  name: string;
  cast?: string;
}

/** An availability window to write, times as `HH:MM`. */
export interface NewWindow {
  teacherId: string;
  weekday: number;
  start: string;
  end: string;
}

/** The teacher-profile queries that are more than a find: the scoped list and the set-based import. */
@Injectable()
export class TeacherRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of profiles within `scope` and the filters, in the filter's order (by name unless
   * told otherwise), and the total. `scope` must not
   * be `none` (the caller answers an empty page itself).
   */
  async page(
    scope: Exclude<TeacherScope, { kind: 'none' }>,
    filter: TeacherListFilter,
    window: { skip: number; take: number },
  ): Promise<[TeacherProfile[], number]> {
    const builder = this.dataSource
      .getRepository(TeacherProfile)
      .createQueryBuilder('teacher')
      .innerJoin('teacher.company', 'company');
    if (scope.kind === 'self') builder.andWhere('teacher.userId = :userId', { userId: scope.userId });
    if (scope.kind === 'regions')
      builder.andWhere('company.regionId IN (:...scopeRegionIds)', { scopeRegionIds: scope.regionIds });
    if (scope.kind === 'organisation')
      builder.andWhere('teacher.companyId = :scopeCompanyId', { scopeCompanyId: scope.organisationId });
    if (filter.regionId) builder.andWhere('company.regionId = :regionId', { regionId: filter.regionId });
    if (filter.companyId) builder.andWhere('teacher.companyId = :companyId', { companyId: filter.companyId });
    if (filter.active !== undefined) builder.andWhere('teacher.active = :active', { active: filter.active });
    if (filter.subjectCode) {
      builder.andWhere('teacher.skills @> CAST(:subjectSkill AS jsonb)', {
        subjectSkill: JSON.stringify([{ subjectCode: filter.subjectCode }]),
      });
    }
    if (filter.level) {
      builder.andWhere(
        '(teacher.skills @> CAST(:levelSkill AS jsonb) OR CAST(:level AS education_level) = ANY(teacher.levels))',
        {
          levelSkill: JSON.stringify([{ level: filter.level }]),
          level: filter.level,
        },
      );
    }
    const sort = filter.sort ?? 'name';
    const descending = sort.startsWith('-');
    const order = (descending ? sort.slice(1) : sort) as TeacherOrder;
    const reversed = { 'NULLS FIRST': 'NULLS LAST', 'NULLS LAST': 'NULLS FIRST' } as const;
    // The tie-breaks come after the order's own columns (a second addOrderBy of a column would replace it).
    const ties = order === 'name' ? [] : TEACHER_ORDERS.name;
    for (const { column, nulls } of TEACHER_ORDERS[order]) {
      builder.addOrderBy(
        column,
        descending ? 'DESC' : 'ASC',
        nulls && (descending ? reversed[nulls] : nulls),
      );
    }
    for (const { column } of ties) builder.addOrderBy(column, 'ASC');
    builder.addOrderBy('teacher.id', 'ASC');
    return pageOfEntities(builder, window);
  }

  /**
   * One multi-row INSERT … ON CONFLICT (company, employee_ref) DO UPDATE for the company's rows:
   * `values[i]` holds row i's value of each of `columns` (which include `employee_ref`). An
   * existing profile gets the new values and a new version; when `vog_issued_on` is written and
   * differs, its VOG check is cleared. Answers each written profile's id and employee reference.
   */
  async upsertByEmployeeRef(
    manager: EntityManager,
    companyId: string,
    columns: ImportColumn[],
    values: unknown[][],
  ): Promise<Array<{ id: string; employeeRef: string; inserted: boolean }>> {
    const parameters: unknown[] = [companyId];
    const tuples = values.map((row) => {
      const placeholders = columns.map((column, index) => {
        parameters.push(row[index]);
        return `$${parameters.length}${column.cast ?? ''}`;
      });
      return `($1, 1, ${placeholders.join(', ')})`;
    });
    const updates = columns
      .filter((column) => column.name !== 'employee_ref')
      .map((column) => `${column.name} = EXCLUDED.${column.name}`);
    if (columns.some((column) => column.name === 'vog_issued_on')) {
      // A different VOG than the one that was checked is not verified.
      const keep = (column: string) =>
        `CASE WHEN teacher_profile.vog_issued_on IS DISTINCT FROM EXCLUDED.vog_issued_on THEN NULL ELSE teacher_profile.${column} END`;
      updates.push(
        `vog_verified_at = ${keep('vog_verified_at')}`,
        `vog_verified_by_user_id = ${keep('vog_verified_by_user_id')}`,
      );
    }
    // xmax = 0: the row version was inserted by this statement, not updated (created vs updated).
    const result: { id: string; employee_ref: string; inserted: boolean }[] = await manager.query(
      `INSERT INTO teacher_profile (company_id, version, ${columns.map((column) => column.name).join(', ')})
     VALUES ${tuples.join(', ')}
     ON CONFLICT ON CONSTRAINT ${EMPLOYEE_REF_CONSTRAINT} DO UPDATE SET
       ${[...updates, 'version = teacher_profile.version + 1', 'updated_at = now()'].join(', ')}
     RETURNING id, employee_ref, (xmax = 0) AS inserted`,
      parameters,
    );
    return result.map((row) => ({ id: row.id, employeeRef: row.employee_ref, inserted: row.inserted }));
  }

  /**
   * One staff import per company at a time (a transaction-scoped advisory lock, tried, not waited
   * for): answers false while another import of the company runs, in any API process. Held from
   * before the file is read until the import commits, so two imports of the same staff never
   * deadlock on each other's rows and each reports what it created and updated.
   */
  async tryLockCompanyImport(manager: EntityManager, companyId: string): Promise<boolean> {
    const [{ locked }]: Array<{ locked: boolean }> = await manager.query(
      `SELECT pg_try_advisory_xact_lock(hashtextextended('teacher-import-' || $1::text, 0)) AS locked`,
      [companyId],
    );
    return locked;
  }

  /** Replaces the profiles' availability windows: one DELETE and one INSERT … SELECT unnest(…). */
  async replaceWindows(manager: EntityManager, teacherIds: string[], windows: NewWindow[]): Promise<void> {
    await manager.query('DELETE FROM teacher_availability_window WHERE teacher_id = ANY($1::uuid[])', [
      teacherIds,
    ]);
    if (windows.length === 0) return;
    await manager.query(
      `INSERT INTO teacher_availability_window (teacher_id, weekday, start_time, end_time)
     SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::time[], $4::time[])`,
      [
        windows.map((window) => window.teacherId),
        windows.map((window) => window.weekday),
        windows.map((window) => window.start),
        windows.map((window) => window.end),
      ],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ACTIVE_REQUEST_STATUSES,
  EducationLevel,
  LearningPath,
  TeachingRequestStatus,
  TeachingRole,
  Weekday,
} from '@hybridmatch/domain';
import type { TeachingRequestScope } from '../access/access.service';
import { pageWithTotal } from './page-query';

/** The list filters a caller may add to their scope. */
export interface TeachingRequestListFilter {
  regionId?: string;
  schoolId?: string;
  subjectCode?: string;
  level?: EducationLevel;
  status?: TeachingRequestStatus;
}

/** A lesson block as the API shows it: a weekday with "HH:MM" times. */
export interface LessonBlockView {
  id: string;
  weekday: Weekday;
  start: string;
  end: string;
}

/** A teaching request as the API shows it, read in one statement with its blocks and its school's region. */
export interface TeachingRequestView {
  id: string;
  schoolId: string;
  regionId: string;
  locationId: string;
  title: string;
  subjectCode: string;
  level: EducationLevel;
  role: TeachingRole;
  /** BOL or BBL at an MBO level; null at HBO. */
  learningPath: LearningPath | null;
  blocks: LessonBlockView[];
  periodStart: string;
  periodEnd: string;
  minCommitmentWeeks: number;
  allowTeam: boolean;
  allowVogPending: boolean;
  description: string;
  status: TeachingRequestStatus;
  statusReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The request's columns as the API names them, with its blocks in weekday and start order (`HH:MM`). */
const VIEW_COLUMNS = `
  r.id, r.school_id AS "schoolId", s.region_id AS "regionId", r.location_id AS "locationId",
  r.title, r.subject_code AS "subjectCode", r.level, r.role, r.learning_path AS "learningPath",
  COALESCE((SELECT json_agg(json_build_object(
                     'id', b.id, 'weekday', b.weekday,
                     'start', to_char(b.start_time, 'HH24:MI'),
                     'end', to_char(b.end_time, 'HH24:MI'))
                   ORDER BY b.weekday, b.start_time)
              FROM lesson_block b WHERE b.request_id = r.id), '[]') AS blocks,
  r.period_start::text AS "periodStart", r.period_end::text AS "periodEnd",
  r.min_commitment_weeks AS "minCommitmentWeeks", r.allow_team AS "allowTeam",
  r.allow_vog_pending AS "allowVogPending", r.description, r.status,
  r.status_reason AS "statusReason", r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

/**
 * The teaching-request reads the API serves most: a scoped page with its total, and one request,
 * each in a single statement (the request, its blocks and its school's region together).
 */
@Injectable()
export class TeachingRequestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of requests within `scope` and the filters, by period start, and the total. `scope`
   * must not be `none` (the caller answers an empty page itself).
   */
  async page(
    scope: Exclude<TeachingRequestScope, { kind: 'none' }>,
    filter: TeachingRequestListFilter,
    window: { skip: number; take: number },
  ): Promise<{ items: TeachingRequestView[]; total: number }> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: (placeholder: string) => string, value: unknown): void => {
      parameters.push(value);
      conditions.push(sql(`$${parameters.length}`));
    };
    if (scope.kind === 'regions') where((p) => `s.region_id = ANY(${p}::uuid[])`, scope.regionIds);
    if (scope.kind === 'organisation') where((p) => `r.school_id = ${p}`, scope.organisationId);
    if (scope.kind === 'demand') {
      where((p) => `s.region_id = ${p}`, scope.regionId);
      where((p) => `r.status = ANY(${p}::teaching_request_status[])`, [...ACTIVE_REQUEST_STATUSES]);
    }
    if (filter.regionId) where((p) => `s.region_id = ${p}`, filter.regionId);
    if (filter.schoolId) where((p) => `r.school_id = ${p}`, filter.schoolId);
    if (filter.subjectCode) where((p) => `r.subject_code = ${p}`, filter.subjectCode);
    if (filter.level) where((p) => `r.level = ${p}`, filter.level);
    if (filter.status) where((p) => `r.status = ${p}`, filter.status);
    const whereClause = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const from = `FROM teaching_request r JOIN organisation s ON s.id = r.school_id ${whereClause}`;

    const { rows, total } = await pageWithTotal<TeachingRequestView>(
      this.dataSource,
      { columns: VIEW_COLUMNS, from, orderBy: 'r.period_start, r.id' },
      parameters,
      window,
    );
    return { items: rows, total };
  }

  /** One request with its blocks and its school's region, or null. */
  async findView(id: string): Promise<TeachingRequestView | null> {
    const rows = await this.dataSource.query<TeachingRequestView[]>(
      `SELECT ${VIEW_COLUMNS} FROM teaching_request r JOIN organisation s ON s.id = r.school_id WHERE r.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ComplianceWarningKind } from '@hybridmatch/database';

/** A teacher the compliance sweep looks at: active, with a VOG on file or a PDG in progress. */
export interface ComplianceCandidate {
  teacherId: string;
  teacherName: string;
  companyId: string;
  regionId: string;
  vogIssuedOn: string | null;
  availableUntil: string | null;
  /** For a PDG in progress: when it started (the 2-year clock). */
  pdgSince: string | null;
  /** Active placements not ended before today. */
  placements: Array<{ id: string; startDate: string; endDate: string }>;
}

export interface NewComplianceWarning {
  kind: ComplianceWarningKind;
  teacherId: string;
  companyId: string;
  regionId: string;
  dueOn: string;
  placementId: string | null;
}

/** The SQL of the daily compliance sweep (ComplianceSweepService). */
@Injectable()
export class ComplianceRepository {
  async candidates(manager: EntityManager, today: string): Promise<ComplianceCandidate[]> {
    return manager.query(
      `SELECT t.id AS "teacherId", t.first_name || ' ' || t.last_name AS "teacherName", t.company_id AS "companyId",
              c.region_id AS "regionId", t.vog_issued_on::text AS "vogIssuedOn", t.available_until::text AS "availableUntil",
              CASE WHEN t.qualification = 'pdg_in_progress' THEN t.qualification_since::text END AS "pdgSince",
              coalesce((SELECT json_agg(json_build_object('id', pl.id, 'startDate', pl.start_date, 'endDate', pl.end_date) ORDER BY pl.start_date)
                          FROM placement pl WHERE pl.teacher_id = t.id AND pl.status = 'active' AND pl.end_date >= $1::date), '[]'::json) AS placements
         FROM teacher_profile t
         JOIN organisation c ON c.id = t.company_id
        WHERE t.active AND (t.available_until IS NULL OR t.available_until >= $1::date)
          AND (t.vog_issued_on IS NOT NULL OR t.qualification = 'pdg_in_progress')
        ORDER BY t.id`,
      [today],
    );
  }

  /**
   * Writes the warnings not written before (the unique key: kind, teacher, due date), found on
   * `today`; answers the new ones' ids, in the order given (null: written before).
   */
  async insertNew(
    manager: EntityManager,
    warnings: NewComplianceWarning[],
    today: string,
    now: Date,
  ): Promise<Array<NewComplianceWarning & { id: string }>> {
    if (warnings.length === 0) return [];
    const rows: Array<{ id: string; kind: ComplianceWarningKind; teacher_id: string; due_on: string }> =
      await manager.query(
        `INSERT INTO compliance_warning (kind, teacher_id, company_id, region_id, due_on, placement_id, detected_on, created_at)
       SELECT *, $7::date, $8::timestamptz FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::uuid[])
       ON CONFLICT ON CONSTRAINT uq_compliance_warning DO NOTHING
       RETURNING id, kind, teacher_id, due_on::text`,
        [
          warnings.map((w) => w.kind),
          warnings.map((w) => w.teacherId),
          warnings.map((w) => w.companyId),
          warnings.map((w) => w.regionId),
          warnings.map((w) => w.dueOn),
          warnings.map((w) => w.placementId),
          today,
          now,
        ],
      );
    const id = new Map(rows.map((row) => [`${row.kind}|${row.teacher_id}|${row.due_on}`, row.id]));
    return warnings.flatMap((w) => {
      const found = id.get(`${w.kind}|${w.teacherId}|${w.dueOn}`);
      return found ? [{ ...w, id: found }] : [];
    });
  }

  /** Who hears of a teacher's warning: the company's admins and the coordinators of its region. */
  async recipients(
    manager: EntityManager,
    companyIds: string[],
    regionIds: string[],
  ): Promise<Array<{ userId: string; companyId: string | null; regionId: string | null }>> {
    return manager.query(
      `SELECT u.id AS "userId", u.organisation_id AS "companyId", NULL::uuid AS "regionId"
         FROM app_user u WHERE u.role = 'company_admin' AND u.organisation_id = ANY($1::uuid[]) AND u.deactivated_at IS NULL
       UNION ALL
       SELECT u.id, NULL, ur.region_id
         FROM app_user u JOIN user_region ur ON ur.user_id = u.id
        WHERE u.role = 'regional_coordinator' AND ur.region_id = ANY($2::uuid[]) AND u.deactivated_at IS NULL`,
      [companyIds, regionIds],
    );
  }
}

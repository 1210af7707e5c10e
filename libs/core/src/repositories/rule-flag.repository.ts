import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RuleFlag, RuleFlagCause, RuleFlagResolution } from '@hybridmatch/database';
import type { RuleViolation } from '@hybridmatch/domain';
import { ACTIVE_PROPOSAL_STATUSES } from './matching-input.repository';
import { pageWithTotal } from './page-query';

/** An open proposal or an active placement to re-check (a placement with its dates). */
export interface RecheckSubject {
  proposalId: string;
  placementId: string | null;
  teacherId: string;
  requestId: string;
  blockIds: string[];
  startDate: string | null;
  endDate: string | null;
}

/** A flag as the lists show it, with the names a reader needs. */
export interface RuleFlagRow {
  id: string;
  proposalId: string;
  placementId: string | null;
  regionId: string;
  companyId: string;
  schoolId: string;
  teacherId: string;
  requestId: string;
  teacherName: string;
  companyName: string;
  schoolName: string;
  requestTitle: string;
  ruleCodes: string[];
  violations: RuleViolation[];
  cause: RuleFlagCause;
  raisedAt: Date;
  resolvedAt: Date | null;
  resolution: RuleFlagResolution | null;
}

/** The SQL of rule flags ("needs attention", docs/RULES.md): what to re-check, and the flags themselves. */
@Injectable()
export class RuleFlagRepository {
  /**
   * The open proposals (proposed, awaiting approval) and the active placements not ended before
   * `today` of some teachers or of one request.
   */
  async subjects(
    manager: EntityManager,
    of: { teacherIds: string[] } | { requestId: string },
    today: string,
  ): Promise<RecheckSubject[]> {
    const [column, value] =
      'teacherIds' in of
        ? ['teacher_id = ANY($1::uuid[])', of.teacherIds]
        : ['request_id = $1::uuid', of.requestId];
    return manager.query(
      `SELECT id AS "proposalId", NULL::uuid AS "placementId", teacher_id AS "teacherId", request_id AS "requestId",
              block_ids AS "blockIds", NULL::text AS "startDate", NULL::text AS "endDate"
         FROM proposal WHERE ${column} AND status = ANY($2::proposal_status[])
       UNION ALL
       SELECT proposal_id, id, teacher_id, request_id, block_ids, start_date::text, end_date::text
         FROM placement WHERE ${column} AND status = 'active' AND end_date >= $3::date
       ORDER BY "proposalId"`,
      [value, ACTIVE_PROPOSAL_STATUSES, today],
    );
  }

  /** The open flags of some proposals, by proposal id. */
  async openOf(manager: EntityManager, proposalIds: string[]): Promise<Map<string, RuleFlag>> {
    if (proposalIds.length === 0) return new Map();
    const flags = await manager
      .getRepository(RuleFlag)
      .createQueryBuilder('f')
      .where('f.proposal_id = ANY(:ids) AND f.resolved_at IS NULL', { ids: proposalIds })
      .getMany();
    return new Map(flags.map((flag) => [flag.proposalId, flag]));
  }

  /** Raises a flag on a proposal (or its placement); its region, company and school are the proposal's. */
  async raise(
    manager: EntityManager,
    subject: RecheckSubject,
    violations: RuleViolation[],
    cause: RuleFlagCause,
    now: Date,
  ): Promise<RuleFlag> {
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO rule_flag (proposal_id, placement_id, region_id, company_id, school_id, rule_codes, violations, cause, raised_at, updated_at)
       SELECT p.id, $2, p.region_id, p.company_id, p.school_id, $3::varchar[], $4::jsonb, $5, $6, $6 FROM proposal p WHERE p.id = $1
       RETURNING id`,
      [
        subject.proposalId,
        subject.placementId,
        violations.map((v) => v.code),
        JSON.stringify(violations),
        cause,
        now,
      ],
    );
    return manager.findOneByOrFail(RuleFlag, { id: row.id });
  }

  /** The failing rules of an open flag changed (still failing). */
  async update(
    manager: EntityManager,
    flagId: string,
    violations: RuleViolation[],
    now: Date,
  ): Promise<void> {
    await manager.update(
      RuleFlag,
      { id: flagId },
      { ruleCodes: violations.map((v) => v.code), violations, updatedAt: now },
    );
  }

  /** Resolves the open flag of each proposal, if any; answers the resolved flags' ids. */
  async resolve(
    manager: EntityManager,
    proposalIds: string[],
    resolution: RuleFlagResolution,
    now: Date,
  ): Promise<string[]> {
    if (proposalIds.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `UPDATE rule_flag SET resolved_at = $2, resolution = $3, updated_at = $2
        WHERE proposal_id = ANY($1::uuid[]) AND resolved_at IS NULL RETURNING id`,
      [proposalIds, now, resolution],
    );
    return rows.map((row) => row.id);
  }

  /**
   * One page of flags in the caller's scope (`scope`: column → allowed ids; empty: everything),
   * newest first, open ones only unless `includeResolved`.
   */
  async page(
    manager: EntityManager,
    scope: Partial<Record<'regionId' | 'companyId' | 'schoolId', string[]>>,
    query: { open: boolean; regionId?: string; page: number; pageSize: number },
  ): Promise<{ items: RuleFlagRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const column = { regionId: 'f.region_id', companyId: 'f.company_id', schoolId: 'f.school_id' };
    for (const [key, ids] of Object.entries(scope) as Array<[keyof typeof column, string[]]>) {
      params.push(ids);
      where.push(`${column[key]} = ANY($${params.length}::uuid[])`);
    }
    if (query.regionId) {
      params.push(query.regionId);
      where.push(`f.region_id = $${params.length}::uuid`);
    }
    where.push(query.open ? 'f.resolved_at IS NULL' : 'f.resolved_at IS NOT NULL');
    const { rows, total } = await pageWithTotal<RuleFlagRow>(
      manager,
      {
        columns: `f.id, f.proposal_id AS "proposalId", f.placement_id AS "placementId", f.region_id AS "regionId",
              f.company_id AS "companyId", f.school_id AS "schoolId", p.teacher_id AS "teacherId", p.request_id AS "requestId",
              t.first_name || ' ' || t.last_name AS "teacherName", c.name AS "companyName", s.name AS "schoolName",
              r.title AS "requestTitle", f.rule_codes AS "ruleCodes", f.violations, f.cause, f.raised_at AS "raisedAt",
              f.resolved_at AS "resolvedAt", f.resolution`,
        from: `FROM rule_flag f
         JOIN proposal p ON p.id = f.proposal_id
         JOIN teacher_profile t ON t.id = p.teacher_id
         JOIN organisation c ON c.id = f.company_id
         JOIN organisation s ON s.id = f.school_id
         JOIN teaching_request r ON r.id = p.request_id
        WHERE ${where.join(' AND ')}`,
        orderBy: 'f.raised_at DESC, f.id',
      },
      params,
      { skip: (query.page - 1) * query.pageSize, take: query.pageSize },
    );
    return { items: rows, total };
  }
}

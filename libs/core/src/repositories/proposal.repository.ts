import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Proposal, ProposalEventAction } from '@hybridmatch/database';
import { ProposalAnswer, ProposalParty, ProposalStatus, UserRole } from '@hybridmatch/domain';
import type { ProposalNames } from './notification.repository';
import { filterConditions, pageWithTotal } from './page-query';

/** What a new proposal is made for, as the engine (or a cascade) names it. */
export interface ProposalTarget {
  requestId: string;
  teacherId: string;
  blockIds: string[];
}

/**
 * A target as the database knows it: the teacher's company, the request's school and region, those
 * of the named blocks that belong to the request (each once, in the order named) with their
 * minutes, and the names its messages show. `missing` names what does not exist (then nothing
 * else is filled in).
 */
export type ResolvedTarget =
  | {
      missing: null;
      companyId: string;
      schoolId: string;
      regionId: string;
      blockIds: string[];
      minutesPerWeek: number;
      names: ProposalNames;
    }
  | { missing: 'teacher' | 'request' };

/** One row of `proposal` as a match run or a cascade writes it: `proposed`, every answer pending, version 1. */
export type NewProposalRow = Pick<
  Proposal,
  | 'id'
  | 'matchRunId'
  | 'requestId'
  | 'teacherId'
  | 'companyId'
  | 'schoolId'
  | 'regionId'
  | 'blockIds'
  | 'minutesPerWeek'
  | 'score'
  | 'explanation'
  | 'expiresAt'
>;

/** One row of the audit trail. */
export interface NewProposalEvent {
  proposalId: string;
  actorUserId: string | null;
  actorRole: UserRole | null;
  action: ProposalEventAction;
  party: ProposalParty | null;
  fromStatus: ProposalStatus | null;
  toStatus: ProposalStatus;
  reason: string | null;
}

/** The proposal columns a list may filter on (scope and query filters alike): one value, or any of several. */
export type ProposalListFilter = Partial<
  Record<
    'status' | 'requestId' | 'teacherId' | 'companyId' | 'schoolId' | 'regionId' | 'matchRunId',
    string | string[]
  >
>;

/** Each filter's column and the type its parameter is cast to (so the column's index serves it). */
const FILTER_COLUMNS: Record<keyof ProposalListFilter, [column: string, type: string]> = {
  status: ['status', 'proposal_status'],
  requestId: ['request_id', 'uuid'],
  teacherId: ['teacher_id', 'uuid'],
  companyId: ['company_id', 'uuid'],
  schoolId: ['school_id', 'uuid'],
  regionId: ['region_id', 'uuid'],
  matchRunId: ['match_run_id', 'uuid'],
};

/**
 * The orders a proposal list may be read in, each with its natural direction (best score first,
 * soonest expiry first, names A–Z, newest first); a leading "-" reverses it. Ties go by id.
 */
const PROPOSAL_ORDERS = {
  newest: 'p.created_at DESC',
  score: 'p.score DESC',
  expiresAt: 'p.expires_at ASC',
  teacher: `(SELECT t.last_name || ' ' || t.first_name FROM teacher_profile t WHERE t.id = p.teacher_id) ASC`,
  school: '(SELECT o.name FROM organisation o WHERE o.id = p.school_id) ASC',
} as const;

type ProposalOrder = keyof typeof PROPOSAL_ORDERS;
export type ProposalSort = ProposalOrder | `-${ProposalOrder}`;

/** The allow-list of `sort` values: each order and its reverse. */
export const PROPOSAL_SORTS = Object.keys(PROPOSAL_ORDERS).flatMap((key) => [
  key,
  `-${key}`,
]) as ProposalSort[];

function orderByOf(sort: ProposalSort = 'newest'): string {
  const reversed = sort.startsWith('-');
  const order = PROPOSAL_ORDERS[(reversed ? sort.slice(1) : sort) as ProposalOrder];
  return `${reversed ? order.replace(/ (ASC|DESC)$/, (_, way: string) => (way === 'ASC' ? ' DESC' : ' ASC')) : order}, p.id`;
}

/**
 * A proposal as read for a reader: the names of its teacher, company, school and request, and
 * the names of the teachers its explanation considered when asked for.
 */
export type ProposalRead = Proposal & {
  names: ProposalNames;
  consideredNames: Record<string, string> | null;
};

/** Every column of `proposal` under the entity's property names. */
const READ_COLUMNS = `
  p.id, p.match_run_id AS "matchRunId", p.request_id AS "requestId", p.teacher_id AS "teacherId",
  p.company_id AS "companyId", p.school_id AS "schoolId", p.region_id AS "regionId", p.block_ids AS "blockIds",
  p.minutes_per_week AS "minutesPerWeek", p.score::float8 AS score, p.explanation, p.status,
  p.company_answer AS "companyAnswer", p.teacher_answer AS "teacherAnswer", p.school_answer AS "schoolAnswer",
  p.expires_at AS "expiresAt", p.version, p.created_at AS "createdAt", p.updated_at AS "updatedAt",
  jsonb_build_object(
    'teacherName', (SELECT t.first_name || ' ' || t.last_name FROM teacher_profile t WHERE t.id = p.teacher_id),
    'companyName', (SELECT o.name FROM organisation o WHERE o.id = p.company_id),
    'schoolName', (SELECT o.name FROM organisation o WHERE o.id = p.school_id),
    'requestTitle', (SELECT r.title FROM teaching_request r WHERE r.id = p.request_id)) AS names`;

/** The names of the teachers a proposal's explanation considered, by id (for coordinators), or null. */
const readColumns = (withNames: boolean): string =>
  `${READ_COLUMNS}, ${
    withNames
      ? `(SELECT COALESCE(jsonb_object_agg(t.id, t.first_name || ' ' || t.last_name), '{}')
            FROM teacher_profile t
           WHERE t.id IN (SELECT (c ->> 'teacherId')::uuid
                            FROM json_array_elements(COALESCE(p.explanation -> 'considered', '[]')) c))`
      : 'NULL'
  } AS "consideredNames"`;

/**
 * The proposal writes of match runs, cascades and transitions, set-based: however many proposals
 * a run makes, resolving them is one statement and inserting them with their audit events
 * another. Every method runs in the caller's transaction (`manager`).
 */
@Injectable()
export class ProposalRepository {
  /**
   * A page of proposals matching every filter (the caller's scope and the query's, together), in
   * `sort`'s order (newest first by default), and the total, in one statement; with `withNames`,
   * each carries the names of the teachers its explanation considered.
   */
  async page(
    manager: EntityManager,
    filters: ProposalListFilter[],
    window: { skip: number; take: number },
    withNames: boolean,
    sort?: ProposalSort,
  ): Promise<{ rows: ProposalRead[]; total: number }> {
    const parameters: unknown[] = [];
    const conditions = filterConditions(filters, FILTER_COLUMNS, parameters);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return pageWithTotal<ProposalRead>(
      manager,
      {
        columns: readColumns(withNames),
        from: `FROM proposal p ${where}`,
        orderBy: orderByOf(sort),
      },
      parameters,
      window,
    );
  }

  /** One proposal, with the considered teachers' names when `withNames`, or null. */
  async findRead(manager: EntityManager, id: string, withNames: boolean): Promise<ProposalRead | null> {
    const rows: ProposalRead[] = await manager.query(
      `SELECT ${readColumns(withNames)} FROM proposal p WHERE p.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Locks the teaching request row for the rest of the transaction: the second step of the one
   * lock order (docs/PROPOSALS.md). `FOR NO KEY UPDATE`, like the status update it precedes, so
   * it does not wait for the key-share locks that inserts of proposals and placements referencing
   * the request take (a match run storing proposals is not held up).
   */
  async lockRequest(manager: EntityManager, requestId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM teaching_request WHERE id = $1 FOR NO KEY UPDATE`, [requestId]);
  }

  /** Resolves every target in one query; the answer is in the order of `targets`. */
  async resolveTargets(manager: EntityManager, targets: ProposalTarget[]): Promise<ResolvedTarget[]> {
    if (targets.length === 0) return [];
    const rows: Array<{
      ord: number;
      company_id: string | null;
      school_id: string | null;
      region_id: string | null;
      block_ids: string[] | null;
      minutes: number | null;
      teacher_name: string;
      company_name: string;
      school_name: string;
      request_title: string;
    }> = await manager.query(
      `WITH target AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS t(request_id, teacher_id, ord)
       ), named AS (
         SELECT DISTINCT ON (ord, block_id) ord, block_id, pos
           FROM unnest($3::int[], $4::uuid[]) WITH ORDINALITY AS n(ord, block_id, pos)
          ORDER BY ord, block_id, pos
       ), blocks AS (
         SELECT n.ord, array_agg(b.id ORDER BY n.pos) AS block_ids,
                sum((date_part('hour', b.end_time) - date_part('hour', b.start_time)) * 60
                    + date_part('minute', b.end_time) - date_part('minute', b.start_time))::int AS minutes
           FROM named n
           JOIN target t ON t.ord = n.ord
           JOIN lesson_block b ON b.id = n.block_id AND b.request_id = t.request_id
          GROUP BY n.ord
       )
       SELECT t.ord::int AS ord, p.company_id, s.id AS school_id, s.region_id, b.block_ids, b.minutes,
              p.first_name || ' ' || p.last_name AS teacher_name, c.name AS company_name, s.name AS school_name,
              r.title AS request_title
         FROM target t
         LEFT JOIN teacher_profile p ON p.id = t.teacher_id
         LEFT JOIN organisation c ON c.id = p.company_id
         LEFT JOIN teaching_request r ON r.id = t.request_id
         LEFT JOIN organisation s ON s.id = r.school_id
         LEFT JOIN blocks b ON b.ord = t.ord
        ORDER BY t.ord`,
      [
        targets.map((target) => target.requestId),
        targets.map((target) => target.teacherId),
        targets.flatMap((target, index) => target.blockIds.map(() => index + 1)),
        targets.flatMap((target) => target.blockIds),
      ],
    );
    return rows.map((row) =>
      row.company_id === null
        ? { missing: 'teacher' }
        : row.school_id === null || row.region_id === null
          ? { missing: 'request' }
          : {
              missing: null,
              companyId: row.company_id,
              schoolId: row.school_id,
              regionId: row.region_id,
              blockIds: row.block_ids ?? [],
              minutesPerWeek: row.minutes ?? 0,
              names: {
                teacherName: row.teacher_name,
                companyName: row.company_name,
                schoolName: row.school_name,
                requestTitle: row.request_title,
              },
            },
    );
  }

  /**
   * Inserts the proposals with their `create` audit events (by the system) in one statement and
   * returns them as stored, in the order given.
   */
  async insertMany(manager: EntityManager, rows: NewProposalRow[]): Promise<Proposal[]> {
    if (rows.length === 0) return [];
    const stored: Array<{ id: string; created_at: Date; updated_at: Date }> = await manager.query(
      `WITH inserted AS (
       INSERT INTO proposal (id, match_run_id, request_id, teacher_id, company_id, school_id, region_id,
                             block_ids, minutes_per_week, score, explanation, status, company_answer,
                             teacher_answer, school_answer, expires_at, version)
       SELECT id, match_run_id, request_id, teacher_id, company_id, school_id, region_id,
              block_ids, minutes_per_week, score, explanation, $2, $3, $3, $3, expires_at, 1
         FROM json_to_recordset($1::json) AS p(id uuid, match_run_id uuid, request_id uuid, teacher_id uuid,
              company_id uuid, school_id uuid, region_id uuid, block_ids uuid[], minutes_per_week int,
              score numeric, explanation json, expires_at timestamptz)
       RETURNING id, status, created_at, updated_at
       ), created AS (
         INSERT INTO proposal_event (proposal_id, action, to_status) SELECT id, $4, status FROM inserted
       )
       SELECT id, created_at, updated_at FROM inserted`,
      [
        JSON.stringify(
          rows.map((row) => ({
            id: row.id,
            match_run_id: row.matchRunId,
            request_id: row.requestId,
            teacher_id: row.teacherId,
            company_id: row.companyId,
            school_id: row.schoolId,
            region_id: row.regionId,
            block_ids: row.blockIds,
            minutes_per_week: row.minutesPerWeek,
            score: row.score,
            explanation: row.explanation,
            expires_at: row.expiresAt.toISOString(),
          })),
        ),
        ProposalStatus.Proposed,
        ProposalAnswer.Pending,
        ProposalEventAction.Create,
      ],
    );
    const times = new Map(stored.map((row) => [row.id, row]));
    return rows.map((row) =>
      manager.create(Proposal, {
        ...row,
        status: ProposalStatus.Proposed,
        companyAnswer: ProposalAnswer.Pending,
        teacherAnswer: ProposalAnswer.Pending,
        schoolAnswer: ProposalAnswer.Pending,
        createdAt: times.get(row.id)?.created_at,
        updatedAt: times.get(row.id)?.updated_at,
        version: 1,
      }),
    );
  }

  /** Writes audit events (of transitions) in one statement. */
  async insertEvents(manager: EntityManager, events: NewProposalEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO proposal_event (proposal_id, actor_user_id, actor_role, action, party, from_status, to_status, reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::user_role[], $4::proposal_event_action[],
                            $5::proposal_party[], $6::proposal_status[], $7::proposal_status[], $8::text[])`,
      [
        events.map((event) => event.proposalId),
        events.map((event) => event.actorUserId),
        events.map((event) => event.actorRole),
        events.map((event) => event.action),
        events.map((event) => event.party),
        events.map((event) => event.fromStatus),
        events.map((event) => event.toStatus),
        events.map((event) => event.reason),
      ],
    );
  }
}

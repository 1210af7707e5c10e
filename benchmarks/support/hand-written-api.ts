/**
 * The comparison server of `benchmarks/api-reads.bench.ts`: what a careful engineer would write by
 * hand for the same read routes, with no framework beyond Fastify and `pg`. Each route verifies the
 * bearer token (as the product must), runs ONE query and sends the same JSON the product sends, for
 * the platform admin (the only caller the bench uses; anyone else gets 403). Not part of the
 * product: it lives in the bench, started as its own process by the scenario.
 *
 * Environment: DATABASE_URL, PORT, JWT_SECRET.
 */
import { JwtService } from '@nestjs/jwt';
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { createSecretKey } from 'node:crypto';
import { Pool } from 'pg';
import type { ProposalExplanation } from '../../libs/database/src/entities/proposal.entity';
import { explanationFor } from '../../libs/core/src/proposals/proposal-explanation';

interface Claims {
  sub: string;
  role: string;
  org: string | null;
  regions?: string[];
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
// The key made once, as the product does (a string secret is re-read as a key on every verify).
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET ?? ''));
const jwt = new JwtService({ secretOrKeyProvider: () => key });
const app = Fastify({ logger: false });

/** The caller's claims, or a 401/403 already sent. */
function platformAdmin(request: FastifyRequest, reply: FastifyReply): Claims | null {
  const header = request.headers.authorization;
  try {
    if (!header?.startsWith('Bearer ')) throw new Error('no token');
    const claims = jwt.verify<Claims>(header.slice(7));
    if (claims.role === 'platform_admin') return claims;
    void reply.code(403).send({ status: 403 });
  } catch {
    void reply.code(401).send({ status: 401 });
  }
  return null;
}

function pageOf(request: FastifyRequest): { page: number; pageSize: number } {
  const query = request.query as { page?: string; pageSize?: string };
  return { page: Number(query.page ?? 1), pageSize: Number(query.pageSize ?? 25) };
}

const REQUEST_COLUMNS = `
  r.id, r.school_id, s.region_id, r.location_id, r.title, r.subject_code, r.level, r.role,
  r.period_start::text AS period_start, r.period_end::text AS period_end, r.min_commitment_weeks,
  r.allow_team, r.allow_vog_pending, r.learning_path, r.description, r.status, r.status_reason, r.version,
  r.created_at, r.updated_at,
  COALESCE((SELECT json_agg(json_build_object('id', b.id, 'weekday', b.weekday,
                    'start', to_char(b.start_time, 'HH24:MI'), 'end', to_char(b.end_time, 'HH24:MI'))
                    ORDER BY b.weekday, b.start_time)
              FROM lesson_block b WHERE b.request_id = r.id), '[]') AS blocks,
  COALESCE((SELECT sum(extract(epoch FROM b.end_time - b.start_time)) / 60
              FROM lesson_block b WHERE b.request_id = r.id), 0)::float8 AS minutes`;

type Row = Record<string, unknown>;

const toRequest = (row: Row) => ({
  id: row.id,
  schoolId: row.school_id,
  regionId: row.region_id,
  locationId: row.location_id,
  title: row.title,
  subjectCode: row.subject_code,
  level: row.level,
  role: row.role,
  blocks: row.blocks,
  hoursPerWeek: Math.round(((row.minutes as number) / 60) * 100) / 100,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  minCommitmentWeeks: row.min_commitment_weeks,
  allowTeam: row.allow_team,
  allowVogPending: row.allow_vog_pending,
  learningPath: row.learning_path,
  description: row.description,
  status: row.status,
  statusReason: row.status_reason,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const PROPOSAL_COLUMNS = `
  p.id, p.match_run_id, p.request_id, p.teacher_id, p.company_id, p.school_id, p.region_id,
  p.block_ids, p.minutes_per_week, p.score::float8 AS score, p.explanation, p.status,
  p.company_answer, p.teacher_answer, p.school_answer, p.expires_at, p.version, p.created_at,
  p.updated_at,
  jsonb_build_object(
    'teacherName', (SELECT t.first_name || ' ' || t.last_name FROM teacher_profile t WHERE t.id = p.teacher_id),
    'companyName', (SELECT o.name FROM organisation o WHERE o.id = p.company_id),
    'schoolName', (SELECT o.name FROM organisation o WHERE o.id = p.school_id),
    'requestTitle', (SELECT r.title FROM teaching_request r WHERE r.id = p.request_id)) AS party_names,
  (SELECT jsonb_object_agg(t.id, t.first_name || ' ' || t.last_name) FROM teacher_profile t
    WHERE t.id IN (SELECT (c ->> 'teacherId')::uuid
                     FROM json_array_elements(COALESCE(p.explanation -> 'considered', '[]')) c)) AS names`;

const toProposal = (row: Row) => ({
  id: row.id,
  matchRunId: row.match_run_id,
  requestId: row.request_id,
  teacherId: row.teacher_id,
  companyId: row.company_id,
  schoolId: row.school_id,
  regionId: row.region_id,
  blockIds: row.block_ids,
  minutesPerWeek: row.minutes_per_week,
  score: row.score,
  // The platform admin reads the explanation as coordinators do: with the sentences naming the others.
  explanation: explanationFor(
    row.explanation as ProposalExplanation,
    (row.block_ids as string[]).length,
    new Map(Object.entries((row.names as Record<string, string> | null) ?? {})),
  ),
  status: row.status,
  answers: { company: row.company_answer, teacher: row.teacher_answer, school: row.school_answer },
  names: row.party_names,
  expiresAt: row.expires_at,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

app.get('/api/teaching-requests', async (request, reply) => {
  if (!platformAdmin(request, reply)) return reply;
  const { page, pageSize } = pageOf(request);
  const { rows } = await pool.query<Row>(
    `SELECT ${REQUEST_COLUMNS}, count(*) OVER () AS total
       FROM teaching_request r JOIN organisation s ON s.id = r.school_id
      ORDER BY r.period_start, r.id LIMIT $1 OFFSET $2`,
    [pageSize, (page - 1) * pageSize],
  );
  return { items: rows.map(toRequest), page, pageSize, total: Number(rows[0]?.total ?? 0) };
});

app.get('/api/teaching-requests/:id', async (request, reply) => {
  if (!platformAdmin(request, reply)) return reply;
  const { rows } = await pool.query<Row>(
    `SELECT ${REQUEST_COLUMNS} FROM teaching_request r JOIN organisation s ON s.id = r.school_id
      WHERE r.id = $1`,
    [(request.params as { id: string }).id],
  );
  return rows.length ? toRequest(rows[0]) : reply.code(404).send({ status: 404 });
});

app.get('/api/proposals', async (request, reply) => {
  if (!platformAdmin(request, reply)) return reply;
  const { page, pageSize } = pageOf(request);
  const { rows } = await pool.query<Row>(
    `SELECT ${PROPOSAL_COLUMNS}, count(*) OVER () AS total FROM proposal p
      ORDER BY p.created_at DESC, p.id LIMIT $1 OFFSET $2`,
    [pageSize, (page - 1) * pageSize],
  );
  return { items: rows.map(toProposal), page, pageSize, total: Number(rows[0]?.total ?? 0) };
});

app.get('/api/proposals/:id', async (request, reply) => {
  if (!platformAdmin(request, reply)) return reply;
  const { rows } = await pool.query<Row>(`SELECT ${PROPOSAL_COLUMNS} FROM proposal p WHERE p.id = $1`, [
    (request.params as { id: string }).id,
  ]);
  return rows.length ? toProposal(rows[0]) : reply.code(404).send({ status: 404 });
});

app.get('/api/auth/me', async (request, reply) => {
  const claims = platformAdmin(request, reply);
  if (!claims) return reply;
  const { rows } = await pool.query<Row>(
    'SELECT id, email, name, role, organisation_id FROM app_user WHERE id = $1',
    [claims.sub],
  );
  const user = rows[0];
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisation_id,
    regionIds: claims.regions ?? [],
  };
});

app.get('/ready', () => ({ ok: true }));

app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
process.once('SIGTERM', () => {
  void app.close().then(() => pool.end());
});

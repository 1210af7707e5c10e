import { parse } from 'csv-parse/sync';
import { ProgressService } from '@hybridmatch/core';
import {
  LessonBlock,
  Placement,
  PlacementStatus,
  ProgressSnapshot,
  TeacherProfile,
  TeachingRequest,
} from '@hybridmatch/database';
import { OrganisationKind, ProposalStatus, TeachingRequestStatus } from '@hybridmatch/domain';
import { TestContext, TestUser } from '../../../test/support/test-context';

/** The product's "today" in this file: Wednesday 14 October 2026 (the week starts Monday 12 October). */
const TODAY = '2026-10-14';

describe('progress toward the 1,000 (e2e)', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let coordinatorA: TestUser;
  let regionA: string;
  let regionB: string;

  beforeAll(async () => {
    ctx = await TestContext.create({ HM_NOW: `${TODAY}T10:00:00+02:00` });
    admin = await ctx.newAdmin();
    regionA = (await ctx.newRegion()).id;
    regionB = (await ctx.newRegion()).id;
    coordinatorA = await ctx.newCoordinator(regionA);

    // Region A: a school with two requests (one filled), a company whose name would be a formula.
    const schoolA = await ctx.newSchool(regionA);
    const companyA = await ctx.newOrganisation(OrganisationKind.Company, regionA, {
      name: '=HYPERLINK("x")',
    });
    const open = await ctx.newRequest(schoolA);
    await ctx.newRequest(schoolA, { status: TeachingRequestStatus.Filled });
    const placed = await ctx.newTeacher(companyA.id);
    const proposed = await ctx.newTeacher(companyA.id);
    await ctx.newTeacher(companyA.id, { active: false });
    await ctx.newTeacher(companyA.id, { availableUntil: '2026-09-30' });
    await ctx.newProposal(open, proposed);
    const approved = await ctx.newProposal(open, placed, { status: ProposalStatus.Approved });
    const [block] = await ctx.db.getRepository(LessonBlock).findBy({ requestId: open.id });
    await ctx.db.getRepository(Placement).save({
      proposalId: approved.id,
      teacherId: placed.id,
      requestId: open.id,
      schoolId: schoolA.id,
      companyId: companyA.id,
      regionId: regionA,
      blockIds: [block.id],
      minutesPerWeek: 180,
      hourlyRateCents: 9000,
      startDate: '2026-09-01',
      endDate: '2027-01-31',
      supervisorName: 'Begeleider',
      supervisorEmail: 'begeleider@school.test',
      status: PlacementStatus.Active,
      approvedByUserId: null,
      approvedAt: new Date('2026-08-20T10:00:00Z'),
      cancelledAt: null,
      cancelledReason: null,
    });
    await ctx.db
      .getRepository(TeachingRequest)
      .update(open.id, { status: TeachingRequestStatus.PartiallyFilled });
    // A second open request in region A that nothing covers (3 open hours a week).
    await ctx.newRequest(schoolA);

    // Region B: one school with one open request and one company with one teacher.
    const schoolB = await ctx.newSchool(regionB);
    await ctx.newRequest(schoolB);
    await ctx.newTeacher((await ctx.newCompany(regionB)).id);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  /** The national figures recounted straight from the rows, independently of the report's code. */
  async function recount() {
    const [row] = await ctx.db.query(
      `SELECT
         (SELECT count(*) FROM teacher_profile WHERE active AND (available_until IS NULL OR available_until >= $1::date))::int AS offered,
         (SELECT count(DISTINCT teacher_id) FROM proposal WHERE status IN ('proposed', 'awaiting_approval'))::int AS proposed,
         (SELECT count(DISTINCT teacher_id) FROM placement WHERE status = 'active' AND end_date >= $1::date)::int AS placed,
         (SELECT coalesce(sum(minutes_per_week), 0) FROM placement WHERE status = 'active' AND end_date >= $1::date)::int AS minutes,
         (SELECT count(*) FROM teaching_request WHERE status = 'open')::int AS open,
         (SELECT count(*) FROM teaching_request WHERE status = 'partially_filled')::int AS partial,
         (SELECT count(*) FROM teaching_request WHERE status = 'filled')::int AS filled`,
      [TODAY],
    );
    return row as Record<string, number>;
  }

  it('national figures for the platform admin equal the sums over the rows, with the distance to 1,000', async () => {
    const { body } = await ctx.http.get('/api/progress').set(admin.auth).expect(200);
    const rows = await recount();
    expect(body).toMatchObject({ scope: 'national', asOf: TODAY, weekStart: '2026-10-12', target: 1000 });
    expect(body.total).toEqual({
      teachersOffered: rows.offered,
      teachersProposed: rows.proposed,
      teachersPlaced: rows.placed,
      teachersActiveThisWeek: 1,
      hoursPerWeekPlaced: rows.minutes / 60,
      // Tuesdays 1 September .. 13 October 2026: seven lessons of 3 hours.
      hoursTaught: 21,
      requestsOpen: rows.open,
      requestsPartiallyFilled: rows.partial,
      requestsFilled: rows.filled,
      // Two uncovered blocks of 3 hours (region A's second open request and region B's).
      openHoursPerWeek: 6,
    });
    expect(rows).toMatchObject({ offered: 3, proposed: 1, placed: 1, open: 2, partial: 1, filled: 1 });
    expect(body.distanceToTarget).toBe(1000 - rows.placed);
    const totals = (key: string) =>
      body.byRegion.reduce((sum: number, r: Record<string, number>) => sum + r[key], 0);
    for (const key of Object.keys(body.total))
      expect({ key, sum: totals(key) }).toEqual({ key, sum: body.total[key] });
    expect(body.demandSupply).toContainEqual({
      subjectCode: 'elektrotechniek',
      level: 'MBO3',
      demandHoursPerWeek: 6,
      // Three offered teachers with 6 released hours each; one teaches 3 of them.
      supplyHoursPerWeek: 15,
      balanceHoursPerWeek: 9,
    });
  });

  it('a coordinator sees their regions only; another region is 404, other roles 403', async () => {
    const { body } = await ctx.http.get('/api/progress').set(coordinatorA.auth).expect(200);
    expect(body.scope).toBe('regions');
    expect(body.byRegion.map((r: { key: string }) => r.key)).toEqual([regionA]);
    expect(body.total).toMatchObject({ teachersOffered: 2, teachersPlaced: 1, requestsOpen: 1 });
    expect(body.byCompany).toHaveLength(1);
    await ctx.http.get('/api/progress').query({ regionId: regionB }).set(coordinatorA.auth).expect(404);
    const company = await ctx.newCompanyAdmin((await ctx.newCompany(regionA)).id);
    await ctx.http.get('/api/progress').set(company.auth).expect(403);
    await ctx.http.get('/api/progress').query({ regionId: 'nope' }).set(admin.auth).expect(400);
  });

  it('exports CSV with formula cells neutralised', async () => {
    const response = await ctx.http.get('/api/progress/export').set(coordinatorA.auth).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const records: string[][] = parse(response.text);
    expect(records[0].slice(0, 3)).toEqual(['section', 'key', 'name']);
    const company = records.find((r) => r[0] === 'company')!;
    expect(company[2]).toBe(`'=HYPERLINK("x")`);
    expect(records.every((r) => r.every((cell) => !/^[=+@]/.test(cell)))).toBe(true);
    const total = records.find((r) => r[0] === 'total')!;
    expect(Number(total[3 + 2])).toBe(1); // teachersPlaced
  });

  it('keeps one weekly snapshot per scope, national and per region', async () => {
    const progress = ctx.app.get(ProgressService);
    await progress.snapshot();
    await progress.snapshot();
    const snapshots = await ctx.db.getRepository(ProgressSnapshot).find();
    expect(snapshots.filter((s) => s.scopeKey === 'national')).toHaveLength(1);
    expect(snapshots.every((s) => s.weekStart === '2026-10-12')).toBe(true);
    const { body } = await ctx.http.get('/api/progress/trend').set(admin.auth).expect(200);
    const national = await ctx.http.get('/api/progress').set(admin.auth).expect(200);
    expect(body).toEqual([
      expect.objectContaining({
        weekStart: '2026-10-12',
        scopeKey: 'national',
        figures: national.body.total,
      }),
    ]);
    const regional = await ctx.http.get('/api/progress/trend').set(coordinatorA.auth).expect(200);
    expect(regional.body.map((p: { scopeKey: string }) => p.scopeKey)).toEqual([regionA]);
    expect(await ctx.db.getRepository(TeacherProfile).count()).toBeGreaterThan(0);
  });
});

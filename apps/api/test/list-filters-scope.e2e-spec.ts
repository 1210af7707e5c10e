import { MatchRun, MatchRunStatus, MatchRunTrigger, Proposal } from '../../../libs/database/src';
import { ALL_ACCEPTED, BEFORE_TERM, TERMS } from '../../../test/support/proposal-terms';
import { TestContext, TestUser } from '../../../test/support/test-context';

/**
 * Issue 9, item 14: a list filter on a column the caller's scope also fixes is applied or refused,
 * never silently replaced by the scope. Every list route with such a filter, per role: a filter
 * outside the caller's scope either answers 403 naming the filter (proposals, placements), 404 for
 * the region (progress, shortage signals), or is applied (an empty list although the caller's own
 * list is not empty).
 */
describe('list filters outside the caller’s scope (e2e)', () => {
  let ctx: TestContext;
  type World = Awaited<ReturnType<TestContext['newProposalWorld']>>;
  let mine: World;
  let theirs: World;

  beforeAll(async () => {
    ctx = await TestContext.create({ HM_NOW: BEFORE_TERM });
    [mine, theirs] = [await ctx.newProposalWorld(), await ctx.newProposalWorld()];
    for (const world of [mine, theirs]) {
      await ctx.db.getRepository(Proposal).update({ id: world.proposal.id }, ALL_ACCEPTED);
      await ctx.http
        .post(`/api/proposals/${world.proposal.id}/approve`)
        .set(world.coordinator.auth)
        .send(TERMS)
        .expect(200);
      await ctx.db.getRepository(MatchRun).save({
        regionId: world.region.id,
        status: MatchRunStatus.Succeeded,
        trigger: MatchRunTrigger.Manual,
        parameters: {},
      });
    }
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const list = (user: TestUser, path: string, query: Record<string, string> = {}) =>
    ctx.http.get(path).query(query).set(user.auth);

  async function expectRefused(user: TestUser, path: string, filter: string, value: string) {
    const { body } = await list(user, path, { [filter]: value }).expect(403);
    expect(body).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(body.errors).toEqual([{ field: filter, reason: expect.any(String), code: 'outsideScope' }]);
    expect(body.detail).toContain(filter);
  }

  async function expectApplied(user: TestUser, path: string, filter: string, value: string) {
    const own = await list(user, path).expect(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    const filtered = await list(user, path, { [filter]: value }).expect(200);
    expect(filtered.body).toMatchObject({ items: [], total: 0 });
  }

  describe.each(['/api/proposals', '/api/placements'])('%s', (path) => {
    it('a coordinator’s regionId of another region is refused; their own narrows the list', async () => {
      await expectRefused(mine.coordinator, path, 'regionId', theirs.region.id);
      const own = await list(mine.coordinator, path, { regionId: mine.region.id }).expect(200);
      expect(own.body.items.map((item: { regionId: string }) => item.regionId)).toEqual([mine.region.id]);
    });

    it('a teacher’s teacherId of someone else is refused, whether or not that teacher exists', async () => {
      await expectRefused(mine.teacher, path, 'teacherId', theirs.teacher.teacher.id);
      await expectRefused(mine.teacher, path, 'teacherId', '00000000-0000-4000-8000-000000000000');
      const own = await list(mine.teacher, path, { teacherId: mine.teacher.teacher.id }).expect(200);
      expect(own.body.items).toHaveLength(1);
    });

    it('a company’s, school’s or teacher’s filter on another region or teacher is applied: nothing', async () => {
      await expectApplied(mine.companyAdmin, path, 'teacherId', theirs.teacher.teacher.id);
      await expectApplied(mine.companyAdmin, path, 'regionId', theirs.region.id);
      await expectApplied(mine.schoolAdmin, path, 'regionId', theirs.region.id);
      await expectApplied(mine.schoolAdmin, path, 'teacherId', theirs.teacher.teacher.id);
      await expectApplied(mine.teacher, path, 'regionId', theirs.region.id);
    });
  });

  it('/api/teachers: regionId and companyId outside the scope are applied', async () => {
    await expectApplied(mine.coordinator, '/api/teachers', 'regionId', theirs.region.id);
    await expectApplied(mine.coordinator, '/api/teachers', 'companyId', theirs.company.id);
    await expectApplied(mine.companyAdmin, '/api/teachers', 'companyId', theirs.company.id);
    await expectApplied(mine.companyAdmin, '/api/teachers', 'regionId', theirs.region.id);
    await expectApplied(mine.teacher, '/api/teachers', 'companyId', theirs.company.id);
  });

  it('/api/teaching-requests: regionId and schoolId outside the scope are applied', async () => {
    await expectApplied(mine.coordinator, '/api/teaching-requests', 'regionId', theirs.region.id);
    await expectApplied(mine.schoolAdmin, '/api/teaching-requests', 'schoolId', theirs.school.id);
    await expectApplied(mine.schoolAdmin, '/api/teaching-requests', 'regionId', theirs.region.id);
  });

  it('/api/organisations: regionId outside the scope is applied', async () => {
    await expectApplied(mine.coordinator, '/api/organisations', 'regionId', theirs.region.id);
    await expectApplied(mine.companyAdmin, '/api/organisations', 'regionId', theirs.region.id);
  });

  it('/api/match-runs: a coordinator’s regionId of another region is applied', async () => {
    await expectApplied(mine.coordinator, '/api/match-runs', 'regionId', theirs.region.id);
  });

  it('/api/users: a role filter is applied within the organisation', async () => {
    await expectApplied(mine.companyAdmin, '/api/users', 'role', 'platform_admin');
  });

  it('progress and shortage signals: a region outside the scope answers 404 naming the region', async () => {
    for (const path of ['/api/progress', '/api/progress/export', '/api/progress/trend']) {
      const { body } = await list(mine.coordinator, path, { regionId: theirs.region.id }).expect(404);
      expect(body).toMatchObject({ code: 'NOT_FOUND' });
      expect(body.detail).toContain(theirs.region.id);
    }
    for (const user of [mine.coordinator, mine.companyAdmin]) {
      const { body } = await list(user, '/api/shortage-signals', { regionId: theirs.region.id }).expect(404);
      expect(body.detail).toContain(theirs.region.id);
    }
  });
});

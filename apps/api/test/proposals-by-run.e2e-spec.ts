import { MatchRun, MatchRunStatus, MatchRunTrigger, Proposal } from '../../../libs/database/src';
import { ALL_ACCEPTED, TERMS, BEFORE_TERM } from '../../../test/support/proposal-terms';
import { TestContext, TestUser } from '../../../test/support/test-context';

/** `?matchRunId=` on the proposal and placement lists: only what that run proposed, within the caller's scope. */
describe('proposals and placements filtered by match run (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ HM_NOW: BEFORE_TERM });
  });

  afterAll(async () => {
    await ctx.close();
  });

  const succeededRun = (regionId: string) =>
    ctx.db.getRepository(MatchRun).save({
      regionId,
      status: MatchRunStatus.Succeeded,
      trigger: MatchRunTrigger.Schedule,
      parameters: {},
    });

  const ids = async (user: TestUser, path: string, query: Record<string, string>, status = 200) =>
    (await ctx.http.get(path).query(query).set(user.auth).expect(status)).body.items?.map(
      (item: { id: string }) => item.id,
    );

  it('lists only the proposals and placements of the run, and nothing of another region’s run', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const company = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const school = await ctx.newSchool(region.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const [first, second] = [await succeededRun(region.id), await succeededRun(region.id)];
    const teachers = [await ctx.newTeacher(company.id), await ctx.newTeacher(company.id)];
    const requests = [
      await ctx.newRequest(school),
      await ctx.newRequest(school),
      await ctx.newRequest(school),
    ];
    const ofFirst = await ctx.newProposal(requests[0], teachers[0], {
      ...ALL_ACCEPTED,
      matchRunId: first.id,
    });
    const alsoFirst = await ctx.newProposal(requests[1], teachers[1], { matchRunId: first.id });
    const ofSecond = await ctx.newProposal(requests[2], teachers[1], {
      ...ALL_ACCEPTED,
      matchRunId: second.id,
    });
    const byHand = await ctx.newProposal(requests[2], teachers[0]);
    for (const proposal of [ofFirst, ofSecond])
      await ctx.http
        .post(`/api/proposals/${proposal.id}/approve`)
        .set(coordinator.auth)
        .send(TERMS)
        .expect(200);
    const placementOf = async (proposal: Proposal) =>
      (await ctx.http.get('/api/placements').set(coordinator.auth).expect(200)).body.items.find(
        (item: { proposalId: string }) => item.proposalId === proposal.id,
      ).id as string;
    const [placedFirst, placedSecond] = [await placementOf(ofFirst), await placementOf(ofSecond)];

    const sorted = (list: string[]) => [...list].sort();
    for (const user of [coordinator, companyAdmin, schoolAdmin]) {
      expect(sorted(await ids(user, '/api/proposals', { matchRunId: first.id }))).toEqual(
        sorted([ofFirst.id, alsoFirst.id]),
      );
      expect(await ids(user, '/api/proposals', { matchRunId: second.id })).toEqual([ofSecond.id]);
      expect(await ids(user, '/api/placements', { matchRunId: first.id })).toEqual([placedFirst]);
      expect(await ids(user, '/api/placements', { matchRunId: second.id })).toEqual([placedSecond]);
    }
    // Without the filter the proposal made by hand is listed too; with it, never.
    expect(await ids(coordinator, '/api/proposals', {})).toContain(byHand.id);
    const filtered = await ctx.http
      .get('/api/proposals')
      .query({ matchRunId: first.id, status: 'approved' })
      .set(coordinator.auth)
      .expect(200);
    expect(filtered.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: ofFirst.id })] });

    // Another region's coordinator and company, and a teacher without proposals: nothing of this run.
    const elsewhere = await ctx.newRegion();
    const otherCoordinator = await ctx.newCoordinator(elsewhere.id);
    const otherCompanyAdmin = await ctx.newCompanyAdmin((await ctx.newCompany(elsewhere.id)).id);
    const idleTeacher = await ctx.newTeacherUser(company.id);
    for (const user of [otherCoordinator, otherCompanyAdmin, idleTeacher]) {
      expect(await ids(user, '/api/proposals', { matchRunId: first.id })).toEqual([]);
      expect(await ids(user, '/api/placements', { matchRunId: first.id })).toEqual([]);
    }

    // A bad id names the field.
    const bad = await ctx.http
      .get('/api/placements')
      .query({ matchRunId: 'run-1' })
      .set(coordinator.auth)
      .expect(400);
    expect(bad.body.errors).toEqual([
      { field: 'matchRunId', reason: 'must be a match run id (UUID)', code: 'isUuid' },
    ]);
  });

  it('sorts the list on the server (the approval queue across its pages), by an allowed order only', async () => {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const company = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);
    const made: Array<{ id: string; score: number }> = [];
    for (const score of [0.31, 0.92, 0.55, 0.78]) {
      const proposal = await ctx.newProposal(await ctx.newRequest(school), await ctx.newTeacher(company.id), {
        score,
      });
      made.push({ id: proposal.id, score });
    }
    const byScore = [...made].sort((a, b) => b.score - a.score).map((proposal) => proposal.id);
    const page = async (sort: string, pageNumber: number) =>
      ids(coordinator, '/api/proposals', {
        regionId: region.id,
        sort,
        pageSize: '2',
        page: String(pageNumber),
      });
    // Best first across pages: page 2 continues where page 1 stopped.
    expect([...(await page('score', 1)), ...(await page('score', 2))]).toEqual(byScore);
    expect([...(await page('-score', 1)), ...(await page('-score', 2))]).toEqual([...byScore].reverse());

    const refused = await ctx.http
      .get('/api/proposals')
      .query({ sort: 'teacher_id; DROP TABLE proposal' })
      .set(coordinator.auth)
      .expect(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'sort', reason: expect.stringContaining('must be one of: newest') }),
    ]);
  });
});

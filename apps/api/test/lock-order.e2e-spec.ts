import { LessonBlock, TeacherProfile, TeachingRequest } from '../../../libs/database/src';
import { ClockTime, TeachingRequestStatus } from '../../../libs/domain/src';
import { ALL_ACCEPTED, BEFORE_TERM, TERMS } from '../../../test/support/proposal-terms';
import { csvOf, row } from '../../../test/support/teacher-csv';
import { TestContext } from '../../../test/support/test-context';

/**
 * Issue 9, item 5: one lock order for every transaction (docs/PROPOSALS.md, "Lock order").
 * Concurrent approvals of two proposals of the same request used to deadlock (the placement insert
 * key-share-locked the request, then the status refresh wanted it FOR UPDATE); concurrent staff
 * imports of the same people in different row order deadlocked, and concurrent imports all
 * reported every row as created. Fired concurrently over HTTP; no 5xx, and the counts add up.
 */
describe('one lock order: concurrent approvals and imports (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ HM_NOW: BEFORE_TERM });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('approves two proposals of the same request at once, 10 times: never a 500, the request filled', async () => {
    const { school, coordinator, company } = await ctx.newProposalWorld();
    const pairs = [];
    for (let pair = 0; pair < 10; pair += 1) {
      const request = await ctx.newRequest(school);
      const [morning] = await ctx.db.getRepository(LessonBlock).findBy({ requestId: request.id });
      const afternoon = await ctx.db.getRepository(LessonBlock).save({
        requestId: request.id,
        weekday: 2,
        startTime: 780 as ClockTime,
        endTime: 960 as ClockTime,
      });
      const proposals = [];
      for (const block of [morning, afternoon]) {
        const teacher = await ctx.newTeacher(company.id);
        proposals.push(
          await ctx.newProposal(request, teacher, {
            ...ALL_ACCEPTED,
            blockIds: [block.id],
            minutesPerWeek: 180,
          }),
        );
      }
      pairs.push({ request, proposals });
    }

    const statuses: number[] = [];
    for (const { request, proposals } of pairs) {
      const answers = await Promise.all(
        proposals.map((proposal) =>
          ctx.http.post(`/api/proposals/${proposal.id}/approve`).set(coordinator.auth).send(TERMS),
        ),
      );
      statuses.push(...answers.map((answer) => answer.status));
      const after = await ctx.db.getRepository(TeachingRequest).findOneByOrFail({ id: request.id });
      expect(after.status).toBe(TeachingRequestStatus.Filled);
    }
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 200));
  }, 180_000);

  it('imports the same staff concurrently in different row orders: no 5xx, created once, the others updated or refused (409)', async () => {
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    // The VOG date lies before the test's today (HM_NOW, before term): a date after it is refused.
    const rows = Array.from({ length: 77 }, (_, index) => row(index + 1, { vog_issued_on: '2026-06-01' }));
    const files = [rows, [...rows].reverse(), rows, [...rows].reverse(), rows, [...rows].reverse()].map(
      (ordered) => csvOf(ordered),
    );
    const answers = await Promise.all(
      files.map((csv) =>
        ctx.http
          .post('/api/teachers/import')
          .set(companyAdmin.auth)
          .set('Content-Type', 'text/csv; charset=utf-8')
          .send(csv),
      ),
    );
    // One import per company at a time: an upload while another runs is refused, never a 5xx.
    const refused = answers.filter((answer) => answer.status !== 200);
    for (const answer of refused)
      expect(answer.body).toMatchObject({ status: 409, code: 'IMPORT_IN_PROGRESS' });
    const results = answers
      .filter((answer) => answer.status === 200)
      .map((answer) => answer.body as { created: number; updated: number; total: number });
    // Exactly one import created the 77; every other one that ran updated them.
    expect(results.map((result) => result.created).sort((a, b) => b - a)).toEqual(
      results.map((_result, index) => (index === 0 ? 77 : 0)),
    );
    for (const result of results) expect(result.created + result.updated).toBe(77);
    expect(await ctx.db.getRepository(TeacherProfile).countBy({ companyId: company.id })).toBe(77);
  });
});

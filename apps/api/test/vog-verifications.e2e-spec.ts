import { TestContext, TestUser } from '../../../test/support/test-context';

const TERMS = {
  hourlyRateCents: 9500,
  startDate: '2026-09-07',
  endDate: '2027-01-29',
  supervisorName: 'Marieke de Vries',
  supervisorEmail: 'm.devries@roc.example.nl',
};

/**
 * The school verifies the VOG of a proposed or placed teacher (DOMAIN.md rule 4): only the school of
 * the proposal or placement records a check; every party reads the history; a check never changes
 * the issue date the company recorded. The clock is fixed so "when" and "not in the future" are known.
 */
describe('VOG verification by the school (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ HM_NOW: '2026-08-25T10:00:00Z' });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function world() {
    const base = await ctx.newProposalWorld();
    await ctx.db.query(`UPDATE teacher_profile SET vog_issued_on = '2026-07-01' WHERE id = $1`, [
      base.teacher.teacher.id,
    ]);
    const otherSchool = await ctx.newSchoolAdmin((await ctx.newSchool(base.region.id)).id);
    return { ...base, otherSchool };
  }

  const check = (user: TestUser, path: string, body: object, status: number) =>
    ctx.http.post(`${path}/vog-verifications`).set(user.auth).send(body).expect(status);

  it('the school of the proposal records checks with history; the company date stays; every party sees them', async () => {
    const w = await world();
    const path = `/api/proposals/${w.proposal.id}`;

    const first = (
      await check(
        w.schoolAdmin,
        path,
        { status: 'verified', issuedOn: '2026-06-28', note: 'Original gezien.' },
        201,
      )
    ).body;
    expect(first).toEqual({
      id: expect.any(String),
      proposalId: w.proposal.id,
      teacherId: w.teacher.teacher.id,
      status: 'verified',
      issuedOn: '2026-06-28',
      recordedIssuedOn: '2026-07-01',
      matchesRecordedDate: false,
      note: 'Original gezien.',
      verifiedBy: { userId: w.schoolAdmin.user.id, name: w.schoolAdmin.user.name },
      // HM_NOW starts the clock; it runs on from there.
      verifiedAt: expect.stringMatching(/^2026-08-25T10:/),
    });
    // The company's recorded issue date is never overwritten by the school's check.
    const [profile] = await ctx.db.query(
      `SELECT vog_issued_on::text AS d FROM teacher_profile WHERE id = $1`,
      [w.teacher.teacher.id],
    );
    expect(profile.d).toBe('2026-07-01');

    await check(w.schoolAdmin, path, { status: 'verified', issuedOn: '2026-07-01' }, 201);

    // History, newest first, for every party of the proposal.
    for (const user of [w.schoolAdmin, w.companyAdmin, w.teacher, w.coordinator]) {
      const history = (await ctx.http.get(`${path}/vog-verifications`).set(user.auth).expect(200)).body;
      expect(history.map((row: { issuedOn: string }) => row.issuedOn)).toHaveLength(2);
    }
    // The counterpart view shows the latest check next to the company's date.
    const view = (await ctx.http.get(`${path}/parties`).set(w.companyAdmin.auth).expect(200)).body;
    expect(view.teacher.vog).toEqual({
      verified: false,
      issuedOn: '2026-07-01',
      schoolCheck: {
        status: 'verified',
        issuedOn: '2026-07-01',
        verifiedBy: w.schoolAdmin.user.name,
        verifiedAt: expect.stringMatching(/^2026-08-25T10:/),
      },
    });
  });

  it('refuses another school (404), the company and the coordinator (403), and outsiders reading the history', async () => {
    const w = await world();
    const path = `/api/proposals/${w.proposal.id}`;
    const body = { status: 'verified', issuedOn: '2026-07-01' };
    const otherSchool = await check(w.otherSchool, path, body, 404);
    expect(otherSchool.body.code).toBe('NOT_FOUND');
    expect((await check(w.companyAdmin, path, body, 403)).body.code).toBe('FORBIDDEN');
    await check(w.coordinator, path, body, 403);
    await check(w.teacher, path, body, 403);
    await ctx.http.get(`${path}/vog-verifications`).set(w.otherSchool.auth).expect(404);
    const [{ n }] = await ctx.db.query(
      `SELECT count(*)::int AS n FROM vog_verification WHERE proposal_id = $1`,
      [w.proposal.id],
    );
    expect(n).toBe(0);
  });

  it('checks the fields: a verified VOG has a date, a missing one none, never in the future', async () => {
    const w = await world();
    const path = `/api/proposals/${w.proposal.id}`;
    const noDate = await check(w.schoolAdmin, path, { status: 'verified' }, 400);
    expect(noDate.body.errors).toEqual([
      { field: 'issuedOn', reason: expect.stringMatching(/required/), code: 'vogDateRequired' },
    ]);
    await check(w.schoolAdmin, path, { status: 'missing', issuedOn: '2026-07-01' }, 400);
    const future = await check(w.schoolAdmin, path, { status: 'rejected', issuedOn: '2026-09-01' }, 400);
    expect(future.body.errors[0].reason).toMatch(/2026-08-25/);
    await check(w.schoolAdmin, path, { status: 'unsure' }, 400);
    const missing = (await check(w.schoolAdmin, path, { status: 'missing' }, 201)).body;
    expect(missing).toMatchObject({ status: 'missing', issuedOn: null, matchesRecordedDate: false });
  });

  it('works on the placement too (same history), and not once the proposal is withdrawn', async () => {
    const w = await world();
    const id = w.proposal.id;
    await check(w.schoolAdmin, `/api/proposals/${id}`, { status: 'verified', issuedOn: '2026-07-01' }, 201);
    for (const user of [w.schoolAdmin, w.teacher, w.companyAdmin])
      await ctx.http
        .post(`/api/proposals/${id}/answer`)
        .set(user.auth)
        .send({ decision: 'accept' })
        .expect(200);
    await ctx.http.post(`/api/proposals/${id}/approve`).set(w.coordinator.auth).send(TERMS).expect(200);
    const [placement] = await ctx.db.query(`SELECT id FROM placement WHERE proposal_id = $1`, [id]);

    const placed = `/api/placements/${placement.id}`;
    await check(
      w.schoolAdmin,
      placed,
      { status: 'rejected', issuedOn: '2026-07-01', note: 'Verkeerd profiel.' },
      201,
    );
    await check(w.otherSchool, placed, { status: 'verified', issuedOn: '2026-07-01' }, 404);
    await check(w.companyAdmin, placed, { status: 'verified', issuedOn: '2026-07-01' }, 403);
    const history = (await ctx.http.get(`${placed}/vog-verifications`).set(w.teacher.auth).expect(200)).body;
    expect(history.map((row: { status: string }) => row.status)).toEqual(['rejected', 'verified']);
    await ctx.http.get(`${placed}/vog-verifications`).set(w.otherSchool.auth).expect(404);

    const other = await world();
    await ctx.http
      .post(`/api/proposals/${other.proposal.id}/withdraw`)
      .set(other.coordinator.auth)
      .send({ reason: 'Teacher no longer available.' })
      .expect(200);
    const late = await check(
      other.schoolAdmin,
      `/api/proposals/${other.proposal.id}`,
      { status: 'verified', issuedOn: '2026-07-01' },
      409,
    );
    expect(late.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      detail: "This proposal was withdrawn by the coordinator; its teacher's VOG can no longer be checked.",
      detailNl:
        'Dit voorstel is door de coördinator ingetrokken; de VOG van de docent kan niet meer worden gecontroleerd.',
    });
  });
});

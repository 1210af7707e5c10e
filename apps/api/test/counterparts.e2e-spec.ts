import { TestContext, TestUser } from '../../../test/support/test-context';
import { BEFORE_TERM } from '../../../test/support/proposal-terms';

const TERMS = {
  hourlyRateCents: 9500,
  startDate: '2026-09-07',
  endDate: '2027-01-29',
  supervisorName: 'Marieke de Vries',
  supervisorEmail: 'm.devries@roc.example.nl',
};

/**
 * Counterpart views (`GET /api/proposals/:id/parties`): per role, exactly the fields of the table
 * in docs/ARCHITECTURE.md (`COUNTERPART_FIELDS`), before and after the placement, and nothing for
 * anyone outside the proposal.
 */
describe('counterpart views (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ HM_NOW: BEFORE_TERM });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function world() {
    const base = await ctx.newProposalWorld();
    const { region, company, teacher } = base;
    await ctx.db.query(`UPDATE teacher_profile SET email = $2, skills = $3 WHERE id = $1`, [
      teacher.teacher.id,
      teacher.user.email,
      JSON.stringify([
        { subjectCode: 'elektrotechniek', level: 'MBO3' },
        { subjectCode: 'werktuigbouwkunde', level: 'MBO4' },
      ]),
    ]);
    const otherCompany = await ctx.newCompanyAdmin((await ctx.newCompany(region.id)).id);
    const otherSchool = await ctx.newSchoolAdmin((await ctx.newSchool(region.id)).id);
    const otherTeacher = await ctx.newTeacherUser(company.id);
    const otherCoordinator = await ctx.newCoordinator((await ctx.newRegion()).id);
    return {
      ...base,
      outsiders: [otherCompany, otherSchool, otherTeacher, otherCoordinator],
    };
  }

  const parties = (user: TestUser, proposalId: string, status = 200) =>
    ctx.http.get(`/api/proposals/${proposalId}/parties`).set(user.auth).expect(status);
  const keys = (record: object | undefined) => Object.keys(record ?? {}).sort();

  it('shows each party what it needs, and nothing more, before and after the placement', async () => {
    const w = await world();
    const id = w.proposal.id;
    const teacherName = `${w.teacher.teacher.firstName} ${w.teacher.teacher.lastName}`;

    const school = (await parties(w.schoolAdmin, id)).body;
    expect(keys(school)).toEqual(['cost', 'lessons', 'request', 'school', 'teacher']);
    expect(school.teacher).toEqual({
      name: teacherName,
      companyName: w.company.name,
      qualification: 'none',
      relevantSkills: [{ subjectCode: 'elektrotechniek', level: 'MBO3' }],
      vog: { verified: false, issuedOn: '2026-08-01', schoolCheck: null },
      travelKm: expect.any(Number),
    });
    expect(school.lessons).toEqual([{ weekday: 2, start: '09:00', end: '12:00' }]);
    expect(school.request).toMatchObject({
      id: w.request.id,
      title: w.request.title,
      level: 'MBO3',
      learningPath: 'BOL',
    });

    const company = (await parties(w.companyAdmin, id)).body;
    expect(keys(company)).toEqual(['cost', 'lessons', 'request', 'school', 'teacher']);
    expect(keys(company.teacher)).toEqual([
      'companyName',
      'email',
      'homeCity',
      'name',
      'qualification',
      'relevantSkills',
      'travelKm',
      'vog',
    ]);
    expect(company.school).toEqual({
      name: w.school.name,
      address: {
        locationName: expect.any(String),
        street: expect.any(String),
        postalCode: expect.any(String),
        city: w.school.locations?.[0]?.city,
      },
    });

    const teacher = (await parties(w.teacher, id)).body;
    expect(keys(teacher)).toEqual(['lessons', 'request', 'school', 'teacher']);
    expect(keys(teacher.school)).toEqual(['address', 'contact', 'name']);
    expect(teacher.school.contact).toEqual({
      name: w.schoolAdmin.user.name,
      email: w.schoolAdmin.user.email,
    });

    const coordinator = (await parties(w.coordinator, id)).body;
    expect(keys(coordinator)).toEqual(['cost', 'lessons', 'request', 'school', 'teacher']);
    expect(keys(coordinator.teacher)).toEqual(keys(company.teacher));
    expect(keys(coordinator.school)).toEqual(['address', 'contact', 'name']);

    for (const outsider of w.outsiders) await parties(outsider, id, 404);

    // The placement: the school now sees the teacher's e-mail (never where they live); the
    // supervisor is shown to the school, the teacher and the coordinator.
    for (const user of [w.schoolAdmin, w.teacher, w.companyAdmin])
      await ctx.http
        .post(`/api/proposals/${id}/answer`)
        .set(user.auth)
        .send({ decision: 'accept' })
        .expect(200);
    await ctx.http.post(`/api/proposals/${id}/approve`).set(w.coordinator.auth).send(TERMS).expect(200);
    const supervisor = { name: TERMS.supervisorName, email: TERMS.supervisorEmail };

    const schoolAfter = (await parties(w.schoolAdmin, id)).body;
    expect(schoolAfter.teacher.email).toBe(w.teacher.user.email);
    expect(schoolAfter.teacher).not.toHaveProperty('homeCity');
    expect(schoolAfter.supervisor).toEqual(supervisor);
    expect((await parties(w.teacher, id)).body.supervisor).toEqual(supervisor);
    expect((await parties(w.coordinator, id)).body.supervisor).toEqual(supervisor);
    const companyAfter = (await parties(w.companyAdmin, id)).body;
    expect(companyAfter).not.toHaveProperty('supervisor');
    expect(companyAfter.school).not.toHaveProperty('contact');
    for (const outsider of w.outsiders) await parties(outsider, id, 404);

    // The placement list follows the same table: the company never sees the supervisor, the
    // teacher never sees the rate or the cost; the school and the coordinator see both.
    const placementOf = async (user: { auth: Record<string, string> }) => {
      const { body } = await ctx.http.get('/api/placements').set(user.auth).expect(200);
      return (body.items as Array<Record<string, unknown>>).find((item) => item.proposalId === id)!;
    };
    for (const user of [w.schoolAdmin, w.coordinator]) {
      const placement = await placementOf(user);
      expect(placement).toMatchObject({
        supervisorName: supervisor.name,
        supervisorEmail: supervisor.email,
        hourlyRateCents: expect.any(Number),
        cost: expect.objectContaining({ totalCents: expect.any(Number) }),
      });
    }
    const companyPlacement = await placementOf(w.companyAdmin);
    expect(companyPlacement).toMatchObject({
      supervisorName: null,
      supervisorEmail: null,
      hourlyRateCents: expect.any(Number),
      cost: expect.objectContaining({ totalCents: expect.any(Number) }),
    });
    const teacherPlacement = await placementOf(w.teacher);
    expect(teacherPlacement).toMatchObject({
      supervisorName: supervisor.name,
      supervisorEmail: supervisor.email,
      hourlyRateCents: null,
    });
    expect(teacherPlacement).not.toHaveProperty('cost');
  });
});

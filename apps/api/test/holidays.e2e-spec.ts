import { HolidayRegion } from '../../../libs/domain/src';
import { TestContext } from '../../../test/support/test-context';

describe('holiday calendars (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('ships the school holidays of three school years for every holiday region, with the source', async () => {
    const teacher = await ctx.newTeacherUser((await ctx.newCompany((await ctx.newRegion()).id)).id);
    const response = await ctx.http
      .get('/api/school-holidays?schoolYear=2026-2027&holidayRegion=zuid')
      .set(teacher.auth)
      .expect(200);
    expect(response.body.map((row: { kind: string }) => row.kind)).toEqual([
      'autumn',
      'christmas',
      'spring',
      'may',
      'summer',
    ]);
    expect(response.body[1]).toMatchObject({
      name: 'Kerstvakantie',
      binding: 'fixed',
      startDate: '2026-12-19',
      endDate: '2027-01-03',
      source: expect.stringContaining('rijksoverheid.nl'),
    });
    const all = await ctx.http.get('/api/school-holidays').set(teacher.auth).expect(200);
    expect(all.body.length).toBeGreaterThanOrEqual(45);
  });

  it('lets a coordinator change the holidays of their holiday region only', async () => {
    const region = await ctx.newRegion({ holidayRegion: HolidayRegion.Noord });
    const coordinator = await ctx.newCoordinator(region.id);
    const change = {
      schoolYear: '2027-2028',
      holidayRegion: 'noord',
      kind: 'spring',
      binding: 'advisory',
      startDate: '2028-02-12',
      endDate: '2028-02-20',
    };
    const response = await ctx.http
      .put('/api/school-holidays')
      .set(coordinator.auth)
      .send(change)
      .expect(200);
    expect(response.body).toMatchObject({
      startDate: '2028-02-12',
      endDate: '2028-02-20',
      name: 'Voorjaarsvakantie',
    });
    await ctx.http
      .put('/api/school-holidays')
      .set(coordinator.auth)
      .send({ ...change, holidayRegion: 'zuid' })
      .expect(403);
    const bad = await ctx.http
      .put('/api/school-holidays')
      .set(coordinator.auth)
      .send({ ...change, endDate: '2028-02-01' })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'endDate' }] });
    const schoolAdmin = await ctx.newSchoolAdmin((await ctx.newSchool(region.id)).id);
    await ctx.http.put('/api/school-holidays').set(schoolAdmin.auth).send(change).expect(403);
  });

  it('imports a holiday file all or nothing, naming each problem', async () => {
    const admin = await ctx.newAdmin();
    const file = {
      source: 'test',
      schoolYears: [
        {
          schoolYear: '2028-2029',
          holidays: [
            {
              kind: 'autumn',
              binding: 'advisory',
              noord: ['2028-10-14', '2028-10-22'],
              midden: ['2028-10-21', '2028-10-29'],
            },
            { kind: 'christmas', binding: 'fixed', zuid: ['2028-12-23', '2028-12-22'] },
          ],
        },
      ],
    };
    const refused = await ctx.http.post('/api/school-holidays/import').set(admin.auth).send(file).expect(400);
    expect(refused.body.errors).toEqual([
      {
        field: 'schoolYears[0].holidays[1].zuid',
        reason: expect.stringContaining('end on or after start'),
        code: 'isHolidayPeriod',
      },
    ]);
    const none = await ctx.http.get('/api/school-holidays?schoolYear=2028-2029').set(admin.auth).expect(200);
    expect(none.body).toEqual([]);

    file.schoolYears[0].holidays[1].zuid = ['2028-12-23', '2029-01-07'];
    const done = await ctx.http.post('/api/school-holidays/import').set(admin.auth).send(file).expect(200);
    expect(done.body).toEqual({ imported: 3 });
    const loaded = await ctx.http
      .get('/api/school-holidays?schoolYear=2028-2029')
      .set(admin.auth)
      .expect(200);
    expect(loaded.body).toHaveLength(3);
  });

  it("keeps a school's study days to its admins and coordinators, and the calendar merges every day off", async () => {
    const region = await ctx.newRegion({ holidayRegion: HolidayRegion.Midden });
    const school = await ctx.newSchool(region.id);
    const otherSchool = await ctx.newSchool(region.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const otherAdmin = await ctx.newSchoolAdmin(otherSchool.id);
    const companyAdmin = await ctx.newCompanyAdmin((await ctx.newCompany(region.id)).id);

    const created = await ctx.http
      .post(`/api/organisations/${school.id}/days-off`)
      .set(schoolAdmin.auth)
      .send({
        kind: 'study_day',
        startDate: '2026-11-23',
        endDate: '2026-11-23',
        description: 'Studiedag docenten',
      })
      .expect(201);
    await ctx.http
      .post(`/api/organisations/${school.id}/days-off`)
      .set(otherAdmin.auth)
      .send({ kind: 'closed', startDate: '2026-11-24', endDate: '2026-11-24', description: 'Gesloten' })
      .expect(404);
    await ctx.http.get(`/api/organisations/${school.id}/days-off`).set(companyAdmin.auth).expect(404);

    const calendar = await ctx.http
      .get(`/api/organisations/${school.id}/calendar?from=2026-10-01&to=2026-12-31`)
      .set(schoolAdmin.auth)
      .expect(200);
    expect(calendar.body).toEqual([
      { startDate: '2026-10-17', endDate: '2026-10-25', reason: 'Herfstvakantie' },
      { startDate: '2026-11-23', endDate: '2026-11-23', reason: 'Studiedag: Studiedag docenten' },
      { startDate: '2026-12-19', endDate: '2027-01-03', reason: 'Kerstvakantie' },
      { startDate: '2026-12-25', endDate: '2026-12-25', reason: 'Kerstmis' },
      { startDate: '2026-12-26', endDate: '2026-12-26', reason: 'Tweede kerstdag' },
    ]);

    await ctx.http
      .delete(`/api/organisations/${school.id}/days-off/${created.body.id}`)
      .set(schoolAdmin.auth)
      .expect(204);
    const left = await ctx.http
      .get(`/api/organisations/${school.id}/days-off`)
      .set(schoolAdmin.auth)
      .expect(200);
    expect(left.body).toEqual([]);
  });
});

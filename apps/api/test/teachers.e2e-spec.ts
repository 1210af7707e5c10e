import { randomUUID } from 'node:crypto';
import { TeacherProfile } from '../../../libs/database/src';
import { Qualification } from '../../../libs/domain/src';
import { TestContext } from '../../../test/support/test-context';

/** A valid create body; every test changes only what it is about. */
const teacherBody = (overrides: Record<string, unknown> = {}) => ({
  employeeRef: `E-${randomUUID().slice(0, 8)}`,
  firstName: 'Sanne',
  lastName: 'de Vries',
  email: 'Sanne.deVries@Example.com',
  skills: [{ subjectCode: 'elektrotechniek', level: 'MBO3' }],
  levels: ['MBO3', 'MBO4'],
  windows: [
    { weekday: 3, start: '09:00', end: '12:00' },
    { weekday: 1, start: '08:30', end: '16:30' },
  ],
  releasedDaysPerWeek: 1,
  releasedHoursPerWeek: 6.5,
  availableFrom: '2027-02-01',
  availableUntil: '2027-07-31',
  homeCity: 'Amersfoort',
  homeLatitude: 52.1561,
  homeLongitude: 5.3878,
  maxTravelKm: 40,
  contractHoursPerWeek: 36,
  vogIssuedOn: '2026-10-01',
  ...overrides,
});

const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
const fieldsOf = (body: { errors: { field: string }[] }) => body.errors.map((error) => error.field);

describe('teachers (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('lets a company admin create, read and update their own staff', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);

    const created = await ctx.http
      .post('/api/teachers')
      .set(companyAdmin.auth)
      .send(teacherBody({ employeeRef: 'E-1001' }))
      .expect(201);
    expect(created.body).toMatchObject({
      companyId: company.id,
      userId: null,
      employeeRef: 'E-1001',
      email: 'sanne.devries@example.com',
      releasedHoursPerWeek: 6.5,
      qualification: 'none',
      active: true,
      windows: [
        { weekday: 1, start: '08:30', end: '16:30' },
        { weekday: 3, start: '09:00', end: '12:00' },
      ],
      vog: {
        issuedOn: '2026-10-01',
        verifiedAt: null,
        verifiedByUserId: null,
        validForSchoolStart: true,
        validUntil: '2027-04-01',
      },
      pdgDeadline: null,
      version: 1,
    });
    const id = created.body.id;

    const read = await ctx.http.get(`/api/teachers/${id}`).set(companyAdmin.auth).expect(200);
    expect(read.body).toEqual(created.body);

    const updated = await ctx.http
      .patch(`/api/teachers/${id}`)
      .set(companyAdmin.auth)
      .send({
        version: 1,
        maxTravelKm: 60,
        skills: [{ subjectCode: 'ict', level: 'MBO4' }],
        windows: [{ weekday: 5, start: '13:00', end: '17:00' }],
      })
      .expect(200);
    expect(updated.body).toMatchObject({
      maxTravelKm: 60,
      skills: [{ subjectCode: 'ict', level: 'MBO4' }],
      windows: [{ weekday: 5, start: '13:00', end: '17:00' }],
      version: 2,
    });

    // A PDG in progress has its 2-year deadline (the staff list shows it beside the VOG's last start day).
    const studying = await ctx.http
      .patch(`/api/teachers/${id}`)
      .set(companyAdmin.auth)
      .send({ version: 2, qualification: 'pdg_in_progress', qualificationSince: '2026-02-01' })
      .expect(200);
    expect(studying.body).toMatchObject({ pdgDeadline: '2028-01-31', vog: { validUntil: '2027-04-01' } });
  });

  it('keeps another company’s staff out of reach of a company admin (404, not listed)', async () => {
    const region = await ctx.newRegion();
    const mine = await ctx.newCompany(region.id);
    const other = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(mine.id);
    const own = await ctx.newTeacher(mine.id);
    const foreign = await ctx.newTeacher(other.id);

    await ctx.http.get(`/api/teachers/${foreign.id}`).set(companyAdmin.auth).expect(404);
    await ctx.http
      .patch(`/api/teachers/${foreign.id}`)
      .set(companyAdmin.auth)
      .send({ maxTravelKm: 10 })
      .expect(404);
    const list = await ctx.http.get('/api/teachers').set(companyAdmin.auth).expect(200);
    expect(idsOf(list.body)).toEqual([own.id]);
    expect(list.body).toMatchObject({ page: 1, pageSize: 25, total: 1 });
  });

  it('shows a coordinator the staff of companies in their regions only', async () => {
    const north = await ctx.newRegion();
    const south = await ctx.newRegion();
    const inside = await ctx.newTeacher((await ctx.newCompany(north.id)).id);
    const outside = await ctx.newTeacher((await ctx.newCompany(south.id)).id);
    const coordinator = await ctx.newCoordinator(north.id);

    await ctx.http.get(`/api/teachers/${inside.id}`).set(coordinator.auth).expect(200);
    await ctx.http.get(`/api/teachers/${outside.id}`).set(coordinator.auth).expect(404);
    const list = await ctx.http.get('/api/teachers').set(coordinator.auth).expect(200);
    expect(idsOf(list.body)).toEqual([inside.id]);
    const southOnly = await ctx.http
      .get('/api/teachers')
      .query({ regionId: south.id })
      .set(coordinator.auth)
      .expect(200);
    expect(southOnly.body.items).toEqual([]);
  });

  it('lets a hybrid teacher read their own profile and change only their availability, travel and home', async () => {
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const teacher = await ctx.newTeacherUser(company.id);
    const colleague = await ctx.newTeacher(company.id);

    const own = await ctx.http.get(`/api/teachers/${teacher.teacher.id}`).set(teacher.auth).expect(200);
    expect(own.body.userId).toBe(teacher.user.id);
    const list = await ctx.http.get('/api/teachers').set(teacher.auth).expect(200);
    expect(idsOf(list.body)).toEqual([teacher.teacher.id]);

    await ctx.http.get(`/api/teachers/${colleague.id}`).set(teacher.auth).expect(404);
    await ctx.http
      .patch(`/api/teachers/${colleague.id}`)
      .set(teacher.auth)
      .send({ maxTravelKm: 10 })
      .expect(404);

    const refused = await ctx.http
      .patch(`/api/teachers/${teacher.teacher.id}`)
      .set(teacher.auth)
      .send({ maxTravelKm: 25, skills: [{ subjectCode: 'ict', level: 'MBO4' }], releasedHoursPerWeek: 12 })
      .expect(403);
    expect(refused.body.detail).toContain('skills, releasedHoursPerWeek');

    const changed = await ctx.http
      .patch(`/api/teachers/${teacher.teacher.id}`)
      .set(teacher.auth)
      .send({
        maxTravelKm: 25,
        homeCity: 'Zwolle',
        homeLatitude: 52.5168,
        homeLongitude: 6.083,
        windows: [{ weekday: 4, start: '08:00', end: '12:00' }],
      })
      .expect(200);
    expect(changed.body).toMatchObject({
      maxTravelKm: 25,
      homeCity: 'Zwolle',
      windows: [{ weekday: 4, start: '08:00', end: '12:00' }],
    });
    expect(changed.body.skills).toEqual(own.body.skills);
  });

  it('refuses school admins: schools see teachers only through proposals', async () => {
    const region = await ctx.newRegion();
    const schoolAdmin = await ctx.newSchoolAdmin((await ctx.newSchool(region.id)).id);
    const teacher = await ctx.newTeacher((await ctx.newCompany(region.id)).id);

    const response = await ctx.http.get('/api/teachers').set(schoolAdmin.auth).expect(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
    await ctx.http.get(`/api/teachers/${teacher.id}`).set(schoolAdmin.auth).expect(403);
  });

  it('names the field for unknown fields, bad windows and unknown subjects', async () => {
    const companyAdmin = await ctx.newCompanyAdmin((await ctx.newCompany((await ctx.newRegion()).id)).id);

    const unknown = await ctx.http
      .post('/api/teachers')
      .set(companyAdmin.auth)
      .send(teacherBody({ salary: 5000 }))
      .expect(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([
      { field: 'salary', reason: 'unknown field "salary"; remove it', code: 'whitelistValidation' },
    ]);

    const badTime = await ctx.http
      .post('/api/teachers')
      .set(companyAdmin.auth)
      .send(teacherBody({ windows: [{ weekday: 8, start: '8.30', end: '16:30' }] }))
      .expect(400);
    expect(fieldsOf(badTime.body)).toEqual(
      expect.arrayContaining(['windows[0].weekday', 'windows[0].start']),
    );

    const endBeforeStart = await ctx.http
      .post('/api/teachers')
      .set(companyAdmin.auth)
      .send(teacherBody({ windows: [{ weekday: 2, start: '14:00', end: '09:00' }] }))
      .expect(400);
    expect(endBeforeStart.body.errors).toEqual([
      { field: 'windows[0].end', reason: 'must be later than start (14:00)', code: 'endNotAfterStart' },
    ]);

    const overlap = await ctx.http
      .post('/api/teachers')
      .set(companyAdmin.auth)
      .send(
        teacherBody({
          windows: [
            { weekday: 2, start: '08:00', end: '12:00' },
            { weekday: 2, start: '11:00', end: '15:00' },
          ],
        }),
      )
      .expect(400);
    expect(fieldsOf(overlap.body)).toEqual(['windows[1]']);

    const subject = await ctx.http
      .post('/api/teachers')
      .set(companyAdmin.auth)
      .send(teacherBody({ skills: [{ subjectCode: 'bakken', level: 'MBO3' }] }))
      .expect(400);
    expect(subject.body.errors).toEqual([
      { field: 'skills[0].subjectCode', reason: expect.stringContaining('GET /api/subjects'), code: 'isIn' },
    ]);

    const pdg = await ctx.http
      .post('/api/teachers')
      .set(companyAdmin.auth)
      .send(teacherBody({ qualification: 'pdg_in_progress' }))
      .expect(400);
    expect(fieldsOf(pdg.body)).toEqual(['qualificationSince']);

    const companyId = await ctx.http
      .post('/api/teachers')
      .set(companyAdmin.auth)
      .send(teacherBody({ companyId: randomUUID() }))
      .expect(400);
    expect(fieldsOf(companyId.body)).toEqual(['companyId']);

    const teacher = await ctx.newTeacher(companyAdmin.user.organisationId as string);
    const nulls = await ctx.http
      .patch(`/api/teachers/${teacher.id}`)
      .set(companyAdmin.auth)
      .send({ firstName: null, qualification: null, email: null })
      .expect(400);
    expect(fieldsOf(nulls.body).sort()).toEqual(['firstName', 'qualification']);
  });

  it('lets the platform admin add staff to a company, never to a school', async () => {
    const region = await ctx.newRegion();
    const admin = await ctx.newAdmin();
    const company = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);

    const created = await ctx.http
      .post('/api/teachers')
      .set(admin.auth)
      .send(teacherBody({ companyId: company.id }))
      .expect(201);
    expect(created.body.companyId).toBe(company.id);
    const refused = await ctx.http
      .post('/api/teachers')
      .set(admin.auth)
      .send(teacherBody({ companyId: school.id }))
      .expect(400);
    expect(fieldsOf(refused.body)).toEqual(['companyId']);
  });

  it('answers 409 for a duplicate employeeRef and for an edit based on an old version', async () => {
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const teacher = await ctx.newTeacher(company.id);

    const duplicate = await ctx.http
      .post('/api/teachers')
      .set(companyAdmin.auth)
      .send(teacherBody({ employeeRef: teacher.employeeRef }))
      .expect(409);
    expect(duplicate.body).toMatchObject({ code: 'EMPLOYEE_REF_TAKEN' });

    await ctx.http
      .patch(`/api/teachers/${teacher.id}`)
      .set(companyAdmin.auth)
      .send({ version: teacher.version, maxTravelKm: 50 })
      .expect(200);
    const stale = await ctx.http
      .patch(`/api/teachers/${teacher.id}`)
      .set(companyAdmin.auth)
      .send({ version: teacher.version, maxTravelKm: 70 })
      .expect(409);
    expect(stale.body).toMatchObject({ status: 409, code: 'CONCURRENT_UPDATE' });
    const stored = await ctx.db.getRepository(TeacherProfile).findOneByOrFail({ id: teacher.id });
    expect(stored.maxTravelKm).toBe(50);
  });

  it('filters by subject, level, company and active', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const admin = await ctx.newAdmin();
    const electrician = await ctx.newTeacher(company.id, {
      skills: [{ subjectCode: 'elektrotechniek', level: 'MBO2' as never }],
      levels: ['MBO2' as never],
    });
    const developer = await ctx.newTeacher(company.id, {
      skills: [{ subjectCode: 'ict-software-developer', level: 'MBO4' as never }],
      levels: ['MBO4' as never, 'HBO' as never],
    });
    const inactive = await ctx.newTeacher(company.id, { active: false });
    const list = (query: Record<string, string>) =>
      ctx.http
        .get('/api/teachers')
        .query({ companyId: company.id, ...query })
        .set(admin.auth)
        .expect(200);

    expect(idsOf((await list({ subjectCode: 'ict-software-developer' })).body)).toEqual([developer.id]);
    expect(idsOf((await list({ level: 'HBO' })).body)).toEqual([developer.id]);
    expect(idsOf((await list({ level: 'MBO2' })).body)).toEqual([electrician.id]);
    expect(idsOf((await list({ active: 'false' })).body)).toEqual([inactive.id]);
    expect((await list({})).body.total).toBe(3);
    // Pages of one statement: the total rides on the rows; a page past the end still knows it.
    const second = (await list({ pageSize: '2', page: '2' })).body;
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(second.items).toHaveLength(1);
    expect((await list({ pageSize: '2', page: '5' })).body).toMatchObject({ items: [], total: 3 });
    await ctx.http.get('/api/teachers').query({ subjectCode: 'bakken' }).set(admin.auth).expect(400);
  });

  it('sorts on the server by an allow-listed key, paged, within the caller’s scope', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const other = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const ann = await ctx.newTeacher(company.id, {
      lastName: 'Aalders',
      employeeRef: `C-${randomUUID()}`,
      vogIssuedOn: '2026-05-01',
      releasedHoursPerWeek: 8,
      qualification: Qualification.PdgInProgress,
      qualificationSince: '2025-09-01',
    });
    const bas = await ctx.newTeacher(company.id, {
      lastName: 'Bakker',
      employeeRef: `A-${randomUUID()}`,
      vogIssuedOn: null,
      releasedHoursPerWeek: 4,
    });
    const cor = await ctx.newTeacher(company.id, {
      lastName: 'Claassen',
      employeeRef: `B-${randomUUID()}`,
      vogIssuedOn: '2026-07-01',
      releasedHoursPerWeek: 12,
      qualification: Qualification.PdgInProgress,
      qualificationSince: '2025-03-01',
    });
    await ctx.newTeacher(other.id, { lastName: 'Aaa', vogIssuedOn: null });
    const sorted = async (sort: string, page = { page: '1', pageSize: '10' }) =>
      idsOf(
        (
          await ctx.http
            .get('/api/teachers')
            .query({ sort, ...page })
            .set(companyAdmin.auth)
            .expect(200)
        ).body,
      );

    expect(await sorted('name')).toEqual([ann.id, bas.id, cor.id]);
    expect(await sorted('-name')).toEqual([cor.id, bas.id, ann.id]);
    expect(await sorted('employeeRef')).toEqual([bas.id, cor.id, ann.id]);
    expect(await sorted('vog')).toEqual([bas.id, ann.id, cor.id]);
    expect(await sorted('-vog')).toEqual([cor.id, ann.id, bas.id]);
    expect(await sorted('pdgDeadline')).toEqual([cor.id, ann.id, bas.id]);
    expect(await sorted('-releasedHours')).toEqual([cor.id, ann.id, bas.id]);
    // Pages follow the order: page 2 of two-per-page continues where page 1 stopped.
    expect([
      ...(await sorted('vog', { page: '1', pageSize: '2' })),
      ...(await sorted('vog', { page: '2', pageSize: '2' })),
    ]).toEqual([bas.id, ann.id, cor.id]);

    for (const sort of ['email', 'lastName; DROP TABLE teacher_profile', '--name']) {
      const refused = await ctx.http.get('/api/teachers').query({ sort }).set(companyAdmin.auth).expect(400);
      expect(fieldsOf(refused.body)).toEqual(['sort']);
    }
  });

  it('records a VOG verification with who and when, and never more', async () => {
    const region = await ctx.newRegion();
    const teacher = await ctx.newTeacher((await ctx.newCompany(region.id)).id);
    const coordinator = await ctx.newCoordinator(region.id);
    const elsewhere = await ctx.newCoordinator((await ctx.newRegion()).id);

    const verified = await ctx.http
      .put(`/api/teachers/${teacher.id}/vog-verification`)
      .set(coordinator.auth)
      .send({ issuedOn: '2026-09-15' })
      .expect(200);
    expect(verified.body.vog).toMatchObject({
      issuedOn: '2026-09-15',
      verifiedByUserId: coordinator.user.id,
      verifiedAt: expect.any(String),
    });
    await ctx.http
      .put(`/api/teachers/${teacher.id}/vog-verification`)
      .set(elsewhere.auth)
      .send({ issuedOn: '2026-09-15' })
      .expect(404);
    const withDocument = await ctx.http
      .put(`/api/teachers/${teacher.id}/vog-verification`)
      .set(coordinator.auth)
      .send({ issuedOn: '2026-09-15', document: 'base64…' })
      .expect(400);
    expect(fieldsOf(withDocument.body)).toEqual(['document']);
    await ctx.http
      .put(`/api/teachers/${teacher.id}/vog-verification`)
      .set(coordinator.auth)
      .send({ issuedOn: '2999-01-01' })
      .expect(400);
  });

  it('lists the subject taxonomy for every role', async () => {
    const teacher = await ctx.newTeacherUser((await ctx.newCompany((await ctx.newRegion()).id)).id);
    const response = await ctx.http.get('/api/subjects').set(teacher.auth).expect(200);
    expect(response.body).toEqual(
      expect.arrayContaining([
        {
          code: 'eltech-eerste-monteur',
          name: expect.any(String),
          field: 'elektrotechniek',
          crebo: '25330',
          qualification: null,
          coveredBy: ['eltech-eerste-monteur', 'elektrotechniek'],
        },
      ]),
    );
  });
});

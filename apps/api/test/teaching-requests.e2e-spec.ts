import { Organisation } from '../../../libs/database/src';
import { OrganisationKind, TeachingRequestStatus } from '../../../libs/domain/src';
import { TestContext } from '../../../test/support/test-context';

describe('teaching requests (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  const validBody = (school: Organisation) => ({
    title: 'Praktijkles PLC-programmeren',
    subjectCode: 'procesautomatisering',
    level: 'MBO4',
    role: 'guest_teacher',
    blocks: [
      { weekday: 4, start: '13:00', end: '16:00' },
      { weekday: 2, start: '08:30', end: '10:00' },
    ],
    periodStart: '2026-09-01',
    periodEnd: '2027-01-31',
    minCommitmentWeeks: 10,
    locationId: school.locations![0].id,
  });

  async function schoolWithAdmin() {
    const region = await ctx.newRegion();
    const school = await ctx.newSchool(region.id);
    const admin = await ctx.newSchoolAdmin(school.id);
    return { region, school, admin };
  }

  it('says BOL or BBL at an MBO level (BOL by default) and none at HBO', async () => {
    const { school, admin } = await schoolWithAdmin();
    const bol = await ctx.http
      .post('/api/teaching-requests')
      .set(admin.auth)
      .send(validBody(school))
      .expect(201);
    expect(bol.body.learningPath).toBe('BOL');
    const bbl = await ctx.http
      .post('/api/teaching-requests')
      .set(admin.auth)
      .send({ ...validBody(school), learningPath: 'BBL' })
      .expect(201);
    expect(bbl.body.learningPath).toBe('BBL');

    const hboWithPath = await ctx.http
      .post('/api/teaching-requests')
      .set(admin.auth)
      .send({ ...validBody(school), subjectCode: 'elektrotechniek', level: 'HBO', learningPath: 'BOL' })
      .expect(400);
    expect(hboWithPath.body.errors).toEqual([
      { field: 'learningPath', reason: expect.stringMatching(/HBO/), code: 'learningPathNotForHbo' },
    ]);
    const unknown = await ctx.http
      .post('/api/teaching-requests')
      .set(admin.auth)
      .send({ ...validBody(school), learningPath: 'DUAAL' })
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('learningPath');

    // A change to HBO drops the path; back to an MBO level it is BOL again unless BBL is sent.
    const toHbo = await ctx.http
      .patch(`/api/teaching-requests/${bbl.body.id}`)
      .set(admin.auth)
      .send({ version: 1, level: 'HBO', subjectCode: 'elektrotechniek' })
      .expect(200);
    expect(toHbo.body.learningPath).toBeNull();
    const back = await ctx.http
      .patch(`/api/teaching-requests/${bbl.body.id}`)
      .set(admin.auth)
      .send({ version: 2, level: 'MBO3', learningPath: 'BBL' })
      .expect(200);
    expect(back.body.learningPath).toBe('BBL');
    await ctx.http
      .patch(`/api/teaching-requests/${bbl.body.id}`)
      .set(admin.auth)
      .send({ version: 3, learningPath: null })
      .expect(400);
  });

  it('lets a school admin create, read and update their own request', async () => {
    const { region, school, admin } = await schoolWithAdmin();

    const created = await ctx.http
      .post('/api/teaching-requests')
      .set(admin.auth)
      .send(validBody(school))
      .expect(201);
    expect(created.body).toMatchObject({
      schoolId: school.id,
      regionId: region.id,
      status: 'open',
      version: 1,
      hoursPerWeek: 4.5,
      allowTeam: true,
      allowVogPending: false,
      description: '',
    });
    expect(created.body.blocks).toEqual(
      expect.arrayContaining([
        { id: expect.any(String), weekday: 4, start: '13:00', end: '16:00' },
        { id: expect.any(String), weekday: 2, start: '08:30', end: '10:00' },
      ]),
    );

    const read = await ctx.http.get(`/api/teaching-requests/${created.body.id}`).set(admin.auth).expect(200);
    expect(read.body.blocks.map((block: { weekday: number }) => block.weekday)).toEqual([2, 4]);

    const updated = await ctx.http
      .patch(`/api/teaching-requests/${created.body.id}`)
      .set(admin.auth)
      .send({ version: 1, title: 'PLC-lab, 4e jaar', blocks: [{ weekday: 5, start: '09:00', end: '11:00' }] })
      .expect(200);
    expect(updated.body).toMatchObject({
      title: 'PLC-lab, 4e jaar',
      version: 2,
      hoursPerWeek: 2,
      subjectCode: 'procesautomatisering',
    });
    expect(updated.body.blocks).toEqual([
      { id: expect.any(String), weekday: 5, start: '09:00', end: '11:00' },
    ]);

    const list = await ctx.http.get('/api/teaching-requests').set(admin.auth).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
  });

  it("answers 404 when a school admin reads or changes another school's request", async () => {
    const { admin } = await schoolWithAdmin();
    const other = await schoolWithAdmin();
    const theirs = await ctx.newRequest(other.school);

    await ctx.http.get(`/api/teaching-requests/${theirs.id}`).set(admin.auth).expect(404);
    await ctx.http
      .patch(`/api/teaching-requests/${theirs.id}`)
      .set(admin.auth)
      .send({ version: 1, title: 'Overgenomen' })
      .expect(404);
    await ctx.http
      .post(`/api/teaching-requests/${theirs.id}/cancel`)
      .set(admin.auth)
      .send({ reason: 'niet van ons' })
      .expect(404);
  });

  it("refuses a schoolId from a school admin and requires a school's id from the platform admin", async () => {
    const { school, admin } = await schoolWithAdmin();
    const platformAdmin = await ctx.newAdmin();
    const company = await ctx.newCompany(school.regionId);

    const fromSchool = await ctx.http
      .post('/api/teaching-requests')
      .set(admin.auth)
      .send({ ...validBody(school), schoolId: school.id })
      .expect(400);
    expect(fromSchool.body.errors).toEqual([expect.objectContaining({ field: 'schoolId' })]);

    const missing = await ctx.http
      .post('/api/teaching-requests')
      .set(platformAdmin.auth)
      .send(validBody(school))
      .expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'schoolId' })]);
    const notSchool = await ctx.http
      .post('/api/teaching-requests')
      .set(platformAdmin.auth)
      .send({ ...validBody(school), schoolId: company.id })
      .expect(400);
    expect(notSchool.body.errors).toEqual([expect.objectContaining({ field: 'schoolId' })]);

    const centre = await ctx.newSchool(school.regionId, OrganisationKind.Techniekcentrum);
    const created = await ctx.http
      .post('/api/teaching-requests')
      .set(platformAdmin.auth)
      .send({ ...validBody(centre), schoolId: centre.id })
      .expect(201);
    expect(created.body.schoolId).toBe(centre.id);
  });

  it('scopes coordinators to their regions', async () => {
    const { region, school } = await schoolWithAdmin();
    const elsewhere = await schoolWithAdmin();
    const inside = await ctx.newRequest(school);
    const outside = await ctx.newRequest(elsewhere.school);
    const coordinator = await ctx.newCoordinator(region.id);

    await ctx.http.get(`/api/teaching-requests/${inside.id}`).set(coordinator.auth).expect(200);
    await ctx.http.get(`/api/teaching-requests/${outside.id}`).set(coordinator.auth).expect(404);
    await ctx.http
      .post(`/api/teaching-requests/${outside.id}/cancel`)
      .set(coordinator.auth)
      .send({ reason: 'buiten regio' })
      .expect(404);
    const list = await ctx.http.get('/api/teaching-requests').set(coordinator.auth).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([inside.id]);
  });

  it('shows companies the open demand in their own region only, read-only', async () => {
    const { region, school } = await schoolWithAdmin();
    const open = await ctx.newRequest(school);
    const closed = await ctx.newRequest(school, { status: TeachingRequestStatus.Closed });
    const elsewhere = await ctx.newRequest((await schoolWithAdmin()).school);
    const company = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);

    const list = await ctx.http.get('/api/teaching-requests').set(companyAdmin.auth).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([open.id]);
    await ctx.http.get(`/api/teaching-requests/${open.id}`).set(companyAdmin.auth).expect(200);
    await ctx.http.get(`/api/teaching-requests/${closed.id}`).set(companyAdmin.auth).expect(404);
    await ctx.http.get(`/api/teaching-requests/${elsewhere.id}`).set(companyAdmin.auth).expect(404);
    await ctx.http
      .patch(`/api/teaching-requests/${open.id}`)
      .set(companyAdmin.auth)
      .send({ version: 1, title: 'Van ons' })
      .expect(403);
    await ctx.http.post('/api/teaching-requests').set(companyAdmin.auth).send(validBody(school)).expect(403);
  });

  it('filters the list by subject, level, status and school', async () => {
    const { region, school } = await schoolWithAdmin();
    const other = await ctx.newSchool(region.id);
    const ict = await ctx.newRequest(school, { subjectCode: 'ict' });
    await ctx.newRequest(school, { subjectCode: 'bouwkunde' });
    const atOther = await ctx.newRequest(other, { subjectCode: 'ict' });
    const coordinator = await ctx.newCoordinator(region.id);

    const bySubject = await ctx.http
      .get('/api/teaching-requests')
      .query({ subjectCode: 'ict', regionId: region.id })
      .set(coordinator.auth)
      .expect(200);
    expect(bySubject.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [ict.id, atOther.id].sort(),
    );
    const bySchool = await ctx.http
      .get('/api/teaching-requests')
      .query({ subjectCode: 'ict', schoolId: other.id })
      .set(coordinator.auth)
      .expect(200);
    expect(bySchool.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: atOther.id })] });
    const firstPage = await ctx.http
      .get('/api/teaching-requests')
      .query({ pageSize: 2 })
      .set(coordinator.auth)
      .expect(200);
    const secondPage = await ctx.http
      .get('/api/teaching-requests')
      .query({ pageSize: 2, page: 2 })
      .set(coordinator.auth)
      .expect(200);
    expect([firstPage.body.total, firstPage.body.items.length, secondPage.body.items.length]).toEqual([
      3, 2, 1,
    ]);
    expect(secondPage.body.items[0].blocks).toHaveLength(1);
    const pastTheEnd = await ctx.http
      .get('/api/teaching-requests')
      .query({ pageSize: 2, page: 5 })
      .set(coordinator.auth)
      .expect(200);
    expect(pastTheEnd.body).toMatchObject({ items: [], page: 5, total: 3 });
    const none = await ctx.http
      .get('/api/teaching-requests')
      .query({ status: 'filled', level: 'MBO3' })
      .set(coordinator.auth)
      .expect(200);
    expect(none.body.total).toBe(0);
    const bad = await ctx.http
      .get('/api/teaching-requests')
      .query({ subjectCode: 'pottenbakken' })
      .set(coordinator.auth)
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'subjectCode' })]);
  });

  it.each([
    [
      'an overlapping block',
      {
        blocks: [
          { weekday: 2, start: '09:00', end: '12:00' },
          { weekday: 2, start: '11:00', end: '13:00' },
        ],
      },
      'blocks[1]',
    ],
    [
      'a block that ends before it starts',
      { blocks: [{ weekday: 3, start: '14:00', end: '13:00' }] },
      'blocks[0].end',
    ],
    [
      'a weekday outside 1–7',
      { blocks: [{ weekday: 8, start: '09:00', end: '10:00' }] },
      'blocks[0].weekday',
    ],
    ['a malformed time', { blocks: [{ weekday: 1, start: '9 uur', end: '10:00' }] }, 'blocks[0].start'],
    ['no blocks at all', { blocks: [] }, 'blocks'],
    [
      'a period that ends before it starts',
      { periodStart: '2026-09-01', periodEnd: '2026-08-01' },
      'periodEnd',
    ],
    [
      'a commitment longer than the period',
      { periodStart: '2026-09-01', periodEnd: '2026-09-30', minCommitmentWeeks: 6 },
      'minCommitmentWeeks',
    ],
    [
      'a location of another organisation',
      { locationId: '00000000-0000-4000-8000-000000000000' },
      'locationId',
    ],
    ['an unknown subject', { subjectCode: 'pottenbakken' }, 'subjectCode'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('rejects %s with a 400 naming the field', async (_case, change, field) => {
    const { school, admin } = await schoolWithAdmin();
    const response = await ctx.http
      .post('/api/teaching-requests')
      .set(admin.auth)
      .send({ ...validBody(school), ...change })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('rejects a null for a required field on update, and a location outside the school', async () => {
    const { school, admin } = await schoolWithAdmin();
    const request = await ctx.newRequest(school);
    const nullTitle = await ctx.http
      .patch(`/api/teaching-requests/${request.id}`)
      .set(admin.auth)
      .send({ version: 1, title: null })
      .expect(400);
    expect(nullTitle.body.errors).toEqual([expect.objectContaining({ field: 'title' })]);
    const otherSchool = await ctx.newSchool(school.regionId);
    const foreign = await ctx.http
      .patch(`/api/teaching-requests/${request.id}`)
      .set(admin.auth)
      .send({ version: 1, locationId: otherSchool.locations![0].id })
      .expect(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'locationId' })]);
  });

  it('answers 409 CONCURRENT_UPDATE when the version does not match', async () => {
    const { school, admin } = await schoolWithAdmin();
    const request = await ctx.newRequest(school);
    await ctx.http
      .patch(`/api/teaching-requests/${request.id}`)
      .set(admin.auth)
      .send({ version: 1, title: 'Eerste wijziging' })
      .expect(200);
    const stale = await ctx.http
      .patch(`/api/teaching-requests/${request.id}`)
      .set(admin.auth)
      .send({ version: 1, title: 'Tweede wijziging' })
      .expect(409);
    expect(stale.body.code).toBe('CONCURRENT_UPDATE');
    const current = await ctx.http.get(`/api/teaching-requests/${request.id}`).set(admin.auth).expect(200);
    expect(current.body).toMatchObject({ title: 'Eerste wijziging', version: 2 });
  });

  it('cancels and closes only open or partially filled requests', async () => {
    const { region, school, admin } = await schoolWithAdmin();
    const coordinator = await ctx.newCoordinator(region.id);
    const first = await ctx.newRequest(school);
    const second = await ctx.newRequest(school, { status: TeachingRequestStatus.PartiallyFilled });

    const cancelled = await ctx.http
      .post(`/api/teaching-requests/${first.id}/cancel`)
      .set(admin.auth)
      .send({ reason: 'Klas samengevoegd' })
      .expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      statusReason: 'Klas samengevoegd',
      version: 2,
    });
    const again = await ctx.http
      .post(`/api/teaching-requests/${first.id}/cancel`)
      .set(admin.auth)
      .send({ reason: 'Nogmaals' })
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      detail: expect.stringContaining('cancelled'),
      detailNl:
        'Deze aanvraag is ingetrokken; alleen een open of deels gevulde aanvraag kan worden ingetrokken.',
    });
    const closing = await ctx.http
      .post(`/api/teaching-requests/${first.id}/close`)
      .set(admin.auth)
      .expect(409);
    expect(closing.body.detailNl).toBe(
      'Deze aanvraag is ingetrokken; alleen een open of deels gevulde aanvraag kan worden gesloten.',
    );
    await ctx.http
      .patch(`/api/teaching-requests/${first.id}`)
      .set(admin.auth)
      .send({ version: 2, title: 'Toch nog' })
      .expect(409);

    const noReason = await ctx.http
      .post(`/api/teaching-requests/${second.id}/cancel`)
      .set(admin.auth)
      .send({})
      .expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const closed = await ctx.http
      .post(`/api/teaching-requests/${second.id}/close`)
      .set(coordinator.auth)
      .expect(200);
    expect(closed.body.status).toBe('closed');
  });
});

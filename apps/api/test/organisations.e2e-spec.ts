import { OrganisationKind } from '../../../libs/domain/src';
import { TestContext } from '../../../test/support/test-context';

describe('organisations (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('lets the platform admin register a school with its locations', async () => {
    const admin = await ctx.newAdmin();
    const region = await ctx.newRegion();
    const response = await ctx.http
      .post('/api/organisations')
      .set(admin.auth)
      .send({
        kind: OrganisationKind.MboSchool,
        name: 'ROC Midden Nederland',
        regionId: region.id,
        locations: [
          {
            name: 'Techniek',
            street: 'Australiëlaan 5',
            postalCode: '3526AB',
            city: 'Utrecht',
            latitude: 52.07,
            longitude: 5.1,
          },
        ],
      })
      .expect(201);
    expect(response.body).toMatchObject({
      kind: 'mbo_school',
      name: 'ROC Midden Nederland',
      regionId: region.id,
    });
    expect(response.body.locations).toEqual([
      expect.objectContaining({ postalCode: '3526 AB', city: 'Utrecht' }),
    ]);
  });

  it('shows a company admin only their own organisation', async () => {
    const region = await ctx.newRegion();
    const mine = await ctx.newCompany(region.id);
    const other = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(mine.id);

    const list = await ctx.http.get('/api/organisations').set(companyAdmin.auth).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([mine.id]);
    await ctx.http.get(`/api/organisations/${other.id}`).set(companyAdmin.auth).expect(404);
  });

  it('rejects unknown fields and bad values in the problem+json shape', async () => {
    const admin = await ctx.newAdmin();
    const response = await ctx.http
      .post('/api/organisations')
      .set(admin.auth)
      .send({ kind: 'bakery', name: 'X', regionId: 'nope', kvkNumber: '1234', locations: [], colour: 'red' })
      .expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      correlationId: expect.any(String),
    });
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['colour', 'kind', 'name', 'regionId', 'locations']));
    // A format has its own code, so a client can say which one in its reader's language.
    expect(response.body.errors).toContainEqual({
      field: 'kvkNumber',
      reason: 'must be 8 digits',
      code: 'isKvkNumber',
    });
  });

  it('clears a KvK number with null, and refuses an empty one and a null name or region', async () => {
    const admin = await ctx.newAdmin();
    const company = await ctx.newCompany((await ctx.newRegion()).id);
    const patch = (body: object, status: number) =>
      ctx.http.patch(`/api/organisations/${company.id}`).set(admin.auth).send(body).expect(status);
    expect((await patch({ kvkNumber: '12345678' }, 200)).body.kvkNumber).toBe('12345678');

    // An empty text is not "none": it is refused like any other that is not 8 digits, and nothing changes.
    const empty = await patch({ kvkNumber: '' }, 400);
    expect(empty.body.errors).toEqual([
      { field: 'kvkNumber', reason: 'must be 8 digits', code: 'isKvkNumber' },
    ]);
    const refused = await patch({ name: null, regionId: null }, 400);
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'name',
      'regionId',
    ]);
    expect(
      (await ctx.http.get(`/api/organisations/${company.id}`).set(admin.auth).expect(200)).body,
    ).toMatchObject({
      name: company.name,
      kvkNumber: '12345678',
    });

    // null clears it; leaving it out keeps what is there.
    const cleared = await patch({ kvkNumber: null }, 200);
    expect(cleared.body).toMatchObject({ name: company.name, kvkNumber: null });
    expect((await patch({ name: `${company.name} Holding` }, 200)).body).toMatchObject({
      name: `${company.name} Holding`,
      kvkNumber: null,
    });
  });
});

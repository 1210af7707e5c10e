import { addDays, productDateOf, Weekday, weekdayOf } from '../../../libs/domain/src';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { BEFORE_TERM } from '../../../test/support/proposal-terms';

/**
 * Rate cards and costs: a company keeps hourly rates (per staff member or teaching role, with
 * validity dates); a proposal shows its rate and the total over the period's real lessons to the
 * school, the company and the coordinator (not the teacher); the coordinator approves at the
 * card's rate or departs from it within 20 % with a reason, kept in the audit trail.
 */
describe('rate cards and costs (e2e)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ HM_NOW: BEFORE_TERM });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const today = () => productDateOf(new Date());
  const rateCard = (companyId: string) => `/api/organisations/${companyId}/rate-card`;

  /** A proposal whose request runs from today for about four months (Tuesdays 09:00–12:00). */
  async function world() {
    const periodEnd = addDays(today(), 120);
    return { ...(await ctx.newProposalWorld({ periodStart: today(), periodEnd })), periodEnd };
  }

  const addRate = (admin: TestUser, companyId: string, body: object, status = 201) =>
    ctx.http.post(rateCard(companyId)).set(admin.auth).send(body).expect(status);

  /** The company's rate for guest teachers, valid all of 2026 and after. */
  const guestTeacherRate = (admin: TestUser, companyId: string, hourlyRateCents = 9500) =>
    addRate(admin, companyId, { role: 'guest_teacher', hourlyRateCents, validFrom: '2026-01-01' });

  async function acceptAll(w: Awaited<ReturnType<typeof world>>, proposalId = w.proposal.id) {
    for (const user of [w.schoolAdmin, w.teacher, w.companyAdmin])
      await ctx.http
        .post(`/api/proposals/${proposalId}/answer`)
        .set(user.auth)
        .send({ decision: 'accept' })
        .expect(200);
  }

  const approveWith = (w: Awaited<ReturnType<typeof world>>, body: object, status: number) =>
    ctx.http
      .post(`/api/proposals/${w.proposal.id}/approve`)
      .set(w.coordinator.auth)
      .send(terms(w, body))
      .expect(status);

  const terms = (w: Awaited<ReturnType<typeof world>>, extra: object = {}) => ({
    startDate: today(),
    endDate: w.periodEnd,
    supervisorName: 'Marieke de Vries',
    supervisorEmail: 'm.devries@roc.example.nl',
    ...extra,
  });

  it('lets the company keep its rate card, and only its coordinators read it', async () => {
    const w = await world();
    const role = await addRate(w.companyAdmin, w.company.id, {
      role: 'guest_teacher',
      hourlyRateCents: 9500,
      validFrom: '2026-01-01',
    });
    expect(role.body).toMatchObject({
      role: 'guest_teacher',
      teacherId: null,
      hourlyRateCents: 9500,
      validUntil: null,
    });
    await addRate(w.companyAdmin, w.company.id, {
      teacherId: w.teacher.teacher.id,
      hourlyRateCents: 11_000,
      validFrom: '2026-01-01',
      validUntil: '2026-06-30',
    });
    const listed = await ctx.http.get(rateCard(w.company.id)).set(w.coordinator.auth).expect(200);
    expect(listed.body.map((entry: { hourlyRateCents: number }) => entry.hourlyRateCents).sort()).toEqual([
      11_000, 9500,
    ]);

    // Outside the company's region or another company: not found; a school or a teacher may not call it.
    const outsiders = [
      await ctx.newCoordinator((await ctx.newRegion()).id),
      await ctx.newCompanyAdmin((await ctx.newCompany(w.region.id)).id),
    ];
    for (const outsider of outsiders)
      await ctx.http.get(rateCard(w.company.id)).set(outsider.auth).expect(404);
    for (const refused of [w.schoolAdmin, w.teacher])
      await ctx.http.get(rateCard(w.company.id)).set(refused.auth).expect(403);
    await addRate(
      w.coordinator,
      w.company.id,
      { role: 'instructor', hourlyRateCents: 9000, validFrom: '2026-01-01' },
      403,
    );
    await ctx.http.get(rateCard(w.school.id)).set(w.coordinator.auth).expect(404);

    await ctx.http
      .delete(`${rateCard(w.company.id)}/${role.body.id}`)
      .set(w.companyAdmin.auth)
      .expect(204);
    await ctx.http
      .delete(`${rateCard(w.company.id)}/${role.body.id}`)
      .set(w.companyAdmin.auth)
      .expect(404);
  });

  it('refuses implausible rates and ambiguous entries, naming the field', async () => {
    const w = await world();
    const tooLow = await addRate(
      w.companyAdmin,
      w.company.id,
      { role: 'teacher', hourlyRateCents: 1, validFrom: '2026-01-01' },
      400,
    );
    expect(tooLow.body.errors).toEqual([
      {
        field: 'hourlyRateCents',
        reason: 'must be between €25.00 and €250.00 an hour (€0.01 looks like a typing error)',
        code: 'isPlausibleRate',
        reasonNl: 'moet tussen €\u00a025,00 en €\u00a0250,00 per uur liggen (€\u00a00,01 lijkt een tikfout)',
      },
    ]);
    const both = await addRate(
      w.companyAdmin,
      w.company.id,
      { teacherId: w.teacher.teacher.id, role: 'teacher', hourlyRateCents: 9000, validFrom: '2026-01-01' },
      400,
    );
    expect(both.body.errors[0]).toMatchObject({ field: 'teacherId', code: 'teacherOrRole' });
    const stranger = await ctx.newTeacher((await ctx.newCompany(w.region.id)).id);
    const notOurs = await addRate(
      w.companyAdmin,
      w.company.id,
      { teacherId: stranger.id, hourlyRateCents: 9000, validFrom: '2026-01-01' },
      400,
    );
    expect(notOurs.body.errors).toEqual([
      { field: 'teacherId', reason: 'is not a staff member of this company', code: 'notStaffOfCompany' },
    ]);
    const backwards = await addRate(
      w.companyAdmin,
      w.company.id,
      { role: 'teacher', hourlyRateCents: 9000, validFrom: '2026-09-01', validUntil: '2026-08-31' },
      400,
    );
    expect(backwards.body.errors).toEqual([
      { field: 'validUntil', reason: 'must not be before validFrom', code: 'endBeforeStart' },
    ]);
    expect((await ctx.http.get(rateCard(w.company.id)).set(w.companyAdmin.auth).expect(200)).body).toEqual(
      [],
    );
  });

  it("shows the rate and the total over the period's real lessons to school, company and coordinator", async () => {
    const w = await world();
    const parties = (user: TestUser) =>
      ctx.http.get(`/api/proposals/${w.proposal.id}/parties`).set(user.auth).expect(200);
    expect((await parties(w.schoolAdmin)).body.cost).toMatchObject({ rate: null, totalCents: null });

    await addRate(w.companyAdmin, w.company.id, {
      role: 'guest_teacher',
      hourlyRateCents: 9500,
      validFrom: '2026-01-01',
    });
    const { cost } = (await parties(w.schoolAdmin)).body;
    let tuesdays = 0;
    for (let date = today(); date <= w.periodEnd; date = addDays(date, 1))
      if (weekdayOf(date) === Weekday.Tuesday) tuesdays += 1;
    expect(cost).toMatchObject({
      rate: { hourlyRateCents: 9500, source: 'role' },
      from: today(),
      until: w.periodEnd,
    });
    expect(cost.lessons + cost.skippedLessons).toBe(tuesdays);
    expect(cost.hours).toBe(cost.lessons * 3);
    expect(cost.totalCents).toBe(cost.lessons * 3 * 9500);
    expect((await parties(w.companyAdmin)).body.cost).toEqual(cost);
    expect((await parties(w.coordinator)).body.cost).toEqual(cost);
    expect((await parties(w.teacher)).body).not.toHaveProperty('cost');
  });

  it('approves at the card rate, or within 20 % of it with a reason kept in the audit trail', async () => {
    const w = await world();
    await addRate(w.companyAdmin, w.company.id, {
      role: 'guest_teacher',
      hourlyRateCents: 9500,
      validFrom: '2026-01-01',
    });
    await acceptAll(w);
    const approve = (body: object, status: number) => approveWith(w, body, status);

    expect((await approve({ hourlyRateCents: 100_000 }, 400)).body.errors[0]).toMatchObject({
      field: 'hourlyRateCents',
      code: 'isPlausibleRate',
      reasonNl:
        'moet tussen €\u00a025,00 en €\u00a0250,00 per uur liggen (€\u00a01.000,00 lijkt een tikfout)',
    });
    const far = await approve({ hourlyRateCents: 12_000, rateReason: 'Duurder' }, 409);
    expect(far.body).toMatchObject({
      code: 'RATE_OUTSIDE_CARD',
      detailNl:
        'Het uurtarief mag hooguit 20% afwijken van het tarief op de tariefkaart, €\u00a095,00 (dus tussen €\u00a076,00 en €\u00a0114,00).',
    });
    expect(far.body.detail).toContain('between €76.00 and €114.00');
    const noReason = await approve({ hourlyRateCents: 11_000 }, 400);
    expect(noReason.body.errors).toEqual([
      {
        field: 'rateReason',
        reason: "is required when the rate departs from the rate card's €95.00",
        code: 'rateReasonRequired',
        reasonNl: 'is verplicht als het tarief afwijkt van €\u00a095,00 op de tariefkaart',
      },
    ]);
    const approved = await approve(
      { hourlyRateCents: 11_000, rateReason: 'Langere reistijd, afgesproken.' },
      200,
    );
    expect(approved.body.placement.hourlyRateCents).toBe(11_000);
    const history = await ctx.http
      .get(`/api/proposals/${w.proposal.id}/history`)
      .set(w.coordinator.auth)
      .expect(200);
    expect(history.body.find((event: { action: string }) => event.action === 'approve')).toMatchObject({
      reason: "Rate €110.00 instead of the rate card's €95.00: Langere reistijd, afgesproken.",
    });
    const { cost } = (
      await ctx.http.get(`/api/proposals/${w.proposal.id}/parties`).set(w.schoolAdmin.auth).expect(200)
    ).body;
    expect(cost.rate).toEqual({ hourlyRateCents: 11_000, source: 'agreed' });
  });

  it('takes the card rate when the coordinator gives none, and asks for one when there is no card', async () => {
    const w = await world();
    await acceptAll(w);
    const approve = (body: object, status: number) => approveWith(w, body, status);
    const missing = await approve({}, 400);
    expect(missing.body.errors).toEqual([
      {
        field: 'hourlyRateCents',
        reason: "is required: the company's rate card has no rate for this teacher and role",
        code: 'rateRequiredWithoutCard',
      },
    ]);
    await addRate(w.companyAdmin, w.company.id, {
      teacherId: w.teacher.teacher.id,
      hourlyRateCents: 10_250,
      validFrom: '2026-01-01',
    });
    expect((await approve({}, 200)).body.placement.hourlyRateCents).toBe(10_250);
  });

  it("lists a company's placements with names and their cost: the lessons taught or to come at the agreed rate", async () => {
    const w = await world();
    await addRate(w.companyAdmin, w.company.id, {
      role: 'guest_teacher',
      hourlyRateCents: 9500,
      validFrom: '2026-01-01',
    });
    await acceptAll(w);
    const { placement } = (await approveWith(w, {}, 200)).body;
    const list = async () =>
      (await ctx.http.get('/api/placements').set(w.companyAdmin.auth).expect(200)).body.items[0];
    const before = await list();
    const { cost } = (
      await ctx.http.get(`/api/proposals/${w.proposal.id}/parties`).set(w.companyAdmin.auth).expect(200)
    ).body;
    expect(before).toMatchObject({
      id: placement.id,
      names: {
        teacherName: `${w.teacher.teacher.firstName} ${w.teacher.teacher.lastName}`,
        companyName: w.company.name,
        schoolName: w.school.name,
        requestTitle: w.request.title,
      },
      cost: { lessons: cost.lessons, hours: cost.hours, totalCents: cost.totalCents },
    });
    expect(before.cost.totalCents).toBe(before.cost.lessons * 3 * 9500);

    // A cancelled lesson is not paid for.
    const [lesson] = (
      await ctx.http
        .get('/api/lessons')
        .query({ placementId: placement.id })
        .set(w.schoolAdmin.auth)
        .expect(200)
    ).body.items;
    await ctx.http
      .post(`/api/lessons/${lesson.id}/cancel`)
      .set(w.schoolAdmin.auth)
      .send({ reason: 'Studiedag' })
      .expect(200);
    expect((await list()).cost).toEqual({
      lessons: before.cost.lessons - 1,
      hours: before.cost.hours - 3,
      totalCents: before.cost.totalCents - 3 * 9500,
    });
  });

  it("totals what every placement of the list costs, over all pages, within the caller's scope only", async () => {
    const w = await world();
    await guestTeacherRate(w.companyAdmin, w.company.id);
    /** Another proposal at the world's school, of a new teacher of `companyId`, answered and approved. */
    async function placeAnother(companyId: string, companyAdmin: TestUser) {
      const teacher = await ctx.newTeacherUser(companyId);
      const request = await ctx.newRequest(w.school, { periodStart: today(), periodEnd: w.periodEnd });
      const proposal = await ctx.newProposal(request, teacher.teacher);
      for (const user of [w.schoolAdmin, teacher, companyAdmin])
        await ctx.http
          .post(`/api/proposals/${proposal.id}/answer`)
          .set(user.auth)
          .send({ decision: 'accept' })
          .expect(200);
      await ctx.http
        .post(`/api/proposals/${proposal.id}/approve`)
        .set(w.coordinator.auth)
        .send({ ...terms(w), hourlyRateCents: 9800, rateReason: 'Afgesproken' })
        .expect(200);
      return teacher;
    }
    await acceptAll(w);
    await approveWith(w, {}, 200);
    await placeAnother(w.company.id, w.companyAdmin);
    await placeAnother(w.company.id, w.companyAdmin);
    // Another company's placement at the same school, and a placement in another region.
    const rival = await ctx.newCompany(w.region.id);
    const rivalAdmin = await ctx.newCompanyAdmin(rival.id);
    await guestTeacherRate(rivalAdmin, rival.id, 9000);
    const rivalTeacher = await placeAnother(rival.id, rivalAdmin);
    const elsewhere = await world();
    await guestTeacherRate(elsewhere.companyAdmin, elsewhere.company.id);
    await acceptAll(elsewhere);
    await approveWith(elsewhere, {}, 200);

    const pageOf = async (user: TestUser, page: number, query: object = {}) =>
      (
        await ctx.http
          .get('/api/placements')
          .query({ page, pageSize: 2, ...query })
          .set(user.auth)
          .expect(200)
      ).body;
    /** Every page of `user`'s list, and the one `cost` every page carries. */
    async function everyPage(user: TestUser, query: object = {}) {
      const first = await pageOf(user, 1, query);
      const items = [...first.items];
      for (let page = 2; page <= Math.ceil(first.total / 2); page += 1) {
        const next = await pageOf(user, page, query);
        expect(next.cost).toEqual(first.cost);
        expect(next.total).toBe(first.total);
        items.push(...next.items);
      }
      expect(items).toHaveLength(first.total);
      return { items, total: first.total, cost: first.cost };
    }
    const added = (items: Array<{ cost: { lessons: number; hours: number; totalCents: number } }>) => ({
      lessons: items.reduce((sum, item) => sum + item.cost.lessons, 0),
      hours: items.reduce((sum, item) => sum + item.cost.hours, 0),
      totalCents: items.reduce((sum, item) => sum + item.cost.totalCents, 0),
    });

    // The company: its three placements over two pages, the rival's and the other region's not counted.
    const company = await everyPage(w.companyAdmin);
    expect(company.total).toBe(3);
    expect(company.items.every((item: { companyId: string }) => item.companyId === w.company.id)).toBe(true);
    expect(company.cost).toEqual(added(company.items));
    expect(company.cost.totalCents).toBeGreaterThan(0);
    // A page past the end still answers the totals.
    expect(await pageOf(w.companyAdmin, 3)).toMatchObject({ items: [], total: 3, cost: company.cost });

    // The school and the coordinator: all four at the school, nothing of the other region.
    const school = await everyPage(w.schoolAdmin);
    expect(school.total).toBe(4);
    expect(school.cost).toEqual(added(school.items));
    expect((await everyPage(w.coordinator)).cost).toEqual(school.cost);
    const rivalOnly = await everyPage(rivalAdmin);
    expect(rivalOnly.total).toBe(1);
    expect(school.cost.totalCents).toBe(company.cost.totalCents + rivalOnly.cost.totalCents);

    // Filters narrow the totals too: one teacher's placements.
    const one = await everyPage(w.companyAdmin, { teacherId: w.teacher.teacher.id });
    expect(one.total).toBe(1);
    expect(one.cost).toEqual(added(one.items));
    // The teacher never sees what their employer charges, neither per placement nor in total.
    const own = await pageOf(rivalTeacher, 1);
    expect(own.total).toBe(1);
    expect(own).not.toHaveProperty('cost');
    expect(own.items[0]).not.toHaveProperty('cost');
  });
});

import { DataSource } from 'typeorm';
import {
  LessonBlock,
  Organisation,
  Placement,
  TeacherAvailabilityWindow,
  TeacherProfile,
  TeachingRequest,
} from '../../../libs/database/src';
import { RequestClosingService } from '@hybridmatch/core';
import {
  ClockTime,
  OrganisationKind,
  Qualification,
  RuleCode,
  TeachingRequestStatus,
} from '../../../libs/domain/src';
import { ALL_ACCEPTED } from '../../../test/support/proposal-terms';
import { TestContext, TestUser } from '../../../test/support/test-context';

/**
 * The cases of issue 10, over HTTP with the clock set to Thursday 2026-12-03: each refused (or
 * flagged) with the rule's code and sentence, from the one rule book (docs/RULES.md).
 */
const TODAY = '2026-12-03T10:00:00+01:00';
const TERMS = {
  hourlyRateCents: 9500,
  supervisorName: 'Marieke de Vries',
  supervisorEmail: 'm.devries@roc.example.nl',
};

describe('the rule book at every decision, with time real (e2e)', () => {
  let ctx: TestContext;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await TestContext.create({ HM_NOW: TODAY });
    db = ctx.db;
  });

  afterAll(async () => {
    await ctx.close();
  });

  interface World {
    company: Organisation;
    school: Organisation;
    companyAdmin: TestUser;
    coordinator: TestUser;
    teacher: TeacherProfile;
  }

  async function world(teacher: Partial<TeacherProfile> = {}): Promise<World> {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);
    return {
      company,
      school,
      companyAdmin: await ctx.newCompanyAdmin(company.id),
      coordinator: await ctx.newCoordinator(region.id),
      teacher: await ctx.newTeacher(company.id, { vogIssuedOn: '2026-11-01', ...teacher }),
    };
  }

  /** A request of `school` with one Tuesday block from..to (minutes), and an all-accepted proposal for it. */
  async function proposal(
    w: World,
    block: { start: number; end: number; weekday?: number },
    request: Partial<TeachingRequest> = {},
    school: Organisation = w.school,
  ) {
    const made = await ctx.newRequest(school, request);
    await db.getRepository(LessonBlock).update(
      { requestId: made.id },
      {
        weekday: block.weekday ?? 2,
        startTime: block.start,
        endTime: block.end,
      },
    );
    return ctx.newProposal(made, w.teacher, ALL_ACCEPTED);
  }

  const approve = (w: World, id: string, body: object = {}) =>
    ctx.http
      .post(`/api/proposals/${id}/approve`)
      .set(w.coordinator.auth)
      .send({ ...TERMS, ...body });

  const patchTeacher = (w: World, body: object) =>
    ctx.http.patch(`/api/teachers/${w.teacher.id}`).set(w.companyAdmin.auth).send(body).expect(200);

  function expectBroken(response: { status: number; body: Record<string, unknown> }, code: RuleCode) {
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'RULES_BROKEN',
      errors: expect.arrayContaining([{ field: code, reason: expect.any(String) }]),
    });
    expect(response.body.detail).toContain('NL:');
  }

  it('a teacher proposed as PDG for 8 h a week, set to none by the company: refused (SIX_HOUR_RULE)', async () => {
    const w = await world({ qualification: Qualification.Pdg, releasedHoursPerWeek: 8 });
    const p = await proposal(w, { start: 510, end: 990 });
    await patchTeacher(w, { qualification: Qualification.None });
    const response = await approve(w, p.id);
    expectBroken(response, RuleCode.SixHourRule);
    expect(response.body.errors).toContainEqual({
      field: 'SIX_HOUR_RULE',
      reason: expect.stringMatching(/at most 6 clock hours a week at MBO level/),
    });
  });

  it('a contract raised from 36 h to 44 h after the proposal: refused (WORKING_HOURS)', async () => {
    const w = await world({ releasedHoursPerWeek: 8, qualification: Qualification.Pdg });
    const p = await proposal(w, { start: 510, end: 990 });
    await patchTeacher(w, { contractHoursPerWeek: 44 });
    expectBroken(await approve(w, p.id), RuleCode.WorkingHours);
  });

  it('a Tuesday window removed after the proposal: refused (WINDOW)', async () => {
    const w = await world();
    const p = await proposal(w, { start: 540, end: 720 });
    await patchTeacher(w, { windows: [{ weekday: 3, start: '08:00', end: '17:00' }] });
    expectBroken(await approve(w, p.id), RuleCode.Window);
  });

  it('a teacher available from 2027-02-01 on a request until 2027-01-31: refused (PERIOD)', async () => {
    const w = await world({ availableFrom: '2027-02-01' });
    const p = await proposal(w, { start: 540, end: 720 });
    expectBroken(await approve(w, p.id), RuleCode.Period);
  });

  it('a VOG of 2026-03-15 on a request from 2026-09-01, approved on 2026-12-03: refused at the real start (VOG)', async () => {
    const w = await world({ vogIssuedOn: '2026-03-15' });
    const p = await proposal(w, { start: 540, end: 720 });
    const response = await approve(w, p.id);
    expectBroken(response, RuleCode.Vog);
    expect(response.body.errors).toContainEqual({
      field: 'VOG',
      reason: 'The VOG issued 2026-03-15 is more than 6 months old at the start on 2026-12-08.',
    });
  });

  it('PDG in progress since 2025-03-01 for 7.5 h a week until 2027-07-09: refused (PDG_DEADLINE)', async () => {
    const w = await world({
      qualification: Qualification.PdgInProgress,
      qualificationSince: '2025-03-01',
      releasedHoursPerWeek: 7.5,
    });
    const p = await proposal(w, { start: 510, end: 960 }, { periodEnd: '2027-07-09' });
    expectBroken(await approve(w, p.id), RuleCode.PdgDeadline);
    // Shortened to end before the deadline (2027-02-28), it fits.
    const fits = await approve(w, p.id, { endDate: '2027-02-23' });
    expect(fits.status).toBe(200);
    expect(fits.body.placement).toMatchObject({ startDate: '2026-12-08', endDate: '2027-02-23' });
  });

  it('6 h at an MBO school plus 4 h MBO3 at a Hybride Techniekcentrum: the second is refused (SIX_HOUR_RULE)', async () => {
    const w = await world({ releasedHoursPerWeek: 10, releasedDaysPerWeek: 2 });
    await db
      .getRepository(TeacherAvailabilityWindow)
      .save({ teacherId: w.teacher.id, weekday: 3, startTime: 480 as ClockTime, endTime: 1020 as ClockTime });
    const atMbo = await proposal(w, { start: 540, end: 900 });
    expect((await approve(w, atMbo.id)).status).toBe(200);
    const region = (await db.getRepository(Organisation).findOneByOrFail({ id: w.school.id })).regionId;
    const htc = await ctx.newSchool(region, OrganisationKind.Techniekcentrum);
    const atHtc = await proposal(w, { weekday: 3, start: 540, end: 780 }, {}, htc);
    expectBroken(await approve(w, atHtc.id), RuleCode.SixHourRule);
  });

  it('semester 1 does not block semester 2: two placements in consecutive periods are both approved', async () => {
    const w = await world({ releasedHoursPerWeek: 6, availableUntil: '2027-07-31' });
    const first = await proposal(w, { start: 540, end: 900 }, { periodEnd: '2027-01-31' });
    const second = await proposal(
      w,
      { start: 540, end: 900 },
      { periodStart: '2027-02-01', periodEnd: '2027-07-09' },
    );
    const one = await approve(w, first.id);
    const two = await approve(w, second.id);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(one.body.placement).toMatchObject({ startDate: '2026-12-08', endDate: '2027-01-31' });
    expect(two.body.placement).toMatchObject({ startDate: '2027-02-01', endDate: '2027-07-09' });
  });

  it('never backdates: a start before the first lesson day after today is refused, the default starts then', async () => {
    const w = await world();
    const p = await proposal(w, { start: 540, end: 720 });
    const backdated = await approve(w, p.id, { startDate: '2026-09-07' }).expect(400);
    expect(backdated.body.errors).toEqual([
      { field: 'startDate', reason: expect.stringMatching(/^must be on or after 2026-12-08/) },
    ]);
    const approved = await approve(w, p.id).expect(200);
    expect(approved.body.placement).toMatchObject({ startDate: '2026-12-08', endDate: '2027-01-31' });
    const placement = await db.getRepository(Placement).findOneByOrFail({ proposalId: p.id });
    expect(placement.startDate).toBe('2026-12-08');
  });

  it('closes requests whose period is over by itself (the daily job’s service), with the reason stored', async () => {
    const w = await world();
    const ended = await ctx.newRequest(w.school, { periodStart: '2026-09-01', periodEnd: '2026-12-02' });
    const running = await ctx.newRequest(w.school, { periodStart: '2026-09-01', periodEnd: '2026-12-03' });
    const closed = await ctx.app.get(RequestClosingService).closeEnded();
    expect(closed).toContain(ended.id);
    expect(closed).not.toContain(running.id);
    const requests = db.getRepository(TeachingRequest);
    expect(await requests.findOneByOrFail({ id: ended.id })).toMatchObject({
      status: TeachingRequestStatus.Closed,
      statusReason: 'The period ended on 2026-12-02.',
    });
    expect(await requests.findOneByOrFail({ id: running.id })).toMatchObject({
      status: TeachingRequestStatus.Open,
    });
    expect(await ctx.app.get(RequestClosingService).closeEnded()).not.toContain(ended.id);
  });

  it('at answer time: accepting a proposal that breaks a rule is refused with the rule', async () => {
    const w = await world();
    const made = await ctx.newRequest(w.school);
    const p = await ctx.newProposal(made, w.teacher);
    await patchTeacher(w, { contractHoursPerWeek: 47 });
    const response = await ctx.http
      .post(`/api/proposals/${p.id}/answer`)
      .set(w.companyAdmin.auth)
      .send({ decision: 'accept' });
    expectBroken(response, RuleCode.WorkingHours);
  });
});

import { DataSource } from 'typeorm';
import {
  ComplianceWarning,
  LessonBlock,
  Notification,
  Organisation,
  Placement,
  TeacherAvailabilityWindow,
  TeacherProfile,
  TeachingRequest,
} from '../../../libs/database/src';
import { ComplianceSweepService, loadRegionInput, RequestClosingService } from '@hybridmatch/core';
import { checkEligibility } from '@hybridmatch/matching';
import {
  ClockTime,
  EducationLevel,
  OrganisationKind,
  Qualification,
  RuleCode,
  TeachingRequestStatus,
  TeachingRole,
} from '../../../libs/domain/src';
import { ALL_ACCEPTED } from '../../../test/support/proposal-terms';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { withTexts } from '../../../test/support/notification-fixtures';

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
      errors: expect.arrayContaining([
        { field: code, reason: expect.any(String), code, reasonNl: expect.any(String) },
      ]),
    });
    // Sentences (no rule codes) and what to do, in English; the same in Dutch beside it, not inside.
    expect(response.body.detail).toMatch(
      /^This (placement cannot be approved|proposal cannot be accepted): /,
    );
    // What to do names what the refused one can do: a party declines, the coordinator withdraws.
    const approving = String(response.body.detail).startsWith('This placement');
    expect(response.body.detail).toContain(approving ? 'withdraw the proposal' : 'decline the proposal');
    expect(response.body.detail).not.toContain('NL:');
    expect(response.body.detailNl).toMatch(
      /^(Deze plaatsing kan niet worden goedgekeurd|Dit voorstel kan niet worden geaccepteerd): /,
    );
    expect(response.body.detailNl).toContain(approving ? 'trek het voorstel in' : 'sla het voorstel af');
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
      code: 'SIX_HOUR_RULE',
      reasonNl: expect.stringMatching(/hoogstens 6 klokuur per week op MBO-niveau/),
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
      code: 'VOG',
      reasonNl: 'De VOG van 2026-03-15 is bij de start op 2026-12-08 ouder dan 6 maanden.',
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
      {
        field: 'startDate',
        reason: expect.stringMatching(/^must be on or after 2026-12-08/),
        code: 'beforeEarliestStart',
      },
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

  // ---- every rule at every decision, and the re-checks after a change (slice C) ------------------

  interface RuleCase {
    code: RuleCode;
    teacher?: Partial<TeacherProfile>;
    request?: Partial<TeachingRequest>;
    /** The lesson block (Tuesday, minutes), when not 09:00–12:00. */
    block?: { start: number; end: number };
    school?: { kind: OrganisationKind; hboDidacticFteThreshold?: number };
    /** The change that breaks it: a PATCH of the teacher (by the company) or of the request (by the school). */
    change: { teacher: object } | { request: object };
  }

  const EIGHT_HOURS = { start: 510, end: 990 };
  const CASES: RuleCase[] = [
    {
      code: RuleCode.Skill,
      change: { teacher: { skills: [{ subjectCode: 'werktuigbouwkunde', level: 'MBO3' }] } },
    },
    { code: RuleCode.Level, change: { teacher: { levels: ['MBO4'] } } },
    {
      code: RuleCode.Window,
      change: { teacher: { windows: [{ weekday: 3, start: '08:00', end: '17:00' }] } },
    },
    { code: RuleCode.Period, change: { teacher: { availableUntil: '2026-12-20' } } },
    { code: RuleCode.Distance, change: { teacher: { maxTravelKm: 0 } } },
    { code: RuleCode.Vog, change: { teacher: { vogIssuedOn: '2026-05-01' } } },
    { code: RuleCode.ReleasedDays, change: { teacher: { releasedDaysPerWeek: 0 } } },
    { code: RuleCode.ReleasedMinutes, change: { teacher: { releasedHoursPerWeek: 2 } } },
    { code: RuleCode.WorkingHours, change: { teacher: { contractHoursPerWeek: 46.5 } } },
    {
      code: RuleCode.SixHourRule,
      teacher: { qualification: Qualification.Pdg, releasedHoursPerWeek: 8 },
      block: EIGHT_HOURS,
      change: { teacher: { qualification: 'none' } },
    },
    {
      code: RuleCode.PdgDeadline,
      teacher: { qualification: Qualification.Pdg, releasedHoursPerWeek: 8 },
      block: EIGHT_HOURS,
      change: { teacher: { qualification: 'pdg_in_progress', qualificationSince: '2025-01-01' } },
    },
    {
      code: RuleCode.HboDidactic,
      teacher: {
        hasHboDidactic: true,
        levels: [EducationLevel.Hbo],
        skills: [{ subjectCode: 'elektrotechniek', level: EducationLevel.Hbo }],
      },
      request: { level: EducationLevel.Hbo },
      school: { kind: OrganisationKind.HboSchool, hboDidacticFteThreshold: 0.05 },
      change: { teacher: { hasHboDidactic: false } },
    },
    {
      code: RuleCode.InstructorPdc,
      teacher: { hasPdc: true },
      request: { role: TeachingRole.Instructor },
      change: { teacher: { hasPdc: false } },
    },
    // A change to the request: its block moves to Wednesday, outside the teacher's windows.
    {
      code: RuleCode.Window,
      change: { request: { blocks: [{ weekday: 3, start: '09:00', end: '12:00' }] } },
    },
  ];

  /** What the engine says at match time about `teacher` and `requestId`, from the loader with today's date. */
  async function engineFailures(regionId: string, teacherId: string, requestId: string) {
    const input = await loadRegionInput(db.manager, regionId, '2026-12-03');
    const teacher = input.teachers.find((t) => t.id === teacherId);
    const request = input.requests.find((r) => r.id === requestId);
    if (!teacher || !request) throw new Error('not in the engine input');
    return checkEligibility(teacher, request, undefined, { exclude: input.exclude, today: input.today });
  }

  for (const c of CASES) {
    const by = 'teacher' in c.change ? 'a profile change' : 'a request change';
    it(`${c.code} after ${by}: flagged, refused at answer and approval, and named by the engine at match time`, async () => {
      const w = await world(c.teacher);
      const regionId = w.school.regionId;
      const school = c.school ? await ctx.newSchool(regionId, c.school.kind) : w.school;
      if (c.school?.hboDidacticFteThreshold !== undefined)
        await db
          .getRepository(Organisation)
          .update(school.id, { hboDidacticFteThreshold: c.school.hboDidacticFteThreshold });
      const schoolAdmin = await ctx.newSchoolAdmin(school.id);
      const block = c.block ?? { start: 540, end: 720 };
      // One proposal awaits approval, one an answer; before the change the engine names no such rule.
      const toApprove = await proposal(w, block, c.request, school);
      const made = await ctx.newRequest(school, c.request);
      await db
        .getRepository(LessonBlock)
        .update({ requestId: made.id }, { startTime: block.start, endTime: block.end });
      const before = await engineFailures(regionId, w.teacher.id, made.id);
      expect(before.failures.map((f) => f.rule)).not.toContain(c.code);
      const toAnswer = await ctx.newProposal(made, w.teacher);

      if ('teacher' in c.change) await patchTeacher(w, c.change.teacher);
      else
        for (const id of [toApprove.requestId, made.id]) {
          const { version } = await db.getRepository(TeachingRequest).findOneByOrFail({ id });
          await ctx.http
            .patch(`/api/teaching-requests/${id}`)
            .set(schoolAdmin.auth)
            .send({ version, ...c.change.request })
            .expect(200);
        }

      // Flagged, with the code, in the coordinator's list.
      const flags = await ctx.http.get('/api/rule-flags').set(w.coordinator.auth).expect(200);
      for (const id of [toApprove.id, toAnswer.id])
        expect(flags.body.items).toContainEqual(
          expect.objectContaining({
            proposalId: id,
            placementId: null,
            ruleCodes: expect.arrayContaining([c.code]),
            cause: 'teacher' in c.change ? 'teacher_changed' : 'request_changed',
          }),
        );
      // Refused at answer time and at approval, with the code.
      const answer = await ctx.http
        .post(`/api/proposals/${toAnswer.id}/answer`)
        .set(w.companyAdmin.auth)
        .send({ decision: 'accept' });
      expectBroken(answer, c.code);
      expectBroken(await approve(w, toApprove.id), c.code);
      // At match time the engine names the same rule for a third request like these.
      const third = await ctx.newRequest(school, c.request);
      await db
        .getRepository(LessonBlock)
        .update(
          { requestId: third.id },
          'teacher' in c.change
            ? { startTime: block.start, endTime: block.end }
            : { weekday: 3, startTime: block.start, endTime: block.end },
        );
      const after = await engineFailures(regionId, w.teacher.id, third.id);
      expect(after.failures.map((f) => f.rule)).toContain(c.code);
    });
  }

  it('a flag is seen in scope, told to the parties once, and cleared by a change that makes the proposal pass', async () => {
    const w = await world();
    const schoolAdmin = await ctx.newSchoolAdmin(w.school.id);
    const p = await proposal(w, { start: 540, end: 720 });
    await patchTeacher(w, { contractHoursPerWeek: 47 });
    await patchTeacher(w, { contractHoursPerWeek: 46 }); // still broken: no second flag, no second message
    const [flag] = (
      await ctx.http.get('/api/rule-flags').set(w.coordinator.auth).expect(200)
    ).body.items.filter((item: { proposalId: string }) => item.proposalId === p.id);
    expect(flag).toMatchObject({
      ruleCodes: ['WORKING_HOURS'],
      violations: [expect.objectContaining({ code: 'WORKING_HOURS' })],
    });
    // The company and the school see their own flag; another region's coordinator and a teacher do not.
    for (const user of [w.companyAdmin, schoolAdmin]) {
      const seen = await ctx.http.get('/api/rule-flags').set(user.auth).expect(200);
      expect(seen.body.items.map((item: { id: string }) => item.id)).toEqual([flag.id]);
    }
    const elsewhere = await ctx.newCoordinator((await ctx.newRegion()).id);
    expect((await ctx.http.get('/api/rule-flags').set(elsewhere.auth).expect(200)).body.total).toBe(0);
    await ctx.http.get(`/api/rule-flags?regionId=${w.school.regionId}`).set(elsewhere.auth).expect(403);
    const teacherUser = await ctx.newTeacherUser(w.company.id);
    await ctx.http.get('/api/rule-flags').set(teacherUser.auth).expect(403);
    // Told once: company admin, school admin and coordinator each one needs_attention message.
    const told = withTexts(
      ctx.app,
      await db.getRepository(Notification).findBy({ proposalId: p.id, kind: 'needs_attention' as never }),
    );
    expect(told.map((n) => n.recipientUserId).sort()).toEqual(
      expect.arrayContaining([w.companyAdmin.user.id, schoolAdmin.user.id, w.coordinator.user.id].sort()),
    );
    expect(new Set(told.map((n) => n.recipientUserId)).size).toBe(told.length);
    expect(told[0].bodyText).toContain('Arbeidstijdenwet');
    // Back to 36 h: the flag clears and the approval goes through.
    await patchTeacher(w, { contractHoursPerWeek: 36 });
    expect(
      (await ctx.http.get('/api/rule-flags').set(w.coordinator.auth).expect(200)).body.items,
    ).not.toContainEqual(expect.objectContaining({ id: flag.id }));
    const resolved = await ctx.http
      .get('/api/rule-flags?status=resolved')
      .set(w.companyAdmin.auth)
      .expect(200);
    expect(resolved.body.items).toContainEqual(
      expect.objectContaining({ id: flag.id, resolution: 'passes' }),
    );
    expect((await approve(w, p.id)).status).toBe(200);
  });

  it('an approved placement broken by a later change is flagged on the placement; withdrawing a flagged proposal closes its flag', async () => {
    const w = await world({ availableUntil: '2027-07-31' });
    const placed = await proposal(w, { start: 540, end: 720 });
    const approval = await approve(w, placed.id).expect(200);
    const open = await proposal(w, { start: 780, end: 900 });
    await patchTeacher(w, { windows: [{ weekday: 3, start: '08:00', end: '17:00' }] });
    const items = (await ctx.http.get('/api/rule-flags').set(w.coordinator.auth).expect(200)).body.items;
    expect(items).toContainEqual(
      expect.objectContaining({
        proposalId: placed.id,
        placementId: approval.body.placement.id,
        ruleCodes: ['WINDOW'],
      }),
    );
    expect(items).toContainEqual(expect.objectContaining({ proposalId: open.id, ruleCodes: ['WINDOW'] }));
    await ctx.http
      .post(`/api/proposals/${open.id}/withdraw`)
      .set(w.coordinator.auth)
      .send({ reason: 'De docent kan niet meer op dinsdag.' })
      .expect(200);
    const resolved = await ctx.http
      .get('/api/rule-flags?status=resolved')
      .set(w.coordinator.auth)
      .expect(200);
    expect(resolved.body.items).toContainEqual(
      expect.objectContaining({ proposalId: open.id, resolution: 'closed' }),
    );
  });

  it('the daily compliance sweep warns the company and the coordinator once: a VOG too old for a next placement, a PDG deadline inside a placement', async () => {
    // VOG of 2026-06-20: a next placement can start on it until 2026-12-20 (within 30 days of today).
    const w = await world({
      vogIssuedOn: '2026-06-20',
      availableUntil: null,
      qualification: Qualification.PdgInProgress,
      qualificationSince: '2025-02-01', // deadline 2027-01-31
    });
    const p = await proposal(w, { start: 540, end: 720 }, { periodEnd: '2027-07-09' });
    const placed = await approve(w, p.id).expect(200);
    const sweep = ctx.app.get(ComplianceSweepService);
    expect(await sweep.sweep()).toBeGreaterThanOrEqual(2);
    const warnings = await db
      .getRepository(ComplianceWarning)
      .find({ where: { teacherId: w.teacher.id }, order: { kind: 'ASC' } });
    expect(warnings).toEqual([
      expect.objectContaining({
        kind: 'pdg_deadline',
        dueOn: '2027-01-31',
        placementId: placed.body.placement.id,
        detectedOn: '2026-12-03',
      }),
      expect.objectContaining({
        kind: 'vog_expiring',
        dueOn: '2026-12-21',
        placementId: null,
        detectedOn: '2026-12-03',
      }),
    ]);
    const told = await db.getRepository(Notification).find({
      where: [
        { recipientUserId: w.companyAdmin.user.id, kind: 'vog_expiring' as never },
        { recipientUserId: w.companyAdmin.user.id, kind: 'pdg_deadline' as never },
        { recipientUserId: w.coordinator.user.id, kind: 'vog_expiring' as never },
        { recipientUserId: w.coordinator.user.id, kind: 'pdg_deadline' as never },
      ],
    });
    expect(told).toHaveLength(4);
    expect(told.find((n) => n.kind === ('vog_expiring' as never))?.bodyText).toContain('21 december 2026');
    // Idempotent: the same day again writes and sends nothing for this teacher.
    await sweep.sweep();
    expect(await db.getRepository(ComplianceWarning).countBy({ teacherId: w.teacher.id })).toBe(2);
  });
});

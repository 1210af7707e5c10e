import { DataSource } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { ProposalService } from '@hybridmatch/core';
import {
  LessonBlock,
  Notification,
  NotificationKind,
  Placement,
  PlacementSlot,
  Proposal,
  TeachingRequest,
  TeacherAvailabilityWindow,
} from '../../../libs/database/src';
import { Clock, ProposalStatus, TeachingRequestStatus, UserRole } from '../../../libs/domain/src';
import { ALL_ACCEPTED, TERMS, BEFORE_TERM } from '../../../test/support/proposal-terms';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { withTexts } from '../../../test/support/notification-fixtures';

describe('proposals (e2e)', () => {
  let ctx: TestContext;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await TestContext.create({ HM_NOW: BEFORE_TERM });
    db = ctx.db;
  });

  afterAll(async () => {
    await ctx.close();
  });

  /** One region with a company (admin + teacher with a login), a school (admin), a coordinator, a request and a proposal. */
  async function world(proposalOverrides: Partial<Proposal> = {}) {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const coordinator = await ctx.newCoordinator(region.id);
    const teacher = await ctx.newTeacherUser(company.id);
    const request = await ctx.newRequest(school);
    const proposal = await ctx.newProposal(request, teacher.teacher, proposalOverrides);
    return { region, company, school, companyAdmin, schoolAdmin, coordinator, teacher, request, proposal };
  }

  const answer = (user: TestUser, proposalId: string, body: Record<string, unknown>) =>
    ctx.http.post(`/api/proposals/${proposalId}/answer`).set(user.auth).send(body);
  const notificationsOf = async (proposalId: string, kind: NotificationKind) =>
    withTexts(
      ctx.app,
      await db
        .getRepository(Notification)
        .find({ where: { proposalId, kind }, order: { recipientUserId: 'ASC' } }),
    );
  const sorted = (ids: Array<string | null>) => [...ids].sort();

  it('takes a proposal from three acceptances in any order to an approved placement, with notifications and history', async () => {
    const w = await world();
    const id = w.proposal.id;

    // New proposal: the three parties are told, the coordinator not yet.
    const proposalNew = await notificationsOf(id, NotificationKind.ProposalNew);
    expect(sorted(proposalNew.map((n) => n.recipientUserId))).toEqual(
      sorted([w.companyAdmin.user.id, w.schoolAdmin.user.id, w.teacher.user.id]),
    );
    expect(proposalNew[0].bodyText).toContain('Wat moet u doen: accepteer het voorstel of sla het af vóór');
    expect(proposalNew[0].bodyText).toContain('--- English ---');
    expect(proposalNew[0].bodyText).toContain('What to do: accept or decline the proposal before');
    expect(proposalNew[0].bodyText).toContain(`${ctx.config.http.publicUrl}/app/proposals/${id}`);
    // Reads name whom and what the proposal is about, for every party.
    for (const party of [w.companyAdmin, w.schoolAdmin, w.teacher, w.coordinator]) {
      const [listed] = (
        await ctx.http.get('/api/proposals').query({ requestId: w.request.id }).set(party.auth)
      ).body.items;
      expect(listed.names).toEqual({
        teacherName: `${w.teacher.teacher.firstName} ${w.teacher.teacher.lastName}`,
        companyName: w.company.name,
        schoolName: w.school.name,
        requestTitle: w.request.title,
      });
    }
    expect((await ctx.http.get(`/api/proposals/${id}`).set(w.teacher.auth)).body.names.schoolName).toBe(
      w.school.name,
    );
    expect(proposalNew[0]).toMatchObject({
      deliveryStatus: 'pending',
      attempts: 0,
      relayedAt: null,
      readAt: null,
    });

    const afterSchool = await answer(w.schoolAdmin, id, { decision: 'accept' }).expect(200);
    expect(afterSchool.body).toMatchObject({
      status: 'proposed',
      answers: { company: 'pending', teacher: 'pending', school: 'accepted' },
    });
    await answer(w.teacher, id, { decision: 'accept', reason: 'Past goed naast mijn werk.' }).expect(200);
    expect(await notificationsOf(id, NotificationKind.AllAccepted)).toEqual([]);
    const afterCompany = await answer(w.companyAdmin, id, {
      decision: 'accept',
      version: afterSchool.body.version + 1,
    }).expect(200);
    expect(afterCompany.body).toMatchObject({
      status: 'awaiting_approval',
      answers: { company: 'accepted', teacher: 'accepted', school: 'accepted' },
    });

    const allAccepted = await notificationsOf(id, NotificationKind.AllAccepted);
    expect(allAccepted.map((n) => n.recipientUserId)).toEqual([w.coordinator.user.id]);
    expect(allAccepted[0].bodyText).toContain('keur het voorstel goed');

    const approval = await ctx.http
      .post(`/api/proposals/${id}/approve`)
      .set(w.coordinator.auth)
      .send({ ...TERMS, version: afterCompany.body.version })
      .expect(200);
    expect(approval.body.proposal).toMatchObject({ id, status: 'approved' });
    expect(approval.body.placement).toMatchObject({
      proposalId: id,
      teacherId: w.teacher.teacher.id,
      requestId: w.request.id,
      schoolId: w.school.id,
      companyId: w.company.id,
      regionId: w.region.id,
      minutesPerWeek: 180,
      hourlyRateCents: 9500,
      startDate: '2026-09-07',
      endDate: '2027-01-29',
      supervisorName: 'Marieke de Vries',
      status: 'active',
      approvedByUserId: w.coordinator.user.id,
      slots: [
        {
          lessonBlockId: w.proposal.blockIds[0],
          weekday: 2,
          startTime: '09:00',
          endTime: '12:00',
          active: true,
        },
      ],
    });

    // The database holds the placement, its slot and the request's new status.
    const placement = await db.getRepository(Placement).findOneByOrFail({ proposalId: id });
    // Approved "now" as the product's clock (HM_NOW) sees it, not the real date.
    const sinceApproval = ctx.app.get<Clock>(CLOCK).now().getTime() - placement.approvedAt.getTime();
    expect(sinceApproval).toBeGreaterThanOrEqual(0);
    expect(sinceApproval).toBeLessThan(10 * 60_000);
    const slots = await db.getRepository(PlacementSlot).findBy({ placementId: placement.id });
    expect(slots).toEqual([
      expect.objectContaining({
        teacherId: w.teacher.teacher.id,
        weekday: 2,
        minutes: '[540,720)',
        dates: '[2026-09-07,2027-01-30)',
        active: true,
      }),
    ]);
    expect(await db.getRepository(TeachingRequest).findOneByOrFail({ id: w.request.id })).toMatchObject({
      status: TeachingRequestStatus.Filled,
    });

    const approved = await notificationsOf(id, NotificationKind.Approved);
    expect(sorted(approved.map((n) => n.recipientUserId))).toEqual(
      sorted([w.companyAdmin.user.id, w.schoolAdmin.user.id, w.teacher.user.id]),
    );
    expect(approved[0].subject).toMatch(/^Plaatsing goedgekeurd: .+ \/ Placement approved$/);
    expect(approved[0].bodyText).toContain(
      'De plaatsing loopt van 7 september 2026 tot en met 29 januari 2027; werkplekbegeleider: Marieke de Vries.',
    );
    expect(approved[0].bodyText).toContain(
      'The placement runs from 7 September 2026 to 29 January 2027 inclusive; supervisor: Marieke de Vries.',
    );

    // The audit trail: every transition with who, from, to and why.
    const history = await ctx.http.get(`/api/proposals/${id}/history`).set(w.coordinator.auth).expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({
        action: 'create',
        fromStatus: null,
        toStatus: 'proposed',
        actorUserId: null,
        actorRole: null,
      }),
      expect.objectContaining({
        action: 'accept',
        party: 'school',
        fromStatus: 'proposed',
        toStatus: 'proposed',
        actorUserId: w.schoolAdmin.user.id,
        actorRole: UserRole.SchoolAdmin,
      }),
      expect.objectContaining({
        action: 'accept',
        party: 'teacher',
        toStatus: 'proposed',
        actorUserId: w.teacher.user.id,
        reason: 'Past goed naast mijn werk.',
      }),
      expect.objectContaining({
        action: 'accept',
        party: 'company',
        fromStatus: 'proposed',
        toStatus: 'awaiting_approval',
        actorUserId: w.companyAdmin.user.id,
      }),
      expect.objectContaining({
        action: 'approve',
        fromStatus: 'awaiting_approval',
        toStatus: 'approved',
        actorUserId: w.coordinator.user.id,
        actorRole: UserRole.RegionalCoordinator,
      }),
    ]);
    expect(
      history.body.every((event: { createdAt: string }) => !Number.isNaN(Date.parse(event.createdAt))),
    ).toBe(true);

    // Everyone sees the placement that concerns them.
    for (const user of [w.companyAdmin, w.schoolAdmin, w.teacher, w.coordinator]) {
      const list = await ctx.http.get('/api/placements').set(user.auth).expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([placement.id]);
    }
  });

  it('reopens the request when a party declines, tells the others, and refuses everything after', async () => {
    const w = await world();
    const id = w.proposal.id;
    await answer(w.companyAdmin, id, { decision: 'accept' }).expect(200);
    const declined = await answer(w.schoolAdmin, id, {
      decision: 'decline',
      reason: 'Rooster is gewijzigd.',
    }).expect(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      answers: { company: 'accepted', teacher: 'pending', school: 'declined' },
    });
    expect(await db.getRepository(TeachingRequest).findOneByOrFail({ id: w.request.id })).toMatchObject({
      status: TeachingRequestStatus.Open,
    });

    const told = await notificationsOf(id, NotificationKind.Declined);
    expect(sorted(told.map((n) => n.recipientUserId))).toEqual(
      sorted([w.companyAdmin.user.id, w.schoolAdmin.user.id, w.teacher.user.id, w.coordinator.user.id]),
    );
    expect(told[0].subject).toContain('Voorstel afgeslagen door de school');
    expect(told[0].bodyText).toContain('Reden: Rooster is gewijzigd.');
    expect(told[0].bodyText).toContain('Reason: Rooster is gewijzigd.');

    const approve = await ctx.http
      .post(`/api/proposals/${id}/approve`)
      .set(w.coordinator.auth)
      .send(TERMS)
      .expect(409);
    expect(approve.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      detail: 'This proposal was declined by the school; it can no longer be approved.',
      detailNl: 'Dit voorstel is afgeslagen door de school; het kan niet meer worden goedgekeurd.',
    });
    const late = await answer(w.teacher, id, { decision: 'accept' }).expect(409);
    expect(late.body.detail).toBe(
      'This proposal was declined by the school; it can no longer be accepted by the teacher.',
    );
  });

  it('refuses every illegal transition with a 409 that says why', async () => {
    const w = await world();
    const id = w.proposal.id;
    const coordinator = w.coordinator.auth;
    const refused = async (response: Promise<{ body: { code: string; detail: string } }>, detail: RegExp) => {
      const { body } = await response;
      expect(body.code).toBe('INVALID_STATE_TRANSITION');
      expect(body.detail).toMatch(detail);
    };

    await refused(
      ctx.http.post(`/api/proposals/${id}/approve`).set(coordinator).send(TERMS).expect(409),
      /still waiting for the answer of the company, the teacher and the school; it cannot be approved yet/,
    );
    await refused(
      ctx.http.post(`/api/proposals/${id}/reject`).set(coordinator).send({ reason: 'Te duur' }).expect(409),
      /cannot be rejected yet/,
    );
    await refused(
      ctx.http.post(`/api/proposals/${id}/cancel`).set(coordinator).send({ reason: 'Te duur' }).expect(409),
      /only an approved proposal can be cancelled/,
    );
    await answer(w.companyAdmin, id, { decision: 'accept' }).expect(200);
    const twice = await answer(w.companyAdmin, id, { decision: 'accept' }).expect(409);
    expect(twice.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      detail: expect.stringMatching(/already accepted by the company/),
      detailNl: 'Dit voorstel is al geaccepteerd door het bedrijf.',
    });

    await answer(w.teacher, id, { decision: 'accept' }).expect(200);
    await answer(w.schoolAdmin, id, { decision: 'accept' }).expect(200);
    await ctx.http.post(`/api/proposals/${id}/approve`).set(coordinator).send(TERMS).expect(200);
    await refused(
      ctx.http.post(`/api/proposals/${id}/approve`).set(coordinator).send(TERMS).expect(409),
      /already approved; it can no longer be approved/,
    );
    await refused(
      ctx.http
        .post(`/api/proposals/${id}/withdraw`)
        .set(coordinator)
        .send({ reason: 'Vergissing' })
        .expect(409),
      /can no longer be withdrawn/,
    );
    await refused(
      answer(w.schoolAdmin, id, { decision: 'decline' }).expect(409),
      /can no longer be declined by the school/,
    );

    // Cancelling after approval frees the teacher's time and reopens the request; then nothing more.
    const cancelled = await ctx.http
      .post(`/api/proposals/${id}/cancel`)
      .set(coordinator)
      .send({ reason: 'Docent is langdurig ziek.' })
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const placement = await db.getRepository(Placement).findOneByOrFail({ proposalId: id });
    expect(placement).toMatchObject({ status: 'cancelled', cancelledReason: 'Docent is langdurig ziek.' });
    expect(
      (await db.getRepository(PlacementSlot).findBy({ placementId: placement.id })).map(
        (slot) => slot.active,
      ),
    ).toEqual([false]);
    expect(await db.getRepository(TeachingRequest).findOneByOrFail({ id: w.request.id })).toMatchObject({
      status: TeachingRequestStatus.Open,
    });
    expect(
      sorted((await notificationsOf(id, NotificationKind.Cancelled)).map((n) => n.recipientUserId)),
    ).toEqual(
      sorted([w.companyAdmin.user.id, w.schoolAdmin.user.id, w.teacher.user.id, w.coordinator.user.id]),
    );
    await refused(
      ctx.http.post(`/api/proposals/${id}/cancel`).set(coordinator).send({ reason: 'Nogmaals' }).expect(409),
      /was cancelled after approval; it can no longer be cancelled/,
    );
  });

  it('lets the coordinator reject or withdraw with a reason, and tells the parties', async () => {
    const toReject = await world(ALL_ACCEPTED);
    const rejected = await ctx.http
      .post(`/api/proposals/${toReject.proposal.id}/reject`)
      .set(toReject.coordinator.auth)
      .send({ reason: 'Tarief past niet in het budget.' })
      .expect(200);
    expect(rejected.body.status).toBe('rejected');
    const told = await notificationsOf(toReject.proposal.id, NotificationKind.Rejected);
    expect(told).toHaveLength(3);
    expect(told[0].bodyText).toContain('Reden: Tarief past niet in het budget.');

    const toWithdraw = await world();
    await ctx.http
      .post(`/api/proposals/${toWithdraw.proposal.id}/withdraw`)
      .set(toWithdraw.coordinator.auth)
      .send({ reason: 'Aanvraag vervalt.' })
      .expect(200);
    expect(await notificationsOf(toWithdraw.proposal.id, NotificationKind.Withdrawn)).toHaveLength(3);
    const missingReason = await ctx.http
      .post(`/api/proposals/${toWithdraw.proposal.id}/withdraw`)
      .set(toWithdraw.coordinator.auth)
      .send({})
      .expect(400);
    expect(missingReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  });

  it('expires unanswered proposals past their deadline and gives the request back', async () => {
    // Deadlines are the product clock's (HM_NOW), not the real date.
    const clock = ctx.app.get<Clock>(CLOCK);
    const before = clock.now().getTime();
    const w = await world({ expiresAt: new Date(before - 60_000) });
    const notYet = await world();
    const week = 7 * 24 * 3600_000;
    expect(notYet.proposal.expiresAt.getTime()).toBeGreaterThanOrEqual(before + week);
    expect(notYet.proposal.expiresAt.getTime()).toBeLessThanOrEqual(clock.now().getTime() + week);
    expect(await ctx.app.get(ProposalService).expireDue()).toBeGreaterThanOrEqual(1);
    expect(await db.getRepository(Proposal).findOneByOrFail({ id: w.proposal.id })).toMatchObject({
      status: ProposalStatus.Expired,
    });
    expect(await db.getRepository(Proposal).findOneByOrFail({ id: notYet.proposal.id })).toMatchObject({
      status: ProposalStatus.Proposed,
    });
    const history = await ctx.http
      .get(`/api/proposals/${w.proposal.id}/history`)
      .set(w.coordinator.auth)
      .expect(200);
    expect(history.body.at(-1)).toMatchObject({
      action: 'expire',
      fromStatus: 'proposed',
      toStatus: 'expired',
      actorUserId: null,
    });
    await answer(w.teacher, w.proposal.id, { decision: 'accept' }).expect(409);
  });

  it('detects concurrent changes: a stale version is a 409, simultaneous answers are all kept', async () => {
    const w = await world();
    const stale = await answer(w.companyAdmin, w.proposal.id, {
      decision: 'accept',
      version: w.proposal.version + 5,
    }).expect(409);
    expect(stale.body).toMatchObject({ code: 'CONCURRENT_UPDATE' });
    expect(stale.body.detail).toMatch(/changed since you loaded it/);

    const responses = await Promise.all([
      answer(w.companyAdmin, w.proposal.id, { decision: 'accept' }),
      answer(w.teacher, w.proposal.id, { decision: 'accept' }),
      answer(w.schoolAdmin, w.proposal.id, { decision: 'accept' }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    const stored = await db.getRepository(Proposal).findOneByOrFail({ id: w.proposal.id });
    expect(stored).toMatchObject({ ...ALL_ACCEPTED, version: w.proposal.version + 3 });

    const late = await answer(w.schoolAdmin, w.proposal.id, {
      decision: 'decline',
      version: w.proposal.version,
    }).expect(409);
    expect(late.body.code).toBe('CONCURRENT_UPDATE');
  });

  it('limits every role to its own proposals and region', async () => {
    const w = await world(ALL_ACCEPTED);
    const elsewhere = await world();
    const id = w.proposal.id;
    const otherCompanyAdmin = elsewhere.companyAdmin;
    const otherCoordinator = elsewhere.coordinator;
    const sameCompanyOtherTeacher = await ctx.newTeacherUser(w.company.id);

    await ctx.http.get(`/api/proposals/${id}`).set(otherCompanyAdmin.auth).expect(404);
    await answer(otherCompanyAdmin, id, { decision: 'accept' }).expect(404);
    await ctx.http.get(`/api/proposals/${id}`).set(otherCoordinator.auth).expect(404);
    await ctx.http.get(`/api/proposals/${id}/history`).set(otherCoordinator.auth).expect(404);
    await ctx.http.post(`/api/proposals/${id}/approve`).set(otherCoordinator.auth).send(TERMS).expect(404);
    await answer(sameCompanyOtherTeacher, id, { decision: 'decline' }).expect(404);
    await answer(elsewhere.schoolAdmin, id, { decision: 'decline' }).expect(404);
    await ctx.http.post(`/api/proposals/${id}/approve`).set(w.companyAdmin.auth).send(TERMS).expect(403);
    await ctx.http.get(`/api/proposals/${id}/history`).set(w.schoolAdmin.auth).expect(403);
    await answer(w.coordinator, id, { decision: 'accept' }).expect(403);

    const listed = async (user: TestUser) =>
      (await ctx.http.get('/api/proposals').set(user.auth).expect(200)).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await listed(w.companyAdmin)).toEqual([id]);
    expect(await listed(w.schoolAdmin)).toEqual([id]);
    expect(await listed(w.teacher)).toEqual([id]);
    expect(await listed(w.coordinator)).toEqual([id]);
    expect(await listed(sameCompanyOtherTeacher)).toEqual([]);
    expect(await listed(otherCoordinator)).toEqual([elsewhere.proposal.id]);
    const admin = await ctx.newAdmin();
    const filtered = await ctx.http
      .get('/api/proposals')
      .query({ regionId: w.region.id, status: 'awaiting_approval' })
      .set(admin.auth)
      .expect(200);
    expect(filtered.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id })] });
    expect(
      (await ctx.http.get('/api/placements').set(otherCompanyAdmin.auth).expect(200)).body.items,
    ).toEqual([]);
  });

  it('validates approval terms against the request period', async () => {
    const w = await world(ALL_ACCEPTED);
    const outside = await ctx.http
      .post(`/api/proposals/${w.proposal.id}/approve`)
      .set(w.coordinator.auth)
      .send({ ...TERMS, startDate: '2026-08-01', endDate: '2026-07-01' })
      .expect(400);
    expect(outside.body.errors).toEqual([
      {
        field: 'startDate',
        reason: expect.stringMatching(/^must be on or after 2026-09-01: a placement starts at the latest of/),
        code: 'beforeEarliestStart',
      },
      { field: 'endDate', reason: 'must be on or after startDate', code: 'endBeforeStart' },
    ]);
    const late = await ctx.http
      .post(`/api/proposals/${w.proposal.id}/approve`)
      .set(w.coordinator.auth)
      .send({ ...TERMS, endDate: '2027-02-15' })
      .expect(400);
    expect(late.body.errors).toEqual([
      {
        field: 'endDate',
        reason: "must be on or before 2027-01-31 (the request's and the teacher's ends)",
        code: 'afterLatestEnd',
      },
    ]);
    const bad = await ctx.http
      .post(`/api/proposals/${w.proposal.id}/approve`)
      .set(w.coordinator.auth)
      .send({ ...TERMS, hourlyRateCents: 0, supervisorEmail: 'nope', startDate: '2026-13-01' })
      .expect(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'hourlyRateCents',
      'startDate',
      'supervisorEmail',
    ]);
    expect(await db.getRepository(Proposal).findOneByOrFail({ id: w.proposal.id })).toMatchObject({
      status: ProposalStatus.AwaitingApproval,
    });
  });

  it('refuses to approve when a block or the teacher went away behind its back, in English and Dutch', async () => {
    // Changing a request or a profile through the API withdraws the proposals it affects; these
    // guards catch what slips past that (a change committed while the approval runs).
    const gone = await world(ALL_ACCEPTED);
    await db.query('DELETE FROM lesson_block WHERE id = $1', [gone.proposal.blockIds[0]]);
    const blocks = await ctx.http
      .post(`/api/proposals/${gone.proposal.id}/approve`)
      .set(gone.coordinator.auth)
      .send(TERMS)
      .expect(409);
    expect(blocks.body).toMatchObject({
      code: 'PROPOSAL_BLOCKS_GONE',
      detail: expect.stringContaining('it can no longer be approved. Reject the proposal and match again.'),
      detailNl:
        'Lesblokken van dit voorstel bestaan niet meer in de aanvraag; het kan niet meer worden goedgekeurd. Wijs het voorstel af en laat opnieuw matchen.',
    });

    const left = await world(ALL_ACCEPTED);
    await db.query('UPDATE teacher_profile SET active = false WHERE id = $1', [left.teacher.teacher.id]);
    const teacher = await ctx.http
      .post(`/api/proposals/${left.proposal.id}/approve`)
      .set(left.coordinator.auth)
      .send(TERMS)
      .expect(409);
    const name = `${left.teacher.teacher.firstName} ${left.teacher.teacher.lastName}`;
    expect(teacher.body).toMatchObject({
      code: 'TEACHER_NOT_OFFERED',
      detail: `${name} is no longer offered by their company; this proposal cannot be approved. Reject it.`,
      detailNl: `${name} wordt niet meer aangeboden door het bedrijf; dit voorstel kan niet worden goedgekeurd. Wijs het af.`,
    });

    // Nothing was written: both still await approval, and neither has a placement.
    for (const { proposal } of [gone, left]) {
      expect(await db.getRepository(Proposal).findOneByOrFail({ id: proposal.id })).toMatchObject({
        status: ProposalStatus.AwaitingApproval,
      });
      expect(await db.getRepository(Placement).countBy({ proposalId: proposal.id })).toBe(0);
    }
  });

  it('approves a batch item by item, reporting each outcome', async () => {
    const w = await world(ALL_ACCEPTED);
    const secondRequest = await ctx.newRequest(w.school);
    await db.getRepository(LessonBlock).update({ requestId: secondRequest.id }, { weekday: 4 });
    const other = await ctx.newTeacher(w.company.id);
    await db.getRepository(TeacherAvailabilityWindow).update({ teacherId: other.id }, { weekday: 4 });
    const ready = await ctx.newProposal(secondRequest, other, ALL_ACCEPTED);
    const notReady = await ctx.newProposal(secondRequest, w.teacher.teacher);
    const response = await ctx.http
      .post('/api/proposals/approve-batch')
      .set(w.coordinator.auth)
      .send({ items: [w.proposal.id, ready.id, notReady.id].map((proposalId) => ({ proposalId, ...TERMS })) })
      .expect(200);
    expect(response.body.results).toEqual([
      expect.objectContaining({
        proposalId: w.proposal.id,
        outcome: 'approved',
        placement: expect.objectContaining({ proposalId: w.proposal.id }),
      }),
      expect.objectContaining({ proposalId: ready.id, outcome: 'approved' }),
      {
        proposalId: notReady.id,
        outcome: 'refused',
        problem: {
          status: 409,
          code: 'INVALID_STATE_TRANSITION',
          detail: expect.stringMatching(/cannot be approved yet/),
          detailNl: expect.stringMatching(/het kan nog niet worden goedgekeurd\.$/),
        },
      },
    ]);
  });

  it('lists the caller’s own notifications, unread first, and marks them read', async () => {
    const w = await world();
    await ctx.http
      .post(`/api/proposals/${w.proposal.id}/withdraw`)
      .set(w.coordinator.auth)
      .send({ reason: 'Aanvraag vervalt.' })
      .expect(200);
    const list = await ctx.http.get('/api/notifications').set(w.teacher.auth).expect(200);
    expect(list.body).toMatchObject({ total: 2, unread: 2 });
    expect(list.body.items.map((item: { kind: string }) => item.kind)).toEqual(['withdrawn', 'proposal_new']);
    const first = list.body.items[1];

    const read = await ctx.http.post(`/api/notifications/${first.id}/read`).set(w.teacher.auth).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const after = await ctx.http.get('/api/notifications').set(w.teacher.auth).expect(200);
    expect(after.body.unread).toBe(1);
    expect(after.body.items.map((item: { id: string }) => item.id)).toEqual([
      list.body.items[0].id,
      first.id,
    ]);

    await ctx.http.post(`/api/notifications/${first.id}/read`).set(w.companyAdmin.auth).expect(404);
    await ctx.http.get('/api/notifications/failed').set(w.teacher.auth).expect(403);
    const admin = await ctx.newAdmin();
    await db
      .getRepository(Notification)
      .update(
        { id: first.id },
        { deliveryStatus: 'failed' as Notification['deliveryStatus'], attempts: 5, lastError: 'SMTP 550' },
      );
    const failed = await ctx.http.get('/api/notifications/failed').set(admin.auth).expect(200);
    expect(failed.body.items).toEqual([
      expect.objectContaining({ id: first.id, attempts: 5, lastError: 'SMTP 550' }),
    ]);
  });
});

import { NotificationOutboxService, ProposalService, ValidationError } from '@hybridmatch/core';
import {
  LessonBlock,
  Notification,
  NotificationKind,
  Proposal,
  ProposalEvent,
  ProposalEventAction,
} from '@hybridmatch/database';
import { ClockTime } from '@hybridmatch/domain';
import { TestContext } from '../../../../test/support/test-context';
import { withTexts } from '../../../../test/support/notification-fixtures';

/** Service-level test on the real database: how a match run (and a cascade) stores its proposals, set-based. */
describe('ProposalService.createMany (set-based store)', () => {
  let ctx: TestContext;
  let proposals: ProposalService;

  beforeAll(async () => {
    ctx = await TestContext.create();
    proposals = ctx.app.get(ProposalService);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function world() {
    const region = await ctx.newRegion();
    const coordinator = await ctx.newCoordinator(region.id);
    const school = await ctx.newSchool(region.id);
    const schoolAdmin = await ctx.newSchoolAdmin(school.id);
    const request = await ctx.newRequest(school);
    const second = await ctx.db.getRepository(LessonBlock).save(
      ctx.db.getRepository(LessonBlock).create({
        requestId: request.id,
        weekday: 4,
        startTime: 780 as ClockTime,
        endTime: 870 as ClockTime,
      }),
    );
    const [first] = await ctx.db.getRepository(LessonBlock).findBy({ requestId: request.id, weekday: 2 });
    const other = await ctx.newRequest(school);
    const company = await ctx.newCompany(region.id);
    const companyAdmin = await ctx.newCompanyAdmin(company.id);
    const withLogin = await ctx.newTeacherUser(company.id);
    const withoutLogin = await ctx.newTeacher(company.id);
    return {
      region,
      coordinator,
      school,
      schoolAdmin,
      request,
      other,
      first,
      second,
      company,
      companyAdmin,
      withLogin,
      withoutLogin,
    };
  }

  const explanation = { components: { skill: 0.5, travel: 0.3 }, nextBest: null };

  it('stores every proposal with its explanation, one create event each and the notifications of its parties', async () => {
    const w = await world();
    const otherBlocks = await ctx.db.getRepository(LessonBlock).findBy({ requestId: w.other.id });
    const stored = await ctx.db.transaction((manager) =>
      proposals.createMany(manager, [
        {
          requestId: w.request.id,
          teacherId: w.withLogin.teacher.id,
          // Named twice and out of order: stored once each, in the order named.
          blockIds: [w.second.id, w.first.id, w.second.id],
          score: 0.8,
          explanation,
          matchRunId: null,
        },
        {
          requestId: w.other.id,
          teacherId: w.withoutLogin.id,
          blockIds: otherBlocks.map((block) => block.id),
          score: 0.55,
          explanation,
          notificationKind: NotificationKind.CascadeOffer,
        },
      ]),
    );

    expect(stored).toHaveLength(2);
    const rows = await ctx.db.getRepository(Proposal).findBy(stored.map((proposal) => ({ id: proposal.id })));
    const byId = new Map(rows.map((row) => [row.id, row]));
    const [a, b] = stored.map((proposal) => byId.get(proposal.id) as Proposal);
    expect(a).toMatchObject({
      requestId: w.request.id,
      teacherId: w.withLogin.teacher.id,
      companyId: w.company.id,
      schoolId: w.school.id,
      regionId: w.region.id,
      blockIds: [w.second.id, w.first.id],
      minutesPerWeek: 180 + 90,
      score: 0.8,
      explanation,
      status: 'proposed',
      companyAnswer: 'pending',
      teacherAnswer: 'pending',
      schoolAnswer: 'pending',
      version: 1,
      matchRunId: null,
    });
    expect(b).toMatchObject({ minutesPerWeek: 180, score: 0.55, status: 'proposed' });
    // The returned entities are what the table holds.
    expect(stored[0]).toMatchObject({
      id: a.id,
      blockIds: a.blockIds,
      minutesPerWeek: a.minutesPerWeek,
      expiresAt: a.expiresAt,
      createdAt: a.createdAt,
      version: 1,
    });

    const events = await ctx.db
      .getRepository(ProposalEvent)
      .findBy([{ proposalId: a.id }, { proposalId: b.id }]);
    expect(events).toHaveLength(2);
    for (const event of events)
      expect(event).toMatchObject({
        action: ProposalEventAction.Create,
        fromStatus: null,
        toStatus: 'proposed',
        actorUserId: null,
        actorRole: null,
        party: null,
        reason: null,
      });

    const notificationsOf = async (proposalId: string) =>
      withTexts(ctx.app, await ctx.db.getRepository(Notification).findBy({ proposalId }));
    const toA = await notificationsOf(a.id);
    expect(toA.map((n) => n.recipientUserId).sort()).toEqual(
      [w.companyAdmin.user.id, w.withLogin.user.id, w.schoolAdmin.user.id].sort(),
    );
    for (const notification of toA) {
      expect(notification).toMatchObject({
        kind: NotificationKind.ProposalNew,
        dedupeKey: `${a.id}-proposal_new-${notification.recipientUserId}`,
        deliveryStatus: 'pending',
      });
      expect(notification.subject).toBe(`Nieuw voorstel: ${w.request.title} / New proposal`);
      expect(notification.bodyText).toContain(
        `${w.withLogin.teacher.firstName} ${w.withLogin.teacher.lastName}`,
      );
      expect(notification.bodyText).toContain(`/proposals/${a.id}`);
      expect(notification.bodyText).toContain('4,5 uur per week');
    }
    // A teacher without a login hears nothing; the coordinator hears of new proposals only later.
    const toB = await notificationsOf(b.id);
    expect(toB.map((n) => n.recipientUserId).sort()).toEqual(
      [w.companyAdmin.user.id, w.schoolAdmin.user.id].sort(),
    );
    expect(toB.every((n) => n.kind === NotificationKind.CascadeOffer)).toBe(true);
    expect(toA.concat(toB).some((n) => n.recipientUserId === w.coordinator.user.id)).toBe(false);

    // The same events again notify nobody twice.
    const again = await ctx.db.transaction((manager) =>
      ctx.app.get(NotificationOutboxService).notifyProposals(manager, [
        { proposal: a, kind: NotificationKind.ProposalNew },
        { proposal: b, kind: NotificationKind.CascadeOffer },
      ]),
    );
    expect(again).toBe(0);
    expect(
      await ctx.db.getRepository(Notification).countBy([{ proposalId: a.id }, { proposalId: b.id }]),
    ).toBe(5);
  });

  it('refuses the whole set, writing nothing, when one proposal names a block of another request', async () => {
    const w = await world();
    const before = await ctx.db.getRepository(Proposal).countBy({ regionId: w.region.id });
    const refused = ctx.db.transaction((manager) =>
      proposals.createMany(manager, [
        {
          requestId: w.request.id,
          teacherId: w.withLogin.teacher.id,
          blockIds: [w.first.id],
          score: 1,
          explanation,
        },
        {
          requestId: w.other.id,
          teacherId: w.withoutLogin.id,
          blockIds: [w.first.id],
          score: 1,
          explanation,
        },
      ]),
    );
    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toMatchObject({
      errors: [
        { field: 'blockIds', reason: 'must be lesson blocks of the request', code: 'notBlocksOfRequest' },
      ],
    });
    expect(await ctx.db.getRepository(Proposal).countBy({ regionId: w.region.id })).toBe(before);
    expect(await ctx.db.getRepository(Notification).countBy({ recipientUserId: w.schoolAdmin.user.id })).toBe(
      0,
    );
  });
});

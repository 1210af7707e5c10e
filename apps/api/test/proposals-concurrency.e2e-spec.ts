import { DataSource } from 'typeorm';
import {
  LessonBlock,
  Organisation,
  Proposal,
  TeacherAvailabilityWindow,
  TeacherProfile,
} from '../../../libs/database/src';
import { ClockTime, ProposalAnswer, ProposalStatus, Weekday } from '../../../libs/domain/src';
import { TestContext, TestUser } from '../../../test/support/test-context';
import { BEFORE_TERM } from '../../../test/support/proposal-terms';

const ALL_ACCEPTED = {
  status: ProposalStatus.AwaitingApproval,
  companyAnswer: ProposalAnswer.Accepted,
  teacherAnswer: ProposalAnswer.Accepted,
  schoolAnswer: ProposalAnswer.Accepted,
};
const TERMS = {
  hourlyRateCents: 9500,
  supervisorName: 'Marieke de Vries',
  supervisorEmail: 'm.devries@roc.example.nl',
};
const hhmm = (value: string) => (Number(value.slice(0, 2)) * 60 + Number(value.slice(3))) as ClockTime;

interface Offer {
  weekday: Weekday;
  start: string;
  end: string;
  startDate: string;
  endDate: string;
}

/**
 * Many simultaneous approvals for ONE teacher that together would overbook them. Whatever the
 * interleaving, the database must end with active placements within the released hours and days,
 * and no two active slots of the teacher overlapping in time; every refused approval is a 409.
 */
describe('proposal approvals under concurrency (e2e)', () => {
  let ctx: TestContext;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await TestContext.create({ HM_NOW: BEFORE_TERM });
    db = ctx.db;
  });

  afterAll(async () => {
    await ctx.close();
  });

  async function awaitingApprovals(
    teacher: TeacherProfile,
    school: Organisation,
    offers: Offer[],
  ): Promise<Array<{ proposal: Proposal; offer: Offer }>> {
    const made = [];
    // Available every working day (the rule book checks windows too); the fixture gives Tuesday.
    await db.getRepository(TeacherAvailabilityWindow).save(
      [1, 3, 4, 5].map((weekday) => ({
        teacherId: teacher.id,
        weekday,
        startTime: hhmm('08:00'),
        endTime: hhmm('17:00'),
      })),
    );
    for (const offer of offers) {
      const request = await ctx.newRequest(school);
      await db
        .getRepository(LessonBlock)
        .update(
          { requestId: request.id },
          { weekday: offer.weekday, startTime: hhmm(offer.start), endTime: hhmm(offer.end) },
        );
      made.push({ proposal: await ctx.newProposal(request, teacher, ALL_ACCEPTED), offer });
    }
    return made;
  }

  const approveAllAtOnce = (coordinator: TestUser, items: Array<{ proposal: Proposal; offer: Offer }>) =>
    Promise.all(
      items.map(({ proposal, offer }) =>
        ctx.http
          .post(`/api/proposals/${proposal.id}/approve`)
          .set(coordinator.auth)
          .send({ ...TERMS, startDate: offer.startDate, endDate: offer.endDate }),
      ),
    );

  async function assertNeverOverbooked(teacher: TeacherProfile): Promise<void> {
    const [committed] = await db.query(
      `SELECT coalesce(sum(minutes_per_week), 0)::int AS minutes FROM placement WHERE teacher_id = $1 AND status = 'active'`,
      [teacher.id],
    );
    expect(committed.minutes).toBeLessThanOrEqual(teacher.releasedHoursPerWeek * 60);
    const [days] = await db.query(
      `SELECT count(DISTINCT weekday)::int AS days FROM placement_slot WHERE teacher_id = $1 AND active`,
      [teacher.id],
    );
    expect(days.days).toBeLessThanOrEqual(teacher.releasedDaysPerWeek);
    const overlaps = await db.query(
      `SELECT a.id FROM placement_slot a JOIN placement_slot b ON a.id < b.id
        WHERE a.teacher_id = $1 AND b.teacher_id = $1 AND a.active AND b.active
          AND a.weekday = b.weekday AND a.minutes && b.minutes AND a.dates && b.dates`,
      [teacher.id],
    );
    expect(overlaps).toEqual([]);
  }

  it('never exceeds released hours or days, however many approvals race', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);
    const coordinator = await ctx.newCoordinator(region.id);
    const teacher = await ctx.newTeacher(company.id, { releasedHoursPerWeek: 6, releasedDaysPerWeek: 2 });
    const period = { startDate: '2026-09-07', endDate: '2027-01-29' };
    // 19.5 hours on five weekdays, two pairs overlapping in time: at most 6 hours on 2 days can fit.
    const made = await awaitingApprovals(teacher, school, [
      { weekday: 1, start: '09:00', end: '12:00', ...period },
      { weekday: 1, start: '10:00', end: '13:00', ...period },
      { weekday: 2, start: '09:00', end: '11:00', ...period },
      { weekday: 2, start: '10:00', end: '12:00', ...period },
      { weekday: 3, start: '13:00', end: '15:00', ...period },
      { weekday: 4, start: '09:00', end: '10:30', ...period },
      { weekday: 1, start: '13:00', end: '14:00', ...period },
      { weekday: 5, start: '09:00', end: '11:00', ...period },
    ]);

    const responses = await approveAllAtOnce(coordinator, made);

    expect(responses.every((response) => response.status === 200 || response.status === 409)).toBe(true);
    const approved = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status === 409);
    expect(approved.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(8 - 3);
    for (const response of refused) {
      expect(['RULES_BROKEN', 'PLACEMENT_OVERLAP']).toContain(response.body.code);
    }
    await assertNeverOverbooked(teacher);

    // Every approved proposal has exactly one placement; every refused one is still waiting, untouched.
    const statuses = await db
      .getRepository(Proposal)
      .find({ where: made.map(({ proposal }) => ({ id: proposal.id })) });
    expect(statuses.filter((proposal) => proposal.status === ProposalStatus.Approved)).toHaveLength(
      approved.length,
    );
    expect(statuses.filter((proposal) => proposal.status === ProposalStatus.AwaitingApproval)).toHaveLength(
      refused.length,
    );
    const [placements] = await db.query(
      `SELECT count(*)::int AS count FROM placement WHERE teacher_id = $1`,
      [teacher.id],
    );
    expect(placements.count).toBe(approved.length);
  });

  it('lets exactly one of many time-overlapping approvals through (the exclusion constraint decides)', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);
    const coordinator = await ctx.newCoordinator(region.id);
    const teacher = await ctx.newTeacher(company.id, { releasedHoursPerWeek: 40, releasedDaysPerWeek: 5 });
    // All on Monday; every pair shares 10:30–10:45 and every period includes November 2026.
    const made = await awaitingApprovals(teacher, school, [
      { weekday: 1, start: '09:00', end: '12:00', startDate: '2026-09-07', endDate: '2027-01-29' },
      { weekday: 1, start: '10:30', end: '13:00', startDate: '2026-10-01', endDate: '2026-12-18' },
      { weekday: 1, start: '08:00', end: '10:45', startDate: '2026-09-01', endDate: '2026-11-30' },
      { weekday: 1, start: '10:00', end: '11:00', startDate: '2026-11-02', endDate: '2027-01-31' },
      { weekday: 1, start: '09:00', end: '12:00', startDate: '2026-09-07', endDate: '2027-01-29' },
      { weekday: 1, start: '10:15', end: '12:30', startDate: '2026-09-01', endDate: '2027-01-31' },
    ]);

    const responses = await approveAllAtOnce(coordinator, made);

    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    const refused = responses.filter((response) => response.status === 409);
    expect(refused).toHaveLength(5);
    // The rule book (SAME_DAY) refuses once the first placement is in; the exclusion constraint is the last guard.
    for (const response of refused)
      expect(['RULES_BROKEN', 'PLACEMENT_OVERLAP']).toContain(response.body.code);
    await assertNeverOverbooked(teacher);
  });

  it('refuses an overlapping active slot in the database itself, even when written past the API', async () => {
    const region = await ctx.newRegion();
    const company = await ctx.newCompany(region.id);
    const school = await ctx.newSchool(region.id);
    const coordinator = await ctx.newCoordinator(region.id);
    const teacher = await ctx.newTeacher(company.id, { releasedHoursPerWeek: 40, releasedDaysPerWeek: 5 });
    const [{ proposal, offer }] = await awaitingApprovals(teacher, school, [
      { weekday: 2, start: '09:00', end: '12:00', startDate: '2026-09-07', endDate: '2027-01-29' },
    ]);
    await approveAllAtOnce(coordinator, [{ proposal, offer }]);
    const [slot] = await db.query(
      `SELECT placement_id, lesson_block_id FROM placement_slot WHERE teacher_id = $1`,
      [teacher.id],
    );

    const duplicate = db.query(
      `INSERT INTO placement_slot (placement_id, lesson_block_id, teacher_id, weekday, minutes, dates, active)
       SELECT $1, id, $2, 2, '[600,660)', '[2026-12-01,2026-12-31]', true FROM lesson_block WHERE id <> $3 LIMIT 1`,
      [slot.placement_id, teacher.id, slot.lesson_block_id],
    );
    await expect(duplicate).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23P01' }),
    });
    // An inactive (cancelled) slot does not block the time.
    await db.query(
      `INSERT INTO placement_slot (placement_id, lesson_block_id, teacher_id, weekday, minutes, dates, active)
       SELECT $1, id, $2, 2, '[600,660)', '[2026-12-01,2026-12-31]', false FROM lesson_block WHERE id <> $3 LIMIT 1`,
      [slot.placement_id, teacher.id, slot.lesson_block_id],
    );
  });
});

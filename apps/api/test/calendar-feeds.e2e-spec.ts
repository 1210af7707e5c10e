import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { Lesson } from '../../../libs/database/src';
import { FixedClock } from '../../../libs/domain/src';
import { ALL_ACCEPTED, TERMS } from '../../../test/support/proposal-terms';
import { TestContext } from '../../../test/support/test-context';

// ical.js ships an ES module and a CommonJS build; jest (CommonJS) loads the latter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;

/** Parses a feed with a real iCalendar parser (ical.js, Mozilla's) and registers its time zones. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar;
}

describe('calendar feeds (e2e, parsed with ical.js)', () => {
  const clock = new FixedClock('2026-10-01T10:00:00Z');
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({}, { clock });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('a teacher’s and a school’s feed carry the lessons with stable UIDs, SEQUENCE, cancellations and Amsterdam times', async () => {
    const w = await ctx.newProposalWorld({ periodStart: '2026-09-01', periodEnd: '2027-07-31' });
    await ctx.db.query(
      `UPDATE proposal SET status = $2, company_answer = 'accepted', teacher_answer = 'accepted', school_answer = 'accepted' WHERE id = $1`,
      [w.proposal.id, ALL_ACCEPTED.status],
    );
    const approval = await ctx.http
      .post(`/api/proposals/${w.proposal.id}/approve`)
      .set(w.coordinator.auth)
      .send({ ...TERMS, startDate: '2026-10-06', endDate: '2027-04-13' })
      .expect(200);
    const lessons = await ctx.db
      .getRepository(Lesson)
      .find({ where: { placementId: approval.body.placement.id as string }, order: { startsAt: 'ASC' } });
    const [first, second] = lessons;
    await ctx.http
      .post(`/api/lessons/${first.id}/cancel`)
      .set(w.schoolAdmin.auth)
      .send({ reason: 'Examenweek' })
      .expect(200);
    await ctx.http
      .post(`/api/lessons/${second.id}/move`)
      .set(w.schoolAdmin.auth)
      .send({ date: '2026-10-14', startTime: '13:00', endTime: '16:00' })
      .expect(200);

    // Only the teacher themself (or a platform admin) makes the teacher's feed; a school admin their school's.
    await ctx.http
      .post('/api/calendar-feeds')
      .set(w.schoolAdmin.auth)
      .send({ teacherId: w.teacher.teacher.id })
      .expect(404);
    await ctx.http
      .post('/api/calendar-feeds')
      .set(w.companyAdmin.auth)
      .send({ teacherId: w.teacher.teacher.id })
      .expect(403);
    const made = await ctx.http
      .post('/api/calendar-feeds')
      .set(w.teacher.auth)
      .send({ teacherId: w.teacher.teacher.id })
      .expect(201);
    const url = new URL(made.body.url as string);
    expect(url.pathname).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const response = await ctx.http.get(url.pathname).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = parse(response.text);
    const zone = calendar.getFirstSubcomponent('vtimezone');
    expect(zone?.getFirstPropertyValue('tzid')).toBe('Europe/Amsterdam');
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events.map((event) => event.uid)).toEqual(
      lessons.map((lesson) => `lesson-${lesson.id}@hybridmatch`),
    );

    // Every instant round-trips; the local times are 09:00 Amsterdam on both sides of both DST changes.
    const byUid = new Map(events.map((event) => [event.uid, event]));
    for (const lesson of lessons.slice(2)) {
      const event = byUid.get(`lesson-${lesson.id}@hybridmatch`)!;
      expect(event.startDate.toJSDate().toISOString()).toBe(lesson.startsAt.toISOString());
      expect(event.endDate.toJSDate().toISOString()).toBe(lesson.endsAt.toISOString());
      expect(event.startDate.zone?.tzid).toBe('Europe/Amsterdam');
      expect([event.startDate.hour, event.startDate.minute]).toEqual([9, 0]);
      expect(event.location).toContain('Stationsplein 1');
      expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(event.sequence).toBe(0);
    }
    const winter = byUid.get(`lesson-${lessons.find((l) => l.date === '2026-11-03')!.id}@hybridmatch`)!;
    expect(winter.startDate.toJSDate().toISOString()).toBe('2026-11-03T08:00:00.000Z');
    const cancelled = byUid.get(`lesson-${first.id}@hybridmatch`)!;
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.sequence).toBe(1);
    const moved = byUid.get(`lesson-${second.id}@hybridmatch`)!;
    expect(moved.sequence).toBe(1);
    expect(moved.startDate.toJSDate().toISOString()).toBe('2026-10-14T11:00:00.000Z');
    expect([moved.startDate.hour, moved.startDate.minute]).toEqual([13, 0]);

    // The school's feed shows the same lessons; renewing it revokes the old URL.
    const schoolFeed = await ctx.http
      .post('/api/calendar-feeds')
      .set(w.schoolAdmin.auth)
      .send({ schoolId: w.school.id })
      .expect(201);
    const schoolPath = new URL(schoolFeed.body.url as string).pathname;
    const schoolEvents = parse((await ctx.http.get(schoolPath).expect(200)).text).getAllSubcomponents(
      'vevent',
    );
    expect(schoolEvents).toHaveLength(lessons.length);
    const renewed = await ctx.http
      .post('/api/calendar-feeds')
      .set(w.schoolAdmin.auth)
      .send({ schoolId: w.school.id })
      .expect(201);
    await ctx.http.get(schoolPath).expect(404);
    await ctx.http.get(new URL(renewed.body.url as string).pathname).expect(200);

    // Revoked: the teacher's URL stops working.
    await ctx.http.delete(`/api/calendar-feeds/${made.body.id}`).set(w.teacher.auth).expect(204);
    await ctx.http.get(url.pathname).expect(404);
  }, 180_000);
});

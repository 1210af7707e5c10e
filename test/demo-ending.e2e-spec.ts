import { createServer } from 'node:net';
import { FixedClock } from '../libs/domain/src';
import { lessonLines } from '../scripts/demo-lessons';
import { ALL_ACCEPTED, TERMS } from './support/proposal-terms';
import { TestContext } from './support/test-context';

/** A port nothing listens on right now, so the app's public URL can name it before it listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * `npm run demo` ends with the approved placements' lessons, their reminders and a teacher's and a
 * school's calendar feed URL, each fetched once over HTTP. These are the lines it prints, made by
 * the same function against a real API that listens at its public URL.
 */
describe('the demo’s closing lines about lessons (e2e)', () => {
  const clock = new FixedClock('2026-10-01T10:00:00Z');
  let ctx: TestContext;

  beforeAll(async () => {
    const port = await freePort();
    ctx = await TestContext.create({ PUBLIC_URL: `http://127.0.0.1:${port}` }, { clock });
    await ctx.app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('says there are no lessons before any approval', async () => {
    expect(await lessonLines(ctx.app)).toEqual(['', 'Lessons: none (no placement was approved).']);
  });

  it('counts the lessons and reminders of an approval and prints two feed URLs that answer with the lessons', async () => {
    const w = await ctx.newProposalWorld({ periodStart: '2026-09-01', periodEnd: '2027-07-31' });
    await ctx.db.query(
      `UPDATE proposal SET status = $2, company_answer = 'accepted', teacher_answer = 'accepted', school_answer = 'accepted' WHERE id = $1`,
      [w.proposal.id, ALL_ACCEPTED.status],
    );
    await ctx.http
      .post(`/api/proposals/${w.proposal.id}/approve`)
      .set(w.coordinator.auth)
      .send({ ...TERMS, startDate: '2026-10-06', endDate: '2026-12-15' })
      .expect(200);
    const [{ lessons }]: Array<{ lessons: number }> = await ctx.db.query(
      `SELECT count(*)::int AS lessons FROM lesson WHERE status = 'scheduled'`,
    );
    expect(lessons).toBeGreaterThan(0);

    const lines = await lessonLines(ctx.app);
    const text = lines.join('\n');

    expect(text).toContain(`Lessons: ${lessons} scheduled for 1 approved placements, 2026-10-0`);
    // Each lesson reminds the teacher and the school.
    expect(text).toMatch(new RegExp(`Reminders: ${lessons * 2} to send .*, the first on `));
    expect(text).toContain(`Calendar feed of teacher ${w.teacher.teacher.firstName}`);
    expect(text).toContain('Calendar feed of school ');

    const feedUrls = lines.filter((line) => line.startsWith('  http')).map((line) => line.trim());
    expect(feedUrls).toHaveLength(2);
    for (const url of feedUrls)
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/[\w-]{43}\.ics$/);
    const fetched = lines.filter((line) => line.startsWith('  fetched just now: '));
    expect(fetched).toEqual([
      `  fetched just now: HTTP 200, text/calendar; charset=utf-8, ${lessons} events`,
      `  fetched just now: HTTP 200, text/calendar; charset=utf-8, ${lessons} events`,
    ]);
  });
});

import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { Actor, CalendarFeedService, formatDeadline, LessonRepository } from '@hybridmatch/core';
import { Clock, UserRole } from '@hybridmatch/domain';
import { QUEUES } from '@hybridmatch/queue';

/**
 * The demo's closing lines about lessons: how many the approvals made, the reminders waiting in
 * the queue, and the private calendar feeds of a teacher and a school (made through the same
 * service as `POST /api/calendar-feeds`). The teacher's feed is fetched over HTTP, as a calendar
 * app would, and its events counted.
 */
export async function lessonLines(api: INestApplication): Promise<string[]> {
  const db = api.get(DataSource);
  const [lessons]: Array<{ placements: number; lessons: number; first: string | null; last: string | null }> =
    await db.query(
      `SELECT count(DISTINCT placement_id)::int AS placements, count(*)::int AS lessons,
              min(date)::text AS first, max(date)::text AS last
         FROM lesson WHERE status = 'scheduled'`,
    );
  if (lessons.lessons === 0) return ['', 'Lessons: none (no placement was approved).'];
  const queue = api.get<Queue>(getQueueToken(QUEUES.reminders));
  const queued = (await queue.getJobs(['delayed', 'waiting'])).filter(
    (job) => job.name === 'lesson-reminder',
  ).length;
  const now = api.get<Clock>(CLOCK).now();
  const planned = await api.get(LessonRepository).wantedReminders(db.manager, now, new Date('9999-01-01'));
  const firstDue = planned.reduce<Date | null>(
    (first, reminder) => (first && first <= reminder.dueAt ? first : reminder.dueAt),
    null,
  );
  const lines = [
    '',
    `Lessons: ${lessons.lessons} scheduled for ${lessons.placements} approved placements, ${lessons.first} to ${lessons.last}` +
      ' (Europe/Amsterdam; school holidays and public holidays skipped).',
    `Reminders: ${planned.length} to send (the teacher and the school, 24 h before each lesson)` +
      (firstDue ? `, the first on ${formatDeadline(firstDue, 'en')}` : '') +
      `; ${queued} of them wait in the queue as delayed jobs now (those due within 8 days; the rest are added as they come within reach).`,
  ];

  const feeds = api.get(CalendarFeedService);
  const teacher = await busiestOwner(db, 'teacher');
  const school = await busiestOwner(db, 'school');
  if (teacher) {
    const feed = await feeds.create(teacher.actor, { teacherId: teacher.ownerId });
    const events = await countEvents(feed.url);
    lines.push(
      `Calendar feed of teacher ${teacher.name} (subscribe in Google Calendar, Outlook or Apple Calendar):`,
      `  ${feed.url}`,
      `  fetched just now: ${events}`,
    );
  }
  if (school) {
    const feed = await feeds.create(school.actor, { schoolId: school.ownerId });
    lines.push(
      `Calendar feed of school ${school.name}:`,
      `  ${feed.url}`,
      `  fetched just now: ${await countEvents(feed.url)}`,
    );
  }
  return lines;
}

/** The teacher with a login, or the school with an admin, that has the most scheduled lessons. */
async function busiestOwner(
  db: DataSource,
  kind: 'teacher' | 'school',
): Promise<{ actor: Actor; ownerId: string; name: string } | null> {
  const [row]: Array<{
    owner_id: string;
    name: string;
    user_id: string;
    organisation_id: string | null;
  }> = await db.query(
    kind === 'teacher'
      ? `SELECT t.id AS owner_id, t.first_name || ' ' || t.last_name AS name, u.id AS user_id, u.organisation_id
           FROM lesson l JOIN teacher_profile t ON t.id = l.teacher_id JOIN app_user u ON u.id = t.user_id
          WHERE l.status = 'scheduled' AND u.deactivated_at IS NULL
          GROUP BY t.id, u.id ORDER BY count(*) DESC, t.id LIMIT 1`
      : `SELECT s.id AS owner_id, s.name, min(u.id::text) AS user_id, s.id AS organisation_id
           FROM lesson l JOIN organisation s ON s.id = l.school_id
           JOIN app_user u ON u.organisation_id = s.id AND u.role = $1 AND u.deactivated_at IS NULL
          WHERE l.status = 'scheduled'
          GROUP BY s.id ORDER BY count(DISTINCT l.id) DESC, s.id LIMIT 1`,
    kind === 'teacher' ? [] : [UserRole.SchoolAdmin],
  );
  if (!row) return null;
  return {
    actor: {
      userId: row.user_id,
      role: kind === 'teacher' ? UserRole.HybridTeacher : UserRole.SchoolAdmin,
      organisationId: row.organisation_id,
      regionIds: [],
    },
    ownerId: row.owner_id,
    name: row.name,
  };
}

/** Fetches a feed URL and says what came back: the number of events, or the HTTP status. */
async function countEvents(url: string): Promise<string> {
  try {
    const response = await fetch(url);
    if (!response.ok) return `HTTP ${response.status} (the URL did not work)`;
    const text = await response.text();
    const events = text.match(/^BEGIN:VEVENT\r?$/gm)?.length ?? 0;
    return `HTTP ${response.status}, ${response.headers.get('content-type')}, ${events} events`;
  } catch (error) {
    return `not reachable from here (${error instanceof Error ? error.message : String(error)})`;
  }
}

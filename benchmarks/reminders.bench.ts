/**
 * `npm run bench:reminders`: lessons and reminders for a school year of the seeded placements, and
 * a week of reminders drained to an SMTP server.
 *
 * Creates a bench database of its own (`hybridmatch_bench_reminders_<random>` on
 * BENCH_DATABASE_URL's server), migrates and seeds it with the demo data set for the school year
 * 2026–27, and runs the API's and the worker's modules in this process with a controlled clock
 * (17 August 2026, before the first period). The demo's matching step (a match run per region,
 * answers, approvals) makes the placements. Then:
 *
 * 1. **Generate and schedule.** The placements' lessons are removed and made again: once one
 *    placement per transaction (`LessonService.generateForPlacement`, the call an approval makes;
 *    the time per placement is printed), then all placements in one set-based call
 *    (`generateForPlacements`), after which every reminder of the school year is added to the
 *    queue as a delayed job (`ReminderService.reconcile` with a horizon to the end of the year; the
 *    product itself keeps only 8 days in Redis, so this is the most it ever schedules at once).
 * 2. **Drain a week.** The clock moves to Sunday 6 September 2026 00:00; the delayed jobs of the
 *    reminders due in the next 7 days are promoted (made due now: no waiting), and the worker sends
 *    them: reminder job, outbox row, notification job, SMTP. Timed until the SMTP server (in this
 *    process: the tests' SmtpTestServer) has every e-mail.
 *
 * Drops its database and its Redis keys at the end, also after a failure.
 * Settings (environment): BENCH_DATABASE_URL (its server and credentials), REDIS_URL.
 */
import 'reflect-metadata';
import { getQueueToken } from '@nestjs/bullmq';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadConfig } from '@hybridmatch/config';
import { LessonRepository, LessonService, ReminderService } from '@hybridmatch/core';
import { dropDatabase, ensureDatabase, runMigrations, withDatabase } from '@hybridmatch/database';
import { FixedClock } from '@hybridmatch/domain';
import { deleteRedisPrefix, jobIds, QUEUES } from '@hybridmatch/queue';
import { createApiApp } from '../apps/api/src/api.bootstrap';
import { startWorker } from '../apps/worker/src/main';
import { runDemoMatching } from '../scripts/demo-matching';
import { DEFAULT_SEED } from '../scripts/seed/generate';
import { seedDatabase } from '../scripts/seed/seed-database';
import { SmtpTestServer } from '../test/support/smtp-test-server';
import { benchSettings, loadAverage, markdownTable } from './support/api-bench';

/** "Now" while the placements are made and the year is scheduled: before the first period (31 August). */
const BENCH_NOW = '2026-08-17T10:00:00+02:00';
/** The end of the school year 2026–27: the horizon of the whole-year scheduling. */
const YEAR_END = '2027-08-01T00:00:00+02:00';
/** The drained week: reminders due from this instant on, for 7 days (lessons of 7–13 September with 24 h notice). */
const WEEK_START = '2026-09-06T00:00:00+02:00';
const WEEK_MS = 7 * 24 * 3600_000;
/** Jobs promoted per round trip batch. */
const PROMOTE_BATCH = 500;
const POLL_MS = 50;
const DRAIN_LIMIT_MS = 10 * 60_000;

async function main(): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const base = benchSettings();
  const databaseUrl = withDatabase(base.databaseUrl, `hybridmatch_bench_reminders_${suffix}`);
  const queuePrefix = `hm-bench-reminders-${suffix}`;
  const name = new URL(databaseUrl).pathname.slice(1);
  console.log(
    `# Lessons and reminders — node ${process.version}, ${cpus().length} cores, database ${name}\n`,
  );
  const clock = new FixedClock(BENCH_NOW);
  const sink = await SmtpTestServer.start();
  await ensureDatabase(databaseUrl);
  try {
    await runMigrations(databaseUrl);
    const { seconds } = await seedDatabase({
      databaseUrl,
      seed: DEFAULT_SEED,
      reset: true,
      today: BENCH_NOW.slice(0, 10),
      password: base.password,
    });
    console.log(
      `Seeded the demo data set (seed ${DEFAULT_SEED}, school year 2026–27) in ${seconds.toFixed(1)} s.`,
    );
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: base.redisUrl,
      QUEUE_PREFIX: queuePrefix,
      SMTP_URL: sink.url,
      JWT_SECRET: base.jwtSecret,
      LOG_LEVEL: 'warn',
    });
    const api = await createApiApp(config, { logger: false, clock });
    await api.init();
    const worker = await startWorker(config, { logger: false, clock });
    try {
      const matching = await runDemoMatching(api, (line) => console.log(line));
      const db = api.get(DataSource);
      const figures = await generateAndSchedule(db, api.get(LessonService), api.get(ReminderService));
      clock.set(WEEK_START);
      const drain = await drainWeek(
        db,
        api.get(LessonRepository),
        worker.get<Queue>(getQueueToken(QUEUES.reminders)),
        sink,
      );
      console.log(
        `\nMeasured at load average ${figures.load} (generate and schedule), ${drain.load} (drain):\n`,
      );
      console.log(
        markdownTable(
          ['figure', 'value'],
          [
            ['placements (demo approvals)', String(matching.approved)],
            ['placements with lessons', fmt(figures.placements)],
            ['lessons of the school year', fmt(figures.lessons)],
            ['reminders of the school year (delayed jobs)', fmt(figures.reminders)],
            [
              'one placement per transaction (as an approval makes them), ms',
              figures.perPlacementMs.toFixed(1),
            ],
            ['generate the year, set-based, s', figures.generateSeconds.toFixed(2)],
            ['schedule reminders, s', figures.scheduleSeconds.toFixed(2)],
            ['**generate + schedule, s** (goal < 10)', figures.totalSeconds.toFixed(2)],
            ['reminders due in the drained week', fmt(drain.reminders)],
            [
              'e-mails sent in the week (SMTP server received)',
              `${fmt(drain.mails)} (${fmt(drain.smtpMessages)})`,
            ],
            ['drain the week, s', drain.seconds.toFixed(2)],
            ['e-mails per second', (drain.mails / drain.seconds).toFixed(1)],
          ],
        ),
      );
    } finally {
      await worker.close();
      await api.close();
    }
  } finally {
    await sink.close();
    await dropDatabase(databaseUrl);
    await deleteRedisPrefix(base.redisUrl, queuePrefix);
    console.log(`\nDropped ${name}.`);
  }
}

/**
 * The placements' lessons made again: first one placement per transaction, as approvals come
 * (for the figure per approval), then all at once, set-based, followed by the whole year's
 * reminders queued (the goal's figure).
 */
async function generateAndSchedule(db: DataSource, lessons: LessonService, reminders: ReminderService) {
  const placements: Array<{ id: string }> = await db.query(
    `SELECT id FROM placement WHERE status = 'active' ORDER BY approved_at, id`,
  );
  const ids = placements.map((placement) => placement.id);
  const forget = async () => {
    await db.query(`DELETE FROM supervisor_check_in`);
    await db.query(`DELETE FROM lesson`);
  };
  // The approvals made them already; the bench measures making them.
  await forget();
  const oneByOne = performance.now();
  for (const id of ids) await db.transaction((manager) => lessons.generateForPlacement(id, manager));
  const perPlacementMs = (performance.now() - oneByOne) / ids.length;
  await forget();

  const load = loadAverage();
  const started = performance.now();
  const { made } = await db.transaction((manager) => lessons.generateForPlacements(ids, manager));
  const generated = performance.now();
  const { wanted } = await reminders.reconcile(Date.parse(YEAR_END) - Date.parse(BENCH_NOW));
  const scheduled = performance.now();
  return {
    load,
    placements: ids.length,
    lessons: made,
    reminders: wanted,
    perPlacementMs,
    generateSeconds: (generated - started) / 1000,
    scheduleSeconds: (scheduled - generated) / 1000,
    totalSeconds: (scheduled - started) / 1000,
  };
}

/**
 * Makes the week's delayed reminder jobs due now and waits until the worker has sent each as
 * e-mail. No job of another week is touched; the bench checks that none ran.
 */
async function drainWeek(db: DataSource, repository: LessonRepository, queue: Queue, sink: SmtpTestServer) {
  const from = new Date(WEEK_START);
  const week = await repository.wantedReminders(db.manager, from, new Date(from.getTime() + WEEK_MS));
  const ids = week.map((reminder) =>
    jobIds.lessonReminder(reminder.lessonId, reminder.audience, reminder.sequence),
  );
  // The matching step's e-mails go out first, so the drain measures the week's reminders alone.
  await until(
    db,
    `SELECT count(*)::int AS n FROM notification WHERE delivery_status IN ('pending', 'sending')`,
  );
  const mailsBefore = sink.received.length;
  const load = loadAverage();
  const started = performance.now();
  for (let start = 0; start < ids.length; start += PROMOTE_BATCH)
    await Promise.all(
      ids.slice(start, start + PROMOTE_BATCH).map(async (id) => {
        const job = await queue.getJob(id);
        if (!job) throw new Error(`Reminder job ${id} is missing`);
        await job.promote();
      }),
    );
  const deadline = Date.now() + DRAIN_LIMIT_MS;
  for (;;) {
    const [state]: Array<{ sent: number; recipients: number; mails: number; open: number }> = await db.query(
      `SELECT (SELECT count(*)::int FROM lesson_reminder) AS sent,
              (SELECT coalesce(sum(recipients), 0)::int FROM lesson_reminder) AS recipients,
              (SELECT count(*)::int FROM notification WHERE kind = 'lesson_reminder' AND delivery_status = 'sent') AS mails,
              (SELECT count(*)::int FROM notification WHERE kind = 'lesson_reminder' AND delivery_status <> 'sent') AS open`,
    );
    if (state.sent >= ids.length && state.open === 0 && state.mails === state.recipients) {
      const seconds = (performance.now() - started) / 1000;
      if (state.sent !== ids.length)
        throw new Error(`${state.sent - ids.length} reminders of another week were sent`);
      return {
        load,
        reminders: ids.length,
        mails: state.mails,
        smtpMessages: sink.received.length - mailsBefore,
        seconds,
      };
    }
    if (Date.now() > deadline)
      throw new Error(`The week was not drained in ${DRAIN_LIMIT_MS / 1000} s: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Polls a count query until it answers 0. */
async function until(db: DataSource, sql: string): Promise<void> {
  const deadline = Date.now() + DRAIN_LIMIT_MS;
  for (;;) {
    const [{ n }]: Array<{ n: number }> = await db.query(sql);
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`Still ${n} after ${DRAIN_LIMIT_MS / 1000} s: ${sql}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

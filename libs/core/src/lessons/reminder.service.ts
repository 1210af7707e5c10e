import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { NotificationKind, ReminderAudience } from '@hybridmatch/database';
import { Clock, LessonStatus } from '@hybridmatch/domain';
import { jobIds, JobPayloads, QUEUES } from '@hybridmatch/queue';
import { LessonRepository, WantedReminder } from '../repositories/lesson.repository';
import { NotificationRepository } from '../repositories/notification.repository';
import { composeLessonMessage } from './lesson-messages';

/**
 * How far ahead reminders wait in Redis as delayed jobs. Later ones are added by the
 * reconciliation job as they come within reach, so Redis holds weeks, not a school year.
 */
export const REMINDER_HORIZON_MS = 8 * 24 * 3600_000;
/** How many jobs one `addBulk` call carries. */
const BULK = 1000;

export type ReminderPayload = JobPayloads['lesson-reminder'];
export type ReminderOutcome = 'sent' | 'already_sent' | 'not_due' | 'stale';

const AUDIENCES = [ReminderAudience.Teacher, ReminderAudience.School] as const;

/**
 * Lesson reminders as BullMQ delayed jobs whose ids come from the database (`lesson-reminder-
 * <lessonId>-<audience>-<sequence>`). The database is the fact: a `lesson_reminder` row says a
 * reminder went out, and the job re-checks the lesson (scheduled, same sequence) in the
 * transaction that writes that row and the notifications. So moving a lesson (new sequence) makes
 * its old job a no-op, a cancelled lesson is never reminded, and a job re-created after Redis lost
 * it sends nothing twice.
 */
@Injectable()
export class ReminderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.reminders) private readonly queue: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly lessons: LessonRepository,
    private readonly notifications: NotificationRepository,
  ) {}

  /**
   * Brings the queue in line with these lessons after a change: removes the jobs of their previous
   * sequence (and of the current one when the lesson is no longer scheduled) and adds the ones due
   * within the horizon.
   */
  async syncLessons(lessonIds: readonly string[]): Promise<number> {
    if (lessonIds.length === 0) return 0;
    const rows = await this.lessons.states(this.dataSource.manager, lessonIds);
    const obsolete = rows.flatMap((row) =>
      AUDIENCES.flatMap((audience) => [
        ...(row.sequence > 0 ? [jobIds.lessonReminder(row.id, audience, row.sequence - 1)] : []),
        ...(row.status !== LessonStatus.Scheduled
          ? [jobIds.lessonReminder(row.id, audience, row.sequence)]
          : []),
      ]),
    );
    await this.removeJobs(obsolete);
    const now = this.clock.now();
    const wanted = await this.lessons.wantedReminders(
      this.dataSource.manager,
      now,
      new Date(now.getTime() + REMINDER_HORIZON_MS),
      lessonIds,
    );
    return this.add(wanted, now);
  }

  /**
   * Recreates every reminder due within the horizon that has not been sent and is missing from
   * Redis (a flush, a lost write, a job that failed for good). Adding a job whose id exists is a
   * no-op in BullMQ, so only the missing ones are written. Returns how many were wanted.
   */
  async reconcile(horizonMs = REMINDER_HORIZON_MS): Promise<{ wanted: number; retried: number }> {
    const now = this.clock.now();
    const wanted = await this.lessons.wantedReminders(
      this.dataSource.manager,
      now,
      new Date(now.getTime() + horizonMs),
    );
    // A failed job keeps its id and would block the same id from being added again.
    const wantedIds = new Set(wanted.map((reminder) => idOf(reminder)));
    const failed = (await this.queue.getFailed()).filter((job) => job.id && wantedIds.has(job.id));
    await this.removeJobs(failed.map((job) => job.id as string));
    await this.add(wanted, now);
    return { wanted: wanted.length, retried: failed.length };
  }

  /** The reminder job: sends the reminder once, if the lesson is still scheduled as it was. */
  async send(payload: ReminderPayload): Promise<ReminderOutcome> {
    const audience = payload.audience as ReminderAudience;
    return this.dataSource.transaction(async (manager) => {
      const lesson = await this.lessons.lock(manager, payload.lessonId);
      if (!lesson || lesson.status !== LessonStatus.Scheduled || lesson.sequence !== payload.sequence)
        return 'stale';
      const now = this.clock.now();
      if (lesson.startsAt.getTime() <= now.getTime()) return 'not_due';
      const recipients = await this.lessons.recipients(manager, [lesson.id], {
        teacher: audience === ReminderAudience.Teacher,
        school: audience === ReminderAudience.School,
        company: false,
      });
      const recorded = await this.lessons.recordReminder(
        manager,
        { lessonId: lesson.id, audience, sequence: lesson.sequence },
        now,
        recipients.length,
      );
      if (!recorded) return 'already_sent';
      const [facts] = await this.lessons.facts(manager, { ids: [lesson.id] });
      const message = composeLessonMessage(NotificationKind.LessonReminder, facts);
      await this.notifications.insertNew(
        manager,
        recipients.map((recipient) => ({
          recipientUserId: recipient.userId,
          recipientTeacherId: recipient.teacherId,
          proposalId: null,
          lessonId: lesson.id,
          kind: NotificationKind.LessonReminder,
          subject: message.subject,
          bodyText: message.bodyText,
          dedupeKey: `lesson-${lesson.id}-reminder-${audience}-${lesson.sequence}-${recipient.userId ?? `t${recipient.teacherId}`}`,
        })),
      );
      return 'sent';
    });
  }

  private async add(wanted: readonly WantedReminder[], now: Date): Promise<number> {
    for (let start = 0; start < wanted.length; start += BULK) {
      await this.queue.addBulk(
        wanted.slice(start, start + BULK).map((reminder) => {
          const data: ReminderPayload = {
            lessonId: reminder.lessonId,
            audience: reminder.audience,
            sequence: reminder.sequence,
          };
          return {
            name: 'lesson-reminder',
            data,
            opts: { jobId: idOf(reminder), delay: Math.max(0, reminder.dueAt.getTime() - now.getTime()) },
          };
        }),
      );
    }
    return wanted.length;
  }

  private async removeJobs(ids: readonly string[]): Promise<void> {
    // A job being processed is locked and stays; it finds the lesson changed and does nothing.
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
  }
}

const idOf = (reminder: WantedReminder) =>
  jobIds.lessonReminder(reminder.lessonId, reminder.audience, reminder.sequence);

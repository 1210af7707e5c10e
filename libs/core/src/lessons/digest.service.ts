import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { NotificationKind } from '@hybridmatch/database';
import { addDays, amsterdamInstant, Clock, today, weekdayOf } from '@hybridmatch/domain';
import { DigestRepository } from '../repositories/digest.repository';
import { NotificationRepository } from '../repositories/notification.repository';
import { formatDeadline } from '../notifications/notification-messages';
import { formatLessonTime } from './lesson-messages';

const DAY_MS = 24 * 3600_000;

/**
 * The digests: on Sunday evening each teacher gets the coming week's lessons; every morning each
 * coordinator gets what waits for them; companies are reminded of the answers they owe. Each is
 * written to the outbox with a dedupe key per recipient and period, so a repeated run (a retry,
 * two workers) sends nothing twice. Returns how many notifications were written.
 */
@Injectable()
export class DigestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly digests: DigestRepository,
    private readonly notifications: NotificationRepository,
  ) {}

  /** The lessons of the coming Monday-to-Sunday week (run on Sunday evening: tomorrow's week). */
  async weeklyTeacherDigest(): Promise<number> {
    const day = today(this.clock);
    const monday = addDays(day, 8 - weekdayOf(day));
    const weeks = await this.digests.teacherWeeks(
      this.dataSource.manager,
      amsterdamInstant(monday, 0),
      amsterdamInstant(addDays(monday, 7), 0),
    );
    return this.notifications.insertNew(
      this.dataSource.manager,
      weeks.map((week) => {
        const lines = week.lessons.map((lesson) => {
          const when = { startsAt: new Date(lesson.startsAt), endsAt: new Date(lesson.endsAt) };
          return {
            nl: `- ${formatLessonTime(when, 'nl')}: "${lesson.title}", ${lesson.location}`,
            en: `- ${formatLessonTime(when, 'en')}: "${lesson.title}", ${lesson.location}`,
          };
        });
        return {
          recipientUserId: week.userId,
          recipientTeacherId: week.userId ? null : week.teacherId,
          proposalId: null,
          kind: NotificationKind.WeeklyDigest,
          subject: `Uw lessen in de week van ${monday}: ${week.lessons.length}`,
          bodyText: [
            `Uw lessen in de week van ${monday}:`,
            ...lines.map((line) => line.nl),
            '',
            '---',
            '',
            `Your lessons in the week of ${monday}:`,
            ...lines.map((line) => line.en),
          ].join('\n'),
          dedupeKey: `weekly-digest-${week.teacherId}-${monday}`,
        };
      }),
    );
  }

  /** What waits for each coordinator; nothing is sent to one with nothing waiting. */
  async coordinatorDigest(): Promise<number> {
    const now = this.clock.now();
    const day = today(this.clock);
    const queues = await this.digests.coordinatorQueues(
      this.dataSource.manager,
      now,
      new Date(now.getTime() - DAY_MS),
      new Date(now.getTime() + 2 * DAY_MS),
      addDays(day, 7),
    );
    const rows = queues.flatMap((queue) => {
      const items: Array<[number, string, string]> = [
        [queue.awaitingApproval, 'voorstellen wachten op uw goedkeuring', 'proposals wait for your approval'],
        [
          queue.expiringUnanswered,
          'voorstellen verlopen binnen 2 dagen zonder alle antwoorden',
          'proposals expire within 2 days without all answers',
        ],
        [
          queue.lateCancellations,
          'lessen zijn het afgelopen etmaal laat (< 24 uur) afgezegd',
          'lessons were cancelled late (< 24 h) in the last day',
        ],
        [queue.sickReports, 'ziekmeldingen het afgelopen etmaal', 'sick reports in the last day'],
        [
          queue.checkInsDue,
          'begeleidingsgesprekken zijn (bijna) aan de beurt',
          'supervisor check-ins are due',
        ],
      ];
      const waiting = items.filter(([count]) => count > 0);
      if (waiting.length === 0) return [];
      return [
        {
          recipientUserId: queue.userId,
          proposalId: null,
          kind: NotificationKind.CoordinatorDigest,
          subject: `Wat er op u wacht (${day})`,
          bodyText: [
            `Wat er vandaag (${day}) op u wacht:`,
            ...waiting.map(([count, nl]) => `- ${count} ${nl}`),
            '',
            '---',
            '',
            `What waits for you today (${day}):`,
            ...waiting.map(([count, , en]) => `- ${count} ${en}`),
          ].join('\n'),
          dedupeKey: `coordinator-digest-${queue.userId}-${day}`,
        },
      ];
    });
    return this.notifications.insertNew(this.dataSource.manager, rows);
  }

  /** Company admins: the proposals for their staff still waiting for the company's answer. */
  async answersOwedReminders(): Promise<number> {
    const day = today(this.clock);
    const owed = await this.digests.answersOwed(this.dataSource.manager, this.clock.now());
    return this.notifications.insertNew(
      this.dataSource.manager,
      owed.map((company) => ({
        recipientUserId: company.userId,
        proposalId: null,
        kind: NotificationKind.AnswersOwed,
        subject: `${company.proposals.length} voorstel(len) wachten op uw antwoord`,
        bodyText: [
          `${company.companyName}: deze voorstellen wachten op het antwoord van het bedrijf:`,
          ...company.proposals.map(
            (p) =>
              `- ${p.teacherName}, "${p.title}": antwoord vóór ${formatDeadline(new Date(p.expiresAt), 'nl')}`,
          ),
          '',
          '---',
          '',
          `${company.companyName}: these proposals wait for the company's answer:`,
          ...company.proposals.map(
            (p) =>
              `- ${p.teacherName}, "${p.title}": answer by ${formatDeadline(new Date(p.expiresAt), 'en')}`,
          ),
        ].join('\n'),
        dedupeKey: `answers-owed-${company.userId}-${day}`,
      })),
    );
  }
}

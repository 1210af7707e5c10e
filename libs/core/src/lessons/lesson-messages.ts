import { NotificationKind, ScheduleNotificationKind } from '@hybridmatch/database';
import { PRODUCT_TIME_ZONE } from '@hybridmatch/domain';
import { NotificationMessage } from '../notifications/notification-messages';

/** What a lesson message talks about. */
export interface LessonMessageFacts {
  startsAt: Date;
  endsAt: Date;
  teacherName: string;
  schoolName: string;
  requestTitle: string;
  location: string;
  reason?: string | null;
  /** For a move: where the lesson was before. */
  previous?: { startsAt: Date; endsAt: Date } | null;
  late?: boolean;
}

// Formatters are made once (making one costs far more than formatting with it).
const DAY = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'full', timeZone: PRODUCT_TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: PRODUCT_TIME_ZONE }),
};
const TIME = new Intl.DateTimeFormat('nl-NL', { timeStyle: 'short', timeZone: PRODUCT_TIME_ZONE });

/** "dinsdag 6 oktober 2026, 09:00–12:00" (Amsterdam time): how a lesson reads in a message. */
export function formatLessonTime(lesson: { startsAt: Date; endsAt: Date }, language: 'nl' | 'en'): string {
  const text = `${DAY[language].format(lesson.startsAt)}, ${TIME.format(lesson.startsAt)}–${TIME.format(lesson.endsAt)}`;
  return language === 'nl' ? text : `${text} (Amsterdam time)`;
}

type LessonKind = Exclude<
  ScheduleNotificationKind,
  NotificationKind.WeeklyDigest | NotificationKind.CoordinatorDigest | NotificationKind.AnswersOwed
>;

/** Dutch first, English below it: what happens, when and where. */
export function composeLessonMessage(kind: LessonKind, f: LessonMessageFacts): NotificationMessage {
  const when = { nl: formatLessonTime(f, 'nl'), en: formatLessonTime(f, 'en') };
  const what = `"${f.requestTitle}" – ${f.teacherName} @ ${f.schoolName}`;
  const reason = f.reason ? { nl: [`Reden: ${f.reason}`], en: [`Reason: ${f.reason}`] } : { nl: [], en: [] };
  let subject: string;
  let nl: string[];
  let en: string[];
  switch (kind) {
    case NotificationKind.LessonReminder:
      subject = `Herinnering: les ${when.nl}`;
      nl = [`Herinnering: ${what}.`, `Wanneer: ${when.nl}`, `Waar: ${f.location}`];
      en = [`Reminder: ${what}.`, `When: ${when.en}`, `Where: ${f.location}`];
      break;
    case NotificationKind.LessonCancelled:
      subject = `Les vervalt: ${when.nl}`;
      nl = [
        `De les ${what} van ${when.nl} gaat niet door.`,
        ...reason.nl,
        ...(f.late ? ['Deze les is minder dan 24 uur van tevoren afgezegd.'] : []),
      ];
      en = [
        `The lesson ${what} on ${when.en} is cancelled.`,
        ...reason.en,
        ...(f.late ? ['This lesson was cancelled less than 24 hours before it starts.'] : []),
      ];
      break;
    case NotificationKind.LessonMoved: {
      const before = f.previous ?? f;
      subject = `Les verplaatst naar ${when.nl}`;
      nl = [
        `De les ${what} is verplaatst.`,
        `Was: ${formatLessonTime(before, 'nl')}`,
        `Wordt: ${when.nl}`,
        `Waar: ${f.location}`,
        ...reason.nl,
      ];
      en = [
        `The lesson ${what} has been moved.`,
        `Was: ${formatLessonTime(before, 'en')}`,
        `Now: ${when.en}`,
        `Where: ${f.location}`,
        ...reason.en,
      ];
      break;
    }
    case NotificationKind.TeacherSick:
      subject = `Ziekmelding: ${f.teacherName}, les ${when.nl}`;
      nl = [
        `${f.teacherName} is ziek gemeld; de les ${what} van ${when.nl} gaat niet door.`,
        'Beide werkgevers (bedrijf en school) ontvangen deze melding.',
        ...reason.nl,
      ];
      en = [
        `${f.teacherName} has reported sick; the lesson ${what} on ${when.en} is cancelled.`,
        'Both employers (company and school) receive this notice.',
        ...reason.en,
      ];
      break;
  }
  return { subject: subject.slice(0, 200), bodyText: [...nl, '', '---', '', ...en].join('\n') };
}

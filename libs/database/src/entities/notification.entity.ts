import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ProposalParty } from '@hybridmatch/domain';
import { Lesson } from './lesson.entity';
import { Proposal } from './proposal.entity';
import { TeacherProfile } from './teacher-profile.entity';
import { User } from './user.entity';

export enum NotificationKind {
  ProposalNew = 'proposal_new',
  AnswerNeeded = 'answer_needed',
  AllAccepted = 'all_accepted',
  Approved = 'approved',
  Rejected = 'rejected',
  Declined = 'declined',
  ExpiringSoon = 'expiring_soon',
  CascadeOffer = 'cascade_offer',
  Withdrawn = 'withdrawn',
  Cancelled = 'cancelled',
  /** Account e-mails: they carry a single-use link and are never listed in the app. */
  Invite = 'invite',
  PasswordReset = 'password_reset',
  /** Someone tried to invite an address that already has an account: its owner is told, the inviter is not. */
  AddressInUse = 'address_in_use',
  /** Lessons and schedules (docs/SCHEDULES.md). */
  LessonReminder = 'lesson_reminder',
  LessonCancelled = 'lesson_cancelled',
  LessonMoved = 'lesson_moved',
  TeacherSick = 'teacher_sick',
  WeeklyDigest = 'weekly_digest',
  CoordinatorDigest = 'coordinator_digest',
  AnswersOwed = 'answers_owed',
  /** A change broke an open proposal or a placement (a rule flag, docs/RULES.md). */
  NeedsAttention = 'needs_attention',
  /** The daily compliance sweep: a VOG too old for a next placement, a PDG deadline inside a placement. */
  VogExpiring = 'vog_expiring',
  PdgDeadline = 'pdg_deadline',
}

/** The kinds about lessons and schedules (no proposal behind them). */
export type ScheduleNotificationKind =
  | NotificationKind.LessonReminder
  | NotificationKind.LessonCancelled
  | NotificationKind.LessonMoved
  | NotificationKind.TeacherSick
  | NotificationKind.WeeklyDigest
  | NotificationKind.CoordinatorDigest
  | NotificationKind.AnswersOwed;

/** The kinds of the daily compliance sweep (about a teacher, no proposal behind them). */
export type ComplianceNotificationKind = NotificationKind.VogExpiring | NotificationKind.PdgDeadline;

/** The kinds a proposal event sends. */
export type ProposalNotificationKind = Exclude<
  NotificationKind,
  | NotificationKind.Invite
  | NotificationKind.PasswordReset
  | NotificationKind.AddressInUse
  | ScheduleNotificationKind
  | ComplianceNotificationKind
>;

/** The schedule kinds, as a list (their messages come from the lesson and digest writers). */
export const SCHEDULE_NOTIFICATION_KINDS: readonly NotificationKind[] = [
  NotificationKind.LessonReminder,
  NotificationKind.LessonCancelled,
  NotificationKind.LessonMoved,
  NotificationKind.TeacherSick,
  NotificationKind.WeeklyDigest,
  NotificationKind.CoordinatorDigest,
  NotificationKind.AnswersOwed,
];

/** The compliance sweep's kinds, as a list (their messages come from ComplianceSweepService). */
export const COMPLIANCE_NOTIFICATION_KINDS: readonly NotificationKind[] = [
  NotificationKind.VogExpiring,
  NotificationKind.PdgDeadline,
];

/** Kinds that only go out by e-mail: their text holds a single-use link, so no in-app list shows it. */
export const EMAIL_ONLY_NOTIFICATION_KINDS: readonly NotificationKind[] = [
  NotificationKind.Invite,
  NotificationKind.PasswordReset,
  NotificationKind.AddressInUse,
];

/**
 * What a proposal notification stores instead of its text (`notification.facts`): the names and
 * figures as they were when the event happened. The Dutch and English text, the proposal link and
 * the signed answer links are written from them whenever the e-mail is sent or the notification
 * is listed (NotificationTextService), the same text every time.
 */
export interface ProposalMessageFacts {
  teacherName: string;
  companyName: string;
  schoolName: string;
  requestTitle: string;
  minutesPerWeek: number;
  /** The answer deadline, an ISO instant. */
  expiresAt: string;
  reason?: string | null;
  decliningParty?: ProposalParty | null;
  placement?: { startDate: string; endDate: string; supervisorName: string } | null;
  /** A rule flag (needs attention): the broken rules' sentences, and whether a placement is hit. */
  flag?: { violations: Array<{ nl: string; en: string }>; placement: boolean } | null;
  /** The party whose signed answer links the message carries (teacher or company, while their answer is pending). */
  answerParty?: ProposalParty.Teacher | ProposalParty.Company | null;
}

export enum NotificationDeliveryStatus {
  Pending = 'pending',
  /** A worker claimed it and is talking to the SMTP server (`claimed_at`, `claimed_by`). */
  Sending = 'sending',
  Sent = 'sent',
  Failed = 'failed',
}

/**
 * A message for one person: their in-app notification and the outbox row of its email. Written in
 * the same transaction as the event it reports; a relay later queues it (`relayed_at`) and the
 * worker sends it (`delivery_status`). `dedupe_key` makes the same event notify a person once.
 */
@Entity('notification')
@Check('ck_notification_one_recipient', `("recipient_user_id" IS NULL) <> ("recipient_teacher_id" IS NULL)`)
@Check('ck_notification_text_or_facts', `("body_text" IS NULL) <> ("facts" IS NULL)`)
@Index('ix_notification_relay', ['deliveryStatus', 'relayedAt'])
@Index('ix_notification_unrelayed', ['createdAt', 'id'], {
  where: `"delivery_status" = 'pending' AND "relayed_at" IS NULL`,
})
@Index('ix_notification_unrelayed_account', ['createdAt', 'id'], {
  where: `"delivery_status" = 'pending' AND "relayed_at" IS NULL AND "kind" IN (${EMAIL_ONLY_NOTIFICATION_KINDS.map((kind) => `'${kind}'`).join(', ')})`,
})
@Index('ix_notification_retry', ['nextAttemptAt'], { where: `"delivery_status" = 'failed'` })
@Index('ix_notification_lesson', ['lessonId'], { where: `"lesson_id" IS NOT NULL` })
@Index('ix_notification_recipient_created', ['recipientUserId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The user it is for; null only for a teacher without a login (see `recipientTeacherId`). */
  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'recipient_user_id' })
  recipient?: User | null;

  /**
   * A teacher without a login, reached at the e-mail address of their profile: the proposal
   * e-mails carry answer links, so they can answer without an account. Never listed in the app.
   */
  @Column({ type: 'uuid', nullable: true })
  recipientTeacherId: string | null;

  @ManyToOne(() => TeacherProfile, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'recipient_teacher_id' })
  recipientTeacher?: TeacherProfile | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  proposalId: string | null;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: Proposal | null;

  /** The lesson a schedule notification is about (reminder, cancellation, move, sickness). */
  @Column({ type: 'uuid', nullable: true })
  lessonId: string | null;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: Lesson | null;

  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  /**
   * Plain text: Dutch first, an English fallback below it. Null for a proposal notification, whose
   * text is written from `facts` when it is sent or listed.
   */
  @Column({ type: 'text', nullable: true })
  bodyText: string | null;

  /** A proposal notification's facts (written once, read whole: `json`); null when `bodyText` holds the text. */
  @Column({ type: 'json', nullable: true })
  facts: ProposalMessageFacts | null;

  @Column({ type: 'varchar', length: 200, unique: true })
  dedupeKey: string;

  @Column({
    type: 'enum',
    enum: NotificationDeliveryStatus,
    enumName: 'notification_delivery_status',
    default: NotificationDeliveryStatus.Pending,
  })
  deliveryStatus: NotificationDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** When the relay queued the email; null until then (and again when it must be queued anew). */
  @Column({ type: 'timestamptz', nullable: true })
  relayedAt: Date | null;

  /** How often the relay queued it: the job id `notification-<id>-<relayCount>` is fresh each time. */
  @Column({ type: 'integer', default: 0 })
  relayCount: number;

  /** While `sending`: when the worker claimed it, and the job that did (`claimedBy`). */
  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  claimedBy: string | null;

  /** Long-backoff rounds used after the job's own attempts ran out (see docs/NOTIFICATIONS.md). */
  @Column({ type: 'integer', default: 0 })
  retryRound: number;

  /** A failed row is sent again from this time on; null when no automatic retry is left. */
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

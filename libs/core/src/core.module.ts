import { Global, Module } from '@nestjs/common';
import { SchedulesModule } from '@hybridmatch/schedules';
import { AccessService } from './access/access.service';
import { AnswerLinkService } from './proposals/answer-link.service';
import { CounterpartService } from './proposals/counterpart.service';
import { RateCardService } from './rates/rate-card.service';
import { NotificationOutboxService } from './notifications/notification-outbox.service';
import { NotificationTextService } from './notifications/notification-text.service';
import { PlacementService } from './proposals/placement.service';
import { ProgressRepository } from './progress/progress.repository';
import { ProgressService } from './progress/progress.service';
import { ProposalService } from './proposals/proposal.service';
import { AnswerLinkRepository } from './repositories/answer-link.repository';
import { CounterpartRepository } from './repositories/counterpart.repository';
import { RateCardRepository } from './repositories/rate-card.repository';
import { MatchRunRepository } from './repositories/match-run.repository';
import { NotificationRepository } from './repositories/notification.repository';
import { PlacementRepository } from './repositories/placement.repository';
import { TeacherRepository } from './repositories/teacher.repository';
import { TeachingRequestRepository } from './repositories/teaching-request.repository';
import { UserRepository } from './repositories/user.repository';
import { PendingInviteRepository } from './repositories/pending-invite.repository';
import { ProposalRepository } from './repositories/proposal.repository';
import { RuleInputRepository } from './repositories/rule-input.repository';
import { RuleCheckService } from './rules/rule-check.service';
import { RuleFlagService } from './rules/rule-flag.service';
import { ComplianceSweepService } from './rules/compliance-sweep.service';
import { ComplianceRepository } from './repositories/compliance.repository';
import { RuleFlagRepository } from './repositories/rule-flag.repository';
import { VogVerificationService } from './proposals/vog-verification.service';
import { LessonRepository } from './repositories/lesson.repository';
import { DigestRepository } from './repositories/digest.repository';
import { DigestService } from './lessons/digest.service';
import { CalendarFeedService } from './lessons/calendar-feed.service';
import { AfterCommit } from './lessons/after-commit';
import { LessonService } from './lessons/lesson.service';
import { ReminderService } from './lessons/reminder.service';
import { RequestClosingService } from './requests/request-closing.service';
import { RequestClosingRepository } from './repositories/request-closing.repository';

const SERVICES = [
  AccessService,
  ProposalService,
  PlacementService,
  NotificationOutboxService,
  NotificationTextService,
  ProgressRepository,
  ProgressService,
  MatchRunRepository,
  NotificationRepository,
  PlacementRepository,
  AnswerLinkService,
  AnswerLinkRepository,
  TeacherRepository,
  TeachingRequestRepository,
  UserRepository,
  PendingInviteRepository,
  ProposalRepository,
  CounterpartService,
  CounterpartRepository,
  RateCardService,
  RateCardRepository,
  RuleInputRepository,
  RuleCheckService,
  RuleFlagService,
  RuleFlagRepository,
  ComplianceSweepService,
  ComplianceRepository,
  VogVerificationService,
  LessonRepository,
  LessonService,
  ReminderService,
  AfterCommit,
  DigestRepository,
  DigestService,
  CalendarFeedService,
  RequestClosingService,
  RequestClosingRepository,
];

/**
 * What the API and the worker share: access decisions, the proposal and placement lifecycle
 * (with the decline cascade), the notification outbox writer and the repositories that hold
 * their SQL. No controllers: `apps/api`
 * adds HTTP on top, `apps/worker` adds processors. Needs `ConfigModule` and `DatabaseModule`.
 */
@Global()
@Module({ imports: [SchedulesModule], providers: SERVICES, exports: SERVICES })
export class CoreModule {}

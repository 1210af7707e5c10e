import { LessonBlock } from './lesson-block.entity';
import { Organisation } from './organisation.entity';
import { OrganisationLocation } from './organisation-location.entity';
import { Region } from './region.entity';
import { TeacherAvailabilityWindow } from './teacher-availability-window.entity';
import { TeacherProfile } from './teacher-profile.entity';
import { TeachingRequest } from './teaching-request.entity';
import { User } from './user.entity';
import { MatchRun, MatchRunShortageStatus, MatchRunStatus, MatchRunTrigger } from './match-run.entity';
import { MATCH_SCHEDULE_TIMEZONE, MatchRunSchedule } from './match-run-schedule.entity';
import {
  COMPLIANCE_NOTIFICATION_KINDS,
  EMAIL_ONLY_NOTIFICATION_KINDS,
  Notification,
  NotificationDeliveryStatus,
  NotificationKind,
  SCHEDULE_NOTIFICATION_KINDS,
} from './notification.entity';
import { Placement, PlacementStatus } from './placement.entity';
import { PlacementSlot } from './placement-slot.entity';
import { Proposal } from './proposal.entity';
import { ProposalEvent, ProposalEventAction } from './proposal-event.entity';
import { InstitutionDayOff } from './institution-day-off.entity';
import { SchoolHoliday } from './school-holiday.entity';
import { RefreshToken } from './refresh-token.entity';
import { NATIONAL_SCOPE, ProgressSnapshot } from './progress-snapshot.entity';
import { RateCardEntry } from './rate-card-entry.entity';
import { VogVerification } from './vog-verification.entity';
import { RuleFlag, RuleFlagCause, RuleFlagResolution } from './rule-flag.entity';
import { ComplianceWarning, ComplianceWarningKind } from './compliance-warning.entity';
import { Lesson } from './lesson.entity';
import { LessonReminder, ReminderAudience } from './lesson-reminder.entity';
import { ReminderSetting } from './reminder-setting.entity';
import { FeedbackParty, LessonFeedback } from './lesson-feedback.entity';
import { SupervisorCheckIn } from './supervisor-check-in.entity';
import { CalendarFeed } from './calendar-feed.entity';
import { PendingInvite } from './pending-invite.entity';

export {
  LessonBlock,
  Organisation,
  OrganisationLocation,
  PendingInvite,
  Region,
  TeacherAvailabilityWindow,
  TeacherProfile,
  TeachingRequest,
  User,
};
export type { TeacherSkill } from './teacher-profile.entity';
export { MatchRun, MatchRunShortageStatus, MatchRunStatus, MatchRunTrigger };
export { MATCH_SCHEDULE_TIMEZONE, MatchRunSchedule };
export { NATIONAL_SCOPE, ProgressSnapshot };
export type {
  MatchRunParameters,
  MatchRunResult,
  MatchRunTimings,
  MatchRunUnfilledBlock,
  MatchRunUnfilledCompact,
  MatchRunShortage,
} from './match-run.entity';
export {
  COMPLIANCE_NOTIFICATION_KINDS,
  EMAIL_ONLY_NOTIFICATION_KINDS,
  Notification,
  NotificationDeliveryStatus,
  NotificationKind,
  SCHEDULE_NOTIFICATION_KINDS,
  Placement,
  PlacementSlot,
  PlacementStatus,
  Proposal,
  ProposalEvent,
  ProposalEventAction,
  RefreshToken,
};
export type { ProposalExplanation } from './proposal.entity';
export { InstitutionDayOff, SchoolHoliday, RateCardEntry, VogVerification };
export { ComplianceWarning, ComplianceWarningKind, RuleFlag, RuleFlagCause, RuleFlagResolution };
export type {
  ComplianceNotificationKind,
  ProposalMessageFacts,
  ProposalNotificationKind,
  ScheduleNotificationKind,
} from './notification.entity';
export {
  CalendarFeed,
  FeedbackParty,
  Lesson,
  LessonFeedback,
  LessonReminder,
  ReminderAudience,
  ReminderSetting,
  SupervisorCheckIn,
};

export const ENTITIES = [
  Region,
  Organisation,
  OrganisationLocation,
  User,
  TeacherProfile,
  TeacherAvailabilityWindow,
  TeachingRequest,
  LessonBlock,
  Proposal,
  ProposalEvent,
  Placement,
  PlacementSlot,
  Notification,
  MatchRun,
  MatchRunSchedule,
  SchoolHoliday,
  InstitutionDayOff,
  RefreshToken,
  ProgressSnapshot,
  RateCardEntry,
  VogVerification,
  RuleFlag,
  ComplianceWarning,
  Lesson,
  LessonReminder,
  ReminderSetting,
  LessonFeedback,
  SupervisorCheckIn,
  CalendarFeed,
  PendingInvite,
];

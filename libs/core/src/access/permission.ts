import { UserRole } from '@hybridmatch/domain';

/** What an actor may want to do with a record. `AccessService.requireAccess` decides each. */
export enum Permission {
  OrganisationRead = 'organisation.read',
  /** Add an organisation. */
  OrganisationCreate = 'organisation.create',
  /** Change an organisation's details and locations: its own admins and the platform admin. */
  OrganisationUpdate = 'organisation.update',
  /** A school's own closed and study days: the school, the region's coordinator, the platform admin. */
  DayOffEdit = 'day-off.edit',
  /** The school holidays of a holiday region (platform admin; a coordinator those of their regions). */
  HolidayEdit = 'holiday.edit',
  /** Add and rename regions. */
  RegionManage = 'region.manage',
  TeacherRead = 'teacher.read',
  /** Add staff (one by one or by CSV import). */
  TeacherCreate = 'teacher.create',
  /** Company and platform admin change a profile; a hybrid teacher their own (the teacher service limits the fields). */
  TeacherUpdate = 'teacher.update',
  /** Record that a VOG was checked: the company, the region's coordinator; never the teacher themself. */
  TeacherVerify = 'teacher.verify',
  /** The school of a proposal or placement records its check of the teacher's VOG (DOMAIN.md rule 4). */
  VogVerifyAtSchool = 'vog.verify-at-school',
  TeachingRequestRead = 'teaching-request.read',
  /** Post a request: a school for itself, or the platform admin for a named school. */
  TeachingRequestCreate = 'teaching-request.create',
  TeachingRequestUpdate = 'teaching-request.update',
  ProposalRead = 'proposal.read',
  /** Accept or decline as one of the three parties. */
  ProposalAnswer = 'proposal.answer',
  /** Approve, reject, withdraw, cancel and read the audit trail: the region's coordinator. */
  ProposalDecide = 'proposal.decide',
  PlacementRead = 'placement.read',
  /** Lessons of placements the caller is party to (teacher: own; school: own; company: its staff; coordinator: region). */
  LessonRead = 'lesson.read',
  /** Cancel a lesson: the school, or the company for its teacher (and coordinators, platform admin). */
  LessonCancel = 'lesson.cancel',
  /** Move a lesson to another time: the school (and coordinators, platform admin). */
  LessonMove = 'lesson.move',
  /** Report the teacher sick for a lesson: the teacher, their company (and coordinators, platform admin). */
  LessonReportSick = 'lesson.report-sick',
  /** Record a lesson given or not given, and a supervisor check-in: the school (and coordinators, platform admin). */
  LessonRecordOutcome = 'lesson.record-outcome',
  /** Leave feedback after a lesson: the teacher and the school. */
  LessonFeedback = 'lesson.feedback',
  /** Read the feedback on a placement's lessons: its teacher and school (what they gave and got), the region's coordinator, the platform admin. */
  FeedbackRead = 'feedback.read',
  /** Make, renew and revoke a private calendar feed: a teacher their own, a school admin their school's. */
  CalendarFeedManage = 'calendar-feed.manage',
  MatchRunRead = 'match-run.read',
  /** Shortage signals of a region: its coordinators; a company admin for their company's region (own staff only). */
  ShortageRead = 'shortage.read',
  /** A company's rate card: its admins, the coordinators of its region, the platform admin. */
  RateCardRead = 'rate-card.read',
  RateCardUpdate = 'rate-card.update',
  /** Start match runs and manage schedules in a region. */
  RegionCoordinate = 'region.coordinate',
  /** The progress figures toward the goal, per region. */
  ProgressRead = 'progress.read',
  /** Proposals and placements needing attention (rule flags): coordinators their regions, a company or school its own. */
  RuleFlagRead = 'rule-flag.read',
  /** List accounts in scope. */
  UserRead = 'user.read',
  /** Invite people into one's own organisation, resend and reissue invites, (de)activate accounts. */
  UserManage = 'user.manage',
  /** E-mails that could not be delivered, with their errors (platform admin: all; coordinator: their regions). */
  NotificationFailuresRead = 'notification-failures.read',
  /** Send failed e-mails again (platform admin: all; coordinator: their regions). */
  NotificationResend = 'notification.resend',
  /** The BullMQ dashboard. */
  QueueDashboard = 'queue-dashboard',
}

const ALL = Object.values(UserRole);
const COORDINATORS = [UserRole.PlatformAdmin, UserRole.RegionalCoordinator] as const;
const PLATFORM = [UserRole.PlatformAdmin] as const;

/**
 * The roles that may use a permission on a record they can see (anyone else gets a 403). Every
 * API route declares its permission from this table (`@Allow(permission)`, which sets the route's
 * roles to `ROLES_WITH[permission]`), so the guard and the service's record check read the same
 * list; routes open to every signed-in role use `ALL_ROLES`.
 */
export const ROLES_WITH: Record<Permission, readonly UserRole[]> = {
  [Permission.OrganisationRead]: ALL,
  [Permission.OrganisationCreate]: PLATFORM,
  [Permission.OrganisationUpdate]: [UserRole.PlatformAdmin, UserRole.CompanyAdmin, UserRole.SchoolAdmin],
  [Permission.DayOffEdit]: [UserRole.PlatformAdmin, UserRole.RegionalCoordinator, UserRole.SchoolAdmin],
  [Permission.HolidayEdit]: COORDINATORS,
  [Permission.RegionManage]: PLATFORM,
  [Permission.TeacherRead]: [
    UserRole.PlatformAdmin,
    UserRole.RegionalCoordinator,
    UserRole.CompanyAdmin,
    UserRole.HybridTeacher,
  ],
  [Permission.TeacherCreate]: [UserRole.PlatformAdmin, UserRole.CompanyAdmin],
  [Permission.TeacherUpdate]: [UserRole.PlatformAdmin, UserRole.CompanyAdmin, UserRole.HybridTeacher],
  [Permission.TeacherVerify]: [UserRole.PlatformAdmin, UserRole.RegionalCoordinator, UserRole.CompanyAdmin],
  [Permission.VogVerifyAtSchool]: [UserRole.SchoolAdmin],
  [Permission.TeachingRequestRead]: ALL,
  [Permission.TeachingRequestCreate]: [UserRole.PlatformAdmin, UserRole.SchoolAdmin],
  [Permission.TeachingRequestUpdate]: [
    UserRole.PlatformAdmin,
    UserRole.RegionalCoordinator,
    UserRole.SchoolAdmin,
  ],
  [Permission.ProposalRead]: ALL,
  [Permission.ProposalAnswer]: [UserRole.CompanyAdmin, UserRole.HybridTeacher, UserRole.SchoolAdmin],
  [Permission.ProposalDecide]: COORDINATORS,
  [Permission.PlacementRead]: ALL,
  [Permission.LessonRead]: ALL,
  [Permission.LessonCancel]: [...COORDINATORS, UserRole.CompanyAdmin, UserRole.SchoolAdmin],
  [Permission.LessonMove]: [...COORDINATORS, UserRole.SchoolAdmin],
  [Permission.LessonReportSick]: [...COORDINATORS, UserRole.CompanyAdmin, UserRole.HybridTeacher],
  [Permission.LessonRecordOutcome]: [...COORDINATORS, UserRole.SchoolAdmin],
  [Permission.LessonFeedback]: [UserRole.SchoolAdmin, UserRole.HybridTeacher],
  [Permission.FeedbackRead]: [...COORDINATORS, UserRole.SchoolAdmin, UserRole.HybridTeacher],
  [Permission.CalendarFeedManage]: [UserRole.PlatformAdmin, UserRole.SchoolAdmin, UserRole.HybridTeacher],
  [Permission.RateCardRead]: [UserRole.PlatformAdmin, UserRole.RegionalCoordinator, UserRole.CompanyAdmin],
  [Permission.RateCardUpdate]: [UserRole.PlatformAdmin, UserRole.CompanyAdmin],
  [Permission.MatchRunRead]: COORDINATORS,
  [Permission.ShortageRead]: [...COORDINATORS, UserRole.CompanyAdmin],
  [Permission.RegionCoordinate]: COORDINATORS,
  [Permission.ProgressRead]: COORDINATORS,
  [Permission.RuleFlagRead]: [
    UserRole.PlatformAdmin,
    UserRole.RegionalCoordinator,
    UserRole.CompanyAdmin,
    UserRole.SchoolAdmin,
  ],
  [Permission.UserRead]: [
    UserRole.PlatformAdmin,
    UserRole.RegionalCoordinator,
    UserRole.CompanyAdmin,
    UserRole.SchoolAdmin,
  ],
  [Permission.UserManage]: [UserRole.PlatformAdmin, UserRole.CompanyAdmin, UserRole.SchoolAdmin],
  [Permission.NotificationFailuresRead]: COORDINATORS,
  [Permission.NotificationResend]: COORDINATORS,
  [Permission.QueueDashboard]: PLATFORM,
};

/** The roles an organisation admin may invite (always into their own organisation); the platform admin invites any. */
export const INVITABLE_BY: Partial<Record<UserRole, readonly UserRole[]>> = {
  [UserRole.CompanyAdmin]: [UserRole.CompanyAdmin, UserRole.HybridTeacher],
  [UserRole.SchoolAdmin]: [UserRole.SchoolAdmin],
};

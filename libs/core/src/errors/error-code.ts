/**
 * Stable, machine-readable error codes. Clients switch on these, never on messages. Each conflict
 * has its own code; the API's problem filter maps every code to one HTTP status (`STATUS_OF`),
 * and docs/ERRORS.md lists them.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  ConcurrentUpdate = 'CONCURRENT_UPDATE',
  InvalidStateTransition = 'INVALID_STATE_TRANSITION',
  // conflicts: one code per rule
  RegionCodeTaken = 'REGION_CODE_TAKEN',
  EmailTaken = 'EMAIL_TAKEN',
  EmployeeRefTaken = 'EMPLOYEE_REF_TAKEN',
  TeacherHasLogin = 'TEACHER_HAS_LOGIN',
  MatchRunInProgress = 'MATCH_RUN_IN_PROGRESS',
  ImportInProgress = 'IMPORT_IN_PROGRESS',
  ProposalBlocksGone = 'PROPOSAL_BLOCKS_GONE',
  TeacherNotOffered = 'TEACHER_NOT_OFFERED',
  RulesBroken = 'RULES_BROKEN',
  PlacementOverlap = 'PLACEMENT_OVERLAP',
  InviteNotPending = 'INVITE_NOT_PENDING',
  InviteExpired = 'INVITE_EXPIRED',
  OwnAccount = 'OWN_ACCOUNT',
  AnswerLinkInvalid = 'ANSWER_LINK_INVALID',
  AnswerLinkExpired = 'ANSWER_LINK_EXPIRED',
  AnswerLinkUsed = 'ANSWER_LINK_USED',
  RateOutsideCard = 'RATE_OUTSIDE_CARD',
  LessonOverlap = 'LESSON_OVERLAP',
  FeedbackAlreadyGiven = 'FEEDBACK_ALREADY_GIVEN',
  // input and transport
  CsvInvalid = 'CSV_INVALID',
  RateLimited = 'RATE_LIMITED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  InternalError = 'INTERNAL_ERROR',
}

/** The codes of `ConflictError`: a rule about other data (a duplicate, a full week) refused the change. */
export type ConflictCode =
  | ErrorCode.RegionCodeTaken
  | ErrorCode.EmailTaken
  | ErrorCode.EmployeeRefTaken
  | ErrorCode.TeacherHasLogin
  | ErrorCode.MatchRunInProgress
  | ErrorCode.ImportInProgress
  | ErrorCode.ProposalBlocksGone
  | ErrorCode.TeacherNotOffered
  | ErrorCode.PlacementOverlap
  | ErrorCode.InviteNotPending
  | ErrorCode.InviteExpired
  | ErrorCode.OwnAccount
  | ErrorCode.AnswerLinkInvalid
  | ErrorCode.AnswerLinkExpired
  | ErrorCode.AnswerLinkUsed
  | ErrorCode.RateOutsideCard
  | ErrorCode.LessonOverlap
  | ErrorCode.FeedbackAlreadyGiven;

/** One problem with one field (or CSV cell): where, and why. */
export interface FieldError {
  field: string;
  reason: string;
  /**
   * A stable machine code of the reason, for clients that say it in their own words: the
   * class-validator constraint (`isCalendarDate`, `minLength`, `whitelistValidation`, …) or one of
   * the API's own (`notNull`, `controlCharacters`, `nestedTooDeeply`, `endNotAfterStart`), or for a
   * broken rule of RULES_BROKEN the rule's code (`VOG`, `SIX_HOUR_RULE`, …; docs/RULES.md). Absent
   * on reasons without one; `reason` (English) is always there.
   */
  code?: string;
  /** For CSV imports: the 1-based line in the file (the header is line 1). */
  line?: number;
  /** For CSV imports: the column name in the header. */
  column?: string;
  /**
   * `reason` in Dutch where a fixed sentence per code cannot say it: a broken rule of RULES_BROKEN
   * (the rule book's sentence), a reason that carries amounts (`isPlausibleRate`, `rateReasonRequired`).
   */
  reasonNl?: string;
}

import { HttpStatus } from '@nestjs/common';
import { ErrorCode, FieldError } from '@hybridmatch/core';

/** The one error shape (RFC 9457, `application/problem+json`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The detail in Dutch, when the error has one (RULES_BROKEN). */
  detailNl?: string;
  code: ErrorCode;
  correlationId: string;
  errors?: FieldError[];
  /** Only on 500: the id under which the error was logged. */
  errorId?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (code: ErrorCode) =>
  `urn:hybridmatch:problem:${code.toLowerCase().replace(/_/g, '-')}`;

const TITLES: Record<ErrorCode, string> = {
  [ErrorCode.ValidationFailed]: 'The request is not valid',
  [ErrorCode.Unauthenticated]: 'Authentication required',
  [ErrorCode.Forbidden]: 'Not allowed',
  [ErrorCode.NotFound]: 'Not found',
  [ErrorCode.RegionCodeTaken]: 'Region code already in use',
  [ErrorCode.EmailTaken]: 'E-mail address already in use',
  [ErrorCode.EmployeeRefTaken]: 'Employee reference already in use',
  [ErrorCode.TeacherHasLogin]: 'The teacher already has a login',
  [ErrorCode.MatchRunInProgress]: 'A match run for this region is in progress',
  [ErrorCode.ImportInProgress]: "An import of this company's staff is in progress",
  [ErrorCode.ProposalBlocksGone]: "The proposal's lesson blocks changed",
  [ErrorCode.TeacherNotOffered]: 'The teacher is no longer offered',
  [ErrorCode.RulesBroken]: 'A hard rule of the rule book is broken',
  [ErrorCode.PlacementOverlap]: 'Overlaps an approved placement',
  [ErrorCode.LessonOverlap]: 'Overlaps another lesson of the teacher',
  [ErrorCode.FeedbackAlreadyGiven]: 'Feedback already given',
  [ErrorCode.InviteNotPending]: 'No invite is pending',
  [ErrorCode.InviteExpired]: 'The invite has expired',
  [ErrorCode.OwnAccount]: 'Not on your own account',
  [ErrorCode.AnswerLinkInvalid]: 'The answer link is not valid',
  [ErrorCode.AnswerLinkExpired]: 'The answer link has expired',
  [ErrorCode.AnswerLinkUsed]: 'The answer link was already used',
  [ErrorCode.RateOutsideCard]: "Too far from the rate card's rate",
  [ErrorCode.ConcurrentUpdate]: 'Changed by someone else',
  [ErrorCode.InvalidStateTransition]: 'Not possible in the current state',
  [ErrorCode.CsvInvalid]: 'The CSV file has errors; nothing was imported',
  [ErrorCode.RateLimited]: 'Too many requests',
  [ErrorCode.PayloadTooLarge]: 'Request too large',
  [ErrorCode.UnsupportedMediaType]: 'Unsupported content type',
  [ErrorCode.ServiceUnavailable]: 'Service unavailable',
  [ErrorCode.InternalError]: 'Internal error',
};

export const problemTitle = (code: ErrorCode) => TITLES[code];

/** The HTTP status each code maps to: domain errors become HTTP errors at the edge, here. */
export const STATUS_OF: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.RegionCodeTaken]: HttpStatus.CONFLICT,
  [ErrorCode.EmailTaken]: HttpStatus.CONFLICT,
  [ErrorCode.EmployeeRefTaken]: HttpStatus.CONFLICT,
  [ErrorCode.TeacherHasLogin]: HttpStatus.CONFLICT,
  [ErrorCode.MatchRunInProgress]: HttpStatus.CONFLICT,
  [ErrorCode.ImportInProgress]: HttpStatus.CONFLICT,
  [ErrorCode.ProposalBlocksGone]: HttpStatus.CONFLICT,
  [ErrorCode.TeacherNotOffered]: HttpStatus.CONFLICT,
  [ErrorCode.RulesBroken]: HttpStatus.CONFLICT,
  [ErrorCode.PlacementOverlap]: HttpStatus.CONFLICT,
  [ErrorCode.LessonOverlap]: HttpStatus.CONFLICT,
  [ErrorCode.FeedbackAlreadyGiven]: HttpStatus.CONFLICT,
  [ErrorCode.InviteNotPending]: HttpStatus.CONFLICT,
  [ErrorCode.InviteExpired]: HttpStatus.CONFLICT,
  [ErrorCode.OwnAccount]: HttpStatus.CONFLICT,
  [ErrorCode.AnswerLinkInvalid]: HttpStatus.BAD_REQUEST,
  [ErrorCode.AnswerLinkExpired]: HttpStatus.GONE,
  [ErrorCode.AnswerLinkUsed]: HttpStatus.CONFLICT,
  [ErrorCode.RateOutsideCard]: HttpStatus.CONFLICT,
  [ErrorCode.ConcurrentUpdate]: HttpStatus.CONFLICT,
  [ErrorCode.InvalidStateTransition]: HttpStatus.CONFLICT,
  [ErrorCode.CsvInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.InternalError]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** The problem body for `code`: the one place that fills type, title and status from the code. */
export function problemDetails(
  code: ErrorCode,
  detail: string,
  correlationId: string,
  errors?: FieldError[],
  detailNl?: string,
): ProblemDetails {
  return {
    type: problemType(code),
    title: problemTitle(code),
    status: STATUS_OF[code],
    detail,
    ...(detailNl ? { detailNl } : {}),
    code,
    correlationId,
    ...(errors?.length ? { errors } : {}),
  };
}

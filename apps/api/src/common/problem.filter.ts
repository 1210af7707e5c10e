import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode } from '@hybridmatch/core';
import { BODY_TOO_LARGE_DETAIL } from './body-limit';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemDetails } from './problem';
import { requestIdOf } from './request-id';

const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
  503: ErrorCode.ServiceUnavailable,
};

/**
 * Every failure leaves the API in one shape: problem+json with a stable code and the request's
 * correlation id. Anything unexpected becomes a 500 that names an error id and is logged with
 * its stack; the client never sees internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, requestIdOf(request));
    if (problem.code === ErrorCode.ServiceUnavailable) void reply.header('retry-after', RETRY_AFTER_SECONDS);
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown, correlationId: string): ProblemDetails {
    if (exception instanceof DomainError) {
      return problemDetails(
        exception.code,
        exception.detail,
        correlationId,
        exception.errors,
        exception.detailNl,
      );
    }
    if (exception instanceof ThrottlerException) {
      return problemDetails(
        ErrorCode.RateLimited,
        'Too many attempts; wait a minute and try again.',
        correlationId,
      );
    }
    if (exception instanceof OptimisticLockVersionMismatchError) {
      return problemDetails(
        ErrorCode.ConcurrentUpdate,
        'Someone else changed this record; reload it and try again.',
        correlationId,
      );
    }
    if (
      exception instanceof QueryFailedError &&
      ['40001', '40P01'].includes((exception.driverError as { code?: string })?.code ?? '')
    ) {
      return problemDetails(
        ErrorCode.ConcurrentUpdate,
        'A concurrent change got in the way; try again.',
        correlationId,
      );
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ err: loggableError(exception), correlationId }, 'Database unavailable');
      return problemDetails(
        ErrorCode.ServiceUnavailable,
        'The database did not answer in time; try again shortly.',
        correlationId,
      );
    }
    const badValue = databaseRefusedValue(exception);
    if (badValue) return problemDetails(ErrorCode.ValidationFailed, badValue, correlationId);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_FOR_STATUS[status];
      if (code && (status < 500 || status === Number(HttpStatus.SERVICE_UNAVAILABLE)))
        return problemDetails(code, clientDetail(code, httpDetail(exception)), correlationId);
    }
    if (isFastifyClientError(exception)) {
      const code = CODE_FOR_STATUS[exception.statusCode] ?? ErrorCode.ValidationFailed;
      return problemDetails(code, clientDetail(code, exception.message), correlationId);
    }
    const errorId = randomUUID();
    this.logger.error({ err: loggableError(exception), errorId, correlationId }, 'Unexpected error');
    return {
      ...problemDetails(
        ErrorCode.InternalError,
        `Something went wrong on our side. Quote error id ${errorId} when you contact support.`,
        correlationId,
      ),
      errorId,
    };
  }
}

/** The framework's own wording, except where it would not tell a person what to do. */
const clientDetail = (code: ErrorCode, frameworkDetail: string): string =>
  code === ErrorCode.PayloadTooLarge ? BODY_TOO_LARGE_DETAIL : frameworkDetail;

/** What a 503 tells the client to wait before trying again. */
const RETRY_AFTER_SECONDS = '5';

/**
 * SQLSTATEs of a database that is away, overloaded or waiting too long (class 08 connection
 * exceptions, 53 insufficient resources, 57 operator intervention incl. statement timeout 57014,
 * 55P03 lock timeout) and the driver's own errors for a connection that failed or never came.
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|57|55P03)/;
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Connection terminated due to connection timeout)|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Client has encountered a connection error/;

function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: unknown })?.code
      : (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code)) return true;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code) && UNAVAILABLE_MESSAGE.test(code)) return true;
  return UNAVAILABLE_MESSAGE.test(error.message);
}

/**
 * A value the database refused that validation let through (a safety net: each DTO should have
 * caught it): too long, out of range, not of the column's type, NUL in text, null where required.
 */
const VALUE_SQLSTATE: Record<string, string> = {
  '22001': 'a value is longer than the field allows',
  '22003': 'a number is out of range',
  '22007': 'a date or time is not valid',
  '22008': 'a date or time is out of range',
  '22021': 'a text value holds a character that is not allowed',
  '22P02': 'a value does not have the expected type',
  '22P05': 'a text value holds a character that is not allowed',
  '23502': 'a required value is missing',
};

function databaseRefusedValue(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const code = (error.driverError as { code?: unknown })?.code;
  return typeof code === 'string' ? VALUE_SQLSTATE[code] : undefined;
}

function httpDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const health = (response as { error?: unknown }).error;
  if (isHealthReport(health)) {
    return `Not ready: ${Object.entries(health)
      .map(([name, state]) => `${name} is ${state.status}${state.message ? ` (${state.message})` : ''}`)
      .join('; ')}.`;
  }
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message)
    ? message.join('; ')
    : typeof message === 'string'
      ? message
      : exception.message;
}

/**
 * What of an unexpected error goes to the log: its type, message and stack, but never a failed
 * query's parameters or the driver's detail (they can hold names and e-mail addresses).
 */
function loggableError(error: unknown): { type: string; message: string; stack?: string; sqlState?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-Error value thrown' };
  const sqlState =
    error instanceof QueryFailedError ? (error.driverError as { code?: string })?.code : undefined;
  return { type: error.name, message: error.message, stack: error.stack, ...(sqlState ? { sqlState } : {}) };
}

/** Terminus reports failed checks as `{ error: { postgres: { status: 'down', message } } }`. */
function isHealthReport(value: unknown): value is Record<string, { status: string; message?: string }> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((state) => typeof (state as { status?: unknown })?.status === 'string')
  );
}

/** Fastify's own client errors (bad JSON, body too large, wrong content type) carry a statusCode. */
function isFastifyClientError(error: unknown): error is { statusCode: number; message: string } {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

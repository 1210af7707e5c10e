import { ErrorCode, FieldError } from './error-code';

/** The one exception services throw. The filter turns it into problem+json. */
export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'AppException';
  }

  static notFound(what: string, id?: string): AppException {
    return new AppException(
      ErrorCode.NotFound,
      id ? `${what} ${id} does not exist or is not yours to see.` : `${what} not found.`,
    );
  }

  static forbidden(detail: string): AppException {
    return new AppException(ErrorCode.Forbidden, detail);
  }

  static invalid(field: string, reason: string): AppException {
    return new AppException(ErrorCode.ValidationFailed, `${field}: ${reason}`, [{ field, reason }]);
  }

  static conflict(detail: string): AppException {
    return new AppException(ErrorCode.Conflict, detail);
  }
}

/** Stable, machine-readable error codes. Clients switch on these, never on messages. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  ConcurrentUpdate = 'CONCURRENT_UPDATE',
  InvalidStateTransition = 'INVALID_STATE_TRANSITION',
  CsvInvalid = 'CSV_INVALID',
  RateLimited = 'RATE_LIMITED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  InternalError = 'INTERNAL_ERROR',
}

/** One problem with one field (or CSV cell): where, and why. */
export interface FieldError {
  field: string;
  reason: string;
  /** For CSV imports: the 1-based line in the file (the header is line 1). */
  line?: number;
  /** For CSV imports: the column name in the header. */
  column?: string;
}

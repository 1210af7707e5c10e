import type { Sentence } from '@hybridmatch/domain';
import { ConflictCode, ErrorCode, FieldError } from './error-code';

/**
 * A rule said no. Services (in the core and in the API) throw these; nothing here knows HTTP.
 * The API's problem filter turns `code` into a status through its one table (`STATUS_OF`); the
 * worker decides on the type (e.g. an `InvalidStateTransitionError` means "nothing left to do").
 */
export class DomainError extends Error {
  /**
   * `detail` is English; `detailNl`, when the error has one, says the same in Dutch (RULES_BROKEN:
   * the rule book's sentences; a state refusal: the state the record is in), so a reader gets their language without parsing the detail.
   */
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly detailNl?: string,
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** Does not exist, or lies outside the caller's scope (existence is not revealed). */
export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super(
      ErrorCode.NotFound,
      id ? `${what} ${id} does not exist or is not yours to see.` : `${what} not found.`,
    );
  }
}

/** The caller may see the record but not do this. */
export class ForbiddenError extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super(ErrorCode.Forbidden, detail, errors);
  }

  /** A field or filter the caller may not use with this value (a list filter outside their scope). */
  static filter(field: string, reason: string): ForbiddenError {
    return new ForbiddenError(`${field}: ${reason}`, [{ field, reason, code: 'outsideScope' }]);
  }
}

/** No valid credentials. */
export class UnauthenticatedError extends DomainError {
  constructor(detail: string) {
    super(ErrorCode.Unauthenticated, detail);
  }
}

/** Input that breaks a rule, field by field; the detail lists every field. */
export class ValidationError extends DomainError {
  constructor(
    errors: FieldError[],
    detail = errors.map((error) => `${error.field}: ${error.reason}`).join('; '),
  ) {
    super(ErrorCode.ValidationFailed, detail, errors);
  }

  /** One field's problem; `code` names the reason for clients that say it in their own words (docs/ERRORS.md). */
  static field(field: string, reason: string | Sentence, code: string): ValidationError {
    return new ValidationError([fieldError(field, reason, code)]);
  }
}

/**
 * A field's problem: `reason` in English, and, when given as a Sentence, `reasonNl` too (for a
 * reason with the case's own figures, which a fixed text per `code` cannot say).
 */
export function fieldError(field: string, reason: string | Sentence, code: string): FieldError {
  return typeof reason === 'string'
    ? { field, reason, code }
    : { field, reason: reason.en, code, reasonNl: reason.nl };
}

/** The `version` the caller sent is not the current one (or someone else wrote first). */
export class ConcurrentUpdateError extends DomainError {
  constructor(detail: string) {
    super(ErrorCode.ConcurrentUpdate, detail);
  }
}

/** The action is not possible in the record's current state; `detailNl`, when given, says why in Dutch. */
export class InvalidStateTransitionError extends DomainError {
  constructor(detail: string, detailNl?: string) {
    super(ErrorCode.InvalidStateTransition, detail, undefined, detailNl);
  }
}

/** A rule about other data refused the change; each rule has its own code; `detailNl`, when given, says why in Dutch. */
export class ConflictError extends DomainError {
  constructor(
    override readonly code: ConflictCode,
    detail: string,
    detailNl?: string,
  ) {
    super(code, detail, undefined, detailNl);
  }
}

/**
 * What a RULES_BROKEN refusal concerns, in English and Dutch: what was refused, and what the one
 * refused can do about the proposal itself (a party accepting can decline it; the coordinator
 * approving can withdraw it).
 */
const REFUSED = {
  proposal: {
    en: 'This proposal cannot be accepted',
    nl: 'Dit voorstel kan niet worden geaccepteerd',
    todoEn: 'decline the proposal',
    todoNl: 'sla het voorstel af',
  },
  placement: {
    en: 'This placement cannot be approved',
    nl: 'Deze plaatsing kan niet worden goedgekeurd',
    todoEn: 'withdraw the proposal',
    todoNl: 'trek het voorstel in',
  },
} as const;

/**
 * The rule book (docs/RULES.md) refused: each broken rule is one entry of `errors`, with the rule's
 * code as `field` and `code`, its English sentence as `reason` and its Dutch one as `reasonNl`; `detail` reads
 * as sentences and says what to do, in English, and `detailNl` says the same in Dutch.
 */
export class RulesBrokenError extends DomainError {
  constructor(
    readonly violations: ReadonlyArray<{ code: string; nl: string; en: string }>,
    what: keyof typeof REFUSED = 'placement',
  ) {
    const { en, nl, todoEn, todoNl } = REFUSED[what];
    super(
      ErrorCode.RulesBroken,
      `${en}: ${violations.map((v) => v.en).join(' ')} Change the teacher's profile or the request so ` +
        `the rules hold, or ${todoEn} so the next match run can find another teacher.`,
      violations.map((v) => fieldError(v.code, v, v.code)),
      `${nl}: ${violations.map((v) => v.nl).join(' ')} Pas het profiel van de docent of de ` +
        `aanvraag aan zodat aan de regels is voldaan, of ${todoNl} zodat de volgende ` +
        `matchronde een andere docent kan vinden.`,
    );
  }
}

import { ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationError } from '@hybridmatch/core';

/** Flattens class-validator errors into `{ field: "windows[0].start", reason }` pairs. */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const field = parent
      ? segment.startsWith('[')
        ? `${parent}${segment}`
        : `${parent}.${segment}`
      : segment;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({
      field,
      reason: humanise(reason, error.property, field),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function humanise(reason: string, property: string, field: string): string {
  if (reason === `property ${property} should not exist`) return `unknown field "${field}"; remove it`;
  return reason.startsWith(`${property} `) ? reason.slice(property.length + 1) : reason;
}

/** Global validation: unknown fields are rejected, values transformed to the DTO's types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const detail = fieldErrors.map((error) => `${error.field}: ${error.reason}`).join('; ');
      return new ValidationError(fieldErrors, detail);
    },
  });
}

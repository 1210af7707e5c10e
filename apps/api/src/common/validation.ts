import { ArgumentMetadata, ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import { FieldError, ValidationError } from '@hybridmatch/core';
import { DUTCH_REASON } from './validators';

/** C0 control characters and DEL, except tab, line feed and carriage return (NUL breaks PostgreSQL text). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Deeper than any DTO nests; a body nested further is refused rather than walked. */
const MAX_DEPTH = 32;

const fieldPath = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/** Every string (value or key) holding a control character, by field path. */
export function controlCharacterErrors(value: unknown, path = '', depth = 0): FieldError[] {
  if (typeof value === 'string')
    return CONTROL_CHARACTER.test(value)
      ? [
          {
            field: path || 'body',
            reason: 'must not contain control characters (such as NUL)',
            code: 'controlCharacters',
          },
        ]
      : [];
  if (depth > MAX_DEPTH)
    return [{ field: path || 'body', reason: 'is nested too deeply', code: 'nestedTooDeeply' }];
  // A raw body (the CSV import's file) is checked by its reader, cell by cell.
  if (Buffer.isBuffer(value)) return [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => controlCharacterErrors(item, fieldPath(path, index), depth + 1));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) =>
      CONTROL_CHARACTER.test(key)
        ? [
            {
              field: fieldPath(path, key.replace(CONTROL_CHARACTER, '?')),
              reason: 'must not contain control characters',
              code: 'controlCharacters',
            },
          ]
        : controlCharacterErrors(item, fieldPath(path, key), depth + 1),
    );
  return [];
}

interface ModelProperty {
  nullable?: boolean;
  type?: unknown;
  isArray?: boolean;
}

/**
 * Fields sent as `null` that the DTO does not declare `nullable` in its OpenAPI description: the
 * documented contract decides, for every DTO at once (a PATCH with `{"regionId": null}` is a 400,
 * not a database error). Nested DTOs are checked through their declared types.
 */
export function nullErrors(value: unknown, metatype: unknown, path = '', depth = 0): FieldError[] {
  if (typeof metatype !== 'function' || !value || typeof value !== 'object' || depth > MAX_DEPTH) return [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => nullErrors(item, metatype, fieldPath(path, index), depth + 1));
  const prototype = (metatype as { prototype: object }).prototype;
  return Object.entries(value).flatMap(([key, item]) => {
    const property = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, key) as
      ModelProperty | undefined;
    if (!property) return [];
    if (item === null)
      return property.nullable
        ? []
        : [{ field: fieldPath(path, key), reason: 'must not be null', code: 'notNull' }];
    const nested: unknown = Array.isArray(property.type) ? (property.type as unknown[])[0] : property.type;
    return isDtoClass(nested) ? nullErrors(item, nested, fieldPath(path, key), depth + 1) : [];
  });
}

/** A DTO class (not String, Number, an enum object or a lazy type function). */
function isDtoClass(type: unknown): type is new () => object {
  return (
    typeof type === 'function' &&
    ![String, Number, Boolean, Date, Object, Array].includes(type as never) &&
    /^class\s/.test(Function.prototype.toString.call(type))
  );
}

/**
 * The global validation: before class-validator, refuses control characters in any string of the
 * body, query or path, and `null` where the DTO does not allow it; then the usual whitelist.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const errors = [
        ...controlCharacterErrors(value, metadata.type === 'body' ? '' : (metadata.data ?? '')),
        ...(metadata.type === 'body' ? nullErrors(value, metadata.metatype) : []),
      ];
      if (errors.length > 0) throw new ValidationError(errors);
    }
    return super.transform(value, metadata);
  }
}

/** Flattens class-validator errors into `{ field: "windows[0].start", reason, code }` (code = the constraint's name). */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const field = parent
      ? segment.startsWith('[')
        ? `${parent}${segment}`
        : `${parent}.${segment}`
      : segment;
    const own = Object.entries(error.constraints ?? {}).map(([code, reason]) => {
      const reasonNl = Object.hasOwn(DUTCH_REASON, code) ? DUTCH_REASON[code](error.value) : undefined;
      return { field, reason: humanise(reason, error.property, field), code, ...(reasonNl && { reasonNl }) };
    });
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function humanise(reason: string, property: string, field: string): string {
  if (reason === `property ${property} should not exist`) return `unknown field "${field}"; remove it`;
  return reason.startsWith(`${property} `) ? reason.slice(property.length + 1) : reason;
}

/** Global validation: unknown fields are rejected, values transformed to the DTO's types. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is kept for DUTCH_REASON only; it never leaves in a response.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const detail = fieldErrors.map((error) => `${error.field}: ${error.reason}`).join('; ');
      return new ValidationError(fieldErrors, detail);
    },
  });
}

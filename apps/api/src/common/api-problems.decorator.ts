import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ErrorCode } from '@hybridmatch/core';
import { PROBLEM_CONTENT_TYPE } from './problem';

class FieldErrorDto {
  @ApiProperty({ example: 'windows[0].end' }) field: string;
  @ApiProperty({ example: 'must be later than start' }) reason: string;
  @ApiPropertyOptional({
    example: 'endNotAfterStart',
    description:
      'A stable machine code of the reason, for saying it in another language: the class-validator constraint (e.g. isCalendarDate, minLength, whitelistValidation), a format (isKvkNumber, isPostalCode, …) or the API’s own (notNull, endBeforeStart, rateReasonRequired, …; docs/ERRORS.md lists them); on a broken rule of RULES_BROKEN the rule’s code (VOG, SIX_HOUR_RULE, …; docs/RULES.md), said in Dutch by its reasonNl',
  })
  code?: string;
  @ApiPropertyOptional({ example: 14, description: 'CSV import: line in the file (header = 1)' })
  line?: number;
  @ApiPropertyOptional({ example: 'available_from', description: 'CSV import: column name' }) column?: string;
  @ApiPropertyOptional({
    example: 'De VOG van 2026-03-15 is bij de start op 2026-12-08 ouder dan 6 maanden.',
    description:
      'The reason in Dutch where it carries what a fixed sentence per code cannot: a broken rule of RULES_BROKEN (field = the rule code, reason = the English sentence), amounts (isPlausibleRate, rateReasonRequired: written the Dutch way, € 85,00)',
  })
  reasonNl?: string;
}

export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:hybridmatch:problem:validation-failed' }) type: string;
  @ApiProperty({ example: 'The request is not valid' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'windows[0].end: must be later than start' }) detail: string;
  @ApiPropertyOptional({
    example: 'Deze plaatsing kan niet worden goedgekeurd: De VOG van 2026-03-15 is bij de start …',
    description:
      'The detail in Dutch, when the error has one (RULES_BROKEN; INVALID_STATE_TRANSITION: the state the record is in; the conflicts of lessons, placements and match runs); `detail` is English',
  })
  detailNl?: string;
  @ApiProperty({ enum: ErrorCode, example: ErrorCode.ValidationFailed }) code: ErrorCode;
  @ApiProperty({
    example: '4f6c2a0e-8a53-4d5e-9f57-0c7a3d9c2b11',
    description: 'The request id, also in the logs',
  })
  correlationId: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ example: 'b3c1…', description: 'Only on 500: the id the error was logged under' })
  errorId?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: unknown fields, wrong types or values (per-field errors)',
  401: 'Not authenticated, or the token expired',
  403: 'Your role may not do this',
  404: 'Does not exist, or is outside your organisation or region',
  409: 'Conflict: duplicate, changed concurrently, or not possible in the current state',
  413: 'Request too large',
  415: 'Unsupported content type',
  422: 'The file has errors; nothing was written',
  429: 'Too many attempts',
  503: 'A dependency is down',
};

/** Documents a route's error responses; 500 is always possible. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...[...statuses, 500].map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Unexpected error; the response names an error id',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}

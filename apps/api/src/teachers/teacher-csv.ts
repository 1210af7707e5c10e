import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { DomainError, ErrorCode, FieldError } from '@hybridmatch/core';
import { CONTROL_CHARACTER, flattenValidationErrors } from '../common/validation';
import { TeacherRuleInput, teacherRuleErrors } from './teacher-rules';
import { CreateTeacherDto, CsvEncoding } from './teacher.dto';

/**
 * The teacher CSV import (format: docs/CSV-IMPORT.md). Every column is a CreateTeacherDto field in
 * snake_case, and every row goes through the same validation as the API, so a file is accepted
 * only when each of its rows would be accepted one by one.
 */

export type CsvField = Exclude<keyof CreateTeacherDto, 'companyId'>;

/** The cell's value for the DTO, or why the cell cannot be read (in English, and its code: docs/CSV-IMPORT.md). */
type CellResult = { value: unknown } | { error: string; code: string };
type CellParser = (cell: string) => CellResult;

const asText: CellParser = (cell) => ({ value: cell });
const asLowerCase: CellParser = (cell) => ({ value: cell.toLowerCase() });

const asNumber: CellParser = (cell) =>
  /^-?\d+([.,]\d+)?$/.test(cell)
    ? { value: Number(cell.replace(',', '.')) }
    : { error: `"${cell}" is not a number; write for example 6 or 6.5`, code: 'csvNumber' };

const YES = ['ja', 'j', 'yes', 'y', 'true', '1', 'x'];
const NO = ['nee', 'n', 'no', 'false', '0'];
const asYesNo: CellParser = (cell) => {
  const answer = cell.toLowerCase();
  if (YES.includes(answer)) return { value: true };
  if (NO.includes(answer)) return { value: false };
  return { error: `"${cell}" is not yes or no; write ja or nee (yes or no)`, code: 'csvYesNo' };
};

const listItems = (cell: string) =>
  cell
    .split('|')
    .map((item) => item.trim())
    .filter(Boolean);

const asLevels: CellParser = (cell) => ({ value: listItems(cell).map((level) => level.toUpperCase()) });

const asSkills: CellParser = (cell) => {
  const skills = [];
  for (const item of listItems(cell)) {
    const match = /^([^:]+):(.+)$/.exec(item);
    if (!match)
      return {
        error: `"${item}" is not written as subject:level, for example elektrotechniek:MBO3`,
        code: 'csvSkill',
      };
    skills.push({ subjectCode: match[1].trim().toLowerCase(), level: match[2].trim().toUpperCase() });
  }
  return { value: skills };
};

/** Dutch day abbreviations (and full names) or ISO numbers: Monday = ma = 1 … Sunday = zo = 7. */
const DAYS: Record<string, number> = {
  ma: 1,
  maandag: 1,
  di: 2,
  dinsdag: 2,
  wo: 3,
  woensdag: 3,
  do: 4,
  donderdag: 4,
  vr: 5,
  vrijdag: 5,
  za: 6,
  zaterdag: 6,
  zo: 7,
  zondag: 7,
  1: 1,
  2: 2,
  3: 3,
  4: 4,
  5: 5,
  6: 6,
  7: 7,
};
const padHour = (time: string) => time.padStart(5, '0');

const asWindows: CellParser = (cell) => {
  const windows = [];
  for (const item of listItems(cell)) {
    const match = /^(\S+)\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(item);
    const weekday = match && DAYS[match[1].toLowerCase()];
    if (!match || !weekday) {
      return {
        error: `"${item}" is not written as day HH:MM-HH:MM, for example ma 08:30-16:30 (days: ma di wo do vr za zo, or 1-7)`,
        code: 'csvWindow',
      };
    }
    windows.push({ weekday, start: padHour(match[2]), end: padHour(match[3]) });
  }
  return { value: windows };
};

interface ColumnSpec {
  parse: CellParser;
  /** The header must name this column. */
  requiredColumn: boolean;
  /** What an empty cell means; absent: a value is required. */
  whenEmpty?: { value: unknown };
}

const COLUMN_SPECS: Record<CsvField, ColumnSpec> = {
  employeeRef: { parse: asText, requiredColumn: true },
  firstName: { parse: asText, requiredColumn: true },
  lastName: { parse: asText, requiredColumn: true },
  email: { parse: asText, requiredColumn: false, whenEmpty: { value: undefined } },
  skills: { parse: asSkills, requiredColumn: true },
  levels: { parse: asLevels, requiredColumn: true },
  windows: { parse: asWindows, requiredColumn: true, whenEmpty: { value: [] } },
  releasedDaysPerWeek: { parse: asNumber, requiredColumn: true },
  releasedHoursPerWeek: { parse: asNumber, requiredColumn: true },
  availableFrom: { parse: asText, requiredColumn: true },
  availableUntil: { parse: asText, requiredColumn: false, whenEmpty: { value: undefined } },
  homeCity: { parse: asText, requiredColumn: true },
  homeLatitude: { parse: asNumber, requiredColumn: true },
  homeLongitude: { parse: asNumber, requiredColumn: true },
  maxTravelKm: { parse: asNumber, requiredColumn: true },
  contractHoursPerWeek: { parse: asNumber, requiredColumn: true },
  vogIssuedOn: { parse: asText, requiredColumn: false, whenEmpty: { value: undefined } },
  qualification: { parse: asLowerCase, requiredColumn: false, whenEmpty: { value: undefined } },
  qualificationSince: { parse: asText, requiredColumn: false, whenEmpty: { value: undefined } },
  hasPdc: { parse: asYesNo, requiredColumn: false, whenEmpty: { value: undefined } },
  hasHboDidactic: { parse: asYesNo, requiredColumn: false, whenEmpty: { value: undefined } },
  invite: { parse: asYesNo, requiredColumn: false, whenEmpty: { value: undefined } },
};

const CSV_FIELDS = Object.keys(COLUMN_SPECS) as CsvField[];

/** The CSV column of a DTO field: `availableFrom` → `available_from`. */
export const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const FIELD_OF_COLUMN = new Map(CSV_FIELDS.map((field) => [columnOf(field), field]));
export const CSV_REQUIRED_COLUMNS = CSV_FIELDS.filter((field) => COLUMN_SPECS[field].requiredColumn).map(
  columnOf,
);
export const CSV_OPTIONAL_COLUMNS = CSV_FIELDS.filter((field) => !COLUMN_SPECS[field].requiredColumn).map(
  columnOf,
);

/** `windows[1].end` → `windows`: the field (and so the column) an error about a nested value belongs to. */
const rootField = (field: string) => field.split(/[.[]/)[0];

/** Turns one row's cells into a plain CreateTeacherDto-shaped object, plus the cells it could not read. */
export function mapCsvRecord(
  fields: readonly CsvField[],
  cells: readonly string[],
): { plain: Record<string, unknown>; errors: FieldError[] } {
  if (cells.length !== fields.length) {
    return {
      plain: {},
      errors: [
        {
          field: 'row',
          reason: `has ${cells.length} values but the header has ${fields.length} columns`,
          code: 'csvRowLength',
        },
      ],
    };
  }
  const plain: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  fields.forEach((field, index) => {
    const cell = cells[index].trim();
    const spec = COLUMN_SPECS[field];
    const result = CONTROL_CHARACTER.test(cell)
      ? {
          error:
            'holds invisible control characters (such as NUL); type the value again, or save the file again from your spreadsheet program',
          code: 'controlCharacters',
        }
      : cell === ''
        ? (spec.whenEmpty ?? { error: 'a value is required', code: 'csvValueRequired' })
        : spec.parse(cell);
    if ('error' in result)
      errors.push({ field, column: columnOf(field), reason: result.error, code: result.code });
    else if (result.value !== undefined) plain[field] = result.value;
  });
  return { plain, errors };
}

/** Validates one mapped row like the API validates a request: DTO rules, then the cross-field rules. */
export async function validateCsvRecord(
  plain: Record<string, unknown>,
  today: string,
): Promise<{ teacher: CreateTeacherDto; errors: FieldError[] }> {
  const teacher = plainToInstance(CreateTeacherDto, plain);
  const validationErrors = await validate(teacher, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  const fieldErrors = flattenValidationErrors(validationErrors);
  const invalid = new Set(fieldErrors.map((error) => rootField(error.field)));
  const errors = [...fieldErrors, ...teacherRuleErrors(ruleInputOf(teacher, invalid), today)];
  return { teacher, errors: errors.map((error) => ({ ...error, column: columnOf(rootField(error.field)) })) };
}

/** The cross-field rules look only at fields that passed their own validation. */
function ruleInputOf(teacher: CreateTeacherDto, invalid: Set<string>): TeacherRuleInput {
  const valid = <T>(field: keyof CreateTeacherDto, value: T) => (invalid.has(field) ? undefined : value);
  const periodValid = !invalid.has('availableFrom') && !invalid.has('availableUntil');
  return {
    windows: valid('windows', teacher.windows),
    availableFrom: teacher.availableFrom,
    availableUntil: periodValid ? teacher.availableUntil : undefined,
    qualification: invalid.has('qualificationSince')
      ? undefined
      : valid('qualification', teacher.qualification),
    qualificationSince: teacher.qualificationSince,
    vogIssuedOn: valid('vogIssuedOn', teacher.vogIssuedOn),
    invite: invalid.has('email') ? undefined : valid('invite', teacher.invite),
    email: teacher.email,
  };
}

export interface CsvTeacherRow {
  /** 1-based line in the file; the header is line 1. */
  line: number;
  teacher: CreateTeacherDto;
}

export interface TeacherCsv {
  /** The fields the file's header names, in the file's order. */
  fields: CsvField[];
  rows: CsvTeacherRow[];
}

const csvInvalid = (detail: string, errors: FieldError[]) =>
  new DomainError(ErrorCode.CsvInvalid, detail, errors);

/** Rows read and validated between two turns of the event loop: a few milliseconds of work. */
const ROWS_PER_TURN = 100;
/** The decoded file is handed to the parser in pieces of this many characters. */
const PARSE_CHUNK_CHARACTERS = 64 * 1024;

/**
 * Reads a whole teacher CSV, or throws 422 CSV_INVALID listing every problem: header columns
 * first, then every bad row with its line and column. Nothing is half-accepted.
 *
 * The file is parsed as a stream and checked ROWS_PER_TURN rows at a time, giving the event loop
 * a turn in between, so a 5 MB file does not hold up the other requests the process serves.
 */
export async function readTeacherCsv(text: string, today: string): Promise<TeacherCsv> {
  let fields: CsvField[] | undefined;
  let records = 0;
  const rows: CsvTeacherRow[] = [];
  const errors: FieldError[] = [];
  const lineOfRef = new Map<string, number>();
  for await (const { line, cells } of parseRecords(text)) {
    records += 1;
    if (!fields) {
      fields = readHeader(cells);
      continue;
    }
    if (records % ROWS_PER_TURN === 0) await nextTurn();
    const mapped = mapCsvRecord(fields, cells);
    const checked = await validateCsvRecord(mapped.plain, today);
    const mappedFields = new Set(mapped.errors.map((error) => error.field));
    const rowErrors = [
      ...mapped.errors,
      ...checked.errors.filter((error) => !mappedFields.has(rootField(error.field))),
    ];
    const ref = checked.teacher.employeeRef;
    if (typeof ref === 'string' && ref !== '') {
      const firstLine = lineOfRef.get(ref);
      if (firstLine)
        rowErrors.push({
          field: 'employeeRef',
          column: 'employee_ref',
          reason: `"${ref}" is already on line ${firstLine}; list each person once`,
          code: 'csvDuplicateRef',
        });
      else lineOfRef.set(ref, line);
    }
    if (rowErrors.length) errors.push(...rowErrors.map((error) => ({ line, ...error })));
    else rows.push({ line, teacher: checked.teacher });
  }
  if (!fields)
    throw csvInvalid('The file is empty; the first line must be the header (see docs/CSV-IMPORT.md).', [
      { field: 'file', reason: 'is empty; the first line must be the header', code: 'csvEmpty' },
    ]);
  if (records === 1)
    throw csvInvalid('The file has a header but no rows.', [
      { field: 'file', reason: 'has a header but no rows', code: 'csvNoRows' },
    ]);
  if (errors.length) {
    const badRows = new Set(errors.map((error) => error.line)).size;
    throw csvInvalid(
      `${badRows} of ${records - 1} rows have errors; nothing was imported. Fix every listed row and upload the whole file again.`,
      errors,
    );
  }
  return { fields, rows };
}

/** Comma or semicolon, whichever the header line uses more (Dutch spreadsheets write semicolons). */
export function detectDelimiter(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0];
  const count = (character: string) => header.split(character).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function* piecesOf(text: string): Generator<string> {
  for (let start = 0; start < text.length; start += PARSE_CHUNK_CHARACTERS)
    yield text.slice(start, start + PARSE_CHUNK_CHARACTERS);
}

/** The file's records with their first line, parsed by csv-parse's stream API. */
async function* parseRecords(text: string): AsyncGenerator<{ line: number; cells: string[] }> {
  const parser = Readable.from(piecesOf(text)).pipe(
    parse({
      delimiter: detectDelimiter(text),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // info.lines is the record's last line; a quoted cell may span lines.
      yield { line: info.lines - (record.join('').split('\n').length - 1), cells: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const { reason, code } = csvProblem(error);
      throw csvInvalid(`The file cannot be read as CSV${line ? ` (line ${line})` : ''}: ${reason}`, [
        { field: 'file', reason, code, ...(line ? { line } : {}) },
      ]);
    }
    throw error;
  } finally {
    parser.destroy();
  }
}

/**
 * What a CSV syntax error means for the person who saved the file, and what to do: the parser's
 * own message names its internals ("Invalid Closing Quote: got \"x\" at line 3 instead of
 * delimiter, record delimiter, trimable character (if activated) or comment"). Only errors the
 * file itself can cause are listed; anything else keeps the parser's words.
 */
function csvProblem(error: CsvError): { reason: string; code: string } {
  const quotes =
    'put a cell that contains a quote, a separator or a line break between double quotes, and write a quote inside it twice ("")';
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { reason: `a quoted cell is opened but never closed; ${quotes}.`, code: 'csvQuoteNotClosed' };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return {
        reason: `a quoted cell has text after its closing quote; ${quotes}.`,
        code: 'csvTextAfterQuote',
      };
    case 'INVALID_OPENING_QUOTE':
      return {
        reason: `a cell has a double quote in the middle of unquoted text; ${quotes}.`,
        code: 'csvQuoteInText',
      };
    case 'CSV_MAX_RECORD_SIZE':
      return { reason: 'a row is too long; check for a quote that is never closed.', code: 'csvRowTooLong' };
    default:
      return { reason: error.message, code: 'csvUnreadable' };
  }
}

function readHeader(cells: string[]): CsvField[] {
  const columns = cells.map((cell) =>
    cell
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const errors: FieldError[] = [];
  const allowed = [...CSV_REQUIRED_COLUMNS, ...CSV_OPTIONAL_COLUMNS].join(', ');
  columns.forEach((column, index) => {
    if (!FIELD_OF_COLUMN.has(column))
      errors.push({
        line: 1,
        column,
        field: column,
        reason: `unknown column; the columns are: ${allowed}`,
        code: 'csvUnknownColumn',
      });
    else if (columns.indexOf(column) !== index)
      errors.push({
        line: 1,
        column,
        field: column,
        reason: 'appears twice in the header',
        code: 'csvDuplicateColumn',
      });
  });
  for (const column of CSV_REQUIRED_COLUMNS) {
    if (!columns.includes(column))
      errors.push({
        line: 1,
        column,
        field: column,
        reason: 'missing column; the header must name it',
        code: 'csvMissingColumn',
      });
  }
  if (errors.length) {
    throw csvInvalid(
      `The header (line 1) does not match the format: ${errors.map((error) => `${error.column}: ${error.reason.split(';')[0]}`).join('; ')}.`,
      errors,
    );
  }
  return columns.map((column) => FIELD_OF_COLUMN.get(column) as CsvField);
}

/**
 * The file's text and the encoding it was read in: a byte-order mark decides (UTF-8, UTF-16 LE or
 * BE, as Excel's "Unicode text" writes); without one, UTF-16 shows as a zero byte beside the
 * header's first letter; otherwise valid UTF-8 is UTF-8, and anything else is Windows-1252 (what
 * Dutch Excel saves as "CSV (puntkomma)").
 */
export function decodeCsv(body: Buffer): { text: string; encoding: CsvEncoding } {
  const encoding = encodingOf(body);
  // Both drop the byte-order mark; Node's own UTF-8 decoder is the faster.
  const text = encoding === 'utf-8' ? new TextDecoder().decode(body) : iconv.decode(body, encoding);
  return { text, encoding };
}

function encodingOf(body: Buffer): CsvEncoding {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body.length >= 2 && body[0] !== 0 && body[1] === 0) return 'utf-16le';
  if (body.length >= 2 && body[0] === 0 && body[1] !== 0) return 'utf-16be';
  return isUtf8(body) ? 'utf-8' : 'windows-1252';
}

/** The import takes the file as the request body, `Content-Type: text/csv`; anything else is a 415. */
export function requireCsvBody(contentType: string | undefined, body: unknown): Buffer {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'text/csv' || !Buffer.isBuffer(body)) {
    throw new DomainError(
      ErrorCode.UnsupportedMediaType,
      `Send the file itself as the request body with "Content-Type: text/csv" (UTF-8, UTF-16 or Windows-1252); got "${contentType ?? 'no content type'}".`,
    );
  }
  return body;
}

import { DomainError, ErrorCode } from '@hybridmatch/core';
import {
  CsvField,
  columnOf,
  decodeCsv,
  detectDelimiter,
  mapCsvRecord,
  readTeacherCsv,
  requireCsvBody,
  validateCsvRecord,
} from './teacher-csv';

const TODAY = '2026-11-27';
const HEADER =
  'employee_ref;first_name;last_name;skills;levels;windows;released_days_per_week;released_hours_per_week;available_from;home_city;home_latitude;home_longitude;max_travel_km;contract_hours_per_week';
const GOOD_ROW =
  'E-1;Sanne;de Vries;elektrotechniek:MBO3|ict:MBO4;MBO3|MBO4;ma 08:30-16:30|wo 09:00-12:00;1;6,5;2027-02-01;Utrecht;52.09;5.12;40;36';
const FIELDS = HEADER.split(';').map((column) =>
  column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
) as CsvField[];

async function csvErrorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(ErrorCode.CsvInvalid);
  return error as DomainError;
}

describe('teacher CSV mapping', () => {
  it('maps cells to the DTO shape: lists, Dutch days, decimal commas', () => {
    const { plain, errors } = mapCsvRecord(FIELDS, GOOD_ROW.split(';'));
    expect(errors).toEqual([]);
    expect(plain).toEqual({
      employeeRef: 'E-1',
      firstName: 'Sanne',
      lastName: 'de Vries',
      skills: [
        { subjectCode: 'elektrotechniek', level: 'MBO3' },
        { subjectCode: 'ict', level: 'MBO4' },
      ],
      levels: ['MBO3', 'MBO4'],
      windows: [
        { weekday: 1, start: '08:30', end: '16:30' },
        { weekday: 3, start: '09:00', end: '12:00' },
      ],
      releasedDaysPerWeek: 1,
      releasedHoursPerWeek: 6.5,
      availableFrom: '2027-02-01',
      homeCity: 'Utrecht',
      homeLatitude: 52.09,
      homeLongitude: 5.12,
      maxTravelKm: 40,
      contractHoursPerWeek: 36,
    });
  });

  it('reads ISO day numbers, full Dutch day names and single-digit hours', () => {
    const { plain } = mapCsvRecord(['windows'], ['5 8:00-12:00 | Donderdag 13:00 - 17:00']);
    expect(plain.windows).toEqual([
      { weekday: 5, start: '08:00', end: '12:00' },
      { weekday: 4, start: '13:00', end: '17:00' },
    ]);
  });

  it('names the column of a cell it cannot read, and a missing required value', () => {
    const { errors } = mapCsvRecord(
      ['skills', 'windows', 'maxTravelKm', 'firstName'],
      ['elektrotechniek', 'maandagmiddag', 'veertig', ' '],
    );
    expect(errors).toEqual([
      {
        field: 'skills',
        column: 'skills',
        reason: expect.stringContaining('elektrotechniek:MBO3'),
        code: 'csvSkill',
      },
      {
        field: 'windows',
        column: 'windows',
        reason: expect.stringContaining('ma 08:30-16:30'),
        code: 'csvWindow',
      },
      {
        field: 'maxTravelKm',
        column: 'max_travel_km',
        reason: expect.stringContaining('not a number'),
        code: 'csvNumber',
      },
      { field: 'firstName', column: 'first_name', reason: 'a value is required', code: 'csvValueRequired' },
    ]);
  });

  it('treats empty optional cells as absent and an empty windows cell as no windows', () => {
    expect(mapCsvRecord(['email', 'availableUntil', 'windows'], ['', '', '']).plain).toEqual({ windows: [] });
  });

  it('refuses a row with more or fewer values than the header', () => {
    expect(mapCsvRecord(['firstName', 'lastName'], ['Sanne']).errors).toEqual([
      { field: 'row', reason: 'has 1 values but the header has 2 columns', code: 'csvRowLength' },
    ]);
  });

  it('writes DTO fields as snake_case columns', () => {
    expect(columnOf('contractHoursPerWeek')).toBe('contract_hours_per_week');
  });

  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter(`${HEADER}\n`)).toBe(';');
    expect(detectDelimiter('employee_ref,first_name\n"a;b",c')).toBe(',');
  });
});

describe('teacher CSV row validation', () => {
  it('applies the DTO rules and the cross-field rules and points at the column', async () => {
    const { plain } = mapCsvRecord(
      FIELDS,
      GOOD_ROW.replace('elektrotechniek:MBO3', 'bakken:MBO3')
        .replace('wo 09:00-12:00', 'wo 12:00-09:00')
        .split(';'),
    );
    const { errors } = await validateCsvRecord(plain, TODAY);
    expect(errors).toEqual([
      {
        field: 'skills[0].subjectCode',
        column: 'skills',
        reason: expect.stringContaining('GET /api/subjects'),
        code: 'isIn',
      },
      {
        field: 'windows[1].end',
        column: 'windows',
        reason: 'must be later than start (12:00)',
        code: 'endNotAfterStart',
      },
    ]);
  });
});

describe('readTeacherCsv', () => {
  it('reads a whole file with 1-based line numbers, skipping blank lines', async () => {
    const csv = `\ufeff${HEADER}\r\n${GOOD_ROW}\r\n\r\n${GOOD_ROW.replace('E-1', 'E-2')}\r\n`;
    const { fields, rows } = await readTeacherCsv(csv, TODAY);
    expect(fields).toEqual(FIELDS);
    expect(rows.map((row) => [row.line, row.teacher.employeeRef])).toEqual([
      [2, 'E-1'],
      [4, 'E-2'],
    ]);
  });

  it('lists every bad row and a duplicate employee_ref on its later line', async () => {
    const csv = [
      HEADER,
      GOOD_ROW,
      GOOD_ROW.replace('2027-02-01', '01-02-2027').replace('E-1', 'E-2'),
      GOOD_ROW,
    ].join('\n');
    const error = await csvErrorOf(readTeacherCsv(csv, TODAY));
    expect(error.errors).toEqual([
      {
        line: 3,
        field: 'availableFrom',
        column: 'available_from',
        reason: expect.stringContaining('YYYY-MM-DD'),
        code: 'isCalendarDate',
      },
      {
        line: 4,
        field: 'employeeRef',
        column: 'employee_ref',
        reason: '"E-1" is already on line 2; list each person once',
        code: 'csvDuplicateRef',
      },
    ]);
    expect(error.detail).toContain('2 of 3 rows');
  });

  it('names unknown, repeated and missing header columns', async () => {
    const header =
      HEADER.replace('home_city', 'woonplaats').replace('first_name', 'First Name') + ';email;email';
    const error = await csvErrorOf(
      readTeacherCsv(`${header}\n${GOOD_ROW};a@example.com;a@example.com`, TODAY),
    );
    expect(
      error.errors?.map((problem) => [problem.column, problem.reason.split(';')[0], problem.code]),
    ).toEqual([
      ['woonplaats', 'unknown column', 'csvUnknownColumn'],
      ['email', 'appears twice in the header', 'csvDuplicateColumn'],
      ['home_city', 'missing column', 'csvMissingColumn'],
    ]);
  });

  it('refuses an empty file, a file without rows and a broken quote', async () => {
    const empty = await csvErrorOf(readTeacherCsv('', TODAY));
    expect(empty.errors).toEqual([
      { field: 'file', reason: expect.stringMatching(/^is empty/), code: 'csvEmpty' },
    ]);
    const noRows = await csvErrorOf(readTeacherCsv(`${HEADER}\n`, TODAY));
    expect(noRows.errors).toEqual([{ field: 'file', reason: 'has a header but no rows', code: 'csvNoRows' }]);
    const broken = await csvErrorOf(readTeacherCsv(`${HEADER}\n"E-1;Sanne`, TODAY));
    expect(broken.errors).toEqual([
      {
        field: 'file',
        line: 2,
        reason: expect.stringContaining('opened but never closed'),
        code: 'csvQuoteNotClosed',
      },
    ]);
  });
});

describe('decodeCsv', () => {
  const text = 'first_name;last_name\nRenée;Hoëk\n';

  it.each([
    ['utf-8', Buffer.from(text)],
    ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['utf-16le', Buffer.from(text, 'utf16le')],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['utf-16be', Buffer.from(text, 'utf16le').swap16()],
    ['windows-1252', Buffer.from(text, 'latin1')],
  ])('reads %s (byte-order mark, zero bytes, valid UTF-8, else Windows-1252)', (encoding, bytes) => {
    expect(decodeCsv(bytes)).toEqual({ text, encoding });
  });

  it('reads the euro sign of Windows-1252 (0x80), which Latin-1 lacks', () => {
    expect(decodeCsv(Buffer.from([0x80, 0x20, 0x35]))).toEqual({ text: '€ 5', encoding: 'windows-1252' });
  });
});

describe('requireCsvBody', () => {
  it('accepts text/csv with a charset and refuses anything else with 415', () => {
    const file = Buffer.from('a,b');
    expect(requireCsvBody('text/csv; charset=utf-8', file)).toBe(file);
    for (const [contentType, body] of [
      ['application/json', { rows: [] }],
      ['text/plain', file],
      ['text/csv', 'a,b'],
      [undefined, undefined],
    ] as const) {
      expect(() => requireCsvBody(contentType, body)).toThrow(
        expect.objectContaining({ code: ErrorCode.UnsupportedMediaType }),
      );
    }
  });
});

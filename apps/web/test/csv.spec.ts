import { decodeCsv, splitCsv } from '../src/company/csv';

describe('web app: reading a staff CSV to show it beside the import errors', () => {
  it('splits lines and cells with the header’s delimiter, quotes and blank lines, numbering lines as the file does', () => {
    const text =
      'employee_ref;first_name;note\r\nE-1;Sanne;"a; b"\r\n\r\nE-2;"Mo ""Mo""";"two\nlines"\nE-3;Femke;\n';
    expect(splitCsv(text)).toEqual([
      { line: 1, cells: ['employee_ref', 'first_name', 'note'] },
      { line: 2, cells: ['E-1', 'Sanne', 'a; b'] },
      { line: 4, cells: ['E-2', 'Mo "Mo"', 'two\nlines'] },
      { line: 6, cells: ['E-3', 'Femke', ''] },
    ]);
    expect(splitCsv('a,b\n1,2')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
    ]);
  });

  it('reads UTF-8, UTF-16 with a byte-order mark, and else Windows-1252 (as the API does)', () => {
    expect(decodeCsv(new Uint8Array(Buffer.from('Zoë;€', 'utf8')))).toBe('Zoë;€');
    expect(decodeCsv(new Uint8Array([0xff, 0xfe, ...Buffer.from('Zoë', 'utf16le')]))).toBe('Zoë');
    // Not valid UTF-8 (a lone 0xeb): read as Windows-1252. (Node's decoder maps 0x80 to U+0080, browsers to €.)
    expect(decodeCsv(new Uint8Array([0x5a, 0x6f, 0xeb, 0x3b, 0x31]))).toBe('Zoë;1');
  });
});

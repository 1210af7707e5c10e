/**
 * Reading a staff CSV in the browser, only to show it beside the API's findings: the API decides
 * what the file means (docs/CSV-IMPORT.md); this shows its lines as the person saved them.
 */

/** The text of a file as the API reads it: a byte-order mark first, else UTF-8 if valid, else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** One line of the file: its number (the header is line 1) and its cells. */
export interface CsvLine {
  line: number;
  cells: string[];
}

/**
 * The file's lines split into cells: the delimiter (`;` or `,`) taken from the header, `"` quoting
 * with `""` for a quote. A quoted cell over several lines counts as the line it starts on.
 */
export function splitCsv(text: string): CsvLine[] {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  const lines: CsvLine[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let at = 0; at < body.length; at += 1) {
    const char = body[at];
    if (quoted) {
      if (char === '"' && body[at + 1] === '"') {
        cell += '"';
        at += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        cell += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[at + 1] === '\n') at += 1;
      cells.push(cell);
      if (cells.some((value) => value !== '')) lines.push({ line: start, cells });
      cells = [];
      cell = '';
      line += 1;
      start = line;
    } else cell += char;
  }
  cells.push(cell);
  if (cells.some((value) => value !== '')) lines.push({ line: start, cells });
  return lines;
}

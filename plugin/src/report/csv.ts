// CSV as the audit pack writes it and as Bulk API 2.0 sends it: RFC 4180 (comma, CRLF between
// records, a field quoted when it holds a comma, quote or line break, "" for a quote inside), and
// OWASP CSV-injection neutralisation: text that a spreadsheet would run as a formula gets a leading '.

/** Starts of a cell that spreadsheets treat as a formula or control: = + - @ tab CR LF. */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Text safe to open in a spreadsheet: a leading ' when it starts like a formula. Numbers are written
 * as numbers by the caller and never pass through here, so a negative amount stays a number.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CellValue = string | number | boolean | null | undefined;

/** Text as one RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV field for people to open: numbers and booleans as they are, text neutralised and quoted. */
export function csvCell(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quoteField(neutralise(value));
}

/** One CSV record, ended by CRLF as RFC 4180 says. */
export function csvRow(values: readonly CellValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * Parses CSV text (comma-separated, LF or CRLF, RFC 4180 quoting) into rows of fields. A field that
 * starts with a quote runs to the closing quote; "" inside it is one quote. A trailing line break
 * does not make an empty last row.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    let field: string;
    if (text[i] === '"') {
      let end = i + 1;
      let value = '';
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote < 0) throw new SyntaxError(`CSV: unterminated quoted field at offset ${i}`);
        value += text.slice(end, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          end = quote + 2;
        } else {
          end = quote + 1;
          break;
        }
      }
      field = value;
      i = end;
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      if (i === n) row.push('');
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    rows.push(row);
    row = [];
  }
  if (row.length) rows.push(row);
  return rows;
}

/**
 * Parses CSV that arrives in pieces (an HTTP body, a file read in chunks): each push returns the
 * records completed so far. A line break ends a record only outside quotes, so quoted fields with
 * line breaks survive the piece boundaries.
 */
export class CsvChunker {
  private carry = '';

  public push(text: string): string[][] {
    const all = this.carry + text;
    const end = lastRecordEnd(all);
    this.carry = all.slice(end);
    return end ? parseCsv(all.slice(0, end)) : [];
  }

  public end(): string[][] {
    const rest = this.carry;
    this.carry = '';
    return rest ? parseCsv(rest) : [];
  }
}

/** Offset just after the last line break outside quotes (0 when there is none). */
function lastRecordEnd(text: string): number {
  let quoted = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) last = i + 1;
  }
  return last;
}

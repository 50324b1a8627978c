// CSV as Bulk API 2.0 sends and takes it: RFC 4180 (comma, CRLF between records, a field quoted when
// it holds a comma, quote or line break, "" for a quote inside), parsed whole or as it arrives. The
// audit pack reads its own CSV files back with the same parser (report/files.ts).

/** Text as one RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Parses CSV text (comma-separated, LF or CRLF, RFC 4180 quoting) into rows of fields. A field that
 * starts with a quote runs to the closing quote; "" inside it is one quote. A trailing line break
 * does not make an empty last row.
 */
export function parseCsv(text: string): string[][] {
  return parseRecords(text, true).rows;
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
    const { rows, consumed } = parseRecords(all, false);
    this.carry = all.slice(consumed);
    return rows;
  }

  public end(): string[][] {
    const rest = this.carry;
    this.carry = '';
    return rest ? parseCsv(rest) : [];
  }
}

/**
 * One pass over the text. When `final` is false the text may stop inside a record: that record is
 * left out and `consumed` says where it starts, so the caller keeps it for the next piece.
 */
function parseRecords(text: string, final: boolean): { rows: string[][]; consumed: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let recordStart = i;
  const n = text.length;
  const partial = () => ({ rows, consumed: recordStart });
  // Where the next quote and CR are (-1: none left), found again only once passed.
  let nextQuote = -2;
  let nextCr = -2;
  while (i < n) {
    if (!row.length) {
      // Most records are a line without quotes or a lone CR: one split reads it (the loop below
      // costs three times as much per record).
      const lf = text.indexOf('\n', i);
      if (lf >= 0) {
        if (nextQuote !== -1 && nextQuote < i) nextQuote = text.indexOf('"', i);
        if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf('\r', i);
        if ((nextQuote === -1 || nextQuote > lf) && (nextCr === -1 || nextCr >= lf - 1)) {
          rows.push(text.slice(i, nextCr === lf - 1 ? lf - 1 : lf).split(','));
          i = lf + 1;
          recordStart = i;
          continue;
        }
      }
    }
    let field: string;
    if (text.charCodeAt(i) === 34) {
      let end = i + 1;
      let value = '';
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote < 0) {
          if (!final) return partial();
          throw new SyntaxError(`CSV: unterminated quoted field at offset ${i}`);
        }
        if (quote + 1 === n && !final) return partial();
        value += text.slice(end, quote);
        if (text.charCodeAt(quote + 1) === 34) {
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
      for (let c = text.charCodeAt(end); end < n && c !== 44 && c !== 10 && c !== 13; c = text.charCodeAt(++end));
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    const next = text.charCodeAt(i);
    if (next === 44) {
      i++;
      if (i === n) {
        if (!final) return partial();
        row.push('');
      }
      continue;
    }
    if (i === n) break;
    if (next === 13) {
      i++;
      if (i === n && !final) return partial();
    }
    if (text.charCodeAt(i) === 10) i++;
    rows.push(row);
    row = [];
    recordStart = i;
  }
  if (!final) return partial();
  if (row.length) rows.push(row);
  return { rows, consumed: n };
}

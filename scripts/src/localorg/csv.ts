// Salesforce's CSV dialect for Bulk API 2.0: an incremental parser (job data arrives as one large
// upload and is processed in slices, so rows are produced chunk by chunk without splitting the whole
// text first) and the writers for what Salesforce sends back.
//
// The dialect: RFC 4180 quoting (a field that starts with a double quote is quoted; "" inside it is a
// quote; delimiters and line breaks inside it are data), one of six column delimiters, rows ended by
// LF or CRLF, an optional UTF-8 byte-order mark, and no trimming ("a, b" has the value " b").
// Malformed rows (a quote inside an unquoted field, text after a closing quote, an unterminated
// quoted field) are returned with an `error` so the caller decides what Salesforce would do.

/** The column delimiters Bulk API 2.0 accepts, by the names jobs use. */
export const COLUMN_DELIMITERS = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
} as const;

export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;

export type LineEnding = keyof typeof LINE_ENDINGS;

export function isColumnDelimiter(name: unknown): name is ColumnDelimiter {
  return typeof name === 'string' && Object.hasOwn(COLUMN_DELIMITERS, name);
}

export function isLineEnding(name: unknown): name is LineEnding {
  return name === 'LF' || name === 'CRLF';
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts (quoted line breaks make records span lines). */
  line: number;
  /** How the record ended: LF, CRLF, or the end of the data. */
  terminator: 'LF' | 'CRLF' | 'EOF';
  /** Why the record is malformed, if it is. */
  error?: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

const STATE = {
  fieldStart: 0,
  unquoted: 1,
  quoted: 2,
  /** A quote inside a quoted field: either the first half of "" or the closing quote. */
  quoteInQuoted: 3,
} as const;
type State = (typeof STATE)[keyof typeof STATE];

function countLineFeeds(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Incremental CSV parser: `push` chunks as they come, `end` once; each call returns the records it
 * completed. Chunks may split a record anywhere, including inside a quoted field or between CR and LF.
 */
export class CsvParser {
  private readonly delimiter: number;
  private state: State = STATE.fieldStart;
  private fields: string[] = [];
  private field = '';
  private inRecord = false;
  private sawQuote = false;
  private error: string | undefined;
  private line = 1;
  private recordLine = 1;
  private started = false;
  /** A CR at the end of a chunk waits for the next one: it may be the first half of CRLF. */
  private carry = '';

  constructor(delimiter: string) {
    if (delimiter.length !== 1) throw new Error(`A column delimiter is one character, not '${delimiter}'`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: string): CsvRecord[] {
    return this.consume(chunk, false);
  }

  end(): CsvRecord[] {
    return this.consume('', true);
  }

  private consume(chunk: string, final: boolean): CsvRecord[] {
    let text = this.carry + chunk;
    this.carry = '';
    if (!this.started) {
      if (text.length === 0 && !final) return [];
      this.started = true;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    if (!final && text.charCodeAt(text.length - 1) === CR) {
      this.carry = '\r';
      text = text.slice(0, -1);
    }
    const out: CsvRecord[] = [];
    let i = 0;
    while (i < text.length) i = this.step(text, i, out);
    if (final) this.finish(out);
    return out;
  }

  /** Consumes what it can from position i and returns the next position. */
  private step(text: string, i: number, out: CsvRecord[]): number {
    if (!this.inRecord) {
      this.inRecord = true;
      this.recordLine = this.line;
    }
    switch (this.state) {
      case STATE.fieldStart:
        if (text.charCodeAt(i) === QUOTE) {
          this.state = STATE.quoted;
          this.sawQuote = true;
          return i + 1;
        }
        this.state = STATE.unquoted;
        return i;
      case STATE.unquoted:
        return this.stepUnquoted(text, i, out);
      case STATE.quoted: {
        const quote = text.indexOf('"', i);
        const end = quote === -1 ? text.length : quote;
        const piece = text.slice(i, end);
        this.field += piece;
        this.line += countLineFeeds(piece);
        if (quote === -1) return end;
        this.state = STATE.quoteInQuoted;
        return quote + 1;
      }
      case STATE.quoteInQuoted: {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          this.field += '"';
          this.state = STATE.quoted;
          return i + 1;
        }
        const next = this.stepSeparator(text, i, out);
        if (next !== i) return next;
        // Text after a closing quote ("a"b): Salesforce rejects it; keep it so the row can be reported.
        this.flag(`unexpected character after a closing double quote on line ${this.line}`);
        this.state = STATE.unquoted;
        return i;
      }
    }
  }

  private stepUnquoted(text: string, i: number, out: CsvRecord[]): number {
    let j = i;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === this.delimiter || c === LF || c === CR || c === QUOTE) break;
      j++;
    }
    this.field += text.slice(i, j);
    if (j === text.length) return j;
    if (text.charCodeAt(j) === QUOTE) {
      // A quote may only open a field ("a "quoted" word" and ' "x"' are errors on Salesforce).
      this.flag(`unexpected double quote inside an unquoted field on line ${this.line}`);
      this.field += '"';
      return j + 1;
    }
    const next = this.stepSeparator(text, j, out);
    if (next !== j) return next;
    // A CR not followed by LF is data.
    this.field += '\r';
    return j + 1;
  }

  /** Ends the field or the record if text[i] is a delimiter or a line end; returns i otherwise. */
  private stepSeparator(text: string, i: number, out: CsvRecord[]): number {
    const c = text.charCodeAt(i);
    if (c === this.delimiter) {
      this.endField();
      this.state = STATE.fieldStart;
      return i + 1;
    }
    if (c === LF) {
      this.endRecord(out, 'LF');
      this.line++;
      return i + 1;
    }
    if (c === CR && text.charCodeAt(i + 1) === LF) {
      this.endRecord(out, 'CRLF');
      this.line++;
      return i + 2;
    }
    // A CR at the very end of the data (only the final call sees one: others carry it over).
    if (c === CR && i + 1 === text.length) {
      this.endRecord(out, 'EOF');
      return i + 1;
    }
    return i;
  }

  private finish(out: CsvRecord[]): void {
    if (!this.inRecord) return;
    if (this.state === STATE.quoted) this.flag(`unterminated quoted field starting on line ${this.recordLine}`);
    this.endRecord(out, 'EOF');
  }

  private flag(message: string): void {
    this.error ??= message;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
  }

  private endRecord(out: CsvRecord[], terminator: CsvRecord['terminator']): void {
    this.endField();
    const blank = this.fields.length === 1 && this.fields[0] === '' && !this.sawQuote;
    // Blank lines carry no record (a file's final line break is the common case).
    if (!blank) {
      const record: CsvRecord = { fields: this.fields, line: this.recordLine, terminator };
      if (this.error) record.error = this.error;
      out.push(record);
    }
    this.fields = [];
    this.state = STATE.fieldStart;
    this.inRecord = false;
    this.sawQuote = false;
    this.error = undefined;
  }
}

/** Parses a whole text (tests and small inputs). */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const parser = new CsvParser(delimiter);
  return [...parser.push(text), ...parser.end()];
}

/** Splits a large text into chunks and yields its records lazily, so callers can stop and resume. */
export function* csvRecords(text: string, delimiter: string, chunkSize = 1 << 20): Generator<CsvRecord> {
  const parser = new CsvParser(delimiter);
  for (let offset = 0; offset < text.length; offset += chunkSize)
    yield* parser.push(text.slice(offset, offset + chunkSize));
  yield* parser.end();
}

// ---------------------------------------------------------------- writing

/** A value quoted the way Salesforce writes data cells: always in double quotes, quotes doubled. */
export function quoteCsv(value: string): string {
  return value.includes('"') ? `"${value.replace(/"/g, '""')}"` : `"${value}"`;
}

/** A header cell echoed from the upload: as written, quoted only when it has to be. */
export function headerCell(name: string, delimiter: string): string {
  return name.includes(delimiter) || /["\r\n]/.test(name) ? quoteCsv(name) : name;
}

/** A query result cell: null as an empty field, everything else quoted (booleans as true/false). */
export function resultCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return quoteCsv(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `"${String(value)}"`;
  return quoteCsv(JSON.stringify(value));
}

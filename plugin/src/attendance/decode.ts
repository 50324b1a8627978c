// The bytes of a webinar platform's export, as rows of fields. The platforms write different
// encodings (Teams' downloaded attendance report is UTF-16LE with a byte-order mark and tab-separated;
// Zoom and Webex write UTF-8 CSV; a file re-saved by a spreadsheet may be either, with ; in locales
// whose decimal mark is a comma), so the encoding and the separator are detected, never assumed.
// Quoting follows RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): a field in double quotes may hold
// the separator, line breaks and "" for one quote. Pure: no I/O.
import { AttendanceFileError } from './types.ts';
import type { DecodedTable, FieldSeparator, TextEncoding } from './types.ts';

/** The encoding a file's bytes are in, and whether a byte-order mark said so. */
export interface DetectedEncoding {
  encoding: TextEncoding;
  bom: boolean;
}

/** How many leading bytes the NUL-pattern test of BOM-less UTF-16 looks at: a header row fits. */
const SNIFF_BYTES = 4096;

/**
 * The encoding from the byte-order mark (EF BB BF, FF FE, FE FF), else from the NUL bytes: text that
 * is mostly ASCII, written as UTF-16 without a mark, has a NUL in every other byte — the odd ones in
 * little-endian, the even ones in big-endian. UTF-8 text has no NUL at all. Anything else is UTF-8.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const pairs = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  // Half the pairs or more with a NUL on one side and (almost) none on the other: non-Latin names
  // may fill both bytes of some characters, but a header row of ASCII column names never does.
  if (pairs > 0 && oddNuls * 2 >= pairs && evenNuls * 10 <= oddNuls) return { encoding: 'utf-16le', bom: false };
  if (pairs > 0 && evenNuls * 2 >= pairs && oddNuls * 10 <= evenNuls) return { encoding: 'utf-16be', bom: false };
  return { encoding: 'utf-8', bom: false };
}

/** The text of the bytes; bytes that are not valid in the detected encoding are refused, not replaced. */
export function decodeText(bytes: Uint8Array, detected: DetectedEncoding): string {
  // TextDecoder drops a leading byte-order mark itself (ignoreBOM false); fatal refuses bad bytes
  // rather than writing U+FFFD into a doctor's name.
  const decoder = new TextDecoder(detected.encoding, { fatal: true, ignoreBOM: false });
  try {
    return decoder.decode(bytes);
  } catch {
    throw new AttendanceFileError(
      'encoding',
      `The file is not valid ${detected.encoding.toUpperCase()} text${detected.bom ? ' (its byte-order mark says it is)' : ''}.`,
      { value: detected.encoding },
    );
  }
}

/** The separators a file may use, in the order a tie is settled: tab is never in a column name or a title. */
const SEPARATORS: readonly FieldSeparator[] = ['\t', ',', ';'];

/** How many non-blank lines from the top the separator is chosen from: past Teams' summary, into its rows. */
const SEPARATOR_SNIFF_LINES = 20;

/**
 * The separator: the one found outside quotes in the most of the first 20 non-blank lines, ties to
 * tab, then comma, then semicolon. Counted per line, not per character and not from the first line
 * alone: a Teams report's summary line "Meeting title<TAB>Heart failure, diabetes, and the kidney"
 * holds more commas than tabs, but every line of the report below it has tabs.
 */
export function detectSeparator(text: string): FieldSeparator {
  const linesWith = new Map<FieldSeparator, number>(SEPARATORS.map((s) => [s, 0]));
  let inLine = new Set<FieldSeparator>();
  let blank = true;
  let lines = 0;
  let quoted = false;
  const endLine = (): void => {
    for (const separator of inLine) linesWith.set(separator, (linesWith.get(separator) ?? 0) + 1);
    if (!blank) lines++;
    inLine = new Set();
    blank = true;
  };
  for (let i = 0; i < text.length && lines < SEPARATOR_SNIFF_LINES; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) endLine();
    else if (!quoted && (SEPARATORS as readonly string[]).includes(ch)) inLine.add(ch as FieldSeparator);
    if (ch !== '\n' && ch !== '\r' && ch.trim() !== '') blank = false;
  }
  if (lines < SEPARATOR_SNIFF_LINES) endLine();
  let best: FieldSeparator = ',';
  let bestLines = 0;
  for (const separator of SEPARATORS) {
    const count = linesWith.get(separator) ?? 0;
    if (count > bestLines) [best, bestLines] = [separator, count];
  }
  return best;
}

type Row = DecodedTable['rows'][number];

/**
 * The rows of the text, RFC 4180 quoting understood. Each row carries the 1-based line it starts on.
 * Line breaks are CRLF, LF or a lone CR. A quote inside an unquoted field is kept as text, and text
 * after a closing quote joins the field (spreadsheets write both); an unclosed quote is refused, since
 * the rest of the file would be one field.
 */
export function splitRows(text: string, separator: FieldSeparator): Row[] {
  const rows: Row[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  // Whether the row has anything yet: an empty line is the row [], not [''].
  let started = false;
  const endRow = (): void => {
    if (started) fields.push(field);
    rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      started = true;
    } else if (ch === separator) {
      fields.push(field);
      field = '';
      started = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += ch;
      started = true;
    }
  }
  if (quoted)
    throw new AttendanceFileError('bad-value', `A quoted field starting on line ${rowLine} is never closed.`, {
      line: rowLine,
    });
  // The last row, unless the text ended with a line break (which ends a row, not starts one).
  if (started) endRow();
  return rows;
}

/**
 * A webinar export's bytes, decoded and split into rows: the encoding from the byte-order mark or the
 * NUL pattern, the separator from the header row. A file with no field in it is refused as empty.
 */
export function decodeTable(bytes: Uint8Array): DecodedTable {
  const detected = detectEncoding(bytes);
  const text = decodeText(bytes, detected);
  const separator = detectSeparator(text);
  const rows = splitRows(text, separator);
  if (!rows.some((row) => row.fields.some((field) => field.trim() !== ''))) {
    throw new AttendanceFileError('empty', 'The file has no rows.');
  }
  return { encoding: detected.encoding, bom: detected.bom, separator, rows };
}

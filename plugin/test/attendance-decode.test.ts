// Decoding a webinar export's bytes: the encoding from the byte-order mark or the NUL pattern, the
// separator most of the first lines have, RFC 4180 quoting, line numbers for messages, and the refusals.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeTable, detectEncoding, detectSeparator, splitRows } from '../src/attendance/decode.ts';
import { readWebinarReport } from '../src/attendance/report.ts';
import { AttendanceFileError } from '../src/attendance/types.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const withBom = (bom: number[], body: Uint8Array): Uint8Array => new Uint8Array([...bom, ...body]);

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[i * 2 + (endian === 'le' ? 0 : 1)] = unit & 0xff;
    bytes[i * 2 + (endian === 'le' ? 1 : 0)] = unit >> 8;
  }
  return bytes;
}

const fieldsOf = (bytes: Uint8Array): string[][] => decodeTable(bytes).rows.map((row) => [...row.fields]);

const SAMPLE = 'Name\tEmail\r\nDr. Ana Müller\tana.muller@example.org\r\nJosé Núñez\t\r\n';
const SAMPLE_FIELDS = [
  ['Name', 'Email'],
  ['Dr. Ana Müller', 'ana.muller@example.org'],
  ['José Núñez', ''],
];

function assertAttendanceError(fn: () => unknown, kind: AttendanceFileError['kind'], detail?: object): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AttendanceFileError, `expected an AttendanceFileError, got ${String(error)}`);
    assert.equal(error.kind, kind);
    if (detail) assert.deepEqual({ ...error.detail, ...detail }, error.detail);
    return true;
  });
}

describe('decodeTable: encodings', () => {
  it('reads UTF-8 without a byte-order mark', () => {
    const table = decodeTable(utf8(SAMPLE));
    assert.equal(table.encoding, 'utf-8');
    assert.equal(table.bom, false);
    assert.deepEqual(fieldsOf(utf8(SAMPLE)), SAMPLE_FIELDS);
  });

  it('reads UTF-8 with a byte-order mark and drops the mark from the first column name', () => {
    const bytes = withBom([0xef, 0xbb, 0xbf], utf8(SAMPLE));
    const table = decodeTable(bytes);
    assert.deepEqual([table.encoding, table.bom], ['utf-8', true]);
    assert.equal(table.rows[0].fields[0], 'Name');
    assert.deepEqual(fieldsOf(bytes), SAMPLE_FIELDS);
  });

  it('reads UTF-16LE with a byte-order mark (the Teams download)', () => {
    const bytes = withBom([0xff, 0xfe], utf16(SAMPLE, 'le'));
    const table = decodeTable(bytes);
    assert.deepEqual([table.encoding, table.bom, table.separator], ['utf-16le', true, '\t']);
    assert.deepEqual(fieldsOf(bytes), SAMPLE_FIELDS);
  });

  it('reads UTF-16BE with a byte-order mark', () => {
    const bytes = withBom([0xfe, 0xff], utf16(SAMPLE, 'be'));
    const table = decodeTable(bytes);
    assert.deepEqual([table.encoding, table.bom], ['utf-16be', true]);
    assert.deepEqual(fieldsOf(bytes), SAMPLE_FIELDS);
  });

  it('recognises UTF-16LE and UTF-16BE without a byte-order mark by their NUL bytes', () => {
    for (const endian of ['le', 'be'] as const) {
      const table = decodeTable(utf16(SAMPLE, endian));
      assert.deepEqual([table.encoding, table.bom], [`utf-16${endian}`, false]);
      assert.deepEqual(fieldsOf(utf16(SAMPLE, endian)), SAMPLE_FIELDS);
    }
  });

  it('keeps names in non-Latin scripts intact in UTF-16 without a mark', () => {
    const text = 'Name,Email\nअनन्या अय्यर,ananya.iyer@example.org\n';
    assert.equal(detectEncoding(utf16(text, 'le')).encoding, 'utf-16le');
    assert.deepEqual(fieldsOf(utf16(text, 'le'))[1], ['अनन्या अय्यर', 'ananya.iyer@example.org']);
  });

  it('refuses bytes that are not valid UTF-8 instead of replacing them', () => {
    // "Müller" in Latin-1: FC is not a valid UTF-8 byte on its own.
    const latin1 = new Uint8Array([...utf8('Name\nM'), 0xfc, ...utf8('ller\n')]);
    assertAttendanceError(() => decodeTable(latin1), 'encoding', { value: 'utf-8' });
  });

  it('refuses UTF-16 cut in the middle of a character', () => {
    const odd = withBom([0xff, 0xfe], utf16('Name\n', 'le')).subarray(0, 7);
    assertAttendanceError(() => decodeTable(odd), 'encoding', { value: 'utf-16le' });
  });
});

describe('decodeTable: separators', () => {
  it('detects tab, comma and semicolon from the header row', () => {
    assert.equal(decodeTable(utf8('Name\tEmail\tJoin time\n')).separator, '\t');
    assert.equal(decodeTable(utf8('Name,Email,Join time\n')).separator, ',');
    assert.equal(decodeTable(utf8('Name;Email;Join time\n')).separator, ';');
  });

  it('ignores separators inside quotes when counting', () => {
    assert.equal(detectSeparator('"Name, first; last";Email\n'), ';');
    assert.equal(detectSeparator('"a,b,c,d"\tEmail\n'), '\t');
  });

  it('a line without a separator above the header (Teams\' "1. Summary") does not count', () => {
    const text = '1. Summary\nMeeting title\tGrand Rounds, Cardiology\n';
    assert.equal(detectSeparator(text), '\t');
    assert.deepEqual(splitRows(text, '\t')[1].fields, ['Meeting title', 'Grand Rounds, Cardiology']);
  });

  it("takes the separator most lines have, not the first line's most frequent (a title with commas)", () => {
    const title = 'Heart failure, diabetes, and the kidney';
    const text = readFileSync(fileURLToPath(new URL('data/attendance/teams-attendance.csv', import.meta.url)))
      .toString('utf16le')
      .replace('Grand Rounds: Diabetes Care', title);
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    assert.equal(decodeTable(bytes).separator, '\t');
    const report = readWebinarReport(bytes, { timeZone: 'America/Chicago' });
    assert.equal(report.meeting.title, title);
    assert.deepEqual(
      report.participants.map((p) => p.name),
      ['Ana Müller', 'Núñez, José', 'Ananya Iyer'],
    );
    // A tie between lines with tabs and lines with commas goes to tab, then comma before semicolon.
    assert.equal(detectSeparator('a\tb\nc,d\n'), '\t');
    assert.equal(detectSeparator('a;b\nc,d\n'), ',');
    assert.equal(detectSeparator('a;b\nc;d\ne,f\n'), ';');
  });

  it('falls back to comma for a file of one column', () => {
    assert.equal(decodeTable(utf8('Name\nAnanya Iyer\n')).separator, ',');
  });
});

describe('decodeTable: RFC 4180 quoting and line numbers', () => {
  it('reads quoted separators, doubled quotes and line breaks inside quotes', () => {
    const text = 'Name,Comment\r\n"Müller, Ana","She said ""great""\r\nand left"\r\n"Núñez, José",\r\n';
    const rows = decodeTable(utf8(text)).rows;
    assert.deepEqual(
      rows.map((row) => [row.line, [...row.fields]]),
      [
        [1, ['Name', 'Comment']],
        [2, ['Müller, Ana', 'She said "great"\r\nand left']],
        [4, ['Núñez, José', '']],
      ],
    );
  });

  it('keeps blank rows as [] with their line numbers, for LF, CRLF and lone CR', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const rows = decodeTable(utf8(['a,b', '', '1,2', ''].join(eol))).rows;
      assert.deepEqual(
        rows.map((row) => [row.line, [...row.fields]]),
        [
          [1, ['a', 'b']],
          [2, []],
          [3, ['1', '2']],
        ],
        JSON.stringify(eol),
      );
    }
  });

  it('reads a last row without a line break, and empty fields at the ends of a row', () => {
    assert.deepEqual(fieldsOf(utf8('a,b\n,x,\n"",')), [
      ['a', 'b'],
      ['', 'x', ''],
      ['', ''],
    ]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    assert.deepEqual(fieldsOf(utf8('Name\nAna "Ani" Müller\n'))[1], ['Ana "Ani" Müller']);
  });

  it('refuses a quote that is never closed, naming the line it opens on', () => {
    assertAttendanceError(() => decodeTable(utf8('Name,Email\n"Ana Müller,ana@example.org\nx,y\n')), 'bad-value', {
      line: 2,
    });
  });

  it('refuses a file with no fields', () => {
    assertAttendanceError(() => decodeTable(new Uint8Array()), 'empty');
    assertAttendanceError(() => decodeTable(withBom([0xef, 0xbb, 0xbf], utf8('\r\n\r\n'))), 'empty');
  });
});

// What the three platform parsers share: finding a header row among a file's rows by its column
// names, reading cells by column, and grouping one person's rows into one participant. Column names
// are compared case- and space-insensitively ("In-meeting duration" and "In-Meeting Duration" are one
// column: both spellings are in circulation). Pure.
import { nameKey } from './names.ts';
import { AttendanceFileError } from './types.ts';
import type { AttendanceSession, DecodedTable, WebinarParticipant, WebinarReport, WebinarSource } from './types.ts';
import type { TimeCell, TimeReader } from './localTime.ts';

type Row = DecodedTable['rows'][number];

/** A column of a header row: where it is, its label as written, and the offset its label states. */
export interface Column {
  index: number;
  label: string;
  /** Minutes east of UTC from a "(UTC)" / "(UTC+05:30)" / "(GMT-4)" suffix, or null. */
  offset: number | null;
}

/** A header row found in a file: its position among the rows and its columns by compared name. */
export interface HeaderRow {
  /** Index into table.rows. */
  at: number;
  line: number;
  columns: Map<string, Column>;
}

const ZONE_SUFFIX = /\s*\((?:UTC|GMT)(?:\s*([+-])(\d{1,2})(?::?(\d{2}))?)?\)\s*$/i;

/** A column label as compared (lower-case, single spaces, no zone suffix), and the zone it states. */
export function columnName(label: string): { name: string; offset: number | null } {
  const zone = ZONE_SUFFIX.exec(label);
  const offset = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2] ?? 0) * 60 + Number(zone[3] ?? 0)) : null;
  const name = label
    .replace(ZONE_SUFFIX, '')
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
  return { name, offset };
}

function headerOf(row: Row, at: number): HeaderRow {
  const columns = new Map<string, Column>();
  row.fields.forEach((label, index) => {
    const { name, offset } = columnName(label);
    if (name !== '' && !columns.has(name)) columns.set(name, { index, label: label.trim(), offset });
  });
  return { at, line: row.line, columns };
}

/** A row with nothing in it (Excel writes ",,,," for a blank row of a wider sheet). */
export function isBlank(row: Row): boolean {
  return row.fields.every((field) => field.trim() === '');
}

/** A column wanted under any of several names (platforms renamed some over the years). */
export type ColumnSpec = readonly [displayName: string, ...alternatives: string[]];

/** The first of the spec's names that the header has, or undefined. */
export function column(header: HeaderRow, spec: ColumnSpec): Column | undefined {
  for (const name of spec) {
    const found = header.columns.get(name.toLowerCase());
    if (found) return found;
  }
  return undefined;
}

/** Whether the row is a header with every required column. */
export function isHeader(row: Row, required: readonly ColumnSpec[]): boolean {
  if (row.fields.length === 0) return false;
  const header = headerOf(row, 0);
  return required.every((spec) => column(header, spec));
}

/** The first row from `from` that has every required column, or undefined. */
export function findHeader(
  rows: DecodedTable['rows'],
  required: readonly ColumnSpec[],
  from = 0,
): HeaderRow | undefined {
  for (let at = from; at < rows.length; at++) {
    if (rows[at].fields.length === 0) continue;
    const header = headerOf(rows[at], at);
    if (required.every((spec) => column(header, spec))) return header;
  }
  return undefined;
}

const PLATFORM_NAMES: Record<WebinarSource, string> = { zoom: 'Zoom', teams: 'Microsoft Teams', webex: 'Webex' };

/** The platform's name as people know it, for messages. */
export function platformName(source: WebinarSource): string {
  return PLATFORM_NAMES[source];
}

/**
 * The header row with every required column, or a missing-column error naming the first required
 * column absent from the row that comes closest (the one with most of them).
 */
export function requireHeader(
  rows: DecodedTable['rows'],
  required: readonly ColumnSpec[],
  what: string,
  from = 0,
): HeaderRow {
  const found = findHeader(rows, required, from);
  if (found) return found;
  let best: { header: HeaderRow; present: number } | undefined;
  for (let at = from; at < rows.length; at++) {
    if (rows[at].fields.length === 0) continue;
    const header = headerOf(rows[at], at);
    const present = required.filter((spec) => column(header, spec)).length;
    if (!best || present > best.present) best = { header, present };
  }
  const missing = required.find((spec) => !best || !column(best.header, spec)) ?? required[0];
  const near = best && best.present > 0 ? ` (the header row on line ${best.header.line} has the others)` : '';
  throw new AttendanceFileError('missing-column', `The ${what} has no "${missing[0]}" column${near}.`, {
    column: missing[0],
    ...(best && best.present > 0 ? { line: best.header.line } : {}),
  });
}

/** The trimmed text of a cell ('' when the row is shorter than the header). */
export function cellText(row: Row, col: Column | undefined): string {
  return col ? (row.fields[col.index] ?? '').trim() : '';
}

/** A cell as a time cell of its column, for the time reader. */
export function timeCell(row: Row, col: Column): TimeCell {
  return { text: cellText(row, col), line: row.line, column: col.label, headerOffset: col.offset };
}

/** An e-mail cell: lower-cased and trimmed, null when empty or a placeholder such as "--". */
export function emailOf(text: string): string | null {
  const email = text.trim().toLowerCase();
  return email === '' || !email.includes('@') ? null : email;
}

/** One row of a person, read: who, and one session. */
export interface PersonRow {
  name: string;
  email: string | null;
  line: number;
  session: AttendanceSession;
}

/**
 * One participant per person: rows with an e-mail are grouped by it; rows without one by the
 * normalised name (a guest who re-joined under the same name); a row with neither stands alone.
 * Rows with and without an e-mail are never joined: two people may share a name. Participants are
 * in the order of their first row; the name is the first row's.
 */
export function groupRows(rows: readonly PersonRow[]): WebinarParticipant[] {
  const groups = new Map<
    string,
    { name: string; email: string | null; sessions: AttendanceSession[]; lines: number[] }
  >();
  for (const row of rows) {
    const byName = nameKey(row.name);
    const key = row.email ? `email:${row.email}` : byName ? `name:${byName}` : `line:${row.line}`;
    const group = groups.get(key) ?? { name: row.name, email: row.email, sessions: [], lines: [] };
    group.sessions.push(row.session);
    group.lines.push(row.line);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A row of one join and one leave, its times not yet read (the file's date order is decided first). */
export interface JoinLeaveRow {
  name: string;
  email: string | null;
  line: number;
  join: TimeCell;
  leave: TimeCell;
}

/** Join-leave rows as person rows of one session each. */
export function joinLeaveSessions(rows: readonly JoinLeaveRow[], readTime: TimeReader): PersonRow[] {
  return rows.map((row) => ({
    name: row.name,
    email: row.email,
    line: row.line,
    session: { joinedAt: readTime(row.join), leftAt: readTime(row.leave) },
  }));
}

/** What a file says about its meeting, as written; the times are read with the file's reader. */
export interface MeetingCells {
  title: string;
  id: string;
  start: TimeCell | undefined;
  end: TimeCell | undefined;
}

/** The report of a parsed file: its participants grouped, and the meeting's details where given. */
export function webinarReport(
  source: WebinarSource,
  table: DecodedTable,
  meeting: MeetingCells,
  rows: readonly PersonRow[],
  readTime: TimeReader,
): WebinarReport {
  return {
    source,
    encoding: table.encoding,
    separator: table.separator,
    meeting: {
      ...(meeting.title ? { title: meeting.title } : {}),
      ...(meeting.id ? { id: meeting.id } : {}),
      ...(meeting.start ? { startedAt: readTime(meeting.start) } : {}),
      ...(meeting.end ? { endedAt: readTime(meeting.end) } : {}),
    },
    participants: groupRows(rows),
  };
}

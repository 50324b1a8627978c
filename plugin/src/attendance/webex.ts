// Webex's meeting and webinar attendance export (the attendee report downloaded after a meeting): one
// row per join, each row repeating the meeting, e.g. "Meeting Name, Meeting Start Time, Meeting End
// Time, Name, Attendee Email, Join Time, Leave Time, Attendance Duration, Connection Type"; some exports
// give "Display Name" or "First Name" and "Last Name" instead of "Name", and "Role". Each row is one
// session; "Attendance Duration" ("3 mins") is the same span and is not needed.
// Sources: the Webex Meetings API's attendee report (https://developer.webex.com/docs/api/v1/meetings-summary-report/list-meeting-attendee-reports:
// displayName, email, joinedTime, leftTime, duration per join) gives the content; the CSV column names
// are from published parsers of real exports (e.g. a Python attendance script using "Attendee Email",
// "Attendance Duration", "Connection Type"; Portuguese exports with "Nome de exibição", "E-mail do
// convidado", "Hora da entrada", "Hora da saída"). Unconfirmed: exact header spellings across Webex
// versions (alternatives below are accepted), and any zone statement (times are read in the event's
// zone unless a header says "(UTC…)"). Headers in other languages are not recognised. Pure.
import {
  cellText,
  column,
  emailOf,
  isBlank,
  joinLeaveSessions,
  platformName,
  requireHeader,
  timeCell,
  webinarReport,
} from './columns.ts';
import type { ColumnSpec, JoinLeaveRow } from './columns.ts';
import { timeReader } from './localTime.ts';
import type { DateOrder, TimeCell } from './localTime.ts';
import { AttendanceFileError } from './types.ts';
import type { DecodedTable, WebinarReport } from './types.ts';

const NAME: ColumnSpec = ['Name', 'Display Name', 'Attendee Name', 'Attendee'];
const FIRST_NAME: ColumnSpec = ['First Name'];
const LAST_NAME: ColumnSpec = ['Last Name'];
const EMAIL: ColumnSpec = ['Attendee Email', 'Email', 'Email Address'];
const JOIN: ColumnSpec = ['Join Time', 'Joined Time'];
const LEAVE: ColumnSpec = ['Leave Time', 'Left Time'];

/** Column names only Webex writes: how `auto` recognises a Webex export. */
export const WEBEX_SIGNS = ['Attendee Email', 'Attendance Duration', 'Connection Type'];

/** A Webex attendee report, read into participants with their sessions. */
export function readWebexReport(
  table: DecodedTable,
  options: { timeZone: string; dateOrder?: DateOrder },
): WebinarReport {
  const rows = table.rows;
  const header = requireHeader(rows, [EMAIL, JOIN, LEAVE], `${platformName('webex')} attendee report`);
  const nameCol = column(header, NAME);
  const firstCol = column(header, FIRST_NAME);
  const lastCol = column(header, LAST_NAME);
  if (!nameCol && !lastCol) {
    throw new AttendanceFileError(
      'missing-column',
      `The ${platformName('webex')} attendee report has no "Name" column (nor "Display Name", nor "First Name" and "Last Name").`,
      { column: 'Name', line: header.line },
    );
  }
  const emailCol = column(header, EMAIL);
  const joinCol = column(header, JOIN);
  const leaveCol = column(header, LEAVE);
  if (!emailCol || !joinCol || !leaveCol) throw new Error('requireHeader returned a header without its columns');
  const body = rows.slice(header.at + 1).filter((row) => !isBlank(row));
  if (body.length === 0) {
    throw new AttendanceFileError('empty', `The ${platformName('webex')} report lists no one who attended.`);
  }
  const pending: JoinLeaveRow[] = body.map((row) => ({
    name: nameCol ? cellText(row, nameCol) : `${cellText(row, firstCol)} ${cellText(row, lastCol)}`.trim(),
    email: emailOf(cellText(row, emailCol)),
    line: row.line,
    join: timeCell(row, joinCol),
    leave: timeCell(row, leaveCol),
  }));
  const timeCells: TimeCell[] = pending.flatMap((p) => [p.join, p.leave]);
  const first = body[0];
  const meetingCell = (spec: ColumnSpec): TimeCell | undefined => {
    const col = column(header, spec);
    const cell = col ? timeCell(first, col) : undefined;
    if (!cell || cell.text === '') return undefined;
    timeCells.push(cell);
    return cell;
  };
  const startCell = meetingCell(['Meeting Start Time', 'Start Time']);
  const endCell = meetingCell(['Meeting End Time', 'End Time']);
  const readTime = timeReader(timeCells, options);
  const meetingCells = {
    title: cellText(first, column(header, ['Meeting Name', 'Meeting Title', 'Topic'])),
    id: cellText(first, column(header, ['Meeting Number', 'Meeting ID'])),
    start: startCell,
    end: endCell,
  };
  return webinarReport('webex', table, meetingCells, joinLeaveSessions(pending, readTime), readTime);
}

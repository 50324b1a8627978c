// Zoom's attendance exports, as Zoom writes them (UTF-8 CSV, comma-separated):
// - the meeting "Participants" report (Reports > Usage > Participants > Export), one row per join:
//   "Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest", and
//   in newer exports "Recording Consent"/"In Waiting Room". With "Export with meeting data" ticked, a
//   block "Meeting ID, Topic, Start Time, End Time, User Email, Duration (Minutes), Participants" and
//   its values come first, then a blank row.
// - the webinar "Attendee Report": a title block, "Topic, Webinar ID, Actual Start Time, …", then
//   sections "Host Details", "Panelist Details", "Attendee Details", each with a header such as
//   "Attended, User Name (Original Name), [First Name, Last Name,] Email, …, Join Time, Leave Time,
//   Time in Session (minutes), Is Guest, Country/Region Name". Every section is read: a panelist may
//   be a doctor whose presence counts, and whether faculty earn credit is the command's rule, not the
//   file's. Rows with Attended = No (registrants who never came) have "--" for times and are skipped.
// Sources: Zoom's help article on the meeting and webinar history report
// (https://support.zoom.com/hc/en/article?id=zm_kb&sysparm_article=KB0082659: names, e-mails "if signed
// in to a Zoom account", join and leave times) describes the content but not the exact headers; the
// header names and the meeting-data block above are from published sample exports (zoomGroupStats'
// inst/extdata/meeting001_participants.csv, with "Name (Original Name),User Email,Total Duration
// (Minutes),Guest" when "Show unique users" is ticked; Microsoft's vivainsights_zoom_int README, whose
// columns include "In Waiting Room"). Unconfirmed: the webinar report's exact layout (from third-party
// samples only), and whether a Zoom export ever states its time zone (none seen; times are read in
// the event's zone). The unique-users export has no join or leave time and is refused: there is no
// session to credit. Rows spent in the waiting room ("In Waiting Room" = Yes) are not time in the
// meeting and are left out. Pure.
import {
  cellText,
  column,
  emailOf,
  findHeader,
  isBlank,
  isHeader,
  joinLeaveSessions,
  platformName,
  requireHeader,
  timeCell,
  webinarReport,
} from './columns.ts';
import type { ColumnSpec, HeaderRow, JoinLeaveRow } from './columns.ts';
import { timeReader } from './localTime.ts';
import type { DateOrder, TimeCell } from './localTime.ts';
import { AttendanceFileError } from './types.ts';
import type { DecodedTable, WebinarReport } from './types.ts';

type Row = DecodedTable['rows'][number];

const NAME: ColumnSpec = ['Name (Original Name)', 'User Name (Original Name)'];
const EMAIL: ColumnSpec = ['User Email', 'Email'];
const JOIN: ColumnSpec = ['Join Time'];
const LEAVE: ColumnSpec = ['Leave Time'];
const ATTENDED: ColumnSpec = ['Attended'];
const IN_WAITING_ROOM: ColumnSpec = ['In Waiting Room'];
const PARTICIPANT_COLUMNS = [NAME, JOIN, LEAVE];

/** Column names only Zoom writes: how `auto` recognises a Zoom export. */
export const ZOOM_SIGNS = ['Name (Original Name)', 'User Name (Original Name)', 'Time in Session (minutes)'];

/** A section title of the webinar report: a row whose only text is "… Details". */
function sectionTitle(row: Row): string | null {
  const texts = row.fields.map((f) => f.trim()).filter((f) => f !== '');
  return texts.length === 1 && /details$/i.test(texts[0]) ? texts[0].toLowerCase() : null;
}

/**
 * The person's name from "Name (Original Name)": the original name when Zoom gives one in brackets
 * after a renamed display name ("iPad (Ana Müller)" is Ana Müller), else the name as written.
 */
export function zoomOriginalName(text: string): string {
  const m = /^(.*\S)\s*\(([^()]*\S[^()]*)\)$/.exec(text.trim());
  return m ? m[2].trim() : text.trim();
}

/** The meeting's own block, where the file has one: the header row and the row of values under it. */
function meetingBlock(rows: DecodedTable['rows']): { header: HeaderRow; values: Row } | null {
  for (const specs of [
    [['Meeting ID'], ['Topic']],
    [['Webinar ID'], ['Topic']],
  ] as ColumnSpec[][]) {
    const header = findHeader(rows, specs);
    if (!header) continue;
    const values = rows.slice(header.at + 1).find((row) => !isBlank(row));
    if (values) return { header, values };
  }
  return null;
}

/** Every participant header of the file (one per section of a webinar report) and the rows under each. */
function participantBlocks(rows: DecodedTable['rows']): { header: HeaderRow; rows: Row[] }[] {
  const blocks: { header: HeaderRow; rows: Row[] }[] = [];
  let from = 0;
  for (;;) {
    let header: HeaderRow;
    try {
      header = requireHeader(rows, PARTICIPANT_COLUMNS, 'Zoom participants report', from);
    } catch (error) {
      if (blocks.length === 0 && from === 0) throw error;
      break;
    }
    const body: Row[] = [];
    let at = header.at + 1;
    while (
      at < rows.length &&
      !isBlank(rows[at]) &&
      sectionTitle(rows[at]) === null &&
      !isHeader(rows[at], PARTICIPANT_COLUMNS)
    ) {
      body.push(rows[at++]);
    }
    blocks.push({ header, rows: body });
    from = at;
  }
  return blocks;
}

/** A Zoom participants report or webinar attendee report, read into participants with their sessions. */
export function readZoomReport(
  table: DecodedTable,
  options: { timeZone: string; dateOrder?: DateOrder },
): WebinarReport {
  const blocks = participantBlocks(table.rows);
  const meeting = meetingBlock(table.rows);
  const timeCells: TimeCell[] = [];
  const meetingCell = (spec: ColumnSpec): TimeCell | undefined => {
    const col = meeting && column(meeting.header, spec);
    const cell = col && meeting ? timeCell(meeting.values, col) : undefined;
    if (cell && cell.text !== '') timeCells.push(cell);
    return cell?.text ? cell : undefined;
  };
  const startCell = meetingCell(['Start Time', 'Actual Start Time']);
  const endCell = meetingCell(['End Time']);

  const pending: JoinLeaveRow[] = [];
  for (const { header, rows } of blocks) {
    const nameCol = column(header, NAME);
    const emailCol = column(header, EMAIL);
    const joinCol = column(header, JOIN);
    const leaveCol = column(header, LEAVE);
    const attendedCol = column(header, ATTENDED);
    const waitingCol = column(header, IN_WAITING_ROOM);
    if (!joinCol || !leaveCol) continue;
    for (const row of rows) {
      if (attendedCol && /^no$/i.test(cellText(row, attendedCol))) continue;
      if (waitingCol && /^yes$/i.test(cellText(row, waitingCol))) continue;
      const join = timeCell(row, joinCol);
      const leave = timeCell(row, leaveCol);
      timeCells.push(join, leave);
      pending.push({
        name: zoomOriginalName(cellText(row, nameCol)),
        email: emailOf(cellText(row, emailCol)),
        line: row.line,
        join,
        leave,
      });
    }
  }
  if (pending.length === 0) {
    throw new AttendanceFileError('empty', `The ${platformName('zoom')} report lists no one who attended.`);
  }
  const readTime = timeReader(timeCells, options);
  const meetingCells = {
    title: meeting ? cellText(meeting.values, column(meeting.header, ['Topic'])) : '',
    id: meeting ? cellText(meeting.values, column(meeting.header, ['Meeting ID', 'Webinar ID'])) : '',
    start: startCell,
    end: endCell,
  };
  return webinarReport('zoom', table, meetingCells, joinLeaveSessions(pending, readTime), readTime);
}

// Microsoft Teams' meeting attendance report, as downloaded (a ".csv" that is tab-separated UTF-16LE
// with a byte-order mark; also seen re-saved as UTF-8 CSV). Layouts read:
// - since 2022: sections "1. Summary" (key/value rows: Meeting title, Start time, End time, …),
//   "2. Participants" (Name, First Join, Last Leave, In-Meeting Duration, Email, Participant ID (UPN),
//   Role: one row per person) and "3. In-Meeting Activities" (Name, Join Time, Leave Time, Duration,
//   Email, Role: one row per join). The activities are the sessions; without them (an older or
//   trimmed file) a person's one row is all there is.
// - 2021: "Meeting Summary" key/value rows, then one row per person under "Full Name, Join Time,
//   Leave Time, Duration, Email, Role, Participant ID (UPN)".
// - before 2021: one row per event under "Full Name, User Action, Timestamp" (Joined, Left; "Joined
//   before" for someone already present), and the live-event attendee report with "FullName,
//   ParticipantId, UtcEventTimestamp, Action" (UTC, as its name says).
// A row that spans a join to a leave with a duration shorter than that span (a person's first join
// and last leave, with the time away in between) is read as one session from the first join lasting
// the duration: the minutes are then exactly what Teams counted, never the span with the time away,
// and the leave is the first join plus the duration, not the last leave.
// Sources: Microsoft's "Manage meeting attendance reports in Microsoft Teams"
// (https://support.microsoft.com/en-us/office/manage-meeting-attendance-reports-in-microsoft-teams-ae7cf170-530c-47d3-84c1-3aedac74d310:
// the report is downloaded as a .csv; who attended, when they joined and left); the section layout and
// its column names as shown in https://qiita.com/mizukyf/items/718648a734d694c2a2e8 (the mid-2022
// change to "1. Summary / 2. Participants / 3. In-Meeting Activities"); the live-event layout from
// https://github.com/renefb/teams-report-converter. Unconfirmed: the exact 2021 and pre-2021 headers
// (from third-party parsers only), and whether a download ever states its zone (times are read in
// the event's zone unless a header says "(UTC…)"). Headers in other languages are not recognised.
// People from outside the tenant carry a tag after their name ("(External)", seen in published
// samples), which is dropped. Pure.
import {
  cellText,
  column,
  emailOf,
  findHeader,
  isBlank,
  platformName,
  requireHeader,
  timeCell,
  webinarReport,
} from './columns.ts';
import type { ColumnSpec, HeaderRow, PersonRow } from './columns.ts';
import { durationSeconds, timeReader } from './localTime.ts';
import type { DateOrder, TimeCell, TimeReader } from './localTime.ts';
import { nameKey } from './names.ts';
import { AttendanceFileError } from './types.ts';
import type { AttendanceSession, DecodedTable, WebinarReport } from './types.ts';

type Row = DecodedTable['rows'][number];

const NAME: ColumnSpec = ['Name', 'Full Name', 'FullName'];
const EMAIL: ColumnSpec = ['Email', 'ParticipantId'];
const FIRST_JOIN: ColumnSpec = ['First Join', 'Join Time'];
const LAST_LEAVE: ColumnSpec = ['Last Leave', 'Leave Time'];
const JOIN: ColumnSpec = ['Join Time'];
const LEAVE: ColumnSpec = ['Leave Time'];
const DURATION: ColumnSpec = ['In-Meeting Duration', 'Duration'];
const ACTION: ColumnSpec = ['User Action', 'Action'];
const TIMESTAMP: ColumnSpec = ['Timestamp', 'UtcEventTimestamp'];

/** Column names and section titles only Teams writes: how `auto` recognises a Teams export. */
export const TEAMS_SIGNS = [
  '2. Participants',
  'First Join',
  'Participant ID (UPN)',
  'User Action',
  'UtcEventTimestamp',
];

const SECTION = /^\s*(\d+)\.\s*(summary|participants|in-meeting activities)\s*$/i;

/**
 * The person's name as Teams shows it, without the tag Teams adds to people from outside the
 * organiser's tenant ("Ana Müller (External)", "(Guest)", "(Unverified)"): the tag is not their name.
 */
export function teamsPersonName(text: string): string {
  return text.replace(/\s*\((?:external|guest|unverified)\)\s*$/i, '').trim();
}

/** The numbered section a row starts ("participants"), or null. */
function sectionOf(row: Row): string | null {
  const texts = row.fields.map((f) => f.trim()).filter((f) => f !== '');
  const m = texts.length === 1 ? SECTION.exec(texts[0]) : null;
  return m ? m[2].toLowerCase() : null;
}

/** The rows under a header, to the next blank row, section title or end. */
function bodyOf(rows: DecodedTable['rows'], header: HeaderRow): Row[] {
  const body: Row[] = [];
  for (let at = header.at + 1; at < rows.length && !isBlank(rows[at]) && sectionOf(rows[at]) === null; at++) {
    body.push(rows[at]);
  }
  return body;
}

/** The index of the row that starts the named section, or -1. */
function sectionStart(rows: DecodedTable['rows'], name: string): number {
  return rows.findIndex((row) => sectionOf(row) === name);
}

const SUMMARY_KEYS: Record<string, 'title' | 'id' | 'start' | 'end'> = {
  'meeting title': 'title',
  'meeting id': 'id',
  'start time': 'start',
  'meeting start time': 'start',
  'end time': 'end',
  'meeting end time': 'end',
};

/** The key/value rows of the summary above the first table: the meeting's title, id and times. */
function summaryOf(
  rows: DecodedTable['rows'],
  until: number,
): Partial<Record<'title' | 'id' | 'start' | 'end', { row: Row; text: string }>> {
  const found: Partial<Record<'title' | 'id' | 'start' | 'end', { row: Row; text: string }>> = {};
  for (const row of rows.slice(0, until)) {
    const key = SUMMARY_KEYS[(row.fields[0] ?? '').trim().toLowerCase()];
    const text = (row.fields[1] ?? '').trim();
    if (key && text !== '' && !found[key]) found[key] = { row, text };
  }
  return found;
}

/** A time cell of a column that says it is UTC by its name (UtcEventTimestamp). */
function utcByName(cell: TimeCell, header: HeaderRow, spec: ColumnSpec): TimeCell {
  const col = column(header, spec);
  return col && /^utc/i.test(col.label) ? { ...cell, headerOffset: 0 } : cell;
}

interface SpanRow {
  name: string;
  email: string | null;
  line: number;
  join: TimeCell;
  leave: TimeCell;
  duration: { seconds: number; cell: TimeCell } | null;
}

/** Rows of join, leave and (where given) duration: the activities, or one row per person. */
function spanRows(header: HeaderRow, body: Row[], joinSpec: ColumnSpec, leaveSpec: ColumnSpec): SpanRow[] {
  const nameCol = column(header, NAME);
  const emailCol = column(header, EMAIL);
  const joinCol = column(header, joinSpec);
  const leaveCol = column(header, leaveSpec);
  const durationCol = column(header, DURATION);
  if (!joinCol || !leaveCol) return [];
  return body.map((row) => {
    const durationCell = durationCol ? timeCell(row, durationCol) : null;
    let duration: SpanRow['duration'] = null;
    if (durationCell && durationCell.text !== '') {
      const seconds = durationSeconds(durationCell.text);
      if (seconds === null) {
        throw new AttendanceFileError(
          'bad-value',
          `Line ${row.line}, column "${durationCell.column}": "${durationCell.text}" is not a duration such as 1h 5m 3s.`,
          { line: row.line, column: durationCell.column, value: durationCell.text },
        );
      }
      duration = { seconds, cell: durationCell };
    }
    return {
      name: teamsPersonName(cellText(row, nameCol)),
      email: emailOf(cellText(row, emailCol)),
      line: row.line,
      join: timeCell(row, joinCol),
      leave: timeCell(row, leaveCol),
      duration,
    };
  });
}

/** One session from a row: join to leave, or join lasting the duration when that is shorter. */
function spanSession(row: SpanRow, readTime: TimeReader): AttendanceSession {
  const joinedAt = readTime(row.join);
  const leftAt = readTime(row.leave);
  if (!row.duration) return { joinedAt, leftAt };
  const byDuration = joinedAt.getTime() + row.duration.seconds * 1000;
  return { joinedAt, leftAt: byDuration < leftAt.getTime() ? new Date(byDuration) : leftAt };
}

interface EventRow {
  name: string;
  email: string | null;
  line: number;
  action: string;
  at: TimeCell;
}

/** Join and leave events paired into sessions per person (the pre-2021 and live-event layouts). */
function pairEvents(events: EventRow[], readTime: TimeReader): PersonRow[] {
  const byPerson = new Map<string, { event: EventRow; at: Date }[]>();
  for (const event of events) {
    const key = event.email ? `email:${event.email}` : `name:${nameKey(event.name)}`;
    const list = byPerson.get(key) ?? [];
    list.push({ event, at: readTime(event.at) });
    byPerson.set(key, list);
  }
  const rows: PersonRow[] = [];
  for (const list of byPerson.values()) {
    // Events of one person in time order; the file is not always sorted.
    list.sort((a, b) => a.at.getTime() - b.at.getTime() || a.event.line - b.event.line);
    let open: { event: EventRow; at: Date } | null = null;
    for (const item of list) {
      const action = item.event.action.toLowerCase();
      if (action.startsWith('joined')) {
        // A second join while already in (another device) keeps the earlier one open.
        open ??= item;
      } else if (action === 'left') {
        if (!open) throw eventError(item.event, 'leaves without having joined');
        rows.push({
          name: open.event.name,
          email: open.event.email,
          line: open.event.line,
          session: { joinedAt: open.at, leftAt: item.at },
        });
        open = null;
      } else {
        throw eventError(item.event, 'is neither Joined nor Left');
      }
    }
    if (open) throw eventError(open.event, 'joins and never leaves');
  }
  return rows.sort((a, b) => a.line - b.line);
}

function eventError(event: EventRow, why: string): AttendanceFileError {
  return new AttendanceFileError(
    'bad-value',
    `Line ${event.line}: "${event.name}" ${why} (User Action "${event.action}"), so their time cannot be counted.`,
    { line: event.line, column: 'User Action', value: event.action },
  );
}

/** A Teams attendance report in any of the layouts above, read into participants with their sessions. */
export function readTeamsReport(
  table: DecodedTable,
  options: { timeZone: string; dateOrder?: DateOrder },
): WebinarReport {
  const rows = table.rows;
  const timeCells: TimeCell[] = [];
  let spans: SpanRow[] = [];
  const events: EventRow[] = [];
  let firstTable = rows.length;

  const eventHeader = findHeader(rows, [NAME, ACTION, TIMESTAMP]);
  const activitiesAt = sectionStart(rows, 'in-meeting activities');
  const activitiesHeader = activitiesAt >= 0 ? findHeader(rows, [NAME, JOIN, LEAVE], activitiesAt) : undefined;
  const activities = activitiesHeader ? bodyOf(rows, activitiesHeader) : [];
  if (eventHeader) {
    firstTable = eventHeader.at;
    const nameCol = column(eventHeader, NAME);
    const emailCol = column(eventHeader, EMAIL);
    const actionCol = column(eventHeader, ACTION);
    const atCol = column(eventHeader, TIMESTAMP);
    for (const row of bodyOf(rows, eventHeader)) {
      if (!atCol) break;
      events.push({
        name: teamsPersonName(cellText(row, nameCol)),
        email: emailOf(cellText(row, emailCol)),
        line: row.line,
        action: cellText(row, actionCol),
        at: utcByName(timeCell(row, atCol), eventHeader, TIMESTAMP),
      });
    }
  } else if (activitiesHeader && activities.length > 0) {
    const participantsAt = sectionStart(rows, 'participants');
    firstTable = participantsAt >= 0 ? participantsAt : activitiesAt;
    spans = spanRows(activitiesHeader, activities, JOIN, LEAVE);
  } else {
    const header = requireHeader(rows, [NAME, FIRST_JOIN, LAST_LEAVE], `${platformName('teams')} attendance report`);
    firstTable = header.at;
    spans = spanRows(header, bodyOf(rows, header), FIRST_JOIN, LAST_LEAVE);
  }
  for (const span of spans) timeCells.push(span.join, span.leave);
  for (const event of events) timeCells.push(event.at);
  if (spans.length === 0 && events.length === 0) {
    throw new AttendanceFileError('empty', `The ${platformName('teams')} report lists no one who attended.`);
  }

  const summary = summaryOf(rows, firstTable);
  const summaryCell = (key: 'start' | 'end'): TimeCell | undefined => {
    const entry = summary[key];
    if (!entry) return undefined;
    const cell: TimeCell = {
      text: entry.text,
      line: entry.row.line,
      column: entry.row.fields[0].trim(),
      headerOffset: null,
    };
    timeCells.push(cell);
    return cell;
  };
  const startCell = summaryCell('start');
  const endCell = summaryCell('end');

  const readTime = timeReader(timeCells, options);
  const personRows: PersonRow[] = eventHeader
    ? pairEvents(events, readTime)
    : spans.map((span) => ({
        name: span.name,
        email: span.email,
        line: span.line,
        session: spanSession(span, readTime),
      }));
  const meetingCells = {
    title: summary.title?.text ?? '',
    id: summary.id?.text ?? '',
    start: startCell,
    end: endCell,
  };
  return webinarReport('teams', table, meetingCells, personRows, readTime);
}

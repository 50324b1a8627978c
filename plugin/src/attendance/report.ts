// A webinar platform's attendance export, from its bytes to participants with their sessions: decoded
// (decode.ts), its platform recognised from the column names only that platform writes (or given),
// and read by that platform's parser. Pure: the caller reads the file.
import { columnName, platformName } from './columns.ts';
import { decodeTable } from './decode.ts';
import type { DateOrder } from './localTime.ts';
import { TEAMS_SIGNS, readTeamsReport } from './teams.ts';
import { AttendanceFileError, WEBINAR_SOURCES } from './types.ts';
import type { DecodedTable, WebinarReport, WebinarSource } from './types.ts';
import { WEBEX_SIGNS, readWebexReport } from './webex.ts';
import { ZOOM_SIGNS, readZoomReport } from './zoom.ts';

export type { DateOrder } from './localTime.ts';

/** What reading a report needs besides its bytes. */
export interface ReadWebinarReportOptions {
  /** The platform, or 'auto' (the default) to recognise it from the file. */
  source?: WebinarSource | 'auto';
  /** IANA zone the file's times are in when it does not say (the event's Time_Zone__c). */
  timeZone: string;
  /** Whether 03/04/2026 is 4 March or 3 April, when the file cannot tell (see localTime.ts). */
  dateOrder?: DateOrder;
}

/** Each platform's signs, in the order they are tried (Teams' section titles are the most specific). */
const SIGNS: readonly [WebinarSource, readonly string[]][] = [
  ['teams', TEAMS_SIGNS],
  ['zoom', ZOOM_SIGNS],
  ['webex', WEBEX_SIGNS],
];

/**
 * The platform whose column names or section titles the file has, or an unknown-source error that
 * names what was looked for.
 */
export function detectSource(table: DecodedTable): WebinarSource {
  const seen = new Set<string>();
  for (const row of table.rows) for (const field of row.fields) seen.add(columnName(field).name);
  for (const [source, signs] of SIGNS) {
    if (signs.some((sign) => seen.has(columnName(sign).name))) return source;
  }
  const lookedFor = SIGNS.map(
    ([source, signs]) => `${platformName(source)} (${signs.map((s) => `"${s}"`).join(', ')})`,
  );
  throw new AttendanceFileError(
    'unknown-source',
    `The file is not an attendance export this command knows: none of the column names of ${lookedFor.join('; ')} is in it.`,
  );
}

const READERS: Record<WebinarSource, typeof readZoomReport> = {
  zoom: readZoomReport,
  teams: readTeamsReport,
  webex: readWebexReport,
};

/**
 * A webinar platform's attendance export read into its participants: every row of one person grouped
 * into one participant (by e-mail, else by normalised name), each join-to-leave a session, times as
 * instants. Failures are AttendanceFileErrors naming the kind, and the line, column and value where
 * there is one; an unknown `timeZone` is a RangeError (it is not the file's fault).
 */
export function readWebinarReport(bytes: Uint8Array, options: ReadWebinarReportOptions): WebinarReport {
  // Fail on a bad zone before the file is blamed for anything.
  new Intl.DateTimeFormat('en-US', { timeZone: options.timeZone });
  const table = decodeTable(bytes);
  const source = options.source && options.source !== 'auto' ? options.source : detectSource(table);
  if (!WEBINAR_SOURCES.includes(source)) throw new RangeError(`Unknown webinar source ${JSON.stringify(source)}.`);
  return READERS[source](table, { timeZone: options.timeZone, dateOrder: options.dateOrder });
}

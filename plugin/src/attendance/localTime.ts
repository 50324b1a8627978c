// Times as webinar platforms write them in their exports: local wall-clock times, usually without an
// offset, in the format of the exporting user's locale. Only the forms the exports are known to use are
// read, and a value in any other form is refused with its line and column rather than guessed:
// - ISO-like `2026-03-14 09:58:18` (an offset or Z after it is honoured);
// - slashed dates, `03/14/2026 09:58:18 AM` (Zoom), `3/14/26, 9:58:18 AM` (Teams in en-US);
// - month names, `Mar 14, 2026 9:58:18 AM` (seen in Zoom's webinar attendee report).
// A slashed date is month-first in en-US and day-first in most other locales (a Zoom export saved in
// en-GB writes 15/08/2022 01:27). The order is what the caller says, else what the file proves (a first
// number over 12 can only be a day), else month-first when the times carry AM/PM (the en-US form the
// platforms' own examples use: a default, not a proof — en-IN writes day-first with am/pm, so the
// caller's order, --date-order, overrides it), else the file is refused as ambiguous.
// A time without an offset is read in the zone the caller gives (the event's IANA Time_Zone__c), or in
// the fixed offset a column header states, e.g. "Join Time (UTC)". Pure: no I/O; Intl gives the zone rules.
import { AttendanceFileError } from './types.ts';

/** Which number of a slashed date is the month. */
export type DateOrder = 'month-first' | 'day-first';

/** A time cell of a file, with where it is for messages. */
export interface TimeCell {
  text: string;
  line: number;
  column: string;
  /** Minutes east of UTC that the column header states ("(UTC)", "(UTC+05:30)"), or null. */
  headerOffset: number | null;
}

/** The parts of a time as written, before a zone makes an instant of it. */
interface WrittenTime {
  year: number;
  /** For slashed dates: the two numbers before the year, in file order; otherwise month and day. */
  first: number;
  second: number;
  slashed: boolean;
  hour: number;
  minute: number;
  secondOfMinute: number;
  /** Minutes east of UTC written in the value itself (Z, +02:00), or null. */
  offset: number | null;
  meridiem: 'am' | 'pm' | null;
}

// The three forms, with the same named groups so that one function reads any of them. The time of
// day is the same in all: h:mm, optional :ss, optional AM/PM (or, in the ISO-like form, fractions and an offset).
const TIME = String.raw`(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<sec>\d{2}))?`;
const FORMS_WRITTEN: readonly RegExp[] = [
  new RegExp(
    String.raw`^(?<year>\d{4})-(?<first>\d{1,2})-(?<second>\d{1,2})[T ]${TIME}(?:\.\d{1,9})?\s*(?<offset>Z|[+-]\d{2}:?\d{2})?$`,
    'i',
  ),
  new RegExp(
    String.raw`^(?<slashFirst>\d{1,2})\/(?<slashSecond>\d{1,2})\/(?<year>\d{4}|\d{2}),?\s+${TIME}\s*(?<meridiem>[AP]M)?$`,
    'i',
  ),
  new RegExp(
    String.raw`^(?<monthName>[A-Z][a-z]{2})[a-z]*\.?\s+(?<second>\d{1,2}),?\s+(?<year>\d{4}),?\s+${TIME}\s*(?<meridiem>[AP]M)?$`,
    'i',
  ),
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function offsetMinutes(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (text.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function meridiemOf(text: string | undefined): 'am' | 'pm' | null {
  return text === undefined ? null : text.toLowerCase() === 'am' ? 'am' : 'pm';
}

/** The written parts of a time in one of the known forms, or null when it is in none of them. */
function readWritten(text: string): WrittenTime | null {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const groups = FORMS_WRITTEN.map((form) => form.exec(trimmed)?.groups).find((g) => g !== undefined);
  if (!groups) return null;
  const slashed = groups.slashFirst !== undefined;
  const month = groups.monthName === undefined ? null : MONTHS.indexOf(groups.monthName.toLowerCase()) + 1;
  if (month === 0) return null;
  const year = Number(groups.year);
  return {
    // Two-digit years are this century's: Teams writes 3/14/26 for 2026.
    year: groups.year.length === 2 ? 2000 + year : year,
    first: Number(month ?? (slashed ? groups.slashFirst : groups.first)),
    second: Number(slashed ? groups.slashSecond : groups.second),
    slashed,
    hour: Number(groups.hour),
    minute: Number(groups.minute),
    secondOfMinute: Number(groups.sec ?? 0),
    offset: offsetMinutes(groups.offset),
    meridiem: meridiemOf(groups.meridiem),
  };
}

const FORMS =
  'a date and time such as 2026-03-14 09:58:18, 03/14/2026 09:58:18 AM, 3/14/26, 9:58:18 AM or Mar 14, 2026 9:58 AM';

function badValue(cell: TimeCell, why: string): AttendanceFileError {
  return new AttendanceFileError('bad-value', `Line ${cell.line}, column "${cell.column}": "${cell.text}" ${why}.`, {
    line: cell.line,
    column: cell.column,
    value: cell.text,
  });
}

/**
 * The order of the slashed dates among the cells: the caller's, else what a number over 12 proves,
 * else month-first when the times have AM/PM, else null (ambiguous). A file that proves both orders
 * is refused at the cell that contradicts the first proof.
 */
export function slashedDateOrder(cells: readonly TimeCell[], given?: DateOrder): DateOrder | null {
  if (given) return given;
  let proven: { order: DateOrder; cell: TimeCell } | null = null;
  let withMeridiem = false;
  for (const cell of cells) {
    const written = readWritten(cell.text);
    if (!written?.slashed) continue;
    if (written.meridiem) withMeridiem = true;
    const order: DateOrder | null = written.first > 12 ? 'day-first' : written.second > 12 ? 'month-first' : null;
    if (order === null) continue;
    if (proven && proven.order !== order) {
      throw badValue(
        cell,
        `reads ${order === 'day-first' ? 'day' : 'month'} first, but "${proven.cell.text}" on line ${proven.cell.line} reads ${proven.order === 'day-first' ? 'day' : 'month'} first`,
      );
    }
    proven ??= { order, cell };
  }
  if (proven) return proven.order;
  return withMeridiem ? 'month-first' : null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter that writes an instant's wall-clock parts in the zone; an unknown zone is a RangeError. */
function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC the zone is at that instant. */
function zoneOffsetAt(instantMs: number, formatter: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return Math.round((wall - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time (as milliseconds of the same fields in UTC) is in the zone, or null
 * when the zone skips that time (the hour lost to daylight saving). A time the zone passes twice (the
 * hour repeated in autumn) is the earlier instant. Offsets a day before and after are the only ones a
 * zone can be at near that time: no zone changes offset twice in a day.
 */
export function zonedInstant(wallMs: number, timeZone: string): number | null {
  // Zones change offset on whole minutes, so every second of a wall-clock minute has the minute's
  // offset (or none): found once per zone and minute. formatToParts costs microseconds a call, and a
  // report has tens of thousands of times in a few hundred minutes (measured: 20,000 rows, 3.7 s).
  const minute = Math.floor(wallMs / 60_000) * 60_000;
  const key = `${timeZone}|${minute}`;
  let offset = minuteOffsets.get(key);
  if (offset === undefined) {
    if (minuteOffsets.size >= MINUTE_OFFSETS_KEPT) minuteOffsets.clear();
    minuteOffsets.set(key, (offset = offsetOfWallMinute(minute, timeZone)));
  }
  return offset === null ? null : wallMs - offset * 60_000;
}

/** Minutes between the wall clock and UTC are held for this many zone-minutes at most. */
const MINUTE_OFFSETS_KEPT = 100_000;
const minuteOffsets = new Map<string, number | null>();

/** The zone's offset at a wall-clock minute (the earlier of two in a repeated hour), null if skipped. */
function offsetOfWallMinute(wallMs: number, timeZone: string): number | null {
  const formatter = wallClockFormatter(timeZone);
  const offsets = new Set([zoneOffsetAt(wallMs - DAY_MS, formatter), zoneOffsetAt(wallMs + DAY_MS, formatter)]);
  const fitting = [...offsets].filter((offset) => zoneOffsetAt(wallMs - offset * 60_000, formatter) === offset);
  // The earlier instant is the larger offset.
  return fitting.length ? Math.max(...fitting) : null;
}

/** Reads the time cells of one file the same way: one date order, one zone. */
export type TimeReader = (cell: TimeCell) => Date;

/**
 * A reader for the file's time cells. `cells` are all of them, so the date order is decided once for
 * the file; `timeZone` is used for values with no offset of their own or of their column's.
 */
export function timeReader(
  cells: readonly TimeCell[],
  options: { timeZone: string; dateOrder?: DateOrder },
): TimeReader {
  const order = slashedDateOrder(cells, options.dateOrder);
  return (cell) => {
    const written = readWritten(cell.text);
    if (!written) throw badValue(cell, `is not ${FORMS}`);
    if (written.slashed && order === null) {
      throw badValue(
        cell,
        'could be month-first or day-first, and nothing in the file tells which (no number over 12, no AM/PM); say which with --date-order month-first or --date-order day-first',
      );
    }
    const dayFirst = written.slashed && order === 'day-first';
    const month = dayFirst ? written.second : written.first;
    const day = dayFirst ? written.first : written.second;
    const wall = new Date(0);
    wall.setUTCFullYear(written.year, month - 1, day);
    // 02/30 rolls over into March in Date: a day that comes back different is not a calendar day.
    if (wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== day) throw badValue(cell, 'is not a calendar date');
    let hour = written.hour;
    if (written.meridiem) {
      if (hour < 1 || hour > 12) throw badValue(cell, 'has an hour outside 1–12 before AM/PM');
      hour = (hour % 12) + (written.meridiem === 'pm' ? 12 : 0);
    }
    if (hour > 23 || written.minute > 59 || written.secondOfMinute > 59) throw badValue(cell, 'is not a time of day');
    wall.setUTCHours(hour, written.minute, written.secondOfMinute, 0);
    const stated = written.offset ?? cell.headerOffset;
    if (stated !== null) return new Date(wall.getTime() - stated * 60_000);
    const instant = zonedInstant(wall.getTime(), options.timeZone);
    if (instant === null) throw badValue(cell, `does not exist in ${options.timeZone} (the clocks skip it)`);
    return new Date(instant);
  };
}

/** "1h 5m 3s", "58m", "1h", "32m 10s" (Teams' durations) as seconds, or null in any other form. */
export function durationSeconds(text: string): number | null {
  const m = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?$/i.exec(text.trim());
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

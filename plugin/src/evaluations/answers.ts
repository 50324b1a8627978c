// One cell of a survey export, read as what the evaluation stores: a 1–5 rating (a number or a
// wording of the map's scale), the practice-change answer (Yes / No / Unsure, or a wording of it), or
// the survey's timestamp. A value that is none of these is a problem with the fix, never a guess.
// Pure: no I/O.
import { normaliseText } from '../schema/evaluationsImport.ts';
import type { PracticeChange, WordingTable } from '../schema/evaluationsImport.ts';

/** A cell read: its value, nothing (not answered), or why it cannot be read and what to do. */
export type CellReading<T> = { value: T } | { missing: true } | { problem: string; fix: string };

/** Whether the cell is left blank or answered 'N/A' and the like (the map's notAnswered). */
export function isNotAnswered(raw: string, notAnswered: ReadonlySet<string>): boolean {
  return notAnswered.has(normaliseText(raw));
}

/** A whole number alone, or leading a label ('5 - Excellent', '4. Agree') or closing one ('Excellent (5)'). */
const NUMBER_ALONE = /^[+-]?\d+(?:[.,]\d+)?$/;
const NUMBER_LEADING = /^(\d+)\s*[-–—:.)]\s*\S/u;
const NUMBER_CLOSING = /\((\d+)\)\s*$/;

/**
 * A rating 1–5: a whole number (alone or labelled, as tools export 'numeric values' or 'choice text
 * with its code'), else a wording of the field's scale. 4.5, 0 or 6 are out of the scale; a wording the
 * scale does not list is refused, so a survey with another scale gets its wordings named in a map.
 */
export function readRating(
  raw: string,
  wordings: WordingTable<number>,
  notAnswered: ReadonlySet<string>,
): CellReading<number> {
  const text = raw.trim();
  if (isNotAnswered(text, notAnswered)) return { missing: true };
  const numeric = NUMBER_ALONE.test(text) ? text : (NUMBER_LEADING.exec(text) ?? NUMBER_CLOSING.exec(text))?.[1];
  if (numeric !== undefined) {
    const n = Number(numeric.replace(',', '.'));
    if (Number.isInteger(n) && n >= 1 && n <= 5) return { value: n };
    return { problem: `${text} is not a rating from 1 to 5`, fix: 'answer with a whole number from 1 to 5' };
  }
  const value = wordings.get(normaliseText(text));
  if (value !== undefined) return { value };
  return {
    problem: `"${text}" is not a wording of the rating scale`,
    fix: 'name this wording and its rating (1-5) in a --columns file (ratingScale or fieldScales)',
  };
}

/** Yes, No or Unsure, or a wording of one of them ('I will change my practice'). */
export function readPracticeChange(
  raw: string,
  wordings: WordingTable<PracticeChange>,
  notAnswered: ReadonlySet<string>,
): CellReading<PracticeChange> {
  const text = raw.trim();
  if (isNotAnswered(text, notAnswered)) return { missing: true };
  const value = wordings.get(normaliseText(text));
  if (value !== undefined) return { value };
  return {
    problem: `"${text}" is not Yes, No or Unsure`,
    fix: 'answer Yes, No or Unsure, or name this wording under practiceChange in a --columns file',
  };
}

/** The longest comment Evaluation_Comments__c holds (a LongTextArea of 4,000 characters). */
export const COMMENTS_MAX_LENGTH = 4000;

/** Free text, kept as written; longer than the field holds is a problem, never cut short silently. */
export function readComments(raw: string, notAnswered: ReadonlySet<string>): CellReading<string> {
  const text = raw.trim();
  if (isNotAnswered(text, notAnswered)) return { missing: true };
  if (text.length > COMMENTS_MAX_LENGTH)
    return {
      problem: `the comments are ${text.length} characters long; the evaluation holds ${COMMENTS_MAX_LENGTH}`,
      fix: `shorten the comments to ${COMMENTS_MAX_LENGTH} characters`,
    };
  return { value: text };
}

/** A wall-clock time read from a cell, before its zone is known. */
interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const YEAR_FIRST = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const YEAR_LAST =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM|am|pm|a\.m\.|p\.m\.)?)?$/;

/** The offset of a zone from UTC at an instant, in milliseconds, through Intl (no zone database of our own). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall time names in a zone: the offset found at the first guess, checked again at the
 * result, so a time just after a daylight-saving change gets that day's offset.
 */
export function wallTimeToInstant(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  let instant = asUtc - zoneOffsetMs(asUtc, timeZone);
  const again = asUtc - zoneOffsetMs(instant, timeZone);
  if (again !== instant) instant = again;
  return new Date(instant);
}

/** Whether the wall time is a real calendar time (no 31 April, no 25:00). */
function isRealWallTime(w: WallTime): boolean {
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day));
  return (
    date.getUTCFullYear() === w.year &&
    date.getUTCMonth() === w.month - 1 &&
    date.getUTCDate() === w.day &&
    w.hour < 24 &&
    w.minute < 60 &&
    w.second < 60
  );
}

/** 12-hour clock to 24: 12 AM is 0, 12 PM is 12. */
function hour24(hour: number, meridiem: string | undefined): number | null {
  if (!meridiem) return hour;
  if (hour < 1 || hour > 12) return null;
  const pm = meridiem.toLowerCase().startsWith('p');
  return (hour % 12) + (pm ? 12 : 0);
}

/**
 * The survey's timestamp: ISO 8601 with an offset as written; '2026-10-24 09:58:18' and
 * '10/24/2026 9:58:18 AM' (day and month in the map's dateOrder; two-digit years are 20xx) are local
 * times, read in `timeZone`.
 */
export function readTimestamp(
  raw: string,
  options: { timeZone: string; dateOrder: 'MDY' | 'DMY'; notAnswered: ReadonlySet<string> },
): CellReading<Date> {
  const text = raw.trim();
  if (isNotAnswered(text, options.notAnswered)) return { missing: true };
  const refused = {
    problem: `"${text}" is not a date and time this import reads`,
    fix:
      options.dateOrder === 'MDY'
        ? 'write it as 2026-10-24 09:58:18 or 10/24/2026 9:58:18 AM (month first; set dateOrder DMY in a --columns file for day first)'
        : 'write it as 2026-10-24 09:58:18 or 24/10/2026 09:58:18 (day first, as dateOrder DMY says)',
  };
  if (ISO_WITH_ZONE.test(text)) {
    const instant = Date.parse(text);
    return Number.isNaN(instant) ? refused : { value: new Date(instant) };
  }
  let wall: WallTime | null = null;
  const yearFirst = YEAR_FIRST.exec(text);
  const yearLast = yearFirst ? null : YEAR_LAST.exec(text);
  if (yearFirst) {
    const [, y, mo, d, h, mi, s] = yearFirst;
    wall = { year: +y, month: +mo, day: +d, hour: +(h ?? 0), minute: +(mi ?? 0), second: +(s ?? 0) };
  } else if (yearLast) {
    const [, a, b, y, h, mi, s, meridiem] = yearLast;
    const hour = hour24(+(h ?? 0), meridiem);
    if (hour === null) return refused;
    const [month, day] = options.dateOrder === 'MDY' ? [+a, +b] : [+b, +a];
    wall = { year: y.length === 2 ? 2000 + +y : +y, month, day, hour, minute: +(mi ?? 0), second: +(s ?? 0) };
  }
  if (!wall || !isRealWallTime(wall)) return refused;
  return { value: wallTimeToInstant(wall, options.timeZone) };
}

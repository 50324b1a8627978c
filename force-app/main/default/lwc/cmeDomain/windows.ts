/**
 * Dates and year windows. All date math is in UTC on whole days ('YYYY-MM-DD'), so a result never
 * depends on the time zone of the machine or browser that runs it. Salesforce formulas take
 * DATEVALUE of a DateTime in GMT too, so our day numbers agree with fields like Approval_Lead_Days__c.
 */
import type { IsoDate } from './types';

const DAY_MS = 86_400_000;

// Date fields come as 'YYYY-MM-DD'; DateTime fields as '2027-03-14T04:00:00.000+0000' (REST/Bulk) or
// '2027-03-14T04:00:00.000Z' (UI API). The offset may lack the colon, which Date.parse does not
// promise to accept, so we read the parts ourselves.
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/**
 * Milliseconds since the epoch of a Date or DateTime value; null when blank. A date without a time
 * is midnight UTC. Throws a RangeError on text that is not an ISO date, because a silently skipped
 * date would hide a finding.
 */
export function parseInstant(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const m = ISO_PATTERN.exec(value.trim());
  if (!m) throw new RangeError(`Not an ISO date or datetime: "${value}"`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', offset] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d))
    throw new RangeError(`Not a calendar date: "${value}"`);
  return utc - offsetMinutes(offset) * 60_000;
}

function dayOfInstant(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Days of recently seen values: sorting and grouping ask for the same few thousand event starts many
 * times over. Cleared when full, so memory stays bounded whatever the input.
 */
const dayCache = new Map<string, IsoDate>();
const DAY_CACHE_SIZE = 10_000;

/** The UTC day ('YYYY-MM-DD') of a Date or DateTime value; null when blank. */
export function toUtcDay(value: string | null | undefined): IsoDate | null {
  if (value === null || value === undefined) return null;
  const known = dayCache.get(value);
  if (known !== undefined) return known;
  const ms = parseInstant(value);
  if (ms === null) return null;
  const day = dayOfInstant(ms);
  if (dayCache.size >= DAY_CACHE_SIZE) dayCache.clear();
  dayCache.set(value, day);
  return day;
}

/** Whole days from one day to another (negative when `to` is earlier). Times are dropped first. */
export function daysBetween(from: string, to: string): number {
  const a = parseInstant(toUtcDay(from));
  const b = parseInstant(toUtcDay(to));
  if (a === null || b === null) throw new RangeError('daysBetween needs two dates');
  return Math.round((b - a) / DAY_MS);
}

/** The day `days` after (or before, when negative) the given day. */
export function addDays(day: string, days: number): IsoDate {
  const start = parseInstant(toUtcDay(day));
  if (start === null) throw new RangeError('addDays needs a date');
  return dayOfInstant(start + days * DAY_MS);
}

export type YearBasis = 'Calendar Year' | 'Fiscal Year';

/** How a rule pack counts years: the calendar year, or a fiscal year starting in a given month. */
export interface YearWindowSpec {
  basis: YearBasis;
  /** 1–12; only used for 'Fiscal Year'. */
  fiscalYearStartMonth: number;
}

/** One year of a pack's cap and count rules. start and end are both inclusive days. */
export interface YearWindow {
  basis: YearBasis;
  /** The calendar year the window starts in. */
  startYear: number;
  start: IsoDate;
  end: IsoDate;
  /** "2026" for a calendar year; "FY2025-26" for a fiscal year that starts in April 2025. */
  label: string;
}

export const CALENDAR_YEAR: YearWindowSpec = Object.freeze({ basis: 'Calendar Year', fiscalYearStartMonth: 1 });

function startMonthOf(spec: YearWindowSpec): number {
  if (spec.basis === 'Calendar Year') return 1;
  const month = spec.fiscalYearStartMonth;
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`Fiscal year start month must be 1–12, not ${String(month)}`);
  return month;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function labelOf(spec: YearWindowSpec, startYear: number, startMonth: number): string {
  if (spec.basis === 'Calendar Year') return String(startYear);
  // A fiscal year that starts in January is one calendar year; otherwise it spans two.
  if (startMonth === 1) return `FY${startYear}`;
  return `FY${startYear}-${pad((startYear + 1) % 100)}`;
}

/**
 * Year windows already made: totals and caps ask for the window of every allocation's date, and there
 * are only a few distinct ones. Frozen because they are shared.
 */
const windowCache = new Map<string, YearWindow>();

/** The window of the pack's year that starts in `startYear`. */
export function yearWindowStarting(startYear: number, spec: YearWindowSpec): YearWindow {
  const month = startMonthOf(spec);
  const key = `${spec.basis}|${month}|${startYear}`;
  const known = windowCache.get(key);
  if (known) return known;
  const start = `${pad(startYear, 4)}-${pad(month)}-01`;
  const nextStart = `${pad(startYear + 1, 4)}-${pad(month)}-01`;
  const window: YearWindow = Object.freeze({
    basis: spec.basis,
    startYear,
    start,
    end: addDays(nextStart, -1),
    label: labelOf(spec, startYear, month),
  });
  if (windowCache.size >= DAY_CACHE_SIZE) windowCache.clear();
  windowCache.set(key, window);
  return window;
}

/**
 * The window of each date already placed, one map per way of counting years (index 0 the calendar
 * year, 1–12 a fiscal year starting in that month): caps and counts ask for the window of every
 * allocation and participation, over a few hundred distinct days. Cleared when full.
 */
const windowOfDay: Map<string, YearWindow>[] = Array.from({ length: 13 }, () => new Map<string, YearWindow>());

/** The pack year a date (or datetime, taken in UTC) belongs to. */
export function yearWindowOf(date: string, spec: YearWindowSpec): YearWindow {
  // Only a valid spec has a map: an invalid start month finds none and throws below, as before.
  const month0 = spec.fiscalYearStartMonth;
  const valid = Number.isInteger(month0) && month0 >= 1 && month0 <= 12;
  const byDay: Map<string, YearWindow> | undefined =
    windowOfDay[spec.basis === 'Calendar Year' ? 0 : valid ? month0 : -1];
  const known = byDay?.get(date);
  if (known) return known;
  const day = toUtcDay(date);
  if (day === null) throw new RangeError('yearWindowOf needs a date');
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  // Months before the fiscal start month belong to the year that began the previous calendar year.
  const window = yearWindowStarting(month >= startMonthOf(spec) ? year : year - 1, spec);
  if (!byDay) return window;
  if (byDay.size >= DAY_CACHE_SIZE) byDay.clear();
  byDay.set(date, window);
  return window;
}

/** Whether a date (or datetime, in UTC) falls inside the window, both ends included. */
export function isWithinWindow(date: string, window: YearWindow): boolean {
  const day = toUtcDay(date);
  return day !== null && day >= window.start && day <= window.end;
}

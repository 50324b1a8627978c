/**
 * The month calendar's pure logic: calendar dates (YYYY-MM-DD, no time zone), the month grid, the
 * phone-width agenda, keyboard moves and the names of months and days. No platform imports.
 */
import { addDays } from 'c/cmeDomain';

/** An event as the calendar shows it (the planner's events carry these fields and more). */
export interface CalendarEvent {
  id: string;
  name: string;
  status: string;
  statusLabel: string;
  statusClass: string;
  where: string;
  start: string;
  timeZone?: string;
  /** The start day, YYYY-MM-DD, in the event's own time zone (else the browser's). */
  day: string;
  /** The event's address, its link's href (NavigationMixin.GenerateUrl); none until known. */
  url?: string;
}

function parseDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The same day `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const date = parseDay(iso);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const day = Math.min(date.getUTCDate(), daysInMonth(target.getUTCFullYear(), target.getUTCMonth()));
  target.setUTCDate(day);
  return formatDay(target);
}

export function firstOfMonth(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

export function sameMonth(a: string, b: string): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(iso: string): number {
  return parseDay(iso).getUTCDay();
}

export function startOfWeek(iso: string, weekStartsOn: number): string {
  return addDays(iso, -((weekdayOf(iso) - weekStartsOn + 7) % 7));
}

export interface CalendarDay {
  iso: string;
  dayNumber: number;
  inMonth: boolean;
  isToday: boolean;
  events: CalendarEvent[];
}

export interface CalendarWeek {
  key: string;
  days: CalendarDay[];
}

function eventsByDay(events: readonly CalendarEvent[]): Map<string, CalendarEvent[]> {
  const byDay = new Map<string, CalendarEvent[]>();
  for (const event of events) {
    if (!event.day) continue;
    const list = byDay.get(event.day) ?? [];
    list.push(event);
    byDay.set(event.day, list);
  }
  return byDay;
}

/**
 * The weeks of the month that holds `monthIso` (any day of it), each of seven days from
 * `weekStartsOn` (0 Sunday, 1 Monday), with the days of the neighbouring months that fill the
 * first and last week, and each day's events by start day.
 */
export function monthGrid(
  monthIso: string,
  events: readonly CalendarEvent[],
  todayIso: string,
  weekStartsOn: number,
): CalendarWeek[] {
  const first = firstOfMonth(monthIso);
  const byDay = eventsByDay(events);
  const weeks: CalendarWeek[] = [];
  let cursor = startOfWeek(first, weekStartsOn);
  do {
    const days: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      days.push({
        iso: cursor,
        dayNumber: parseDay(cursor).getUTCDate(),
        inMonth: sameMonth(cursor, first),
        isToday: cursor === todayIso,
        events: byDay.get(cursor) ?? [],
      });
      cursor = addDays(cursor, 1);
    }
    weeks.push({ key: days[0].iso, days });
  } while (sameMonth(cursor, first));
  return weeks;
}

export interface AgendaDay {
  iso: string;
  isToday: boolean;
  events: CalendarEvent[];
}

/** The days of the month that have events, in order: the phone-width view of the calendar. */
export function monthAgenda(monthIso: string, events: readonly CalendarEvent[], todayIso: string): AgendaDay[] {
  const byDay = eventsByDay(events.filter((e) => sameMonth(e.day, monthIso)));
  return [...byDay.keys()].sort().map((iso) => ({ iso, isToday: iso === todayIso, events: byDay.get(iso)! }));
}

/** The day the calendar's keyboard focus moves to for a key, or undefined for keys it does not handle. */
export function moveFocusDate(iso: string, key: string, weekStartsOn: number): string | undefined {
  switch (key) {
    case 'ArrowLeft':
      return addDays(iso, -1);
    case 'ArrowRight':
      return addDays(iso, 1);
    case 'ArrowUp':
      return addDays(iso, -7);
    case 'ArrowDown':
      return addDays(iso, 7);
    case 'Home':
      return startOfWeek(iso, weekStartsOn);
    case 'End':
      return addDays(startOfWeek(iso, weekStartsOn), 6);
    case 'PageUp':
      return addMonths(iso, -1);
    case 'PageDown':
      return addMonths(iso, 1);
    default:
      return undefined;
  }
}

/** Weekday names for the grid's column headers, starting at `weekStartsOn`. */
export function weekdayNames(weekStartsOn: number, locale?: string): { key: string; short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = parseDay(addDays('2023-01-01', (weekStartsOn + i) % 7));
    return { key: String(i), short: short.format(date), long: long.format(date) };
  });
}

/** "March 2027". */
export function monthTitle(monthIso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    parseDay(firstOfMonth(monthIso)),
  );
}

/** "Sunday, March 14". */
export function longDay(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    parseDay(iso),
  );
}

/**
 * The event planner's pure logic: the GraphQL filter for upcoming events, the events as the screen
 * shows them, the month calendar (grid, agenda, keyboard moves) and the new-event form (defaults,
 * validation mirroring CME_Event__c's validation rules, record fields, server errors per field).
 * No platform imports except labels, so every rule is unit-tested directly.
 */
import { addDays } from 'c/cmeDomain';
import { displayOf, nodesOf } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';
import { statusBadgeClass } from 'c/cmeUi';
import { recordErrorParts, reduceErrors } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';

import NAME_FIELD from '@salesforce/schema/CME_Event__c.Name';
import TYPE_FIELD from '@salesforce/schema/CME_Event__c.Event_Type__c';
import FORMAT_FIELD from '@salesforce/schema/CME_Event__c.Format__c';
import START_FIELD from '@salesforce/schema/CME_Event__c.Start__c';
import END_FIELD from '@salesforce/schema/CME_Event__c.End__c';
import TIME_ZONE_FIELD from '@salesforce/schema/CME_Event__c.Time_Zone__c';
import VENUE_FIELD from '@salesforce/schema/CME_Event__c.Venue__c';
import CITY_FIELD from '@salesforce/schema/CME_Event__c.City__c';
import COUNTRY_FIELD from '@salesforce/schema/CME_Event__c.Country__c';
import VIRTUAL_URL_FIELD from '@salesforce/schema/CME_Event__c.Virtual_Url__c';
import THERAPY_AREA_FIELD from '@salesforce/schema/CME_Event__c.Therapy_Area__c';
import TOPIC_FIELD from '@salesforce/schema/CME_Event__c.Topic__c';
import EDUCATIONAL_NEED_FIELD from '@salesforce/schema/CME_Event__c.Educational_Need__c';
import CAPACITY_FIELD from '@salesforce/schema/CME_Event__c.Capacity__c';
import BUDGET_FIELD from '@salesforce/schema/CME_Event__c.Budget__c';
import RULE_PACK_FIELD from '@salesforce/schema/CME_Event__c.Rule_Pack__c';

import errorRequired from '@salesforce/label/c.CME_Planner_Error_Required';
import errorEndAfterStart from '@salesforce/label/c.CME_Planner_Error_End_After_Start';
import errorCapacity from '@salesforce/label/c.CME_Planner_Error_Capacity';
import errorBudget from '@salesforce/label/c.CME_Planner_Error_Budget';
import errorVenue from '@salesforce/label/c.CME_Planner_Error_Venue';
import errorVirtualUrl from '@salesforce/label/c.CME_Planner_Error_Virtual_Url';
import errorUrlInvalid from '@salesforce/label/c.CME_Planner_Error_Url_Invalid';
import errorCountry from '@salesforce/label/c.CME_Planner_Error_Country';
import errorTimeZone from '@salesforce/label/c.CME_Planner_Error_Time_Zone';

// ------------------------------------------------------------------ filters

export interface PlannerFilters {
  eventType: string;
  format: string;
  status: string;
  therapyArea: string;
  mineOnly: boolean;
}

export const NO_FILTERS: PlannerFilters = Object.freeze({
  eventType: '',
  format: '',
  status: '',
  therapyArea: '',
  mineOnly: false,
});

export function hasActiveFilters(filters: PlannerFilters): boolean {
  return Boolean(filters.eventType || filters.format || filters.status || filters.therapyArea || filters.mineOnly);
}

/**
 * The `where` of the upcoming-events query: events not yet over (End__c on or after today) plus one
 * `eq` per chosen filter; "Mine" is the record owner.
 */
export function buildEventWhere(filters: PlannerFilters, userId: string): Record<string, unknown> {
  const and: Record<string, unknown>[] = [{ End__c: { gte: { literal: 'TODAY' } } }];
  if (filters.eventType) and.push({ Event_Type__c: { eq: filters.eventType } });
  if (filters.format) and.push({ Format__c: { eq: filters.format } });
  if (filters.status) and.push({ Status__c: { eq: filters.status } });
  if (filters.therapyArea) and.push({ Therapy_Area__c: { eq: filters.therapyArea } });
  if (filters.mineOnly && userId) and.push({ OwnerId: { eq: userId } });
  return { and };
}

export interface ComboboxOption {
  label: string;
  value: string;
}

/** Picklist values as combobox options, led by an "All"/"None" option with the value ''. */
export function optionsWithBlank(
  blankLabel: string,
  values: readonly { label: string; value: string }[] | undefined,
): ComboboxOption[] {
  return [{ label: blankLabel, value: '' }, ...(values ?? []).map((v) => ({ label: v.label, value: v.value }))];
}

// ------------------------------------------------------------------ events

export interface PlannerEvent {
  id: string;
  name: string;
  status: string;
  statusLabel: string;
  statusClass: string;
  eventType: string;
  format: string;
  formatValue: string;
  where: string;
  start: string;
  end: string;
  timeZone?: string;
  /** The start day, YYYY-MM-DD, in the event's own time zone (else the browser's). */
  day: string;
}

function valueOf(node: GraphqlNode, field: string): unknown {
  const raw = node[field] as { value?: unknown } | null | undefined;
  return raw && typeof raw === 'object' ? raw.value : undefined;
}

function textOf(node: GraphqlNode, field: string): string {
  const value = valueOf(node, field);
  return value === null || value === undefined ? '' : String(value);
}

/** Whether `timeZone` is an IANA zone this browser knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    return Boolean(new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone);
  } catch {
    return false;
  }
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone; the browser's zone when none or unknown. */
export function dayInZone(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : undefined;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Where the event happens, for one line of text: "City, CC", else "Online" for virtual events. */
export function whereText(city: string, country: string, format: string, onlineLabel: string): string {
  if (city) return country ? `${city}, ${country}` : city;
  if (format === 'Virtual') return onlineLabel;
  return country;
}

/** The events of an upcoming-events GraphQL answer, as the list and the calendar show them. */
export function eventsFrom(data: unknown, onlineLabel: string): PlannerEvent[] {
  return nodesOf(data, 'CME_Event__c').map((node) => {
    const status = textOf(node, 'Status__c');
    const timeZone = textOf(node, 'Time_Zone__c') || undefined;
    const start = textOf(node, 'Start__c');
    const formatValue = textOf(node, 'Format__c');
    return {
      id: String(node.Id),
      name: textOf(node, 'Name'),
      status,
      statusLabel: displayOf(node, 'Status__c'),
      statusClass: statusBadgeClass(status, 'event-status'),
      eventType: displayOf(node, 'Event_Type__c'),
      format: displayOf(node, 'Format__c'),
      formatValue,
      where: whereText(textOf(node, 'City__c'), textOf(node, 'Country__c'), formatValue, onlineLabel),
      start,
      end: textOf(node, 'End__c'),
      timeZone,
      day: dayInZone(start, timeZone),
    };
  });
}

// ------------------------------------------------------------------ calendar dates (YYYY-MM-DD, no time zone)

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
  events: PlannerEvent[];
}

export interface CalendarWeek {
  key: string;
  days: CalendarDay[];
}

function eventsByDay(events: readonly PlannerEvent[]): Map<string, PlannerEvent[]> {
  const byDay = new Map<string, PlannerEvent[]>();
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
  events: readonly PlannerEvent[],
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
  events: PlannerEvent[];
}

/** The days of the month that have events, in order: the phone-width view of the calendar. */
export function monthAgenda(monthIso: string, events: readonly PlannerEvent[], todayIso: string): AgendaDay[] {
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

// ------------------------------------------------------------------ new event form

/** The form's fields by role; the values are the API names the form's inputs and createRecord use. */
export const F = Object.freeze({
  name: NAME_FIELD.fieldApiName,
  eventType: TYPE_FIELD.fieldApiName,
  format: FORMAT_FIELD.fieldApiName,
  start: START_FIELD.fieldApiName,
  end: END_FIELD.fieldApiName,
  timeZone: TIME_ZONE_FIELD.fieldApiName,
  venue: VENUE_FIELD.fieldApiName,
  city: CITY_FIELD.fieldApiName,
  country: COUNTRY_FIELD.fieldApiName,
  virtualUrl: VIRTUAL_URL_FIELD.fieldApiName,
  therapyArea: THERAPY_AREA_FIELD.fieldApiName,
  topic: TOPIC_FIELD.fieldApiName,
  educationalNeed: EDUCATIONAL_NEED_FIELD.fieldApiName,
  capacity: CAPACITY_FIELD.fieldApiName,
  budget: BUDGET_FIELD.fieldApiName,
  rulePack: RULE_PACK_FIELD.fieldApiName,
});

export const DRAFT_FIELDS: readonly string[] = Object.values(F);

/** The form's values by field API name, as the inputs give them (text). */
export type EventDraft = Record<string, string>;
/** Error message per field API name. */
export type DraftErrors = Record<string, string>;

export function isDraftField(name: string): boolean {
  return DRAFT_FIELDS.includes(name);
}

/** Next week, same weekday, at 09:00 in the browser's time zone. */
export function defaultStart(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7, 9, 0, 0, 0);
}

/** A full day: 09:00 to 17:00. */
export const DEFAULT_DURATION_MS = 8 * 60 * 60 * 1000;

export interface DraftDefaults {
  eventType?: string;
  format?: string;
  rulePackId?: string;
  timeZone?: string;
}

/** The form of a new event: next week 09:00–17:00 in the user's time zone, the picklists' defaults. */
export function defaultDraft(now: Date, defaults: DraftDefaults = {}): EventDraft {
  const start = defaultStart(now);
  const draft: EventDraft = Object.fromEntries(DRAFT_FIELDS.map((f) => [f, '']));
  draft[F.eventType] = defaults.eventType ?? '';
  draft[F.format] = defaults.format ?? '';
  draft[F.start] = start.toISOString();
  draft[F.end] = new Date(start.getTime() + DEFAULT_DURATION_MS).toISOString();
  draft[F.timeZone] = defaults.timeZone ?? '';
  draft[F.rulePack] = defaults.rulePackId ?? '';
  return draft;
}

/**
 * When the start moves, the end keeps the event's length if it would otherwise no longer be after
 * the start (a planner who moves a full-day event to Thursday expects it to end on Thursday).
 */
export function endAfterMovingStart(previousStart: string, end: string, newStart: string): string {
  const s0 = Date.parse(previousStart);
  const e = Date.parse(end);
  const s1 = Date.parse(newStart);
  if (Number.isNaN(s1) || Number.isNaN(e) || e > s1) return end;
  const duration = !Number.isNaN(s0) && e > s0 ? e - s0 : DEFAULT_DURATION_MS;
  return new Date(s1 + duration).toISOString();
}

const IN_PERSON_FORMATS = new Set(['In-Person', 'Hybrid']);
const ONLINE_FORMATS = new Set(['Virtual', 'Hybrid']);

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The form's errors per field, mirroring the object's required fields and validation rules
 * (End_After_Start, Capacity_Positive, Budget_Not_Negative, Venue_For_In_Person_Formats,
 * Virtual_Url_For_Online_Formats, Country_Is_ISO_Code), so the user sees them before saving.
 */
export function validateDraft(draft: EventDraft): DraftErrors {
  const errors: DraftErrors = {};
  const value = (field: string) => (draft[field] ?? '').trim();
  for (const field of [F.name, F.eventType, F.format, F.start, F.end]) if (!value(field)) errors[field] = errorRequired;

  const start = Date.parse(value(F.start));
  const end = Date.parse(value(F.end));
  if (!errors[F.start] && Number.isNaN(start)) errors[F.start] = errorRequired;
  if (!errors[F.end] && Number.isNaN(end)) errors[F.end] = errorRequired;
  if (!errors[F.start] && !errors[F.end] && end <= start) errors[F.end] = errorEndAfterStart;

  if (value(F.capacity)) {
    const capacity = Number(value(F.capacity));
    if (!Number.isInteger(capacity) || capacity < 1) errors[F.capacity] = errorCapacity;
  }
  if (value(F.budget)) {
    const budget = Number(value(F.budget));
    if (!Number.isFinite(budget) || budget < 0) errors[F.budget] = errorBudget;
  }

  const format = value(F.format);
  if (IN_PERSON_FORMATS.has(format))
    for (const field of [F.venue, F.city, F.country]) if (!value(field)) errors[field] = errorVenue;
  if (value(F.country) && !/^[A-Z]{2}$/.test(value(F.country))) errors[F.country] = errorCountry;

  if (value(F.virtualUrl) && !isHttpUrl(value(F.virtualUrl))) errors[F.virtualUrl] = errorUrlInvalid;
  else if (ONLINE_FORMATS.has(format) && !value(F.virtualUrl)) errors[F.virtualUrl] = errorVirtualUrl;

  if (value(F.timeZone) && !isValidTimeZone(value(F.timeZone))) errors[F.timeZone] = errorTimeZone;
  return errors;
}

/** The record fields to create: trimmed text, numbers as numbers, blanks left out (Status__c: the org's default, Draft). */
export function recordFieldsFrom(draft: EventDraft): Record<string, string | number> {
  const numbers = new Set<string>([F.capacity, F.budget]);
  const fields: Record<string, string | number> = {};
  for (const field of DRAFT_FIELDS) {
    const text = (draft[field] ?? '').trim();
    if (!text) continue;
    fields[field] = numbers.has(field) ? Number(text) : text;
  }
  return fields;
}

/**
 * A failed createRecord split into messages for the form's fields (UI API `body.output.fieldErrors`)
 * and messages for the error panel (`body.output.errors`, errors on fields the form does not show,
 * anything else the error says).
 */
export function serverErrorsFrom(error: unknown): { fieldErrors: DraftErrors; messages: string[] } {
  const parts = recordErrorParts(error);
  if (!parts) return { fieldErrors: {}, messages: reduceErrors(error as ErrorLike) };
  const fieldErrors: DraftErrors = {};
  const messages: string[] = [...parts.errors];
  for (const [field, list] of Object.entries(parts.fieldErrors)) {
    const text = list.join(' ');
    if (isDraftField(field)) fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${text}` : text;
    else messages.push(text);
  }
  if (!messages.length && !Object.keys(fieldErrors).length) messages.push(...reduceErrors(error as ErrorLike));
  return { fieldErrors, messages };
}

/** Active rule packs as options: "Name (Code)". */
export function rulePackOptions(data: unknown): ComboboxOption[] {
  return nodesOf(data, 'CME_Rule_Pack__c').map((node) => {
    const name = textOf(node, 'Name');
    const code = textOf(node, 'Code__c');
    return { value: String(node.Id), label: code && code !== name ? `${name} (${code})` : name };
  });
}

/**
 * The event planner's pure logic: the GraphQL filter for upcoming events, the events as the list and
 * the calendar show them, and the rule pack options. The calendar's logic is in
 * cmeEventCalendar/calendarModel.ts, the form's in cmeNewEventForm/eventFormModel.ts.
 */
import { displayOf, nodesOf } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';
import { isValidTimeZone, statusBadgeClass } from 'c/cmeUi';
import type { Option } from 'c/cmeUi';
import type { CalendarEvent } from 'c/cmeEventCalendar';
import type { EventFilters } from 'c/cmeEventFilters';

// ------------------------------------------------------------------ filters

export const NO_FILTERS: EventFilters = Object.freeze({
  eventType: '',
  format: '',
  status: '',
  therapyArea: '',
  mineOnly: false,
});

export function hasActiveFilters(filters: EventFilters): boolean {
  return Boolean(filters.eventType || filters.format || filters.status || filters.therapyArea || filters.mineOnly);
}

/**
 * The `where` of the upcoming-events query: events not yet over (End__c on or after today) plus one
 * `eq` per chosen filter; "Mine" is the record owner.
 */
export function buildEventWhere(filters: EventFilters, userId: string): Record<string, unknown> {
  const and: Record<string, unknown>[] = [{ End__c: { gte: { literal: 'TODAY' } } }];
  if (filters.eventType) and.push({ Event_Type__c: { eq: filters.eventType } });
  if (filters.format) and.push({ Format__c: { eq: filters.format } });
  if (filters.status) and.push({ Status__c: { eq: filters.status } });
  if (filters.therapyArea) and.push({ Therapy_Area__c: { eq: filters.therapyArea } });
  if (filters.mineOnly && userId) and.push({ OwnerId: { eq: userId } });
  return { and };
}

// ------------------------------------------------------------------ events

/** An event as the list shows it: what the calendar shows (CalendarEvent), with its type, format and end. */
export interface PlannerEvent extends CalendarEvent {
  eventType: string;
  /** The format as the user reads it; formatValue is the picklist value. */
  format: string;
  formatValue: string;
  end: string;
}

function valueOf(node: GraphqlNode, field: string): unknown {
  const raw = node[field] as { value?: unknown } | null | undefined;
  return raw && typeof raw === 'object' ? raw.value : undefined;
}

function textOf(node: GraphqlNode, field: string): string {
  const value = valueOf(node, field);
  return value === null || value === undefined ? '' : String(value);
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

/** Active rule packs as options: "Name (Code)". */
export function rulePackOptions(data: unknown): Option[] {
  return nodesOf(data, 'CME_Rule_Pack__c').map((node) => {
    const name = textOf(node, 'Name');
    const code = textOf(node, 'Code__c');
    return { value: String(node.Id), label: code && code !== name ? `${name} (${code})` : name };
  });
}

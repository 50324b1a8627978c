/**
 * The rep's follow-up list as pure logic: which Tasks are CME event follow-ups (WhatId with the
 * CME_Event__c key prefix), when each is due relative to today, the Overdue / This week / All
 * filters and their counts, and the event names a second query fills in when the polymorphic
 * What did not give them.
 */
import { daysBetween } from 'c/cmeDomain';
import { nodesOf } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';

export type FollowUpFilter = 'overdue' | 'week' | 'all';

export interface FollowUp {
  id: string;
  subject: string;
  status: string;
  priority: string;
  isHighPriority: boolean;
  /** YYYY-MM-DD, or null when the task has no due date. */
  dueDate: string | null;
  eventId: string;
  /** What.Name when GraphQL gave it, else null (filled in from the event-name query). */
  eventName: string | null;
  doctorId: string | null;
  doctorName: string | null;
  /** Whole days past the due date (0 when not overdue). */
  daysOverdue: number;
  isOverdue: boolean;
  isDueToday: boolean;
  /** Due from today to the end of this week (not overdue). */
  isThisWeek: boolean;
}

function field(node: GraphqlNode | null | undefined, name: string): unknown {
  const raw = node?.[name] as { value?: unknown } | null | undefined;
  return raw && typeof raw === 'object' ? raw.value : undefined;
}

function text(node: GraphqlNode | null | undefined, name: string): string | null {
  const value = field(node, name);
  return value === null || value === undefined || value === '' ? null : String(value);
}

/** Whether a record id belongs to the object with this key prefix (the id's first three characters). */
export function hasKeyPrefix(id: string | null | undefined, keyPrefix: string | null | undefined): boolean {
  return Boolean(id && keyPrefix && keyPrefix.length === 3 && id.slice(0, 3) === keyPrefix);
}

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The last day of the week that holds `todayIso`, for a week starting on `weekStartsOn` (0 Sunday, 1 Monday). */
export function endOfWeek(todayIso: string, weekStartsOn: number): string {
  const weekday = new Date(dayNumber(todayIso) * 86_400_000).getUTCDay();
  const daysLeft = 6 - ((weekday - weekStartsOn + 7) % 7);
  return new Date((dayNumber(todayIso) + daysLeft) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The open Tasks of a GraphQL answer that relate to a CME event, with their due state on `todayIso`.
 * Tasks on other objects (accounts, opportunities…) are left out.
 */
export function followUpsFrom(
  data: unknown,
  eventKeyPrefix: string | undefined,
  todayIso: string,
  weekStartsOn: number,
): FollowUp[] {
  const weekEnd = endOfWeek(todayIso, weekStartsOn);
  const out: FollowUp[] = [];
  for (const node of nodesOf(data, 'Task')) {
    const eventId = text(node, 'WhatId');
    if (!hasKeyPrefix(eventId, eventKeyPrefix)) continue;
    const dueDate = text(node, 'ActivityDate');
    const late = dueDate ? daysBetween(dueDate, todayIso) : 0;
    const priority = text(node, 'Priority') ?? '';
    out.push({
      id: String(node.Id),
      subject: text(node, 'Subject') ?? '',
      status: text(node, 'Status') ?? '',
      priority,
      isHighPriority: priority === 'High',
      dueDate,
      eventId: eventId as string,
      eventName: text(node.What as GraphqlNode | null, 'Name'),
      doctorId: text(node, 'WhoId'),
      doctorName: text(node.Who as GraphqlNode | null, 'Name'),
      daysOverdue: Math.max(0, late),
      isOverdue: late > 0,
      isDueToday: dueDate !== null && late === 0,
      isThisWeek: dueDate !== null && late <= 0 && dueDate <= weekEnd,
    });
  }
  return out;
}

export function filterFollowUps(list: readonly FollowUp[], filter: FollowUpFilter): FollowUp[] {
  if (filter === 'overdue') return list.filter((f) => f.isOverdue);
  if (filter === 'week') return list.filter((f) => f.isThisWeek);
  return [...list];
}

export function countsOf(list: readonly FollowUp[]): Record<FollowUpFilter, number> {
  return {
    overdue: list.filter((f) => f.isOverdue).length,
    week: list.filter((f) => f.isThisWeek).length,
    all: list.length,
  };
}

/** Events whose names the Task query did not return, each once, in order. */
export function missingEventIds(list: readonly FollowUp[]): string[] {
  return [...new Set(list.filter((f) => !f.eventName).map((f) => f.eventId))];
}

/** Event names by id from a CME_Event__c query. */
export function eventNamesFrom(data: unknown): Record<string, string> {
  const names: Record<string, string> = {};
  for (const node of nodesOf(data, 'CME_Event__c')) {
    const name = text(node, 'Name');
    if (name) names[String(node.Id)] = name;
  }
  return names;
}

export function isFollowUpFilter(value: unknown): value is FollowUpFilter {
  return value === 'overdue' || value === 'week' || value === 'all';
}

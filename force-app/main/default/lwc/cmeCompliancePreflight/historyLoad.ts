/**
 * What the compliance pre-flight loads besides the event: the HCPs it involves, the days of history the
 * cross-event rules need, the other events that history points at, and those events read as domain
 * input. Pure, unit-tested in preflight.test.ts (through preflight.ts, which re-exports it).
 */
import { addDays, ruleSetting, toUtcDay, yearWindowOf } from 'c/cmeDomain';
import type { Attendance, CmeEvent, ComplianceInput, Expense, RulePack } from 'c/cmeDomain';
import { recordsOf } from 'c/cmeRecords';

/** Every HCP the event involves: invited, attending, or paid directly. Sorted, without repeats. */
export function involvedDoctorIds(input: ComplianceInput): string[] {
  const ids = new Set<string>();
  for (const i of input.invitations ?? []) if (i.Doctor__c) ids.add(i.Doctor__c);
  for (const a of input.attendance ?? []) if (a.Doctor__c) ids.add(a.Doctor__c);
  for (const e of input.expenses ?? []) if (e.Doctor__c) ids.add(e.Doctor__c);
  return [...ids].sort();
}

export interface HistoryWindow {
  /** First day (inclusive) of the history the cross-event rules need. */
  from: string;
  /** Last day (inclusive). */
  to: string;
  /** The pack year of the event, e.g. "FY2026-27". */
  yearLabel: string;
}

/**
 * The days of other events the cross-event rules look at: the event's cap year (annual cap, events
 * per year) and, when REPEAT_TOPIC is on, its look-back window before the event.
 */
export function historyWindow(event: CmeEvent | undefined, pack: RulePack, today: string): HistoryWindow {
  const anchor = toUtcDay(event?.Start__c) ?? (toUtcDay(today) as string);
  const year = yearWindowOf(anchor, pack);
  const repeat = ruleSetting(pack, 'REPEAT_TOPIC');
  const lookBack = repeat.severity !== 'Off' && repeat.windowDays ? addDays(anchor, -repeat.windowDays) : year.start;
  return { from: lookBack < year.start ? lookBack : year.start, to: year.end, yearLabel: year.label };
}

/** The window as the DateTime bounds a GraphQL filter on Start__c takes. */
export function windowBounds(window: HistoryWindow): { from: string; to: string } {
  return { from: `${window.from}T00:00:00.000Z`, to: `${window.to}T23:59:59.999Z` };
}

/** Other events the HCPs' history points at, sorted. */
export function historyEventIds(history: ComplianceInput, eventId: string | undefined): string[] {
  const ids = new Set<string>();
  for (const list of [history.invitations, history.attendance, history.expenses])
    for (const r of list ?? []) if (r.Event__c && r.Event__c !== eventId) ids.add(r.Event__c);
  return [...ids].sort();
}

type EventWithChildren = CmeEvent & { Attendances__r?: Attendance[]; Expenses__r?: Expense[] };

/**
 * The history events as queried with their attendance and shared expenses as child connections,
 * turned into domain input: the split of a shared line needs everyone who attended that event.
 */
export function historyEventsInput(data: unknown): ComplianceInput {
  const rows = recordsOf<EventWithChildren>(data, 'CME_Event__c');
  const events: CmeEvent[] = [];
  const attendance: Attendance[] = [];
  const expenses: Expense[] = [];
  for (const { Attendances__r: attended, Expenses__r: spent, ...event } of rows) {
    events.push(event);
    for (const a of attended ?? []) attendance.push({ ...a, Event__c: a.Event__c ?? event.Id });
    for (const e of spent ?? []) expenses.push({ ...e, Event__c: e.Event__c ?? event.Id });
  }
  return { events, attendance, expenses };
}

/**
 * Whether any connection in a GraphQL result stopped before its last record: a top-level one, or a child
 * connection inside a record (an event's 2,000-attendee page, over which its shared costs are split).
 */
export function isTruncated(data: unknown): boolean {
  const stopsEarly = (value: unknown): boolean => {
    if (!value || typeof value !== 'object') return false;
    if (Array.isArray(value)) return value.some(stopsEarly);
    const { pageInfo, ...rest } = value as { pageInfo?: { hasNextPage?: boolean } };
    return pageInfo?.hasNextPage === true || Object.values(rest).some(stopsEarly);
  };
  return stopsEarly((data as { uiapi?: { query?: unknown } } | undefined)?.uiapi?.query);
}

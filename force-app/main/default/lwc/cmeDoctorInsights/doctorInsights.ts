/**
 * What "Invite doctors" shows next to each doctor on screen: their transfers of value in the rule
 * pack's cap year against HCP_ANNUAL_CAP, the events they attended that year, and the warnings the
 * domain core gives for a hypothetical accepted invitation to this event. Pure functions over the
 * GraphQL results, so the component only wires data and the shaping is unit-tested.
 */
import {
  CALENDAR_YEAR,
  addDays,
  allocateTransfersOfValue,
  evaluateCompliance,
  formatMoney,
  isRuleOn,
  groupByEvent,
  isWithinWindow,
  ruleSetting,
  ruleSeverity,
  summariseByHcp,
  toUtcDay,
  yearWindowOf,
} from 'c/cmeDomain';
import type {
  Attendance,
  CmeEvent,
  ComplianceInput,
  Doctor,
  Expense,
  Finding,
  FindingSeverity,
  Invitation,
  InvitationRole,
  RuleId,
  RulePack,
  TovAllocation,
  YearWindow,
} from 'c/cmeDomain';
import { complianceInputFrom, mergeComplianceInputs, recordsOf } from 'c/cmeRecords';
import { formatLabel } from 'c/cmeUi';

import capExceededLabel from '@salesforce/label/c.CME_Invite_Warning_Cap_Exceeded';
import capReachedLabel from '@salesforce/label/c.CME_Invite_Warning_Cap_Reached';
import capNearLabel from '@salesforce/label/c.CME_Invite_Warning_Cap_Near';
import capDetailLabel from '@salesforce/label/c.CME_Invite_Warning_Cap_Detail';
import repeatTopicLabel from '@salesforce/label/c.CME_Invite_Warning_Repeat_Topic';
import maxEventsLabel from '@salesforce/label/c.CME_Invite_Warning_Max_Events';
import noConsentLabel from '@salesforce/label/c.CME_Invite_Warning_No_Consent';
import noConsentDetailLabel from '@salesforce/label/c.CME_Invite_Warning_No_Consent_Detail';

/** The rules that judge one HCP, the only ones this screen asks the domain core about. */
export const PER_HCP_RULES: readonly RuleId[] = Object.freeze([
  'HCP_ANNUAL_CAP',
  'REPEAT_TOPIC',
  'MAX_EVENTS_PER_HCP',
  'CONSENT_FOR_DISCLOSURE',
] as RuleId[]);

const RULE_TITLES: Partial<Record<RuleId, string>> = {
  HCP_ANNUAL_CAP: capExceededLabel,
  REPEAT_TOPIC: repeatTopicLabel,
  MAX_EVENTS_PER_HCP: maxEventsLabel,
  CONSENT_FOR_DISCLOSURE: noConsentLabel,
};

/** Money is grouped the way readers of the pack's currency expect: ₹1,00,000 for rupees. */
export function moneyLocale(currencyCode: string | null | undefined): string {
  return currencyCode === 'INR' ? 'en-IN' : 'en-US';
}

/** An amount in the pack's currency, or as a plain number when no pack applies. */
export function moneyText(amount: number, currencyCode: string | null | undefined): string {
  if (!currencyCode) return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(amount);
  return formatMoney(amount, currencyCode, moneyLocale(currencyCode));
}

// ---------------------------------------------------------------------------------------------------
// Which history to load
// ---------------------------------------------------------------------------------------------------

export interface HistoryRange {
  /** First day, inclusive ('YYYY-MM-DD'). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** The cap year the screen reports on: the pack's year (calendar or fiscal) that today falls in. */
export function capWindowOf(today: string, pack: RulePack | undefined): YearWindow {
  return yearWindowOf(today, pack ?? CALENDAR_YEAR);
}

/**
 * The days whose history the per-HCP rules need: the cap year, the pack year of this event (events
 * per year), and the REPEAT_TOPIC window before the event.
 */
export function historyRange(event: CmeEvent | undefined, pack: RulePack | undefined, today: string): HistoryRange {
  const cap = capWindowOf(today, pack);
  let from = cap.start;
  let to = cap.end;
  const day = toUtcDay(event?.Start__c ?? null);
  if (day) {
    const eventYear = yearWindowOf(day, pack ?? CALENDAR_YEAR);
    if (eventYear.start < from) from = eventYear.start;
    if (eventYear.end > to) to = eventYear.end;
    const repeatDays = pack ? ruleSetting(pack, 'REPEAT_TOPIC').windowDays : null;
    if (pack && isRuleOn(pack, 'REPEAT_TOPIC') && repeatDays !== null) {
      const repeatFrom = addDays(day, -repeatDays);
      if (repeatFrom < from) from = repeatFrom;
    }
  }
  return { from, to };
}

/** The variables of the history query for these doctors. */
export function historyVariables(ids: readonly string[], range: HistoryRange): Record<string, unknown> {
  return {
    ids: [...ids],
    from: `${range.from}T00:00:00.000Z`,
    to: `${range.to}T23:59:59.999Z`,
    fromDay: range.from,
    toDay: range.to,
  };
}

// ---------------------------------------------------------------------------------------------------
// GraphQL results to domain input
// ---------------------------------------------------------------------------------------------------

type WithEvent = { Event__r?: (CmeEvent & { Id?: string }) | null };

/**
 * The doctors' invitations, attendance and direct expenses from the history query, with the events
 * they belong to (read from each row's Event__r).
 */
export function historyInputFrom(data: unknown): ComplianceInput {
  const input = complianceInputFrom(data);
  const events = new Map<string, CmeEvent>();
  const rows: WithEvent[] = [
    ...((input.invitations ?? []) as unknown as WithEvent[]),
    ...((input.attendance ?? []) as unknown as WithEvent[]),
    ...((input.expenses ?? []) as unknown as WithEvent[]),
  ];
  for (const row of rows) if (row.Event__r?.Id) events.set(row.Event__r.Id, row.Event__r);
  return { ...input, events: [...events.values()] };
}

/** Events the doctors attended: their shared costs are split over everyone who attended them. */
export function attendedEventIds(input: ComplianceInput): string[] {
  return [...new Set((input.attendance ?? []).map((a) => a.Event__c).filter(Boolean))].sort();
}

type EventWithChildren = CmeEvent & { Attendances__r?: Attendance[]; Expenses__r?: Expense[] };

/** The events of the shared-cost query with all their attendance and shared expense lines. */
export function sharedInputFrom(data: unknown): ComplianceInput {
  const events: CmeEvent[] = [];
  const attendance: Attendance[] = [];
  const expenses: Expense[] = [];
  for (const record of recordsOf<EventWithChildren>(data, 'CME_Event__c')) {
    const { Attendances__r: attended, Expenses__r: lines, ...event } = record;
    events.push(event);
    for (const a of attended ?? []) attendance.push({ ...a, Event__c: a.Event__c ?? event.Id });
    for (const e of lines ?? []) expenses.push({ ...e, Event__c: e.Event__c ?? event.Id });
  }
  return { events, attendance, expenses };
}

/** An accepted invitation to this event that does not exist yet: what if the doctor came? */
export function hypotheticalInvitation(
  eventId: string,
  doctorId: string,
  role: InvitationRole | null | undefined,
  invitedOn: string,
): Invitation {
  return {
    Id: `hypothetical:${eventId}:${doctorId}`,
    Event__c: eventId,
    Doctor__c: doctorId,
    Status__c: 'Accepted',
    Role__c: role ?? 'Attendee',
    Invited_On__c: invitedOn,
  };
}

// ---------------------------------------------------------------------------------------------------
// Insights per doctor
// ---------------------------------------------------------------------------------------------------

export interface DoctorWarning {
  key: string;
  ruleId: RuleId;
  severity: FindingSeverity;
  title: string;
  message: string;
}

export type CapLevel = 'none' | 'ok' | 'near' | 'reached' | 'over';

export interface CapStatus {
  cap: number | null;
  /** Whole percent of the cap, rounded down (null without a cap). */
  percent: number | null;
  level: CapLevel;
}

export interface DoctorInsight {
  doctorId: string;
  /** Transfers of value in the cap year (paid and committed). */
  total: number;
  cap: CapStatus;
  /** Events the doctor attended in the cap year. */
  eventsThisYear: number;
  warnings: DoctorWarning[];
}

export interface InsightOptions {
  event: CmeEvent;
  pack?: RulePack;
  today: string;
  /** Now, as the hypothetical invitation's Invited_On__c. */
  now: string;
  doctors: readonly Doctor[];
  /** Roles of doctors already invited to this event (kept in the hypothetical invitation). */
  roles?: ReadonlyMap<string, InvitationRole>;
}

/** Where a total stands against the pack's HCP_ANNUAL_CAP (warn from Warn_Percent__c). */
export function capStatus(total: number, pack: RulePack | undefined): CapStatus {
  if (!pack || !isRuleOn(pack, 'HCP_ANNUAL_CAP')) return { cap: null, percent: null, level: 'none' };
  const { limit: cap, warnPercent } = ruleSetting(pack, 'HCP_ANNUAL_CAP');
  if (cap === null) return { cap: null, percent: null, level: 'none' };
  const percent = cap > 0 ? Math.floor((total / cap) * 100) : total > 0 ? 100 : 0;
  let level: CapLevel = 'ok';
  if (total > cap) level = 'over';
  else if (total === cap && cap > 0) level = 'reached';
  else if (warnPercent !== null && warnPercent < 100 && total >= (cap * warnPercent) / 100 && total > 0) level = 'near';
  return { cap, percent, level };
}

/** Every event's transfers of value (Actual and Committed) to the given doctors. */
export function allocationsFor(input: ComplianceInput, doctorIds: ReadonlySet<string>): TovAllocation[] {
  const expenses = groupByEvent(input.expenses);
  const attendance = groupByEvent(input.attendance);
  const invitations = groupByEvent(input.invitations);
  const out: TovAllocation[] = [];
  for (const event of input.events) {
    const lines = expenses.get(event.Id);
    if (!lines) continue;
    const result = allocateTransfersOfValue(
      event,
      lines,
      attendance.get(event.Id) ?? [],
      invitations.get(event.Id) ?? [],
      { includeCommitted: true },
    );
    for (const a of result.allocations) if (doctorIds.has(a.doctorId)) out.push(a);
  }
  return out;
}

function capWarning(
  doctorId: string,
  total: number,
  status: CapStatus,
  pack: RulePack,
  window: YearWindow,
): DoctorWarning | null {
  if (status.level === 'none' || status.level === 'ok' || status.cap === null) return null;
  const title =
    status.level === 'over' ? capExceededLabel : status.level === 'reached' ? capReachedLabel : capNearLabel;
  const severity: FindingSeverity = status.level === 'near' ? 'warn' : (ruleSeverity(pack, 'HCP_ANNUAL_CAP') ?? 'warn');
  const locale = moneyLocale(pack.currencyCode);
  return {
    key: `${doctorId}:HCP_ANNUAL_CAP`,
    ruleId: 'HCP_ANNUAL_CAP',
    severity,
    title,
    message: formatLabel(
      capDetailLabel,
      formatMoney(total, pack.currencyCode, locale),
      formatMoney(status.cap, pack.currencyCode, locale),
      window.label,
      status.percent ?? 0,
    ),
  };
}

function findingWarning(finding: Finding, index: number): DoctorWarning {
  return {
    key: `${finding.doctorId ?? ''}:${finding.ruleId}:${index}`,
    ruleId: finding.ruleId,
    severity: finding.severity,
    title: RULE_TITLES[finding.ruleId] ?? finding.ruleId,
    message: finding.message,
  };
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { block: 0, warn: 1 };

/**
 * Totals, events and warnings for each doctor, from their history (and the shared costs of the
 * events they attended). Warnings come from evaluateCompliance over a hypothetical accepted
 * invitation to this event, limited to the per-HCP rules; where the core has nothing to hang a
 * year's total on (this event has paid the doctor nothing yet) the cap warning is read from the same
 * summariseByHcp totals, and a doctor without disclosure consent is noted when the pack asks for it.
 */
export function computeInsights(history: ComplianceInput, options: InsightOptions): Map<string, DoctorInsight> {
  const { event, pack, today, now, doctors } = options;
  const doctorIds = new Set(doctors.map((d) => d.Id));
  const window = capWindowOf(today, pack);

  const hypotheticals = doctors.map((d) => hypotheticalInvitation(event.Id, d.Id, options.roles?.get(d.Id), now));
  const input = mergeComplianceInputs(
    { ...history, invitations: (history.invitations ?? []).filter((i) => i.Event__c !== event.Id) },
    { events: [event], invitations: hypotheticals, doctors },
  );

  const totals = new Map(summariseByHcp(allocationsFor(input, doctorIds), window).map((t) => [t.doctorId, t.total]));

  const eventDay = new Map(input.events.map((e) => [e.Id, toUtcDay(e.Start__c ?? null)]));
  const attended = new Map<string, Set<string>>();
  for (const a of input.attendance ?? []) {
    if (!a.Doctor__c || !doctorIds.has(a.Doctor__c)) continue;
    const day = eventDay.get(a.Event__c);
    if (!day || !isWithinWindow(day, window)) continue;
    const set = attended.get(a.Doctor__c) ?? new Set<string>();
    set.add(a.Event__c);
    attended.set(a.Doctor__c, set);
  }

  const findings = pack
    ? evaluateCompliance(input, pack, {
        today,
        eventIds: [event.Id],
        rules: PER_HCP_RULES,
        locale: moneyLocale(pack.currencyCode),
      })
    : [];
  const byDoctor = new Map<string, DoctorWarning[]>();
  findings.forEach((f, i) => {
    if (!f.doctorId || !doctorIds.has(f.doctorId)) return;
    const list = byDoctor.get(f.doctorId) ?? [];
    list.push(findingWarning(f, i));
    byDoctor.set(f.doctorId, list);
  });

  const out = new Map<string, DoctorInsight>();
  for (const doctor of doctors) {
    const total = totals.get(doctor.Id) ?? 0;
    const cap = capStatus(total, pack);
    const warnings = [...(byDoctor.get(doctor.Id) ?? [])];
    if (pack && !warnings.some((w) => w.ruleId === 'HCP_ANNUAL_CAP')) {
      const derived = capWarning(doctor.Id, total, cap, pack, window);
      if (derived) warnings.push(derived);
    }
    if (
      pack &&
      isRuleOn(pack, 'CONSENT_FOR_DISCLOSURE') &&
      !doctor.CME_Disclosure_Consent__c &&
      !warnings.some((w) => w.ruleId === 'CONSENT_FOR_DISCLOSURE')
    )
      warnings.push({
        key: `${doctor.Id}:CONSENT_FOR_DISCLOSURE`,
        ruleId: 'CONSENT_FOR_DISCLOSURE',
        severity: 'warn',
        title: noConsentLabel,
        message: noConsentDetailLabel,
      });
    warnings.sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        PER_HCP_RULES.indexOf(a.ruleId) - PER_HCP_RULES.indexOf(b.ruleId),
    );
    out.set(doctor.Id, {
      doctorId: doctor.Id,
      total,
      cap,
      eventsThisYear: attended.get(doctor.Id)?.size ?? 0,
      warnings,
    });
  }
  return out;
}

/**
 * Whether any connection in a GraphQL result says more records follow (`pageInfo.hasNextPage`): a
 * page holds at most 2,000 records ("Paginate with Record Connections",
 * developer.salesforce.com/docs/platform/graphql/guide/paginate-use.html), and a doctor's value
 * against the cap must never be summed from a cut list.
 */
export function hasMoreRecords(data: unknown): boolean {
  if (!data || typeof data !== 'object') return false;
  if (Array.isArray(data)) return data.some((item) => hasMoreRecords(item));
  const record = data as Record<string, unknown>;
  const info = record.pageInfo as { hasNextPage?: boolean } | null | undefined;
  if (info?.hasNextPage === true) return true;
  return Object.values(record).some((value) => hasMoreRecords(value));
}

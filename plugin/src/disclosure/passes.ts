// The disclosure's two passes over what the reading stage spooled, as the audit pack's are (memory
// bounded by events and HCPs, not by rows):
//   A. events in slices: each event of the standard's rule packs has its Actual expense lines allocated
//      by the domain core twice — as the audit pack's ledger allocates them (the reconciliation's
//      side) and as the disclosure needs (Open Payments leaves conference buffets out) — and the
//      lines dated in the period are spooled by HCP; UCPMP takes whole events instead.
//   B. HCPs in slices: each HCP's lines of the period go to the standard.
import { allocateTransfersOfValue, toUtcDay } from '../domain/cmeDomain.ts';
import type { Attendance, Expense, Invitation, RulePack, TovResult } from '../domain/cmeDomain.ts';
import { TOV_ALLOCATION_KEYS, sharedAllocationFields } from '../report/eventPass.ts';
import type { ReportData, ReportEvent } from '../report/read.ts';
import { groupBy, sliceProgress, sliceSize } from '../report/slices.ts';
import type { Spool } from '../report/spool.ts';
import type { Reconciliation } from './reconcile.ts';
import type {
  DisclosureDoctor,
  DisclosureLine,
  DisclosurePeriod,
  DisclosureStandardName,
  ExcludedLine,
} from './types.ts';

/** An event of the standard with its rows, as pass A hands it to a standard that works by event. */
export interface EventOfPeriod {
  event: ReportEvent;
  pack: RulePack;
  currency: string;
  invitations: Invitation[];
  attendance: Attendance[];
  /** Every expense line of the event (all stages); the standard picks the Actual ones. */
  expenses: Expense[];
  /** The disclosure's allocation of its Actual lines. */
  tov: TovResult;
}

/** What a standard does with the passes' output; build.ts chooses the standard's. */
export interface StandardSink {
  /**
   * Whether the standard takes whole events (UCPMP: the events held in the period) instead of lines
   * dated in the period. Given, pass A calls it for every event that starts in the period.
   */
  takesEvent?(event: ReportEvent, asOf: string): boolean;
  /** UCPMP: an event the standard takes, with its rows; the standard buckets its lines. */
  addEvent?(event: EventOfPeriod): void;
  /**
   * An HCP's lines of the period (Open Payments, EFPIA), in the order their events start: in pass B
   * every line the standard waits for (`waitsFor`), in pass A those it takes at once, a slice of events
   * at a time (so an HCP may come several times).
   */
  addHcp?(doctorId: string, doctor: DisclosureDoctor | undefined, lines: DisclosureLine[]): void;
  /**
   * Whether a line must wait for the HCP's other lines of the period (pass B, through the spool);
   * without it every line waits. Open Payments waits only for small payments (whether they are reported
   * depends on the HCP's total of them): the others are written as they come, and never spooled.
   */
  waitsFor?(line: DisclosureLine): boolean;
}

/** Where pass A puts what no HCP received, and what it counts. */
export interface EventPassContext {
  data: ReportData;
  spool: Spool;
  standard: DisclosureStandardName;
  period: DisclosurePeriod;
  asOf: string;
  sink: StandardSink;
  reconciliation: Reconciliation;
  /** A line of the period that no HCP received (excluded.csv). */
  excluded: (line: ExcludedLine) => void;
  progress: (message: string) => void;
}

export interface EventPassCounts {
  /** Events of the standard's rule packs that start in the period. */
  events: number;
  /** Allocated lines of the period (spooled for pass B, or taken at once). */
  lines: number;
}

const DISCLOSURE_LINE_KEYS = [...Object.keys(TOV_ALLOCATION_KEYS), 'currency'];

/** Whether a day (2025-03-14) is inside the period, both ends included. */
export function isInPeriod(day: string | null, period: DisclosurePeriod): boolean {
  return !!day && day >= period.start && day <= period.end;
}

export function runDisclosureEventPass(context: EventPassContext): EventPassCounts {
  const { data, spool, progress } = context;
  spool.shape('tov', DISCLOSURE_LINE_KEYS, sharedAllocationFields(DISCLOSURE_LINE_KEYS));
  const counts: EventPassCounts = { events: 0, lines: 0 };
  /** The slice's lines the standard takes at once, by HCP. */
  const now = new Map<string, DisclosureLine[]>();
  const events = data.events.filter((e) => data.packs.packOf(e)?.disclosureStandard === context.standard);
  const rows = spool.count('invitation') + spool.count('attendance') + spool.count('expense');
  const size = sliceSize(rows, data.events.length, 500);
  for (let i = 0; i < events.length; i += size) {
    const slice = events.slice(i, i + size);
    progress(sliceProgress('events', i, size, events.length));
    const ids = slice.map((e) => e.Id);
    const invitationsOf = groupBy(spool.rowsOf<Invitation>('invitation', 'event', ids), (r) => r.Event__c);
    const attendanceOf = groupBy(spool.rowsOf<Attendance>('attendance', 'event', ids), (r) => r.Event__c);
    const expensesOf = groupBy(spool.rowsOf<Expense>('expense', 'event', ids), (r) => r.Event__c);
    const lines: { event: string; doctor: string; value: DisclosureLine }[] = [];
    for (const event of slice) {
      const pack = data.packs.packOf(event) as RulePack;
      const of: EventOfPeriod = {
        event,
        pack,
        currency: pack.currencyCode,
        invitations: invitationsOf.get(event.Id) ?? [],
        attendance: attendanceOf.get(event.Id) ?? [],
        expenses: expensesOf.get(event.Id) ?? [],
        tov: { allocations: [], unattributed: [] },
      };
      const inWindow = isInPeriod(toUtcDay(event.Start__c), context.period);
      if (inWindow) {
        counts.events++;
        addLedger(of, context.reconciliation);
      }
      of.tov = allocateTransfersOfValue(event, of.expenses, of.attendance, of.invitations, {
        excludeConferenceBuffets: context.standard === 'open-payments',
      });
      if (context.sink.takesEvent) takeEvent(of, inWindow, context);
      else
        for (const line of linesOfPeriod(of, inWindow, context)) {
          counts.lines++;
          if (context.sink.waitsFor?.(line) ?? true)
            lines.push({ event: event.Id, doctor: line.doctorId, value: line });
          else addTo(now, line.doctorId, line);
        }
    }
    for (const [doctorId, ofDoctor] of now)
      context.sink.addHcp?.(doctorId, data.doctors.get(doctorId) as DisclosureDoctor | undefined, ofDoctor);
    now.clear();
    spool.add('tov', lines);
  }
  return counts;
}

function addTo(byDoctor: Map<string, DisclosureLine[]>, doctorId: string, line: DisclosureLine): void {
  const list = byDoctor.get(doctorId);
  if (list) list.push(line);
  else byDoctor.set(doctorId, [line]);
}

/** The audit pack's ledger of a window event: its Actual lines as the audit pack allocates them. */
function addLedger(of: EventOfPeriod, reconciliation: Reconciliation): void {
  const ledger = allocateTransfersOfValue(of.event, of.expenses, of.attendance, of.invitations, {
    includeCommitted: true,
  });
  for (const a of ledger.allocations)
    if (a.stage === 'Actual') reconciliation.ledger(of.currency, a.category, a.amount);
  for (const u of ledger.unattributed)
    if (u.stage === 'Actual') reconciliation.ledger(of.currency, u.category, u.amount);
}

/**
 * UCPMP: a window event held in the period goes to the standard whole (which buckets its lines); one
 * not held is a timing line of the reconciliation.
 */
function takeEvent(of: EventOfPeriod, inWindow: boolean, context: EventPassContext): void {
  if (!inWindow) return;
  if (context.sink.takesEvent?.(of.event, context.asOf)) {
    context.sink.addEvent?.(of);
    return;
  }
  for (const line of [...of.tov.allocations, ...of.tov.unattributed])
    context.reconciliation.timing(of.currency, line.category, 'event-not-held', line.amount);
}

/**
 * The event's allocated lines dated in the period (for pass B), its unattributed lines of the period
 * excluded with their reason, and the timing buckets of lines on one side of the reconciliation only.
 */
function linesOfPeriod(of: EventOfPeriod, inWindow: boolean, context: EventPassContext): DisclosureLine[] {
  const { period, reconciliation } = context;
  const inPeriod = (day: string | null) => isInPeriod(day, period);
  const timing = (category: string, amount: number, dated: boolean) => {
    if (inWindow && !dated) reconciliation.timing(of.currency, category, 'dated-outside-period', amount);
    if (!inWindow && dated) reconciliation.timing(of.currency, category, 'event-outside-window', amount);
  };
  const lines: DisclosureLine[] = [];
  for (const a of of.tov.allocations) {
    const dated = inPeriod(a.date);
    timing(a.category, a.amount, dated);
    if (dated) lines.push({ ...a, currency: of.currency });
  }
  const expenseById = new Map(of.expenses.map((e) => [e.Id, e]));
  for (const u of of.tov.unattributed) {
    const day = unattributedDay(expenseById.get(u.expenseId), of.event);
    const dated = inPeriod(day);
    timing(u.category, u.amount, dated);
    if (!dated) continue;
    reconciliation.bucket(of.currency, u.category, u.reason, u.amount);
    context.excluded({
      eventId: u.eventId,
      expenseId: u.expenseId,
      doctorId: null,
      category: u.category,
      amount: u.amount,
      currency: of.currency,
      date: day,
      reason: u.reason,
      detail: u.message,
    });
  }
  return lines;
}

/** The day an unattributed line counts on, as the domain core dates an allocation. */
function unattributedDay(expense: Expense | undefined, event: ReportEvent): string | null {
  const paid = expense?.Incurred_On__c ? toUtcDay(expense.Incurred_On__c) : null;
  return paid ?? toUtcDay(event.Start__c);
}

/** Pass B: each HCP's lines of the period to the standard, a slice of HCPs at a time. */
export function runDisclosureHcpPass(
  data: ReportData,
  spool: Spool,
  sink: StandardSink,
  progress: (message: string) => void,
): number {
  if (!sink.addHcp) return 0;
  const doctorIds = data.doctorIds;
  const size = sliceSize(spool.count('tov'), doctorIds.length, 5_000);
  let recipients = 0;
  for (let i = 0; i < doctorIds.length; i += size) {
    const ids = doctorIds.slice(i, i + size);
    progress(sliceProgress('HCPs', i, size, doctorIds.length));
    const byDoctor = groupBy(spool.rowsOf<DisclosureLine>('tov', 'doctor', ids), (l) => l.doctorId);
    for (const doctorId of ids) {
      const lines = byDoctor.get(doctorId);
      if (!lines?.length) continue;
      recipients++;
      sink.addHcp(doctorId, data.doctors.get(doctorId) as DisclosureDoctor | undefined, lines);
    }
  }
  return recipients;
}

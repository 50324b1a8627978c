// Pass A: events in start order, a slice at a time. Each event's transfers of value are allocated
// (and spooled for pass B), its attendance checked as evidence, and the per-event rules run for the
// slice's events in the window.
import {
  CROSS_EVENT_RULES,
  RULE_IDS,
  allocateTransfersOfValue,
  attendanceEvidenceProblem,
  evaluateCompliance,
  ruleSetting,
} from '../domain/cmeDomain.ts';
import type { Attendance, Expense, Invitation, RulePack, TovAllocation } from '../domain/cmeDomain.ts';
import { ATTENDANCE_COLUMNS, TRANSFER_COLUMNS, cellsOf } from './columns.ts';
import type { FindingsLog } from './findings.ts';
import type { ReportData, ReportEvent } from './read.ts';
import { groupBy, sliceProgress, sliceSize } from './slices.ts';
import type { Spool, SpoolRow } from './spool.ts';
import type { PackTables } from './tables.ts';

/** Every field of an allocation, for the spool to keep them as arrays (the compiler checks the list). */
export const TOV_ALLOCATION_KEYS = {
  eventId: true,
  expenseId: true,
  doctorId: true,
  category: true,
  stage: true,
  amount: true,
  lineAmount: true,
  basis: true,
  recipients: true,
  role: true,
  faculty: true,
  paymentDate: true,
  date: true,
  paymentForm: true,
  openPaymentsNature: true,
  efpiaCategory: true,
  efpiaHeading: true,
} satisfies Record<keyof TovAllocation, true>;

/**
 * The fields of an allocation (or a disclosure line) its expense line's other shares mostly have too:
 * only the HCP and their share differ (and the role, with what follows from it), so the spool keeps the
 * rest once per combination.
 */
export function sharedAllocationFields(fields: readonly string[]): string[] {
  return fields.filter((field) => field !== 'doctorId' && field !== 'amount');
}

const PER_EVENT_RULES = RULE_IDS.filter((id) => !CROSS_EVENT_RULES.includes(id));
const transferCells = cellsOf(TRANSFER_COLUMNS);
const attendanceCells = cellsOf(ATTENDANCE_COLUMNS);

/** What pass A counts of the judged events, for the summary. */
export interface EventPassTotals {
  invitations: number;
  expenses: number;
  transfersOfValue: number;
  /** Transfers of value per currency, in cents (summed as integers). */
  tovCents: Record<string, number>;
  funnel: { invited: number; accepted: number; attended: number };
}

/** One slice's rows from the spool, by event. */
interface SliceRows {
  invitations: Invitation[];
  attendance: Attendance[];
  expenses: Expense[];
  invitationsOf: Map<string, Invitation[]>;
  attendanceOf: Map<string, Attendance[]>;
  expensesOf: Map<string, Expense[]>;
}

export function runEventPass(
  data: ReportData,
  spool: Spool,
  tables: PackTables,
  findings: FindingsLog,
  asOf: string,
  progress: (message: string) => void,
): EventPassTotals {
  const fields = Object.keys(TOV_ALLOCATION_KEYS);
  spool.shape('tov', fields, sharedAllocationFields(fields));
  const totals: EventPassTotals = {
    invitations: 0,
    expenses: 0,
    transfersOfValue: 0,
    tovCents: {},
    funnel: { invited: 0, accepted: 0, attended: 0 },
  };
  const { events } = data;
  const rows = spool.count('invitation') + spool.count('attendance') + spool.count('expense');
  const size = sliceSize(rows, events.length, 500);
  for (let i = 0; i < events.length; i += size) {
    const slice = events.slice(i, i + size);
    progress(sliceProgress('events', i, size, events.length));
    const rowsOf = sliceRows(spool, slice);
    spool.add('tov', allocateSlice(data, slice, rowsOf, tables, totals));
    judgeSlice(data, slice, rowsOf, findings, asOf);
  }
  return totals;
}

function sliceRows(spool: Spool, slice: readonly ReportEvent[]): SliceRows {
  const ids = slice.map((e) => e.Id);
  const invitations = spool.rowsOf<Invitation>('invitation', 'event', ids);
  const attendance = spool.rowsOf<Attendance>('attendance', 'event', ids);
  const expenses = spool.rowsOf<Expense>('expense', 'event', ids);
  return {
    invitations,
    attendance,
    expenses,
    invitationsOf: groupBy(invitations, (r) => r.Event__c),
    attendanceOf: groupBy(attendance, (r) => r.Event__c),
    expensesOf: groupBy(expenses, (r) => r.Event__c),
  };
}

/**
 * Allocates every event's transfers of value (returned for the spool: pass B needs those of events
 * outside the window too); writes the judged events' transfers and attendance and counts them.
 */
function allocateSlice(
  data: ReportData,
  slice: readonly ReportEvent[],
  rows: SliceRows,
  tables: PackTables,
  totals: EventPassTotals,
): SpoolRow[] {
  const transfers: SpoolRow[] = [];
  for (const event of slice) {
    const tov = allocateTransfersOfValue(
      event,
      rows.expensesOf.get(event.Id) ?? [],
      rows.attendanceOf.get(event.Id) ?? [],
      rows.invitationsOf.get(event.Id) ?? [],
      { includeCommitted: true },
    );
    for (const a of tov.allocations) transfers.push({ event: event.Id, doctor: a.doctorId, value: a });
    if (!data.judgedIds.has(event.Id)) continue;
    const pack = data.packs.packOf(event) as RulePack;
    for (const line of tov.allocations) {
      tables.csv.transfers.add(transferCells({ event, pack, line, doctor: data.doctors.get(line.doctorId) }));
      totals.tovCents[pack.currencyCode] = (totals.tovCents[pack.currencyCode] ?? 0) + Math.round(line.amount * 100);
      totals.transfersOfValue++;
    }
    for (const line of tov.unattributed) tables.csv.transfers.add(transferCells({ event, pack, line }));
    const minutes = ruleSetting(pack, 'ATTENDANCE_EVIDENCE').limit;
    for (const attendance of rows.attendanceOf.get(event.Id) ?? [])
      tables.csv.attendance.add(
        attendanceCells({
          attendance,
          event,
          doctor: data.doctors.get(attendance.Doctor__c),
          problem: attendanceEvidenceProblem(attendance, minutes),
        }),
      );
    totals.invitations += rows.invitationsOf.get(event.Id)?.length ?? 0;
    totals.expenses += rows.expensesOf.get(event.Id)?.length ?? 0;
    totals.funnel.invited += Number(event.Invited_Count__c) || 0;
    totals.funnel.accepted += Number(event.Accepted_Count__c) || 0;
    totals.funnel.attended += Number(event.Attended_Count__c) || 0;
  }
  return transfers;
}

/** The per-event rules, per pack, for the slice's judged events. */
function judgeSlice(
  data: ReportData,
  slice: ReportEvent[],
  rows: SliceRows,
  findings: FindingsLog,
  asOf: string,
): void {
  const sliceDoctors = new Set<string>();
  for (const r of [...rows.invitations, ...rows.attendance, ...rows.expenses])
    if (r.Doctor__c) sliceDoctors.add(r.Doctor__c);
  const input = {
    events: slice,
    invitations: rows.invitations,
    attendance: rows.attendance,
    expenses: rows.expenses,
    doctors: data.doctors.among(sliceDoctors),
  };
  for (const [pack, packEvents] of groupBy(slice, (e) => (data.judgedIds.has(e.Id) ? data.packs.packOf(e) : undefined)))
    findings.add(
      evaluateCompliance(input, pack, { today: asOf, rules: PER_EVENT_RULES, eventIds: packEvents.map((e) => e.Id) }),
      pack,
    );
}

// The columns of each table of the pack, in order, written once: name → the cell of one row. The CSV
// header, the XLSX sheet and report.json's keys all come from these names (sheets.ts), and every row
// is made by the same list, so a column cannot be named in one place and filled in another. A column
// wrapped in number() is typed as a number in XLSX and report.json; the CSV writes numbers either way.
import { hcpName, toUtcDay } from '../domain/cmeDomain.ts';
import type {
  Attendance,
  CmeEvent,
  Doctor,
  Finding,
  RulePack,
  TovAllocation,
  UnattributedLine,
} from '../domain/cmeDomain.ts';
import type { CellValue } from './csv.ts';
import type { ReportDoctor } from './doctors.ts';
import type { ReportEvent } from './read.ts';

type Cell<R> = (row: R) => CellValue;
interface NumberColumn<R> {
  readonly number: Cell<R>;
}
type Column<R> = Cell<R> | NumberColumn<R>;
export type Columns<R> = Readonly<Record<string, Column<R>>>;

const number = <R>(cell: Cell<R>): NumberColumn<R> => ({ number: cell });
const cellOf = <R>(column: Column<R>): Cell<R> => (typeof column === 'function' ? column : column.number);

/** The column names, and which of them hold numbers. */
export function namesOf(columns: Columns<never>): { columns: readonly string[]; numeric: readonly string[] } {
  const entries = Object.entries(columns);
  return {
    columns: entries.map(([name]) => name),
    numeric: entries.filter(([, column]) => typeof column !== 'function').map(([name]) => name),
  };
}

/** The function that makes one row's cells, in column order. */
export function cellsOf<R>(columns: Columns<R>): (row: R) => CellValue[] {
  const cells = Object.values(columns).map(cellOf);
  return (row) => cells.map((cell) => cell(row));
}

/** "Dr Name" of a doctor id, or '' when there is none. */
const nameOf = (doctorId: string | null | undefined, doctor: Doctor | undefined) =>
  doctorId ? hcpName(doctor, doctorId) : '';

export interface EventRow {
  event: ReportEvent;
  /** Undefined: the event has no rule pack, so it was not judged. */
  pack: RulePack | undefined;
  findings: { all: number; block: number };
}

export const EVENT_COLUMNS: Columns<EventRow> = {
  event_id: ({ event }) => event.Id,
  event_key: ({ event }) => event.Event_Key__c,
  event_name: ({ event }) => event.Name,
  rule_pack: ({ pack }) => pack?.code ?? '',
  type: ({ event }) => event.Event_Type__c,
  format: ({ event }) => event.Format__c,
  status: ({ event }) => event.Status__c,
  start: ({ event }) => event.Start__c,
  end: ({ event }) => event.End__c,
  country: ({ event }) => event.Country__c,
  city: ({ event }) => event.City__c,
  submitted_on: ({ event }) => event.Submitted_On__c,
  approved_on: ({ event }) => event.Approved_On__c,
  approval_lead_days: number(({ event }) => event.Approval_Lead_Days__c as number | null),
  invited: number(({ event }) => event.Invited_Count__c as number | null),
  accepted: number(({ event }) => event.Accepted_Count__c as number | null),
  attended: number(({ event }) => event.Attended_Count__c as number | null),
  capacity: number(({ event }) => event.Capacity__c),
  budget: number(({ event }) => event.Budget__c),
  estimated: number(({ event }) => event.Estimated_Spend__c as number | null),
  committed: number(({ event }) => event.Committed_Spend__c as number | null),
  actual: number(({ event }) => event.Actual_Spend__c as number | null),
  utilisation_percent: number(({ event }) => event.Budget_Utilization__c as number | null),
  currency: ({ pack }) => pack?.currencyCode ?? '',
  findings: number(({ pack, findings }) => (pack ? findings.all : null)),
  blocking_findings: number(({ pack, findings }) => (pack ? findings.block : null)),
};

export interface AttendanceRow {
  attendance: Attendance;
  event: CmeEvent;
  doctor: ReportDoctor | undefined;
  /** Why the record is not evidence of attendance; null when it is. */
  problem: string | null;
}

export const ATTENDANCE_COLUMNS: Columns<AttendanceRow> = {
  attendance_id: ({ attendance }) => attendance.Id,
  event_id: ({ event }) => event.Id,
  event_name: ({ event }) => event.Name,
  doctor_id: ({ attendance }) => attendance.Doctor__c,
  doctor_name: ({ attendance, doctor }) => nameOf(attendance.Doctor__c, doctor),
  npi: ({ doctor }) => doctor?.CME_NPI__c,
  invitation_id: ({ attendance }) => attendance.Invitation__c,
  mode: ({ attendance }) => attendance.Mode__c,
  walk_in: ({ attendance }) => attendance.Walk_In__c ?? false,
  checked_in_at: ({ attendance }) => attendance.Checked_In_At__c,
  checked_out_at: ({ attendance }) => attendance.Checked_Out_At__c,
  minutes_attended: number(({ attendance }) => attendance.Minutes_Attended__c),
  sign_in_method: ({ attendance }) => attendance.Sign_In_Method__c,
  signed_name: ({ attendance }) => attendance.Signed_Name__c,
  signed_at: ({ attendance }) => attendance.Signed_At__c,
  signature_sha256: ({ attendance }) => attendance.Signature_SHA256__c,
  meal_opt_out: ({ attendance }) => attendance.Meal_Opt_Out__c ?? false,
  evidence: ({ problem }) => (problem ? 'missing' : 'ok'),
  evidence_problem: ({ problem }) => problem ?? '',
};

/** An HCP's share of an expense line, or a line no HCP received (which has no doctor). */
export interface TransferRow {
  event: CmeEvent;
  pack: RulePack;
  line: TovAllocation | UnattributedLine;
  doctor?: Doctor;
}

/** The HCP's share, when the line went to one. */
const share = ({ line }: TransferRow): TovAllocation | undefined => ('doctorId' in line ? line : undefined);

export const TRANSFER_COLUMNS: Columns<TransferRow> = {
  event_id: ({ event }) => event.Id,
  event_name: ({ event }) => event.Name,
  event_date: ({ event }) => toUtcDay(event.Start__c),
  doctor_id: (row) => share(row)?.doctorId ?? '',
  doctor_name: (row) => nameOf(share(row)?.doctorId, row.doctor),
  npi: ({ doctor }) => doctor?.CME_NPI__c,
  expense_id: ({ line }) => line.expenseId,
  category: ({ line }) => line.category,
  stage: ({ line }) => line.stage,
  basis: (row) => share(row)?.basis ?? 'unattributed',
  recipients: number((row) => share(row)?.recipients ?? 0),
  line_amount: number((row) => share(row)?.lineAmount ?? row.line.amount),
  amount: number((row) => share(row)?.amount ?? null),
  currency: ({ pack }) => pack.currencyCode,
  payment_date: (row) => share(row)?.paymentDate,
  payment_form: (row) => share(row)?.paymentForm,
  role: (row) => share(row)?.role,
  open_payments_nature: (row) => share(row)?.openPaymentsNature,
  efpia_category: (row) => share(row)?.efpiaCategory,
  efpia_heading: (row) => share(row)?.efpiaHeading,
  note: ({ line }) => ('reason' in line ? line.message : ''),
};

/** An HCP's value in one cap year (or, with none, in the window's first), against a pack's cap. */
export interface HcpRow {
  doctorId: string;
  doctor: ReportDoctor | undefined;
  pack: RulePack;
  capYear: string;
  total: number;
  cap: number | null;
  eventsAttended: number;
  lines: number;
}

export const HCP_COLUMNS: Columns<HcpRow> = {
  doctor_id: ({ doctorId }) => doctorId,
  doctor_name: ({ doctorId, doctor }) => nameOf(doctorId, doctor),
  npi: ({ doctor }) => doctor?.CME_NPI__c,
  specialty: ({ doctor }) => doctor?.CME_Specialty__c,
  country: ({ doctor }) => doctor?.MailingCountry ?? null,
  rule_pack: ({ pack }) => pack.code,
  cap_year: ({ capYear }) => capYear,
  total: number(({ total }) => total),
  cap: number(({ cap }) => cap),
  percent_of_cap: number(({ total, cap }) => (cap ? Math.round((total / cap) * 1000) / 10 : null)),
  currency: ({ pack }) => pack.currencyCode,
  events_attended: number(({ eventsAttended }) => eventsAttended),
  lines: number(({ lines }) => lines),
  disclosure_consent: ({ doctor }) => doctor?.CME_Disclosure_Consent__c ?? false,
};

export interface FindingRow {
  finding: Finding;
  event: CmeEvent | undefined;
  doctor: Doctor | undefined;
  pack: RulePack;
}

/** The first nine are what summary.pdf lists of each finding (PackSummary.findings). */
export const FINDING_COLUMNS: Columns<FindingRow> = {
  rule_id: ({ finding }) => finding.ruleId,
  severity: ({ finding }) => finding.severity,
  event_id: ({ finding }) => finding.eventId,
  event_name: ({ event }) => event?.Name ?? '',
  doctor_id: ({ finding }) => finding.doctorId ?? '',
  doctor_name: ({ finding, doctor }) => nameOf(finding.doctorId, doctor),
  amount: number(({ finding }) => finding.amount ?? null),
  limit: number(({ finding }) => finding.limit ?? null),
  message: ({ finding }) => finding.message,
  rule_pack: ({ pack }) => pack.code,
  evidence: ({ finding }) => JSON.stringify(finding.evidence),
};

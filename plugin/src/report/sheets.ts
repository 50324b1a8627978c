// The tables of the audit pack: file name, XLSX sheet name, columns (in order) and which columns hold
// numbers (written as numbers in XLSX; everything else is text, neutralised against CSV injection).

export interface SheetSpec {
  file: string;
  sheet: string;
  columns: readonly string[];
  numeric: readonly string[];
}

export const SHEETS = {
  events: {
    file: 'events.csv',
    sheet: 'Events',
    columns: [
      'event_id',
      'event_key',
      'event_name',
      'rule_pack',
      'type',
      'format',
      'status',
      'start',
      'end',
      'country',
      'city',
      'submitted_on',
      'approved_on',
      'approval_lead_days',
      'invited',
      'accepted',
      'attended',
      'capacity',
      'budget',
      'estimated',
      'committed',
      'actual',
      'utilisation_percent',
      'currency',
      'findings',
      'blocking_findings',
    ],
    numeric: [
      'approval_lead_days',
      'invited',
      'accepted',
      'attended',
      'capacity',
      'budget',
      'estimated',
      'committed',
      'actual',
      'utilisation_percent',
      'findings',
      'blocking_findings',
    ],
  },
  attendance: {
    file: 'attendance.csv',
    sheet: 'Attendance',
    columns: [
      'attendance_id',
      'event_id',
      'event_name',
      'doctor_id',
      'doctor_name',
      'npi',
      'invitation_id',
      'mode',
      'walk_in',
      'checked_in_at',
      'checked_out_at',
      'minutes_attended',
      'sign_in_method',
      'signed_name',
      'signed_at',
      'signature_sha256',
      'meal_opt_out',
      'evidence',
      'evidence_problem',
    ],
    numeric: ['minutes_attended'],
  },
  transfers: {
    file: 'transfers-of-value.csv',
    sheet: 'Transfers of value',
    columns: [
      'event_id',
      'event_name',
      'event_date',
      'doctor_id',
      'doctor_name',
      'npi',
      'expense_id',
      'category',
      'stage',
      'basis',
      'recipients',
      'line_amount',
      'amount',
      'currency',
      'payment_date',
      'payment_form',
      'role',
      'open_payments_nature',
      'efpia_category',
      'efpia_heading',
      'note',
    ],
    numeric: ['recipients', 'line_amount', 'amount'],
  },
  hcps: {
    file: 'hcp-summary.csv',
    sheet: 'HCP summary',
    columns: [
      'doctor_id',
      'doctor_name',
      'npi',
      'specialty',
      'country',
      'rule_pack',
      'cap_year',
      'total',
      'cap',
      'percent_of_cap',
      'currency',
      'events_attended',
      'lines',
      'disclosure_consent',
    ],
    numeric: ['total', 'cap', 'percent_of_cap', 'events_attended', 'lines'],
  },
  findings: {
    file: 'findings.csv',
    sheet: 'Findings',
    columns: [
      'rule_id',
      'severity',
      'event_id',
      'event_name',
      'doctor_id',
      'doctor_name',
      'amount',
      'limit',
      'message',
      'rule_pack',
      'evidence',
    ],
    numeric: ['amount', 'limit'],
  },
} as const satisfies Record<string, SheetSpec>;

export type SheetName = keyof typeof SHEETS;

/** Positions of a table's numeric columns. */
export function numericIndexes(name: SheetName): Set<number> {
  const spec: SheetSpec = SHEETS[name];
  return new Set(spec.columns.map((c, i) => (spec.numeric.includes(c) ? i : -1)).filter((i) => i >= 0));
}

// The tables of the audit pack: file name, XLSX sheet name, and the columns (in order) with which of
// them hold numbers (written as numbers in XLSX; everything else is text, neutralised against CSV
// injection), both from the tables' column lists in columns.ts.
import {
  ATTENDANCE_COLUMNS,
  EVENT_COLUMNS,
  FINDING_COLUMNS,
  HCP_COLUMNS,
  TRANSFER_COLUMNS,
  namesOf,
} from './columns.ts';

export interface SheetSpec {
  file: string;
  sheet: string;
  columns: readonly string[];
  numeric: readonly string[];
}

/** In the pack's order: the XLSX tabs and report.json's tables follow it. */
export const SHEETS = {
  events: { file: 'events.csv', sheet: 'Events', ...namesOf(EVENT_COLUMNS) },
  attendance: { file: 'attendance.csv', sheet: 'Attendance', ...namesOf(ATTENDANCE_COLUMNS) },
  transfers: { file: 'transfers-of-value.csv', sheet: 'Transfers of value', ...namesOf(TRANSFER_COLUMNS) },
  hcps: { file: 'hcp-summary.csv', sheet: 'HCP summary', ...namesOf(HCP_COLUMNS) },
  findings: { file: 'findings.csv', sheet: 'Findings', ...namesOf(FINDING_COLUMNS) },
} as const satisfies Record<string, SheetSpec>;

export type SheetName = keyof typeof SHEETS;

/** The tables with a row per record read (as long as the data): report.xlsx may hold only their first rows. */
export const ROW_LEVEL: readonly SheetName[] = ['attendance', 'transfers'];

/** Positions of a table's numeric columns. */
export function numericIndexes(name: SheetName): Set<number> {
  const spec: SheetSpec = SHEETS[name];
  return new Set(spec.columns.map((c, i) => (spec.numeric.includes(c) ? i : -1)).filter((i) => i >= 0));
}

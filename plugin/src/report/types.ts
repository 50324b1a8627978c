// What the compliance report is asked for and what it answers: the command, the flag schema and the
// bench scripts use these without loading the builder.
import type { BagFile } from './bagit.ts';

export type ReportFormat = 'csv' | 'xlsx' | 'pdf' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['csv', 'xlsx', 'pdf', 'json'];

/**
 * report.xlsx holds the row-level sheets (attendance, transfers of value) whole up to this many rows;
 * a longer table is its first rows there and whole in its CSV. 100,000 rows (attendance 19 columns,
 * transfers 21) are a tenth of a sheet's limit of 1,048,576 rows, a size a spreadsheet still filters
 * and sorts (the pack's report.xlsx at 100k attendance rows is 17 MB). A table ten times longer
 * is one to read with a tool from its CSV, not to scroll; and a row costs the XLSX writer about six
 * times what it costs the CSV writer (CPU profile at 100k rows).
 */
export const DEFAULT_XLSX_DETAIL = 100_000;

/** --xlsx-detail: 'all', or a whole number of rows of at least 1 (10000 or 10,000); undefined if neither. */
export function parseXlsxDetail(text: string): number | 'all' | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'all') return 'all';
  if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(value)) return undefined;
  const rows = Number(value.replaceAll(',', ''));
  return rows >= 1 && Number.isSafeInteger(rows) ? rows : undefined;
}

export interface ReportWindow {
  /** First and last day, both included. */
  start: string;
  end: string;
  label: string;
}

/** What every report command's build takes besides its own options: where, who, how to read. */
export interface ReportRunOptions {
  outputDir: string;
  identity: { orgId: string; username: string; instanceUrl: string };
  toolVersion: string;
  /** Objects with more rows than this are read with Bulk API 2.0 (default 10,000). */
  bulkThreshold?: number;
  pollMs?: number;
  /** Where the scratch file's folder is made (default: the OS temp folder). */
  scratchDir?: string;
  now?: () => Date;
  onProgress?: (message: string) => void;
}

export interface ComplianceReportOptions extends ReportRunOptions {
  window: ReportWindow;
  /** The day the rules judge as "today". */
  asOf: string;
  /** Judge every event by this pack (its code); default: each event by its own Rule_Pack__c. */
  rulePack?: string;
  formats: readonly ReportFormat[];
  /**
   * Rows of each row-level table report.xlsx holds (default DEFAULT_XLSX_DETAIL), or 'all'. Only when
   * the pack has its CSV files: without them report.xlsx holds every row.
   */
  xlsxDetail?: number | 'all';
}

/** A type, not an interface, so it passes as the summary's Record<string, number>. */
export type ReportCounts = {
  events: number;
  eventsWithoutRulePack: number;
  invitations: number;
  attendance: number;
  expenses: number;
  hcps: number;
  transfersOfValue: number;
  findings: number;
  blockingFindings: number;
};

/** A rule pack that judged events of the window, and how many. */
export interface UsedRulePack {
  code: string;
  name: string;
  version: string | null;
  events: number;
}

export interface ComplianceReportResult {
  outputDir: string;
  window: ReportWindow;
  asOf: string;
  rulePacks: UsedRulePack[];
  files: BagFile[];
  counts: ReportCounts;
  findingsByRule: Record<string, number>;
  /** Which API read each object. */
  readWith: Record<string, 'rest' | 'bulk'>;
  apiCalls: number;
}

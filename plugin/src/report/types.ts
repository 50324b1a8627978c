// What the compliance report is asked for and what it answers: the command, the flag schema and the
// bench scripts use these without loading the builder.
import type { BagFile } from './bagit.ts';

export type ReportFormat = 'csv' | 'xlsx' | 'pdf' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['csv', 'xlsx', 'pdf', 'json'];

export interface ReportWindow {
  /** First and last day, both included. */
  start: string;
  end: string;
  label: string;
}

export interface ComplianceReportOptions {
  window: ReportWindow;
  /** The day the rules judge as "today". */
  asOf: string;
  /** Judge every event by this pack (its code); default: each event by its own Rule_Pack__c. */
  rulePack?: string;
  formats: readonly ReportFormat[];
  outputDir: string;
  identity: { orgId: string; username: string; instanceUrl: string };
  toolVersion: string;
  /** Objects with more rows than this are read with Bulk API 2.0 (default 10,000). */
  bulkThreshold?: number;
  pollMs?: number;
  now?: () => Date;
  onProgress?: (message: string) => void;
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

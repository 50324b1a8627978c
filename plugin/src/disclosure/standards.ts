// The three standards as build.ts runs them: each loads its data file before anything is read from
// the org (a missing year fails at once), takes what the passes give it (HCPs' lines, or whole
// events), buckets every line for the reconciliation, and writes its own file(s) and document.
import type { ReportData } from '../report/read.ts';
import { efpiaRun, loadEfpia } from './efpiaRun.ts';
import { loadOpenPayments, openPaymentsRun } from './openPaymentsRun.ts';
import type { StandardSink } from './passes.ts';
import type { Reconciliation, ReconciliationRow } from './reconcile.ts';
import type { CommonTables } from './tables.ts';
import type { DisclosureOptions } from './build.ts';
import { loadUcpmp, ucpmpRun } from './ucpmpRun.ts';
import type { WorkbookSheet } from './workbook.ts';

/** What a standard has written once the passes are done. */
export interface StandardOutcome {
  /** Records in the disclosure file(s). */
  records: number;
  /** The recipients (or events) the file covers, when the standard counts them its own way. */
  recipients?: number;
  /** Its tables for disclosure.xlsx, before the common ones. */
  sheets: WorkbookSheet[];
  /** Its CSV files (left out of the bag without csv in --format). */
  csvFiles: string[];
  /** SHA-256 of its files hashed as they were written, by name under data/. */
  hashes(): Map<string, string>;
  /** Its document(s) as PDF (and markdown where the standard asks for one). */
  writePdf(work: string, reconciliation: readonly ReconciliationRow[]): Promise<void>;
}

export interface StandardRun extends StandardSink {
  finish(): Promise<StandardOutcome>;
  close(): void;
}

/** Where a run writes and what it reports to. */
export interface RunContext {
  options: DisclosureOptions;
  data: ReportData;
  work: string;
  tables: CommonTables;
  reconciliation: Reconciliation;
  /** The company the documents name: --entity-name, else the org's name. */
  company: string;
}

/** A standard's data file, loaded: the run is started with it once the org is read. */
export interface LoadedStandard {
  /** The data file read, for the document's notes. */
  file: string;
  start(context: RunContext): StandardRun;
}

/** Loads the standard's data file for the period (config/disclosure), failing before any read. */
export function loadStandard(options: DisclosureOptions): LoadedStandard {
  switch (options.standard) {
    case 'open-payments': {
      const loaded = loadOpenPayments(options);
      return { file: loaded.file, start: (context) => openPaymentsRun(context, loaded) };
    }
    case 'efpia': {
      const loaded = loadEfpia(options);
      return { file: loaded.file, start: (context) => efpiaRun(context, loaded) };
    }
    case 'ucpmp': {
      const loaded = loadUcpmp(options);
      return { file: loaded.file, start: (context) => ucpmpRun(context, loaded) };
    }
  }
}

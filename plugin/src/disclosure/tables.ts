// The tables every disclosure writes beside its file: excluded.csv (every ledger line of the period
// left out, with its reason), validation.csv (every record problem, with the field and the fix) and
// reconciliation.csv (the file tied to the audit pack's ledger). Rows are written as they come.
import path from 'node:path';
import { CsvFile } from '../report/files.ts';
import type { ReportData } from '../report/read.ts';
import { ExclusionTally } from './note.ts';
import type { ExclusionSummaryRow } from './note.ts';
import type { DisclosureBucket, ReconciliationRow, TimingBucket } from './reconcile.ts';
import type { ExcludedLine, ExclusionReason, RecordProblem } from './types.ts';
import type { WorkbookSheet } from './workbook.ts';

export const EXCLUDED_COLUMNS = [
  'event_id',
  'event_name',
  'expense_id',
  'doctor_id',
  'doctor_name',
  'category',
  'amount',
  'currency',
  'date',
  'reason',
  'detail',
] as const;

export const VALIDATION_COLUMNS = [
  'record_id',
  'doctor_id',
  'doctor_name',
  'event_id',
  'event_name',
  'field',
  'value',
  'problem',
  'fix',
] as const;

const TIMING: readonly TimingBucket[] = [
  'dated-outside-period',
  'event-outside-window',
  'event-not-held',
  'country-not-asked',
];
const EXCLUSIONS: readonly ExclusionReason[] = [
  'below-threshold',
  'conference-buffet',
  'not-a-covered-recipient',
  'not-a-transfer-to-hcps',
  'no-eligible-attendees',
  'invalid-record',
];
const BUCKETS: readonly DisclosureBucket[] = ['disclosed', 'aggregate', ...EXCLUSIONS];

const snake = (name: string) => name.replaceAll('-', '_');

export const RECONCILIATION_COLUMNS = [
  'currency',
  'category',
  'ledger',
  ...TIMING.map(snake),
  ...BUCKETS.map(snake),
  'difference',
] as const;

export class CommonTables {
  private readonly excluded: CsvFile;
  private readonly validation: CsvFile;
  private readonly reconciliation: CsvFile;
  private readonly data: ReportData;
  private readonly tally = new ExclusionTally();
  private closed = false;

  public constructor(work: string, data: ReportData) {
    this.data = data;
    this.excluded = new CsvFile(path.join(work, 'excluded.csv'), EXCLUDED_COLUMNS);
    this.validation = new CsvFile(path.join(work, 'validation.csv'), VALIDATION_COLUMNS);
    this.reconciliation = new CsvFile(path.join(work, 'reconciliation.csv'), RECONCILIATION_COLUMNS);
  }

  public get excludedCount(): number {
    return this.excluded.rows;
  }

  public get problemCount(): number {
    return this.validation.rows;
  }

  /** Problems of the file as a whole (no record id): the reporting entity, a currency mix. */
  public fileProblemCount = 0;

  /** Excluded lines per reason and currency, for the documents. */
  public exclusions(): ExclusionSummaryRow[] {
    return this.tally.rows();
  }

  public exclude(line: ExcludedLine): void {
    this.tally.add(line);
    this.excluded.add([
      line.eventId,
      this.data.eventById.get(line.eventId)?.Name ?? '',
      line.expenseId,
      line.doctorId ?? '',
      this.data.doctors.nameOf(line.doctorId),
      line.category,
      line.amount,
      line.currency,
      line.date ?? '',
      line.reason,
      line.detail,
    ]);
  }

  public problem(p: RecordProblem): void {
    if (!p.recordId) this.fileProblemCount++;
    this.validation.add([
      p.recordId,
      p.doctorId ?? '',
      this.data.doctors.nameOf(p.doctorId),
      p.eventId ?? '',
      p.eventId ? (this.data.eventById.get(p.eventId)?.Name ?? '') : '',
      p.field,
      p.value,
      p.problem,
      p.fix,
    ]);
  }

  public writeReconciliation(rows: readonly ReconciliationRow[]): void {
    for (const r of rows)
      this.reconciliation.add([
        r.currency,
        r.category,
        r.ledger,
        ...TIMING.map((t) => r.timing[t] ?? 0),
        ...BUCKETS.map((b) => r.buckets[b] ?? 0),
        r.difference,
      ]);
  }

  public close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const file of this.files()) file.close();
  }

  /** SHA-256 of each table by its path under data/, and those given (the standard's). */
  public hashes(more: ReadonlyMap<string, string> = new Map()): Map<string, string> {
    const known = new Map(more);
    for (const file of this.files()) known.set(path.basename(file.path), file.sha256);
    return known;
  }

  /** The tables as disclosure.xlsx sheets, after the standard's. */
  public sheets(): WorkbookSheet[] {
    const sheet = (name: string, file: CsvFile, numeric: readonly string[]): WorkbookSheet => ({
      name,
      csvPath: file.path,
      inBag: { file: `data/${path.basename(file.path)}`, rows: file.rows, sha256: file.sha256 },
      numeric,
    });
    return [
      sheet('Excluded', this.excluded, ['amount']),
      sheet('Validation', this.validation, []),
      sheet('Reconciliation', this.reconciliation, RECONCILIATION_COLUMNS.slice(2)),
    ];
  }

  public csvFiles(): string[] {
    return this.files().map((f) => f.path);
  }

  private files(): CsvFile[] {
    return [this.excluded, this.validation, this.reconciliation];
  }
}

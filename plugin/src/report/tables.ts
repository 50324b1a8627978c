// The pack's tables as they are written: a CSV file each (the working form; in data/ when CSV is
// asked for, else in a scratch folder), and report.xlsx written in a worker thread, each table as
// soon as its CSV is complete, or while it is written (the transfers of value, the findings).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CsvFile } from './files.ts';
import { SHEETS } from './sheets.ts';
import type { SheetName } from './sheets.ts';
import { DEFAULT_XLSX_DETAIL } from './types.ts';
import type { ReportFormat } from './types.ts';
import { XlsxInWorker } from './xlsx.ts';
import type { CsvInBag } from './xlsx.ts';

/** The longest table, the transfers of value, goes into report.xlsx while pass A is still writing it. */
const FOLLOWED_FROM_THE_START: SheetName = 'transfers';

export class PackTables {
  public readonly csv: Readonly<Record<SheetName, CsvFile>>;
  private readonly xlsx: XlsxInWorker | undefined;
  private readonly scratch: string;
  private readonly inBag: boolean;
  /** Tables report.xlsx reads while their CSV is still being written. */
  private readonly followed = new Set<SheetName>();

  /**
   * Opens every table in `work` (the pack's data folder). `xlsxDetail`: the rows of each row-level
   * table report.xlsx holds, when the pack has the CSV files to name for the rest (else every row).
   */
  public constructor(work: string, formats: readonly ReportFormat[], xlsxDetail: number | 'all' = DEFAULT_XLSX_DETAIL) {
    this.scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-report-csv-'));
    this.inBag = formats.includes('csv');
    const csvDir = this.inBag ? work : this.scratch;
    this.csv = Object.fromEntries(
      Object.entries(SHEETS).map(([name, sheet]) => [name, new CsvFile(path.join(csvDir, sheet.file), sheet.columns)]),
    ) as Record<SheetName, CsvFile>;
    const detail = this.inBag && xlsxDetail !== 'all' ? xlsxDetail : Infinity;
    this.xlsx = formats.includes('xlsx')
      ? new XlsxInWorker(path.join(work, 'report.xlsx'), undefined, detail)
      : undefined;
    this.follow(FOLLOWED_FROM_THE_START);
  }

  /** Hands a table to report.xlsx now, to be read while its CSV is written (until `complete`). */
  public follow(name: SheetName): void {
    if (!this.xlsx) return;
    this.followed.add(name);
    this.xlsx.follow(name, this.csv[name].path);
  }

  /** Closes a table's CSV and hands it to report.xlsx. */
  public complete(name: SheetName): void {
    const csv = this.csv[name];
    csv.close();
    const inBag: CsvInBag | undefined = this.inBag
      ? { file: `data/${SHEETS[name].file}`, rows: csv.rows, sha256: csv.sha256 }
      : undefined;
    if (this.followed.has(name)) this.xlsx?.completed(name, inBag);
    else this.xlsx?.add(name, csv.path, inBag);
  }

  /** The SHA-256 of the CSV files in the pack, by their path under data/ (hashed as they were written). */
  public hashes(): Map<string, string> {
    const names = this.inBag ? (Object.keys(SHEETS) as SheetName[]) : [];
    return new Map(names.map((name) => [SHEETS[name].file, this.csv[name].sha256]));
  }

  public get writesXlsx(): boolean {
    return !!this.xlsx;
  }

  /** Waits until report.xlsx is complete (given every table). */
  public async finishXlsx(): Promise<void> {
    await this.xlsx?.finish();
  }

  /** Stops the XLSX writer if it is still running, closes every file and removes the scratch folder. */
  public async close(): Promise<void> {
    await this.xlsx?.abort();
    for (const file of Object.values(this.csv)) file.close();
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }
}

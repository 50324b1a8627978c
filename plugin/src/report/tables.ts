// The pack's tables as they are written: a CSV file each (the working form; in data/ when CSV is
// asked for, else in a scratch folder), and report.xlsx written in a worker thread, each table as
// soon as its CSV is complete.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CsvFile } from './files.ts';
import { SHEETS } from './sheets.ts';
import type { SheetName } from './sheets.ts';
import type { ReportFormat } from './types.ts';
import { XlsxInWorker } from './xlsx.ts';

/** The longest table, the transfers of value, goes into report.xlsx while pass A is still writing it. */
const FOLLOWED: SheetName = 'transfers';

export class PackTables {
  public readonly csv: Readonly<Record<SheetName, CsvFile>>;
  private readonly xlsx: XlsxInWorker | undefined;
  private readonly scratch: string;

  /** Opens every table in `work` (the pack's data folder). */
  public constructor(work: string, formats: readonly ReportFormat[]) {
    this.scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-report-csv-'));
    const csvDir = formats.includes('csv') ? work : this.scratch;
    this.csv = Object.fromEntries(
      Object.entries(SHEETS).map(([name, sheet]) => [name, new CsvFile(path.join(csvDir, sheet.file), sheet.columns)]),
    ) as Record<SheetName, CsvFile>;
    this.xlsx = formats.includes('xlsx') ? new XlsxInWorker(path.join(work, 'report.xlsx')) : undefined;
    this.xlsx?.follow(FOLLOWED, this.csv[FOLLOWED].path);
  }

  /** Closes a table's CSV and hands it to report.xlsx. */
  public complete(name: SheetName): void {
    this.csv[name].close();
    if (name === FOLLOWED) this.xlsx?.completed(name);
    else this.xlsx?.add(name, this.csv[name].path);
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

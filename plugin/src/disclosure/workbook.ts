// disclosure.xlsx: the disclosure's tables for people, one sheet each, written from their finished
// CSV files by the audit pack's workbook writer (rows as SpreadsheetML, not exceljs row objects). A
// table longer than the detail limit holds its first rows and a closing line naming its CSV in the bag
// (the audit pack's rule: a workbook no one can scroll serves nobody).
import { XlsxWorkbook } from '../report/xlsx.ts';
import type { CsvInBag } from '../report/xlsx.ts';

export interface WorkbookSheet {
  /** The tab's name (≤ 31 characters, as Excel allows). */
  name: string;
  csvPath: string;
  /** The CSV as the bag holds it, for the closing line of a cut sheet. */
  inBag: CsvInBag;
  /** Columns written as numbers (by header name). */
  numeric: readonly string[];
}

export async function writeWorkbook(file: string, sheets: readonly WorkbookSheet[], detail: number): Promise<void> {
  const workbook = new XlsxWorkbook(file, undefined, detail);
  for (const [i, spec] of sheets.entries())
    await workbook.addSheet(
      String(i),
      { sheet: spec.name, columns: [], numeric: spec.numeric, cut: true },
      spec.csvPath,
      undefined,
      () => spec.inBag,
    );
  await workbook.commit([]);
}

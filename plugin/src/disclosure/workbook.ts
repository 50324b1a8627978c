// disclosure.xlsx: the disclosure's tables for people, one sheet each, written from their finished
// CSV files. A table longer than the detail limit holds its first rows and a closing line naming its
// CSV in the bag (the audit pack's rule: a workbook no one can scroll serves nobody).
import ExcelJS from 'exceljs';
import { readCsvRecords } from '../report/files.ts';
import { detailNote, drained, typedRecord } from '../report/xlsx.ts';
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
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: false,
    useSharedStrings: false,
    // Fast compression, as report.xlsx: the sheets are large and mostly repeated text.
    zip: { zlib: { level: 1 } },
  } as ExcelJS.stream.xlsx.WorkbookStreamWriterOptions);
  workbook.creator = 'CME Manager';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    let numeric = new Set<number>();
    let written = -1;
    for (const record of readCsvRecords(spec.csvPath)) {
      if (written < 0) {
        numeric = new Set(record.map((name, i) => (spec.numeric.includes(name) ? i : -1)).filter((i) => i >= 0));
        sheet.addRow(record).commit();
      } else if (written >= detail) {
        sheet.addRow([detailNote(written, spec.inBag)]).commit();
        break;
      } else sheet.addRow(typedRecord(record, numeric)).commit();
      written++;
      // Rows wait for the zip to take them: without it a long sheet is buffered whole in memory.
      if (written % 500 === 0) await drained(sheet);
    }
    sheet.commit();
  }
  await workbook.commit();
}

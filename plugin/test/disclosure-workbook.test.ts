// disclosure.xlsx: the disclosure's CSVs as sheets in the order given, numbers as numbers, text
// neutralised, every table cut at the detail limit with a line naming its CSV in the bag.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { writeWorkbook } from '../src/disclosure/workbook.ts';
import type { WorkbookSheet } from '../src/disclosure/workbook.ts';
import { CsvFile } from '../src/report/files.ts';

/** A closed CSV of these rows under the header, as a workbook sheet named `name`. */
function sheetOf(dir: string, name: string, header: string[], rows: string[][], numeric: string[]): WorkbookSheet {
  const csv = new CsvFile(path.join(dir, `${name}.csv`), header);
  rows.forEach((row) => csv.add(row));
  csv.close();
  return { name, csvPath: csv.path, inBag: { file: `data/${name}.csv`, rows: csv.rows, sha256: csv.sha256 }, numeric };
}

const values = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

describe('disclosure.xlsx', () => {
  let dir: string;
  let back: ExcelJS.Workbook;
  let records: WorkbookSheet;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-disclosure-xlsx-'));
    records = sheetOf(
      dir,
      'open-payments-PY2025',
      ['RECORD_ID', 'TOTAL_AMOUNT', 'NATURE'],
      [
        ['r1', '120.50', 'Food and Beverage'],
        ['r2', '1500', '=HYPERLINK("x")'],
        ['r3', '13.46', 'Education'],
      ],
      ['TOTAL_AMOUNT'],
    );
    const excluded = sheetOf(
      dir,
      'excluded',
      ['expense_id', 'amount', 'reason'],
      [['e1', '9.99', 'small']],
      ['amount'],
    );
    const file = path.join(dir, 'disclosure.xlsx');
    await writeWorkbook(file, [records, excluded], 2);
    back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has one tab per table, in the order given, header frozen', () => {
    assert.deepEqual(
      back.worksheets.map((s) => s.name),
      ['open-payments-PY2025', 'excluded'],
    );
    const sheet = back.worksheets[0];
    assert.deepEqual(values(sheet, 1), ['RECORD_ID', 'TOTAL_AMOUNT', 'NATURE']);
    assert.deepEqual([sheet.views[0].state, (sheet.views[0] as { ySplit?: number }).ySplit], ['frozen', 1]);
  });

  it('writes the numeric columns as numbers and neutralises formula-like text', () => {
    const sheet = back.worksheets[0];
    assert.deepEqual(values(sheet, 2), ['r1', 120.5, 'Food and Beverage']);
    assert.deepEqual(values(sheet, 3), ['r2', 1500, `'=HYPERLINK("x")`]);
  });

  it('cuts a table past the detail limit with a line naming its CSV, rows and SHA-256', () => {
    const sheet = back.worksheets[0];
    assert.equal(sheet.rowCount, 4, 'header, two rows, the closing line');
    const note = String(sheet.getCell('A4').value);
    assert.match(note, /first 2 of 3 rows/);
    assert.ok(note.includes('data/open-payments-PY2025.csv'));
    assert.ok(note.includes(records.inBag.sha256));
  });

  it('keeps a table within the limit whole', () => {
    const sheet = back.worksheets[1];
    assert.equal(sheet.rowCount, 2);
    assert.deepEqual(values(sheet, 2), ['e1', 9.99, 'small']);
  });

  it('truncates a tab name to the 31 characters Excel allows', async () => {
    const long = sheetOf(dir, 'a-table-name-longer-than-excel-allows', ['a'], [['1']], []);
    const file = path.join(dir, 'long.xlsx');
    await writeWorkbook(file, [long], Infinity);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['a-table-name-longer-than-excel-'],
    );
  });
});

// report.xlsx: every table as a sheet in the pack's order whatever order they were written in, long
// tables continued on further sheets, numbers as numbers, formula-like text neutralised; the same
// through the worker thread, whose failures reach the caller. A row-level sheet longer than the
// detail limit holds the first rows and a line naming its CSV, row count and SHA-256.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CsvFile } from '../src/report/files.ts';
import { SHEETS } from '../src/report/sheets.ts';
import { parseXlsxDetail } from '../src/report/types.ts';
import type { SheetName } from '../src/report/sheets.ts';
import { XlsxInWorker, XlsxWorkbook, detailNote } from '../src/report/xlsx.ts';
import type { CsvInBag } from '../src/report/xlsx.ts';

/** Each table with `rows` rows: the first column holds 'name-i', numeric columns i, others text. */
function writeTables(dir: string, rows: Partial<Record<SheetName, number>>): Record<SheetName, string> {
  return writeTablesInBag(dir, rows).paths;
}

/** writeTables, with each table's CSV as the bag would list it. */
function writeTablesInBag(
  dir: string,
  rows: Partial<Record<SheetName, number>>,
): { paths: Record<SheetName, string>; inBag: Record<SheetName, CsvInBag> } {
  const files = {} as Record<SheetName, string>;
  const inBag = {} as Record<SheetName, CsvInBag>;
  for (const [name, spec] of Object.entries(SHEETS) as [SheetName, (typeof SHEETS)[SheetName]][]) {
    const file = new CsvFile(path.join(dir, spec.file), spec.columns);
    for (let i = 0; i < (rows[name] ?? 1); i++)
      file.add(
        spec.columns.map((column, c) =>
          c === 0
            ? `${name}-${i}`
            : (spec.numeric as readonly string[]).includes(column)
              ? i
              : c === 1
                ? '=HYPERLINK("x")'
                : c === 2
                  ? null
                  : 'text, "quoted"',
        ),
      );
    file.close();
    files[name] = file.path;
    inBag[name] = { file: `data/${spec.file}`, rows: file.rows, sha256: file.sha256 };
  }
  return { paths: files, inBag };
}

/** A sheet's rows as the values of their cells (without exceljs's leading empty slot). */
const rowsOf = (sheet: ExcelJS.Worksheet) =>
  sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1)] : []));

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** Adds `rows` transfer rows 'transfers-i' to a growing CSV, pausing every `pauseEvery` rows for the reader. */
async function addTransfers(growing: CsvFile, rows: number, pauseEvery: number): Promise<void> {
  for (let i = 0; i < rows; i++) {
    growing.add([
      `transfers-${i}`,
      'Event',
      '2026-01-01',
      'HCP',
      'Dr A',
      null,
      'EXP',
      'Meals',
      'Actual',
      'per-capita',
      2,
      10,
      5,
    ]);
    if (i % pauseEvery === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Written in the order the report completes its tables, not the pack's order. */
const WRITE_ORDER: SheetName[] = ['attendance', 'transfers', 'hcps', 'findings', 'events'];

/** Writes every table in WRITE_ORDER into `file` and reads the workbook back. */
async function writeAll(
  workbook: XlsxWorkbook,
  file: string,
  paths: Record<SheetName, string>,
  inBag?: Record<SheetName, CsvInBag>,
): Promise<ExcelJS.Workbook> {
  for (const name of WRITE_ORDER) await workbook.addTable(name, paths[name], undefined, () => inBag?.[name]);
  await workbook.commit();
  return readBack(file);
}

/** Each tab's name and row count, in order. */
const tabs = (workbook: ExcelJS.Workbook) => workbook.worksheets.map((s) => [s.name, s.rowCount]);

describe('report.xlsx', () => {
  let dir: string;
  let tables: Record<SheetName, string>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-xlsx-test-'));
    tables = writeTables(dir, { attendance: 5, transfers: 2 });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the tables in the pack order, continuing a long table on further sheets', async () => {
    const file = path.join(dir, 'direct.xlsx');
    const back = await writeAll(new XlsxWorkbook(file, 2), file, tables);
    assert.deepEqual(tabs(back), [
      ['Events', 2],
      ['Attendance', 3],
      ['Attendance (2)', 3],
      ['Attendance (3)', 2],
      ['Transfers of value', 3],
      ['HCP summary', 2],
      ['Findings', 2],
    ]);
    const attendance = back.getWorksheet('Attendance (3)') as ExcelJS.Worksheet;
    assert.deepEqual((attendance.getRow(1).values as unknown[]).slice(1, 3), ['attendance_id', 'event_id']);
    assert.equal(attendance.getCell('A2').value, 'attendance-4');
    assert.deepEqual([attendance.views[0].state, (attendance.views[0] as { ySplit?: number }).ySplit], ['frozen', 1]);
  });

  it('writes numbers as numbers, blanks as empty and formula-like text neutralised', async () => {
    const file = path.join(dir, 'cells.xlsx');
    const findings = (await writeAll(new XlsxWorkbook(file), file, tables)).getWorksheet(
      'Findings',
    ) as ExcelJS.Worksheet;
    const row = findings.getRow(2);
    const cell = (column: string) => row.getCell(SHEETS.findings.columns.indexOf(column as never) + 1).value;
    assert.equal(cell('rule_id'), 'findings-0');
    assert.equal(cell('severity'), `'=HYPERLINK("x")`);
    assert.equal(cell('event_id'), null);
    assert.equal(cell('amount'), 0);
    assert.equal(typeof cell('limit'), 'number');
    assert.equal(cell('message'), 'text, "quoted"');
  });

  it('refuses to complete a workbook that lacks a table', async () => {
    const workbook = new XlsxWorkbook(path.join(dir, 'short.xlsx'));
    await workbook.addTable('events', tables.events);
    await assert.rejects(workbook.commit(), /missing the attendance, transfers, hcps, findings table/);
  });

  it('writes the same workbook in a worker thread', async () => {
    const file = path.join(dir, 'worker.xlsx');
    const writer = new XlsxInWorker(file, 2);
    for (const name of WRITE_ORDER) writer.add(name, tables[name]);
    await writer.finish();
    const back = await readBack(file);
    assert.deepEqual(
      back.worksheets.map((s) => s.name),
      ['Events', 'Attendance', 'Attendance (2)', 'Attendance (3)', 'Transfers of value', 'HCP summary', 'Findings'],
    );
  });

  it('follows a table while it is still being written, until it is closed', async () => {
    const file = path.join(dir, 'followed.xlsx');
    const writer = new XlsxInWorker(file);
    const growing = new CsvFile(path.join(dir, 'growing.csv'), SHEETS.transfers.columns);
    writer.follow('transfers', growing.path);
    for (const name of WRITE_ORDER.filter((n) => n !== 'transfers')) writer.add(name, tables[name]);
    // Enough rows that the file is flushed several times while the worker reads it.
    await addTransfers(growing, 20_000, 5_000);
    growing.close();
    writer.completed('transfers');
    await writer.finish();
    const sheet = (await readBack(file)).getWorksheet('Transfers of value') as ExcelJS.Worksheet;
    assert.equal(sheet.rowCount, 20_001);
    assert.equal(sheet.getCell('A20001').value, 'transfers-19999');
    assert.equal(sheet.getCell('M20001').value, 5);
  });

  it('cuts a row-level sheet longer than the detail limit, naming its CSV with row count and SHA-256', async () => {
    const bagDir = fs.mkdtempSync(path.join(dir, 'detail-'));
    const { paths, inBag } = writeTablesInBag(bagDir, { attendance: 5, transfers: 3, findings: 7 });
    assert.equal(
      inBag.attendance.sha256,
      createHash('sha256').update(fs.readFileSync(paths.attendance)).digest('hex'),
      'the CSV is hashed as it is written',
    );
    const file = path.join(bagDir, 'detail.xlsx');
    const back = await writeAll(new XlsxWorkbook(file, 2, 3), file, paths, inBag);
    assert.deepEqual(tabs(back), [
      ['Events', 2],
      ['Attendance', 3],
      // The third row, then the line naming the CSV.
      ['Attendance (2)', 3],
      // Exactly at the limit: whole, no line.
      ['Transfers of value', 3],
      ['Transfers of value (2)', 2],
      ['HCP summary', 2],
      // Not a row-level table: whole however long.
      ['Findings', 3],
      ['Findings (2)', 3],
      ['Findings (3)', 3],
      ['Findings (4)', 2],
    ]);
    const second = rowsOf(back.getWorksheet('Attendance (2)') as ExcelJS.Worksheet);
    assert.equal(second[1][0], 'attendance-2');
    assert.deepEqual(second[2], [detailNote(3, inBag.attendance)]);
    assert.equal(
      second[2][0],
      `This sheet holds the first 3 of 5 rows. The complete table is data/attendance.csv in this pack: 5 rows, SHA-256 ${inBag.attendance.sha256}. Run the report with --xlsx-detail all for every row here.`,
    );
    assert.equal(
      detailNote(100_000, { file: 'data/attendance.csv', rows: 1_000_000, sha256: 'ab' }).slice(0, 49),
      'This sheet holds the first 100,000 of 1,000,000 r',
    );
  });

  it('names the CSV of a followed table once it is closed, through the worker', async () => {
    const bagDir = fs.mkdtempSync(path.join(dir, 'detail-followed-'));
    const { paths, inBag } = writeTablesInBag(bagDir, {});
    const file = path.join(bagDir, 'followed.xlsx');
    const writer = new XlsxInWorker(file, undefined, 100);
    const growing = new CsvFile(path.join(bagDir, 'transfers-of-value.csv'), SHEETS.transfers.columns);
    writer.follow('transfers', growing.path);
    for (const name of WRITE_ORDER.filter((n) => n !== 'transfers')) writer.add(name, paths[name], inBag[name]);
    await addTransfers(growing, 5_000, 1_000);
    growing.close();
    const transfers = { file: 'data/transfers-of-value.csv', rows: growing.rows, sha256: growing.sha256 };
    writer.completed('transfers', transfers);
    await writer.finish();
    const sheet = (await readBack(file)).getWorksheet('Transfers of value') as ExcelJS.Worksheet;
    const rows = rowsOf(sheet);
    assert.equal(rows.length, 102);
    assert.equal(rows[100][0], 'transfers-99');
    assert.deepEqual(rows[101], [detailNote(100, transfers)]);
    assert.match(
      String(rows[101][0]),
      /first 100 of 5,000 rows.*data\/transfers-of-value\.csv.*5,000 rows, SHA-256 [0-9a-f]{64}\./,
    );
  });

  it('refuses to cut a sheet whose CSV is not in the pack', async () => {
    const workbook = new XlsxWorkbook(path.join(dir, 'uncut.xlsx'), undefined, 2);
    await assert.rejects(
      workbook.addTable('attendance', tables.attendance),
      /The attendance table is longer than 2 rows, but its CSV is not in the pack/,
    );
  });

  it('reads --xlsx-detail as a number of rows or all', () => {
    assert.deepEqual(
      ['100000', '100,000', ' 5 ', 'ALL', 'all', '0', '-3', '1.5', '10k', '1,00', ''].map(parseXlsxDetail),
      [100_000, 100_000, 5, 'all', 'all', undefined, undefined, undefined, undefined, undefined, undefined],
    );
  });

  it("reports the worker's failure to the caller", async () => {
    const writer = new XlsxInWorker(path.join(dir, 'broken.xlsx'));
    writer.add('events', path.join(dir, 'no-such-table.csv'));
    await assert.rejects(writer.finish(), /Writing report.xlsx failed: ENOENT/);
  });
});

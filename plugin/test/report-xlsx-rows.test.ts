// report.xlsx's data rows are written as SpreadsheetML by our code (rowXml), not through exceljs's row
// objects: these tests hold them to what exceljs itself writes for the same records, read back cell by
// cell (value and type), including the cells that need escaping, dropping or neutralising.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CsvFile, readCsvRecords } from '../src/report/files.ts';
import { SHEETS, numericIndexes } from '../src/report/sheets.ts';
import type { SheetName } from '../src/report/sheets.ts';
import { XlsxWorkbook, rowXml, typedRecord, xmlText } from '../src/report/xlsx.ts';

const columns = SHEETS.transfers.columns;
const at = (column: string) => columns.indexOf(column as never);

/** Transfer records with the cells that need care: XML specials, control characters, formula starts, non-numbers. */
function trickyRecords(): (string | number | null)[][] {
  const base = (id: string) => columns.map((_, c) => (c === 0 ? id : `text ${c}`)) as (string | number | null)[];
  const records: (string | number | null)[][] = [];
  const texts = [
    '<b>Tom & Jerry "quoted" it\'s</b>',
    'control\u0001\u0008\u000b\u001f\u007f dropped, tab\tnewline\ncarriage\r kept',
    '=SUM(A1:A2)',
    '+1',
    '-minus',
    '@at',
    'Ünïcødé — 😀 ₹',
    ' leading and trailing spaces ',
    '\u0001',
    'true',
    '0042',
  ];
  texts.forEach((text, i) => {
    const record = base(`tricky-${i}`);
    record[at('event_name')] = text;
    record[at('note')] = text;
    records.push(record);
  });
  const numbers: (string | number | null)[] = [0, -12.5, 1e21, 0.1 + 0.2, 123456789.123, 'abc', null];
  numbers.forEach((value, i) => {
    const record = base(`number-${i}`);
    record[at('amount')] = value;
    record[at('line_amount')] = typeof value === 'number' ? -value : value;
    record[at('recipients')] = i;
    records.push(record);
  });
  // A record with every cell empty is no row at all; one with only its last cell keeps the full span.
  records.push(columns.map(() => null));
  records.push(columns.map((_, c) => (c === columns.length - 1 ? 'last only' : null)));
  return records;
}

/** Every cell of every sheet: [sheet, address, type, value]. */
async function cellsOf(file: string): Promise<[string, string, number, unknown][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const cells: [string, string, number, unknown][] = [];
  for (const sheet of workbook.worksheets)
    sheet.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => cells.push([sheet.name, cell.address, cell.type, cell.value])),
    );
  return cells;
}

describe('report.xlsx rows written as SpreadsheetML', () => {
  let dir: string;
  let csvPaths: Record<SheetName, string>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-xlsx-rows-'));
    csvPaths = {} as Record<SheetName, string>;
    for (const [name, spec] of Object.entries(SHEETS) as [SheetName, (typeof SHEETS)[SheetName]][]) {
      const file = new CsvFile(path.join(dir, spec.file), spec.columns);
      if (name === 'transfers') for (const record of trickyRecords()) file.add(record);
      file.close();
      csvPaths[name] = file.path;
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a row as exceljs does: text t="str", numbers bare, empty cells left out, spans over the record', () => {
    assert.equal(
      rowXml(7, ['a<b', '', '3', 'x'], [false, false, true, true], ['A', 'B', 'C', 'D']),
      '<row r="7" spans="1:4" x14ac:dyDescent="0.25"><c r="A7" t="str"><v>a&lt;b</v></c>' +
        '<c r="C7"><v>3</v></c><c r="D7" t="str"><v>x</v></c></row>',
    );
    assert.equal(rowXml(3, ['', ''], [false, false], ['A', 'B']), '');
    // The span covers the record's columns, empty ones at either end included (as exceljs writes it).
    assert.equal(
      rowXml(4, ['', 'b', ''], [false, false, false], ['A', 'B', 'C']),
      '<row r="4" spans="1:3" x14ac:dyDescent="0.25"><c r="B4" t="str"><v>b</v></c></row>',
    );
    // A record longer than its header still gets column letters (AA after Z).
    const long = Array.from({ length: 28 }, (_, i) => (i === 27 ? 'z' : ''));
    assert.match(rowXml(2, long, [], []), /<c r="AB2" t="str"><v>z<\/v><\/c>/);
    assert.equal(xmlText(`'"&<>\u0000\u007fok\t`), '&apos;&quot;&amp;&lt;&gt;ok\t');
  });

  it('reads back cell for cell (value and type) as the same records written through exceljs rows', async () => {
    const ours = path.join(dir, 'ours.xlsx');
    const workbook = new XlsxWorkbook(ours);
    for (const name of Object.keys(SHEETS) as SheetName[]) await workbook.addTable(name, csvPaths[name]);
    await workbook.commit();

    // The reference: exceljs's streaming writer with the same options, every row through addRow.
    const reference = path.join(dir, 'reference.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: reference,
      useStyles: false,
      useSharedStrings: false,
    } as ExcelJS.stream.xlsx.WorkbookStreamWriterOptions);
    for (const name of Object.keys(SHEETS) as SheetName[]) {
      const sheet = writer.addWorksheet(SHEETS[name].sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
      const numeric = numericIndexes(name);
      let header = true;
      for (const record of readCsvRecords(csvPaths[name])) {
        sheet.addRow(header ? record : typedRecord(record, numeric)).commit();
        header = false;
      }
      sheet.commit();
    }
    await writer.commit();

    const [got, want] = [await cellsOf(ours), await cellsOf(reference)];
    assert.deepEqual(got, want);
    // And what they hold: the cells that needed care.
    const cell = (address: string) => got.find(([sheet, a]) => sheet === 'Transfers of value' && a === address)?.[3];
    const row = (id: string) => 2 + trickyRecords().findIndex((record) => record[0] === id);
    const letter = (column: string) => String.fromCharCode(65 + at(column));
    assert.equal(cell(`${letter('event_name')}${row('tricky-0')}`), '<b>Tom & Jerry "quoted" it\'s</b>');
    assert.equal(
      cell(`${letter('note')}${row('tricky-1')}`),
      'control dropped, tab\tnewline\ncarriage\r kept'.replace('\r', '\n'),
    );
    assert.equal(cell(`${letter('note')}${row('tricky-2')}`), "'=SUM(A1:A2)");
    assert.equal(cell(`${letter('amount')}${row('number-1')}`), -12.5);
    assert.equal(cell(`${letter('line_amount')}${row('number-1')}`), 12.5);
    assert.equal(cell(`${letter('amount')}${row('number-5')}`), 'abc');
    assert.equal(cell(`${letter('amount')}${row('number-6')}`), null);
    assert.equal(cell(`U${trickyRecords().length + 1}`), 'last only');
  });
});

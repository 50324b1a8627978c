// report.xlsx: one sheet per table of the pack (exceljs's streaming writer), written in a worker
// thread while the report goes on. A table is handed over as soon as its CSV is complete, so the
// long per-row sheets (attendance, transfers of value) are written while the HCPs are still being
// checked; the tabs are put in the pack's order at the end, whatever order the sheets were written in.
// A row-level sheet (attendance, transfers of value) longer than the detail limit holds the first rows
// and a line naming the table's CSV in the bag, with its row count and SHA-256.
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { neutralise } from './csv.ts';
import { followCsvRecords } from './files.ts';
import { ROW_LEVEL, SHEETS } from './sheets.ts';
import type { SheetName } from './sheets.ts';
import { workerFileBeside } from './workerFile.ts';

/** Excel's limit is 1,048,576 rows a sheet; longer tables continue on "Name (2)", "Name (3)", … */
export const MAX_DATA_ROWS = 1_048_575;

/** A table's CSV file as the bag lists it, for the line that ends a sheet holding its first rows. */
export interface CsvInBag {
  /** Its path in the bag: data/attendance.csv. */
  file: string;
  rows: number;
  sha256: string;
}

export type XlsxMessage =
  | { kind: 'sheet'; name: SheetName; csvPath: string; growing: boolean; inBag?: CsvInBag }
  | { kind: 'complete'; name: SheetName; inBag?: CsvInBag }
  | { kind: 'finish' };
export type XlsxReply = { kind: 'done' } | { kind: 'failed'; message: string };

/** A CSV record as exceljs row values: numbers in numeric columns, text neutralised, empty cells null. */
export function typedRecord(record: string[], numeric: ReadonlySet<number>): (string | number | null)[] {
  return record.map((cell, i) => {
    if (cell === '') return null;
    if (numeric.has(i)) {
      const n = Number(cell);
      return Number.isFinite(n) ? n : neutralise(cell);
    }
    // CSV cells are already neutralised; neutralise() leaves those alone (they start with ').
    return neutralise(cell);
  });
}

/** Column letters as a cell reference spells them (ECMA-376 Part 1, 18.3.1.4 c: r="A2", …, "AA2"). */
function columnLetters(count: number): string[] {
  const letters: string[] = [];
  for (let n = 1; n <= count; n++) {
    let name = '';
    for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
    letters.push(name);
  }
  return letters;
}

/** Characters XML text cannot hold as they are, or at all (the ones exceljs's xmlEncode escapes or drops). */
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
const XML_SPECIAL_ALL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** Text as XML character data, exactly as exceljs's xmlEncode writes it (control characters dropped). */
export function xmlText(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (c) => XML_ESCAPES[c] ?? '') : text;
}

/**
 * One CSV record as a SpreadsheetML row (ECMA-376 Part 1, 18.3.1.73 row and 18.3.1.4 c; cell types
 * 18.18.11 ST_CellType), byte for byte what exceljs's streaming writer makes of the typed record
 * without styles or shared strings: `<row r spans x14ac:dyDescent>` (spans: the record's columns), a
 * number as `<c r><v>`, text as `<c r t="str"><v>`, an empty cell left out, and no row at all when
 * every cell is empty. `numeric` and `columns` (the column letters) are indexed by position.
 */
export function rowXml(
  row: number,
  record: readonly string[],
  numeric: readonly boolean[],
  columns: readonly string[],
): string {
  let cells = '';
  for (let i = 0; i < record.length; i++) {
    const cell = record[i];
    if (cell === '') continue;
    const ref = `${columns[i] ?? columnLetters(i + 1)[i]}${row}`;
    if (numeric[i]) {
      const n = Number(cell);
      if (Number.isFinite(n)) {
        cells += `<c r="${ref}"><v>${String(n)}</v></c>`;
        continue;
      }
    }
    // CSV cells are already neutralised; neutralise() leaves those alone (they start with ').
    cells += `<c r="${ref}" t="str"><v>${xmlText(neutralise(cell))}</v></c>`;
  }
  // exceljs counts the empty cells of the record in the row's span (they are null cells, not written).
  return cells ? `<row r="${row}" spans="1:${record.length}" x14ac:dyDescent="0.25">${cells}</row>` : '';
}

/**
 * The parts of exceljs's streaming worksheet that rows written as XML go through: its sheet file's
 * stream, whether <sheetData> is open, and the number the next row added through exceljs gets. Read
 * from exceljs's internals (lib/stream/xlsx/worksheet-writer.js); undefined if their shape changes,
 * and the rows then go through exceljs.
 */
interface RawSheet {
  stream: { write(text: string): unknown };
  startedData: boolean;
  _rowZero: number;
  _rows: unknown[];
}
function rawSheet(sheet: ExcelJS.Worksheet): RawSheet | undefined {
  const raw = sheet as unknown as Partial<RawSheet>;
  return raw.startedData === true &&
    typeof raw._rowZero === 'number' &&
    Array.isArray(raw._rows) &&
    raw._rows.length === 0 &&
    typeof raw.stream?.write === 'function'
    ? (raw as RawSheet)
    : undefined;
}

/**
 * exceljs's streaming writer pushes committed rows into the zip entry's stream without waiting for
 * the zip to take them, so a large sheet piles up in memory (measured: a million rows, 646 MB). This
 * waits while more than 4 MB are queued (a million rows then peak at 135 MB, in the same time). It
 * reads exceljs internals; if their shape changes it stops waiting rather than failing.
 */
export async function drained(sheet: ExcelJS.Worksheet): Promise<void> {
  const queued = () =>
    (sheet as unknown as { _stream?: { pipes?: { _writableState?: { length?: number } }[] } })._stream?.pipes?.[0]
      ?._writableState?.length ?? 0;
  while (queued() > 4 * 1024 * 1024) await new Promise((resolve) => setImmediate(resolve));
}

/** The line after the first rows of a row-level sheet that does not hold the whole table. */
export function detailNote(shown: number, csv: CsvInBag): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `This sheet holds the first ${n(shown)} of ${n(csv.rows)} rows. The complete table is ${csv.file} in this pack: ` +
    `${n(csv.rows)} rows, SHA-256 ${csv.sha256}. Run the report with --xlsx-detail all for every row here.`
  );
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A table as sheets of a workbook. */
export interface XlsxTable {
  /** The tab's name (Excel takes at most 31 characters); a continuation adds " (2)", " (3)", … */
  sheet: string;
  /** The header written when the CSV is empty. */
  columns: readonly string[];
  /** The columns written as numbers, by header name (all else is text). */
  numeric: readonly string[];
  /** A row-level table: only its first `detail` rows are written, then a line naming its CSV. */
  cut: boolean;
}

/** An audit-pack table as report.xlsx writes it. */
export function packTable(name: SheetName): XlsxTable {
  const spec = SHEETS[name];
  return { sheet: spec.sheet, columns: spec.columns, numeric: spec.numeric, cut: ROW_LEVEL.includes(name) };
}

/** The workbook, written one sheet at a time in the order the tables are given. */
export class XlsxWorkbook {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly maxRows: number;
  private readonly detail: number;
  private readonly sheetsOf = new Map<string, ExcelJS.Worksheet[]>();

  /**
   * `maxRows` a sheet before the table continues on the next; `detail` rows of a row-level table in
   * all (Infinity: every row).
   */
  public constructor(file: string, maxRows = MAX_DATA_ROWS, detail = Infinity) {
    this.maxRows = maxRows;
    this.detail = detail;
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: file,
      // No styles: exceljs computes a style model per cell, which costs more than writing the cell.
      useStyles: false,
      useSharedStrings: false,
      // Fast compression: the sheets are large and mostly repeated text.
      zip: { zlib: { level: 1 } },
    } as ExcelJS.stream.xlsx.WorkbookStreamWriterOptions);
    this.workbook.creator = 'CME Manager';
  }

  /** An audit-pack table (see addSheet). */
  public addTable(
    name: SheetName,
    csvPath: string,
    complete?: () => boolean,
    inBag: () => CsvInBag | undefined = () => undefined,
  ): Promise<void> {
    return this.addSheet(name, packTable(name), csvPath, complete, inBag);
  }

  /**
   * Writes one table (its CSV, header first) as a sheet, continued on further sheets past the limit;
   * `key` names it for commit's order. Given `complete`, the CSV is still being written: it is followed
   * until `complete()` says it is done. A row-level table longer than the detail limit stops there, and
   * once its CSV is complete `inBag()` names it for the closing line (it must then be known).
   */
  public async addSheet(
    key: string,
    table: XlsxTable,
    csvPath: string,
    complete?: () => boolean,
    inBag: () => CsvInBag | undefined = () => undefined,
  ): Promise<void> {
    if (this.sheetsOf.has(key)) throw new Error(`The ${key} table was given twice.`);
    const sheets: ExcelJS.Worksheet[] = [];
    this.sheetsOf.set(key, sheets);
    const detail = table.cut ? this.detail : Infinity;
    let header: string[] = [];
    let numeric: boolean[] = [];
    /** The same positions as a set, for a row that goes through exceljs. */
    let numericSet = new Set<number>();
    let letters: string[] = [];
    let sheet: ExcelJS.Worksheet | undefined;
    /** The open sheet's file, when its rows can be written as XML (else through exceljs's rows). */
    let raw: RawSheet | undefined;
    /** Rows written as XML not yet handed to the sheet's stream, and the next one's number. */
    let batch = '';
    let next = 0;
    let rows = 0;
    let written = 0;
    let cut = false;
    const flush = () => {
      if (!raw) return;
      if (batch) raw.stream.write(batch);
      batch = '';
      // The next row added through exceljs (the closing line) takes the number after these.
      raw._rowZero = next;
    };
    const open = () => {
      flush();
      sheet?.commit();
      const part = sheets.length + 1;
      const name = part === 1 ? table.sheet : `${table.sheet} (${part})`;
      sheet = this.workbook.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
      sheets.push(sheet);
      // The header goes through exceljs, which opens the sheet's file and its <sheetData>.
      sheet.addRow(header).commit();
      raw = rawSheet(sheet);
      next = 2;
      rows = 0;
    };
    const startWith = (names: readonly string[]) => {
      header = [...names];
      numeric = header.map((column) => table.numeric.includes(column));
      numericSet = new Set(numeric.flatMap((isNumber, i) => (isNumber ? [i] : [])));
      letters = columnLetters(header.length);
      open();
    };
    reading: for await (const records of followCsvRecords(csvPath, complete ?? (() => true)))
      for (const record of records) {
        if (!sheet) {
          startWith(record);
          continue;
        }
        if (written >= detail) {
          // The rest is not parsed: leaving the loop closes the file.
          cut = true;
          break reading;
        }
        if (rows >= this.maxRows) open();
        const current = sheet as ExcelJS.Worksheet;
        if (raw) batch += rowXml(next++, record, numeric, letters);
        else current.addRow(typedRecord(record, numericSet)).commit();
        rows++;
        written++;
        if (rows % 500 === 0) {
          flush();
          await drained(current);
        }
      }
    if (!sheet) startWith(table.columns);
    flush();
    if (cut) {
      while (complete && !complete()) await tick(5);
      const csv = inBag();
      if (!csv) throw new Error(`The ${key} table is longer than ${detail} rows, but its CSV is not in the pack.`);
      (sheet as ExcelJS.Worksheet).addRow([detailNote(written, csv)]).commit();
    }
    (sheet as ExcelJS.Worksheet).commit();
  }

  /**
   * Completes the file. With `tabs` (default: the audit pack's tables, which must all have been
   * added), those tables' tabs come first in that order, whatever order they were written in; an
   * empty list keeps the order of writing.
   */
  public async commit(tabs: readonly string[] = Object.keys(SHEETS)): Promise<void> {
    const missing = tabs.filter((key) => !this.sheetsOf.has(key));
    if (missing.length) throw new Error(`The workbook is missing the ${missing.join(', ')} table(s).`);
    // exceljs lists the tabs in the order of its _worksheets array (sheet id order); the sheets keep
    // their ids and files, only the listing changes.
    const internals = this.workbook as unknown as { _worksheets?: unknown };
    const rest = [...this.sheetsOf.keys()].filter((key) => !tabs.includes(key));
    if (tabs.length && Array.isArray(internals._worksheets))
      internals._worksheets = [...tabs, ...rest].flatMap((key) => this.sheetsOf.get(key) ?? []);
    await this.workbook.commit();
  }
}

const workerFile = workerFileBeside(import.meta.url, 'xlsxWorker');

/**
 * An XlsxWorkbook in a worker thread: tables are queued with `add` (their CSV files must be complete)
 * and written while the caller carries on; `finish` resolves when the file is complete.
 */
export class XlsxInWorker {
  private readonly worker: Worker;
  private readonly outcome: Promise<void>;
  private settled = false;

  public constructor(file: string, maxRows = MAX_DATA_ROWS, detail = Infinity) {
    this.worker = new Worker(workerFile, {
      workerData: { file, maxRows, detail },
      // The writer streams (its live data does not grow with the rows), but left to itself V8 lets its
      // garbage pile up: capping its heap makes it collect sooner. With the rows written as XML (no
      // exceljs row objects) 64 MB old and 8 MB young generation suffice (100k rows, --xlsx-detail all:
      // 326k rows in 64 MB); the report's peak RSS at 100k rows 490-497 MB with 256 MB -> 455-459 MB.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
    });
    this.outcome = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (reply: XlsxReply) => {
        this.settled = true;
        if (reply.kind === 'done') resolve();
        else reject(new Error(`Writing report.xlsx failed: ${reply.message}`));
        void this.worker.terminate();
      });
      this.worker.on('error', (error) => {
        this.settled = true;
        reject(error);
      });
      this.worker.on('exit', (code) => {
        if (!this.settled) reject(new Error(`The report.xlsx writer stopped (exit code ${code}).`));
      });
    });
    // A failure is reported by finish(); until then it must not count as unhandled.
    this.outcome.catch(() => {});
  }

  /** Queues a table whose CSV is complete (`inBag`: where the pack has it, for a sheet that is cut). */
  public add(name: SheetName, csvPath: string, inBag?: CsvInBag): void {
    this.worker.postMessage({ kind: 'sheet', name, csvPath, growing: false, inBag } satisfies XlsxMessage);
  }

  /** Queues a table whose CSV is still being written; `completed(name)` says when it is closed. */
  public follow(name: SheetName, csvPath: string): void {
    this.worker.postMessage({ kind: 'sheet', name, csvPath, growing: true } satisfies XlsxMessage);
  }

  public completed(name: SheetName, inBag?: CsvInBag): void {
    this.worker.postMessage({ kind: 'complete', name, inBag } satisfies XlsxMessage);
  }

  public finish(): Promise<void> {
    this.worker.postMessage({ kind: 'finish' } satisfies XlsxMessage);
    return this.outcome;
  }

  /** Stops the writer (the report failed); its partial file goes with the staging folder. */
  public async abort(): Promise<void> {
    this.settled = true;
    await this.worker.terminate();
  }
}

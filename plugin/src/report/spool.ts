// A scratch SQLite file (node:sqlite, no native addon) that holds the rows read from the org while
// the report is built, so memory stays bounded by events and HCPs however many attendance, invitation
// and expense rows there are. Rows are kept as JSON under the keys the passes look them up by; a table
// with a known shape keeps each row as an array of its values in field order, which is half the text
// of a JSON object and quicker both ways (measured on 300k attendance rows: writing 4.7 → 2.4 µs a
// row, reading back 3.7 → 2.9). Rows are looked up by event through an index (a table comes from the
// org roughly in event order, so an event's rows sit together); by HCP, through a copy of the table
// sorted by HCP, made the first time a table is looked up that way (see byDoctor).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export type SpoolTable = 'invitation' | 'attendance' | 'expense' | 'tov' | 'finding';

/** A row to keep: its lookup keys, and the value itself. */
export interface SpoolRow {
  event: string;
  doctor: string | null;
  /** Findings only: their sort key. */
  rank?: string;
  value: unknown;
}

/**
 * Rows with these fields, kept as arrays of their values in this order. Fields named `shared` (values
 * many rows have in common, such as an expense line's category, stage and dates on each of its HCPs'
 * shares) are kept once in memory, and the row holds the number of its combination instead, so the
 * rows and the sort of their by-HCP copy shrink (measured at 1M attendance rows, 2M transfers of value:
 * the pack's HCP pass 44-48 s -> 27 s). Memory for the combinations follows the expense lines, not the rows.
 */
class RowShape {
  public readonly fields: readonly string[];
  private readonly own: readonly string[];
  private readonly shared: readonly string[];
  /** Each shared combination: its JSON → its number, and its values by number. */
  private readonly combinations = new Map<string, number>();
  private readonly combinationValues: unknown[][] = [];
  private readonly build: (values: readonly unknown[], shared: readonly unknown[] | undefined) => unknown;

  public constructor(fields: readonly string[], shared: readonly string[] = []) {
    this.fields = fields;
    this.shared = fields.filter((field) => shared.includes(field));
    this.own = fields.filter((field) => !shared.includes(field));
    // One object literal for every row read back: they share one hidden class, and building them
    // costs about two thirds of setting the keys one by one. The keys are our own field names; a
    // row's own values follow its combination's number when it has shared fields.
    const offset = this.shared.length ? 1 : 0;
    const valueOf = (field: string) =>
      this.shared.includes(field) ? `s[${this.shared.indexOf(field)}]` : `v[${this.own.indexOf(field) + offset}]`;
    this.build = new Function(
      'v',
      's',
      `return {${fields.map((field) => `${JSON.stringify(field)}: ${valueOf(field)}`).join(', ')}};`,
    ) as (values: readonly unknown[], shared: readonly unknown[] | undefined) => unknown;
  }

  public encode(row: unknown): string {
    const record = row as Record<string, unknown>;
    const own = this.own.map((field) => record[field] ?? null);
    if (!this.shared.length) return JSON.stringify(own);
    const values = this.shared.map((field) => record[field] ?? null);
    const key = JSON.stringify(values);
    let id = this.combinations.get(key);
    if (id === undefined) {
      id = this.combinationValues.length;
      this.combinations.set(key, id);
      this.combinationValues.push(JSON.parse(key) as unknown[]);
    }
    return JSON.stringify([id, ...own]);
  }

  public decode(text: string): unknown {
    const values = JSON.parse(text) as unknown[];
    return this.build(values, this.shared.length ? this.combinationValues[values[0] as number] : undefined);
  }
}

type SqliteModule = typeof import('node:sqlite');

/**
 * node:sqlite on Node 22 prints an ExperimentalWarning on first load; in a CLI that is noise on
 * every report, so that one warning is filtered while the module loads.
 */
async function loadSqlite(): Promise<SqliteModule> {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String((warning as Error)?.message ?? warning).includes('SQLite')) return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return await import('node:sqlite');
  } finally {
    process.emitWarning = emit;
  }
}

/**
 * Rows a multi-row INSERT takes: one call into SQLite for 16 rows instead of 16 (measured, 400k rows
 * of 14-value arrays: 3.6 → 1.7 µs a row; 64 at a time is no faster).
 */
const INSERT_BATCH = 16;

export class Spool {
  /** Per table: the one-row INSERT and the INSERT_BATCH-row one. */
  private readonly inserts = new Map<SpoolTable, [StatementSync, StatementSync]>();
  private readonly queries = new Map<string, StatementSync>();
  private readonly shapes = new Map<SpoolTable, RowShape>();
  /** Tables with their by-HCP copy made: complete, no more rows may be added. */
  private readonly sortedByDoctor = new Set<SpoolTable>();

  private readonly db: DatabaseSync;
  private readonly dir: string;

  private constructor(db: DatabaseSync, dir: string) {
    this.db = db;
    this.dir = dir;
  }

  /** Opens a new scratch file in a new folder below `parent` (default: the OS temp folder). */
  public static async open(parent = os.tmpdir()): Promise<Spool> {
    const { DatabaseSync: Database } = await loadSqlite();
    const dir = fs.mkdtempSync(path.join(parent, 'cme-report-'));
    const db = new Database(path.join(dir, 'spool.sqlite'));
    db.exec(`
      PRAGMA journal_mode = OFF;
      PRAGMA synchronous = OFF;
      PRAGMA cache_size = -16000;
      CREATE TABLE invitation (event TEXT, doctor TEXT, json TEXT);
      CREATE TABLE attendance (event TEXT, doctor TEXT, json TEXT);
      CREATE TABLE expense (event TEXT, doctor TEXT, json TEXT);
      CREATE TABLE tov (event TEXT, doctor TEXT, json TEXT);
      CREATE TABLE finding (rank TEXT, event TEXT, doctor TEXT, json TEXT);
    `);
    return new Spool(db, dir);
  }

  /**
   * Rows of this table have exactly these fields (a missing or undefined one is read back as null);
   * they are kept as arrays of values, with the `shared` fields' values kept once per combination (see
   * RowShape). Tables without a shape keep their values as they are. Set before the table's first row.
   */
  public shape(table: SpoolTable, fields: readonly string[], shared: readonly string[] = []): void {
    this.shapes.set(table, new RowShape(fields, shared));
  }

  /** Adds rows in one transaction (a page of a query, a slice of findings). */
  public add(table: SpoolTable, rows: Iterable<SpoolRow>): void {
    if (this.sortedByDoctor.has(table)) throw new Error(`The ${table} rows were looked up by HCP: none may be added.`);
    const shape = this.shapes.get(table);
    const encode = shape ? (value: unknown) => shape.encode(value) : (value: unknown) => JSON.stringify(value);
    let insert = this.inserts.get(table);
    if (!insert) {
      const [columns, values] =
        table === 'finding' ? ['rank, event, doctor, json', '(?, ?, ?, ?)'] : ['event, doctor, json', '(?, ?, ?)'];
      const sql = (n: number) => `INSERT INTO ${table} (${columns}) VALUES ${Array(n).fill(values).join(', ')}`;
      insert = [this.db.prepare(sql(1)), this.db.prepare(sql(INSERT_BATCH))];
      this.inserts.set(table, insert);
    }
    const [one, batch] = insert;
    const width = table === 'finding' ? 4 : 3;
    const args: (string | null)[] = [];
    this.db.exec('BEGIN');
    try {
      for (const row of rows) {
        if (table === 'finding') args.push(row.rank ?? '');
        args.push(row.event, row.doctor, encode(row.value));
        if (args.length === width * INSERT_BATCH) {
          batch.run(...args);
          args.length = 0;
        }
      }
      for (let i = 0; i < args.length; i += width) one.run(...args.slice(i, i + width));
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Indexes the lookups by event; called once the org's rows are in. */
  public index(): void {
    for (const table of ['invitation', 'attendance', 'expense'])
      this.db.exec(`CREATE INDEX ${table}_event ON ${table} (event);`);
  }

  /**
   * The table's rows with an HCP, sorted by HCP (then in the order they were added, kept as seq): an
   * HCP's rows sit together, so a slice of HCPs (consecutive in doctorIds' order) is read from
   * consecutive pages. Looked up through an index on the table itself, each row was a page read of its
   * own (measured, 300k rows of a 96 MB table: 3.1 s; sorting the copy 1.2 s, then reading 0.6 s).
   */
  private byDoctor(table: SpoolTable): string {
    const copy = `${table}_by_doctor`;
    if (!this.sortedByDoctor.has(table)) {
      this.db.exec(`
        CREATE TABLE ${copy} AS SELECT doctor, rowid AS seq, json FROM ${table} WHERE doctor IS NOT NULL ORDER BY doctor, rowid;
        CREATE INDEX ${copy}_doctor ON ${copy} (doctor);
      `);
      this.sortedByDoctor.add(table);
    }
    return copy;
  }

  private query(sql: string): StatementSync {
    let statement = this.queries.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    return statement;
  }

  private decoder(table: SpoolTable): (text: string) => unknown {
    const shape = this.shapes.get(table);
    return shape ? (text) => shape.decode(text) : (text) => JSON.parse(text) as unknown;
  }

  /** The rows of these events (or HCPs), in the order they were added. */
  public rowsOf<T>(table: SpoolTable, key: 'event' | 'doctor', ids: readonly string[]): T[] {
    const decode = this.decoder(table);
    const out: T[] = [];
    const [from, order] = key === 'doctor' ? [this.byDoctor(table), 'seq'] : [table, 'rowid'];
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500);
      const sql = `SELECT json FROM ${from} WHERE ${key} IN (${slice.map(() => '?').join(',')}) ORDER BY ${order}`;
      for (const row of this.query(sql).all(...slice) as { json: string }[]) out.push(decode(row.json) as T);
    }
    return out;
  }

  /** Every HCP id in invitations, attendance and direct expenses, sorted. */
  public doctorIds(): string[] {
    return (
      this.query(
        `SELECT doctor FROM invitation WHERE doctor IS NOT NULL UNION SELECT doctor FROM attendance WHERE doctor IS NOT NULL
         UNION SELECT doctor FROM expense WHERE doctor IS NOT NULL ORDER BY 1`,
      ).all() as { doctor: string }[]
    ).map((r) => r.doctor);
  }

  /** All rows of a table in rank order (findings) or insertion order, one at a time. */
  public *scan<T>(table: SpoolTable): Generator<T> {
    const decode = this.decoder(table);
    const order = table === 'finding' ? 'rank, rowid' : 'rowid';
    for (const row of this.db.prepare(`SELECT json FROM ${table} ORDER BY ${order}`).iterate() as Iterable<{
      json: string;
    }>)
      yield decode(row.json) as T;
  }

  public count(table: SpoolTable): number {
    return (this.query(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }

  public close(): void {
    try {
      this.db.close();
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

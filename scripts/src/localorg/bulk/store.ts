// Bulk job storage: jobs, uploads and per-record results in SQLite tables (prefix _bulk_), so a
// restarted server still answers for its jobs.
import type { DatabaseSync } from 'node:sqlite';
import type { ColumnDelimiter, LineEnding } from '../csv.ts';
import type { JobKind, JobState } from './protocol.ts';

export interface JobRow {
  id: string;
  seq: number;
  kind: JobKind;
  operation: string;
  object: string;
  external_id_field: string | null;
  assignment_rule_id: string | null;
  line_ending: LineEnding;
  column_delimiter: ColumnDelimiter;
  api_version: string;
  created_by: string;
  created_date: string;
  system_modstamp: string;
  state: JobState;
  error_message: string | null;
  records_processed: number;
  records_failed: number;
  started_ms: number | null;
  total_processing_ms: number;
  active_processing_ms: number;
  query: string | null;
  /** Ingest: the upload's header echoed in results. Query: the CSV header of the results. */
  header: string | null;
  /** Query: size of the spooled results (rows only, without the header). */
  result_bytes: number;
  uploads: number;
}

export type JobChanges = Partial<Omit<JobRow, 'id' | 'seq' | 'kind'>>;

interface ResultRow {
  sf_id: string | null;
  created: number;
  error: string | null;
  cells: string;
}

/** The _bulk_ tables: jobs, their uploaded data and their per-record results. */
export class BulkStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS _bulk_jobs (
      id TEXT PRIMARY KEY, seq INTEGER NOT NULL, kind TEXT NOT NULL, operation TEXT NOT NULL, object TEXT NOT NULL,
      external_id_field TEXT, assignment_rule_id TEXT, line_ending TEXT NOT NULL, column_delimiter TEXT NOT NULL,
      api_version TEXT NOT NULL, created_by TEXT NOT NULL, created_date TEXT NOT NULL, system_modstamp TEXT NOT NULL,
      state TEXT NOT NULL, error_message TEXT, records_processed INTEGER NOT NULL DEFAULT 0,
      records_failed INTEGER NOT NULL DEFAULT 0, started_ms REAL, total_processing_ms INTEGER NOT NULL DEFAULT 0,
      active_processing_ms INTEGER NOT NULL DEFAULT 0, query TEXT, header TEXT,
      result_bytes INTEGER NOT NULL DEFAULT 0, uploads INTEGER NOT NULL DEFAULT 0)`);
    db.exec('CREATE TABLE IF NOT EXISTS _bulk_ingest_data (job_id TEXT PRIMARY KEY, content TEXT NOT NULL)');
    db.exec(`CREATE TABLE IF NOT EXISTS _bulk_ingest_results (
      job_id TEXT NOT NULL, row_index INTEGER NOT NULL, success INTEGER NOT NULL, sf_id TEXT, created INTEGER NOT NULL,
      error TEXT, cells TEXT NOT NULL, PRIMARY KEY (job_id, row_index))`);
    db.exec('CREATE TABLE IF NOT EXISTS _bulk_sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL)');
  }

  /** Job ids are never reused, even after deletes. */
  nextSeq(): number {
    const row = this.db
      .prepare(
        "INSERT INTO _bulk_sequence (name, value) VALUES ('job', 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
      )
      .get() as { value: number };
    return row.value;
  }

  insert(job: JobRow): void {
    const columns = Object.keys(job) as (keyof JobRow)[];
    this.db
      .prepare(`INSERT INTO _bulk_jobs (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      .run(...columns.map((c) => job[c]));
  }

  get(id: string): JobRow | undefined {
    return this.db.prepare('SELECT * FROM _bulk_jobs WHERE id = ?').get(id) as JobRow | undefined;
  }

  update(id: string, changes: JobChanges): void {
    const columns = Object.keys(changes) as (keyof JobChanges)[];
    if (!columns.length) return;
    this.db
      .prepare(`UPDATE _bulk_jobs SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
      .run(...columns.map((c) => changes[c] ?? null), id);
  }

  list(kind: JobKind, offset: number, limit: number): JobRow[] {
    return this.db
      .prepare('SELECT * FROM _bulk_jobs WHERE kind = ? ORDER BY seq LIMIT ? OFFSET ?')
      .all(kind, limit, offset) as unknown as JobRow[];
  }

  unfinished(): JobRow[] {
    return this.db
      .prepare("SELECT * FROM _bulk_jobs WHERE state IN ('UploadComplete', 'InProgress') ORDER BY seq")
      .all() as unknown as JobRow[];
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM _bulk_ingest_results WHERE job_id = ?').run(id);
    this.db.prepare('DELETE FROM _bulk_ingest_data WHERE job_id = ?').run(id);
    this.db.prepare('DELETE FROM _bulk_jobs WHERE id = ?').run(id);
  }

  saveUpload(id: string, content: string): void {
    this.db.prepare('INSERT OR REPLACE INTO _bulk_ingest_data (job_id, content) VALUES (?, ?)').run(id, content);
  }

  upload(id: string): string {
    const row = this.db.prepare('SELECT content FROM _bulk_ingest_data WHERE job_id = ?').get(id) as
      { content: string } | undefined;
    return row?.content ?? '';
  }

  addResult(
    jobId: string,
    index: number,
    success: boolean,
    sfId: string,
    created: boolean,
    error: string | null,
    cells: string,
  ): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO _bulk_ingest_results (job_id, row_index, success, sf_id, created, error, cells) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(jobId, index, success ? 1 : 0, sfId, created ? 1 : 0, error, cells);
  }

  results(jobId: string, success: boolean): Iterable<ResultRow> {
    return this.db
      .prepare(
        'SELECT sf_id, created, error, cells FROM _bulk_ingest_results WHERE job_id = ? AND success = ? ORDER BY row_index',
      )
      .iterate(jobId, success ? 1 : 0) as Iterable<ResultRow>;
  }
}

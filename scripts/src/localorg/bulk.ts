// Bulk API 2.0 for the local org: ingest jobs (insert, update, upsert, delete, hardDelete from one CSV
// upload) and query jobs (a SOQL query spooled to disk and read back in pages by locator), with the
// JSON shapes, states, CSV dialect, headers and error codes that jsforce's bulk2 and the sf CLI
// (`sf data import/upsert/delete/export bulk`) rely on.
//
// Jobs live in SQLite tables (prefix _bulk_) so a restarted server still answers for them and resumes
// the ones it was processing. Processing runs after the HTTP call that starts it, in slices of a few
// milliseconds with the event loop free in between, so the server keeps answering while a large job
// runs. Query results are written to a file beside the database (a temporary folder for ':memory:')
// with an index of row offsets: a page is read from disk, so no result set is held in memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { DatabaseSync } from 'node:sqlite';
import {
  COLUMN_DELIMITERS,
  LINE_ENDINGS,
  csvRecords,
  headerCell,
  isColumnDelimiter,
  isLineEnding,
  quoteCsv,
  resultCell,
} from './csv.ts';
import type { ColumnDelimiter, CsvRecord, LineEnding } from './csv.ts';
import type { Engine, UpsertResult, WriteContext } from './engine.ts';
import { SfError, asSfErrors } from './errors.ts';
import { json } from './http.ts';
import type { ApiRequest, ApiResponse } from './http.ts';
import { keyPrefixOf, makeId, normaliseId } from './ids.ts';
import { findField, findObject, findRelationship } from './schema.ts';
import type { FieldDef, ObjectDef } from './schema.ts';
import { quoteIdent } from './storage.ts';
import { formatDateTime } from './values.ts';

// ---------------------------------------------------------------- contracts

/** Runs SOQL for query jobs. Rows are produced lazily, keyed by `columns`, values in API form. */
export interface QueryRunner {
  run(soql: string, opts: { includeDeleted: boolean }): QueryRun;
}

export interface QueryRun {
  /** Selected field paths in select order, relationship fields as `Event__r.Name`. */
  columns: string[];
  /** Flat records keyed by column (booleans true/false, datetimes 2027-03-14T04:00:00.000+0000). */
  rows: Iterable<Record<string, unknown>>;
}

/**
 * A REST-shaped record (nested parents, `attributes`) as a QueryRunner row: `Event__r.Name` read
 * through the parent (null when there is no parent), booleans and datetimes kept as the REST API gives them.
 */
export function flattenRecord(record: Record<string, unknown>, columns: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of columns) {
    let value: unknown = record;
    for (const key of column.split('.'))
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : null;
    row[column] = value ?? null;
  }
  return row;
}

export type BulkHandler = (req: ApiRequest, params: string[]) => ApiResponse | Promise<ApiResponse>;
/** How the server adds a route: method, path pattern (a regex source, after /services/data/vXX.X/), handler. */
export type RouteRegistrar = (method: string, pattern: string, handler: BulkHandler) => void;

export interface BulkApiOptions {
  engine: Engine;
  /** The running user, for createdById and the records the jobs write. */
  context: () => WriteContext;
  queries: QueryRunner;
  /** Folder for query results; default: `<database file>.bulk`, or a temporary folder for ':memory:'. */
  resultsDir?: string;
  /** Largest query results page in bytes (Salesforce caps pages by size when maxRecords allows more). */
  pageByteLimit?: number;
  /**
   * Answer results pages as a Readable (header, then the bytes straight from disk) instead of a string.
   * Needs `send()` in http.ts to pipe Readable bodies; lets pages be large without large buffers.
   */
  streamResults?: boolean;
  /** How long one processing slice may hold the event loop, in milliseconds. */
  sliceMs?: number;
}

// ---------------------------------------------------------------- Salesforce's numbers and words

const JOB_KEY_PREFIX = '750';
/** Job data limit: 150 MB once base64-encoded (about 100 MB of CSV), as Salesforce counts it. */
const MAX_UPLOAD_BASE64_BYTES = 150 * 1024 * 1024;
/** Salesforce splits ingest data into batches of 10,000 records; a slice never spans two. */
const BATCH_SIZE = 10_000;
const DEFAULT_SLICE_MS = 20;
/** Page size caps: a page answered as a string is built in memory, a streamed one is not. */
const DEFAULT_PAGE_BYTE_LIMIT = 8 * 1024 * 1024;
const DEFAULT_STREAMED_PAGE_BYTE_LIMIT = 64 * 1024 * 1024;
/** Get All Jobs returns up to 1,000 jobs per call. */
const LIST_PAGE_SIZE = 1000;
/** The cell value that sets a field to null (an empty cell leaves it unchanged). */
const NULL_CELL = '#N/A';

const INGEST_OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const;
const QUERY_OPERATIONS = ['query', 'queryAll'] as const;
type IngestOperation = (typeof INGEST_OPERATIONS)[number];
type JobKind = 'ingest' | 'query';
type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
const TERMINAL_STATES: JobState[] = ['JobComplete', 'Aborted', 'Failed'];

/** An error answered as Salesforce's Bulk API does: [{ errorCode, message }] (no `fields`). */
class BulkError extends Error {
  readonly status: number;
  readonly errorCode: string;

  constructor(status: number, errorCode: string, message: string) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

const notFound = () => new BulkError(404, 'NOT_FOUND', 'The requested resource does not exist');
const invalidProperty = (name: string, value: unknown) =>
  new BulkError(
    400,
    'API_ERROR',
    `Invalid value: '${value === undefined ? '' : String(value)}' supplied for property: '${name}'`,
  );
/** Salesforce's words for a state in "Aborting already Completed Job not allowed". */
const stateWord = (state: JobState) =>
  ({
    Open: 'Open',
    UploadComplete: 'Closed',
    InProgress: 'Closed',
    JobComplete: 'Completed',
    Aborted: 'Aborted',
    Failed: 'Failed',
  })[state];

// ---------------------------------------------------------------- storage

interface JobRow {
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

type JobChanges = Partial<Omit<JobRow, 'id' | 'seq' | 'kind'>>;

interface ResultRow {
  sf_id: string | null;
  created: number;
  error: string | null;
  cells: string;
}

/** The _bulk_ tables: jobs, their uploaded data and their per-record results. */
class BulkStore {
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

// ---------------------------------------------------------------- job info shapes

const apiVersionNumber = (job: JobRow) => Number(job.api_version);
const timestamp = (iso: string) => formatDateTime(iso);

function baseInfo(job: JobRow) {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.created_by,
    createdDate: timestamp(job.created_date),
    systemModstamp: timestamp(job.system_modstamp),
    state: job.state,
  };
}

function ingestExtras(job: JobRow) {
  return {
    ...(job.operation === 'upsert' && job.external_id_field ? { externalIdFieldName: job.external_id_field } : {}),
    ...(job.assignment_rule_id ? { assignmentRuleId: job.assignment_rule_id } : {}),
  };
}

const contentUrl = (job: JobRow) => `services/data/v${job.api_version}/jobs/ingest/${job.id}/batches`;

/** The answer to Create Job. */
function ingestCreatedInfo(job: JobRow) {
  return {
    ...baseInfo(job),
    ...ingestExtras(job),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: apiVersionNumber(job),
    contentUrl: contentUrl(job),
    lineEnding: job.line_ending,
    columnDelimiter: job.column_delimiter,
  };
}

/** The answer to a state change (close or abort): the job without its data settings. */
function ingestStateInfo(job: JobRow) {
  return {
    ...baseInfo(job),
    ...ingestExtras(job),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: apiVersionNumber(job),
  };
}

/** An entry of Get All Jobs. */
function ingestListInfo(job: JobRow) {
  return {
    ...ingestStateInfo(job),
    jobType: 'V2Ingest',
    ...(job.state === 'Open' ? { contentUrl: contentUrl(job) } : {}),
    lineEnding: job.line_ending,
    columnDelimiter: job.column_delimiter,
  };
}

/** Get Job Info: the entry plus counters and timings. */
function ingestFullInfo(job: JobRow) {
  return {
    ...ingestListInfo(job),
    numberRecordsProcessed: job.records_processed,
    numberRecordsFailed: job.records_failed,
    retries: 0,
    totalProcessingTime: processingTime(job),
    apiActiveProcessingTime: Math.round(job.active_processing_ms),
    apexProcessingTime: 0,
    ...(job.state === 'Failed' && job.error_message ? { errorMessage: job.error_message } : {}),
  };
}

function queryStateInfo(job: JobRow) {
  return { ...baseInfo(job), concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: apiVersionNumber(job) };
}

function queryCreatedInfo(job: JobRow) {
  return { ...queryStateInfo(job), lineEnding: job.line_ending, columnDelimiter: job.column_delimiter };
}

function queryListInfo(job: JobRow) {
  return {
    ...queryStateInfo(job),
    jobType: 'V2Query',
    lineEnding: job.line_ending,
    columnDelimiter: job.column_delimiter,
  };
}

/** Get query job info. Salesforce gives no errorMessage for failed query jobs (jsforce notes it too). */
function queryFullInfo(job: JobRow) {
  return {
    ...queryListInfo(job),
    numberRecordsProcessed: job.records_processed,
    retries: 0,
    totalProcessingTime: processingTime(job),
    isPkChunkingSupported: true,
  };
}

function processingTime(job: JobRow): number {
  if (job.started_ms !== null && job.state === 'InProgress') return Math.round(Date.now() - job.started_ms);
  return Math.round(job.total_processing_ms);
}

// ---------------------------------------------------------------- request parsing

function bodyObject(req: ApiRequest): Record<string, unknown> {
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body))
    throw new BulkError(400, 'API_ERROR', 'The request body must be a JSON object');
  return req.body as Record<string, unknown>;
}

function enumProperty<T extends string>(
  body: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const value = body[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalidProperty(name, value);
}

function dataSettings(body: Record<string, unknown>): { lineEnding: LineEnding; columnDelimiter: ColumnDelimiter } {
  if (body.contentType !== undefined && body.contentType !== 'CSV')
    throw invalidProperty('contentType', body.contentType);
  const lineEnding = body.lineEnding ?? 'LF';
  const columnDelimiter = body.columnDelimiter ?? 'COMMA';
  if (!isLineEnding(lineEnding)) throw invalidProperty('lineEnding', lineEnding);
  if (!isColumnDelimiter(columnDelimiter)) throw invalidProperty('columnDelimiter', columnDelimiter);
  return { lineEnding, columnDelimiter };
}

/** Result locators are the row offset in base64 without padding ("MTAwMDA" is row 10000), like Salesforce's. */
export function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

function decodeLocator(locator: string | null): number {
  if (locator === null || locator === '') return 0;
  const text = /^[A-Za-z0-9+/]+$/.test(locator) ? Buffer.from(locator, 'base64').toString('utf8') : '';
  if (!/^\d+$/.test(text) || encodeLocator(Number(text)) !== locator)
    throw new BulkError(400, 'INVALID_QUERY_LOCATOR', `invalid query locator: ${locator}`);
  return Number(text);
}

function parseMaxRecords(value: string | null): number {
  if (value === null || value === '') return Number.POSITIVE_INFINITY;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw invalidProperty('maxRecords', value);
  return Number(value);
}

function listOffset(req: ApiRequest): number {
  const locator = req.query.get('queryLocator');
  if (locator === null || locator === '') return 0;
  if (!/^\d+$/.test(locator)) throw new BulkError(400, 'INVALID_QUERY_LOCATOR', `invalid query locator: ${locator}`);
  return Number(locator);
}

/** Filters of Get All Jobs that only Bulk API 1.0 jobs (which the local org has none of) can match. */
function listFilterExcludes(req: ApiRequest, jobType: string): boolean {
  const type = req.query.get('jobType');
  const mode = req.query.get('concurrencyMode');
  return (
    (type !== null && type !== jobType) ||
    req.query.get('isPkChunkingEnabled') === 'true' ||
    (mode !== null && mode.toLowerCase() !== 'parallel')
  );
}

// ---------------------------------------------------------------- SOQL checks for query jobs

/** The SOQL with string literals blanked, so keywords inside values are not mistaken for clauses. */
function withoutLiterals(soql: string): string {
  return soql.replace(/'(?:\\.|[^'\\])*'/g, "''");
}

/** Index of the top-level FROM (subqueries have their own). */
function topLevelFrom(soql: string): number {
  let depth = 0;
  const pattern = /[()]|\bfrom\b/gi;
  for (let m = pattern.exec(soql); m; m = pattern.exec(soql)) {
    if (m[0] === '(') depth++;
    else if (m[0] === ')') depth--;
    else if (depth === 0) return m.index;
  }
  return -1;
}

/** What Bulk API 2.0 refuses in a query (it answers FEATURENOTENABLED). */
function assertBulkQuerySupported(soql: string): void {
  const text = withoutLiterals(soql);
  const from = topLevelFrom(text);
  const selectList = from === -1 ? text : text.slice(0, from);
  const refuse = (message: string) => new BulkError(400, 'FEATURENOTENABLED', message);
  if (/\(\s*select\b/i.test(selectList)) throw refuse('Aggregate Relationships not supported in Bulk Query');
  if (/\b(count|count_distinct|sum|avg|min|max)\s*\(/i.test(selectList))
    throw refuse('Aggregate functions are not supported in Bulk Query');
  if (/\btypeof\b/i.test(selectList)) throw refuse('TYPEOF is not supported in Bulk Query');
  if (/\bgroup\s+by\b/i.test(text)) throw refuse('GROUP BY is not supported in Bulk Query');
  if (/\boffset\s+\d/i.test(text)) throw refuse('OFFSET is not supported in Bulk Query');
}

function queriedObject(soql: string): string | undefined {
  const text = withoutLiterals(soql);
  const from = topLevelFrom(text);
  return from === -1 ? undefined : /^from\s+([A-Za-z0-9_]+)/i.exec(text.slice(from))?.[1];
}

/** A SOQL error (SfError or the SOQL engine's own) in the Bulk API's error shape. */
function soqlError(error: unknown): BulkError {
  if (error instanceof BulkError) return error;
  const code = (error as { errorCode?: unknown }).errorCode;
  const message = error instanceof Error ? error.message : String(error);
  return new BulkError(400, typeof code === 'string' ? code : 'MALFORMED_QUERY', message);
}

// ---------------------------------------------------------------- ingest: columns and values

type ColumnTarget =
  | { kind: 'field'; field: FieldDef }
  /** `Event__r.Event_Key__c` (or `Type:Rel.Field` for polymorphic lookups): the parent by an indexed field. */
  | { kind: 'parent'; relationship: FieldDef; keyField: string; parentType?: string };

interface Column {
  index: number;
  target: ColumnTarget;
}

/** Maps the header to fields; the first header that names nothing fails the job, as on Salesforce. */
function planColumns(object: ObjectDef, header: string[]): { columns: Column[]; unknown?: string } {
  const columns: Column[] = [];
  for (const [index, name] of header.entries()) {
    const target = columnTarget(object, name);
    if (!target) return { columns, unknown: name };
    columns.push({ index, target });
  }
  return { columns };
}

function columnTarget(object: ObjectDef, name: string): ColumnTarget | undefined {
  const dot = name.indexOf('.');
  if (dot === -1) {
    const field = findField(object, name);
    return field ? { kind: 'field', field } : undefined;
  }
  const path = name.slice(0, dot);
  const keyField = name.slice(dot + 1);
  const colon = path.indexOf(':');
  const relationshipName = colon === -1 ? path : path.slice(colon + 1);
  const relationship = findRelationship(object, relationshipName);
  if (!relationship || !keyField) return undefined;
  return { kind: 'parent', relationship, keyField, parentType: colon === -1 ? undefined : path.slice(0, colon) };
}

/** A cell as the engine takes it: #N/A is null; booleans and dates in the spellings Bulk API accepts. */
function cellValue(field: FieldDef, cell: string): unknown {
  if (cell === NULL_CELL) return null;
  if (field.type === 'boolean') {
    const lower = cell.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  // Bulk data may give dates with a zone designator (1965-12-11Z); a date has no zone.
  if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}Z$/.test(cell)) return cell.slice(0, -1);
  return cell;
}

/** sf__Error: `CODE:message:FIELD1 FIELD2 --` (or `CODE:message:--` without fields). */
export function bulkErrorText(error: SfError): string {
  return `${error.errorCode}:${error.message}:${[...error.fields, '--'].join(' ')}`;
}

/** An ingest job being processed: its parsed header, where it is in the data, and its counters. */
interface IngestRun {
  job: JobRow;
  object: ObjectDef;
  operation: IngestOperation;
  records: Iterator<CsvRecord>;
  width: number;
  columns: Column[];
  idIndex: number;
  externalField?: FieldDef;
  externalIndex: number;
  delimiter: string;
  index: number;
  failed: number;
  activeMs: number;
  exhausted: boolean;
  failure?: string;
}

/** A query job being spooled to disk. */
interface QuerySpool {
  iterator: Iterator<Record<string, unknown>>;
  columns: string[];
  dataFd: number;
  indexFd: number;
  bytes: number;
  rows: number;
  activeMs: number;
}

// ---------------------------------------------------------------- the API

export class BulkApi {
  private readonly engine: Engine;
  private readonly context: () => WriteContext;
  private readonly queries: QueryRunner;
  private readonly store: BulkStore;
  /** Largest results page in bytes; public so tests can make pages small. */
  pageByteLimit: number;
  private readonly sliceMs: number;
  private readonly streamResults: boolean;
  private resultsDir?: string;
  private ownsResultsDir = false;
  /** Query runs prepared when the job was created (the SOQL is checked then), consumed when it runs. */
  private readonly prepared = new Map<string, QueryRun>();
  private readonly spools = new Map<string, QuerySpool>();
  private readonly running = new Set<string>();
  private readonly held = new Set<string>();
  private paused = false;
  private closed = false;

  constructor(options: BulkApiOptions) {
    this.engine = options.engine;
    this.context = options.context;
    this.queries = options.queries;
    this.store = new BulkStore(options.engine.db);
    this.streamResults = options.streamResults ?? false;
    this.pageByteLimit =
      options.pageByteLimit ?? (this.streamResults ? DEFAULT_STREAMED_PAGE_BYTE_LIMIT : DEFAULT_PAGE_BYTE_LIMIT);
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    this.resultsDir = options.resultsDir;
    // Jobs a previous run of the server was processing carry on.
    for (const job of this.store.unfinished()) this.schedule(job.id);
  }

  registerRoutes(route: RouteRegistrar): void {
    const ID = '([^/]+)';
    const add = (method: string, pattern: string, handler: (req: ApiRequest, params: string[]) => ApiResponse) =>
      route(method, pattern, (req, params) => this.answer(() => handler(req, params)));
    add('POST', 'jobs/ingest', (req) => this.createIngestJob(req));
    add('GET', 'jobs/ingest', (req) => this.listJobs(req, 'ingest'));
    add('GET', `jobs/ingest/${ID}`, (_req, [id]) => json(200, ingestFullInfo(this.job('ingest', id))));
    add('PATCH', `jobs/ingest/${ID}`, (req, [id]) => this.changeIngestState(req, id));
    add('DELETE', `jobs/ingest/${ID}`, (_req, [id]) => this.deleteJob('ingest', id));
    add('PUT', `jobs/ingest/${ID}/batches`, (req, [id]) => this.uploadJobData(req, id));
    add('GET', `jobs/ingest/${ID}/successfulResults`, (_req, [id]) => this.recordResults(id, true));
    add('GET', `jobs/ingest/${ID}/failedResults`, (_req, [id]) => this.recordResults(id, false));
    add('GET', `jobs/ingest/${ID}/unprocessedrecords`, (_req, [id]) => this.unprocessedRecords(id));
    add('POST', 'jobs/query', (req) => this.createQueryJob(req));
    add('GET', 'jobs/query', (req) => this.listJobs(req, 'query'));
    add('GET', `jobs/query/${ID}`, (_req, [id]) => json(200, queryFullInfo(this.job('query', id))));
    add('PATCH', `jobs/query/${ID}`, (req, [id]) => this.abortQueryJob(req, id));
    add('DELETE', `jobs/query/${ID}`, (_req, [id]) => this.deleteJob('query', id));
    add('GET', `jobs/query/${ID}/results`, (req, [id]) => this.queryResults(req, id));
  }

  /** Stops processing and releases files; call before closing the database. Unfinished jobs resume on restart. */
  close(): void {
    this.closed = true;
    for (const id of [...this.spools.keys()]) this.releaseSpool(id);
    this.prepared.clear();
    if (this.ownsResultsDir && this.resultsDir) fs.rmSync(this.resultsDir, { recursive: true, force: true });
  }

  /** Test hook: jobs created while paused wait (in UploadComplete) until resume(). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const id of [...this.held]) {
      this.held.delete(id);
      this.schedule(id);
    }
  }

  private answer(handler: () => ApiResponse): ApiResponse {
    try {
      return handler();
    } catch (error) {
      if (error instanceof BulkError)
        return json(error.status, [{ errorCode: error.errorCode, message: error.message }]);
      throw error;
    }
  }

  // ------------------------------------------------------------ jobs in general

  private now(): string {
    return this.engine.now().toISOString();
  }

  /** A job by id; a malformed id is INVALIDJOB, an unknown one NOT_FOUND (as is a job of the other kind). */
  private job(kind: JobKind, rawId: string): JobRow {
    const id = normaliseId(rawId);
    if (!id || keyPrefixOf(id) !== JOB_KEY_PREFIX) throw new BulkError(400, 'INVALIDJOB', `Invalid job id: ${rawId}`);
    const job = this.store.get(id);
    if (!job || job.kind !== kind) throw notFound();
    return job;
  }

  private newJob(
    kind: JobKind,
    req: ApiRequest,
    fields: Pick<JobRow, 'operation' | 'object' | 'state'> & JobChanges,
  ): JobRow {
    const now = this.now();
    const seq = this.store.nextSeq();
    const job: JobRow = {
      id: makeId(JOB_KEY_PREFIX, seq),
      seq,
      kind,
      external_id_field: null,
      assignment_rule_id: null,
      line_ending: 'LF',
      column_delimiter: 'COMMA',
      api_version: req.version,
      created_by: this.context().userId,
      created_date: now,
      system_modstamp: now,
      error_message: null,
      records_processed: 0,
      records_failed: 0,
      started_ms: null,
      total_processing_ms: 0,
      active_processing_ms: 0,
      query: null,
      header: null,
      result_bytes: 0,
      uploads: 0,
      ...fields,
    };
    this.store.insert(job);
    return job;
  }

  private setState(id: string, state: JobState, extra: JobChanges = {}): JobRow {
    this.store.update(id, { state, system_modstamp: this.now(), ...extra });
    return this.store.get(id)!;
  }

  private listJobs(req: ApiRequest, kind: JobKind): ApiResponse {
    const offset = listOffset(req);
    const jobs = listFilterExcludes(req, kind === 'ingest' ? 'V2Ingest' : 'V2Query')
      ? []
      : this.store.list(kind, offset, LIST_PAGE_SIZE + 1);
    const done = jobs.length <= LIST_PAGE_SIZE;
    return json(200, {
      done,
      records: jobs
        .slice(0, LIST_PAGE_SIZE)
        .map((job) => (kind === 'ingest' ? ingestListInfo(job) : queryListInfo(job))),
      nextRecordsUrl: done
        ? null
        : `/services/data/v${req.version}/jobs/${kind}?queryLocator=${offset + LIST_PAGE_SIZE}`,
    });
  }

  /**
   * Delete: ingest jobs once closed (UploadComplete) or finished; query jobs once finished. Deleting a
   * queued ingest job also stops it.
   */
  private deleteJob(kind: JobKind, rawId: string): ApiResponse {
    const job = this.job(kind, rawId);
    const deletable = kind === 'ingest' ? [...TERMINAL_STATES, 'UploadComplete'] : TERMINAL_STATES;
    if (!deletable.includes(job.state))
      throw new BulkError(
        400,
        'API_ERROR',
        'Error encountered when deleting the job because the job is not terminated',
      );
    this.releaseSpool(job.id);
    this.removeResultFiles(job.id);
    this.store.remove(job.id);
    return json(204);
  }

  // ------------------------------------------------------------ scheduling

  private schedule(id: string): void {
    if (this.closed || this.running.has(id)) return;
    if (this.paused) {
      this.held.add(id);
      return;
    }
    this.running.add(id);
    setImmediate(() => {
      void this.execute(id).finally(() => this.running.delete(id));
    });
  }

  private async execute(id: string): Promise<void> {
    const job = this.isLive() ? this.store.get(id) : undefined;
    if (!job || (job.state !== 'UploadComplete' && job.state !== 'InProgress')) return;
    try {
      if (job.kind === 'ingest') await this.runIngest(job);
      else await this.runQuery(job);
    } catch (error) {
      if (!this.isLive()) return;
      this.releaseSpool(id);
      const message = error instanceof Error ? error.message : String(error);
      if (this.store.get(id)) this.finish(id, 'Failed', { error_message: `InternalServerError : ${message}` });
    }
  }

  private isLive(): boolean {
    return !this.closed && this.engine.db.isOpen;
  }

  /** Whether a job should go on: the server is up and nobody aborted or deleted the job meanwhile. */
  private stillRunning(id: string): boolean {
    return this.isLive() && this.store.get(id)?.state === 'InProgress';
  }

  private start(job: JobRow): JobRow {
    const startedMs = job.started_ms ?? Date.now();
    return this.setState(job.id, 'InProgress', { started_ms: startedMs });
  }

  private finish(id: string, state: JobState, extra: JobChanges = {}): void {
    const job = this.store.get(id)!;
    const elapsed = job.started_ms === null ? 0 : Date.now() - job.started_ms;
    this.setState(id, state, { total_processing_ms: Math.round(elapsed), ...extra });
  }

  // ------------------------------------------------------------ ingest: create, upload, close, abort

  private createIngestJob(req: ApiRequest): ApiResponse {
    const body = bodyObject(req);
    if (typeof body.object !== 'string' || body.object === '') throw invalidProperty('object', body.object);
    const operation = enumProperty(body, 'operation', INGEST_OPERATIONS);
    const { lineEnding, columnDelimiter } = dataSettings(body);
    const object = findObject(this.engine.schema, body.object);
    if (!object) throw new BulkError(400, 'INVALIDJOB', `Unable to find object: ${body.object}`);
    const externalIdField = operation === 'upsert' ? this.upsertField(object, body.externalIdFieldName) : undefined;
    const job = this.newJob('ingest', req, {
      operation,
      object: object.name,
      state: 'Open',
      external_id_field: externalIdField?.name ?? null,
      assignment_rule_id: typeof body.assignmentRuleId === 'string' ? body.assignmentRuleId : null,
      line_ending: lineEnding,
      column_delimiter: columnDelimiter,
    });
    return json(200, ingestCreatedInfo(job));
  }

  /** The external id of an upsert job: required, and an External ID field (or Id). */
  private upsertField(object: ObjectDef, name: unknown): FieldDef {
    if (typeof name !== 'string' || name === '')
      throw new BulkError(
        400,
        'INVALIDJOB',
        `External ID was blank for ${object.name}. An External ID must be specified for upsert.`,
      );
    const field = findField(object, name);
    if (!field || (!field.externalId && field.name !== 'Id'))
      throw new BulkError(
        400,
        'INVALIDJOB',
        `Field name provided, ${name} is not an External ID or indexed field for ${object.name}`,
      );
    return field;
  }

  /**
   * Upload Job Data. Salesforce takes one upload per job: a second PUT is refused (jsforce and the sf
   * CLI upload once). The 150 MB limit is counted after base64 encoding, as Salesforce counts it.
   */
  private uploadJobData(req: ApiRequest, rawId: string): ApiResponse {
    const job = this.job('ingest', rawId);
    if (job.state !== 'Open')
      throw new BulkError(
        400,
        'INVALIDJOBSTATE',
        `Job data can only be uploaded to an Open job; this job is ${job.state}`,
      );
    if (job.uploads > 0)
      throw new BulkError(
        400,
        'BULK_API_ERROR',
        `Found multipe contents for job: <${job.id.slice(0, 15)}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
      );
    const content = req.rawBody ?? (typeof req.body === 'string' ? req.body : '');
    const base64Bytes = Math.ceil(Buffer.byteLength(content, 'utf8') / 3) * 4;
    if (base64Bytes > MAX_UPLOAD_BASE64_BYTES)
      throw new BulkError(
        400,
        'CLIENTINPUTERROR',
        `Job data exceeds the maximum of ${MAX_UPLOAD_BASE64_BYTES} bytes after base64 encoding (${base64Bytes} bytes)`,
      );
    this.engine.transaction(() => {
      this.store.saveUpload(job.id, content);
      this.store.update(job.id, { uploads: job.uploads + 1, system_modstamp: this.now() });
    });
    return json(201);
  }

  private changeIngestState(req: ApiRequest, rawId: string): ApiResponse {
    const job = this.job('ingest', rawId);
    const target = bodyObject(req).state;
    if (target === 'UploadComplete') {
      if (job.state !== 'Open')
        throw new BulkError(400, 'INVALIDJOBSTATE', `Closing already ${stateWord(job.state)} Job not allowed`);
      const closed = this.setState(job.id, 'UploadComplete');
      this.schedule(job.id);
      return json(200, ingestStateInfo(closed));
    }
    if (target === 'Aborted') {
      if (TERMINAL_STATES.includes(job.state))
        throw new BulkError(400, 'INVALIDJOBSTATE', `Aborting already ${stateWord(job.state)} Job not allowed`);
      return json(200, ingestStateInfo(this.abort(job)));
    }
    throw new BulkError(400, 'INVALIDJOBSTATE', `Invalid job state: ${String(target)}`);
  }

  /** Stops a job where it is: what it processed stays, the rest is unprocessed. */
  private abort(job: JobRow): JobRow {
    this.releaseSpool(job.id);
    if (job.started_ms === null) return this.setState(job.id, 'Aborted');
    this.finish(job.id, 'Aborted');
    return this.store.get(job.id)!;
  }

  // ------------------------------------------------------------ ingest: processing

  private async runIngest(job: JobRow): Promise<void> {
    const run = this.openIngestRun(this.start(job));
    if (!run) return;
    while (!run.exhausted && !run.failure) {
      if (!this.stillRunning(job.id)) return;
      this.engine.transaction(() => this.ingestSlice(run));
      if (!run.exhausted && !run.failure) await yieldToEventLoop();
    }
    if (!this.stillRunning(job.id)) return;
    if (run.failure) this.finish(job.id, 'Failed', { error_message: run.failure });
    else this.finish(job.id, 'JobComplete');
  }

  /** Reads the header and positions the data after the records already processed (a resumed job). */
  private openIngestRun(job: JobRow): IngestRun | undefined {
    const object = findObject(this.engine.schema, job.object)!;
    const delimiter = COLUMN_DELIMITERS[job.column_delimiter];
    const records = csvRecords(this.store.upload(job.id), delimiter);
    const first = records.next();
    if (first.done) {
      this.finish(job.id, 'JobComplete');
      return undefined;
    }
    const header = first.value;
    const problem = this.headerProblem(job, header);
    const { columns, unknown } = planColumns(object, header.fields);
    this.store.update(job.id, { header: header.fields.map((h) => headerCell(h, delimiter)).join(delimiter) });
    const failure = problem ?? (unknown === undefined ? undefined : `InvalidBatch : Field name not found : ${unknown}`);
    if (failure) {
      this.finish(job.id, 'Failed', { error_message: failure });
      return undefined;
    }
    const operation = job.operation as IngestOperation;
    const externalField = job.external_id_field ? findField(object, job.external_id_field) : undefined;
    const headerIndex = (name: string) => header.fields.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    const run: IngestRun = {
      job,
      object,
      operation,
      records,
      width: header.fields.length,
      columns: columns.filter((c) => operation === 'insert' || !isIdColumn(c)),
      idIndex: headerIndex('Id'),
      externalField,
      externalIndex: externalField ? headerIndex(externalField.name) : -1,
      delimiter,
      index: 0,
      failed: job.records_failed,
      activeMs: job.active_processing_ms,
      exhausted: false,
    };
    for (; run.index < job.records_processed; run.index++) if (records.next().done) break;
    return run;
  }

  /** Line endings must match the job's setting (Salesforce fails the job otherwise); the header must parse. */
  private headerProblem(job: JobRow, header: CsvRecord): string | undefined {
    if (header.error) return `ClientInputError : ${header.error}`;
    if (header.terminator !== 'EOF' && header.terminator !== job.line_ending)
      return `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${job.line_ending}`;
    return undefined;
  }

  /** Processes records for up to one slice (time) and never across a 10,000-record batch boundary. */
  private ingestSlice(run: IngestRun): void {
    const started = performance.now();
    do {
      const next = run.records.next();
      if (next.done) {
        run.exhausted = true;
        break;
      }
      const malformed = rowProblem(next.value, run.width);
      if (malformed) {
        run.failure = `ClientInputError : ${malformed}`;
        break;
      }
      this.processRecord(run, next.value.fields);
    } while (run.index % BATCH_SIZE !== 0 && performance.now() - started < this.sliceMs);
    run.activeMs += performance.now() - started;
    this.store.update(run.job.id, {
      records_processed: run.index,
      records_failed: run.failed,
      active_processing_ms: run.activeMs,
      system_modstamp: this.now(),
    });
  }

  private processRecord(run: IngestRun, fields: string[]): void {
    const index = run.index++;
    const cells = formatCells(fields, run.width, run.delimiter);
    const knownId = normaliseId(cellAt(fields, run.idIndex)) ?? '';
    try {
      const outcome = this.applyRecord(run, fields);
      this.store.addResult(run.job.id, index, true, outcome.id, outcome.created, null, cells);
    } catch (error) {
      run.failed++;
      const sfError = this.recordError(run, error, fields);
      const sfId = run.operation === 'insert' ? '' : knownId;
      this.store.addResult(run.job.id, index, false, sfId, false, bulkErrorText(sfError), cells);
    }
  }

  private applyRecord(run: IngestRun, fields: string[]): UpsertResult {
    const ctx = this.context();
    const objectName = run.object.name;
    switch (run.operation) {
      case 'insert':
        return { id: this.engine.insert(objectName, this.recordValues(run, fields), ctx), created: true };
      case 'update': {
        const id = this.recordId(run, fields, 'an update');
        this.engine.update(objectName, id, this.recordValues(run, fields), ctx);
        return { id, created: false };
      }
      case 'upsert':
        return this.upsertRecord(run, fields);
      case 'delete':
      case 'hardDelete': {
        const id = this.recordId(run, fields, 'a delete');
        this.engine.remove(objectName, id, ctx);
        // Hard delete skips the recycle bin: the row is gone, even for queryAll.
        if (run.operation === 'hardDelete')
          this.engine.db.prepare(`DELETE FROM ${quoteIdent(run.object.name)} WHERE "Id" = ?`).run(id);
        return { id, created: false };
      }
    }
  }

  private upsertRecord(run: IngestRun, fields: string[]): UpsertResult {
    const field = run.externalField!;
    const values = this.recordValues(run, fields);
    const ctx = this.context();
    if (field.name === 'Id') {
      // Upsert on Id: a blank Id creates, an Id updates its record.
      if (cellAt(fields, run.idIndex) === '')
        return { id: this.engine.insert(run.object.name, values, ctx), created: true };
      const id = this.recordId(run, fields, 'an upsert');
      this.engine.update(run.object.name, id, values, ctx);
      return { id, created: false };
    }
    const key = cellAt(fields, run.externalIndex);
    if (key === '' || key === NULL_CELL) throw new SfError('MISSING_ARGUMENT', `${field.name} not specified`);
    return this.engine.upsert(run.object.name, field.name, key, values, ctx);
  }

  /** The record's Id cell, checked the way the SOAP/Bulk APIs report problems with it. */
  private recordId(run: IngestRun, fields: string[], call: string): string {
    const raw = cellAt(fields, run.idIndex);
    if (raw === '') throw new SfError('MISSING_ARGUMENT', `Id not specified in ${call} call`);
    const id = normaliseId(raw);
    if (!id) throw new SfError('MALFORMED_ID', `malformed id ${raw}`);
    if (keyPrefixOf(id) !== run.object.keyPrefix)
      throw new SfError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    return id;
  }

  /** Field values of a row for the engine; empty cells are left out so they change nothing. */
  private recordValues(run: IngestRun, fields: string[]): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const { index, target } of run.columns) {
      const cell = cellAt(fields, index);
      if (cell === '') continue;
      if (target.kind === 'field') values[target.field.name] = cellValue(target.field, cell);
      else if (cell === NULL_CELL) values[target.relationship.name] = null;
      else
        values[target.relationship.relationshipName!] = {
          ...(target.parentType ? { attributes: { type: target.parentType } } : {}),
          [target.keyField]: cell,
        };
    }
    return values;
  }

  /** The engine's REST-flavoured errors in the words the Bulk API uses for the same failures. */
  private recordError(run: IngestRun, error: unknown, fields: string[]): SfError {
    const first = asSfErrors(error)[0];
    if (first.errorCode === 'NOT_FOUND')
      return new SfError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    if (first.errorCode === 'MULTIPLE_CHOICES' && run.externalField) {
      const ids = this.engine.findByExternalId(run.object, run.externalField, cellAt(fields, run.externalIndex));
      return new SfError(
        'DUPLICATE_EXTERNAL_ID',
        `${run.externalField.label}: more than one record found for external id field: [${ids.join(', ')}]`,
      );
    }
    return first;
  }

  // ------------------------------------------------------------ ingest: results

  private recordResults(rawId: string, success: boolean): ApiResponse {
    const job = this.job('ingest', rawId);
    const d = COLUMN_DELIMITERS[job.column_delimiter];
    const eol = LINE_ENDINGS[job.line_ending];
    const header = this.ingestHeader(job);
    const lines = [
      [quoteCsv('sf__Id'), quoteCsv(success ? 'sf__Created' : 'sf__Error'), ...(header ? [header] : [])].join(d),
    ];
    for (const row of this.store.results(job.id, success)) {
      const second = success ? (row.created ? 'true' : 'false') : (row.error ?? '');
      lines.push([quoteCsv(row.sf_id ?? ''), quoteCsv(second), ...(header ? [row.cells] : [])].join(d));
    }
    return csvResponse(lines.join(eol) + eol);
  }

  /** Rows of an aborted or failed job that were never processed, as uploaded (header included). */
  private unprocessedRecords(rawId: string): ApiResponse {
    const job = this.job('ingest', rawId);
    const d = COLUMN_DELIMITERS[job.column_delimiter];
    const eol = LINE_ENDINGS[job.line_ending];
    const records = csvRecords(this.store.upload(job.id), d);
    const header = records.next();
    if (header.done) return csvResponse('');
    const width = header.value.fields.length;
    const lines = [header.value.fields.map((h) => headerCell(h, d)).join(d)];
    if (job.state !== 'JobComplete') {
      let index = 0;
      for (let next = records.next(); !next.done; next = records.next())
        if (index++ >= job.records_processed) lines.push(formatCells(next.value.fields, width, d));
    }
    return csvResponse(lines.join(eol) + eol);
  }

  private ingestHeader(job: JobRow): string {
    if (job.header !== null) return job.header;
    const d = COLUMN_DELIMITERS[job.column_delimiter];
    const first = csvRecords(this.store.upload(job.id), d).next();
    return first.done ? '' : first.value.fields.map((h) => headerCell(h, d)).join(d);
  }

  // ------------------------------------------------------------ query: create, abort

  private createQueryJob(req: ApiRequest): ApiResponse {
    const body = bodyObject(req);
    const operation = enumProperty(body, 'operation', QUERY_OPERATIONS);
    if (typeof body.query !== 'string' || body.query.trim() === '') throw invalidProperty('query', body.query);
    const soql = body.query;
    const { lineEnding, columnDelimiter } = dataSettings(body);
    assertBulkQuerySupported(soql);
    let run: QueryRun;
    try {
      run = this.queries.run(soql, { includeDeleted: operation === 'queryAll' });
    } catch (error) {
      throw soqlError(error);
    }
    const named = queriedObject(soql) ?? '';
    const job = this.newJob('query', req, {
      operation,
      object: findObject(this.engine.schema, named)?.name ?? named,
      state: 'UploadComplete',
      line_ending: lineEnding,
      column_delimiter: columnDelimiter,
      query: soql,
    });
    this.prepared.set(job.id, run);
    this.schedule(job.id);
    return json(200, queryCreatedInfo(job));
  }

  private abortQueryJob(req: ApiRequest, rawId: string): ApiResponse {
    const job = this.job('query', rawId);
    const target = bodyObject(req).state;
    if (target !== 'Aborted') throw new BulkError(400, 'INVALIDJOBSTATE', `Invalid job state: ${String(target)}`);
    if (TERMINAL_STATES.includes(job.state))
      throw new BulkError(400, 'INVALIDJOBSTATE', `Aborting already ${stateWord(job.state)} Job not allowed`);
    this.prepared.delete(job.id);
    return json(200, queryStateInfo(this.abort(job)));
  }

  // ------------------------------------------------------------ query: processing

  private async runQuery(job: JobRow): Promise<void> {
    const started = this.start(job);
    const run =
      this.prepared.get(job.id) ?? this.queries.run(started.query!, { includeDeleted: job.operation === 'queryAll' });
    this.prepared.delete(job.id);
    const spool = this.openSpool(started, run);
    const d = COLUMN_DELIMITERS[job.column_delimiter];
    const eol = LINE_ENDINGS[job.line_ending];
    let done = false;
    while (!done) {
      if (!this.stillRunning(job.id)) return this.releaseSpool(job.id);
      done = this.spoolSlice(job.id, spool, d, eol);
      if (!done) await yieldToEventLoop();
    }
    this.releaseSpool(job.id);
    this.finish(job.id, 'JobComplete', { records_processed: spool.rows, result_bytes: spool.bytes });
  }

  private openSpool(job: JobRow, run: QueryRun): QuerySpool {
    const d = COLUMN_DELIMITERS[job.column_delimiter];
    const { data, index } = this.resultPaths(job.id);
    const spool: QuerySpool = {
      iterator: run.rows[Symbol.iterator](),
      columns: run.columns,
      dataFd: fs.openSync(data, 'w'),
      indexFd: fs.openSync(index, 'w'),
      bytes: 0,
      rows: 0,
      activeMs: 0,
    };
    this.spools.set(job.id, spool);
    this.store.update(job.id, { header: run.columns.map(quoteCsv).join(d), records_processed: 0, result_bytes: 0 });
    return spool;
  }

  /** Writes rows for one slice: CSV lines to the data file, each line's start offset to the index. */
  private spoolSlice(id: string, spool: QuerySpool, d: string, eol: string): boolean {
    const started = performance.now();
    const lines: string[] = [];
    const offsets: number[] = [];
    let done = false;
    do {
      const next = spool.iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      const line = spool.columns.map((c) => resultCell(next.value[c])).join(d) + eol;
      offsets.push(spool.bytes);
      spool.bytes += Buffer.byteLength(line, 'utf8');
      spool.rows++;
      lines.push(line);
    } while (lines.length % 256 !== 0 || performance.now() - started < this.sliceMs);
    if (lines.length) {
      writeAll(spool.dataFd, Buffer.from(lines.join(''), 'utf8'));
      writeAll(spool.indexFd, Buffer.from(new Float64Array(offsets).buffer));
    }
    spool.activeMs += performance.now() - started;
    this.store.update(id, { records_processed: spool.rows, active_processing_ms: spool.activeMs });
    return done;
  }

  /** Closes a spool's files and its query cursor (a half-read SQLite statement must be reset). */
  private releaseSpool(id: string): void {
    const spool = this.spools.get(id);
    if (!spool) return;
    this.spools.delete(id);
    spool.iterator.return?.();
    fs.closeSync(spool.dataFd);
    fs.closeSync(spool.indexFd);
  }

  private resultPaths(id: string): { data: string; index: string } {
    const dir = this.ensureResultsDir();
    return { data: path.join(dir, `${id}.csv`), index: path.join(dir, `${id}.idx`) };
  }

  private ensureResultsDir(): string {
    if (!this.resultsDir) {
      const location = this.engine.db.location();
      if (location) this.resultsDir = `${location}.bulk`;
      else {
        this.resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-localorg-bulk-'));
        this.ownsResultsDir = true;
      }
    }
    fs.mkdirSync(this.resultsDir, { recursive: true });
    return this.resultsDir;
  }

  private removeResultFiles(id: string): void {
    if (!this.resultsDir) return;
    const { data, index } = this.resultPaths(id);
    fs.rmSync(data, { force: true });
    fs.rmSync(index, { force: true });
  }

  // ------------------------------------------------------------ query: results

  /**
   * One page of results: up to maxRecords rows (all by default) within the page byte limit, the
   * header on every page, `Sforce-Locator` for the next page ("null" after the last) and
   * `Sforce-NumberOfRecords`.
   */
  private queryResults(req: ApiRequest, rawId: string): ApiResponse {
    const job = this.job('query', rawId);
    if (job.api_version !== req.version)
      throw new BulkError(
        409,
        'CONFLICT',
        `Use the API version the query job was created with (${job.api_version}) to get its results`,
      );
    if (job.state !== 'JobComplete')
      throw new BulkError(
        412,
        'JOB_NOT_COMPLETE',
        `can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: ${stateCode(job.state)}`,
      );
    const offset = decodeLocator(req.query.get('locator'));
    const maxRecords = parseMaxRecords(req.query.get('maxRecords'));
    const total = job.records_processed;
    if (offset > total || (offset === total && total > 0))
      throw new BulkError(400, 'INVALID_QUERY_LOCATOR', `invalid query locator: ${req.query.get('locator')}`);
    const page = this.pageRange(job, offset, Math.min(maxRecords, total - offset));
    const header = `${job.header ?? ''}${LINE_ENDINGS[job.line_ending]}`;
    const { data } = this.resultPaths(job.id);
    const body = this.streamResults
      ? pageStream(header, data, page.start, page.end)
      : header + readRange(data, page.start, page.end);
    return {
      status: 200,
      body,
      contentType: 'text/csv',
      headers: {
        'Sforce-Locator': offset + page.count < total ? encodeLocator(offset + page.count) : 'null',
        'Sforce-NumberOfRecords': String(page.count),
      },
    };
  }

  /** Which rows (and bytes of the results file) a page holds. */
  private pageRange(job: JobRow, offset: number, wanted: number): { start: number; end: number; count: number } {
    if (wanted <= 0) return { start: 0, end: 0, count: 0 };
    const { index } = this.resultPaths(job.id);
    const indexFd = fs.openSync(index, 'r');
    try {
      const rowStart = (row: number) => (row >= job.records_processed ? job.result_bytes : readOffset(indexFd, row));
      const start = rowStart(offset);
      let count = wanted;
      if (rowStart(offset + count) - start > this.pageByteLimit) {
        // The largest count that fits the byte limit (at least one row, however long).
        let low = 1;
        let high = count;
        while (low < high) {
          const mid = Math.ceil((low + high) / 2);
          if (rowStart(offset + mid) - start <= this.pageByteLimit) low = mid;
          else high = mid - 1;
        }
        count = low;
      }
      return { start, end: rowStart(offset + count), count };
    } finally {
      fs.closeSync(indexFd);
    }
  }
}

// ---------------------------------------------------------------- helpers

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function csvResponse(body: string): ApiResponse {
  return { status: 200, body, contentType: 'text/csv' };
}

function cellAt(fields: string[], index: number): string {
  return index < 0 ? '' : (fields[index] ?? '');
}

function isIdColumn(column: Column): boolean {
  return column.target.kind === 'field' && column.target.field.name === 'Id';
}

/** Original cells as echoed in results: every value quoted, short rows padded to the header. */
function formatCells(fields: string[], width: number, delimiter: string): string {
  const cells: string[] = [];
  for (let i = 0; i < width; i++) cells.push(quoteCsv(fields[i] ?? ''));
  return cells.join(delimiter);
}

/** Why a data row cannot be read (bad quoting, more cells than the header has columns). */
function rowProblem(record: CsvRecord, width: number): string | undefined {
  if (record.error) return record.error;
  if (record.fields.length > width && record.fields.slice(width).some((f) => f !== ''))
    return `line ${record.line} has ${record.fields.length} columns but the header has ${width}`;
  return undefined;
}

/** Salesforce's upper-case state names in JOB_NOT_COMPLETE messages. */
function stateCode(state: JobState): string {
  return state.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

function writeAll(fd: number, buffer: Buffer): void {
  for (let written = 0; written < buffer.length;) written += fs.writeSync(fd, buffer, written, buffer.length - written);
}

function readOffset(fd: number, row: number): number {
  const buffer = Buffer.alloc(8);
  fs.readSync(fd, buffer, 0, 8, row * 8);
  return buffer.readDoubleLE(0);
}

/** A page as a stream: the header, then the page's bytes straight from the results file. */
function pageStream(header: string, file: string, start: number, end: number): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from(header, 'utf8');
      if (end > start) yield* fs.createReadStream(file, { start, end: end - 1 });
    })(),
    { objectMode: false },
  );
}

function readRange(file: string, start: number, end: number): string {
  const buffer = Buffer.allocUnsafe(end - start);
  const fd = fs.openSync(file, 'r');
  try {
    for (let read = 0; read < buffer.length;) {
      const n = fs.readSync(fd, buffer, read, buffer.length - read, start + read);
      if (n === 0) throw new Error(`Query results file ${file} is shorter than its index`);
      read += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return buffer.toString('utf8');
}

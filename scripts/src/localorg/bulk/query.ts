// Bulk query jobs: the SOQL checked at creation, the result spooled to a file beside the database
// with an index of row offsets, and read back in pages by locator.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { COLUMN_DELIMITERS, LINE_ENDINGS, quoteCsv, resultCell } from '../csv.ts';
import { json } from '../http.ts';
import type { ApiRequest, ApiResponse } from '../http.ts';
import { findObject } from '../schema.ts';
import type { BulkApiOptions, QueryRun, QueryRunner } from './contracts.ts';
import {
  BulkError,
  DEFAULT_PAGE_BYTE_LIMIT,
  DEFAULT_STREAMED_PAGE_BYTE_LIMIT,
  invalidProperty,
  QUERY_OPERATIONS,
  stateWord,
  TERMINAL_STATES,
} from './protocol.ts';
import type { JobState } from './protocol.ts';
import type { JobRow } from './store.ts';
import { queryCreatedInfo, queryStateInfo } from './shapes.ts';
import { bodyObject, dataSettings, decodeLocator, encodeLocator, enumProperty, parseMaxRecords } from './requests.ts';
import { JobBook, yieldToEventLoop } from './jobs.ts';

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

// ---------------------------------------------------------------- query jobs

/** Query jobs: create and abort; spooling the result to disk in slices; results pages by locator. */
export class QueryJobs {
  private readonly jobs: JobBook;
  private readonly queries: QueryRunner;
  /** Largest results page in bytes; the API forwards its own so tests can make pages small. */
  pageByteLimit: number;
  private readonly streamResults: boolean;
  private resultsDir?: string;
  private ownsResultsDir = false;
  /** Query runs prepared when the job was created (the SOQL is checked then), consumed when it runs. */
  private readonly prepared = new Map<string, QueryRun>();
  private readonly spools = new Map<string, QuerySpool>();

  constructor(jobs: JobBook, options: BulkApiOptions) {
    this.jobs = jobs;
    this.queries = options.queries;
    this.streamResults = options.streamResults ?? false;
    this.pageByteLimit =
      options.pageByteLimit ?? (this.streamResults ? DEFAULT_STREAMED_PAGE_BYTE_LIMIT : DEFAULT_PAGE_BYTE_LIMIT);
    this.resultsDir = options.resultsDir;
  }

  /** Releases every spool and the results folder if it is a temporary one. */
  close(): void {
    for (const id of [...this.spools.keys()]) this.releaseSpool(id);
    this.prepared.clear();
    if (this.ownsResultsDir && this.resultsDir) fs.rmSync(this.resultsDir, { recursive: true, force: true });
  }

  // ------------------------------------------------------------ query: create, abort

  createQueryJob(req: ApiRequest): ApiResponse {
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
    const job = this.jobs.newJob('query', req, {
      operation,
      object: findObject(this.jobs.engine.schema, named)?.name ?? named,
      state: 'UploadComplete',
      line_ending: lineEnding,
      column_delimiter: columnDelimiter,
      query: soql,
    });
    this.prepared.set(job.id, run);
    this.jobs.schedule(job.id);
    return json(200, queryCreatedInfo(job));
  }

  abortQueryJob(req: ApiRequest, rawId: string): ApiResponse {
    const job = this.jobs.job('query', rawId);
    const target = bodyObject(req).state;
    if (target !== 'Aborted') throw new BulkError(400, 'INVALIDJOBSTATE', `Invalid job state: ${String(target)}`);
    if (TERMINAL_STATES.includes(job.state))
      throw new BulkError(400, 'INVALIDJOBSTATE', `Aborting already ${stateWord(job.state)} Job not allowed`);
    this.prepared.delete(job.id);
    return json(200, queryStateInfo(this.jobs.abort(job)));
  }

  // ------------------------------------------------------------ query: processing

  async runQuery(job: JobRow): Promise<void> {
    const started = this.jobs.start(job);
    const run =
      this.prepared.get(job.id) ?? this.queries.run(started.query!, { includeDeleted: job.operation === 'queryAll' });
    this.prepared.delete(job.id);
    const spool = this.openSpool(started, run);
    const d = COLUMN_DELIMITERS[job.column_delimiter];
    const eol = LINE_ENDINGS[job.line_ending];
    let done = false;
    while (!done) {
      if (!this.jobs.stillRunning(job.id)) return this.releaseSpool(job.id);
      done = this.spoolSlice(job.id, spool, d, eol);
      if (!done) await yieldToEventLoop();
    }
    this.releaseSpool(job.id);
    this.jobs.finish(job.id, 'JobComplete', { records_processed: spool.rows, result_bytes: spool.bytes });
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
    this.jobs.store.update(job.id, {
      header: run.columns.map(quoteCsv).join(d),
      records_processed: 0,
      result_bytes: 0,
    });
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
    } while (lines.length % 256 !== 0 || performance.now() - started < this.jobs.sliceMs);
    if (lines.length) {
      writeAll(spool.dataFd, Buffer.from(lines.join(''), 'utf8'));
      writeAll(spool.indexFd, Buffer.from(new Float64Array(offsets).buffer));
    }
    spool.activeMs += performance.now() - started;
    this.jobs.store.update(id, { records_processed: spool.rows, active_processing_ms: spool.activeMs });
    return done;
  }

  /** Closes a spool's files and its query cursor (a half-read SQLite statement must be reset). */
  releaseSpool(id: string): void {
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
      const location = this.jobs.engine.db.location();
      if (location) this.resultsDir = `${location}.bulk`;
      else {
        this.resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-localorg-bulk-'));
        this.ownsResultsDir = true;
      }
    }
    fs.mkdirSync(this.resultsDir, { recursive: true });
    return this.resultsDir;
  }

  removeResultFiles(id: string): void {
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
  queryResults(req: ApiRequest, rawId: string): ApiResponse {
    const job = this.jobs.job('query', rawId);
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

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
//
// Files: contracts (what the server passes in), protocol (Salesforce's limits, states and errors),
// store (the _bulk_ tables), shapes (job info JSON), requests (body and query-string parsing),
// jobs (what ingest and query jobs share), ingest and ingest-columns, query.
import { json } from '../http.ts';
import type { ApiRequest, ApiResponse } from '../http.ts';
import type { RouteRegistrar } from '../routes.ts';
import type { BulkApiOptions } from './contracts.ts';
import { BulkError, DEFAULT_SLICE_MS, LIST_PAGE_SIZE, TERMINAL_STATES } from './protocol.ts';
import type { JobKind } from './protocol.ts';
import { ingestFullInfo, ingestListInfo, queryFullInfo, queryListInfo } from './shapes.ts';
import { listFilterExcludes, listOffset } from './requests.ts';
import { JobBook } from './jobs.ts';
import { IngestJobs } from './ingest.ts';
import { QueryJobs } from './query.ts';

// The Bulk API's public surface: callers import from here, never from the files behind it.
export { flattenRecord } from './contracts.ts';
export type { BulkApiOptions, QueryRun, QueryRunner } from './contracts.ts';
export type { RouteRegistrar } from '../routes.ts';
export { bulkErrorText } from './ingest-columns.ts';
export { encodeLocator } from './requests.ts';

// ---------------------------------------------------------------- the API

export class BulkApi {
  private readonly jobs: JobBook;
  private readonly ingest: IngestJobs;
  private readonly query: QueryJobs;
  private readonly running = new Set<string>();
  private readonly held = new Set<string>();
  private paused = false;
  private closed = false;

  constructor(options: BulkApiOptions) {
    this.jobs = new JobBook(options.engine, options.context, options.sliceMs ?? DEFAULT_SLICE_MS, {
      schedule: (id) => this.schedule(id),
      releaseSpool: (id) => this.query.releaseSpool(id),
      isClosed: () => this.closed,
    });
    this.ingest = new IngestJobs(this.jobs);
    this.query = new QueryJobs(this.jobs, options);
    // Jobs a previous run of the server was processing carry on.
    for (const job of this.jobs.store.unfinished()) this.schedule(job.id);
  }

  /** Largest results page in bytes; public so tests can make pages small. */
  get pageByteLimit(): number {
    return this.query.pageByteLimit;
  }

  set pageByteLimit(bytes: number) {
    this.query.pageByteLimit = bytes;
  }

  registerRoutes(route: RouteRegistrar): void {
    const ID = '([^/]+)';
    const add = (method: string, pattern: string, handler: (req: ApiRequest, params: string[]) => ApiResponse) =>
      route(method, pattern, (req, params) => this.answer(() => handler(req, params)));
    add('POST', 'jobs/ingest', (req) => this.ingest.createIngestJob(req));
    add('GET', 'jobs/ingest', (req) => this.listJobs(req, 'ingest'));
    add('GET', `jobs/ingest/${ID}`, (_req, [id]) => json(200, ingestFullInfo(this.jobs.job('ingest', id))));
    add('PATCH', `jobs/ingest/${ID}`, (req, [id]) => this.ingest.changeIngestState(req, id));
    add('DELETE', `jobs/ingest/${ID}`, (_req, [id]) => this.deleteJob('ingest', id));
    add('PUT', `jobs/ingest/${ID}/batches`, (req, [id]) => this.ingest.uploadJobData(req, id));
    add('GET', `jobs/ingest/${ID}/successfulResults`, (_req, [id]) => this.ingest.recordResults(id, true));
    add('GET', `jobs/ingest/${ID}/failedResults`, (_req, [id]) => this.ingest.recordResults(id, false));
    add('GET', `jobs/ingest/${ID}/unprocessedrecords`, (_req, [id]) => this.ingest.unprocessedRecords(id));
    add('POST', 'jobs/query', (req) => this.query.createQueryJob(req));
    add('GET', 'jobs/query', (req) => this.listJobs(req, 'query'));
    add('GET', `jobs/query/${ID}`, (_req, [id]) => json(200, queryFullInfo(this.jobs.job('query', id))));
    add('PATCH', `jobs/query/${ID}`, (req, [id]) => this.query.abortQueryJob(req, id));
    add('DELETE', `jobs/query/${ID}`, (_req, [id]) => this.deleteJob('query', id));
    add('GET', `jobs/query/${ID}/results`, (req, [id]) => this.query.queryResults(req, id));
  }

  /** Stops processing and releases files; call before closing the database. Unfinished jobs resume on restart. */
  close(): void {
    this.closed = true;
    this.query.close();
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

  private listJobs(req: ApiRequest, kind: JobKind): ApiResponse {
    const offset = listOffset(req);
    const jobs = listFilterExcludes(req, kind === 'ingest' ? 'V2Ingest' : 'V2Query')
      ? []
      : this.jobs.store.list(kind, offset, LIST_PAGE_SIZE + 1);
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
    const job = this.jobs.job(kind, rawId);
    const deletable = kind === 'ingest' ? [...TERMINAL_STATES, 'UploadComplete'] : TERMINAL_STATES;
    if (!deletable.includes(job.state))
      throw new BulkError(
        400,
        'API_ERROR',
        'Error encountered when deleting the job because the job is not terminated',
      );
    this.query.releaseSpool(job.id);
    this.query.removeResultFiles(job.id);
    this.jobs.store.remove(job.id);
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
    const job = this.jobs.isLive() ? this.jobs.store.get(id) : undefined;
    if (!job || (job.state !== 'UploadComplete' && job.state !== 'InProgress')) return;
    try {
      if (job.kind === 'ingest') await this.ingest.runIngest(job);
      else await this.query.runQuery(job);
    } catch (error) {
      if (!this.jobs.isLive()) return;
      this.query.releaseSpool(id);
      const message = error instanceof Error ? error.message : String(error);
      if (this.jobs.store.get(id))
        this.jobs.finish(id, 'Failed', { error_message: `InternalServerError : ${message}` });
    }
  }
}

// What ingest and query jobs share: the job book (store, clock, lookups, state changes) and yielding
// the event loop between processing slices.
import type { Engine, WriteContext } from '../engine.ts';
import type { ApiRequest } from '../http.ts';
import { keyPrefixOf, makeId, normaliseId } from '../ids.ts';
import { BulkError, JOB_KEY_PREFIX, notFound } from './protocol.ts';
import type { JobKind, JobState } from './protocol.ts';
import { BulkStore } from './store.ts';
import type { JobChanges, JobRow } from './store.ts';

// ---------------------------------------------------------------- jobs

/** What starts and stops the processing of jobs: the API's scheduler and the query spools. */
export interface JobHooks {
  schedule(id: string): void;
  releaseSpool(id: string): void;
  isClosed(): boolean;
}

/**
 * The job machinery ingest and query jobs share: the store, the clock, lookups by id, and the state
 * changes every job goes through (start, finish, abort).
 */
export class JobBook {
  readonly engine: Engine;
  /** The running user, for createdById and the records the jobs write. */
  readonly context: () => WriteContext;
  readonly store: BulkStore;
  readonly sliceMs: number;
  private readonly hooks: JobHooks;

  constructor(engine: Engine, context: () => WriteContext, sliceMs: number, hooks: JobHooks) {
    this.engine = engine;
    this.context = context;
    this.store = new BulkStore(engine.db);
    this.sliceMs = sliceMs;
    this.hooks = hooks;
  }

  schedule(id: string): void {
    this.hooks.schedule(id);
  }

  now(): string {
    return this.engine.now().toISOString();
  }

  /** A job by id; a malformed id is INVALIDJOB, an unknown one NOT_FOUND (as is a job of the other kind). */
  job(kind: JobKind, rawId: string): JobRow {
    const id = normaliseId(rawId);
    if (!id || keyPrefixOf(id) !== JOB_KEY_PREFIX) throw new BulkError(400, 'INVALIDJOB', `Invalid job id: ${rawId}`);
    const job = this.store.get(id);
    if (!job || job.kind !== kind) throw notFound();
    return job;
  }

  newJob(kind: JobKind, req: ApiRequest, fields: Pick<JobRow, 'operation' | 'object' | 'state'> & JobChanges): JobRow {
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

  setState(id: string, state: JobState, extra: JobChanges = {}): JobRow {
    this.store.update(id, { state, system_modstamp: this.now(), ...extra });
    return this.store.get(id)!;
  }

  isLive(): boolean {
    return !this.hooks.isClosed() && this.engine.db.isOpen;
  }

  /** Whether a job should go on: the server is up and nobody aborted or deleted the job meanwhile. */
  stillRunning(id: string): boolean {
    return this.isLive() && this.store.get(id)?.state === 'InProgress';
  }

  start(job: JobRow): JobRow {
    const startedMs = job.started_ms ?? Date.now();
    return this.setState(job.id, 'InProgress', { started_ms: startedMs });
  }

  finish(id: string, state: JobState, extra: JobChanges = {}): void {
    const job = this.store.get(id)!;
    const elapsed = job.started_ms === null ? 0 : Date.now() - job.started_ms;
    this.setState(id, state, { total_processing_ms: Math.round(elapsed), ...extra });
  }

  /** Stops a job where it is: what it processed stays, the rest is unprocessed. */
  abort(job: JobRow): JobRow {
    this.hooks.releaseSpool(job.id);
    if (job.started_ms === null) return this.setState(job.id, 'Aborted');
    this.finish(job.id, 'Aborted');
    return this.store.get(job.id)!;
  }
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

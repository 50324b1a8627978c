// Bulk ingest jobs (insert, update, upsert, delete, hardDelete from one CSV upload).
import { performance } from 'node:perf_hooks';
import { COLUMN_DELIMITERS, LINE_ENDINGS, csvRecords, headerCell, quoteCsv } from '../csv.ts';
import type { CsvRecord } from '../csv.ts';
import type { UpsertResult } from '../engine.ts';
import { SfError, asSfErrors } from '../errors.ts';
import { json } from '../http.ts';
import type { ApiRequest, ApiResponse } from '../http.ts';
import { keyPrefixOf, normaliseId } from '../ids.ts';
import { findField, findObject } from '../schema.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import { quoteIdent } from '../storage.ts';
import {
  BATCH_SIZE,
  BulkError,
  INGEST_OPERATIONS,
  invalidProperty,
  MAX_UPLOAD_BASE64_BYTES,
  NULL_CELL,
  stateWord,
  TERMINAL_STATES,
} from './protocol.ts';
import type { IngestOperation } from './protocol.ts';
import type { JobRow } from './store.ts';
import { ingestCreatedInfo, ingestStateInfo } from './shapes.ts';
import { bodyObject, dataSettings, enumProperty } from './requests.ts';
import { JobBook, yieldToEventLoop } from './jobs.ts';
import {
  bulkErrorText,
  cellAt,
  cellValue,
  csvResponse,
  formatCells,
  isIdColumn,
  planColumns,
  rowProblem,
} from './ingest-columns.ts';
import type { Column } from './ingest-columns.ts';

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
// ---------------------------------------------------------------- ingest jobs

/** Ingest jobs: create, upload, close and abort; processing in slices; the results files. */
export class IngestJobs {
  private readonly jobs: JobBook;

  constructor(jobs: JobBook) {
    this.jobs = jobs;
  }

  // ------------------------------------------------------------ ingest: create, upload, close, abort

  createIngestJob(req: ApiRequest): ApiResponse {
    const body = bodyObject(req);
    if (typeof body.object !== 'string' || body.object === '') throw invalidProperty('object', body.object);
    const operation = enumProperty(body, 'operation', INGEST_OPERATIONS);
    const { lineEnding, columnDelimiter } = dataSettings(body);
    const object = findObject(this.jobs.engine.schema, body.object);
    if (!object) throw new BulkError(400, 'INVALIDJOB', `Unable to find object: ${body.object}`);
    const externalIdField = operation === 'upsert' ? this.upsertField(object, body.externalIdFieldName) : undefined;
    const job = this.jobs.newJob('ingest', req, {
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
  uploadJobData(req: ApiRequest, rawId: string): ApiResponse {
    const job = this.jobs.job('ingest', rawId);
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
    this.jobs.engine.transaction(() => {
      this.jobs.store.saveUpload(job.id, content);
      this.jobs.store.update(job.id, { uploads: job.uploads + 1, system_modstamp: this.jobs.now() });
    });
    return json(201);
  }

  changeIngestState(req: ApiRequest, rawId: string): ApiResponse {
    const job = this.jobs.job('ingest', rawId);
    const target = bodyObject(req).state;
    if (target === 'UploadComplete') {
      if (job.state !== 'Open')
        throw new BulkError(400, 'INVALIDJOBSTATE', `Closing already ${stateWord(job.state)} Job not allowed`);
      const closed = this.jobs.setState(job.id, 'UploadComplete');
      this.jobs.schedule(job.id);
      return json(200, ingestStateInfo(closed));
    }
    if (target === 'Aborted') {
      if (TERMINAL_STATES.includes(job.state))
        throw new BulkError(400, 'INVALIDJOBSTATE', `Aborting already ${stateWord(job.state)} Job not allowed`);
      return json(200, ingestStateInfo(this.jobs.abort(job)));
    }
    throw new BulkError(400, 'INVALIDJOBSTATE', `Invalid job state: ${String(target)}`);
  }

  // ------------------------------------------------------------ ingest: processing

  async runIngest(job: JobRow): Promise<void> {
    const run = this.openIngestRun(this.jobs.start(job));
    if (!run) return;
    while (!run.exhausted && !run.failure) {
      if (!this.jobs.stillRunning(job.id)) return;
      this.jobs.engine.transaction(() => this.ingestSlice(run));
      if (!run.exhausted && !run.failure) await yieldToEventLoop();
    }
    if (!this.jobs.stillRunning(job.id)) return;
    if (run.failure) this.jobs.finish(job.id, 'Failed', { error_message: run.failure });
    else this.jobs.finish(job.id, 'JobComplete');
  }

  /** Reads the header and positions the data after the records already processed (a resumed job). */
  private openIngestRun(job: JobRow): IngestRun | undefined {
    const object = findObject(this.jobs.engine.schema, job.object)!;
    const delimiter = COLUMN_DELIMITERS[job.column_delimiter];
    const records = csvRecords(this.jobs.store.upload(job.id), delimiter);
    const first = records.next();
    if (first.done) {
      this.jobs.finish(job.id, 'JobComplete');
      return undefined;
    }
    const header = first.value;
    const problem = this.headerProblem(job, header);
    const { columns, unknown } = planColumns(object, header.fields);
    this.jobs.store.update(job.id, { header: header.fields.map((h) => headerCell(h, delimiter)).join(delimiter) });
    const failure = problem ?? (unknown === undefined ? undefined : `InvalidBatch : Field name not found : ${unknown}`);
    if (failure) {
      this.jobs.finish(job.id, 'Failed', { error_message: failure });
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
    } while (run.index % BATCH_SIZE !== 0 && performance.now() - started < this.jobs.sliceMs);
    run.activeMs += performance.now() - started;
    this.jobs.store.update(run.job.id, {
      records_processed: run.index,
      records_failed: run.failed,
      active_processing_ms: run.activeMs,
      system_modstamp: this.jobs.now(),
    });
  }

  private processRecord(run: IngestRun, fields: string[]): void {
    const index = run.index++;
    const cells = formatCells(fields, run.width, run.delimiter);
    const knownId = normaliseId(cellAt(fields, run.idIndex)) ?? '';
    try {
      const outcome = this.applyRecord(run, fields);
      this.jobs.store.addResult(run.job.id, index, true, outcome.id, outcome.created, null, cells);
    } catch (error) {
      run.failed++;
      const sfError = this.recordError(run, error, fields);
      const sfId = run.operation === 'insert' ? '' : knownId;
      this.jobs.store.addResult(run.job.id, index, false, sfId, false, bulkErrorText(sfError), cells);
    }
  }

  private applyRecord(run: IngestRun, fields: string[]): UpsertResult {
    const ctx = this.jobs.context();
    const objectName = run.object.name;
    switch (run.operation) {
      case 'insert':
        return { id: this.jobs.engine.insert(objectName, this.recordValues(run, fields), ctx), created: true };
      case 'update': {
        const id = this.recordId(run, fields, 'an update');
        this.jobs.engine.update(objectName, id, this.recordValues(run, fields), ctx);
        return { id, created: false };
      }
      case 'upsert':
        return this.upsertRecord(run, fields);
      case 'delete':
      case 'hardDelete': {
        const id = this.recordId(run, fields, 'a delete');
        this.jobs.engine.remove(objectName, id, ctx);
        // Hard delete skips the recycle bin: the row is gone, even for queryAll.
        if (run.operation === 'hardDelete')
          this.jobs.engine.db.prepare(`DELETE FROM ${quoteIdent(run.object.name)} WHERE "Id" = ?`).run(id);
        return { id, created: false };
      }
    }
  }

  private upsertRecord(run: IngestRun, fields: string[]): UpsertResult {
    const field = run.externalField!;
    const values = this.recordValues(run, fields);
    const ctx = this.jobs.context();
    if (field.name === 'Id') {
      // Upsert on Id: a blank Id creates, an Id updates its record.
      if (cellAt(fields, run.idIndex) === '')
        return { id: this.jobs.engine.insert(run.object.name, values, ctx), created: true };
      const id = this.recordId(run, fields, 'an upsert');
      this.jobs.engine.update(run.object.name, id, values, ctx);
      return { id, created: false };
    }
    const key = cellAt(fields, run.externalIndex);
    if (key === '' || key === NULL_CELL) throw new SfError('MISSING_ARGUMENT', `${field.name} not specified`);
    return this.jobs.engine.upsert(run.object.name, field.name, key, values, ctx);
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
      const ids = this.jobs.engine.findByExternalId(run.object, run.externalField, cellAt(fields, run.externalIndex));
      return new SfError(
        'DUPLICATE_EXTERNAL_ID',
        `${run.externalField.label}: more than one record found for external id field: [${ids.join(', ')}]`,
      );
    }
    return first;
  }

  // ------------------------------------------------------------ ingest: results

  recordResults(rawId: string, success: boolean): ApiResponse {
    const job = this.jobs.job('ingest', rawId);
    const d = COLUMN_DELIMITERS[job.column_delimiter];
    const eol = LINE_ENDINGS[job.line_ending];
    const header = this.ingestHeader(job);
    const lines = [
      [quoteCsv('sf__Id'), quoteCsv(success ? 'sf__Created' : 'sf__Error'), ...(header ? [header] : [])].join(d),
    ];
    for (const row of this.jobs.store.results(job.id, success)) {
      const second = success ? (row.created ? 'true' : 'false') : (row.error ?? '');
      lines.push([quoteCsv(row.sf_id ?? ''), quoteCsv(second), ...(header ? [row.cells] : [])].join(d));
    }
    return csvResponse(lines.join(eol) + eol);
  }

  /** Rows of an aborted or failed job that were never processed, as uploaded (header included). */
  unprocessedRecords(rawId: string): ApiResponse {
    const job = this.jobs.job('ingest', rawId);
    const d = COLUMN_DELIMITERS[job.column_delimiter];
    const eol = LINE_ENDINGS[job.line_ending];
    const records = csvRecords(this.jobs.store.upload(job.id), d);
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
    const first = csvRecords(this.jobs.store.upload(job.id), d).next();
    return first.done ? '' : first.value.fields.map((h) => headerCell(h, d)).join(d);
  }
}

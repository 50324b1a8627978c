// Bulk API 2.0 as Salesforce defines it: its limits, operations, job states, and errors in its words.

export const JOB_KEY_PREFIX = '750';
/** Job data limit: 150 MB once base64-encoded (about 100 MB of CSV), as Salesforce counts it. */
export const MAX_UPLOAD_BASE64_BYTES = 150 * 1024 * 1024;
/** Salesforce splits ingest data into batches of 10,000 records; a slice never spans two. */
export const BATCH_SIZE = 10_000;
export const DEFAULT_SLICE_MS = 20;
/** Page size caps: a page answered as a string is built in memory, a streamed one is not. */
export const DEFAULT_PAGE_BYTE_LIMIT = 8 * 1024 * 1024;
export const DEFAULT_STREAMED_PAGE_BYTE_LIMIT = 64 * 1024 * 1024;
/** Get All Jobs returns up to 1,000 jobs per call. */
export const LIST_PAGE_SIZE = 1000;
/** The cell value that sets a field to null (an empty cell leaves it unchanged). */
export const NULL_CELL = '#N/A';

export const INGEST_OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const;
export const QUERY_OPERATIONS = ['query', 'queryAll'] as const;
export type IngestOperation = (typeof INGEST_OPERATIONS)[number];
export type JobKind = 'ingest' | 'query';
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
export const TERMINAL_STATES: JobState[] = ['JobComplete', 'Aborted', 'Failed'];

/** An error answered as Salesforce's Bulk API does: [{ errorCode, message }] (no `fields`). */
export class BulkError extends Error {
  readonly status: number;
  readonly errorCode: string;

  constructor(status: number, errorCode: string, message: string) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

export const notFound = () => new BulkError(404, 'NOT_FOUND', 'The requested resource does not exist');
export const invalidProperty = (name: string, value: unknown) =>
  new BulkError(
    400,
    'API_ERROR',
    `Invalid value: '${value === undefined ? '' : String(value)}' supplied for property: '${name}'`,
  );
/** Salesforce's words for a state in "Aborting already Completed Job not allowed". */
export const stateWord = (state: JobState) =>
  ({
    Open: 'Open',
    UploadComplete: 'Closed',
    InProgress: 'Closed',
    JobComplete: 'Completed',
    Aborted: 'Aborted',
    Failed: 'Failed',
  })[state];

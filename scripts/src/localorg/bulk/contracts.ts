// Bulk API contracts: what the server passes in (engine, user, a SOQL runner, results settings).
import type { Engine, WriteContext } from '../engine.ts';

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

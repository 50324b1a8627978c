// Loads generated seed data into an org: parents before children, in batches of 200 through sObject
// Collections upserts on each object's external id. Records whose values already match the org are
// skipped, so a second identical run creates nothing and changes nothing (not even LastModifiedDate).
// Writes are upserts, so retrying a failed batch (503, lock, dropped connection) is safe.
import type { SeedData, SeedRecord } from './generate.ts';

export interface UpsertResult {
  id?: string | null;
  success: boolean;
  created?: boolean;
  errors: { statusCode?: string; errorCode?: string; message: string; fields?: string[] }[];
}

/** What the loader needs from a connection (a @salesforce/core Connection provides it). */
export interface SeedOrg {
  upsert(object: string, externalIdField: string, records: SeedRecord[]): Promise<UpsertResult[]>;
  /** Every record of the object whose external id is one of `keys`, with the given field paths. */
  existing(
    object: string,
    externalIdField: string,
    fieldPaths: string[],
    keys: string[],
  ): Promise<Record<string, unknown>[]>;
  /** Bulk API 2.0 forms of the same two calls, for volumes above LoadOptions.bulkThreshold. */
  bulk?: {
    upsert(object: string, externalIdField: string, records: SeedRecord[]): Promise<UpsertResult[]>;
    /** Every record of the object that has an external id. */
    existing(
      object: string,
      externalIdField: string,
      fieldPaths: string[],
      sample: SeedRecord[],
    ): Promise<Record<string, unknown>[]>;
  };
}

export interface ObjectLoadResult {
  object: string;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  failures: { key: string; message: string }[];
}

export interface LoadOptions {
  batchSize?: number;
  /** Called after every batch: (object, records done, records of this object). */
  onProgress?: (object: string, done: number, total: number) => void;
  retries?: number;
  /** Objects with more records than this go through Bulk API 2.0 when the org offers it (default 2,000). */
  bulkThreshold?: number;
  /** Waits between retries (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
}

export const LOAD_ORDER: { object: string; key: string; pick: (d: SeedData) => SeedRecord[] }[] = [
  { object: 'Account', key: 'CME_HCO_Key__c', pick: (d) => d.accounts },
  { object: 'Contact', key: 'CME_HCP_Key__c', pick: (d) => d.contacts },
  { object: 'CME_Event__c', key: 'Event_Key__c', pick: (d) => d.events },
  { object: 'CME_Invitation__c', key: 'Invitation_Key__c', pick: (d) => d.invitations },
  { object: 'CME_Attendance__c', key: 'Attendance_Key__c', pick: (d) => d.attendance },
  { object: 'CME_Expense__c', key: 'Expense_Key__c', pick: (d) => d.expenses },
];

const RETRYABLE =
  /SERVER_UNAVAILABLE|UNABLE_TO_LOCK_ROW|REQUEST_LIMIT_EXCEEDED|ECONNRESET|socket hang up|fetch failed|EPIPE|ETIMEDOUT/;

export async function loadSeedData(
  org: SeedOrg,
  data: SeedData,
  options: LoadOptions = {},
): Promise<ObjectLoadResult[]> {
  const results: ObjectLoadResult[] = [];
  for (const step of LOAD_ORDER) results.push(await loadObject(org, step.object, step.key, step.pick(data), options));
  return results;
}

async function loadObject(
  org: SeedOrg,
  object: string,
  key: string,
  records: SeedRecord[],
  options: LoadOptions,
): Promise<ObjectLoadResult> {
  const result: ObjectLoadResult = { object, created: 0, updated: 0, unchanged: 0, failed: 0, failures: [] };
  const bulk = org.bulk;
  if (bulk && records.length > (options.bulkThreshold ?? 2_000)) {
    // One bulk query for what is there, one ingest job for what changed (children arrive ordered by
    // parent, as generated, so the job's batches do not fight over the same parent's lock).
    const current = await withRetry(() => bulk.existing(object, key, fieldPaths(records), records), options);
    const changed = changedRecords(records, current, key);
    result.unchanged = records.length - changed.length;
    options.onProgress?.(object, result.unchanged, records.length);
    if (changed.length)
      await upsertBatch({ ...org, upsert: (o, k, rs) => bulk.upsert(o, k, rs) }, object, key, changed, result, options);
    options.onProgress?.(object, records.length, records.length);
    return result;
  }
  const batchSize = options.batchSize ?? 200;
  for (let start = 0; start < records.length; start += batchSize) {
    const batch = records.slice(start, start + batchSize);
    const paths = fieldPaths(batch);
    const current = await withRetry(
      () =>
        org.existing(
          object,
          key,
          paths,
          batch.map((r) => String(r[key])),
        ),
      options,
    );
    const changed = changedRecords(batch, current, key);
    result.unchanged += batch.length - changed.length;
    if (changed.length) await upsertBatch(org, object, key, changed, result, options);
    options.onProgress?.(object, Math.min(start + batchSize, records.length), records.length);
  }
  return result;
}

/** The records that are new, or differ from what the org holds under the same external id. */
function changedRecords(records: SeedRecord[], current: Record<string, unknown>[], key: string): SeedRecord[] {
  const byKey = new Map(current.map((r) => [String(flatValue(r, key)).toLowerCase(), r]));
  return records.filter((r) => {
    const existing = byKey.get(String(r[key]).toLowerCase());
    return !existing || !sameValues(r, existing);
  });
}

async function upsertBatch(
  org: SeedOrg,
  object: string,
  key: string,
  batch: SeedRecord[],
  result: ObjectLoadResult,
  options: LoadOptions,
): Promise<void> {
  let pending = batch;
  for (let attempt = 0; pending.length; attempt++) {
    const answers = await withRetry(() => org.upsert(object, key, pending), options);
    const retry: SeedRecord[] = [];
    answers.forEach((answer, i) => {
      const record = pending[i];
      if (answer.success) {
        if (answer.created) result.created++;
        else result.updated++;
        return;
      }
      const message = answer.errors.map((e) => `${e.statusCode ?? e.errorCode}: ${e.message}`).join('; ');
      // A lock on one record of a collection fails only that record: try it again.
      if (RETRYABLE.test(message) && attempt < (options.retries ?? 5)) retry.push(record);
      else {
        result.failed++;
        result.failures.push({ key: String(record[key]), message });
      }
    });
    pending = retry;
    if (pending.length) await (options.sleep ?? sleep)(backoff(attempt));
  }
}

/** Retries idempotent calls on transient failures with exponential backoff; others fail at once. */
export async function withRetry<T>(call: () => Promise<T>, options: LoadOptions = {}): Promise<T> {
  const retries = options.retries ?? 5;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const text = `${(error as { errorCode?: string }).errorCode ?? ''} ${(error as Error).message ?? ''} ${(error as { code?: string }).code ?? ''}`;
      if (attempt >= retries || !RETRYABLE.test(text)) throw error;
      await (options.sleep ?? sleep)(backoff(attempt));
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => Math.min(8_000, 250 * 2 ** attempt);

/**
 * A reference by external id: a custom relationship (`Event__r: { Event_Key__c }`, or `Event__r: null`
 * to clear it) or a standard one (`Account: { CME_HCO_Key__c }`), as the REST API takes them.
 */
function isReference(field: string, value: unknown): boolean {
  return field.endsWith('__r') || (value !== null && typeof value === 'object' && !Array.isArray(value));
}

/** The id field behind a relationship: `Event__r` → `Event__c`, `Account` → `AccountId`. */
export function referenceIdField(relationship: string): string {
  return relationship.endsWith('__r') ? relationship.replace(/__r$/, '__c') : `${relationship}Id`;
}

/** The field paths a batch sets: `Status__c`, and `Event__r.Event_Key__c` for references by external id. */
export function fieldPaths(records: readonly SeedRecord[]): string[] {
  const paths = new Set<string>();
  for (const r of records) {
    for (const [field, value] of Object.entries(r)) {
      if (isReference(field, value) && value && typeof value === 'object')
        for (const k of Object.keys(value)) paths.add(`${field}.${k}`);
      else if (isReference(field, value)) paths.add(referenceIdField(field));
      else paths.add(field);
    }
  }
  return [...paths].sort();
}

function flatValue(record: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined),
      record,
    );
}

/** Salesforce returns 2027-03-14T04:00:00.000+0000 for what we sent as 2027-03-14T04:00:00.000Z. */
function normalise(value: unknown): unknown {
  if (value === undefined || value === '') return null;
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value))
    return new Date(value.replace(/\+0000$/, 'Z')).getTime();
  return value;
}

function sameValues(seed: SeedRecord, existing: Record<string, unknown>): boolean {
  for (const [field, value] of Object.entries(seed)) {
    if (isReference(field, value)) {
      if (value === null) {
        const idField = referenceIdField(field);
        if (existing[idField] !== null && existing[idField] !== undefined) return false;
        continue;
      }
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (String(flatValue(existing, `${field}.${k}`) ?? '').toLowerCase() !== String(v).toLowerCase()) return false;
      }
      continue;
    }
    if (normalise(value) !== normalise(existing[field])) return false;
  }
  return true;
}

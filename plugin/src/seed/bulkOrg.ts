// Bulk API 2.0 for seeding at volume: one upsert ingest job per object instead of a collections call
// per 200 records, and one bulk query for the records already there instead of a SOQL call per batch.
import { OrgApiError } from '../org/api.ts';
import type { OrgApi } from '../org/api.ts';
import { queryPages } from '../org/query.ts';
import type { FieldKind } from '../org/query.ts';
import { parseCsv, quoteField } from '../org/csv.ts';
import type { SeedRecord } from './generate.ts';
import { fieldPaths } from './load.ts';
import type { UpsertResult } from './load.ts';

/** Bulk API 2.0 spells null as #N/A; an empty cell leaves the field as it is. */
const NULL_CELL = '#N/A';

interface IngestJob {
  id: string;
  state: 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  errorMessage?: string;
}

function cellOf(record: SeedRecord, column: string): string {
  const dot = column.indexOf('.');
  let value: unknown;
  if (dot > 0) {
    const parent = record[column.slice(0, dot)];
    value =
      parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[column.slice(dot + 1)] : undefined;
  } else if (column.endsWith('__c') && record[column.replace(/__c$/, '__r')] === null) value = null;
  else value = record[column];
  if (value === undefined) return '';
  if (value === null) return NULL_CELL;
  return quoteField(String(value));
}

export function ingestCsv(records: readonly SeedRecord[], columns: readonly string[]): string {
  const lines = [columns.map(quoteField).join(',')];
  for (const r of records) lines.push(columns.map((c) => cellOf(r, c)).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * Upserts records in one ingest job and answers per record, in input order, as a collections call
 * would: created, or the Salesforce error. Records the job never processed come back as failures
 * with their reason, so the caller's retry of transient failures covers them too.
 */
export async function bulkUpsert(
  api: OrgApi,
  object: string,
  externalIdField: string,
  records: readonly SeedRecord[],
  options: { pollMs?: number; onProgress?: (processed: number) => void } = {},
): Promise<UpsertResult[]> {
  // The columns are the loader's field paths: `Event__r.Event_Key__c` for a reference, `X__c` for a blank one.
  const columns = fieldPaths(records);
  const job = await api.json<IngestJob>({
    method: 'POST',
    path: api.dataPath('/jobs/ingest'),
    body: { object, operation: 'upsert', externalIdFieldName: externalIdField, contentType: 'CSV', lineEnding: 'LF' },
  });
  await api.send({
    method: 'PUT',
    path: api.dataPath(`/jobs/ingest/${job.id}/batches`),
    body: ingestCsv(records, columns),
    contentType: 'text/csv',
  });
  await api.json({
    method: 'PATCH',
    path: api.dataPath(`/jobs/ingest/${job.id}`),
    body: { state: 'UploadComplete' },
  });
  let wait = options.pollMs ?? 100;
  for (;;) {
    const info = await api.json<IngestJob & { numberRecordsProcessed?: number }>({
      path: api.dataPath(`/jobs/ingest/${job.id}`),
    });
    options.onProgress?.(info.numberRecordsProcessed ?? 0);
    if (info.state === 'JobComplete') break;
    if (info.state === 'Failed' || info.state === 'Aborted')
      throw new OrgApiError(
        `Bulk upsert job ${job.id} on ${object} ${info.state.toLowerCase()}: ${info.errorMessage ?? 'no reason given'}`,
        'BULK_INGEST_FAILED',
        400,
      );
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(2_000, wait * 2);
  }
  const byKey = new Map<string, UpsertResult>();
  const keyColumnOf = (header: string[]) => header.indexOf(externalIdField);
  for (const kind of ['successfulResults', 'failedResults'] as const) {
    const text = await (
      await api.send({ path: api.dataPath(`/jobs/ingest/${job.id}/${kind}`), accept: 'text/csv' })
    ).text();
    const [header = [], ...rows] = parseCsv(text);
    const keyAt = keyColumnOf(header);
    for (const row of rows) {
      const key = (row[keyAt] ?? '').toLowerCase();
      if (kind === 'successfulResults')
        byKey.set(key, { id: row[0], success: true, created: row[1] === 'true', errors: [] });
      else {
        // sf__Error is "CODE:message:FIELD1 FIELD2 --".
        const [code, ...rest] = (row[1] ?? '').split(':');
        byKey.set(key, {
          id: row[0] || null,
          success: false,
          errors: [{ statusCode: code, message: rest.join(':').replace(/:[^:]*--$/, '') || row[1] }],
        });
      }
    }
  }
  return records.map(
    (r) =>
      byKey.get(String(r[externalIdField]).toLowerCase()) ?? {
        success: false,
        errors: [{ statusCode: 'SERVER_UNAVAILABLE', message: 'not processed by the bulk job' }],
      },
  );
}

/**
 * Every record of the object that has an external id, with the field paths a seed sets, typed like
 * the seed's own values and nested like REST records (`Event__r: { Event_Key__c }`) so the loader
 * compares them the same way whichever API read them.
 */
export async function bulkExisting(
  api: OrgApi,
  object: string,
  externalIdField: string,
  fieldPaths: readonly string[],
  sample: readonly SeedRecord[],
  options: { pollMs?: number } = {},
): Promise<Record<string, unknown>[]> {
  const kinds: Record<string, FieldKind> = { Id: 'string', [externalIdField]: 'string' };
  for (const path of fieldPaths) {
    const [head, tail] = path.split('.');
    const value = sample
      .map((r) => (tail ? (r[head] as Record<string, unknown> | null)?.[tail] : r[head]))
      .find((v) => v !== null && v !== undefined);
    kinds[path] = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
  }
  const out: Record<string, unknown>[] = [];
  for await (const page of queryPages(
    api,
    { object, fields: kinds, where: `${externalIdField} != null` },
    { bulk: true, pollMs: options.pollMs },
  ))
    for (const row of page) {
      const nested: Record<string, unknown> = {};
      for (const [path, value] of Object.entries(row)) {
        const [head, tail] = path.split('.');
        if (!tail) nested[head] = value;
        else nested[head] = { ...((nested[head] as object | undefined) ?? {}), [tail]: value };
      }
      out.push(nested);
    }
  return out;
}

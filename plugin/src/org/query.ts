// SOQL results a page at a time, through REST (small sets) or a Bulk API 2.0 query job (large sets),
// as flat rows keyed by field path ('Event__r.Name') with typed values, whichever API answered.
// Memory holds one page, never the whole result.
import { CsvChunker } from './csv.ts';
import { OrgApiError } from './api.ts';
import type { OrgApi } from './api.ts';
import { FieldValueError, canonicalDateTime } from './datetime.ts';

/** How a field is read; 'datetime' values come out as 2026-03-14T04:00:00.000Z from either API. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'datetime';

/** The fields a query reads, each with how to type it when it comes back as text. */
export type FieldKinds = Readonly<Record<string, FieldKind>>;

/** `{ Name: 'string', … }` for fields read as text. */
export const textFields = (...names: string[]): FieldKinds =>
  Object.fromEntries(names.map((n) => [n, 'string' as const]));

/** `{ Start__c: 'datetime', … }` for DateTime fields. */
export const datetimeFields = (...names: string[]): FieldKinds =>
  Object.fromEntries(names.map((n) => [n, 'datetime' as const]));
export type FlatValue = string | number | boolean | null;
export type FlatRow = Record<string, FlatValue>;

export interface QuerySpec {
  object: string;
  /** Field paths and how to read them. */
  fields: FieldKinds;
  where?: string;
  orderBy?: string;
}

/** A SOQL string literal (quotes and backslashes escaped, as the SOQL reference says). */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Salesforce record Ids: 15 or 18 letters and digits. */
export const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The WHERE clause that finds an event by its Event_Key__c, or by its Id when the text can be one. */
export function eventWhere(reference: string): string {
  const byKey = `Event_Key__c = ${soqlString(reference)}`;
  return RECORD_ID.test(reference) ? `(Id = ${soqlString(reference)} OR ${byKey})` : byKey;
}

export function soqlOf(spec: QuerySpec): string {
  return [
    `SELECT ${Object.keys(spec.fields).join(', ')} FROM ${spec.object}`,
    spec.where ? `WHERE ${spec.where}` : '',
    spec.orderBy ? `ORDER BY ${spec.orderBy}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export interface QueryOptions {
  /**
   * Bulk API 2.0 or REST; 'auto' reads the first REST page and switches to Bulk API 2.0 when the
   * result has more than `bulkAbove` rows (that first page is then the only call spent on REST).
   */
  bulk: boolean | 'auto';
  bulkAbove?: number;
  /** Rows the caller expects (from roll-ups, say): bulk jobs are polled when they should be done. */
  expectedRows?: number;
  /** Bulk job polling: the first wait; without a row estimate it doubles up to 2 s (tests pass smaller). */
  pollMs?: number;
  /** Gives up on a bulk job after this long. */
  timeoutMs?: number;
}

/** A query that has been sent: a bulk job runs in the org while the caller reads something else. */
export interface StartedQuery {
  readonly via: 'rest' | 'bulk';
  pages(): AsyncGenerator<FlatRow[]>;
}

export async function* queryPages(api: OrgApi, spec: QuerySpec, options: QueryOptions): AsyncGenerator<FlatRow[]> {
  yield* (await startQuery(api, spec, options)).pages();
}

/**
 * Sends a query without reading its results: a bulk job is created now, so several can run in the
 * org at once; REST is read when its pages are asked for.
 */
export async function startQuery(api: OrgApi, spec: QuerySpec, options: QueryOptions): Promise<StartedQuery> {
  if (options.bulk === true) return startBulk(api, spec, options);
  if (options.bulk === false) return { via: 'rest', pages: () => restPages(api, spec) };
  const first = await api.json<RestPage>({ path: api.dataPath(`/query?q=${encodeURIComponent(soqlOf(spec))}`) });
  if ((first.totalSize ?? 0) > (options.bulkAbove ?? 10_000)) return startBulk(api, spec, options);
  return { via: 'rest', pages: () => restPages(api, spec, first) };
}

interface RestPage {
  totalSize?: number;
  records: Record<string, unknown>[];
  done: boolean;
  nextRecordsUrl?: string;
}

async function* restPages(api: OrgApi, spec: QuerySpec, first?: RestPage): AsyncGenerator<FlatRow[]> {
  const readRow = restRowReader(spec.fields, spec.object);
  for await (const records of restRecords(api, soqlOf(spec), first)) yield records.map(readRow);
}

/** The records of a REST query as the API sends them (nested parents and child lists), a page at a time. */
export async function* restRecords(
  api: OrgApi,
  soql: string,
  first?: RestPage,
): AsyncGenerator<Record<string, unknown>[]> {
  let page: RestPage | undefined = first;
  let path: string | undefined = api.dataPath(`/query?q=${encodeURIComponent(soql)}`);
  while (path) {
    page ??= await api.json<RestPage>({ path });
    yield page.records;
    path = page.done ? undefined : page.nextRecordsUrl;
    page = undefined;
  }
}

/**
 * A reader of one query's REST records into flat rows: { Event__r: { Name: 'x' } } → { 'Event__r.Name':
 * 'x' }; a blank parent gives null. DateTime fields are put in their canonical form; `object` names the
 * field in the error when one is not a datetime. The field paths are split once, not per record.
 */
export function restRowReader(
  fields: QuerySpec['fields'],
  object = 'record',
): (record: Record<string, unknown>) => FlatRow {
  const columns = Object.entries(fields).map(([path, kind]) => ({ path, kind, parts: path.split('.') }));
  return (record) => {
    const row: FlatRow = {};
    for (const { path, kind, parts } of columns) {
      let value: unknown = record;
      for (const part of parts)
        value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : null;
      if (value === undefined || value === null) row[path] = null;
      else row[path] = kind === 'datetime' ? canonicalDateTime(value, `${object}.${path}`) : (value as FlatValue);
    }
    return row;
  };
}

interface JobInfo {
  id: string;
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  errorMessage?: string;
  numberRecordsProcessed?: number;
}

const MAX_POLL_MS = 2_000;
/** With a row estimate, a long job is polled at most this far apart. */
const MAX_ESTIMATED_POLL_MS = 10_000;

/**
 * How long to wait before polling a job again. With an estimate of its rows and some progress, when
 * the job should be done at its rate so far (a little after, so one poll usually finds it done);
 * otherwise doubling from the first wait.
 */
export function nextPollWait(
  previousWait: number,
  progress: { elapsedMs: number; processed: number; expected?: number },
  firstWait: number,
): number {
  const { elapsedMs, processed, expected } = progress;
  if (expected && processed > 0 && processed < expected) {
    const remaining = ((expected - processed) * elapsedMs) / processed;
    return Math.round(Math.min(MAX_ESTIMATED_POLL_MS, Math.max(firstWait, remaining * 1.1)));
  }
  return Math.min(MAX_POLL_MS, previousWait * 2);
}

async function startBulk(api: OrgApi, spec: QuerySpec, options: QueryOptions): Promise<StartedQuery> {
  const job = await api.json<JobInfo>({
    method: 'POST',
    path: api.dataPath('/jobs/query'),
    body: { operation: 'query', query: soqlOf(spec) },
  });
  const created = Date.now();
  return { via: 'bulk', pages: () => bulkPages(api, spec, job, created, options) };
}

async function* bulkPages(
  api: OrgApi,
  spec: QuerySpec,
  job: JobInfo,
  created: number,
  options: QueryOptions,
): AsyncGenerator<FlatRow[]> {
  const firstWait = options.pollMs ?? 100;
  // A job started a while ago (others were read meanwhile) is asked about at once.
  let wait = Math.max(0, firstWait - (Date.now() - created));
  for (let info = job; info.state !== 'JobComplete';) {
    if (info.state === 'Failed' || info.state === 'Aborted')
      throw new OrgApiError(
        `Bulk query job ${job.id} ${info.state.toLowerCase()}: ${info.errorMessage ?? 'no reason given'}`,
        'BULK_QUERY_FAILED',
        400,
      );
    if (Date.now() - created > (options.timeoutMs ?? 30 * 60_000))
      throw new OrgApiError(`Bulk query job ${job.id} did not finish in time.`, 'BULK_QUERY_TIMEOUT', 0);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    info = await api.json<JobInfo>({ path: api.dataPath(`/jobs/query/${job.id}`) });
    wait = nextPollWait(
      Math.max(wait, firstWait),
      { elapsedMs: Date.now() - created, processed: info.numberRecordsProcessed ?? 0, expected: options.expectedRows },
      firstWait,
    );
  }
  let locator: string | null = '';
  while (locator !== null) {
    const path: string = api.dataPath(
      `/jobs/query/${job.id}/results${locator ? `?locator=${encodeURIComponent(locator)}` : ''}`,
    );
    let next: string | null = null;
    for await (const rows of streamPage(api, path, spec, (n) => (next = n))) yield rows;
    locator = next && next !== 'null' ? next : null;
  }
}

/** Rows handed on per piece of a results page: a page can be tens of megabytes. */
const ROWS_PER_PIECE = 5_000;

/**
 * One results page, parsed as its body arrives. A connection dropped mid-page is retried from the
 * same locator, skipping the rows already handed on (a page's content is fixed).
 */
async function* streamPage(
  api: OrgApi,
  path: string,
  spec: QuerySpec,
  onLocator: (next: string | null) => void,
): AsyncGenerator<FlatRow[]> {
  let delivered = 0;
  for (let attempt = 0; ; attempt++) {
    const response = await api.send({ path, accept: 'text/csv' });
    onLocator(response.headers.get('sforce-locator'));
    const chunker = new CsvChunker();
    const decoder = new TextDecoder('utf-8');
    let columns: { name: string; kind: FieldKind; field: string }[] | undefined;
    let seen = 0;
    let pending: FlatRow[] = [];
    const take = (records: string[][]) => {
      for (const cells of records) {
        if (!columns) {
          columns = cells.map((name) => ({
            name,
            kind: spec.fields[name] ?? 'string',
            field: `${spec.object}.${name}`,
          }));
          continue;
        }
        if (seen++ < delivered) continue;
        const row: FlatRow = {};
        columns.forEach(({ name, kind, field }, i) => (row[name] = typedCell(cells[i] ?? '', kind, field)));
        pending.push(row);
      }
    };
    try {
      if (response.body)
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          take(chunker.push(decoder.decode(chunk, { stream: true })));
          if (pending.length >= ROWS_PER_PIECE) {
            delivered += pending.length;
            const out = pending;
            pending = [];
            yield out;
          }
        }
      take(chunker.push(decoder.decode()));
      take(chunker.end());
    } catch (error) {
      // A value of the wrong type is in the page itself: reading it again would not change it.
      if (error instanceof FieldValueError || attempt >= 3) throw error;
      // Rows parsed but not yet handed on are parsed again from the retried page.
      continue;
    }
    if (pending.length) yield pending;
    return;
  }
}

/** A Bulk API CSV cell as the value REST would have given (a blank cell is null); `field` names it in errors. */
export function typedCell(text: string, kind: FieldKind, field: string): FlatValue {
  if (text === '') return null;
  if (kind === 'number') return Number(text);
  if (kind === 'boolean') return text === 'true';
  if (kind === 'datetime') return canonicalDateTime(text, field);
  return text;
}

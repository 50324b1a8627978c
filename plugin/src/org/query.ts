// SOQL results a page at a time, through REST (small sets) or a Bulk API 2.0 query job (large sets),
// as flat rows keyed by field path ('Event__r.Name') with typed values, whichever API answered.
// Memory holds one page, never the whole result.
import { CsvChunker } from '../report/csv.ts';
import { OrgApiError } from './api.ts';
import type { OrgApi } from './api.ts';

export type FieldKind = 'string' | 'number' | 'boolean';
export type FlatValue = string | number | boolean | null;
export type FlatRow = Record<string, FlatValue>;

export interface QuerySpec {
  object: string;
  /** Field paths and how to read them. */
  fields: Readonly<Record<string, FieldKind>>;
  where?: string;
  orderBy?: string;
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
  bulk: boolean;
  /** Bulk job polling: first wait, growing to at most 2 s (tests pass smaller). */
  pollMs?: number;
  /** Gives up on a bulk job after this long. */
  timeoutMs?: number;
}

export async function* queryPages(api: OrgApi, spec: QuerySpec, options: QueryOptions): AsyncGenerator<FlatRow[]> {
  if (options.bulk) yield* bulkPages(api, spec, options);
  else yield* restPages(api, spec);
}

interface RestPage {
  records: Record<string, unknown>[];
  done: boolean;
  nextRecordsUrl?: string;
}

async function* restPages(api: OrgApi, spec: QuerySpec): AsyncGenerator<FlatRow[]> {
  let path: string | undefined = api.dataPath(`/query?q=${encodeURIComponent(soqlOf(spec))}`);
  const paths = Object.keys(spec.fields);
  while (path) {
    const page: RestPage = await api.json<RestPage>({ path });
    yield page.records.map((record) => flattenRestRecord(record, paths));
    path = page.done ? undefined : page.nextRecordsUrl;
  }
}

/** { Event__r: { Name: 'x' } } → { 'Event__r.Name': 'x' }; a blank parent gives null. */
export function flattenRestRecord(record: Record<string, unknown>, paths: readonly string[]): FlatRow {
  const row: FlatRow = {};
  for (const path of paths) {
    let value: unknown = record;
    for (const part of path.split('.'))
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : null;
    row[path] = value === undefined ? null : (value as FlatValue);
  }
  return row;
}

interface JobInfo {
  id: string;
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  errorMessage?: string;
  numberRecordsProcessed?: number;
}

async function* bulkPages(api: OrgApi, spec: QuerySpec, options: QueryOptions): AsyncGenerator<FlatRow[]> {
  const job = await api.json<JobInfo>({
    method: 'POST',
    path: api.dataPath('/jobs/query'),
    body: { operation: 'query', query: soqlOf(spec) },
  });
  const started = Date.now();
  let wait = options.pollMs ?? 100;
  for (let info = job; info.state !== 'JobComplete';) {
    if (info.state === 'Failed' || info.state === 'Aborted')
      throw new OrgApiError(
        `Bulk query job ${job.id} ${info.state.toLowerCase()}: ${info.errorMessage ?? 'no reason given'}`,
        'BULK_QUERY_FAILED',
        400,
      );
    if (Date.now() - started > (options.timeoutMs ?? 30 * 60_000))
      throw new OrgApiError(`Bulk query job ${job.id} did not finish in time.`, 'BULK_QUERY_TIMEOUT', 0);
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(2_000, wait * 2);
    info = await api.json<JobInfo>({ path: api.dataPath(`/jobs/query/${job.id}`) });
  }
  let locator: string | null = '';
  while (locator !== null) {
    const path: string = api.dataPath(
      `/jobs/query/${job.id}/results${locator ? `?locator=${encodeURIComponent(locator)}` : ''}`,
    );
    let next: string | null = null;
    for await (const rows of streamPage(api, path, spec.fields, (n) => (next = n))) yield rows;
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
  kinds: QuerySpec['fields'],
  onLocator: (next: string | null) => void,
): AsyncGenerator<FlatRow[]> {
  let delivered = 0;
  for (let attempt = 0; ; attempt++) {
    const response = await api.send({ path, accept: 'text/csv' });
    onLocator(response.headers.get('sforce-locator'));
    const chunker = new CsvChunker();
    const decoder = new TextDecoder('utf-8');
    let header: string[] | undefined;
    let seen = 0;
    let pending: FlatRow[] = [];
    const take = (records: string[][]) => {
      for (const cells of records) {
        if (!header) {
          header = cells;
          continue;
        }
        if (seen++ < delivered) continue;
        const row: FlatRow = {};
        header.forEach((name, i) => (row[name] = typedCell(cells[i] ?? '', kinds[name] ?? 'string')));
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
      if (attempt >= 3) throw error;
      // Rows parsed but not yet handed on are parsed again from the retried page.
      continue;
    }
    if (pending.length) yield pending;
    return;
  }
}

function typedCell(text: string, kind: FieldKind): FlatValue {
  if (text === '') return null;
  if (kind === 'number') return Number(text);
  if (kind === 'boolean') return text === 'true';
  return text;
}

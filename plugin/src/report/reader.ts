// The report's queries: sent early (a Bulk API job starts running in the org at once), read a page at
// a time with progress, each noting which API read its object; a missing object or field of ours
// fails as MissingPackage.
import type { OrgApi } from '../org/api.ts';
import { startQuery } from '../org/query.ts';
import type { FlatRow, QueryOptions, QuerySpec, StartedQuery } from '../org/query.ts';
import { packageCheck } from './errors.ts';

export interface SentQuery {
  spec: QuerySpec;
  started: StartedQuery;
}

export class OrgReader {
  /** Which API read each object, in the order they were read. */
  public readonly readWith: Record<string, 'rest' | 'bulk'> = {};
  /** Objects with more rows than this are read with Bulk API 2.0. */
  public readonly threshold: number;
  private readonly api: OrgApi;
  private readonly pollMs: number | undefined;
  private readonly progress: (message: string) => void;

  public constructor(
    api: OrgApi,
    options: { bulkThreshold?: number; pollMs?: number },
    progress: (message: string) => void,
  ) {
    this.api = api;
    this.threshold = options.bulkThreshold ?? 10_000;
    this.pollMs = options.pollMs;
    this.progress = progress;
  }

  /** Sends a query now; its rows are read by `drain`. */
  public send(spec: QuerySpec, bulk: QueryOptions['bulk'], expectedRows?: number): Promise<SentQuery> {
    return packageCheck(async () => {
      const started = await startQuery(this.api, spec, {
        bulk,
        bulkAbove: this.threshold,
        expectedRows,
        pollMs: this.pollMs,
      });
      this.readWith[spec.object] = started.via;
      return { spec, started };
    });
  }

  /** Reads a sent query's pages into `each`, saying how many rows have come. */
  public drain(query: SentQuery, each: (rows: FlatRow[]) => void): Promise<void> {
    return packageCheck(async () => {
      let done = 0;
      for await (const page of query.started.pages()) {
        each(page);
        done += page.length;
        this.progress(`Reading ${query.spec.object}: ${done.toLocaleString('en-US')} rows`);
      }
    });
  }
}

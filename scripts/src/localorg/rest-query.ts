// REST query resources: query, queryAll and query/<locator>-<offset> (queryMore), in batches of
// up to 2,000 rows (Sforce-Query-Options: batchSize), and `columns=true` for `sf data query`.
import { randomBytes } from 'node:crypto';
import type { Engine } from './engine.ts';
import { SfError } from './errors.ts';
import { json } from './http.ts';
import type { ApiRequest, ApiResponse } from './http.ts';
import { SEGMENT } from './routes.ts';
import type { RouteRegistrar } from './routes.ts';
import { SoqlError, prepareQuery } from './soql/index.ts';
import type { PreparedQuery } from './soql/index.ts';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
/** Open cursors expire like Salesforce's (15 minutes of inactivity); keep at most this many. */
const LOCATOR_TTL_MS = 15 * 60_000;
const MAX_LOCATORS = 1000;

interface Locator {
  soql: string;
  includeDeleted: boolean;
  batchSize: number;
  totalSize: number;
  touched: number;
}

export class QueryResources {
  private readonly engine: Engine;
  private readonly userId: () => string;
  private readonly locators = new Map<string, Locator>();

  constructor(engine: Engine, userId: () => string) {
    this.engine = engine;
    this.userId = userId;
  }

  /** query and queryAll, and their next batches by locator. */
  registerRoutes(route: RouteRegistrar): void {
    route('GET', 'query', (req) => this.query(req, false));
    route('GET', 'queryAll', (req) => this.query(req, true));
    route('GET', `query/${SEGMENT}`, (req, [locator]) => this.queryMore(req, locator));
    route('GET', `queryAll/${SEGMENT}`, (req, [locator]) => this.queryMore(req, locator));
  }

  /** Compiles a query for this org (fiscal year from the Organization record). SOQL errors become 400s. */
  prepare(soql: string, includeDeleted: boolean): PreparedQuery {
    const org = this.engine.db.prepare('SELECT "FiscalYearStartMonth" AS m FROM "Organization" LIMIT 1').get() as
      { m: number } | undefined;
    const userId = this.userId();
    try {
      return prepareQuery(this.engine.schema, soql, {
        includeDeleted,
        now: this.engine.now(),
        fiscalYearStartMonth: org?.m ?? 1,
        userId,
        // The user's object, field and record access; none for the admin (no filters, no cost).
        security: this.engine.security.restricted(userId),
      });
    } catch (error) {
      if (error instanceof SoqlError) throw new SfError(error.errorCode, error.message, [], 400);
      throw error;
    }
  }

  query(req: ApiRequest, includeDeleted: boolean): ApiResponse {
    const soql = req.query.get('q');
    if (!soql) throw new SfError('MALFORMED_QUERY', 'A query string has to be specified', [], 400);
    const prepared = this.prepare(soql, includeDeleted);
    if (req.query.get('columns') === 'true') return json(200, prepared.describeColumns());
    const batchSize = batchSizeOf(req.headers['sforce-query-options']);
    const totalSize = prepared.totalSize(this.engine.db);
    if (prepared.kind === 'count') return json(200, { totalSize, done: true, records: [] });
    // Aggregate results are not paged (Salesforce caps them at 2,000 groups).
    const pageSize = prepared.kind === 'aggregate' ? Number.MAX_SAFE_INTEGER : batchSize;
    return this.page(
      prepared,
      req.version,
      { soql, includeDeleted, batchSize, totalSize, touched: Date.now() },
      0,
      pageSize,
    );
  }

  queryMore(req: ApiRequest, locatorAndOffset: string): ApiResponse {
    const [id, offsetText] = locatorAndOffset.split('-');
    this.expireLocators();
    const locator = this.locators.get(id);
    const offset = Number(offsetText);
    if (!locator || !Number.isInteger(offset) || offset < 0)
      throw new SfError('INVALID_QUERY_LOCATOR', 'invalid query locator', [], 400);
    locator.touched = Date.now();
    const prepared = this.prepare(locator.soql, locator.includeDeleted);
    return this.page(prepared, req.version, locator, offset, locator.batchSize, id);
  }

  private page(
    prepared: PreparedQuery,
    version: string,
    locator: Locator,
    offset: number,
    pageSize: number,
    existingId?: string,
  ): ApiResponse {
    const records: unknown[] = [];
    for (const record of prepared.records(this.engine.db, version, offset)) {
      records.push(record);
      if (records.length >= pageSize) break;
    }
    const next = offset + records.length;
    const done = next >= locator.totalSize || records.length < pageSize;
    const body: Record<string, unknown> = { totalSize: locator.totalSize, done, records };
    if (!done) {
      const id = existingId ?? this.newLocator(locator);
      body.nextRecordsUrl = `/services/data/v${version}/query/${id}-${next}`;
    } else if (existingId) this.locators.delete(existingId);
    return json(200, body);
  }

  private newLocator(locator: Locator): string {
    this.expireLocators();
    if (this.locators.size >= MAX_LOCATORS) this.locators.delete(this.locators.keys().next().value!);
    // Shaped like Salesforce's: 0r8 key prefix, 15 characters.
    const id = `0r8${randomBytes(6).toString('hex').toUpperCase()}`;
    this.locators.set(id, locator);
    return id;
  }

  private expireLocators(): void {
    const now = Date.now();
    for (const [id, l] of this.locators) if (now - l.touched > LOCATOR_TTL_MS) this.locators.delete(id);
  }
}

/** `Sforce-Query-Options: batchSize=500` → 500, kept within Salesforce's 200–2,000 range. */
function batchSizeOf(header: string | undefined): number {
  const n = Number(/batchSize\s*=\s*(\d+)/i.exec(header ?? '')?.[1] ?? DEFAULT_BATCH);
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, n));
}

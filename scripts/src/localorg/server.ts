// The local org's HTTP server: authentication, API-call accounting, fault injection, and routing of
// the Salesforce REST resources the package, the plugin, jsforce and the sf CLI use.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Engine } from './engine.ts';
import { identityDocument, userInfo } from './identity.ts';
import type { Session } from './identity.ts';
import { SfError } from './errors.ts';
import { ApiCounter, FaultInjector } from './faults.ts';
import type { FaultOptions } from './faults.ts';
import { errorResponse, json, parseJsonBody, readBody, send } from './http.ts';
import type { ApiRequest, ApiResponse } from './http.ts';
import { bootstrapOrg } from './org.ts';
import type { OrgIdentity } from './org.ts';
import { registerAdminRoutes, unknownAdminResource } from './admin.ts';
import { registerDescribeRoutes } from './describe.ts';
import { registerGraphqlRoutes } from './graphql.ts';
import { UiApiResources } from './ui-api.ts';
import { RecordResources } from './rest-records.ts';
import { QueryResources } from './rest-query.ts';
import { BulkApi, flattenRecord } from './bulk/index.ts';
import { loadSchema } from './schema.ts';
import { ApprovalEngine } from './approvals.ts';
import { Router } from './routes.ts';
import type { RouteHandler } from './routes.ts';
import { canReadField } from './security.ts';
import { ensureGroups, userForToken } from './users.ts';

/** Versions /services/data lists; older ones down to 20.0 are still answered, as Salesforce does. */
export const API_VERSIONS = Array.from({ length: 66 - 31 + 1 }, (_, i) => `${31 + i}.0`);
const isSupportedVersion = (v: string) => Number(v) >= 20 && Number(v) <= 66 && /^\d+\.0$/.test(v);
const DAILY_API_LIMIT = 15_000_000;

export interface LocalOrgOptions {
  /** Project root holding force-app. */
  root: string;
  /** SQLite file, or ':memory:'. */
  database: string;
  port: number;
  host?: string;
  fiscalYearStartMonth?: number;
  accessToken?: string;
  faults?: Partial<FaultOptions>;
}

export class LocalOrg {
  readonly engine: Engine;
  readonly identity: OrgIdentity;
  readonly counter = new ApiCounter();
  readonly faults: FaultInjector;
  private readonly options: LocalOrgOptions;
  private readonly records: RecordResources;
  readonly queries: QueryResources;
  readonly bulk: BulkApi;
  readonly approvals: ApprovalEngine;
  /** The REST resources under /services/data/vXX.X/, each registered by its own module. */
  private readonly routes = new Router();
  /** The admin resources under /__admin/ (no session). */
  private readonly adminRoutes = new Router<http.IncomingMessage>();
  /** The user whose session made the request being served (the admin outside requests). */
  private readonly session = new AsyncLocalStorage<string>();
  private server?: http.Server;
  private baseUrl = '';

  constructor(options: LocalOrgOptions) {
    this.options = options;
    const db = new DatabaseSync(options.database === ':memory:' ? ':memory:' : path.resolve(options.database));
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;');
    this.engine = new Engine(db, loadSchema(options.root));
    this.identity = bootstrapOrg(this.engine, {
      fiscalYearStartMonth: options.fiscalYearStartMonth ?? 4,
      accessToken: options.accessToken,
    });
    ensureGroups(this.engine, { userId: this.identity.userId });
    this.engine.syncPermissionSetAssignments();
    this.approvals = new ApprovalEngine(this.engine);
    this.faults = new FaultInjector(options.faults);
    this.records = new RecordResources(this.engine, () => ({ userId: this.currentUserId() }));
    this.queries = new QueryResources(this.engine, () => this.currentUserId());
    this.bulk = new BulkApi({
      engine: this.engine,
      context: () => ({ userId: this.currentUserId() }),
      // Bulk query results are streamed to disk and from there to the client, never held in memory.
      streamResults: true,
      queries: {
        run: (soql, { includeDeleted }) => {
          const prepared = this.queries.prepare(soql, includeDeleted);
          const columns = prepared.columnPaths();
          const records = prepared.records(this.engine.db, API_VERSIONS[API_VERSIONS.length - 1]);
          return {
            columns,
            rows: (function* () {
              for (const r of records) yield flattenRecord(r, columns);
            })(),
          };
        },
      },
    });
    this.registerRoutes();
  }

  /** The user making the current request; the admin when called outside a request. */
  currentUserId(): string {
    return this.session.getStore() ?? this.identity.userId;
  }

  /** The current user's access to check, or undefined for the admin (who sees everything). */
  private access() {
    return this.engine.security.restricted(this.currentUserId());
  }

  get instanceUrl(): string {
    return this.baseUrl;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://${this.options.host ?? '127.0.0.1'}:${address.port}`;
    return this.baseUrl;
  }

  /** Stops accepting requests, waits for those under way, and closes the database. */
  async stop(): Promise<void> {
    if (this.server) {
      const server = this.server;
      this.server = undefined;
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.bulk.close();
    this.engine.db.close();
  }

  // ------------------------------------------------------------------ routing

  /** Every resource adds its own routes; order matters where patterns overlap (describe before records). */
  private registerRoutes(): void {
    const route = this.routes.add;
    route('GET', '', (req) => json(200, this.versionRoot(req.version)));
    route('GET', 'limits', () => json(200, this.limits()));
    registerDescribeRoutes(route, this.engine, () => this.access());
    this.records.registerRoutes(route, (sub) => this.dispatchSync(sub));
    this.bulk.registerRoutes(route);
    const uiApi = new UiApiResources({
      engine: this.engine,
      prepare: (soql) => this.queries.prepare(soql, false),
      userId: () => this.currentUserId(),
    });
    uiApi.registerRoutes(route);
    registerGraphqlRoutes(route, () => ({
      schema: this.engine.schema,
      db: this.engine.db,
      prepare: (soql) => this.queries.prepare(soql, false),
      // @optional leaves out the fields the requesting user cannot read; the admin reads every field,
      // so their requests skip the check on every field of every row.
      canReadField: this.access()
        ? (objectName, fieldName) => canReadField(this.engine, this.currentUserId(), objectName, fieldName)
        : undefined,
    }));
    this.approvals.registerRoutes(route, () => this.currentUserId());
    this.queries.registerRoutes(route);
    registerAdminRoutes(this.adminRoutes.add, {
      engine: this.engine,
      counter: this.counter,
      faults: this.faults,
      adminUserId: this.identity.userId,
    });
  }

  /** Finds the handler for a request; composite subrequests must be synchronous. */
  private match(req: ApiRequest): { handler: RouteHandler; params: string[] } | ApiResponse {
    const found = this.routes.find(req.method, req.path);
    if (found && found !== 'wrongMethod') return found;
    if (found === 'wrongMethod')
      return json(405, [
        {
          errorCode: 'METHOD_NOT_ALLOWED',
          message: `HTTP Method '${req.method}' not allowed. Allowed are GET,PATCH,DELETE,POST`,
          fields: [],
        },
      ]);
    return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }]);
  }

  private dispatchSync(req: ApiRequest): ApiResponse {
    const found = this.match(req);
    if (!('handler' in found)) return found;
    try {
      const result = found.handler(req, found.params);
      if (result instanceof Promise)
        return json(400, [
          { errorCode: 'INVALID_API_INPUT', message: `${req.path} cannot be a composite subrequest`, fields: [] },
        ]);
      return result;
    } catch (error) {
      return errorResponse(error);
    }
  }

  private async dispatch(req: ApiRequest): Promise<ApiResponse> {
    const found = this.match(req);
    if (!('handler' in found)) return found;
    try {
      return await found.handler(req, found.params);
    } catch (error) {
      return errorResponse(error);
    }
  }

  // ------------------------------------------------------------------ HTTP

  /** The user the request's session token belongs to, or undefined. */
  private authenticate(req: http.IncomingMessage): string | undefined {
    const header = req.headers.authorization ?? '';
    const token = header.replace(/^(Bearer|OAuth)\s+/i, '');
    if (!token) return undefined;
    if (token === this.identity.accessToken) return this.identity.userId;
    return userForToken(this.engine, token);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      // Instance URLs are stored with a trailing slash: requests arrive as //services/… (toolchain.md).
      const url = new URL((req.url ?? '/').replace(/^\/+/, '/'), 'http://local');
      const pathname = url.pathname;
      if (pathname.startsWith('/__admin/')) return send(res, await this.admin(req, pathname));
      if (pathname === '/services/data' || pathname === '/services/data/') return send(res, json(200, this.versions()));
      const isApi = pathname.startsWith('/services/') || pathname.startsWith('/id/');
      if (!isApi)
        return send(
          res,
          json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }]),
        );
      const userId = this.authenticate(req);
      if (!userId)
        return send(res, json(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]));
      await this.session.run(userId, () => this.serve(req, res, url));
    } catch (error) {
      send(
        res,
        errorResponse(
          error instanceof SfError ? error : new SfError('UNKNOWN_EXCEPTION', (error as Error).message, [], 500),
        ),
      );
    }
  }

  /** Serves an authenticated API request (inside the user's session). */
  private async serve(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const pathname = url.pathname;
    try {
      const method = (req.method ?? 'GET').toUpperCase();
      const kind = this.kindOf(pathname);
      this.counter.count(kind);
      if (this.faults.settings.latencyMs > 0)
        await new Promise((resolve) => setTimeout(resolve, this.faults.settings.latencyMs));
      const fault = this.faults.draw(method !== 'GET');
      if (fault?.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault) return send(res, json(fault.status, [{ message: fault.message, errorCode: fault.errorCode }]));
      if (pathname === '/services/oauth2/userinfo') return send(res, json(200, userInfo(this.sessionFacts())));
      if (pathname.startsWith('/id/')) return send(res, json(200, identityDocument(this.sessionFacts())));
      const m = /^\/services\/data\/v(\d+\.\d)(?:\/(.*))?$/.exec(pathname);
      if (!m)
        return send(
          res,
          json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }]),
        );
      const version = m[1];
      if (!isSupportedVersion(version))
        return send(
          res,
          json(404, [
            {
              errorCode: 'NOT_FOUND',
              message: `The requested version ${version} is not supported; supported: 20.0 to 66.0`,
              fields: [],
            },
          ]),
        );
      const rawBody = await readBody(req);
      const contentType = req.headers['content-type'] ?? '';
      const body = contentType.includes('text/csv') ? rawBody : parseJsonBody(rawBody);
      const apiRequest: ApiRequest = {
        method,
        path: (m[2] ?? '').replace(/\/$/, ''),
        version,
        query: url.searchParams,
        headers: req.headers as Record<string, string | undefined>,
        body,
        rawBody,
      };
      send(res, await this.dispatch(apiRequest));
    } catch (error) {
      send(
        res,
        errorResponse(
          error instanceof SfError ? error : new SfError('UNKNOWN_EXCEPTION', (error as Error).message, [], 500),
        ),
      );
    }
  }

  private kindOf(pathname: string): string {
    if (pathname.includes('/jobs/')) return 'bulk';
    if (/\/query(All)?\b/.test(pathname)) return 'query';
    if (pathname.includes('/composite')) return 'composite';
    if (pathname.includes('/ui-api/')) return 'ui-api';
    if (pathname.includes('/sobjects')) return 'sobjects';
    if (pathname.startsWith('/id/') || pathname.includes('/oauth2/')) return 'identity';
    return 'other';
  }

  // ------------------------------------------------------------------ documents

  private versions() {
    return API_VERSIONS.map((v) => ({ label: `API ${v}`, url: `/services/data/v${v}`, version: v }));
  }

  private versionRoot(v: string) {
    const base = `/services/data/v${v}`;
    return {
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      composite: `${base}/composite`,
      limits: `${base}/limits`,
      jobs: `${base}/jobs`,
      'jobs/ingest': `${base}/jobs/ingest`,
      'jobs/query': `${base}/jobs/query`,
      'ui-api': `${base}/ui-api`,
      identity: `${this.baseUrl}/id/${this.identity.orgId}/${this.currentUserId()}`,
    };
  }

  private limits() {
    const used = this.counter.total;
    const limit = (max: number, usedNow = 0) => ({ Max: max, Remaining: Math.max(0, max - usedNow) });
    return {
      DailyApiRequests: limit(DAILY_API_LIMIT, used),
      DailyBulkApiBatches: limit(15_000),
      DailyBulkV2QueryJobs: limit(10_000),
      DailyBulkV2QueryFileStorageMB: limit(976_562),
      DataStorageMB: limit(1024),
      FileStorageMB: limit(1024),
    };
  }

  /** The facts the identity documents are made of, for the current request's user. */
  private sessionFacts(): Session {
    return { engine: this.engine, identity: this.identity, baseUrl: this.baseUrl, userId: this.currentUserId() };
  }

  // ------------------------------------------------------------------ admin

  private async admin(req: http.IncomingMessage, pathname: string): Promise<ApiResponse> {
    const found = this.adminRoutes.find((req.method ?? 'GET').toUpperCase(), pathname);
    if (!found || found === 'wrongMethod') return unknownAdminResource();
    return found.handler(req, found.params);
  }
}

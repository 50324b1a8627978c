// The REST and Bulk API 2.0 calls the report makes, over fetch with the org's session: every call is
// counted (the figure the command reports), transient failures of safe calls are retried with
// backoff, and bodies are streamed so a large result never sits in memory whole.
import type { Connection } from '@salesforce/core';

export interface OrgApiOptions {
  retries?: number;
  /** Waits between retries (tests pass a short one). */
  sleep?: (ms: number) => Promise<void>;
}

/** A failed API call, with Salesforce's error code when the org gave one. */
export class OrgApiError extends Error {
  public readonly errorCode: string;
  public readonly status: number;

  public constructor(message: string, errorCode: string, status: number) {
    super(message);
    this.name = 'OrgApiError';
    this.errorCode = errorCode;
    this.status = status;
  }
}

const RETRYABLE_CODES = new Set([
  'SERVER_UNAVAILABLE',
  'REQUEST_LIMIT_EXCEEDED',
  'UNABLE_TO_LOCK_ROW',
  'CONNECTION_DROPPED',
]);

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path below the instance ('/services/data/v66.0/query?q=…'), or a full URL on it. */
  path: string;
  /** JSON-encoded, unless contentType says otherwise (then sent as the string it is). */
  body?: unknown;
  contentType?: string;
  accept?: string;
}

/** What the API needs of a connection (a @salesforce/core Connection has it). */
export type OrgSession = Pick<Connection, 'instanceUrl' | 'accessToken' | 'version'> & {
  refreshAuth?: () => Promise<unknown>;
};

export class OrgApi {
  public calls = 0;
  private readonly retries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly conn: OrgSession;

  public constructor(conn: OrgSession, options: OrgApiOptions = {}) {
    this.conn = conn;
    this.retries = options.retries ?? 6;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  public get version(): string {
    return this.conn.version;
  }

  public get instanceUrl(): string {
    return this.conn.instanceUrl;
  }

  /** `/services/data/vXX.X` + rest. */
  public dataPath(rest: string): string {
    return `/services/data/v${this.conn.version}${rest}`;
  }

  /** Sends a request, retrying 503s, request limits, locks and dropped connections; returns the response. */
  public async send(request: ApiRequest): Promise<Response> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        this.calls++;
        response = await fetch(new URL(request.path, this.conn.instanceUrl), {
          method: request.method ?? 'GET',
          headers: {
            Authorization: `Bearer ${this.conn.accessToken ?? ''}`,
            Accept: request.accept ?? 'application/json',
            ...(request.body !== undefined ? { 'Content-Type': request.contentType ?? 'application/json' } : {}),
          },
          body:
            request.body === undefined
              ? undefined
              : request.contentType && request.contentType !== 'application/json'
                ? String(request.body)
                : JSON.stringify(request.body),
        });
      } catch (error) {
        if (attempt < this.retries) {
          await this.sleep(backoff(attempt));
          continue;
        }
        throw new OrgApiError(
          `Could not reach ${this.conn.instanceUrl}: ${(error as Error).message}`,
          'CONNECTION_DROPPED',
          0,
        );
      }
      if (response.ok) return response;
      const failure = await errorOf(response);
      if (failure.errorCode === 'INVALID_SESSION_ID' && !refreshed && this.conn.refreshAuth) {
        // A refresh token (web or JWT login) gets a new session; an access-token login cannot.
        refreshed = true;
        try {
          await this.conn.refreshAuth();
          continue;
        } catch {
          throw failure;
        }
      }
      if (RETRYABLE_CODES.has(failure.errorCode) && attempt < this.retries) {
        await this.sleep(backoff(attempt));
        continue;
      }
      throw failure;
    }
  }

  public async json<T>(request: ApiRequest): Promise<T> {
    const response = await this.send(request);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

const backoff = (attempt: number) => Math.min(8_000, 200 * 2 ** attempt);

async function errorOf(response: Response): Promise<OrgApiError> {
  const text = await response.text().catch(() => '');
  let errorCode = `HTTP_${response.status}`;
  let message = text.slice(0, 500) || response.statusText;
  try {
    const body = JSON.parse(text) as unknown;
    const first = (Array.isArray(body) ? body[0] : body) as { errorCode?: string; message?: string } | undefined;
    if (first?.errorCode) errorCode = first.errorCode;
    if (first?.message) message = first.message;
  } catch {
    // not JSON: keep the text
  }
  return new OrgApiError(message, errorCode, response.status);
}

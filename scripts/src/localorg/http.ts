// Minimal HTTP plumbing for the local org: a request/response pair handlers can also be called with
// internally (Composite subrequests), JSON bodies, and Salesforce-shaped error responses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { SfError, asSfErrors } from './errors.ts';

export interface ApiRequest {
  method: string;
  /** Path without the /services/data/vXX.X prefix, e.g. `sobjects/Contact/003…`. */
  path: string;
  version: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** Parsed JSON body (undefined when none), or the raw text for CSV uploads. */
  body: unknown;
  rawBody?: string;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  /** Text bodies (CSV) are sent as-is with this content type. */
  contentType?: string;
  headers?: Record<string, string>;
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): ApiResponse => ({
  status,
  body,
  headers,
});

/** Salesforce REST error body: an array of { message, errorCode, fields }. */
export function errorResponse(error: unknown): ApiResponse {
  const errors = asSfErrors(error);
  return json(
    errors[0]?.status ?? 400,
    errors.map((e) => e.toJSON()),
  );
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseJsonBody(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SfError('JSON_PARSER_ERROR', `Unexpected character in JSON: ${(error as Error).message}`, [], 400);
  }
}

export function send(res: ServerResponse, response: ApiResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (response.body instanceof Readable) {
    // Large bodies (Bulk API result pages) stream from disk instead of being built in memory.
    headers['Content-Type'] = response.contentType ?? 'application/octet-stream';
    res.writeHead(response.status, headers);
    response.body.pipe(res);
    return;
  }
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const isText = typeof response.body === 'string' && response.contentType !== undefined;
  headers['Content-Type'] = isText ? response.contentType! : 'application/json;charset=UTF-8';
  const payload = isText ? (response.body as string) : JSON.stringify(response.body);
  res.writeHead(response.status, headers);
  res.end(payload);
}

// Bulk request parsing: JSON bodies, enumerated properties, CSV settings, locators and list filters.
import { isColumnDelimiter, isLineEnding } from '../csv.ts';
import type { ColumnDelimiter, LineEnding } from '../csv.ts';
import type { ApiRequest } from '../http.ts';
import { BulkError, invalidProperty } from './protocol.ts';

export function bodyObject(req: ApiRequest): Record<string, unknown> {
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body))
    throw new BulkError(400, 'API_ERROR', 'The request body must be a JSON object');
  return req.body as Record<string, unknown>;
}

export function enumProperty<T extends string>(
  body: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const value = body[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalidProperty(name, value);
}

export function dataSettings(body: Record<string, unknown>): {
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
} {
  if (body.contentType !== undefined && body.contentType !== 'CSV')
    throw invalidProperty('contentType', body.contentType);
  const lineEnding = body.lineEnding ?? 'LF';
  const columnDelimiter = body.columnDelimiter ?? 'COMMA';
  if (!isLineEnding(lineEnding)) throw invalidProperty('lineEnding', lineEnding);
  if (!isColumnDelimiter(columnDelimiter)) throw invalidProperty('columnDelimiter', columnDelimiter);
  return { lineEnding, columnDelimiter };
}

/** Result locators are the row offset in base64 without padding ("MTAwMDA" is row 10000), like Salesforce's. */
export function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

export function decodeLocator(locator: string | null): number {
  if (locator === null || locator === '') return 0;
  const text = /^[A-Za-z0-9+/]+$/.test(locator) ? Buffer.from(locator, 'base64').toString('utf8') : '';
  if (!/^\d+$/.test(text) || encodeLocator(Number(text)) !== locator)
    throw new BulkError(400, 'INVALID_QUERY_LOCATOR', `invalid query locator: ${locator}`);
  return Number(text);
}

export function parseMaxRecords(value: string | null): number {
  if (value === null || value === '') return Number.POSITIVE_INFINITY;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw invalidProperty('maxRecords', value);
  return Number(value);
}

export function listOffset(req: ApiRequest): number {
  const locator = req.query.get('queryLocator');
  if (locator === null || locator === '') return 0;
  if (!/^\d+$/.test(locator)) throw new BulkError(400, 'INVALID_QUERY_LOCATOR', `invalid query locator: ${locator}`);
  return Number(locator);
}

/** Filters of Get All Jobs that only Bulk API 1.0 jobs (which the local org has none of) can match. */
export function listFilterExcludes(req: ApiRequest, jobType: string): boolean {
  const type = req.query.get('jobType');
  const mode = req.query.get('concurrencyMode');
  return (
    (type !== null && type !== jobType) ||
    req.query.get('isPkChunkingEnabled') === 'true' ||
    (mode !== null && mode.toLowerCase() !== 'parallel')
  );
}

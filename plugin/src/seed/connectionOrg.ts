// The seed loader's view of a real org, over a @salesforce/core Connection (jsforce): collections
// upserts, and SOQL reads of existing records by external id.
import type { Connection } from '@salesforce/core';
import type { SeedRecord } from './generate.ts';
import type { OrgApi } from '../org/api.ts';
import { soqlString } from '../org/query.ts';
import { bulkExisting, bulkUpsert } from './bulkOrg.ts';
import type { SeedOrg, UpsertResult } from './load.ts';

/** API calls made through a connection, as the org's DailyApiRequests counts them. */
export interface ApiCallCounter {
  calls: number;
}

/**
 * Counts every REST request the connection sends. jsforce routes queries, queryMore pages and
 * collection calls through Connection.request but offers no per-connection hook, so the method is
 * wrapped on this instance.
 */
export function countApiCalls(conn: Connection): ApiCallCounter {
  const counter = { calls: 0 };
  const original = conn.request.bind(conn) as (...args: unknown[]) => unknown;
  (conn as unknown as { request: (...args: unknown[]) => unknown }).request = (...args: unknown[]) => {
    counter.calls++;
    return original(...args);
  };
  return counter;
}

/** REST collections and SOQL through the connection; with `api`, Bulk API 2.0 for large objects too. */
export function connectionOrg(conn: Connection, api?: OrgApi): SeedOrg {
  return {
    ...(api
      ? {
          bulk: {
            upsert: (object, key, records) => bulkUpsert(api, object, key, records),
            existing: (object, key, paths, sample) => bulkExisting(api, object, key, paths, sample),
          },
        }
      : {}),
    async upsert(object: string, externalIdField: string, records: SeedRecord[]): Promise<UpsertResult[]> {
      const result = await conn.sobject(object).upsert(records as never[], externalIdField, { allOrNone: false });
      return (Array.isArray(result) ? result : [result]) as unknown as UpsertResult[];
    },
    async existing(
      object: string,
      externalIdField: string,
      fieldPaths: string[],
      keys: string[],
    ): Promise<Record<string, unknown>[]> {
      if (!keys.length) return [];
      const fields = [...new Set(['Id', externalIdField, ...fieldPaths])].join(', ');
      const soql = `SELECT ${fields} FROM ${object} WHERE ${externalIdField} IN (${keys.map(soqlString).join(', ')})`;
      const result = await conn.query<Record<string, unknown>>(soql, { autoFetch: true, maxFetch: keys.length + 1 });
      return result.records;
    },
  };
}

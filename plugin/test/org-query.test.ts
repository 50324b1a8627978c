// Reading query results: REST or a Bulk API 2.0 job, chosen up front or by the first REST page; bulk
// jobs sent before they are read; polls timed by the job's progress. Against the local org.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '@salesforce/core';
import type { LocalOrg } from '../../scripts/src/localorg/server.ts';
import { OrgApi } from '../src/org/api.ts';
import { nextPollWait, queryPages, startQuery } from '../src/org/query.ts';
import type { FlatRow, QuerySpec } from '../src/org/query.ts';
import { startOrgWithPacks } from './localOrg.ts';

const CONTACTS = 30;
const spec: QuerySpec = {
  object: 'Contact',
  fields: { Id: 'string', LastName: 'string', CME_HCP_Key__c: 'string' },
  where: "CME_HCP_Key__c LIKE 'Q-%'",
};

async function rowsOf(pages: AsyncGenerator<FlatRow[]>): Promise<FlatRow[]> {
  const rows: FlatRow[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}

describe('query results through REST and Bulk API 2.0', () => {
  let org: LocalOrg;
  let conn: Connection;

  before(async () => {
    ({ org, conn } = await startOrgWithPacks());
    const records = Array.from({ length: CONTACTS }, (_, i) => ({
      attributes: { type: 'Contact' },
      LastName: `Query ${i}`,
      CME_HCP_Key__c: `Q-${i}`,
    }));
    await conn.requestPost(`/services/data/v${conn.version}/composite/sobjects`, { allOrNone: true, records });
  });
  after(async () => {
    await org.stop();
  });

  it('gives the same rows through REST and Bulk API 2.0', async () => {
    const byKey = (rows: FlatRow[]) => rows.map((r) => `${r.CME_HCP_Key__c}|${r.LastName}`).sort();
    const rest = await rowsOf(queryPages(new OrgApi(conn), spec, { bulk: false }));
    const bulk = await rowsOf(queryPages(new OrgApi(conn), spec, { bulk: true, pollMs: 5 }));
    assert.equal(rest.length, CONTACTS);
    assert.deepEqual(byKey(bulk), byKey(rest));
  });

  it('gives DateTime fields in one form, ISO 8601 UTC with Z, through REST and Bulk API 2.0', async () => {
    const dated: QuerySpec = { ...spec, fields: { ...spec.fields, CreatedDate: 'datetime' } };
    const byKey = (rows: FlatRow[]) => rows.map((r) => `${r.CME_HCP_Key__c}|${r.CreatedDate}`).sort();
    const rest = await rowsOf(queryPages(new OrgApi(conn), dated, { bulk: false }));
    const bulk = await rowsOf(queryPages(new OrgApi(conn), dated, { bulk: true, pollMs: 5 }));
    assert.equal(rest.length, CONTACTS);
    for (const row of rest) assert.match(String(row.CreatedDate), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(byKey(bulk), byKey(rest));
  });

  it("'auto' keeps to REST under the threshold, spending no call on a count", async () => {
    const api = new OrgApi(conn);
    const started = await startQuery(api, spec, { bulk: 'auto', bulkAbove: CONTACTS });
    assert.equal(started.via, 'rest');
    assert.equal((await rowsOf(started.pages())).length, CONTACTS);
    assert.equal(api.calls, 1);
  });

  it("'auto' switches to Bulk API 2.0 when the first page says there are more rows than the threshold", async () => {
    const api = new OrgApi(conn);
    const started = await startQuery(api, spec, { bulk: 'auto', bulkAbove: CONTACTS - 1, pollMs: 5 });
    assert.equal(started.via, 'bulk');
    assert.equal((await rowsOf(started.pages())).length, CONTACTS);
  });

  it('creates a bulk job when started and reads it later with one poll once it is done', async () => {
    const api = new OrgApi(conn);
    const started = await startQuery(api, spec, { bulk: true, pollMs: 5 });
    assert.equal(api.calls, 1, 'the job is created at once');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await rowsOf(started.pages())).length, CONTACTS);
    assert.equal(api.calls, 3, 'create, one poll, one results page');
  });
});

describe('nextPollWait', () => {
  it('waits until the job should be done at its rate so far, plus a tenth', () => {
    // 1,000 of 5,000 rows in 2 s: 8 s to go.
    assert.equal(nextPollWait(100, { elapsedMs: 2_000, processed: 1_000, expected: 5_000 }, 100), 8_800);
  });

  it('waits at least the first wait and at most 10 s with an estimate', () => {
    assert.equal(nextPollWait(100, { elapsedMs: 10, processed: 4_999, expected: 5_000 }, 100), 100);
    assert.equal(nextPollWait(100, { elapsedMs: 60_000, processed: 10, expected: 5_000 }, 100), 10_000);
  });

  it('doubles up to 2 s without an estimate, without progress, or past the estimate', () => {
    assert.equal(nextPollWait(100, { elapsedMs: 500, processed: 0, expected: 5_000 }, 100), 200);
    assert.equal(nextPollWait(1_500, { elapsedMs: 500, processed: 10 }, 100), 2_000);
    assert.equal(nextPollWait(400, { elapsedMs: 500, processed: 6_000, expected: 5_000 }, 100), 800);
  });
});

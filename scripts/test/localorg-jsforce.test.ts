// jsforce, used unchanged, against the local org: CRUD, collections, upsert, and query with
// autoFetch across many batches.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsforce from 'jsforce';
import { LocalOrg } from '../src/localorg/server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('jsforce against the local org', () => {
  let org: LocalOrg;
  let conn: jsforce.Connection;

  before(async () => {
    org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0 });
    const instanceUrl = await org.start();
    conn = new jsforce.Connection({ instanceUrl, accessToken: org.identity.accessToken, version: '66.0' });
  });
  after(() => org.stop());

  it('creates, retrieves, updates and deletes', async () => {
    const created = await conn
      .sobject('Contact')
      .create({ FirstName: 'Meera', LastName: 'Nair', CME_Specialty__c: 'Oncology' });
    assert.equal(created.success, true);
    const id = created.id!;
    const got = (await conn.sobject('Contact').retrieve(id)) as Record<string, unknown>;
    assert.equal(got.Name, 'Meera Nair');
    await conn.sobject('Contact').update({ Id: id, CME_Territory__c: 'Kerala-South' });
    assert.equal(
      ((await conn.sobject('Contact').retrieve(id)) as Record<string, unknown>).CME_Territory__c,
      'Kerala-South',
    );
    const removed = await conn.sobject('Contact').destroy(id);
    assert.equal(removed.success, true);
  });

  it('reports a Salesforce error code on a failed create', async () => {
    await assert.rejects(
      conn.sobject('Contact').create({ LastName: 'X', CME_Specialty__c: 'Astrology' }),
      (error: { errorCode?: string }) => error.errorCode === 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    );
  });

  it('creates and upserts many records through sObject Collections', async () => {
    const records = Array.from({ length: 150 }, (_, i) => ({ LastName: `Batch ${i}`, CME_HCP_Key__c: `JS-${i}` }));
    const created = await conn.sobject('Contact').create(records, { allOrNone: true });
    assert.equal(created.filter((r) => r.success).length, 150);
    const upserted = await conn.sobject('Contact').upsert(
      records.map((r) => ({ ...r, CME_Territory__c: 'West' })),
      'CME_HCP_Key__c',
      { allOrNone: true },
    );
    assert.equal(upserted.filter((r) => r.success && !(r as { created?: boolean }).created).length, 150);
  });

  it('queries more than 5,000 rows with autoFetch across batches', async () => {
    const ctx = { userId: org.identity.userId };
    org.engine.transaction(() => {
      for (let i = 0; i < 5200; i++)
        org.engine.insert('Contact', { LastName: `Auto ${String(i).padStart(5, '0')}`, MailingCountry: 'IN' }, ctx);
    });
    const result = await conn.query("SELECT Id, LastName FROM Contact WHERE MailingCountry = 'IN' ORDER BY LastName", {
      autoFetch: true,
      maxFetch: 10000,
    });
    assert.equal(result.totalSize, 5200);
    assert.equal(result.records.length, 5200);
    assert.equal((result.records[5199] as { LastName: string }).LastName, 'Auto 05199');
  });
});

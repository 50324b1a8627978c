// The rule packs in config/rule-packs load into the local org, and loading again changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/localorg/engine.ts';
import { bootstrapOrg } from '../src/localorg/org.ts';
import { loadPlan } from '../src/localorg/config-data.ts';
import { loadSchema } from '../src/localorg/schema.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('config data', () => {
  it('loads the three rule packs with their 48 rules, idempotently', () => {
    const engine = new Engine(new DatabaseSync(':memory:'), loadSchema(ROOT));
    const { userId } = bootstrapOrg(engine, { fiscalYearStartMonth: 4 });
    const plan = path.join(ROOT, 'config/rule-packs/plan.json');
    assert.deepEqual(loadPlan(engine, plan, { userId }), { created: 51, updated: 0 });
    const before = engine.db.prepare('SELECT MAX("SystemModstamp") AS m FROM "CME_Rule__c"').get() as { m: string };
    assert.deepEqual(loadPlan(engine, plan, { userId }), { created: 0, updated: 51 });
    const packs = engine.db
      .prepare('SELECT "Code__c" AS code, "Currency_Code__c" AS cur FROM "CME_Rule_Pack__c" ORDER BY "Code__c"')
      .all();
    assert.deepEqual(
      packs.map((p) => `${p.code}/${p.cur}`),
      ['EU-EFPIA/EUR', 'IN-UCPMP-2024/INR', 'US-PHRMA-OPENPAYMENTS/USD'],
    );
    const cap = engine.db
      .prepare(
        `SELECT r."Limit__c" AS lim, r."Warn_Percent__c" AS warn FROM "CME_Rule__c" r JOIN "CME_Rule_Pack__c" p ON p."Id" = r."Rule_Pack__c" WHERE p."Code__c" = 'IN-UCPMP-2024' AND r."Rule_Id__c" = 'HCP_ANNUAL_CAP'`,
      )
      .get();
    assert.deepEqual({ ...cap }, { lim: 150000, warn: 80 });
    assert.ok(before.m, 'rules were written');
  });
});

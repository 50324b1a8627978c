// The local org enforces what Salesforce enforces, over REST, with Salesforce's error codes and
// HTTP statuses. Each test starts from a fresh in-memory org.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalOrg } from '../src/localorg/server.ts';
import { caseSafeSuffix, makeId, normaliseId } from '../src/localorg/ids.ts';
import { cmeEventFields, restCall } from './localorg-fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOKEN = 'test-token';

interface Call {
  status: number;
  body: unknown;
}

function client(base: string) {
  return (method: string, url: string, body?: unknown, token = TOKEN): Promise<Call> =>
    restCall(base, token, method, url, body);
}

type Api = ReturnType<typeof client>;

function errorOf(call: Call): { errorCode: string; message: string; fields: string[] } {
  assert.ok(Array.isArray(call.body), `expected an error array, got ${JSON.stringify(call.body)}`);
  return (call.body as { errorCode: string; message: string; fields: string[] }[])[0];
}

/** A Contact in an sObject Collections request: the record with its attributes.type. */
const contactRecord = (fields: Record<string, unknown>) => ({ attributes: { type: 'Contact' }, ...fields });

/** A Composite subrequest that creates a Contact, named `referenceId` for the subrequests after it. */
const createContactRequest = (referenceId: string, body: Record<string, unknown>) => ({
  method: 'POST',
  url: '/services/data/v66.0/sobjects/Contact',
  referenceId,
  body,
});

/** The first error the org answers to inserting `fields` as an `object` record. */
async function insertError(api: Api, object: string, fields: Record<string, unknown>) {
  return errorOf(await api('POST', `sobjects/${object}`, fields));
}

/** The error code of each insert, one record after the other. */
async function insertErrorCodes(api: Api, object: string, records: Record<string, unknown>[]): Promise<string[]> {
  const codes: string[] = [];
  for (const fields of records) codes.push((await insertError(api, object, fields)).errorCode);
  return codes;
}

async function withOrg(fn: (api: Api, org: LocalOrg) => Promise<void>): Promise<void> {
  const org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0, accessToken: TOKEN });
  const base = await org.start();
  try {
    await fn(client(base), org);
  } finally {
    await org.stop();
  }
}

async function create(api: Api, object: string, values: Record<string, unknown>): Promise<string> {
  const call = await api('POST', `sobjects/${object}`, values);
  assert.equal(call.status, 201, JSON.stringify(call.body));
  return (call.body as { id: string }).id;
}

/** An approved event (approval statuses need the lifecycle bypass the admin has). */
async function approvedEvent(api: Api): Promise<string> {
  const pack = await create(api, 'CME_Rule_Pack__c', {
    Name: 'India',
    Code__c: `IN-${Math.random()}`,
    Currency_Code__c: 'INR',
  });
  return create(
    api,
    'CME_Event__c',
    cmeEventFields({
      Status__c: 'Approved',
      Budget__c: 100000,
      Educational_Need__c: 'Heart failure guideline update',
      Rule_Pack__c: pack,
    }),
  );
}

describe('local org: ids', () => {
  it('makes 18-character ids whose suffix encodes the case of the 15-character id', () => {
    assert.equal(caseSafeSuffix('001000000000000'), 'AAA');
    assert.equal(caseSafeSuffix('0015000000Ab3Cd'), normaliseId('0015000000Ab3Cd')!.slice(15));
    assert.equal(normaliseId('a025g0000000001'), 'a025g0000000001AAA');
    assert.equal(normaliseId('a025g0000000001ZZZ'), undefined);
    assert.equal(normaliseId('not-an-id'), undefined);
  });
});

describe('local org: REST', () => {
  let org: LocalOrg;
  let api: Api;
  before(async () => {
    org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0, accessToken: TOKEN });
    api = client(await org.start());
  });
  after(() => org.stop());

  it('lists versions without auth and answers the version root with an absolute identity URL', async () => {
    const versions = (await fetch(`${org.instanceUrl}/services/data`).then((r) => r.json())) as { version: string }[];
    assert.ok(versions.some((v: { version: string }) => v.version === '66.0'));
    const root = await api('GET', '/services/data/v66.0');
    assert.match((root.body as { identity: string }).identity, /^http:\/\/127\.0\.0\.1:\d+\/id\/00D\w{15}\/005\w{15}$/);
  });

  it('accepts requests with a doubled leading slash (instance URL stored with a trailing slash)', async () => {
    const res = await fetch(`${org.instanceUrl}//services/data/v66.0/limits`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(res.status, 200);
  });

  it('refuses a wrong token with 401 INVALID_SESSION_ID', async () => {
    const call = await api('GET', 'sobjects', undefined, 'wrong');
    assert.equal(call.status, 401);
    assert.equal(errorOf(call).errorCode, 'INVALID_SESSION_ID');
  });

  it('answers userinfo and identity for the admin user', async () => {
    const info = (await api('GET', '/services/oauth2/userinfo')).body as Record<string, unknown>;
    assert.equal(info.preferred_username, 'admin@cme.local');
    assert.equal(info.organization_id, org.identity.orgId);
  });

  it('describes objects with fields, picklists and child relationships', async () => {
    const global = (await api('GET', 'sobjects')).body as { sobjects: { name: string; keyPrefix: string }[] };
    assert.ok(global.sobjects.some((o) => o.name === 'CME_Event__c' && /^a\w\w$/.test(o.keyPrefix)));
    const d = (await api('GET', 'sobjects/CME_Event__c/describe')).body as {
      fields: { name: string; type: string; picklistValues: { value: string }[]; restrictedPicklist: boolean }[];
      childRelationships: { relationshipName: string }[];
    };
    const status = d.fields.find((f) => f.name === 'Status__c')!;
    assert.equal(status.type, 'picklist');
    assert.equal(status.restrictedPicklist, true);
    assert.deepEqual(
      status.picklistValues.map((p) => p.value),
      ['Draft', 'Pending Approval', 'Approved', 'Rejected', 'Completed', 'Cancelled', 'Closed'],
    );
    assert.equal(d.fields.find((f) => f.name === 'Budget_Utilization__c')!.type, 'percent');
    assert.deepEqual(d.childRelationships.map((c) => c.relationshipName).sort(), [
      'Attendances__r',
      'Expenses__r',
      'Invitations__r',
      'Tasks',
    ]);
  });

  it('creates, reads, updates and deletes a record with system fields set', async () => {
    const id = await create(api, 'Contact', { FirstName: 'Asha', LastName: 'Rao', CME_Specialty__c: 'Cardiology' });
    assert.match(id, /^003\w{15}$/);
    const got = (await api('GET', `sobjects/Contact/${id}?fields=Name,CME_Specialty__c,OwnerId,CreatedDate`))
      .body as Record<string, string>;
    assert.equal(got.Name, 'Asha Rao');
    assert.equal(got.OwnerId, org.identity.userId);
    assert.match(got.CreatedDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.equal((await api('PATCH', `sobjects/Contact/${id}`, { LastName: 'Rao-Iyer' })).status, 204);
    assert.equal(((await api('GET', `sobjects/Contact/${id}`)).body as Record<string, string>).Name, 'Asha Rao-Iyer');
    assert.equal((await api('DELETE', `sobjects/Contact/${id}`)).status, 204);
    const gone = await api('GET', `sobjects/Contact/${id}`);
    assert.equal(gone.status, 404);
    assert.equal(errorOf(gone).errorCode, 'NOT_FOUND');
  });
});

describe('local org: what Salesforce enforces', () => {
  it('REQUIRED_FIELD_MISSING names the missing fields', () =>
    withOrg(async (api) => {
      const call = await api('POST', 'sobjects/CME_Event__c', { Name: 'No dates', Event_Type__c: 'Webinar' });
      assert.equal(call.status, 400);
      const e = errorOf(call);
      assert.equal(e.errorCode, 'REQUIRED_FIELD_MISSING');
      assert.deepEqual(e.fields.sort(), ['End__c', 'Start__c']);
    }));

  it('STRING_TOO_LONG for text over its length', () =>
    withOrg(async (api) => {
      const e = await insertError(api, 'CME_Event__c', cmeEventFields({ Country__c: 'IND' }));
      assert.equal(e.errorCode, 'STRING_TOO_LONG');
      assert.match(e.message, /Country: data value too large: IND \(max length=2\)/);
    }));

  it('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST for a value not in a restricted picklist', () =>
    withOrg(async (api) => {
      const e = await insertError(api, 'CME_Event__c', cmeEventFields({ Format__c: 'Online' }));
      assert.equal(e.errorCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
      assert.deepEqual(e.fields, ['Format__c']);
    }));

  // Event fields an insert refuses, with the error code of each: one test per group.
  const refusedEventFields: [title: string, cases: [fields: Record<string, unknown>, errorCode: string][]][] = [
    [
      'rejects wrong types: JSON_PARSER_ERROR for a bad date, NUMBER_OUTSIDE_VALID_RANGE for too many digits',
      [
        [{ Start__c: 'next tuesday' }, 'JSON_PARSER_ERROR'],
        [{ Capacity__c: 12345678 }, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ],
    ],
    [
      'INVALID_FIELD for an unknown field; INVALID_FIELD_FOR_INSERT_UPDATE for a calculated one',
      [
        [{ Colour__c: 'red' }, 'INVALID_FIELD'],
        [{ Actual_Spend__c: 10 }, 'INVALID_FIELD_FOR_INSERT_UPDATE'],
      ],
    ],
  ];
  for (const [title, cases] of refusedEventFields)
    it(title, () =>
      withOrg(async (api) => {
        const records = cases.map(([fields]) => cmeEventFields(fields));
        assert.deepEqual(
          await insertErrorCodes(api, 'CME_Event__c', records),
          cases.map(([, errorCode]) => errorCode),
        );
      }),
    );

  it('DUPLICATE_VALUE on a unique external id (case-insensitive), naming the existing record', () =>
    withOrg(async (api) => {
      const first = await create(api, 'Contact', { LastName: 'A', CME_HCP_Key__c: 'HCP-1' });
      const e = await insertError(api, 'Contact', { LastName: 'B', CME_HCP_Key__c: 'hcp-1' });
      assert.equal(e.errorCode, 'DUPLICATE_VALUE');
      assert.match(e.message, new RegExp(`duplicates value on record with id: ${first}`));
    }));

  it('lookup integrity: MALFORMED_ID, FIELD_INTEGRITY_EXCEPTION (wrong object), INVALID_CROSS_REFERENCE_KEY (no such record)', () =>
    withOrg(async (api) => {
      const eventId = await approvedEvent(api);
      const base = { Event__c: eventId, Invitation_Key__c: 'k' };
      assert.deepEqual(
        await insertErrorCodes(api, 'CME_Invitation__c', [
          { ...base, Doctor__c: 'xyz' },
          { ...base, Doctor__c: eventId },
          { ...base, Doctor__c: makeId('003', 99999) },
        ]),
        ['MALFORMED_ID', 'FIELD_INTEGRITY_EXCEPTION', 'INVALID_CROSS_REFERENCE_KEY'],
      );
    }));

  it('FIELD_CUSTOM_VALIDATION_EXCEPTION with the rule message and display field', () =>
    withOrg(async (api) => {
      const call = await api('POST', 'sobjects/CME_Event__c', cmeEventFields({ End__c: '2027-03-13T12:00:00.000Z' }));
      const e = errorOf(call);
      assert.equal(call.status, 400);
      assert.equal(e.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
      assert.equal(e.message, 'The event must end after it starts. Check the start and end times.');
      assert.deepEqual(e.fields, ['End__c']);
    }));

  it('hands Percent fields to formulas as decimals (80 % is 0.8): Warn At 150 % is refused, 80 % and 100 % pass', () =>
    withOrg(async (api, org) => {
      const pack = await create(api, 'CME_Rule_Pack__c', { Name: 'Pct', Code__c: 'PCT-T', Currency_Code__c: 'EUR' });
      const rule = (id: string, warn: number) => ({
        Name: id,
        Rule_Id__c: id,
        Rule_Key__c: `PCT-T:${id}`,
        Rule_Pack__c: pack,
        Severity__c: 'Warn',
        Limit__c: 1000,
        Warn_Percent__c: warn,
      });
      const refused = await api('POST', 'sobjects/CME_Rule__c', rule('HCP_ANNUAL_CAP', 150));
      assert.equal(refused.status, 400);
      assert.equal(errorOf(refused).errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
      assert.deepEqual(errorOf(refused).fields, ['Warn_Percent__c']);
      const accepted = await api('POST', 'sobjects/CME_Rule__c', rule('HCP_ANNUAL_CAP', 80));
      assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
      // The API shows the value as entered (80); a formula sees 0.8.
      const id = (accepted.body as { id: string }).id;
      assert.equal(
        ((await api('GET', `sobjects/CME_Rule__c/${id}`)).body as { Warn_Percent__c: number }).Warn_Percent__c,
        80,
      );
      assert.equal(org.engine.evaluateOn('CME_Rule__c', id, 'Warn_Percent__c', org.currentUserId()), 0.8);
      assert.equal((await api('POST', 'sobjects/CME_Rule__c', rule('MEAL_CAP', 100))).status, 201);
      assert.equal((await api('POST', 'sobjects/CME_Rule__c', rule('REPEAT_TOPIC', 0))).status, 400);
    }));

  it('evaluates cross-object and PRIORVALUE rules: invitations only on approved events; approved events locked', () =>
    withOrg(async (api, org) => {
      // The admin holds the lifecycle bypass; a rep without it is refused. The rep owns the records she
      // writes to (sharing: a Private event and an account-less contact are visible to their owner).
      const rep = org.engine.insert(
        'User',
        { Username: 'rep@cme.local', LastName: 'Rep', Email: 'rep@cme.local', Alias: 'rep' },
        { userId: org.identity.userId },
      );
      org.engine.assignPermissionSet(rep, 'CME_Field_Rep');
      const draft = await create(api, 'CME_Event__c', cmeEventFields({ OwnerId: rep }));
      const doctor = await create(api, 'Contact', { LastName: 'Iyer', OwnerId: rep });
      assert.throws(
        () =>
          org.engine.insert(
            'CME_Invitation__c',
            { Event__c: draft, Doctor__c: doctor, Invitation_Key__c: 'k1' },
            { userId: rep },
          ),
        /Doctors can be invited only once the event is approved/,
      );
      const approved = await approvedEvent(api);
      org.engine.update('CME_Event__c', approved, { OwnerId: rep }, { userId: org.identity.userId });
      assert.ok(
        org.engine.insert(
          'CME_Invitation__c',
          { Event__c: approved, Doctor__c: doctor, Invitation_Key__c: 'k2' },
          { userId: rep },
        ),
      );
      assert.throws(
        () => org.engine.update('CME_Event__c', approved, { Budget__c: 1 }, { userId: rep }),
        /This event is approved/,
      );
    }));

  it('keeps roll-ups and formulas current on every child change, and cascades deletes', () =>
    withOrg(async (api) => {
      const ev = await approvedEvent(api);
      const line = (amount: number, stage: string) =>
        create(api, 'CME_Expense__c', {
          Event__c: ev,
          Category__c: 'Venue',
          Amount__c: amount,
          Stage__c: stage,
          Incurred_On__c: '2027-03-14',
        });
      const a = await line(20000, 'Actual');
      await line(7500, 'Actual');
      await line(50000, 'Committed');
      const read = async () =>
        (
          await api(
            'GET',
            `sobjects/CME_Event__c/${ev}?fields=Actual_Spend__c,Committed_Spend__c,Budget_Utilization__c`,
          )
        ).body as Record<string, number>;
      assert.deepEqual(
        { ...(await read()), attributes: undefined },
        { attributes: undefined, Actual_Spend__c: 27500, Committed_Spend__c: 50000, Budget_Utilization__c: 27.5 },
      );
      await api('PATCH', `sobjects/CME_Expense__c/${a}`, { Stage__c: 'Committed' });
      assert.equal((await read()).Actual_Spend__c, 7500);
      await api('DELETE', `sobjects/CME_Event__c/${ev}`);
      assert.equal((await api('GET', `sobjects/CME_Expense__c/${a}`)).status, 404);
    }));

  it('DELETE_FAILED when a restricting lookup still points at the record', () =>
    withOrg(async (api) => {
      const ev = await approvedEvent(api);
      const doctor = await create(api, 'Contact', { LastName: 'Iyer' });
      await create(api, 'CME_Invitation__c', { Event__c: ev, Doctor__c: doctor, Invitation_Key__c: 'k' });
      const e = errorOf(await api('DELETE', `sobjects/Contact/${doctor}`));
      assert.equal(e.errorCode, 'DELETE_FAILED');
    }));

  it('upserts on an external id: 201 created, then 200 updated; relationship by external id', () =>
    withOrg(async (api) => {
      const first = await api('PATCH', 'sobjects/CME_Event__c/Event_Key__c/EV-1', cmeEventFields());
      assert.equal(first.status, 201);
      assert.equal((first.body as { created: boolean }).created, true);
      const second = await api('PATCH', 'sobjects/CME_Event__c/Event_Key__c/EV-1', { Name: 'Renamed' });
      assert.equal(second.status, 200);
      assert.equal((second.body as { id: string }).id, (first.body as { id: string }).id);
      const pack = await create(api, 'CME_Rule_Pack__c', { Name: 'US', Code__c: 'US-X', Currency_Code__c: 'USD' });
      await api('PATCH', `sobjects/CME_Event__c/${(first.body as { id: string }).id}`, { Rule_Pack__c: pack });
      const byRef = await api(
        'PATCH',
        'sobjects/CME_Event__c/Event_Key__c/EV-2',
        cmeEventFields({ Rule_Pack__r: { Code__c: 'us-x' } }),
      );
      assert.equal(byRef.status, 201, JSON.stringify(byRef.body));
      const missing = errorOf(
        await api(
          'PATCH',
          'sobjects/CME_Event__c/Event_Key__c/EV-3',
          cmeEventFields({ Rule_Pack__r: { Code__c: 'NOPE' } }),
        ),
      );
      assert.match(missing.message, /Foreign key external ID: NOPE not found/);
    }));

  it('accepts the unchanged master of a detail record on update, refuses a new one', () =>
    withOrg(async (api) => {
      const [a, b] = [await approvedEvent(api), await approvedEvent(api)];
      const line = await create(api, 'CME_Expense__c', {
        Event__c: a,
        Category__c: 'Venue',
        Amount__c: 5,
        Stage__c: 'Estimated',
      });
      assert.equal((await api('PATCH', `sobjects/CME_Expense__c/${line}`, { Event__c: a, Amount__c: 6 })).status, 204);
      const moved = await api('PATCH', `sobjects/CME_Expense__c/${line}`, { Event__c: b });
      assert.equal(errorOf(moved).errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    }));

  it('autonumbers child names', () =>
    withOrg(async (api) => {
      const ev = await approvedEvent(api);
      const id = await create(api, 'CME_Expense__c', {
        Event__c: ev,
        Category__c: 'Venue',
        Amount__c: 1,
        Stage__c: 'Estimated',
      });
      assert.equal(
        ((await api('GET', `sobjects/CME_Expense__c/${id}?fields=Name`)).body as { Name: string }).Name,
        'EXP-000001',
      );
    }));
});

describe('local org: collections, composite, tree', () => {
  it('sObject Collections: per-record results without allOrNone; full rollback with it; 200 max', () =>
    withOrg(async (api) => {
      const mixed = await api('POST', 'composite/sobjects', {
        allOrNone: false,
        records: [contactRecord({ LastName: 'Ok' }), contactRecord({ FirstName: 'NoLast' })],
      });
      const results = mixed.body as { success: boolean; errors: { statusCode: string }[] }[];
      assert.deepEqual(
        results.map((r) => r.success),
        [true, false],
      );
      assert.equal(results[1].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
      const all = await api('POST', 'composite/sobjects', {
        allOrNone: true,
        records: [contactRecord({ LastName: 'Kept?' }), contactRecord({ FirstName: 'NoLast' })],
      });
      const allResults = all.body as { success: boolean; errors: { statusCode: string }[] }[];
      assert.equal(allResults[0].errors[0].statusCode, 'ALL_OR_NONE_OPERATION_ROLLED_BACK');
      const count = await api('POST', 'composite/sobjects', {
        records: Array.from({ length: 201 }, () => contactRecord({ LastName: 'x' })),
      });
      assert.equal(count.status, 400);
      assert.equal(errorOf(count).errorCode, 'EXCEEDED_ID_LIMIT');
    }));

  it('upserts a collection on an external id, reporting created per record', () =>
    withOrg(async (api) => {
      const records = [
        contactRecord({ LastName: 'A', CME_HCP_Key__c: 'K1' }),
        contactRecord({ LastName: 'B', CME_HCP_Key__c: 'K2' }),
      ];
      const first = (await api('PATCH', 'composite/sobjects/Contact/CME_HCP_Key__c', { allOrNone: true, records }))
        .body as { created: boolean }[];
      assert.deepEqual(
        first.map((r) => r.created),
        [true, true],
      );
      const second = (await api('PATCH', 'composite/sobjects/Contact/CME_HCP_Key__c', { allOrNone: true, records }))
        .body as { created: boolean }[];
      assert.deepEqual(
        second.map((r) => r.created),
        [false, false],
      );
    }));

  it('Composite: references between subrequests, one API call, and allOrNone rollback', () =>
    withOrg(async (api, org) => {
      org.counter.reset();
      const ok = (
        await api('POST', 'composite', {
          allOrNone: true,
          compositeRequest: [
            createContactRequest('doc', { LastName: 'Menon' }),
            { method: 'GET', url: '/services/data/v66.0/sobjects/Contact/@{doc.id}?fields=Name', referenceId: 'read' },
          ],
        })
      ).body as { compositeResponse: { httpStatusCode: number; body: { Name?: string } }[] };
      assert.deepEqual(
        ok.compositeResponse.map((r) => r.httpStatusCode),
        [201, 200],
      );
      assert.equal(ok.compositeResponse[1].body.Name, 'Menon');
      assert.equal(org.counter.total, 1);
      const failed = (
        await api('POST', 'composite', {
          allOrNone: true,
          compositeRequest: [
            createContactRequest('a', { LastName: 'Rolled back' }),
            createContactRequest('b', { FirstName: 'no last name' }),
          ],
        })
      ).body as { compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[] };
      assert.deepEqual(
        failed.compositeResponse.map((r) => r.body[0].errorCode),
        ['PROCESSING_HALTED', 'REQUIRED_FIELD_MISSING'],
      );
      assert.equal(
        org.engine.db.prepare(`SELECT COUNT(*) AS n FROM "Contact" WHERE "LastName" = 'Rolled back'`).get()!.n,
        0,
      );
    }));

  it('sObject Tree: parents with nested children in one call, all or nothing', () =>
    withOrg(async (api) => {
      const call = await api('POST', 'composite/tree/CME_Rule_Pack__c', {
        records: [
          {
            attributes: { type: 'CME_Rule_Pack__c', referenceId: 'p1' },
            Name: 'EU',
            Code__c: 'EU-T',
            Currency_Code__c: 'EUR',
            Rules__r: {
              records: [
                {
                  attributes: { type: 'CME_Rule__c', referenceId: 'r1' },
                  Name: 'cap',
                  Rule_Id__c: 'HCP_ANNUAL_CAP',
                  Severity__c: 'Block',
                  Rule_Key__c: 'EU-T:HCP_ANNUAL_CAP',
                  Limit__c: 3000,
                },
              ],
            },
          },
        ],
      });
      assert.equal(call.status, 201);
      assert.deepEqual(
        (call.body as { results: { referenceId: string }[] }).results.map((r) => r.referenceId),
        ['p1', 'r1'],
      );
      const bad = await api('POST', 'composite/tree/CME_Rule_Pack__c', {
        records: [
          {
            attributes: { type: 'CME_Rule_Pack__c', referenceId: 'p2' },
            Name: 'Bad',
            Code__c: 'B',
            Currency_Code__c: 'EURO',
          },
        ],
      });
      assert.equal(bad.status, 400);
      assert.equal((bad.body as { hasErrors: boolean }).hasErrors, true);
    }));
});

describe('local org: collection update, retrieve and delete', () => {
  it('updates, retrieves and deletes several records per call; a failed record changes nothing', () =>
    withOrg(async (api) => {
      const ids = [
        await create(api, 'Contact', { LastName: 'One' }),
        await create(api, 'Contact', { LastName: 'Two' }),
      ];
      const updated = (
        await api('PATCH', 'composite/sobjects', {
          allOrNone: false,
          records: [
            contactRecord({ Id: ids[0], CME_Territory__c: 'North' }),
            contactRecord({ Id: ids[1], LastName: 'Two', CME_Specialty__c: 'Astrology' }),
          ],
        })
      ).body as { success: boolean }[];
      assert.deepEqual(
        updated.map((r) => r.success),
        [true, false],
      );
      const read = (
        await api(
          'GET',
          `composite/sobjects/Contact?ids=${ids.join(',')}&fields=LastName,CME_Territory__c,CME_Specialty__c`,
        )
      ).body as Record<string, unknown>[];
      assert.deepEqual(
        read.map((r) => [r.LastName, r.CME_Territory__c, r.CME_Specialty__c]),
        [
          ['One', 'North', null],
          ['Two', null, null],
        ],
      );
      const deleted = (await api('DELETE', `composite/sobjects?ids=${ids.join(',')}&allOrNone=true`)).body as {
        success: boolean;
      }[];
      assert.deepEqual(
        deleted.map((r) => r.success),
        [true, true],
      );
      assert.equal((await api('GET', `sobjects/Contact/${ids[0]}`)).status, 404);
    }));
});

describe('local org: faults and accounting', () => {
  it('injects seeded faults at the configured rate and counts calls by kind', () =>
    withOrg(async (api, org) => {
      await api('POST', '/__admin/faults', { rate: 0.5, seed: 7, kinds: ['unavailable', 'limit'] });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await api('GET', 'limits')).status);
      const failed = statuses.filter((s) => s === 503 || s === 403).length;
      assert.ok(failed > 8 && failed < 32, `about half of 40 calls fail, got ${failed}`);
      assert.ok(statuses.every((s) => [200, 403, 503].includes(s)));
      const stats = (await api('GET', '/__admin/stats')).body as { apiCalls: { byKind: Record<string, number> } };
      assert.equal(stats.apiCalls.byKind.other, 40);
      await api('POST', '/__admin/faults', { rate: 0 });
      const limits = (await api('GET', 'limits')).body as { DailyApiRequests: { Max: number; Remaining: number } };
      assert.equal(limits.DailyApiRequests.Max - limits.DailyApiRequests.Remaining, org.counter.total);
    }));

  it('answers INVALID_SESSION_ID (401) and UNABLE_TO_LOCK_ROW (writes only) when those faults are drawn', () =>
    withOrg(async (api) => {
      await api('POST', '/__admin/faults', { rate: 1, seed: 3, kinds: ['session'] });
      const expired = await api('GET', 'limits');
      assert.deepEqual([expired.status, errorOf(expired).errorCode], [401, 'INVALID_SESSION_ID']);
      await api('POST', '/__admin/faults', { rate: 1, kinds: ['lock'] });
      assert.equal((await api('GET', 'limits')).status, 200, 'a read never draws a lock fault');
      const locked = await api('POST', 'sobjects/Contact', { LastName: 'Busy' });
      assert.deepEqual([locked.status, errorOf(locked).errorCode], [400, 'UNABLE_TO_LOCK_ROW']);
    }));

  it('adds the configured latency to every API call', () =>
    withOrg(async (api) => {
      await api('POST', '/__admin/faults', { latencyMs: 150 });
      const started = performance.now();
      assert.equal((await api('GET', 'limits')).status, 200);
      assert.ok(performance.now() - started >= 145, 'the call waited for the latency');
    }));

  it('drops the connection when the drop fault is drawn', () =>
    withOrg(async (api) => {
      await api('POST', '/__admin/faults', { rate: 1, seed: 1, kinds: ['drop'] });
      await assert.rejects(api('GET', 'limits'));
    }));
});

describe('local org: REST query', () => {
  it('pages 5,000 rows in batches with nextRecordsUrl; batchSize header; COUNT(); relationship fields; errors', () =>
    withOrg(async (api, org) => {
      const ctx = { userId: org.identity.userId };
      org.engine.transaction(() => {
        for (let i = 0; i < 5000; i++)
          org.engine.insert(
            'Contact',
            { LastName: `Doctor ${String(i).padStart(4, '0')}`, MailingCity: i % 2 ? 'Pune' : 'Delhi' },
            ctx,
          );
      });
      const first = (
        await api(
          'GET',
          `query?q=${encodeURIComponent('SELECT Id, LastName, Owner.Name FROM Contact ORDER BY LastName')}`,
        )
      ).body as {
        totalSize: number;
        done: boolean;
        records: { LastName: string; Owner: { Name: string } }[];
        nextRecordsUrl: string;
      };
      assert.equal(first.totalSize, 5000);
      assert.equal(first.records.length, 2000);
      assert.equal(first.done, false);
      assert.equal(first.records[0].Owner.Name, 'CME Admin');
      assert.match(first.nextRecordsUrl, /^\/services\/data\/v66\.0\/query\/0r8\w+-2000$/);
      const names: string[] = first.records.map((r) => r.LastName);
      let next: string | undefined = first.nextRecordsUrl;
      while (next) {
        const page = (await api('GET', next)).body as {
          records: { LastName: string }[];
          nextRecordsUrl?: string;
          done: boolean;
        };
        names.push(...page.records.map((r) => r.LastName));
        next = page.nextRecordsUrl;
      }
      assert.equal(names.length, 5000);
      assert.equal(names[4999], 'Doctor 4999');
      const res = await fetch(
        `${org.instanceUrl}/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM Contact')}`,
        { headers: { Authorization: `Bearer ${TOKEN}`, 'Sforce-Query-Options': 'batchSize=500' } },
      );
      assert.equal(((await res.json()) as { records: unknown[] }).records.length, 500);
      const count = (
        await api('GET', `query?q=${encodeURIComponent("SELECT COUNT() FROM Contact WHERE MailingCity = 'pune'")}`)
      ).body as { totalSize: number; records: unknown[] };
      assert.deepEqual([count.totalSize, count.records.length], [2500, 0]);
      const bad = await api('GET', `query?q=${encodeURIComponent('SELECT Nope__c FROM Contact')}`);
      assert.equal(bad.status, 400);
      assert.equal(errorOf(bad).errorCode, 'INVALID_FIELD');
      const noType = await api('GET', `query?q=${encodeURIComponent('SELECT Id FROM ScratchOrgInfo')}`);
      assert.equal(errorOf(noType).errorCode, 'INVALID_TYPE');
    }));

  it('queryAll sees deleted rows; query does not', () =>
    withOrg(async (api) => {
      const id = await create(api, 'Contact', { LastName: 'Gone' });
      await api('DELETE', `sobjects/Contact/${id}`);
      const q = (s: string) => encodeURIComponent(`SELECT Id, IsDeleted FROM Contact WHERE Id = '${s}'`);
      assert.equal(((await api('GET', `query?q=${q(id)}`)).body as { totalSize: number }).totalSize, 0);
      const all = (await api('GET', `queryAll?q=${q(id)}`)).body as { records: { IsDeleted: boolean }[] };
      assert.equal(all.records[0].IsDeleted, true);
    }));
});

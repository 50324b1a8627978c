// The UI API that Lightning Data Service calls (records, object info, picklists, GraphQL), through
// HTTP against a fresh in-memory local org: the shapes LDS reads, display values, validation errors
// in the RecordError shape components show, and GraphQL filters, ordering, paging and relationships.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalOrg } from '../src/localorg/server.ts';
import { cmeEventFields, restCall } from './localorg-fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOKEN = 'ui-token';

// Response bodies are read by path in the assertions; `unknown` at every step would bury them in casts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

let org: LocalOrg;
let base = '';

const call = (method: string, url: string, body?: unknown) => restCall(base, TOKEN, method, url, body);

const gql = async (query: string, variables: Record<string, unknown> = {}) =>
  (await call('POST', 'ui-api/graphql', { query, variables })).body;

const EVENT = cmeEventFields({ Budget__c: 250000 });

let eventId = '';
const doctorIds: string[] = [];

before(async () => {
  org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0, accessToken: TOKEN });
  base = await org.start();
  const created = await call('POST', 'ui-api/records', { apiName: 'CME_Event__c', fields: EVENT });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  eventId = created.body.id;
  for (const [first, last, specialty, city] of [
    ['Asha', 'Rao', 'Cardiology', 'Mumbai'],
    ['Ben', 'Lee', 'Oncology', 'Boston'],
    ['Chitra', 'Iyer', 'Cardiology', 'Chennai'],
  ]) {
    const doctor = await call('POST', 'ui-api/records', {
      apiName: 'Contact',
      fields: { FirstName: first, LastName: last, CME_Specialty__c: specialty, MailingCity: city },
    });
    assert.equal(doctor.status, 201, JSON.stringify(doctor.body));
    doctorIds.push(doctor.body.id);
  }
});

after(async () => {
  await org.stop();
});

describe('ui-api records', () => {
  it('getRecord returns the requested fields as { value, displayValue } with labels, money and dates', async () => {
    const res = await call(
      'GET',
      `ui-api/records/${eventId}?fields=CME_Event__c.Name,CME_Event__c.Event_Type__c,CME_Event__c.Budget__c,CME_Event__c.Start__c&optionalFields=CME_Event__c.Owner.Name,CME_Event__c.No_Such__c`,
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.apiName, 'CME_Event__c');
    assert.equal(res.body.id, eventId);
    assert.deepEqual(res.body.fields.Name, { value: 'Cardiology Update', displayValue: null });
    assert.deepEqual(res.body.fields.Event_Type__c, { value: 'Conference', displayValue: 'Conference' });
    assert.deepEqual(res.body.fields.Budget__c, { value: 250000, displayValue: '$250,000.00' });
    assert.equal(res.body.fields.Start__c.value, '2027-03-14T04:00:00.000Z');
    assert.equal(res.body.fields.Start__c.displayValue, '3/14/2027, 4:00 AM');
    assert.equal(res.body.fields.Owner.value.fields.Name.value, 'CME Admin');
    assert.equal(res.body.fields.Owner.displayValue, 'CME Admin');
    assert.equal(res.body.fields.No_Such__c, undefined, 'an unknown optional field is left out');
  });

  it('an unknown required field is a 400 and an unknown id a 404', async () => {
    const bad = await call('GET', `ui-api/records/${eventId}?fields=CME_Event__c.No_Such__c`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body[0].errorCode, 'INVALID_FIELD');
    const missing = await call('GET', `ui-api/records/a00000000000000AAA?fields=CME_Event__c.Name`);
    assert.equal(missing.status, 404);
  });

  it('createRecord runs the validation rules and answers in the RecordError shape', async () => {
    const res = await call('POST', 'ui-api/records', {
      apiName: 'CME_Event__c',
      fields: { ...EVENT, End__c: '2027-03-13T12:00:00.000Z' },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.enhancedErrorType, 'RecordError');
    const messages = [
      ...res.body.output.errors.map((e: { message: string }) => e.message),
      ...Object.values(res.body.output.fieldErrors as Record<string, { message: string }[]>).flatMap((l) =>
        l.map((e) => e.message),
      ),
    ];
    assert.ok(messages.length > 0, JSON.stringify(res.body));
    const required = await call('POST', 'ui-api/records', { apiName: 'CME_Event__c', fields: { Name: 'x' } });
    assert.equal(required.status, 400);
    assert.ok(Object.keys(required.body.output.fieldErrors).length > 0, JSON.stringify(required.body));
  });

  it('updateRecord changes fields and returns the record; roll-ups follow child writes', async () => {
    const updated = await call('PATCH', `ui-api/records/${eventId}`, { fields: { Id: eventId, Capacity__c: 40 } });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.fields.Capacity__c.value, 40);
    const invitation = await call('POST', 'ui-api/records', {
      apiName: 'CME_Invitation__c',
      fields: { Event__c: eventId, Doctor__c: doctorIds[0], Status__c: 'Accepted', Invitation_Key__c: `${eventId}-1` },
    });
    assert.equal(invitation.status, 201, JSON.stringify(invitation.body));
    const event = await call('GET', `ui-api/records/${eventId}?fields=CME_Event__c.Invited_Count__c`);
    assert.equal(event.body.fields.Invited_Count__c.value, 1);
    const removed = await call('DELETE', `ui-api/records/${invitation.body.id}`);
    assert.equal(removed.status, 204);
    const after = await call('GET', `ui-api/records/${eventId}?fields=CME_Event__c.Invited_Count__c`);
    assert.equal(after.body.fields.Invited_Count__c.value, 0);
  });

  it('object info lists fields with UI API data types, and picklist values come with labels', async () => {
    const info = await call('GET', 'ui-api/object-info/CME_Event__c');
    assert.equal(info.status, 200);
    assert.equal(info.body.apiName, 'CME_Event__c');
    assert.equal(info.body.fields.Start__c.dataType, 'DateTime');
    assert.equal(info.body.fields.Budget__c.dataType, 'Currency');
    assert.equal(info.body.fields.Status__c.dataType, 'Picklist');
    assert.equal(info.body.fields.Rule_Pack__c.dataType, 'Reference');
    const values = await call(
      'GET',
      `ui-api/object-info/CME_Event__c/picklist-values/${info.body.defaultRecordTypeId}`,
    );
    const status = values.body.picklistFieldValues.Status__c.values.map((v: { value: string }) => v.value);
    assert.ok(status.includes('Pending Approval'));
    const one = await call(
      'GET',
      `ui-api/object-info/CME_Event__c/picklist-values/${info.body.defaultRecordTypeId}/Format__c`,
    );
    assert.deepEqual(
      one.body.values.map((v: { value: string }) => v.value),
      ['In-Person', 'Virtual', 'Hybrid'],
    );
  });
});

describe('ui-api graphql', () => {
  it('filters, orders and pages a connection, with totalCount and cursors', async () => {
    const query = `query doctors($specialty: Picklist, $after: String) {
      uiapi { query { Contact(where: { CME_Specialty__c: { eq: $specialty } }, orderBy: { LastName: { order: ASC } }, first: 1, after: $after) {
        edges { node { Id Name { value } MailingCity { value } } cursor }
        totalCount pageInfo { hasNextPage endCursor }
      } } } }`;
    const first = await gql(query, { specialty: 'Cardiology' });
    assert.deepEqual(first.errors, []);
    const page1 = first.data.uiapi.query.Contact;
    assert.equal(page1.totalCount, 2);
    assert.equal(page1.edges.length, 1);
    assert.equal(page1.edges[0].node.Name.value, 'Chitra Iyer');
    assert.equal(page1.pageInfo.hasNextPage, true);
    const second = await gql(query, { specialty: 'Cardiology', after: page1.pageInfo.endCursor });
    const page2 = second.data.uiapi.query.Contact;
    assert.equal(page2.edges[0].node.Name.value, 'Asha Rao');
    assert.equal(page2.pageInfo.hasNextPage, false);
  });

  it('supports like, or, in, parent fields and child connections', async () => {
    await call('POST', 'ui-api/records', {
      apiName: 'CME_Invitation__c',
      fields: { Event__c: eventId, Doctor__c: doctorIds[1], Status__c: 'Invited', Invitation_Key__c: `${eventId}-2` },
    });
    const res = await gql(`{ uiapi { query {
      Contact(where: { or: [ { LastName: { like: "R%" } }, { MailingCity: { in: ["Boston"] } } ] }, orderBy: { LastName: { order: DESC } }) {
        edges { node { Id LastName { value } } }
      }
      CME_Event__c(where: { Id: { eq: "${eventId}" } }) {
        edges { node { Name { value } Budget__c { value displayValue }
          Invitations__r(first: 5) { edges { node { Status__c { value displayValue } Doctor__r { Name { value } } } } }
        } }
      }
      mine: CME_Invitation__c(where: { Event__r: { City__c: { eq: "Mumbai" } } }) { totalCount }
    } } }`);
    assert.deepEqual(res.errors, []);
    assert.deepEqual(
      res.data.uiapi.query.Contact.edges.map((e: Body) => e.node.LastName.value),
      ['Rao', 'Lee'],
    );
    const event = res.data.uiapi.query.CME_Event__c.edges[0].node;
    assert.equal(event.Budget__c.displayValue, '$250,000.00');
    assert.deepEqual(
      event.Invitations__r.edges.map((e: Body) => [e.node.Status__c.value, e.node.Doctor__r.Name.value]),
      [['Invited', 'Ben Lee']],
    );
    assert.equal(res.data.uiapi.query.mine.totalCount, 1);
  });

  it('keeps and/or/not groups apart when an operand has several conditions', async () => {
    // (Cardiology AND Mumbai) OR Boston; NOT (Cardiology AND Chennai)
    const res = await gql(`{ uiapi { query {
      either: Contact(where: { or: [ { CME_Specialty__c: { eq: "Cardiology" }, MailingCity: { eq: "Mumbai" } }, { MailingCity: { eq: "Boston" } } ] }, orderBy: { LastName: { order: ASC } }) {
        edges { node { LastName { value } } }
      }
      neither: Contact(where: { and: [ { not: { CME_Specialty__c: { eq: "Cardiology" }, MailingCity: { eq: "Chennai" } } }, { LastName: { ne: null } } ] }, orderBy: { LastName: { order: ASC } }) {
        edges { node { LastName { value } } }
      }
    } } }`);
    assert.deepEqual(res.errors, []);
    const names = (key: string) => res.data.uiapi.query[key].edges.map((e: Body) => e.node.LastName.value);
    assert.deepEqual(names('either'), ['Lee', 'Rao']);
    assert.deepEqual(names('neither'), ['Lee', 'Rao']);
  });

  it('answers unknown objects, fields, bad syntax and mutations with errors', async () => {
    for (const [query, pattern] of [
      ['{ uiapi { query { Nope__c { edges { node { Id } } } } } }', /Nope__c/],
      ['{ uiapi { query { Contact { edges { node { Nope__c { value } } } } } } }', /Nope__c/],
      ['{ uiapi { query { Contact(where: { LastName: { sounds: "x" } }) { totalCount } } } }', /sounds/],
      ['{ uiapi { query { Contact { ', /Syntax/],
      ['mutation { uiapi { x } }', /mutation/],
    ] as [string, RegExp][]) {
      const res = await gql(query);
      assert.equal(res.data, null, query);
      assert.match(res.errors[0].message, pattern);
    }
  });
});

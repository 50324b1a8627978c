// The local org's GraphQL endpoint holds screens to Salesforce's documented paging limits and field-level
// security rules (GraphQL API Developer Guide: "Paginate with Record Connections", "Paginate with
// Upper-Bound Limit"; forcedotcom/afv-library "Field-Level Security and @optional"), so a screen that
// walks 50,000 HCPs with plain cursors, or reads a field a profile hides, fails here as it would there.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalOrg } from '../src/localorg/server.ts';
import { runGraphql } from '../src/localorg/graphql.ts';
import { canReadField } from '../src/localorg/security.ts';
import { ensureUser } from '../src/localorg/users.ts';
import { cmeEventFields, restCall } from './localorg-fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOKEN = 'gql-limits-token';
const CONTACTS = 4100;

// Response bodies are read by path in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

let org: LocalOrg;
let base = '';

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Body> {
  const res = await restCall(base, TOKEN, 'POST', 'ui-api/graphql', { query, variables });
  assert.equal(res.status, 200);
  return res.body;
}

/** The same endpoint with a field-level security stub: `hidden` lists Object.Field the user cannot read. */
function gqlAs(hidden: string[], query: string): Body {
  return runGraphql(
    { query },
    {
      schema: org.engine.schema,
      db: org.engine.db,
      prepare: (soql) => org.queries.prepare(soql, false),
      canReadField: (objectName, fieldName) => !hidden.includes(`${objectName}.${fieldName}`),
    },
  );
}

const PAGE = `query page($first: Int, $after: String, $upperBound: Int) {
  uiapi { query { Contact(first: $first, after: $after, upperBound: $upperBound, orderBy: { LastName: { order: ASC } }) {
    edges { node { Id LastName { value } } cursor }
    totalCount pageInfo { hasNextPage endCursor }
  } } } }`;

const contactsOf = (body: Body) => body.data.uiapi.query.Contact;
const lastNames = (body: Body) => contactsOf(body).edges.map((e: Body) => e.node.LastName.value);
const nameOf = (i: number) => `Doc ${String(i).padStart(4, '0')}`;

before(async () => {
  org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0, accessToken: TOKEN });
  base = await org.start();
  const ctx = { userId: org.identity.userId };
  const hospital = org.engine.insert('Account', { Name: 'City Hospital' }, ctx);
  for (let i = 0; i < CONTACTS; i++)
    org.engine.insert(
      'Contact',
      {
        FirstName: i % 2 ? 'Asha' : 'Ben',
        LastName: nameOf(i),
        MailingCity: i % 3 ? 'Mumbai' : 'Pune',
        Email: `doc${i}@example.com`,
        AccountId: i < 5 ? hospital : null,
      },
      ctx,
    );
});

after(async () => {
  await org.stop();
});

describe('GraphQL paging limits', () => {
  it('first is at most 2,000, and its documented default is 10 with a v1:9 end cursor', async () => {
    const over = await gql(PAGE, { first: 2001 });
    assert.equal(over.data, null);
    assert.match(over.errors[0].message, /first must be between 0 and 2000/);
    const full = await gql(PAGE, { first: 2000 });
    assert.deepEqual(full.errors, []);
    assert.equal(contactsOf(full).edges.length, 2000);
    const byDefault = await gql(PAGE);
    assert.equal(contactsOf(byDefault).edges.length, 10);
    // The guide's example: the end cursor of a first page of 10 is djE6OQ== ("v1:9").
    assert.equal(contactsOf(byDefault).pageInfo.endCursor, 'djE6OQ==');
    const next = await gql(PAGE, { after: 'djE6OQ==' });
    assert.deepEqual(lastNames(next)[0], nameOf(10));
  });

  it('without upperBound cursor paging reaches 4,000 records; the next page needs upperBound', async () => {
    const page1 = await gql(PAGE, { first: 2000 });
    const page2 = await gql(PAGE, { first: 2000, after: contactsOf(page1).pageInfo.endCursor });
    assert.deepEqual(page2.errors, []);
    assert.equal(lastNames(page2)[0], nameOf(2000));
    assert.equal(lastNames(page2).at(-1), nameOf(3999));
    // More records exist, so hasNextPage says so …
    assert.equal(contactsOf(page2).pageInfo.hasNextPage, true);
    assert.equal(contactsOf(page2).totalCount, CONTACTS);
    // … but a cursor 4,000 records in is past SOQL's OFFSET 2000.
    const page3 = await gql(PAGE, { first: 2000, after: contactsOf(page2).pageInfo.endCursor });
    assert.equal(page3.data, null);
    assert.match(
      page3.errors[0].message,
      /NUMBER_OUTSIDE_VALID_RANGE: Maximum SOQL offset allowed for apiName Contact is 2000/,
    );
    // API v60.0+: the same cursor with upperBound switches to upper-bound paging and goes on.
    const switched = await gql(PAGE, {
      first: 2000,
      after: contactsOf(page2).pageInfo.endCursor,
      upperBound: 10000,
    });
    assert.deepEqual(switched.errors, []);
    assert.deepEqual(
      lastNames(switched),
      Array.from({ length: 100 }, (_, i) => nameOf(4000 + i)),
    );
    assert.equal(contactsOf(switched).pageInfo.hasNextPage, false);
  });

  it('small pages stop once the cursor is more than 2,000 records in', async () => {
    let after: string | undefined;
    const seen: string[] = [];
    let refused: Body;
    // Bounded: five pages of 1,000 would cover every record if nothing refused them.
    for (let page = 0; page < 5 && !refused; page++) {
      const body = await gql(PAGE, { first: 1000, after });
      if (body.data === null) refused = body;
      else {
        seen.push(...lastNames(body));
        after = contactsOf(body).pageInfo.endCursor;
      }
    }
    // Offsets 0, 1000 and 2000 are served; 3000 is not.
    assert.equal(seen.length, 3000);
    assert.match(refused.errors[0].message, /Maximum SOQL offset allowed/);
  });

  it('upperBound needs first between 200 and 2,000 and ends the result set at upperBound', async () => {
    for (const first of [10, 199, 2001]) {
      const body = await gql(PAGE, { first, upperBound: 5000 });
      assert.equal(body.data, null, `first ${first}`);
      assert.match(body.errors[0].message, /first must be between/);
    }
    const bad = await gql(PAGE, { first: 200, upperBound: 0 });
    assert.match(bad.errors[0].message, /upperBound must be a positive integer/);
    const names: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const body: Body = await gql(PAGE, { first: 2000, upperBound: 4500, after });
      assert.deepEqual(body.errors, []);
      names.push(...lastNames(body));
      after = contactsOf(body).pageInfo.hasNextPage ? contactsOf(body).pageInfo.endCursor : null;
      pages++;
    } while (after);
    // Past 4,000 with cursors alone, and no further than upperBound although 4,100 exist.
    assert.equal(pages, 3);
    assert.equal(names.length, CONTACTS);
    assert.deepEqual(names.slice(3998, 4002), [nameOf(3998), nameOf(3999), nameOf(4000), nameOf(4001)]);
    const bounded = await gql(PAGE, { first: 2000, upperBound: 2500 });
    const rest = await gql(PAGE, { first: 2000, upperBound: 2500, after: contactsOf(bounded).pageInfo.endCursor });
    assert.equal(lastNames(rest).length, 500);
    assert.equal(contactsOf(rest).pageInfo.hasNextPage, false);
  });

  it('a child connection must use upperBound when its parent query does', async () => {
    const query = (child: string) => `{ uiapi { query { Account(first: 200, upperBound: 1000) {
      edges { node { Name { value } Contacts(${child}) { edges { node { LastName { value } } } } } } } } } }`;
    const refused = await gql(query('first: 200'));
    assert.equal(refused.data, null);
    assert.match(refused.errors[0].message, /child connection must use upperBound/);
    const ok = await gql(query('first: 200, upperBound: 1000'));
    assert.deepEqual(ok.errors, []);
    assert.equal(ok.data.uiapi.query.Account.edges[0].node.Contacts.edges.length, 5);
  });
});

describe('GraphQL searches a screen sends', () => {
  it('like on several fields with or, in, ordering by Name, totalCount and upperBound paging', async () => {
    const body = await gql(
      `query search($text: String, $cities: [String]) {
      uiapi { query { Contact(first: 200, upperBound: 2000, orderBy: { Name: { order: DESC } },
        where: { and: [ { or: [ { Name: { like: $text } }, { Email: { like: $text } } ] }, { MailingCity: { in: $cities } }, { FirstName: { eq: "ben" } } ] }) {
        edges { node { Name { value } MailingCity { value } } }
        totalCount pageInfo { hasNextPage }
      } } } }`,
      { text: '%DOC 001%', cities: ['Pune'] },
    );
    assert.deepEqual(body.errors, []);
    const found = contactsOf(body);
    // Doc 0010 … Doc 0019 (LIKE and eq on text are case-insensitive), in Pune (every third), Ben (even).
    const expected = [18, 12].map((i) => `Ben ${nameOf(i)}`);
    assert.deepEqual(
      found.edges.map((e: Body) => e.node.Name.value),
      expected,
    );
    assert.equal(found.totalCount, 2);
    assert.equal(found.pageInfo.hasNextPage, false);
  });

  it('ninq and inq filter on another object: HCPs not yet invited to an event, and those invited', async () => {
    const ctx = { userId: org.identity.userId };
    const event = org.engine.insert('CME_Event__c', cmeEventFields(), ctx);
    const doctors = (await gql(PAGE, { first: 3 })).data.uiapi.query.Contact.edges.map((e: Body) => e.node.Id);
    for (const [i, doctor] of doctors.slice(0, 2).entries())
      org.engine.insert(
        'CME_Invitation__c',
        {
          Event__c: event,
          Doctor__c: doctor,
          Status__c: 'Invited',
          Role__c: 'Attendee',
          Invitation_Key__c: `${event}-${i}`,
        },
        ctx,
      );
    const search = (op: string) =>
      gql(
        `query q($event: ID) { uiapi { query { Contact(first: 3, orderBy: { LastName: { order: ASC } },
          where: { Id: { ${op}: { CME_Invitation__c: { Event__c: { eq: $event } }, ApiName: "Doctor__c" } } }) {
          edges { node { Id } } totalCount } } } }`,
        { event },
      );
    const invited = await search('inq');
    assert.deepEqual(invited.errors, []);
    assert.deepEqual(
      contactsOf(invited).edges.map((e: Body) => e.node.Id),
      doctors.slice(0, 2),
    );
    const notInvited = await search('ninq');
    assert.equal(contactsOf(notInvited).totalCount, CONTACTS - 2);
    assert.equal(contactsOf(notInvited).edges[0].node.Id, doctors[2]);
    const bad = await gql(
      '{ uiapi { query { Contact(where: { Id: { inq: { Nope__c: {}, ApiName: "Doctor__c" } } }) { totalCount } } } }',
    );
    assert.match(bad.errors[0].message, /Nope__c/);
  });

  it('@include and @skip decide whether a field is selected', async () => {
    const body = await gql(
      `query q($withCity: Boolean!) { uiapi { query { Contact(first: 1, orderBy: { LastName: { order: ASC } }) {
        edges { node { LastName @skip(if: $withCity) { value } MailingCity @include(if: $withCity) { value } } } } } } }`,
      { withCity: true },
    );
    assert.deepEqual(body.errors, []);
    assert.deepEqual(contactsOf(body).edges[0].node, { MailingCity: { value: 'Pune' } });
  });
});

describe('GraphQL field-level security and @optional', () => {
  const QUERY = (
    email: string,
    account: string,
  ) => `{ uiapi { query { Contact(first: 1, orderBy: { LastName: { order: ASC } }) {
    edges { node { LastName { value } Email ${email} { value } Account ${account} { Name { value } } } } } } } }`;

  it('a field hidden by field-level security fails the whole query unless it is @optional', () => {
    const refused = gqlAs(['Contact.Email'], QUERY('', ''));
    assert.equal(refused.data, null);
    assert.match(refused.errors[0].message, /Field 'Email' in type 'Contact' is undefined/);
    const optional = gqlAs(['Contact.Email'], QUERY('@optional', ''));
    assert.deepEqual(optional.errors, []);
    assert.deepEqual(contactsOf(optional).edges[0].node, {
      LastName: { value: nameOf(0) },
      Account: { Name: { value: 'City Hospital' } },
    });
    // Readable, @optional changes nothing.
    const visible = gqlAs([], QUERY('@optional', '@optional'));
    assert.equal(contactsOf(visible).edges[0].node.Email.value, 'doc0@example.com');
  });

  it('a parent relationship whose lookup field is hidden is undefined, or omitted when @optional', () => {
    const refused = gqlAs(['Contact.AccountId'], QUERY('', ''));
    assert.match(refused.errors[0].message, /Field 'Account' in type 'Contact' is undefined/);
    const optional = gqlAs(['Contact.AccountId'], QUERY('', '@optional'));
    assert.deepEqual(optional.errors, []);
    assert.deepEqual(Object.keys(contactsOf(optional).edges[0].node), ['LastName', 'Email']);
  });

  it('hidden fields cannot be filtered or ordered by', () => {
    const filtered = gqlAs(
      ['Contact.Email'],
      '{ uiapi { query { Contact(where: { Email: { like: "doc1%" } }) { totalCount } } } }',
    );
    assert.match(filtered.errors[0].message, /Field 'Email' in type 'Contact' is undefined/);
    const ordered = gqlAs(
      ['Contact.Email'],
      '{ uiapi { query { Contact(orderBy: { Email: { order: ASC } }) { totalCount } } } }',
    );
    assert.match(ordered.errors[0].message, /Field 'Email' in type 'Contact' is undefined/);
  });

  it('@optional omits a field the schema does not have at all; without it the query fails', async () => {
    const optional = await gql(
      '{ uiapi { query { Contact(first: 1) { edges { node { LastName { value } Nope__c @optional { value } } } } } } }',
    );
    assert.deepEqual(optional.errors, []);
    assert.deepEqual(Object.keys(contactsOf(optional).edges[0].node), ['LastName']);
    const refused = await gql('{ uiapi { query { Contact(first: 1) { edges { node { Nope__c { value } } } } } } }');
    assert.equal(refused.data, null);
    assert.match(refused.errors[0].message, /Field 'Nope__c' in type 'Contact' is undefined/);
  });

  it("with the org's field-level security, a custom field no permission set grants is @optional-omitted", () => {
    const ctx = { userId: org.identity.userId };
    const user = ensureUser(org.engine, { username: 'no-fls@example.com', firstName: 'No', lastName: 'Fls' }, ctx);
    assert.equal(canReadField(org.engine, user.id, 'Contact', 'CME_Specialty__c'), false);
    assert.equal(canReadField(org.engine, user.id, 'Contact', 'LastName'), true);
    const run = (query: string): Body =>
      runGraphql(
        { query },
        {
          schema: org.engine.schema,
          db: org.engine.db,
          prepare: (soql) => org.queries.prepare(soql, false),
          canReadField: (objectName, fieldName) => canReadField(org.engine, user.id, objectName, fieldName),
        },
      );
    const node = (directive: string) =>
      `{ uiapi { query { Contact(first: 1) { edges { node { LastName { value } CME_Specialty__c ${directive} { value } } } } } } }`;
    assert.match(run(node('')).errors[0].message, /Field 'CME_Specialty__c' in type 'Contact' is undefined/);
    const optional = run(node('@optional'));
    assert.deepEqual(optional.errors, []);
    assert.deepEqual(Object.keys(contactsOf(optional).edges[0].node), ['LastName']);
  });
});

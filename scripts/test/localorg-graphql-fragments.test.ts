// The local org's GraphQL endpoint refuses what the GraphQL spec's fragment rules refuse (§5.5), as a real
// org's validation does, so a screen whose document defines a fragment it never spreads, spreads one it
// never defines, or spreads one where its type cannot be fails here first. Documents that follow the
// rules still run, with their fragments expanded.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalOrg } from '../src/localorg/server.ts';
import { runGraphql } from '../src/localorg/graphql.ts';
import { cmeEventFields } from './localorg-fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Response bodies are read by path in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

let org: LocalOrg;

function run(query: string): Body {
  return runGraphql(
    { query },
    { schema: org.engine.schema, db: org.engine.db, prepare: (soql) => org.queries.prepare(soql, false) },
  );
}

/** The error messages of a refused document (its data is null). */
function refusal(query: string): string[] {
  const body = run(query);
  assert.equal(body.data, null, 'the document is refused');
  assert.ok(body.errors.length > 0);
  return body.errors.map((e: { message: string }) => e.message);
}

const EVENTS = (selection: string, fragments = '') => `
  query Events { uiapi { query { CME_Event__c(first: 5) { edges { node { ${selection} } } } } } }
  ${fragments}`;

before(async () => {
  org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0, accessToken: 'gql-fragments-token' });
  await org.start();
  const ctx = { userId: org.identity.userId };
  const hospital = org.engine.insert('Account', { Name: 'City Hospital' }, ctx);
  const doctor = org.engine.insert('Contact', { LastName: 'Rao', FirstName: 'Asha', AccountId: hospital }, ctx);
  const event = org.engine.insert('CME_Event__c', cmeEventFields(), ctx);
  org.engine.insert(
    'CME_Invitation__c',
    {
      Event__c: event,
      Doctor__c: doctor,
      Status__c: 'Invited',
      Invitation_Key__c: `${event}:${doctor}`,
    },
    ctx,
  );
});

after(async () => {
  await org.stop();
});

describe('GraphQL fragments (spec §5.5)', () => {
  it('expands the fragments a document defines and spreads, nested ones and inline ones included', () => {
    const body = run(`
      query Invitations {
        uiapi { query { CME_Invitation__c(first: 5) { edges { node { ...Invitation } } } } }
      }
      fragment Invitation on CME_Invitation__c { Id Status__c { value } Doctor__r { ...Doctor } Event__r { ... on CME_Event__c { Name { value } } } }
      fragment Doctor on Contact { Name { value } ... on Record { Id } }`);
    assert.deepEqual(body.errors, []);
    const node = body.data.uiapi.query.CME_Invitation__c.edges[0].node;
    assert.equal(node.Status__c.value, 'Invited');
    assert.equal(node.Doctor__r.Name.value, 'Asha Rao');
    assert.match(node.Doctor__r.Id, /^003/);
    assert.equal(node.Event__r.Name.value, 'Cardiology Update');
  });

  it('merges a field selected both in a fragment and beside it (§6.3.2, §6.4.3)', () => {
    const body = run(
      EVENTS(
        '...Event Status__c { displayValue } Name { value }',
        'fragment Event on CME_Event__c { Status__c { value } Name { value } }',
      ),
    );
    assert.deepEqual(body.errors, []);
    assert.deepEqual(body.data.uiapi.query.CME_Event__c.edges[0].node, {
      Status__c: { value: 'Draft', displayValue: 'Draft' },
      Name: { value: 'Cardiology Update' },
    });
    assert.match(refusal(EVENTS('Name: Status__c { value } Name { value }'))[0], /FieldsConflict/);
  });

  it('refuses a fragment the document defines but never spreads (§5.5.1.4)', () => {
    assert.deepEqual(refusal(EVENTS('Id', 'fragment Unused on CME_Event__c { Name { value } }')), [
      "Validation error (UnusedFragment) : Unused fragment 'Unused'",
    ]);
  });

  it('refuses a fragment spread only by another unused fragment (§5.5.1.4)', () => {
    const messages = refusal(
      EVENTS('Id', 'fragment A on CME_Event__c { ...B } fragment B on CME_Event__c { Name { value } }'),
    );
    assert.deepEqual(messages.sort(), [
      "Validation error (UnusedFragment) : Unused fragment 'A'",
      "Validation error (UnusedFragment) : Unused fragment 'B'",
    ]);
  });

  it('refuses a spread of a fragment the document does not define (§5.5.2.1)', () => {
    assert.deepEqual(refusal(EVENTS('...Missing')), [
      "Validation error (UndefinedFragment) : Undefined fragment 'Missing'",
    ]);
    // Inside a fragment too.
    assert.deepEqual(refusal(EVENTS('...A', 'fragment A on CME_Event__c { Id ...Missing }')), [
      "Validation error (UndefinedFragment) : Undefined fragment 'Missing'",
    ]);
  });

  it('refuses fragments that spread each other in a cycle (§5.5.2.2)', () => {
    const messages = refusal(
      EVENTS('...A', 'fragment A on CME_Event__c { Name { value } ...B } fragment B on CME_Event__c { Id ...A }'),
    );
    assert.equal(messages.length, 1);
    assert.match(messages[0], /^Validation error \(FragmentCycle\) : Fragment cycles not allowed \(A → B → A\)$/);
    assert.match(refusal(EVENTS('...Self', 'fragment Self on CME_Event__c { ...Self }'))[0], /FragmentCycle/);
  });

  it('refuses a fragment on another type than the one it is spread in (§5.5.2.3)', () => {
    assert.deepEqual(refusal(EVENTS('...Doctor', 'fragment Doctor on Contact { Name { value } }')), [
      "Validation error (InvalidFragmentType) : Fragment 'Doctor' cannot be spread here as objects of type 'CME_Event__c' can never be of type 'Contact'",
    ]);
    assert.deepEqual(refusal(EVENTS('... on Contact { Id }')), [
      "Validation error (InvalidFragmentType) : Fragment cannot be spread here as objects of type 'CME_Event__c' can never be of type 'Contact'",
    ]);
    // On a connection or an edge rather than on the record inside it.
    const onConnection = `query Q { uiapi { query { CME_Event__c { ...Event } } } } fragment Event on CME_Event__c { Id }`;
    assert.match(
      refusal(onConnection)[0],
      /objects of type 'CME_Event__cConnection' can never be of type 'CME_Event__c'/,
    );
    // Through a parent relationship: Event__r is a CME_Event__c.
    const throughParent = `query Q { uiapi { query { CME_Invitation__c { edges { node { Event__r { ...Doctor } } } } } } }
      fragment Doctor on Contact { Id }`;
    assert.match(refusal(throughParent)[0], /objects of type 'CME_Event__c' can never be of type 'Contact'/);
  });

  it('checks a fragment inside a polymorphic relationship against its own type only', () => {
    const who = `query Q { uiapi { query { Task { edges { node { Who { ... on Contact { Name { value } } } } } } } } }`;
    assert.deepEqual(run(who).errors, []);
  });

  it('refuses two fragments of one name and a type the schema does not have (§5.5.1.1, §5.5.1.2)', () => {
    assert.deepEqual(
      refusal(EVENTS('...A', 'fragment A on CME_Event__c { Id } fragment A on CME_Event__c { Name { value } }')),
      ["Validation error (DuplicateFragmentName) : There can be only one fragment named 'A'"],
    );
    assert.deepEqual(refusal(EVENTS('...A', 'fragment A on CME_Nothing__c { Id }')), [
      "Validation error (UnknownType) : Unknown type 'CME_Nothing__c'",
    ]);
  });
});

// Every screen's GraphQL documents are valid and run: each query module under force-app's LWC (the
// files that hold `gql` documents) is loaded as the browser would build it — `gql` joins the template
// with the c/cmeQueries fragments it interpolates — every document is parsed with graphql-js, checked
// against the spec's fragment rules (each fragment it spreads defined once, each one it defines
// spread), and run against a seeded local org as the admin and as each demo user (rep, manager,
// compliance officer, so field-level security and sharing apply), expecting data and no errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kind, parse, print } from 'graphql';
import type { DocumentNode, FieldNode, OperationDefinitionNode } from 'graphql';
import { LocalOrg } from '../src/localorg/server.ts';
import { fragmentErrors } from '../src/localorg/graphql.ts';
import { restCall, startOrgWithCast, submittableEventFields } from './localorg-fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LWC = path.join(ROOT, 'force-app/main/default/lwc');
const ADMIN = 'lwc-queries-admin-token';

// Response bodies are read by path in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

// The platform modules a query module imports, as the browser gets them: `gql` keeps the text with the
// interpolated values (as the preview's lightning/graphql does), a schema import is its
// { objectApiName, fieldApiName } (as sfdx-lwc-jest's @salesforce/schema transform makes it).
const GQL_MODULE =
  'export const gql = (strings, ...values) => strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ""), "");';
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'lightning/graphql')
      return { url: `data:text/javascript,${encodeURIComponent(GQL_MODULE)}`, shortCircuit: true };
    const bundle = /^c\/(\w+)$/.exec(specifier)?.[1];
    if (bundle) return { url: pathToFileURL(path.join(LWC, bundle, `${bundle}.ts`)).href, shortCircuit: true };
    const schema = /^@salesforce\/schema\/(\w+)(?:\.(.+))?$/.exec(specifier);
    if (schema) {
      const value = JSON.stringify({ objectApiName: schema[1], ...(schema[2] ? { fieldApiName: schema[2] } : {}) });
      return { url: `data:text/javascript,${encodeURIComponent(`export default ${value};`)}`, shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});

/** The LWC TypeScript sources (tests are in __tests__, not read) that define a gql document. */
function queryModules(): string[] {
  const out: string[] = [];
  for (const bundle of fs.readdirSync(LWC, { withFileTypes: true })) {
    if (!bundle.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(LWC, bundle.name)))
      if (file.endsWith('.ts') && /=\s*gql`/.test(fs.readFileSync(path.join(LWC, bundle.name, file), 'utf8')))
        out.push(`${bundle.name}/${file}`);
  }
  return out.sort();
}

interface Document {
  module: string;
  name: string;
  text: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

const documents: Document[] = [];
let org: LocalOrg;
let base = '';
const tokens: Record<string, string> = { admin: ADMIN };
let values: Record<string, unknown> = {};

async function create(object: string, fields: Record<string, unknown>): Promise<string> {
  const res = await restCall(base, ADMIN, 'POST', `sobjects/${object}`, fields);
  assert.equal(res.status, 201, `creating ${object}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

before(async () => {
  for (const module of queryModules()) {
    const exports = (await import(pathToFileURL(path.join(LWC, module)).href)) as Record<string, unknown>;
    for (const [name, text] of Object.entries(exports)) {
      if (typeof text !== 'string' || !/^\s*query\b/.test(text)) continue;
      const document = parse(text);
      const operations = document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      assert.equal(operations.length, 1, `${module} ${name}: one operation`);
      documents.push({ module, name, text, document, operation: operations[0] });
    }
  }

  const cast = await startOrgWithCast(ADMIN);
  ({ org, base } = cast);
  for (const [name, user] of Object.entries(cast.users)) tokens[name] = user.accessToken;
  const rep = (
    org.engine.db.prepare('SELECT "Id" FROM "User" WHERE "Username" = ?').get('rep@cme.local') as { Id: string }
  ).Id;
  const pack = (
    org.engine.db.prepare('SELECT "Id" FROM "CME_Rule_Pack__c" WHERE "Code__c" = ?').get('IN-UCPMP-2024') as {
      Id: string;
    }
  ).Id;
  // Two approved events (every user reads them), one doctor invited to and attending both, an expense
  // line for the doctor and a shared one at each, and an open follow-up Task of the rep's.
  const hospital = await create('Account', { Name: 'City Hospital', CME_HCO_Key__c: 'HCO-1' });
  const doctor = await create('Contact', {
    FirstName: 'Asha',
    LastName: 'Rao',
    AccountId: hospital,
    Email: 'asha.rao@example.com',
    CME_Registration_Number__c: 'MMC-1001',
  });
  const events: string[] = [];
  for (const day of ['10', '20']) {
    const event = await create(
      'CME_Event__c',
      submittableEventFields(pack, {
        Status__c: 'Approved',
        Start__c: `2027-02-${day}T04:00:00.000Z`,
        End__c: `2027-02-${day}T10:00:00.000Z`,
      }),
    );
    events.push(event);
    const invitation = await create('CME_Invitation__c', {
      Event__c: event,
      Doctor__c: doctor,
      Status__c: 'Accepted',
      Invitation_Key__c: `${event}:${doctor}`,
    });
    await create('CME_Attendance__c', {
      Event__c: event,
      Doctor__c: doctor,
      Invitation__c: invitation,
      Mode__c: 'In-Person',
      Checked_In_At__c: `2027-02-${day}T04:10:00.000Z`,
      Attendance_Key__c: `${event}:${doctor}`,
      // The first event's attendance carries a completed evaluation (the Evaluations screen reads it).
      ...(day === '10'
        ? {
            Feedback_Rating__c: 4,
            Evaluation_Relevance__c: 5,
            Evaluation_Speaker__c: 3,
            Evaluation_Practice_Change__c: 'Unsure',
            Evaluation_Comments__c: 'More cases, please.',
            Evaluated_On__c: `2027-02-${day}T11:00:00.000Z`,
          }
        : {}),
    });
    await create('CME_Expense__c', {
      Event__c: event,
      Category__c: 'Venue',
      Amount__c: 50000,
      Stage__c: 'Actual',
      Incurred_On__c: `2027-02-${day}`,
    });
    await create('CME_Expense__c', {
      Event__c: event,
      Doctor__c: doctor,
      Category__c: 'Travel and Lodging',
      Amount__c: 8000,
      Stage__c: 'Committed',
    });
  }
  await create('Task', {
    Subject: 'Send slides',
    WhatId: events[0],
    WhoId: doctor,
    OwnerId: rep,
    Status: 'Not Started',
  });

  // Each variable the screens declare, by name, with a value from the seeded data.
  values = {
    eventId: events[0],
    contactId: doctor,
    doctorIds: [doctor],
    ids: [doctor],
    eventIds: events,
    historyEventIds: [events[1]],
    from: '2027-01-01T00:00:00.000Z',
    to: '2027-12-31T23:59:59.000Z',
    fromDay: '2027-01-01',
    toDay: '2027-12-31',
    where: {},
    cursor: null,
    pageSize: 2000,
    upperBound: 50000,
    active: true,
    registration: 'MMC-1001',
    email: 'asha.rao@example.com',
    ownerId: rep,
    first: 200,
  };
});

after(async () => {
  await org?.stop();
});

/** The variables an operation declares, from the table above (a name it lacks fails the test). */
function variablesOf(doc: Document): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of doc.operation.variableDefinitions ?? []) {
    const name = v.variable.name.value;
    assert.ok(name in values, `${doc.module} ${doc.name}: no test value for $${name}`);
    // MyFollowUps' ids are events (What), the insights' are doctors: FollowUpEventNames reads events.
    out[name] = name === 'ids' && doc.operation.name?.value === 'FollowUpEventNames' ? values.eventIds : values[name];
  }
  return out;
}

/** The connections an operation asks uiapi.query for, by response key. */
function connectionsOf(doc: Document): string[] {
  const keys: string[] = [];
  const visit = (selections: readonly { kind: string }[], depth: number) => {
    for (const s of selections as Body[]) {
      if (s.kind !== Kind.FIELD) continue;
      if (depth === 2) keys.push(s.alias?.value ?? s.name.value);
      else if (s.selectionSet) visit(s.selectionSet.selections, depth + 1);
    }
  };
  visit(doc.operation.selectionSet.selections, 0);
  return keys;
}

/** The connection an operation asks uiapi.query for under this response key, as GraphQL text. */
function connectionText(operation: string, key: string): string {
  const doc = documents.find((d) => d.operation.name?.value === operation);
  assert.ok(doc, operation);
  const fieldsOf = (selections: readonly { kind: string }[]) =>
    selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  const [uiapi] = fieldsOf(doc.operation.selectionSet.selections);
  const [query] = fieldsOf(uiapi.selectionSet?.selections ?? []);
  const connection = fieldsOf(query.selectionSet?.selections ?? []).find((f) => (f.alias ?? f.name).value === key);
  assert.ok(connection, `${operation} ${key}`);
  return print(connection);
}

describe('the screens’ GraphQL documents', () => {
  it('live in query modules, not in the components', () => {
    const modules = [...new Set(documents.map((d) => d.module))];
    assert.ok(modules.length >= 11, `query modules: ${modules.join(', ')}`);
    for (const module of queryModules()) {
      const [bundle, file] = module.split('/');
      assert.notEqual(file, `${bundle}.ts`, `${module} holds a gql document; move it to the bundle's queries.ts`);
    }
  });

  it('are named operations, each name once, that follow the spec’s fragment rules', () => {
    assert.ok(documents.length >= 20, `${documents.length} documents`);
    const names = documents.map((d) => d.operation.name?.value);
    assert.ok(names.every(Boolean), 'every operation has a name');
    assert.equal(new Set(names).size, names.length, `operation names repeat: ${names.join(', ')}`);
    for (const doc of documents)
      assert.deepEqual(fragmentErrors(doc.document, org.engine.schema), [], `${doc.module} ${doc.name}`);
  });

  it('spread the shared fragments rather than writing their selections again', () => {
    const spreading = documents.filter((d) =>
      /\.\.\.(DoctorName|EventSummary|InvitationFields|RulePackFields)\b/.test(d.text),
    );
    assert.ok(spreading.length >= 12, `${spreading.length} documents spread a shared fragment`);
    // An operation reads an expense line with its form of payment as ExpenseValue, not as ExpenseLine with
    // the field beside it (the ExpenseValue definition itself is that pair, so only operations are read).
    for (const doc of documents)
      assert.doesNotMatch(
        print(doc.operation),
        /\.\.\.ExpenseLine\s+Payment_Form__c\s*\{\s*value\s*\}/,
        `${doc.module} ${doc.name}`,
      );
  });

  // A connection cannot be a fragment (fragments go on record types such as CME_Rule_Pack__c), so the
  // pre-flight and the HCP panel each write the active packs and their rules; the copies must stay the
  // same, or the two screens would judge an HCP by different packs.
  it('read the active rule packs and their rules alike in the pre-flight and the HCP panel', () => {
    for (const key of ['CME_Rule_Pack__c', 'CME_Rule__c'])
      assert.equal(connectionText('HcpPanel', key), connectionText('PreflightEvent', key), key);
  });

  for (const who of ['admin', 'rep', 'manager', 'compliance'])
    it(`run without errors as the ${who === 'admin' ? 'admin' : `${who} demo user`}`, async () => {
      for (const doc of documents) {
        const res = await restCall(base, tokens[who], 'POST', 'ui-api/graphql', {
          query: doc.text,
          variables: variablesOf(doc),
          operationName: doc.operation.name?.value,
        });
        const label = `${doc.module} ${doc.name} as ${who}`;
        assert.equal(res.status, 200, label);
        assert.deepEqual(res.body.errors ?? [], [], label);
        const query = res.body.data?.uiapi?.query;
        assert.deepEqual(Object.keys(query ?? {}).sort(), connectionsOf(doc).sort(), label);
      }
    });

  it('read the seeded records through their fragments', async () => {
    const run = async (operation: string) => {
      const doc = documents.find((d) => d.operation.name?.value === operation);
      assert.ok(doc, operation);
      const res = await restCall(base, tokens.rep, 'POST', 'ui-api/graphql', {
        query: doc.text,
        variables: variablesOf(doc),
      });
      return res.body.data.uiapi.query;
    };
    const roster = await run('CmeCheckInRoster');
    const invitation = roster.CME_Invitation__c.edges[0].node;
    assert.equal(invitation.Status__c.value, 'Accepted');
    assert.equal(invitation.Doctor__r.Name.value, 'Asha Rao');
    assert.equal(invitation.Doctor__r.CME_Registration_Number__c.value, 'MMC-1001');
    assert.equal(roster.CME_Attendance__c.edges[0].node.Mode__c.value, 'In-Person');
    const preflight = await run('PreflightEvent');
    assert.equal(preflight.CME_Event__c.edges[0].node.Name.value, 'Diabetes Update');
    assert.equal(preflight.CME_Rule_Pack__c.edges.length, 3);
    assert.ok(preflight.CME_Rule__c.edges.every((e: Body) => e.node.Rule_Id__c.value));
    const transfers = await run('HcpTransfers');
    const event = transfers.CME_Event__c.edges[0].node;
    assert.equal(event.Attendances__r.edges.length, 1);
    assert.deepEqual(event.Expenses__r.edges.map((e: Body) => e.node.Category__c.value).sort(), [
      'Travel and Lodging',
      'Venue',
    ]);
    const evaluations = await run('EventEvaluations');
    assert.equal(evaluations.CME_Event__c.edges[0].node.Start__c.value, '2027-02-10T04:00:00.000Z');
    const evaluation = evaluations.CME_Attendance__c.edges[0].node;
    assert.equal(evaluation.Doctor__r.Name.value, 'Asha Rao');
    assert.deepEqual(
      [
        evaluation.Feedback_Rating__c.value,
        evaluation.Evaluation_Relevance__c.value,
        evaluation.Evaluation_Speaker__c.value,
        evaluation.Evaluation_Practice_Change__c.value,
        evaluation.Evaluation_Comments__c.value,
        evaluation.Evaluated_On__c.value,
      ],
      [4, 5, 3, 'Unsure', 'More cases, please.', '2027-02-10T11:00:00.000Z'],
    );
    // The HCP panel reads the same evaluation through AttendanceEvaluation (newest event first).
    const panel = await run('HcpPanel');
    const attended = panel.CME_Attendance__c.edges.map((e: Body) => e.node);
    const [first, second] = values.eventIds as string[];
    assert.deepEqual(
      attended.map((a: Body) => [a.Event__c.value, a.Feedback_Rating__c.value, a.Evaluated_On__c.value]),
      [
        [second, null, null],
        [first, 4, '2027-02-10T11:00:00.000Z'],
      ],
    );
    assert.equal(attended[1].Evaluation_Practice_Change__c.displayValue, 'Unsure');
    const tasks = await run('MyFollowUps');
    assert.equal(tasks.Task.edges[0].node.Who.Name.value, 'Asha Rao');
  });
});

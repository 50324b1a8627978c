import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { loadSchema } from '../src/localorg/schema.ts';
import type { OrgSchema } from '../src/localorg/schema.ts';
import { createTables } from '../src/localorg/storage.ts';
import { CHILD_BATCH_SIZE, dateLiteralRange, prepareQuery, SoqlError } from '../src/localorg/soql/index.ts';
import type {
  QueryContext,
  QueryDatabase,
  QueryRecord,
  QueryStatement,
  SoqlErrorCode,
} from '../src/localorg/soql/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** 15 characters without capitals have the case-safe suffix AAA. */
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}AAA`;

const U_ADA = id('005', 1);
const U_RITA = id('005', 2);
const C_ASHA = id('003', 1);
const C_BEN = id('003', 2);
const C_CARL = id('003', 3);
const C_DORA = id('003', 4);
const ACME = id('001', 1);
const E_SUMMIT = id('a02', 1);
const E_WORKSHOP = id('a02', 2);
const E_WEBINAR = id('a02', 3);
const E_OLD = id('a02', 4);
const I1 = id('a04', 1);
const I2 = id('a04', 2);
const I3 = id('a04', 3);
const I4 = id('a04', 4);
const I5 = id('a04', 5);

/** A Wednesday; the week (Sunday start) is 2026-05-10 … 2026-05-16. */
const NOW = new Date('2026-05-13T15:30:00.000Z');
const CONTEXT: QueryContext = { includeDeleted: false, now: NOW, fiscalYearStartMonth: 1, userId: U_ADA };

type Value = string | number | boolean | null;

function testSchema(): OrgSchema {
  const schema = loadSchema(ROOT);
  // The package has no multi-select picklist; give Contact one so INCLUDES/EXCLUDES can be tested.
  const contact = schema.objects.get('Contact')!;
  const values = ['Research', 'Teaching', 'Speaking', 'Advisory'].map((v) => ({
    value: v,
    label: v,
    defaultValue: false,
    active: true,
  }));
  const specialty = contact.fields.get('CME_Specialty__c')!;
  contact.fields.set('CME_Interests__c', {
    ...specialty,
    name: 'CME_Interests__c',
    label: 'Interests',
    type: 'multipicklist',
    picklistValues: values,
  });
  return schema;
}

function insert(db: DatabaseSync, object: string, values: Record<string, Value>): void {
  const row: Record<string, Value> = { IsDeleted: 0, ...values };
  const names = Object.keys(row);
  const sql = `INSERT INTO "${object}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  db.prepare(sql).run(...names.map((n) => (typeof row[n] === 'boolean' ? (row[n] ? 1 : 0) : row[n])));
}

function seed(db: DatabaseSync): void {
  insert(db, 'User', { Id: U_ADA, Name: 'Ada Admin', LastName: 'Admin', Username: 'ada@cme.test' });
  insert(db, 'User', { Id: U_RITA, Name: 'Rita Rep', LastName: 'Rep', Username: 'rita@cme.test' });
  insert(db, 'Account', { Id: ACME, Name: 'Acme Hospital', OwnerId: U_ADA });
  const contact = (Id: string, Name: string, extra: Record<string, Value>) =>
    insert(db, 'Contact', { Id, Name, LastName: Name.split(' ')[1], ...extra });
  contact(C_ASHA, 'Asha Rao', {
    CME_Specialty__c: 'Cardiology',
    CME_Interests__c: 'Research;Teaching',
    CME_Consent_Date__c: '2026-05-13',
    OwnerId: U_RITA,
    AccountId: ACME,
  });
  contact(C_BEN, 'Ben Cole', {
    CME_Specialty__c: 'Oncology',
    CME_Interests__c: 'Speaking',
    CME_Consent_Date__c: '2026-05-10',
    OwnerId: U_ADA,
  });
  contact(C_CARL, 'carl Diaz', {
    CME_Specialty__c: null,
    CME_Interests__c: null,
    CME_Consent_Date__c: null,
    OwnerId: U_ADA,
  });
  contact(C_DORA, 'Dora Deleted', { CME_Specialty__c: 'Cardiology', IsDeleted: 1, OwnerId: U_ADA });
  const event = (Id: string, Name: string, extra: Record<string, Value>) =>
    insert(db, 'CME_Event__c', { Id, Name, ...extra });
  event(E_SUMMIT, 'Cardio Summit', {
    Status__c: 'Approved',
    Event_Type__c: 'Conference',
    Start__c: '2026-05-13T00:00:00.000Z',
    Budget__c: 5000,
    Capacity__c: 120,
    Accredited__c: true,
    OwnerId: U_ADA,
    CreatedById: U_ADA,
  });
  event(E_WORKSHOP, 'Onco Workshop', {
    Status__c: 'Draft',
    Event_Type__c: 'Workshop',
    Start__c: '2026-05-13T23:59:59.999Z',
    Budget__c: 1200.5,
    Capacity__c: 30,
    OwnerId: U_RITA,
    CreatedById: U_RITA,
  });
  event(E_WEBINAR, 'Webinar_100% Live', {
    Status__c: 'Completed',
    Event_Type__c: 'Webinar',
    Start__c: '2026-05-14T00:00:00.000Z',
    Budget__c: null,
    OwnerId: U_RITA,
    CreatedById: null,
  });
  event(E_OLD, 'Old Event', {
    Status__c: 'Cancelled',
    Start__c: '2025-01-01T10:00:00.000Z',
    Budget__c: 10,
    OwnerId: U_ADA,
    IsDeleted: 1,
  });
  const invitation = (
    Id: string,
    Name: string,
    Event__c: string,
    Doctor__c: string,
    Status__c: string | null,
    extra: Record<string, Value> = {},
  ) => insert(db, 'CME_Invitation__c', { Id, Name, Event__c, Doctor__c, Status__c, ...extra });
  invitation(I1, 'INV-1', E_SUMMIT, C_ASHA, 'Accepted', {
    Role__c: 'Speaker',
    Invited_On__c: '2026-05-01T08:00:00.000Z',
  });
  invitation(I2, 'INV-2', E_SUMMIT, C_BEN, 'Declined', { Role__c: 'Attendee' });
  invitation(I3, 'INV-3', E_WORKSHOP, C_ASHA, 'Invited');
  invitation(I4, 'INV-4', E_WORKSHOP, C_CARL, null);
  invitation(I5, 'INV-5', E_SUMMIT, C_CARL, 'Accepted', { IsDeleted: 1 });
  insert(db, 'CME_Attendance__c', {
    Id: id('a01', 1),
    Name: 'ATT-1',
    Event__c: E_SUMMIT,
    Invitation__c: I1,
    Doctor__c: C_ASHA,
    Minutes_Attended__c: 90,
  });
  insert(db, 'CME_Attendance__c', {
    Id: id('a01', 2),
    Name: 'ATT-2',
    Event__c: E_SUMMIT,
    Invitation__c: null,
    Doctor__c: C_BEN,
    Minutes_Attended__c: 45,
  });
  const expense = (
    n: number,
    Event__c: string,
    Amount__c: number | null,
    Category__c: string,
    Incurred_On__c: string | null,
  ) =>
    insert(db, 'CME_Expense__c', {
      Id: id('a03', n),
      Name: `EXP-${n}`,
      Event__c,
      Amount__c,
      Category__c,
      Incurred_On__c,
    });
  expense(1, E_SUMMIT, 1000, 'Venue', '2026-05-13');
  expense(2, E_SUMMIT, 250.25, 'Food and Beverage', '2026-05-12');
  expense(3, E_WORKSHOP, 300, 'Venue', '2026-04-30');
  expense(4, E_WORKSHOP, null, 'Other', null);
  insert(db, 'Task', { Id: id('00T', 1), Subject: 'Follow up', WhatId: E_SUMMIT, WhoId: C_ASHA, OwnerId: U_RITA });
  insert(db, 'Task', { Id: id('00T', 2), Subject: 'Call the hospital', WhatId: ACME, WhoId: null, OwnerId: U_RITA });
  insert(db, 'Task', { Id: id('00T', 3), Subject: 'Unrelated', WhatId: null, OwnerId: U_RITA });
}

let schema: OrgSchema;
let db: DatabaseSync;

before(() => {
  schema = testSchema();
  db = new DatabaseSync(':memory:');
  createTables(db, schema);
  seed(db);
});

function run(soql: string, context: Partial<QueryContext> = {}): { totalSize: number; records: QueryRecord[] } {
  const query = prepareQuery(schema, soql, { ...CONTEXT, ...context });
  return { totalSize: query.totalSize(db), records: [...query.records(db, '62.0')] };
}

/** The given field of each record, in result order. */
function pluck(soql: string, field = 'Name', context: Partial<QueryContext> = {}): unknown[] {
  return run(soql, context).records.map((r) => r[field]);
}

function rejects(
  soql: string,
  errorCode: SoqlErrorCode,
  message: RegExp | string,
  context: Partial<QueryContext> = {},
): void {
  assert.throws(
    () => prepareQuery(schema, soql, { ...CONTEXT, ...context }),
    (error: unknown) => {
      assert.ok(error instanceof SoqlError, `expected SoqlError, got ${String(error)}`);
      assert.equal(error.errorCode, errorCode);
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    },
  );
}

/** A database wrapper that counts statement executions and rows pulled from cursors. */
function countingDb(inner: DatabaseSync): QueryDatabase & { pulled: number; executions: Map<string, number> } {
  const wrapper = {
    pulled: 0,
    executions: new Map<string, number>(),
    prepare(sql: string): QueryStatement {
      const statement = inner.prepare(sql);
      const count = () => wrapper.executions.set(sql, (wrapper.executions.get(sql) ?? 0) + 1);
      return {
        iterate(params: Record<string, SQLInputValue>) {
          count();
          const cursor = statement.iterate(params);
          return {
            next: () => {
              const step = cursor.next();
              if (!step.done) wrapper.pulled++;
              return step;
            },
            return: (value?: unknown) => cursor.return?.(value) ?? { done: true, value: undefined },
          } as Iterator<Record<string, SQLOutputValue>>;
        },
        all(params: Record<string, SQLInputValue>) {
          count();
          return statement.all(params);
        },
        get(params: Record<string, SQLInputValue>) {
          count();
          return statement.get(params);
        },
      };
    },
  };
  return wrapper;
}

describe('record shape', () => {
  it('returns fields in select order with REST attributes, JSON types and Salesforce datetimes', () => {
    const { totalSize, records } = run(
      `SELECT Name, Id, Budget__c, Accredited__c, Start__c, Capacity__c FROM CME_Event__c WHERE Id = '${E_SUMMIT}'`,
    );
    assert.equal(totalSize, 1);
    assert.deepEqual(records, [
      {
        attributes: { type: 'CME_Event__c', url: `/services/data/v62.0/sobjects/CME_Event__c/${E_SUMMIT}` },
        Name: 'Cardio Summit',
        Id: E_SUMMIT,
        Budget__c: 5000,
        Accredited__c: true,
        Start__c: '2026-05-13T00:00:00.000+0000',
        Capacity__c: 120,
      },
    ]);
    assert.deepEqual(Object.keys(records[0]), [
      'attributes',
      'Name',
      'Id',
      'Budget__c',
      'Accredited__c',
      'Start__c',
      'Capacity__c',
    ]);
  });

  it('returns false booleans, null values and dates as YYYY-MM-DD', () => {
    const [record] = run(`SELECT Accredited__c, Budget__c FROM CME_Event__c WHERE Id = '${E_WEBINAR}'`).records;
    assert.equal(record.Accredited__c, false);
    assert.equal(record.Budget__c, null);
    assert.deepEqual(pluck(`SELECT CME_Consent_Date__c FROM Contact WHERE Id = '${C_ASHA}'`, 'CME_Consent_Date__c'), [
      '2026-05-13',
    ]);
  });

  it('accepts an api version with or without the v in urls', () => {
    const query = prepareQuery(schema, `SELECT Id FROM Contact WHERE Id = '${C_BEN}'`, CONTEXT);
    const [record] = [...query.records(db, 'v58.0')];
    assert.deepEqual(record.attributes, { type: 'Contact', url: `/services/data/v58.0/sobjects/Contact/${C_BEN}` });
  });

  it('resolves object, field and relationship names case-insensitively and answers canonical names', () => {
    const [record] = run(
      `select id, NAME, status__C, event_TYPE__c, owner.NAME, (select STATUS__C from INVITATIONS__R where doctor__R.name = 'asha rao') from cme_EVENT__C where ID = '${E_SUMMIT}'`,
    ).records;
    assert.deepEqual(Object.keys(record), [
      'attributes',
      'Id',
      'Name',
      'Status__c',
      'Event_Type__c',
      'Owner',
      'Invitations__r',
    ]);
    assert.equal((record.attributes as { type: string }).type, 'CME_Event__c');
    assert.deepEqual(record.Owner, {
      attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${U_ADA}` },
      Name: 'Ada Admin',
    });
    assert.deepEqual(
      (record.Invitations__r as { records: QueryRecord[] }).records.map((r) => r.Status__c),
      ['Accepted'],
    );
  });

  it('accepts an object alias in fields, WHERE and ORDER BY', () => {
    assert.deepEqual(
      pluck("SELECT e.Name, e.Owner.Name FROM CME_Event__c e WHERE e.Status__c = 'Draft' ORDER BY e.Name"),
      ['Onco Workshop'],
    );
  });

  it('expands FIELDS(STANDARD) and FIELDS(CUSTOM) (with LIMIT ≤ 200)', () => {
    const [standard] = run(`SELECT FIELDS(STANDARD) FROM CME_Event__c WHERE Id = '${E_SUMMIT}'`).records;
    assert.ok('Name' in standard && 'OwnerId' in standard && 'CreatedDate' in standard);
    assert.ok(!('Status__c' in standard));
    const [custom] = run(`SELECT Id, FIELDS(CUSTOM) FROM CME_Event__c WHERE Id = '${E_SUMMIT}' LIMIT 1`).records;
    assert.equal(custom.Status__c, 'Approved');
    assert.ok(!('Name' in custom));
    rejects(
      'SELECT FIELDS(CUSTOM) FROM CME_Event__c',
      'MALFORMED_QUERY',
      'The SOQL FIELDS function must have a LIMIT of at most 200',
    );
  });
});

describe('WHERE operators', () => {
  const events = (where: string) => pluck(`SELECT Name FROM CME_Event__c WHERE ${where} ORDER BY Name`);

  it('= and != on text ignore case; != also matches null', () => {
    assert.deepEqual(events("Status__c = 'approved'"), ['Cardio Summit']);
    assert.deepEqual(events("Name = 'CARDIO SUMMIT'"), ['Cardio Summit']);
    assert.deepEqual(events("Status__c != 'Draft'"), ['Cardio Summit', 'Webinar_100% Live']);
    assert.deepEqual(events("Status__c <> 'Draft'"), ['Cardio Summit', 'Webinar_100% Live']);
    assert.deepEqual(events('Budget__c != 5000'), ['Onco Workshop', 'Webinar_100% Live']);
  });

  it('< <= > >= on numbers, text and datetimes exclude null', () => {
    assert.deepEqual(events('Budget__c < 5000'), ['Onco Workshop']);
    assert.deepEqual(events('Budget__c <= 5000'), ['Cardio Summit', 'Onco Workshop']);
    assert.deepEqual(events('Budget__c > 1200.5'), ['Cardio Summit']);
    assert.deepEqual(events('Budget__c >= 1200.5'), ['Cardio Summit', 'Onco Workshop']);
    assert.deepEqual(events("Name > 'd'"), ['Onco Workshop', 'Webinar_100% Live']);
    assert.deepEqual(events('Start__c > 2026-05-13T12:00:00Z'), ['Onco Workshop', 'Webinar_100% Live']);
    assert.deepEqual(events('Capacity__c >= 30'), ['Cardio Summit', 'Onco Workshop']);
  });

  it('= and != null', () => {
    assert.deepEqual(events('Budget__c = null'), ['Webinar_100% Live']);
    assert.deepEqual(events('Budget__c != null'), ['Cardio Summit', 'Onco Workshop']);
    assert.deepEqual(pluck('SELECT Name FROM Contact WHERE CME_Specialty__c = null'), ['carl Diaz']);
    assert.deepEqual(pluck("SELECT Name FROM Contact WHERE CME_Specialty__c = '' ORDER BY Name"), ['carl Diaz']);
  });

  it('IN and NOT IN (NOT IN matches null; null may be listed)', () => {
    assert.deepEqual(events("Status__c IN ('draft', 'Completed')"), ['Onco Workshop', 'Webinar_100% Live']);
    assert.deepEqual(events("Status__c NOT IN ('Draft')"), ['Cardio Summit', 'Webinar_100% Live']);
    assert.deepEqual(events('Budget__c IN (5000, 1200.5)'), ['Cardio Summit', 'Onco Workshop']);
    assert.deepEqual(events('Budget__c IN (5000, null)'), ['Cardio Summit', 'Webinar_100% Live']);
    assert.deepEqual(events('Budget__c NOT IN (5000)'), ['Onco Workshop', 'Webinar_100% Live']);
    assert.deepEqual(events('Budget__c NOT IN (5000, null)'), ['Onco Workshop']);
    assert.deepEqual(events(`Id IN ('${E_SUMMIT}', '${E_WEBINAR}')`), ['Cardio Summit', 'Webinar_100% Live']);
  });

  it('LIKE with wildcards, case-insensitivity and escaped % and _', () => {
    assert.deepEqual(events("Name LIKE '%o%'"), ['Cardio Summit', 'Onco Workshop']);
    assert.deepEqual(events("Name LIKE 'c%'"), ['Cardio Summit']);
    assert.deepEqual(events("Name LIKE '_nco%'"), ['Onco Workshop']);
    assert.deepEqual(events("Name LIKE '%\\_100\\%%'"), ['Webinar_100% Live']);
    assert.deepEqual(events("Name LIKE 'Webinar\\_1%'"), ['Webinar_100% Live']);
    assert.deepEqual(events("Name LIKE '%r\\_%'"), ['Webinar_100% Live']);
    assert.deepEqual(events("NOT Name LIKE '%Summit'"), ['Onco Workshop', 'Webinar_100% Live']);
  });

  it('INCLUDES and EXCLUDES on a multi-select picklist (; means all of)', () => {
    const contacts = (where: string) => pluck(`SELECT Name FROM Contact WHERE ${where} ORDER BY Name`);
    assert.deepEqual(contacts("CME_Interests__c INCLUDES ('teaching')"), ['Asha Rao']);
    assert.deepEqual(contacts("CME_Interests__c INCLUDES ('Teaching', 'Speaking')"), ['Asha Rao', 'Ben Cole']);
    assert.deepEqual(contacts("CME_Interests__c INCLUDES ('Teaching;Research')"), ['Asha Rao']);
    assert.deepEqual(contacts("CME_Interests__c INCLUDES ('Teaching;Speaking')"), []);
    assert.deepEqual(contacts("CME_Interests__c EXCLUDES ('Research')"), ['Ben Cole', 'carl Diaz']);
    assert.deepEqual(contacts("CME_Interests__c = 'Teaching;Research'"), ['Asha Rao']);
    rejects(
      "SELECT Id FROM Contact WHERE CME_Specialty__c INCLUDES ('Cardiology')",
      'INVALID_QUERY_FILTER_OPERATOR',
      'includes or excludes operator only valid on multipicklist field',
    );
  });

  it('AND, OR, NOT and parentheses', () => {
    assert.deepEqual(events("Status__c = 'Draft' OR Status__c = 'Approved'"), ['Cardio Summit', 'Onco Workshop']);
    assert.deepEqual(events("Status__c = 'Draft' AND Budget__c > 1000"), ['Onco Workshop']);
    assert.deepEqual(events("(Status__c = 'Draft' OR Status__c = 'Approved') AND Budget__c > 2000"), ['Cardio Summit']);
    assert.deepEqual(events("Status__c = 'Completed' OR (Status__c = 'Draft' AND Budget__c > 2000)"), [
      'Webinar_100% Live',
    ]);
    assert.deepEqual(events("NOT (Status__c = 'Draft' OR Status__c = 'Approved')"), ['Webinar_100% Live']);
    assert.deepEqual(events("NOT Status__c = 'Draft' AND Budget__c > 0"), ['Cardio Summit']);
    assert.deepEqual(events("NOT (NOT Status__c = 'Draft')"), ['Onco Workshop']);
    assert.deepEqual(events("((Status__c = 'Draft') OR (NOT Budget__c > 0))"), ['Onco Workshop', 'Webinar_100% Live']);
  });

  it('NOT of a comparison matches rows where the field is null (two-valued logic)', () => {
    assert.deepEqual(events('NOT Budget__c > 2000'), ['Onco Workshop', 'Webinar_100% Live']);
    assert.deepEqual(events('NOT (Budget__c > 2000 AND Capacity__c > 0)'), ['Onco Workshop', 'Webinar_100% Live']);
  });

  it('refuses AND and OR mixed without parentheses, as Salesforce does', () => {
    rejects(
      "SELECT Id FROM CME_Event__c WHERE Name = 'a' AND Name = 'b' OR Name = 'c'",
      'MALFORMED_QUERY',
      /unexpected token: 'OR'/,
    );
  });

  it('booleans', () => {
    assert.deepEqual(events('Accredited__c = true'), ['Cardio Summit']);
    assert.deepEqual(events('Accredited__c = FALSE'), ['Onco Workshop', 'Webinar_100% Live']);
    assert.deepEqual(events('Accredited__c != true'), ['Onco Workshop', 'Webinar_100% Live']);
  });

  it('15- and 18-character ids; an invalid id is INVALID_QUERY_FILTER_OPERATOR', () => {
    assert.deepEqual(events(`Id = '${E_WORKSHOP.slice(0, 15)}'`), ['Onco Workshop']);
    assert.deepEqual(events(`OwnerId = '${U_RITA}'`), ['Onco Workshop', 'Webinar_100% Live']);
    assert.deepEqual(events(`Id != '${E_WORKSHOP}'`), ['Cardio Summit', 'Webinar_100% Live']);
    rejects("SELECT Id FROM CME_Event__c WHERE Id = 'abc'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: abc');
    rejects(
      "SELECT Id FROM CME_Event__c WHERE OwnerId IN ('005000000000001AAA', 'nope')",
      'INVALID_QUERY_FILTER_OPERATOR',
      'invalid ID field: nope',
    );
  });

  it('string escapes', () => {
    insert(db, 'Account', { Id: id('001', 90), Name: "O'Brien \\ Sons", OwnerId: U_ADA });
    assert.deepEqual(pluck("SELECT Name FROM Account WHERE Name = 'O\\'Brien \\\\ Sons'"), ["O'Brien \\ Sons"]);
    assert.deepEqual(pluck("SELECT Name FROM Account WHERE Name LIKE 'o\\'brien \\\\%'"), ["O'Brien \\ Sons"]);
    rejects("SELECT Id FROM Account WHERE Name = 'a\\qb'", 'MALFORMED_QUERY', /Illegal character sequence '\\q'/);
  });

  it('refuses filtering on long text areas and operators a type does not have', () => {
    rejects(
      "SELECT Id FROM CME_Event__c WHERE Educational_Need__c = 'x'",
      'INVALID_FIELD',
      "field 'Educational_Need__c' can not be filtered in a query call",
    );
    rejects("SELECT Id FROM CME_Event__c WHERE Budget__c LIKE '5%'", 'INVALID_QUERY_FILTER_OPERATOR', /LIKE/);
    rejects('SELECT Id FROM CME_Event__c WHERE Accredited__c > false', 'INVALID_QUERY_FILTER_OPERATOR', /boolean/);
    rejects('SELECT Id FROM CME_Event__c WHERE Budget__c > null', 'INVALID_QUERY_FILTER_OPERATOR', /null/);
  });
});

describe('literal types', () => {
  it('refuses literals of the wrong type with Salesforce messages', () => {
    rejects(
      'SELECT Id FROM CME_Event__c WHERE Name = 5',
      'INVALID_FIELD',
      "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
    );
    rejects(
      "SELECT Id FROM CME_Event__c WHERE Budget__c = '5000'",
      'INVALID_FIELD',
      "value of filter criterion for field 'Budget__c' must be of type currency and should not be enclosed in quotes",
    );
    rejects(
      "SELECT Id FROM CME_Event__c WHERE Accredited__c = 'true'",
      'INVALID_FIELD',
      "value of filter criterion for field 'Accredited__c' must be of type boolean and should not be enclosed in quotes",
    );
    rejects(
      'SELECT Id FROM CME_Event__c WHERE Start__c = 2026-05-13',
      'INVALID_FIELD',
      "value of filter criterion for field 'Start__c' must be of type dateTime and should not be enclosed in quotes",
    );
    rejects(
      "SELECT Id FROM CME_Event__c WHERE Start__c > '2026-05-13T00:00:00Z'",
      'INVALID_FIELD',
      /must be of type dateTime/,
    );
    rejects(
      'SELECT Id FROM Contact WHERE CME_Consent_Date__c = 2026-05-13T00:00:00Z',
      'INVALID_FIELD',
      /must be of type date and/,
    );
    rejects(
      'SELECT Id FROM Contact WHERE Event__r.Name = 5',
      'INVALID_FIELD',
      /Didn't understand relationship 'Event__r'/,
    );
    rejects(
      'SELECT Id FROM CME_Invitation__c WHERE Event__r.Budget__c = true',
      'INVALID_FIELD',
      "value of filter criterion for field 'Event__r.Budget__c' must be of type currency and should not be enclosed in quotes",
    );
    rejects('SELECT Id FROM Contact WHERE CME_Consent_Date__c = 2026-02-30', 'MALFORMED_QUERY', /invalid date/);
  });

  it('datetime literals with Z, offsets and milliseconds compare as UTC instants', () => {
    const events = (where: string) => pluck(`SELECT Name FROM CME_Event__c WHERE ${where} ORDER BY Name`);
    assert.deepEqual(events('Start__c = 2026-05-13T00:00:00Z'), ['Cardio Summit']);
    assert.deepEqual(events('Start__c = 2026-05-13T05:30:00+05:30'), ['Cardio Summit']);
    assert.deepEqual(events('Start__c = 2026-05-12T19:00:00-05:00'), ['Cardio Summit']);
    assert.deepEqual(events('Start__c = 2026-05-13T23:59:59.999Z'), ['Onco Workshop']);
    assert.deepEqual(events('Start__c < 2026-05-13T10:00:00+05:30'), ['Cardio Summit']);
  });

  it('date literals on a date field compare dates', () => {
    const contacts = (where: string) => pluck(`SELECT Name FROM Contact WHERE ${where} ORDER BY Name`);
    assert.deepEqual(contacts('CME_Consent_Date__c = 2026-05-10'), ['Ben Cole']);
    assert.deepEqual(contacts('CME_Consent_Date__c > 2026-05-10'), ['Asha Rao']);
    assert.deepEqual(contacts('CME_Consent_Date__c = TODAY'), ['Asha Rao']);
    assert.deepEqual(contacts('CME_Consent_Date__c = THIS_WEEK'), ['Asha Rao', 'Ben Cole']);
    assert.deepEqual(contacts('CME_Consent_Date__c < TODAY'), ['Ben Cole']);
    assert.deepEqual(contacts('CME_Consent_Date__c != TODAY'), ['Ben Cole', 'carl Diaz']);
    assert.deepEqual(contacts('CME_Consent_Date__c = LAST_N_DAYS:2'), ['Asha Rao']);
    assert.deepEqual(contacts('CME_Consent_Date__c = LAST_N_DAYS:3'), ['Asha Rao', 'Ben Cole']);
    assert.deepEqual(contacts('CME_Consent_Date__c IN (N_DAYS_AGO:3, TOMORROW)'), ['Ben Cole']);
  });
});

describe('date literals', () => {
  const range = (literal: string, now = NOW, fiscalYearStartMonth = 1) => {
    const r = dateLiteralRange(literal, { now, fiscalYearStartMonth });
    return [r.start, r.end];
  };

  it('days: TODAY, YESTERDAY, TOMORROW, LAST/NEXT_N_DAYS (LAST includes today), N_DAYS_AGO, LAST/NEXT_90_DAYS', () => {
    assert.deepEqual(range('TODAY'), ['2026-05-13', '2026-05-14']);
    assert.deepEqual(range('YESTERDAY'), ['2026-05-12', '2026-05-13']);
    assert.deepEqual(range('TOMORROW'), ['2026-05-14', '2026-05-15']);
    assert.deepEqual(range('LAST_N_DAYS:3'), ['2026-05-10', '2026-05-14']);
    assert.deepEqual(range('NEXT_N_DAYS:3'), ['2026-05-14', '2026-05-17']);
    assert.deepEqual(range('N_DAYS_AGO:3'), ['2026-05-10', '2026-05-11']);
    assert.deepEqual(range('LAST_90_DAYS'), ['2026-02-12', '2026-05-14']);
    assert.deepEqual(range('NEXT_90_DAYS'), ['2026-05-14', '2026-08-12']);
  });

  it('weeks start on Sunday', () => {
    assert.deepEqual(range('THIS_WEEK'), ['2026-05-10', '2026-05-17']);
    assert.deepEqual(range('LAST_WEEK'), ['2026-05-03', '2026-05-10']);
    assert.deepEqual(range('NEXT_WEEK'), ['2026-05-17', '2026-05-24']);
    assert.deepEqual(range('LAST_N_WEEKS:2'), ['2026-04-26', '2026-05-10']);
    assert.deepEqual(range('NEXT_N_WEEKS:2'), ['2026-05-17', '2026-05-31']);
    assert.deepEqual(range('THIS_WEEK', new Date('2026-05-10T00:00:00Z')), ['2026-05-10', '2026-05-17']);
    assert.deepEqual(range('THIS_WEEK', new Date('2026-05-16T23:59:59Z')), ['2026-05-10', '2026-05-17']);
  });

  it('months, quarters and years (LAST_N/NEXT_N exclude the current period)', () => {
    assert.deepEqual(range('THIS_MONTH'), ['2026-05-01', '2026-06-01']);
    assert.deepEqual(range('LAST_MONTH'), ['2026-04-01', '2026-05-01']);
    assert.deepEqual(range('NEXT_MONTH'), ['2026-06-01', '2026-07-01']);
    assert.deepEqual(range('LAST_N_MONTHS:2'), ['2026-03-01', '2026-05-01']);
    assert.deepEqual(range('NEXT_N_MONTHS:2'), ['2026-06-01', '2026-08-01']);
    assert.deepEqual(range('LAST_MONTH', new Date('2026-01-20T00:00:00Z')), ['2025-12-01', '2026-01-01']);
    assert.deepEqual(range('THIS_QUARTER'), ['2026-04-01', '2026-07-01']);
    assert.deepEqual(range('LAST_QUARTER'), ['2026-01-01', '2026-04-01']);
    assert.deepEqual(range('NEXT_QUARTER'), ['2026-07-01', '2026-10-01']);
    assert.deepEqual(range('LAST_N_QUARTERS:2'), ['2025-10-01', '2026-04-01']);
    assert.deepEqual(range('NEXT_N_QUARTERS:2'), ['2026-07-01', '2027-01-01']);
    assert.deepEqual(range('THIS_YEAR'), ['2026-01-01', '2027-01-01']);
    assert.deepEqual(range('LAST_YEAR'), ['2025-01-01', '2026-01-01']);
    assert.deepEqual(range('NEXT_YEAR'), ['2027-01-01', '2028-01-01']);
    assert.deepEqual(range('LAST_N_YEARS:2'), ['2024-01-01', '2026-01-01']);
    assert.deepEqual(range('NEXT_N_YEARS:1'), ['2027-01-01', '2028-01-01']);
    assert.deepEqual(range('N_MONTHS_AGO:14'), ['2025-03-01', '2025-04-01']);
  });

  it('fiscal quarters and years with the fiscal year starting in April', () => {
    assert.deepEqual(range('THIS_FISCAL_YEAR', NOW, 4), ['2026-04-01', '2027-04-01']);
    assert.deepEqual(range('LAST_FISCAL_YEAR', NOW, 4), ['2025-04-01', '2026-04-01']);
    assert.deepEqual(range('NEXT_FISCAL_YEAR', NOW, 4), ['2027-04-01', '2028-04-01']);
    assert.deepEqual(range('THIS_FISCAL_QUARTER', NOW, 4), ['2026-04-01', '2026-07-01']);
    assert.deepEqual(range('LAST_FISCAL_QUARTER', NOW, 4), ['2026-01-01', '2026-04-01']);
    assert.deepEqual(range('NEXT_FISCAL_QUARTER', NOW, 4), ['2026-07-01', '2026-10-01']);
    const february = new Date('2026-02-15T12:00:00Z');
    assert.deepEqual(range('THIS_FISCAL_YEAR', february, 4), ['2025-04-01', '2026-04-01']);
    assert.deepEqual(range('THIS_FISCAL_QUARTER', february, 4), ['2026-01-01', '2026-04-01']);
    assert.deepEqual(range('LAST_N_FISCAL_YEARS:2', february, 4), ['2023-04-01', '2025-04-01']);
    assert.deepEqual(range('NEXT_N_FISCAL_QUARTERS:2', february, 4), ['2026-04-01', '2026-10-01']);
    assert.deepEqual(range('THIS_FISCAL_YEAR', NOW, 1), range('THIS_YEAR'));
    assert.deepEqual(range('THIS_FISCAL_QUARTER', new Date('2026-11-30T00:00:00Z'), 10), ['2026-10-01', '2027-01-01']);
  });

  it('a date literal on a datetime field covers whole UTC days', () => {
    const events = (where: string) => pluck(`SELECT Name FROM CME_Event__c WHERE ${where} ORDER BY Name`);
    assert.deepEqual(events('Start__c = TODAY'), ['Cardio Summit', 'Onco Workshop']);
    assert.deepEqual(events('Start__c = TOMORROW'), ['Webinar_100% Live']);
    assert.deepEqual(events('Start__c > TODAY'), ['Webinar_100% Live']);
    assert.deepEqual(events('Start__c >= TODAY'), ['Cardio Summit', 'Onco Workshop', 'Webinar_100% Live']);
    assert.deepEqual(events('Start__c < TOMORROW'), ['Cardio Summit', 'Onco Workshop']);
    assert.deepEqual(events('Start__c <= TODAY'), ['Cardio Summit', 'Onco Workshop']);
    assert.deepEqual(events('Start__c = NEXT_N_DAYS:1'), ['Webinar_100% Live']);
    assert.deepEqual(events('Start__c = LAST_N_DAYS:1'), ['Cardio Summit', 'Onco Workshop']);
    assert.deepEqual(events('Start__c = THIS_MONTH'), ['Cardio Summit', 'Onco Workshop', 'Webinar_100% Live']);
    assert.deepEqual(events('Start__c IN (YESTERDAY, TOMORROW)'), ['Webinar_100% Live']);
    assert.deepEqual(events('Start__c NOT IN (TODAY)'), ['Webinar_100% Live']);
  });

  it('fiscal literals in a query use the context fiscal start month', () => {
    const dec = new Date('2026-12-20T00:00:00Z');
    // Fiscal year from April: 2026-04-01 … 2027-03-31 contains all three events; from January 2027 none.
    assert.deepEqual(
      pluck('SELECT Name FROM CME_Event__c WHERE Start__c = THIS_FISCAL_YEAR ORDER BY Name', 'Name', {
        now: dec,
        fiscalYearStartMonth: 4,
      }).length,
      3,
    );
    assert.deepEqual(
      pluck('SELECT Name FROM CME_Event__c WHERE Start__c = NEXT_FISCAL_YEAR', 'Name', {
        now: dec,
        fiscalYearStartMonth: 4,
      }),
      [],
    );
    assert.deepEqual(
      pluck('SELECT Name FROM CME_Event__c WHERE Start__c = LAST_FISCAL_QUARTER ORDER BY Name', 'Name', {
        now: new Date('2026-07-02T00:00:00Z'),
        fiscalYearStartMonth: 4,
      }).length,
      3,
    );
  });
});

describe('parent relationships', () => {
  it('nests parent fields; a missing parent is null', () => {
    const records = run(
      'SELECT Name, Event__r.Name, Doctor__r.CME_Specialty__c, Doctor__r.Owner.Name FROM CME_Invitation__c ORDER BY Name',
    ).records;
    assert.equal(records.length, 4);
    assert.deepEqual(records[0], {
      attributes: { type: 'CME_Invitation__c', url: `/services/data/v62.0/sobjects/CME_Invitation__c/${I1}` },
      Name: 'INV-1',
      Event__r: {
        attributes: { type: 'CME_Event__c', url: `/services/data/v62.0/sobjects/CME_Event__c/${E_SUMMIT}` },
        Name: 'Cardio Summit',
      },
      Doctor__r: {
        attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${C_ASHA}` },
        CME_Specialty__c: 'Cardiology',
        Owner: { attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${U_RITA}` }, Name: 'Rita Rep' },
      },
    });
    assert.equal((records[3].Doctor__r as QueryRecord).CME_Specialty__c, null);
  });

  it('two levels (Invitation__r.Event__r.Name) with a null first level', () => {
    const records = run(
      'SELECT Name, Invitation__r.Event__r.Name, Invitation__r.Status__c FROM CME_Attendance__c ORDER BY Name',
    ).records;
    assert.deepEqual(
      records.map((r) => r.Invitation__r),
      [
        {
          attributes: { type: 'CME_Invitation__c', url: `/services/data/v62.0/sobjects/CME_Invitation__c/${I1}` },
          Event__r: {
            attributes: { type: 'CME_Event__c', url: `/services/data/v62.0/sobjects/CME_Event__c/${E_SUMMIT}` },
            Name: 'Cardio Summit',
          },
          Status__c: 'Accepted',
        },
        null,
      ],
    );
  });

  it('Owner.Name and CreatedBy.Name, with a null CreatedBy', () => {
    const records = run('SELECT Name, Owner.Name, CreatedBy.Name FROM CME_Event__c ORDER BY Name').records;
    assert.deepEqual(
      records.map((r) => [(r.Owner as QueryRecord).Name, (r.CreatedBy as QueryRecord | null)?.Name ?? null]),
      [
        ['Ada Admin', 'Ada Admin'],
        ['Rita Rep', 'Rita Rep'],
        ['Rita Rep', null],
      ],
    );
    assert.equal(records[2].CreatedBy, null);
  });

  it('filters and sorts on parent paths', () => {
    assert.deepEqual(
      pluck(
        "SELECT Name FROM CME_Invitation__c WHERE Doctor__r.CME_Specialty__c = 'cardiology' ORDER BY Event__r.Name DESC, Name",
      ),
      ['INV-3', 'INV-1'],
    );
    assert.deepEqual(pluck("SELECT Name FROM CME_Invitation__c WHERE Event__r.Owner.Name = 'Rita Rep' ORDER BY Name"), [
      'INV-3',
      'INV-4',
    ]);
    assert.deepEqual(
      pluck('SELECT Name FROM CME_Invitation__c WHERE Doctor__r.CME_Specialty__c != null ORDER BY Name'),
      ['INV-1', 'INV-2', 'INV-3'],
    );
  });

  it('polymorphic What: Id, Name and Type of whichever object it points to', () => {
    const records = run('SELECT Subject, What.Name, What.Type, Who.Name FROM Task ORDER BY Subject').records;
    assert.deepEqual(
      records.map((r) => [
        r.Subject,
        r.What && (r.What as QueryRecord).Name,
        r.What && (r.What as QueryRecord).Type,
        r.What && ((r.What as QueryRecord).attributes as { type: string }).type,
      ]),
      [
        ['Call the hospital', 'Acme Hospital', 'Account', 'Account'],
        ['Follow up', 'Cardio Summit', 'CME_Event__c', 'CME_Event__c'],
        ['Unrelated', null, null, null],
      ],
    );
    assert.deepEqual(pluck("SELECT Subject FROM Task WHERE What.Type = 'Account'", 'Subject'), ['Call the hospital']);
    rejects('SELECT What.Status__c FROM Task', 'INVALID_FIELD', /No such column 'Status__c' on entity 'Name'/);
    rejects('SELECT What.Owner.Name FROM Task', 'MALFORMED_QUERY', /polymorphic relationship What/);
  });

  it('allows five levels and refuses six', () => {
    assert.deepEqual(
      pluck('SELECT Owner.Manager.Manager.Manager.Manager.Name FROM Contact LIMIT 1', 'Owner').length,
      1,
    );
    rejects(
      'SELECT Owner.Manager.Manager.Manager.Manager.Manager.Name FROM Contact',
      'MALFORMED_QUERY',
      /at most 5 parent relationships/,
    );
  });
});

describe('child subqueries', () => {
  it('returns child records with their own WHERE, ORDER BY and LIMIT, and null when there are none', () => {
    const soql =
      "SELECT Name, (SELECT Name, Status__c, Doctor__r.Name FROM Invitations__r WHERE Status__c != 'Declined' ORDER BY Doctor__r.Name DESC LIMIT 5) FROM CME_Event__c ORDER BY Name";
    const records = run(soql).records;
    assert.deepEqual(
      records.map((r) => [
        r.Name,
        r.Invitations__r === null ? null : (r.Invitations__r as { records: QueryRecord[] }).records.map((c) => c.Name),
      ]),
      [
        ['Cardio Summit', ['INV-1']],
        ['Onco Workshop', ['INV-4', 'INV-3']],
        ['Webinar_100% Live', null],
      ],
    );
    const summit = records[0].Invitations__r as { totalSize: number; done: boolean; records: QueryRecord[] };
    assert.equal(summit.totalSize, 1);
    assert.equal(summit.done, true);
    assert.deepEqual(summit.records[0], {
      attributes: { type: 'CME_Invitation__c', url: `/services/data/v62.0/sobjects/CME_Invitation__c/${I1}` },
      Name: 'INV-1',
      Status__c: 'Accepted',
      Doctor__r: {
        attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${C_ASHA}` },
        Name: 'Asha Rao',
      },
    });
  });

  it('applies LIMIT per parent and OFFSET under a parent LIMIT 1', () => {
    const limited = run(
      'SELECT Name, (SELECT Name FROM Invitations__r ORDER BY Name DESC LIMIT 1) FROM CME_Event__c WHERE Budget__c != null ORDER BY Name',
    ).records;
    assert.deepEqual(
      limited.map((r) => (r.Invitations__r as { records: QueryRecord[] }).records.map((c) => c.Name)),
      [['INV-2'], ['INV-4']],
    );
    const offset = run(
      `SELECT Name, (SELECT Name FROM Invitations__r ORDER BY Name LIMIT 1 OFFSET 1) FROM CME_Event__c WHERE Id = '${E_SUMMIT}' LIMIT 1`,
    ).records;
    assert.deepEqual(
      (offset[0].Invitations__r as { records: QueryRecord[] }).records.map((c) => c.Name),
      ['INV-2'],
    );
    rejects(
      'SELECT Name, (SELECT Name FROM Invitations__r LIMIT 1 OFFSET 1) FROM CME_Event__c',
      'MALFORMED_QUERY',
      /OFFSET is allowed in a subquery only/,
    );
  });

  it('hides deleted children unless queryAll', () => {
    const soql = `SELECT (SELECT Name FROM Invitations__r ORDER BY Name) FROM CME_Event__c WHERE Id = '${E_SUMMIT}'`;
    const names = (includeDeleted: boolean) =>
      ((run(soql, { includeDeleted }).records[0].Invitations__r as { records: QueryRecord[] }).records ?? []).map(
        (c) => c.Name,
      );
    assert.deepEqual(names(false), ['INV-1', 'INV-2']);
    assert.deepEqual(names(true), ['INV-1', 'INV-2', 'INV-5']);
  });

  it('refuses unknown child relationships and aggregates in subqueries', () => {
    rejects(
      'SELECT Id, (SELECT Id FROM Nope__r) FROM CME_Event__c',
      'INVALID_TYPE',
      /Didn't understand relationship 'Nope__r' in FROM part of query call/,
    );
    rejects(
      'SELECT Id, (SELECT COUNT(Id) FROM Invitations__r) FROM CME_Event__c',
      'MALFORMED_QUERY',
      /Aggregate functions in a subquery/,
    );
  });

  it('fetches children once per batch of 200 parents (450 parents: 3 statements)', () => {
    const big = new DatabaseSync(':memory:');
    createTables(big, schema);
    for (let n = 1; n <= 450; n++) {
      insert(big, 'CME_Event__c', { Id: id('a02', n), Name: `Event ${String(n).padStart(3, '0')}` });
      for (let k = 1; k <= n % 3; k++)
        insert(big, 'CME_Invitation__c', {
          Id: id('a04', n * 10 + k),
          Name: `INV ${n}-${k}`,
          Event__c: id('a02', n),
          Status__c: 'Invited',
        });
    }
    const counting = countingDb(big);
    const query = prepareQuery(
      schema,
      'SELECT Name, (SELECT Name FROM Invitations__r ORDER BY Name) FROM CME_Event__c ORDER BY Name',
      CONTEXT,
    );
    const records = [...query.records(counting, '62.0')];
    assert.equal(records.length, 450);
    for (const [index, record] of records.entries()) {
      const n = index + 1;
      const children = record.Invitations__r as { records: QueryRecord[] } | null;
      if (n % 3 === 0) assert.equal(children, null, `event ${n}`);
      else
        assert.deepEqual(
          children?.records.map((c) => c.Name),
          Array.from({ length: n % 3 }, (_, k) => `INV ${n}-${k + 1}`),
        );
    }
    const childStatements = [...counting.executions].filter(([sql]) => sql.includes('json_each'));
    assert.equal(childStatements.length, 1);
    assert.equal(childStatements[0][1], Math.ceil(450 / CHILD_BATCH_SIZE));
  });
});

describe('semi-joins and anti-joins', () => {
  it('Id IN (SELECT …) and NOT IN (SELECT …)', () => {
    assert.deepEqual(
      pluck(
        "SELECT Name FROM Contact WHERE Id IN (SELECT Doctor__c FROM CME_Invitation__c WHERE Status__c = 'Accepted') ORDER BY Name",
      ),
      ['Asha Rao'],
    );
    assert.deepEqual(
      pluck('SELECT Name FROM Contact WHERE Id NOT IN (SELECT Doctor__c FROM CME_Invitation__c) ORDER BY Name'),
      [],
    );
    assert.deepEqual(
      pluck(
        "SELECT Name FROM Contact WHERE Id NOT IN (SELECT Doctor__c FROM CME_Invitation__c WHERE Event__r.Status__c = 'Draft') ORDER BY Name",
      ),
      ['Ben Cole'],
    );
    assert.deepEqual(
      pluck(
        "SELECT Name FROM CME_Event__c WHERE Id IN (SELECT Event__c FROM CME_Invitation__c WHERE Doctor__r.Name LIKE 'carl%') ORDER BY Name",
      ),
      ['Onco Workshop'],
    );
  });

  it('a deleted row in the sub-select does not count unless queryAll', () => {
    // INV-5 (deleted) is carl's only invitation to the Summit.
    const soql = `SELECT Name FROM Contact WHERE Id IN (SELECT Doctor__c FROM CME_Invitation__c WHERE Event__c = '${E_SUMMIT}') ORDER BY Name`;
    assert.deepEqual(pluck(soql), ['Asha Rao', 'Ben Cole']);
    assert.deepEqual(pluck(soql, 'Name', { includeDeleted: true }), ['Asha Rao', 'Ben Cole', 'carl Diaz']);
  });

  it('an anti-join on a reference field matches null references', () => {
    assert.deepEqual(
      pluck(
        "SELECT Name FROM CME_Attendance__c WHERE Invitation__c NOT IN (SELECT Id FROM CME_Invitation__c WHERE Status__c = 'Accepted') ORDER BY Name",
      ),
      ['ATT-2'],
    );
  });

  it('combines with other conditions and refuses nesting and non-id fields', () => {
    assert.deepEqual(
      pluck("SELECT Name FROM Contact WHERE Id IN (SELECT Doctor__c FROM CME_Invitation__c) AND Name LIKE 'A%'"),
      ['Asha Rao'],
    );
    rejects(
      'SELECT Id FROM Contact WHERE Id IN (SELECT Doctor__c FROM CME_Invitation__c WHERE Event__c IN (SELECT Id FROM CME_Event__c))',
      'MALFORMED_QUERY',
      /Nesting of semi join/,
    );
    rejects(
      'SELECT Id FROM Contact WHERE Name IN (SELECT Name FROM CME_Invitation__c)',
      'MALFORMED_QUERY',
      /only supported on Id and reference fields/,
    );
    rejects(
      'SELECT Id FROM Contact WHERE Id IN (SELECT Doctor__c FROM CME_Invitation__c LIMIT 5)',
      'MALFORMED_QUERY',
      /not allowed in semi join/,
    );
    rejects(
      'SELECT Id FROM Contact WHERE Id IN (SELECT Doctor__c FROM Nope__c)',
      'INVALID_TYPE',
      /sObject type 'Nope__c' is not supported/,
    );
  });
});

describe('ORDER BY, LIMIT and OFFSET', () => {
  it('ASC puts nulls first and DESC puts them last by default; NULLS FIRST/LAST override', () => {
    assert.deepEqual(pluck('SELECT Name FROM CME_Event__c ORDER BY Budget__c'), [
      'Webinar_100% Live',
      'Onco Workshop',
      'Cardio Summit',
    ]);
    assert.deepEqual(pluck('SELECT Name FROM CME_Event__c ORDER BY Budget__c DESC'), [
      'Cardio Summit',
      'Onco Workshop',
      'Webinar_100% Live',
    ]);
    assert.deepEqual(pluck('SELECT Name FROM CME_Event__c ORDER BY Budget__c ASC NULLS LAST'), [
      'Onco Workshop',
      'Cardio Summit',
      'Webinar_100% Live',
    ]);
    assert.deepEqual(pluck('SELECT Name FROM CME_Event__c ORDER BY Budget__c DESC NULLS FIRST'), [
      'Webinar_100% Live',
      'Cardio Summit',
      'Onco Workshop',
    ]);
  });

  it('several fields, case-insensitive text and picklists in their defined order', () => {
    assert.deepEqual(pluck('SELECT Name FROM CME_Invitation__c ORDER BY Event__r.Name DESC, Doctor__r.Name'), [
      'INV-3',
      'INV-4',
      'INV-1',
      'INV-2',
    ]);
    assert.deepEqual(pluck('SELECT Name FROM Contact ORDER BY Name DESC'), ['carl Diaz', 'Ben Cole', 'Asha Rao']);
    // Draft < Approved < Completed in the picklist, although not alphabetically.
    assert.deepEqual(pluck('SELECT Status__c FROM CME_Event__c ORDER BY Status__c', 'Status__c'), [
      'Draft',
      'Approved',
      'Completed',
    ]);
    assert.deepEqual(pluck('SELECT Status__c FROM CME_Invitation__c ORDER BY Status__c DESC', 'Status__c'), [
      'Declined',
      'Accepted',
      'Invited',
      null,
    ]);
    rejects(
      'SELECT Id FROM CME_Event__c ORDER BY Educational_Need__c',
      'INVALID_FIELD',
      "field 'Educational_Need__c' can not be sorted in a query call",
    );
  });

  it('LIMIT and OFFSET bound both the rows and totalSize', () => {
    assert.deepEqual(run('SELECT Name FROM CME_Event__c ORDER BY Name LIMIT 2'), {
      totalSize: 2,
      records: run('SELECT Name FROM CME_Event__c ORDER BY Name').records.slice(0, 2),
    });
    const paged = run('SELECT Name FROM CME_Event__c ORDER BY Name LIMIT 1 OFFSET 1');
    assert.equal(paged.totalSize, 1);
    assert.deepEqual(
      paged.records.map((r) => r.Name),
      ['Onco Workshop'],
    );
    const offsetOnly = run('SELECT Name FROM CME_Event__c ORDER BY Name OFFSET 2');
    assert.deepEqual([offsetOnly.totalSize, offsetOnly.records.map((r) => r.Name)], [1, ['Webinar_100% Live']]);
    assert.equal(run('SELECT Name FROM CME_Event__c').totalSize, 3);
    assert.equal(run('SELECT Name FROM CME_Event__c OFFSET 2000').totalSize, 0);
  });

  it('an OFFSET over 2,000 is NUMBER_OUTSIDE_VALID_RANGE naming the object, in a subquery too', () => {
    // SOQL and SOSL Reference, OFFSET: "Requesting an offset greater than 2,000 results in a
    // NUMBER_OUTSIDE_VALID_RANGE error"; the message as orgs send it (trailheadapps/dreamhouse-lwc#660).
    rejects(
      'SELECT Name FROM CME_Event__c OFFSET 2001',
      'NUMBER_OUTSIDE_VALID_RANGE',
      'Maximum SOQL offset allowed for apiName CME_Event__c is 2000',
    );
    rejects(
      `SELECT Name, (SELECT Name FROM Invitations__r LIMIT 1 OFFSET 2001) FROM CME_Event__c WHERE Id = '${E_SUMMIT}' LIMIT 1`,
      'NUMBER_OUTSIDE_VALID_RANGE',
      'Maximum SOQL offset allowed for apiName CME_Invitation__c is 2000',
    );
    assert.equal(run('SELECT Name FROM CME_Event__c LIMIT 10 OFFSET 2000').totalSize, 0);
  });

  it('records(…, skip) resumes after delivered rows within the query’s own LIMIT/OFFSET', () => {
    const page = (soql: string, skip: number) =>
      [...prepareQuery(schema, soql, CONTEXT).records(db, '62.0', skip)].map((r) => r.Name);
    assert.deepEqual(page('SELECT Name FROM CME_Event__c ORDER BY Name', 1), ['Onco Workshop', 'Webinar_100% Live']);
    assert.deepEqual(page('SELECT Name FROM CME_Event__c ORDER BY Name LIMIT 2', 1), ['Onco Workshop']);
    assert.deepEqual(page('SELECT Name FROM CME_Event__c ORDER BY Name LIMIT 2', 2), []);
    assert.deepEqual(page('SELECT Name FROM CME_Event__c ORDER BY Name LIMIT 2 OFFSET 1', 1), ['Webinar_100% Live']);
    // Without ORDER BY the order is still stable (insertion order), so pages do not overlap.
    assert.deepEqual(
      [...page('SELECT Name FROM CME_Invitation__c', 0).slice(2)],
      page('SELECT Name FROM CME_Invitation__c', 2),
    );
    const groups = [
      ...prepareQuery(schema, 'SELECT Category__c FROM CME_Expense__c GROUP BY Category__c', CONTEXT).records(
        db,
        '62.0',
        1,
      ),
    ];
    assert.equal(groups.length, 2);
  });
});

describe('COUNT() and aggregates', () => {
  it('SELECT COUNT() answers totalSize only, honouring WHERE and LIMIT', () => {
    const query = prepareQuery(
      schema,
      "SELECT COUNT() FROM CME_Invitation__c WHERE Event__r.Name = 'Cardio Summit'",
      CONTEXT,
    );
    assert.equal(query.kind, 'count');
    assert.equal(query.totalSize(db), 2);
    assert.deepEqual([...query.records(db, '62.0')], []);
    assert.equal(run('SELECT COUNT() FROM CME_Invitation__c LIMIT 3').totalSize, 3);
    assert.equal(run('SELECT COUNT() FROM CME_Invitation__c', { includeDeleted: true }).totalSize, 5);
    rejects('SELECT COUNT(), Name FROM CME_Invitation__c', 'MALFORMED_QUERY', /COUNT\(\) must be the only element/);
  });

  it('aggregates without GROUP BY give one row; unaliased ones are expr0, expr1…', () => {
    const { totalSize, records } = run(
      'SELECT COUNT(Id), SUM(Amount__c) total, AVG(Amount__c), MIN(Amount__c), MAX(Incurred_On__c), COUNT_DISTINCT(Category__c) FROM CME_Expense__c',
    );
    assert.equal(totalSize, 1);
    assert.deepEqual(records, [
      {
        attributes: { type: 'AggregateResult' },
        expr0: 4,
        total: 1550.25,
        expr1: 1550.25 / 3,
        expr2: 250.25,
        expr3: '2026-05-13',
        expr4: 3,
      },
    ]);
    const [empty] = run(
      "SELECT COUNT(Id), SUM(Amount__c) FROM CME_Expense__c WHERE Category__c = 'Travel and Lodging'",
    ).records;
    assert.deepEqual(empty, { attributes: { type: 'AggregateResult' }, expr0: 0, expr1: null });
  });

  it('GROUP BY fields and parent paths, HAVING and ORDER BY an aggregate', () => {
    const byEvent = run(
      'SELECT Event__r.Name, COUNT(Id) n, SUM(Amount__c) FROM CME_Expense__c GROUP BY Event__r.Name ORDER BY Event__r.Name',
    ).records;
    assert.deepEqual(byEvent, [
      { attributes: { type: 'AggregateResult' }, Name: 'Cardio Summit', n: 2, expr0: 1250.25 },
      { attributes: { type: 'AggregateResult' }, Name: 'Onco Workshop', n: 2, expr0: 300 },
    ]);
    const having = run('SELECT Category__c, COUNT(Id) FROM CME_Expense__c GROUP BY Category__c HAVING COUNT(Id) > 1');
    assert.deepEqual([having.totalSize, having.records.map((r) => [r.Category__c, r.expr0])], [1, [['Venue', 2]]]);
    const ordered = run(
      'SELECT Status__c, COUNT(Id) c FROM CME_Invitation__c GROUP BY Status__c ORDER BY COUNT(Id) DESC, Status__c NULLS LAST',
      { includeDeleted: true },
    ).records;
    assert.deepEqual(
      ordered.map((r) => [r.Status__c, r.c]),
      [
        ['Accepted', 2],
        ['Invited', 1],
        ['Declined', 1],
        [null, 1],
      ],
    );
    // Category picklist order: Venue before Food and Beverage.
    const havingBoth = run(
      "SELECT Category__c, COUNT(Id) FROM CME_Expense__c GROUP BY Category__c HAVING (COUNT(Id) > 0 AND Category__c != 'Other') ORDER BY Category__c",
    ).records;
    assert.deepEqual(
      havingBoth.map((r) => r.Category__c),
      ['Venue', 'Food and Beverage'],
    );
    const havingGroup = run(
      "SELECT Event__c, MAX(Amount__c) FROM CME_Expense__c GROUP BY Event__c HAVING Event__c = '" + E_WORKSHOP + "'",
    ).records;
    assert.deepEqual(havingGroup, [{ attributes: { type: 'AggregateResult' }, Event__c: E_WORKSHOP, expr0: 300 }]);
  });

  it('groups text case-insensitively and booleans as true/false; LIMIT bounds groups', () => {
    const grouped = run(
      'SELECT Accredited__c, COUNT(Id) FROM CME_Event__c GROUP BY Accredited__c ORDER BY Accredited__c',
    ).records;
    assert.deepEqual(
      grouped.map((r) => [r.Accredited__c, r.expr0]),
      [
        [false, 2],
        [true, 1],
      ],
    );
    assert.equal(run('SELECT Category__c FROM CME_Expense__c GROUP BY Category__c LIMIT 2').totalSize, 2);
  });

  it('refuses ungrouped fields, ungroupable fields and wrong aggregate types', () => {
    rejects(
      'SELECT Name, COUNT(Id) FROM CME_Expense__c',
      'MALFORMED_QUERY',
      'Field must be grouped or aggregated: Name',
    );
    rejects(
      'SELECT Category__c, COUNT(Id) FROM CME_Expense__c GROUP BY Category__c ORDER BY Name',
      'MALFORMED_QUERY',
      /Ordered field must be grouped or aggregated: Name/,
    );
    rejects(
      'SELECT Amount__c FROM CME_Expense__c GROUP BY Amount__c',
      'INVALID_FIELD',
      "field 'Amount__c' can not be grouped in a query call",
    );
    rejects(
      'SELECT SUM(Name) FROM CME_Expense__c',
      'INVALID_FIELD',
      'field Name does not support aggregate operator SUM',
    );
    rejects(
      'SELECT Category__c c, COUNT(Id) c FROM CME_Expense__c GROUP BY Category__c',
      'MALFORMED_QUERY',
      'duplicate alias: c',
    );
    rejects('SELECT Name n FROM CME_Expense__c', 'MALFORMED_QUERY', 'Only aggregate expressions use field aliasing');
  });
});

describe('errors', () => {
  it('unknown object, field and relationship', () => {
    rejects(
      'SELECT Id FROM Foo__c',
      'INVALID_TYPE',
      "sObject type 'Foo__c' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    );
    rejects(
      'SELECT Id, Foo__c FROM CME_Event__c',
      'INVALID_FIELD',
      "No such column 'Foo__c' on entity 'CME_Event__c'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    );
    rejects(
      "SELECT Id FROM CME_Event__c WHERE Foo__c = 'x'",
      'INVALID_FIELD',
      /No such column 'Foo__c' on entity 'CME_Event__c'/,
    );
    rejects(
      'SELECT Event__r.Foo__c FROM CME_Invitation__c',
      'INVALID_FIELD',
      /No such column 'Foo__c' on entity 'CME_Event__c'/,
    );
    rejects(
      'SELECT Evnt__r.Name FROM CME_Invitation__c',
      'INVALID_FIELD',
      /^Didn't understand relationship 'Evnt__r' in field path/,
    );
    rejects('SELECT Id, Id FROM CME_Event__c', 'MALFORMED_QUERY', 'duplicate field selected: Id');
  });

  it('syntax errors are MALFORMED_QUERY', () => {
    rejects('SELECT Id FROM', 'MALFORMED_QUERY', /unexpected token/);
    rejects('SELECT Id FROM CME_Event__c WHERE', 'MALFORMED_QUERY', /unexpected token/);
    rejects('SELECT Id FROM CME_Event__c LIMIT 5 LIMIT 6', 'MALFORMED_QUERY', "unexpected token: 'LIMIT'");
    rejects(
      'SELECT Id FROM CME_Event__c WHERE Start__c = LAST_N_DAYS:999999999999',
      'MALFORMED_QUERY',
      /Date literal out of range/,
    );
  });

  const unsupported: [string, RegExp][] = [
    ['SELECT FIELDS(ALL) FROM CME_Event__c LIMIT 10', /FIELDS\(ALL\)/],
    ['SELECT FORMAT(Budget__c) FROM CME_Event__c', /FORMAT\(\)/],
    ['SELECT toLabel(Status__c) FROM CME_Event__c', /toLabel\(\)/],
    ['SELECT convertCurrency(Budget__c) FROM CME_Event__c', /convertCurrency\(\)/],
    ['SELECT TYPEOF What WHEN Account THEN Name ELSE Subject END FROM Task', /TYPEOF/],
    ['SELECT Id FROM CME_Event__c WITH SECURITY_ENFORCED', /WITH SECURITY_ENFORCED/],
    ['SELECT Id FROM CME_Event__c WITH USER_MODE', /WITH USER_MODE/],
    ['SELECT Id FROM CME_Event__c FOR VIEW', /FOR VIEW/],
    ['SELECT Id FROM CME_Event__c FOR UPDATE', /FOR UPDATE/],
    ['SELECT Id FROM CME_Event__c UPDATE VIEWSTAT', /UPDATE VIEWSTAT/],
    ['SELECT Status__c, COUNT(Id) FROM CME_Event__c GROUP BY ROLLUP(Status__c)', /GROUP BY ROLLUP/],
    ['SELECT Status__c, COUNT(Id) FROM CME_Event__c GROUP BY CUBE(Status__c)', /GROUP BY CUBE/],
    ['SELECT Id FROM CME_Event__c WHERE CALENDAR_YEAR(Start__c) = 2026', /CALENDAR_YEAR\(\) in WHERE/],
    ['SELECT DAY_ONLY(Start__c), COUNT(Id) FROM CME_Event__c GROUP BY DAY_ONLY(Start__c)', /DAY_ONLY\(\)/],
    ['SELECT Id FROM CME_Event__c USING SCOPE team', /USING SCOPE team/],
    ['SELECT Id FROM CME_Event__c WITH DATA CATEGORY Geography__c AT asia__c', /WITH DATA CATEGORY/],
    ["SELECT Id FROM CME_Event__c WHERE DISTANCE(Venue__c, GEOLOCATION(1, 2), 'mi') < 20", /DISTANCE\(\) in WHERE/],
    [
      'SELECT Status__c, COUNT(Id) FROM CME_Event__c GROUP BY Status__c ORDER BY CALENDAR_YEAR(Start__c)',
      /CALENDAR_YEAR\(\)/,
    ],
    ['SELECT Id FROM CME_Event__c WHERE Budget__c = USD5000', /currency-prefixed value USD5000/],
  ];
  for (const [soql, message] of unsupported) {
    it(`refuses ${soql.replace(/^SELECT .*? FROM \S+ ?/, '') || soql}`, () => {
      rejects(soql, 'MALFORMED_QUERY', message);
      rejects(soql, 'MALFORMED_QUERY', /is not supported by the local org$/);
    });
  }
});

describe('query and queryAll', () => {
  it('hides soft-deleted rows unless includeDeleted, also through filters and counts', () => {
    assert.deepEqual(pluck('SELECT Name FROM CME_Event__c ORDER BY Name'), [
      'Cardio Summit',
      'Onco Workshop',
      'Webinar_100% Live',
    ]);
    assert.deepEqual(pluck('SELECT Name FROM CME_Event__c ORDER BY Name', 'Name', { includeDeleted: true }), [
      'Cardio Summit',
      'Old Event',
      'Onco Workshop',
      'Webinar_100% Live',
    ]);
    assert.equal(run("SELECT Id FROM Contact WHERE CME_Specialty__c = 'Cardiology'").totalSize, 1);
    assert.equal(
      run("SELECT Id FROM Contact WHERE CME_Specialty__c = 'Cardiology'", { includeDeleted: true }).totalSize,
      2,
    );
    assert.deepEqual(
      pluck('SELECT IsDeleted FROM CME_Event__c WHERE IsDeleted = true', 'IsDeleted', { includeDeleted: true }),
      [true],
    );
  });

  it('USING SCOPE mine keeps the running user’s records', () => {
    assert.deepEqual(
      pluck('SELECT Name FROM CME_Event__c USING SCOPE mine ORDER BY Name', 'Name', { userId: U_RITA }),
      ['Onco Workshop', 'Webinar_100% Live'],
    );
    assert.deepEqual(pluck('SELECT Name FROM CME_Event__c USING SCOPE everything ORDER BY Name').length, 3);
  });
});

describe('lazy iteration', () => {
  let bigDb: DatabaseSync;
  before(() => {
    bigDb = new DatabaseSync(':memory:');
    createTables(bigDb, schema);
    const insertRow = bigDb.prepare(
      'INSERT INTO "CME_Invitation__c" ("Id", "Name", "Status__c", "Event__c", "IsDeleted") VALUES (?, ?, ?, ?, 0)',
    );
    insert(bigDb, 'CME_Event__c', { Id: E_SUMMIT, Name: 'Cardio Summit' });
    bigDb.exec('BEGIN');
    for (let n = 1; n <= 20_000; n++) insertRow.run(id('a04', n), `INV ${n}`, n % 2 ? 'Invited' : 'Accepted', E_SUMMIT);
    bigDb.exec('COMMIT');
  });

  it('produces the first of 20,000 rows after reading one row from the cursor', () => {
    const counting = countingDb(bigDb);
    const query = prepareQuery(schema, 'SELECT Id, Name, Event__r.Name FROM CME_Invitation__c', CONTEXT);
    assert.equal(query.totalSize(counting), 20_000);
    const records = query.records(counting, '62.0');
    const first = records.next();
    assert.equal(first.done, false);
    assert.equal((first.value as QueryRecord).Name, 'INV 1');
    assert.equal(counting.pulled, 1);
    let count = 1;
    for (const record of records) {
      count++;
      assert.equal(counting.pulled, count, 'one cursor row per record');
      if (count === 20_000) assert.equal(record.Name, 'INV 20000');
    }
    assert.equal(count, 20_000);
  });

  it('reads at most one batch ahead when a child subquery is selected', () => {
    const counting = countingDb(bigDb);
    const query = prepareQuery(schema, 'SELECT Name, (SELECT Id FROM Attendances__r) FROM CME_Invitation__c', CONTEXT);
    const records = query.records(counting, '62.0');
    assert.equal(records.next().done, false);
    assert.equal(counting.pulled, CHILD_BATCH_SIZE);
    records.return(undefined);
  });

  it('resumes deep into the result with skip', () => {
    const query = prepareQuery(schema, 'SELECT Name FROM CME_Invitation__c', CONTEXT);
    const tail = [...query.records(bigDb, '62.0', 19_997)].map((r) => r.Name);
    assert.deepEqual(tail, ['INV 19998', 'INV 19999', 'INV 20000']);
  });

  it('stops reading when the consumer stops', () => {
    const counting = countingDb(bigDb);
    const query = prepareQuery(schema, "SELECT Id FROM CME_Invitation__c WHERE Status__c = 'Accepted'", CONTEXT);
    let taken = 0;
    for (const record of query.records(counting, '62.0')) {
      assert.ok(record.Id);
      if (++taken === 10) break;
    }
    assert.equal(counting.pulled, 10);
  });
});

describe('column metadata (columns=true)', () => {
  it('describes fields, nested relationship joinColumns and subqueries as sf data query expects', () => {
    const query = prepareQuery(
      schema,
      'SELECT Id, Name, Budget__c, Owner.Name, (SELECT Status__c FROM Invitations__r) FROM CME_Event__c',
      CONTEXT,
    );
    const columns = query.describeColumns();
    assert.equal(columns.entityName, 'CME_Event__c');
    assert.equal(columns.keyPrefix, 'a02');
    assert.equal(columns.idSelected, true);
    assert.equal(columns.groupBy, false);
    assert.deepEqual(
      columns.columnMetadata.map((c) => c.columnName),
      ['Id', 'Name', 'Budget__c', 'Owner', 'Invitations__r'],
    );
  });

  it('gives a relationship column its foreign key and joinColumns', () => {
    const query = prepareQuery(
      schema,
      'SELECT Name, Event__r.Name, Event__r.Owner.Name FROM CME_Invitation__c',
      CONTEXT,
    );
    const [name, event] = query.describeColumns().columnMetadata;
    assert.deepEqual(name, {
      aggregate: false,
      apexType: 'String',
      booleanType: false,
      columnName: 'Name',
      custom: false,
      displayName: 'Name',
      foreignKeyName: null,
      // The invitation Name is an auto-number.
      insertable: false,
      joinColumns: [],
      numberType: false,
      textType: true,
      updatable: false,
    });
    assert.equal(event.columnName, 'Event__r');
    assert.equal(event.foreignKeyName, 'Event__c');
    assert.equal(event.aggregate, false);
    assert.deepEqual(
      event.joinColumns.map((c) => [c.columnName, c.joinColumns.map((j) => j.columnName)]),
      [
        ['Name', []],
        ['Owner', ['Name']],
      ],
    );
    assert.equal(event.joinColumns[1].foreignKeyName, 'OwnerId');
    assert.deepEqual(query.columnPaths(), ['Name', 'Event__r.Name', 'Event__r.Owner.Name']);
  });

  it('marks aggregates and gives their display names', () => {
    const query = prepareQuery(
      schema,
      'SELECT Event__r.Name, COUNT(Id), SUM(Amount__c) total FROM CME_Expense__c GROUP BY Event__r.Name',
      CONTEXT,
    );
    const columns = query.describeColumns();
    assert.equal(columns.groupBy, true);
    assert.equal(columns.idSelected, false);
    assert.deepEqual(
      columns.columnMetadata.map((c) => [c.columnName, c.displayName, c.aggregate, c.numberType, c.joinColumns.length]),
      [
        ['Name', 'Name', false, false, 0],
        ['expr0', 'count(Id)', true, true, 0],
        ['total', 'sum(Amount__c)', true, true, 0],
      ],
    );
    assert.deepEqual(query.columnPaths(), ['Name', 'expr0', 'total']);
  });

  it('describes a subquery column as aggregate with the child columns', () => {
    const query = prepareQuery(
      schema,
      'SELECT Name, (SELECT Status__c, Doctor__r.Name FROM Invitations__r) FROM CME_Event__c',
      CONTEXT,
    );
    const sub = query.describeColumns().columnMetadata[1];
    assert.equal(sub.columnName, 'Invitations__r');
    assert.equal(sub.aggregate, true);
    assert.deepEqual(
      sub.joinColumns.map((c) => c.columnName),
      ['Status__c', 'Doctor__r'],
    );
    assert.deepEqual(query.columnPaths(), ['Name']);
  });
});

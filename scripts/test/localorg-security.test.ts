// The local org enforces the security model per requesting user, as Salesforce does: object
// permissions and field-level security from the package's permission sets (over the Standard User
// profile), record access from the sharing model (ownership, role hierarchy, View All / Modify All,
// the package's criteria-based sharing rule, master-detail, private contacts), roles, and the locks
// of pending approvals. Every user is created through the admin API and acts through their own
// session token; each rule is seen through the error code or the absence Salesforce gives.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LocalOrg } from '../src/localorg/server.ts';
import type { OrgUser } from '../src/localorg/users.ts';
import { canReadField } from '../src/localorg/security.ts';
import { adminUser, restCall, startOrgWithCast, submittableEventFields } from './localorg-fixtures.ts';

const ADMIN = 'security-admin-token';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

let org: LocalOrg;
let base = '';
const users: Record<string, OrgUser> = {};
let pack = '';

const call = (who: string, method: string, url: string, body?: unknown) => restCall(base, as(who), method, url, body);

const as = (who: string) => (who === 'admin' ? ADMIN : users[who].accessToken);
const query = (who: string, soql: string, all = false) =>
  call(who, 'GET', `${all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`);
const ids = async (who: string, soql: string) => {
  const res = await query(who, soql);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body.records as Body[]).map((r) => r.Id as string);
};
const errorCode = (res: { body: Body }) => res.body?.[0]?.errorCode;

async function create(who: string, object: string, values: Record<string, unknown>): Promise<string> {
  const res = await call(who, 'POST', `sobjects/${object}`, values);
  assert.equal(res.status, 201, `${who} creating ${object}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const event = (extra: Record<string, unknown> = {}) => submittableEventFields(pack, extra);

/** An approved event owned by the admin (who holds the lifecycle bypass). */
const approvedEvent = (extra: Record<string, unknown> = {}) =>
  create('admin', 'CME_Event__c', event({ Status__c: 'Approved', ...extra }));

before(async () => {
  const cast = await startOrgWithCast(ADMIN);
  ({ org, base } = cast);
  Object.assign(users, cast.users);
  // A second rep in the same role as Riya (peers do not see each other's records), a second
  // manager outside her branch (View All without Modify All), and a user with no CME permission set.
  users.rep2 = await adminUser(base, {
    username: 'rep2@cme.local',
    firstName: 'Kabir',
    lastName: 'Rao',
    manager: 'manager@cme.local',
    permissionSets: ['CME_Field_Rep'],
    role: 'CME_Field_Rep_Role',
  });
  users.manager2 = await adminUser(base, {
    username: 'manager2@cme.local',
    firstName: 'Meera',
    lastName: 'Iyer',
    permissionSets: ['CME_Event_Manager'],
    role: { developerName: 'CME_Other_Region_Role', name: 'CME Other Region' },
  });
  users.plain = await adminUser(base, { username: 'plain@cme.local', firstName: 'Sam', lastName: 'Plain' });
  users.newcomer = await adminUser(base, { username: 'newcomer@cme.local', firstName: 'Nia', lastName: 'New' });
  const [first] = await ids('admin', "SELECT Id FROM CME_Rule_Pack__c WHERE Code__c = 'IN-UCPMP-2024'");
  pack = first;
});

after(async () => {
  await org.stop();
});

describe('roles', () => {
  it('gives the demo cast their roles: the rep below the manager, compliance apart, the admin none', async () => {
    const res = await query(
      'admin',
      'SELECT Username, UserRole.DeveloperName, UserRole.ParentRole.DeveloperName FROM User ORDER BY Username',
    );
    const byName = Object.fromEntries((res.body.records as Body[]).map((u) => [u.Username, u.UserRole]));
    assert.equal(byName['manager@cme.local'].DeveloperName, 'CME_Event_Manager_Role');
    assert.equal(byName['manager@cme.local'].ParentRole, null);
    assert.equal(byName['rep@cme.local'].DeveloperName, 'CME_Field_Rep_Role');
    assert.equal(byName['rep@cme.local'].ParentRole.DeveloperName, 'CME_Event_Manager_Role');
    assert.equal(byName['compliance@cme.local'].DeveloperName, 'CME_Compliance_Role');
    assert.equal(byName['admin@cme.local'], null);
    assert.equal(users.rep.role, 'CME_Field_Rep_Role');
  });

  it('lets the admin API create roles under existing parents, and refuses unknown ones', async () => {
    const created = await fetch(`${base}/__admin/roles`, {
      method: 'POST',
      body: JSON.stringify({
        developerName: 'CME_Junior_Rep_Role',
        name: 'CME Junior Rep',
        parent: 'CME_Field_Rep_Role',
      }),
    });
    assert.equal(created.status, 200);
    assert.equal(((await created.json()) as Body).parent, 'CME_Field_Rep_Role');
    const [role] = (
      await query('rep', "SELECT Name, ParentRoleId FROM UserRole WHERE DeveloperName = 'CME_Junior_Rep_Role'")
    ).body.records;
    assert.equal(role.Name, 'CME Junior Rep');
    const orphan = await fetch(`${base}/__admin/roles`, {
      method: 'POST',
      body: JSON.stringify({ developerName: 'CME_Orphan_Role', parent: 'No_Such_Role' }),
    });
    assert.equal(orphan.status, 400);
    assert.equal(((await orphan.json()) as Body)[0].errorCode, 'INVALID_CROSS_REFERENCE_KEY');
    const unknownRole = await fetch(`${base}/__admin/users`, {
      method: 'POST',
      body: JSON.stringify({ username: 'x@cme.local', firstName: 'X', lastName: 'Y', role: 'No_Such_Role' }),
    });
    assert.equal(unknownRole.status, 400);
  });
});

describe('permission set assignments', () => {
  it('answers who holds a permission set, as PermissionSetAssignment rows (what sf cme seed asks)', async () => {
    const res = await query(
      'admin',
      "SELECT AssigneeId, Assignee.Username FROM PermissionSetAssignment WHERE PermissionSet.Name IN ('CME_Field_Rep', 'CME_Event_Manager') AND Assignee.IsActive = true ORDER BY Assignee.Username",
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const holders = new Map((res.body.records as Body[]).map((r) => [r.AssigneeId as string, r.Assignee.Username]));
    assert.equal(holders.get(users.manager.id), 'manager@cme.local');
    assert.equal(holders.get(users.rep.id), 'rep@cme.local');
    assert.ok(!holders.has(users.compliance.id), 'the compliance officer holds neither set');
    assert.ok(!holders.has(org.identity.userId), 'the admin holds CME_Admin only');
    const sets = await query('admin', "SELECT Name, Label FROM PermissionSet WHERE Name = 'CME_Admin'");
    assert.equal(sets.body.records.length, 1);
  });

  it('grants and revokes through the rows themselves, as sf org assign permset writes them', async () => {
    const newcomer = users.newcomer;
    const soql = 'SELECT Id FROM CME_Event__c LIMIT 1';
    assert.equal(errorCode(await query('newcomer', soql)), 'INVALID_TYPE');
    const [setId] = await ids('admin', "SELECT Id FROM PermissionSet WHERE Name = 'CME_Field_Rep'");
    const assignment = await create('admin', 'PermissionSetAssignment', {
      AssigneeId: newcomer.id,
      PermissionSetId: setId,
    });
    assert.equal((await query('newcomer', soql)).status, 200, 'the inserted row grants the set');
    const removed = await call('admin', 'DELETE', `sobjects/PermissionSetAssignment/${assignment}`);
    assert.equal(removed.status, 204, JSON.stringify(removed.body));
    assert.equal(errorCode(await query('newcomer', soql)), 'INVALID_TYPE', 'the deleted row takes it away');
  });

  it('turns an older org file’s side table of assignments into rows, once', () => {
    const db = org.engine.db;
    db.exec('CREATE TABLE _permission_set_assignments (user_id TEXT NOT NULL, permission_set TEXT NOT NULL)');
    db.prepare('INSERT INTO _permission_set_assignments VALUES (?, ?)').run(users.newcomer.id, 'CME_Event_Manager');
    org.engine.syncPermissionSetAssignments();
    assert.deepEqual(org.engine.permissionSetsOf(users.newcomer.id), ['CME_Event_Manager']);
    const left = db.prepare("SELECT name FROM sqlite_master WHERE name = '_permission_set_assignments'").get();
    assert.equal(left, undefined, 'the side table is gone');
    org.engine.syncPermissionSetAssignments();
    assert.deepEqual(org.engine.permissionSetsOf(users.newcomer.id), ['CME_Event_Manager']);
  });
});

describe('object permissions', () => {
  it('hides custom objects from a standard user without a permission set (INVALID_TYPE, NOT_FOUND)', async () => {
    const soql = await query('plain', 'SELECT Id FROM CME_Event__c');
    assert.equal(soql.status, 400);
    assert.equal(errorCode(soql), 'INVALID_TYPE');
    assert.match(soql.body[0].message, /sObject type 'CME_Event__c' is not supported/);
    assert.equal((await call('plain', 'GET', 'sobjects/CME_Event__c/describe')).status, 404);
    const created = await call('plain', 'POST', 'sobjects/CME_Event__c', event());
    assert.equal(created.status, 404);
    assert.equal(errorCode(created), 'NOT_FOUND');
    assert.equal((await call('plain', 'GET', 'ui-api/object-info/CME_Event__c')).status, 404);
    const global = (await call('plain', 'GET', 'sobjects')).body.sobjects.map((o: Body) => o.name);
    assert.ok(!global.includes('CME_Event__c'));
    assert.ok(global.includes('Account') && global.includes('Contact'));
    // A semi-join or a child relationship into a hidden object is refused too.
    const semi = await query('plain', 'SELECT Id FROM Contact WHERE Id IN (SELECT Doctor__c FROM CME_Invitation__c)');
    assert.equal(errorCode(semi), 'INVALID_TYPE');
  });

  it('gives a standard user the Standard User profile’s access to accounts and contacts', async () => {
    const account = await create('plain', 'Account', { Name: 'City Hospital' });
    assert.ok(account.startsWith('001'));
    const describe = (await call('plain', 'GET', 'sobjects/Account/describe')).body;
    assert.equal(describe.createable, true);
    assert.equal(describe.deletable, true);
  });

  it('reports and enforces what each permission set allows: read only, no delete', async () => {
    const compliance = (await call('compliance', 'GET', 'sobjects/CME_Event__c/describe')).body;
    assert.deepEqual(
      [compliance.queryable, compliance.createable, compliance.updateable, compliance.deletable],
      [true, false, false, false],
    );
    const refused = await call('compliance', 'POST', 'sobjects/CME_Event__c', event());
    assert.equal(refused.status, 400);
    assert.equal(errorCode(refused), 'INSUFFICIENT_ACCESS_OR_READONLY');
    const info = (await call('compliance', 'GET', 'ui-api/object-info/CME_Event__c')).body;
    assert.equal(info.createable, false);
    assert.equal(info.fields.Budget__c.updateable, false);

    const rep = (await call('rep', 'GET', 'sobjects/CME_Event__c/describe')).body;
    assert.deepEqual([rep.createable, rep.updateable, rep.deletable], [true, true, false]);
    const own = await create('rep', 'CME_Event__c', event());
    const deleted = await call('rep', 'DELETE', `sobjects/CME_Event__c/${own}`);
    assert.equal(deleted.status, 400);
    assert.equal(errorCode(deleted), 'INSUFFICIENT_ACCESS_OR_READONLY');
    const admin = (await call('admin', 'GET', 'sobjects/CME_Event__c/describe')).body;
    assert.equal(admin.deletable, true);
  });
});

describe('field-level security', () => {
  it('leaves fields the user cannot read out of describe, object info and query results', async () => {
    const fields = (await call('plain', 'GET', 'sobjects/Contact/describe')).body.fields.map((f: Body) => f.name);
    assert.ok(fields.includes('LastName'));
    assert.ok(!fields.includes('CME_NPI__c'), 'a field without read access is absent from describe');
    const info = (await call('plain', 'GET', 'ui-api/object-info/Contact')).body;
    assert.equal(info.fields.CME_NPI__c, undefined);
    assert.ok(info.fields.LastName);
    const repFields = (await call('rep', 'GET', 'sobjects/Contact/describe')).body.fields.map((f: Body) => f.name);
    assert.ok(repFields.includes('CME_NPI__c'));
    assert.equal(canReadField(org.engine, users.plain.id, 'Contact', 'CME_NPI__c'), false);
    assert.equal(canReadField(org.engine, users.rep.id, 'Contact', 'CME_NPI__c'), true);
    assert.equal(canReadField(org.engine, org.identity.userId, 'Contact', 'CME_NPI__c'), true);

    const contact = await create('plain', 'Contact', { LastName: 'Kapoor' });
    const custom = await query('plain', `SELECT FIELDS(CUSTOM) FROM Contact WHERE Id = '${contact}' LIMIT 1`);
    assert.equal(custom.status, 200);
    assert.deepEqual(Object.keys(custom.body.records[0]), ['attributes']);
    const record = (await call('plain', 'GET', `sobjects/Contact/${contact}`)).body;
    assert.equal(record.LastName, 'Kapoor');
    assert.ok(!('CME_NPI__c' in record));
    const ui = (await call('plain', 'GET', `ui-api/records/${contact}`)).body;
    assert.ok(ui.fields.LastName && !ui.fields.CME_NPI__c);
  });

  it('leaves a field the user cannot read out of GraphQL with @optional, and refuses it without', async () => {
    await create('plain', 'Contact', { LastName: 'Graph' });
    const gql = (field: string) =>
      call('plain', 'POST', 'ui-api/graphql', {
        query: `{ uiapi { query { Contact(first: 1) { edges { node { Id LastName { value } ${field} } } } } } }`,
      });
    const optional = await gql('CME_NPI__c @optional { value }');
    assert.equal(optional.status, 200);
    assert.deepEqual(optional.body.errors ?? [], [], JSON.stringify(optional.body));
    const node = optional.body.data.uiapi.query.Contact.edges[0].node;
    assert.ok(node.LastName);
    assert.ok(!('CME_NPI__c' in node));
    const required = await gql('CME_NPI__c { value }');
    assert.ok(required.body.errors?.length, JSON.stringify(required.body));
    await create('rep', 'Contact', { LastName: 'Graph' });
    const forRep = await call('rep', 'POST', 'ui-api/graphql', {
      query: '{ uiapi { query { Contact(first: 1) { edges { node { CME_NPI__c @optional { value } } } } } } }',
    });
    assert.ok('CME_NPI__c' in forRep.body.data.uiapi.query.Contact.edges[0].node);
  });

  it('answers INVALID_FIELD for a field the user cannot read, in SOQL, REST reads and writes', async () => {
    const soql = await query('plain', 'SELECT Id, CME_NPI__c FROM Contact');
    assert.equal(soql.status, 400);
    assert.equal(errorCode(soql), 'INVALID_FIELD');
    assert.match(soql.body[0].message, /^No such column 'CME_NPI__c' on entity 'Contact'/);
    assert.equal(
      errorCode(await query('plain', "SELECT Id FROM Contact WHERE CME_Specialty__c = 'Cardiology'")),
      'INVALID_FIELD',
    );
    const contact = await create('plain', 'Contact', { LastName: 'Mehra' });
    assert.equal(
      errorCode(await call('plain', 'GET', `sobjects/Contact/${contact}?fields=CME_NPI__c`)),
      'INVALID_FIELD',
    );
    const write = await call('plain', 'POST', 'sobjects/Contact', { LastName: 'Das', CME_Specialty__c: 'Cardiology' });
    assert.equal(write.status, 400);
    assert.equal(errorCode(write), 'INVALID_FIELD');
    // The UI API refuses a required field the user cannot read.
    assert.equal((await call('plain', 'GET', `ui-api/records/${contact}?fields=Contact.CME_NPI__c`)).status, 400);
  });

  it('refuses writing a read-only field with INVALID_FIELD_FOR_INSERT_UPDATE (REST) and a field error (UI API)', async () => {
    const describe = (await call('rep', 'GET', 'sobjects/CME_Event__c/describe')).body;
    const approvedOn = describe.fields.find((f: Body) => f.name === 'Approved_On__c');
    assert.deepEqual([approvedOn.createable, approvedOn.updateable], [false, false]);
    const adminDescribe = (await call('admin', 'GET', 'sobjects/CME_Event__c/describe')).body;
    assert.equal(adminDescribe.fields.find((f: Body) => f.name === 'Approved_On__c').updateable, true);
    const write = await call(
      'rep',
      'POST',
      'sobjects/CME_Event__c',
      event({ Approved_On__c: '2027-01-01T00:00:00.000Z' }),
    );
    assert.equal(write.status, 400);
    assert.equal(errorCode(write), 'INVALID_FIELD_FOR_INSERT_UPDATE');
    assert.deepEqual(write.body[0].fields, ['Approved_On__c']);
    const doctor = await create('rep', 'Contact', { LastName: 'Bose' });
    const npi = await call('rep', 'PATCH', `sobjects/Contact/${doctor}`, { CME_NPI__c: '1234567890' });
    assert.equal(errorCode(npi), 'INVALID_FIELD_FOR_INSERT_UPDATE');
    const ui = await call('rep', 'PATCH', `ui-api/records/${doctor}`, { fields: { CME_NPI__c: '1234567890' } });
    assert.equal(ui.status, 400);
    assert.equal(ui.body.output.fieldErrors.CME_NPI__c[0].errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    const info = (await call('rep', 'GET', 'ui-api/object-info/Contact')).body;
    assert.equal(info.fields.CME_NPI__c.updateable, false);
    assert.equal(info.fields.CME_Specialty__c.updateable, true);
  });
});

describe('record access (sharing)', () => {
  let draft = '';
  let approved = '';

  before(async () => {
    draft = await create('rep', 'CME_Event__c', event({ Name: 'Riya draft' }));
    approved = await approvedEvent({ Name: 'Approved for all' });
  });

  it('shows a Private event to its owner, the managers above her, and View All holders only', async () => {
    const seen = async (who: string) => (await ids(who, 'SELECT Id FROM CME_Event__c')).includes(draft);
    assert.equal(await seen('rep'), true);
    assert.equal(await seen('manager'), true, 'the role above the owner');
    assert.equal(await seen('compliance'), true, 'View All');
    assert.equal(await seen('manager2'), true, 'View All (Event Manager)');
    assert.equal(await seen('admin'), true);
    assert.equal(await seen('rep2'), false, 'a peer in the same role');
    assert.equal((await call('rep2', 'GET', `sobjects/CME_Event__c/${draft}`)).status, 404);
    assert.equal((await call('rep2', 'GET', `ui-api/records/${draft}`)).status, 404);
    assert.equal((await call('rep', 'GET', `ui-api/records/${draft}`)).status, 200);
    const deleted = await query('rep2', `SELECT Id FROM CME_Event__c WHERE Id = '${draft}'`, true);
    assert.equal(deleted.body.totalSize, 0, 'queryAll too');
  });

  it('counts only visible rows in COUNT() and aggregates', async () => {
    const count = async (who: string) =>
      (await query(who, 'SELECT COUNT() FROM CME_Event__c')).body.totalSize as number;
    const total = await count('admin');
    const rep2 = await count('rep2');
    const rep = await count('rep');
    assert.ok(rep2 < rep && rep < total + 1, `${rep2} < ${rep} <= ${total}`);
    const visible = await ids('rep2', 'SELECT Id FROM CME_Event__c');
    assert.equal(rep2, visible.length);
    const [agg] = (await query('rep2', 'SELECT COUNT(Id) n FROM CME_Event__c')).body.records;
    assert.equal(agg.n, visible.length);
  });

  it('shares approved events read-only with every user through the package’s sharing rule', async () => {
    assert.ok((await ids('rep2', 'SELECT Id FROM CME_Event__c')).includes(approved));
    const edit = await call('rep2', 'PATCH', `sobjects/CME_Event__c/${approved}`, { Venue__c: 'Oberoi' });
    assert.equal(edit.status, 400);
    assert.equal(errorCode(edit), 'INSUFFICIENT_ACCESS_OR_READONLY');
    const draftOfAdmin = await create('admin', 'CME_Event__c', event({ Name: 'Admin draft' }));
    assert.ok(!(await ids('rep2', 'SELECT Id FROM CME_Event__c')).includes(draftOfAdmin));
  });

  it('lets the manager above the owner edit, but not View All alone (INSUFFICIENT_ACCESS_OR_READONLY)', async () => {
    assert.equal((await call('manager', 'PATCH', `sobjects/CME_Event__c/${draft}`, { Venue__c: 'ITC' })).status, 204);
    const viewAllOnly = await call('manager2', 'PATCH', `sobjects/CME_Event__c/${draft}`, { Venue__c: 'Hyatt' });
    assert.equal(errorCode(viewAllOnly), 'INSUFFICIENT_ACCESS_OR_READONLY');
    const peer = await call('rep2', 'PATCH', `sobjects/CME_Event__c/${draft}`, { Venue__c: 'Hyatt' });
    assert.equal(errorCode(peer), 'INSUFFICIENT_ACCESS_OR_READONLY');
    const ui = await call('rep2', 'PATCH', `ui-api/records/${draft}`, { fields: { Venue__c: 'Hyatt' } });
    assert.equal(ui.body.output.errors[0].errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it('applies criteria rules shared with a role and its subordinates, with edit access', async () => {
    org.engine.schema.sharingRules.push({
      object: 'CME_Event__c',
      name: 'Test_Goa_Events_To_Managers',
      accessLevel: 'Edit',
      sharedTo: [{ type: 'roleAndSubordinates', name: 'CME_Event_Manager_Role' }],
      criteria: [{ field: 'City__c', operation: 'equals', value: 'Goa,Panaji' }],
    });
    try {
      const goa = await create('admin', 'CME_Event__c', event({ Name: 'Goa draft', City__c: 'Goa' }));
      assert.ok((await ids('rep2', 'SELECT Id FROM CME_Event__c')).includes(goa), 'the subordinate role receives it');
      assert.equal((await call('rep2', 'PATCH', `sobjects/CME_Event__c/${goa}`, { Venue__c: 'Beach' })).status, 204);
      const other = await create('admin', 'CME_Event__c', event({ Name: 'Pune draft' }));
      assert.ok(!(await ids('rep2', 'SELECT Id FROM CME_Event__c')).includes(other));
    } finally {
      org.engine.schema.sharingRules.pop();
    }
  });

  it('controls invitations and expenses by their event (writeRequiresMasterRead)', async () => {
    const doctor = await create('rep2', 'Contact', { LastName: 'Nair' });
    // Invitations: read access to the event is enough (writeRequiresMasterRead = true).
    const invitation = await create('rep2', 'CME_Invitation__c', {
      Event__c: approved,
      Doctor__c: doctor,
      Invitation_Key__c: `${approved}:${doctor}`,
    });
    assert.ok((await ids('rep', 'SELECT Id FROM CME_Invitation__c')).includes(invitation));
    // Expenses need edit access to the event (writeRequiresMasterRead = false).
    const expense = await call('rep2', 'POST', 'sobjects/CME_Expense__c', {
      Event__c: approved,
      Category__c: 'Venue',
      Amount__c: 100,
      Stage__c: 'Estimated',
      Incurred_On__c: '2027-02-10',
    });
    assert.equal(expense.status, 400);
    assert.equal(errorCode(expense), 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
    // Children of an event the user cannot see are invisible as well.
    const hidden = await create('rep', 'CME_Expense__c', {
      Event__c: draft,
      Category__c: 'Venue',
      Amount__c: 100,
      Stage__c: 'Estimated',
      Incurred_On__c: '2027-02-10',
    });
    assert.ok(!(await ids('rep2', 'SELECT Id FROM CME_Expense__c')).includes(hidden));
    assert.ok((await ids('manager', 'SELECT Id FROM CME_Expense__c')).includes(hidden));
    const sub = await query('rep2', 'SELECT Id, (SELECT Id FROM Expenses__r) FROM CME_Event__c');
    assert.equal(sub.status, 200);
    assert.ok(!(sub.body.records as Body[]).some((e) => e.Id === draft));
  });

  it('keeps a contact without an account private to its owner (no hierarchy), visible with View All', async () => {
    const privateContact = await create('rep', 'Contact', { LastName: 'Private' });
    const seen = async (who: string) =>
      (await ids(who, `SELECT Id FROM Contact WHERE Id = '${privateContact}'`)).length === 1;
    assert.equal(await seen('rep'), true);
    assert.equal(await seen('manager'), false, 'the role hierarchy does not apply to private contacts');
    assert.equal(await seen('rep2'), false);
    assert.equal(await seen('compliance'), true, 'View All on Contact');
    assert.equal(await seen('admin'), true);
    const lookup = await call('rep2', 'POST', 'sobjects/CME_Invitation__c', {
      Event__c: approved,
      Doctor__c: privateContact,
      Invitation_Key__c: `${approved}:${privateContact}`,
    });
    assert.equal(errorCode(lookup), 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
    // A parent the user cannot read comes back as null; the lookup's id stays.
    const invitation = await create('admin', 'CME_Invitation__c', {
      Event__c: approved,
      Doctor__c: privateContact,
      Invitation_Key__c: `${approved}:${privateContact}:admin`,
    });
    const soqlParent = `SELECT Doctor__c, Doctor__r.Name, Event__r.Name FROM CME_Invitation__c WHERE Id = '${invitation}'`;
    const [viaRep2] = (await query('rep2', soqlParent)).body.records;
    assert.equal(viaRep2.Doctor__c, privateContact);
    assert.equal(viaRep2.Doctor__r, null);
    assert.equal(viaRep2.Event__r.Name, 'Approved for all');
    const [viaOwner] = (await query('rep', soqlParent)).body.records;
    assert.equal(viaOwner.Doctor__r.Name, 'Private');
    // With an account (Public Read/Write), the contact is visible to every user with Contact access.
    const account = await create('admin', 'Account', { Name: 'Apollo Pune' });
    const parented = await create('rep', 'Contact', { LastName: 'Parented', AccountId: account });
    assert.ok((await ids('rep2', `SELECT Id FROM Contact WHERE Id = '${parented}'`)).length === 1);
    assert.ok((await ids('manager', `SELECT Id FROM Contact WHERE Id = '${parented}'`)).length === 1);
  });

  it('filters GraphQL connections and Bulk API 2.0 query jobs the same way', async () => {
    const gql = await call('rep2', 'POST', 'ui-api/graphql', {
      query: '{ uiapi { query { CME_Event__c(first: 2000) { edges { node { Id } } } } } }',
    });
    assert.equal(gql.status, 200, JSON.stringify(gql.body));
    const graphIds = (gql.body.data.uiapi.query.CME_Event__c.edges as Body[]).map((e) => e.node.Id);
    assert.ok(graphIds.includes(approved) && !graphIds.includes(draft));
    assert.deepEqual(new Set(graphIds), new Set(await ids('rep2', 'SELECT Id FROM CME_Event__c')));

    const job = await call('rep2', 'POST', 'jobs/query', { operation: 'query', query: 'SELECT Id FROM CME_Event__c' });
    assert.equal(job.status, 200, JSON.stringify(job.body));
    let state = '';
    for (let i = 0; i < 100 && state !== 'JobComplete'; i++) {
      state = (await call('rep2', 'GET', `jobs/query/${job.body.id}`)).body.state;
      if (state !== 'JobComplete') await new Promise((r) => setTimeout(r, 20));
    }
    const csv = await fetch(`${base}/services/data/v66.0/jobs/query/${job.body.id}/results`, {
      headers: { Authorization: `Bearer ${as('rep2')}` },
    });
    const text = await csv.text();
    assert.ok(text.includes(approved) && !text.includes(draft), text);
  });
});

describe('approval locks', () => {
  it('locks a pending event and its details for everyone but admins; the approval’s own updates still apply', async () => {
    const id = await create('rep', 'CME_Event__c', event({ Name: 'To approve' }));
    const line = await create('rep', 'CME_Expense__c', {
      Event__c: id,
      Category__c: 'Venue',
      Amount__c: 500,
      Stage__c: 'Estimated',
      Incurred_On__c: '2027-02-10',
    });
    const submitted = await call('rep', 'POST', 'process/approvals', {
      requests: [{ actionType: 'Submit', contextId: id }],
    });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    const locked = (res: { status: number; body: Body }) => {
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(errorCode(res), 'ENTITY_IS_LOCKED');
      assert.equal(res.body[0].message, 'the entity is locked for editing');
    };
    locked(await call('rep', 'PATCH', `sobjects/CME_Event__c/${id}`, { Venue__c: 'Elsewhere' }));
    locked(await call('rep', 'PATCH', `sobjects/CME_Expense__c/${line}`, { Amount__c: 900 }));
    locked(await call('manager', 'DELETE', `sobjects/CME_Expense__c/${line}`));
    locked(
      await call('rep', 'POST', 'sobjects/CME_Expense__c', {
        Event__c: id,
        Category__c: 'Venue',
        Amount__c: 1,
        Stage__c: 'Estimated',
        Incurred_On__c: '2027-02-10',
      }),
    );
    // The current approver (the manager) too: recordEditability is AdminOnly.
    locked(await call('manager', 'PATCH', `sobjects/CME_Event__c/${id}`, { Venue__c: 'Elsewhere' }));
    const ui = await call('rep', 'PATCH', `ui-api/records/${line}`, { fields: { Amount__c: 900 } });
    assert.equal(ui.body.output.errors[0].errorCode, 'ENTITY_IS_LOCKED');
    // The admin may edit a locked record, and so may a user with Modify All on the object.
    assert.equal((await call('admin', 'PATCH', `sobjects/CME_Expense__c/${line}`, { Amount__c: 600 })).status, 204);
    users.cmeAdmin = await adminUser(base, {
      username: 'cme-admin@cme.local',
      firstName: 'Ana',
      lastName: 'Admin',
      permissionSets: ['CME_Admin'],
    });
    assert.equal((await call('cmeAdmin', 'PATCH', `sobjects/CME_Event__c/${id}`, { Venue__c: 'Leela' })).status, 204);

    // With AdminOrCurrentApprover, the current approver may edit; others still may not.
    const process = org.engine.schema.approvalProcesses.find((p) => p.name === 'CME_Event_Approval')!;
    process.recordEditability = 'AdminOrCurrentApprover';
    try {
      assert.equal((await call('manager', 'PATCH', `sobjects/CME_Event__c/${id}`, { Venue__c: 'ITC' })).status, 204);
      locked(await call('rep', 'PATCH', `sobjects/CME_Event__c/${id}`, { Venue__c: 'Elsewhere' }));
    } finally {
      process.recordEditability = 'AdminOnly';
    }

    // The approvals run their field updates on the locked record, and the lock ends with the process.
    const workitem = submitted.body[0].newWorkitemIds[0];
    assert.equal(
      (
        await call('manager', 'POST', 'process/approvals', {
          requests: [{ actionType: 'Approve', contextId: workitem }],
        })
      ).status,
      200,
    );
    const [step2] = (
      await query('admin', `SELECT Id FROM ProcessInstanceWorkitem WHERE ProcessInstance.TargetObjectId = '${id}'`)
    ).body.records;
    const approvedRes = await call('compliance', 'POST', 'process/approvals', {
      requests: [{ actionType: 'Approve', contextId: step2.Id }],
    });
    assert.equal(approvedRes.status, 200, JSON.stringify(approvedRes.body));
    const [after] = (await query('rep', `SELECT Status__c FROM CME_Event__c WHERE Id = '${id}'`)).body.records;
    assert.equal(after.Status__c, 'Approved');
    const unlocked = await call('rep', 'PATCH', `sobjects/CME_Expense__c/${line}`, { Amount__c: 700 });
    assert.notEqual(errorCode(unlocked), 'ENTITY_IS_LOCKED');
  });
});

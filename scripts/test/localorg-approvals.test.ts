// Users with their own sessions and the approval process over REST (process/approvals), against a
// fresh in-memory local org: a rep submits an event, their manager approves the first step, a
// compliance officer (through the queue's public group) the second; the workflow field updates set
// the status and dates; people who are not approvers are refused; history is queryable.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LocalOrg } from '../src/localorg/server.ts';
import { DEMO_USERS } from '../src/localorg/users.ts';
import type { OrgUser } from '../src/localorg/users.ts';
import { restCall, startOrgWithCast, submittableEventFields } from './localorg-fixtures.ts';

const ADMIN = 'approvals-admin-token';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

let org: LocalOrg;
let base = '';
const users: Record<string, OrgUser> = {};

const call = (token: string, method: string, url: string, body?: unknown) => restCall(base, token, method, url, body);

const as = (who: string) => (who === 'admin' ? ADMIN : users[who].accessToken);
const approvals = (who: string, ...requests: Record<string, unknown>[]) =>
  call(as(who), 'POST', 'process/approvals', { requests });
const soql = async (who: string, q: string) =>
  (await call(as(who), 'GET', `query?q=${encodeURIComponent(q)}`)).body.records as Body[];

async function newEvent(who: string, extra: Record<string, unknown> = {}): Promise<string> {
  const packs = await soql(who, "SELECT Id FROM CME_Rule_Pack__c WHERE Code__c = 'IN-UCPMP-2024'");
  const created = await call(
    as(who),
    'POST',
    'sobjects/CME_Event__c',
    submittableEventFields(packs[0]?.Id ?? null, extra),
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id;
}

before(async () => {
  // The rule packs (events name one before submission) and the demo cast.
  const cast = await startOrgWithCast(ADMIN);
  ({ org, base } = cast);
  Object.assign(users, cast.users);
});

after(async () => {
  await org.stop();
});

describe('users and sessions', () => {
  it('gives each user a session the API recognises as them', async () => {
    const info = await fetch(`${base}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${as('rep')}` } });
    const body = (await info.json()) as Body;
    assert.equal(body.user_id, users.rep.id);
    assert.equal(body.preferred_username, 'rep@cme.local');
    const unknown = await call('not-a-token', 'GET', 'sobjects');
    assert.equal(unknown.status, 401);
  });

  it('records who created what, and the manager relationship', async () => {
    const id = await newEvent('rep');
    const [event] = await soql('rep', `SELECT OwnerId, CreatedById FROM CME_Event__c WHERE Id = '${id}'`);
    assert.equal(event.OwnerId, users.rep.id);
    assert.equal(event.CreatedById, users.rep.id);
    const [rep] = await soql('admin', `SELECT Manager.Username FROM User WHERE Id = '${users.rep.id}'`);
    assert.equal(rep.Manager.Username, 'manager@cme.local');
  });

  it('updates a user on a second call instead of duplicating them', async () => {
    const again = await fetch(`${base}/__admin/users`, { method: 'POST', body: JSON.stringify(DEMO_USERS[1]) });
    const user = (await again.json()) as OrgUser;
    assert.equal(user.id, users.rep.id);
    assert.equal(user.accessToken, users.rep.accessToken);
    assert.deepEqual(user.permissionSets, ['CME_Field_Rep']);
    const count = await soql('admin', "SELECT Id FROM User WHERE Username = 'rep@cme.local'");
    assert.equal(count.length, 1);
  });
});

describe('process/approvals', () => {
  it('lists the active approval process of the event object', async () => {
    const res = await call(as('rep'), 'GET', 'process/approvals');
    assert.equal(res.body.approvals.CME_Event__c[0].name, 'CME_Event_Approval');
  });

  it('walks an event through the manager and the compliance queue to Approved', async () => {
    const id = await newEvent('rep');
    const submitted = await approvals('rep', { actionType: 'Submit', contextId: id, comments: 'Please approve' });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    const [first] = submitted.body;
    assert.equal(first.instanceStatus, 'Pending');
    assert.deepEqual(first.actorIds, [users.manager.id]);
    let [event] = await soql(
      'rep',
      `SELECT Status__c, Submitted_On__c, Approved_On__c FROM CME_Event__c WHERE Id = '${id}'`,
    );
    assert.equal(event.Status__c, 'Pending Approval');
    assert.ok(event.Submitted_On__c, 'submission stamps Submitted_On__c');

    // The rep cannot approve their own request; the compliance officer cannot take the manager's step.
    const selfApproval = await approvals('rep', { actionType: 'Approve', contextId: first.newWorkitemIds[0] });
    assert.equal(selfApproval.status, 400);
    assert.equal(selfApproval.body[0].errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
    assert.equal(
      (await approvals('compliance', { actionType: 'Approve', contextId: first.newWorkitemIds[0] })).status,
      400,
    );

    // The manager finds their work item by query, as the preview's approval action does.
    const [workitem] = await soql(
      'manager',
      `SELECT Id, ActorId, ProcessInstance.TargetObjectId FROM ProcessInstanceWorkitem WHERE ProcessInstance.TargetObjectId = '${id}'`,
    );
    assert.equal(workitem.ActorId, users.manager.id);
    const managerStep = await approvals('manager', {
      actionType: 'Approve',
      contextId: workitem.Id,
      comments: 'Budget OK',
    });
    assert.equal(managerStep.status, 200, JSON.stringify(managerStep.body));
    assert.equal(managerStep.body[0].instanceStatus, 'Pending');
    const [queue] = await soql(
      'admin',
      "SELECT Id FROM Group WHERE DeveloperName = 'CME_Compliance_Review' AND Type = 'Queue'",
    );
    assert.deepEqual(managerStep.body[0].actorIds, [queue.Id]);
    [event] = await soql('rep', `SELECT Status__c FROM CME_Event__c WHERE Id = '${id}'`);
    assert.equal(event.Status__c, 'Pending Approval');

    // The manager is not in the compliance queue.
    const queueItem = managerStep.body[0].newWorkitemIds[0];
    assert.equal((await approvals('manager', { actionType: 'Approve', contextId: queueItem })).status, 400);
    const compliance = await approvals('compliance', { actionType: 'Approve', contextId: queueItem });
    assert.equal(compliance.status, 200, JSON.stringify(compliance.body));
    assert.equal(compliance.body[0].instanceStatus, 'Approved');
    [event] = await soql('rep', `SELECT Status__c, Approved_On__c FROM CME_Event__c WHERE Id = '${id}'`);
    assert.equal(event.Status__c, 'Approved');
    assert.ok(event.Approved_On__c);

    const steps = await soql(
      'admin',
      `SELECT StepStatus, ActorId, Comments FROM ProcessInstanceStep WHERE ProcessInstance.TargetObjectId = '${id}' ORDER BY CreatedDate, Id`,
    );
    assert.deepEqual(
      steps.map((s: Body) => [s.StepStatus, s.ActorId]),
      [
        ['Started', users.rep.id],
        ['Approved', users.manager.id],
        ['Approved', users.compliance.id],
      ],
    );
    assert.equal(steps[1].Comments, 'Budget OK');
  });

  it('sets Rejected on rejection, and a rejected event can be resubmitted', async () => {
    const id = await newEvent('rep');
    const [submitted] = (await approvals('rep', { actionType: 'Submit', contextId: id })).body;
    const rejected = await approvals('manager', {
      actionType: 'Reject',
      contextId: submitted.newWorkitemIds[0],
      comments: 'Too costly',
    });
    assert.equal(rejected.body[0].instanceStatus, 'Rejected');
    const [event] = await soql('rep', `SELECT Status__c FROM CME_Event__c WHERE Id = '${id}'`);
    assert.equal(event.Status__c, 'Rejected');
    const again = await approvals('rep', { actionType: 'Submit', contextId: id });
    assert.equal(again.status, 200, JSON.stringify(again.body));
  });

  it('refuses records outside the entry criteria, a second submission, strangers and unknown actions', async () => {
    const noNeed = await newEvent('rep', { Educational_Need__c: null });
    const refused = await approvals('rep', { actionType: 'Submit', contextId: noNeed });
    assert.equal(refused.status, 400);
    assert.equal(refused.body[0].errorCode, 'NO_APPLICABLE_PROCESS');

    const id = await newEvent('rep');
    assert.equal((await approvals('rep', { actionType: 'Submit', contextId: id })).status, 200);
    const twice = await approvals('rep', { actionType: 'Submit', contextId: id });
    assert.equal(twice.body[0].errorCode, 'ALREADY_IN_PROCESS');

    const notOwner = await newEvent('rep');
    const stranger = await approvals('compliance', { actionType: 'Submit', contextId: notOwner });
    assert.equal(stranger.body[0].errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');

    const odd = await approvals('rep', { actionType: 'Recall', contextId: id });
    assert.equal(odd.body[0].errorCode, 'INVALID_OPERATION');
  });

  it('needs a manager for the first step', async () => {
    const id = await newEvent('manager');
    const res = await approvals('manager', { actionType: 'Submit', contextId: id });
    assert.equal(res.status, 400);
    assert.equal(res.body[0].errorCode, 'MANAGER_NOT_DEFINED');
    // Nothing was left behind by the failed submission.
    const [event] = await soql('manager', `SELECT Status__c FROM CME_Event__c WHERE Id = '${id}'`);
    assert.equal(event.Status__c, 'Draft');
    const instances = await soql('admin', `SELECT Id FROM ProcessInstance WHERE TargetObjectId = '${id}'`);
    assert.equal(instances.length, 0);
  });

  it('still refuses setting approval statuses by hand', async () => {
    const id = await newEvent('rep');
    const res = await call(as('rep'), 'PATCH', `sobjects/CME_Event__c/${id}`, { Status__c: 'Approved' });
    assert.equal(res.status, 400);
    assert.equal(res.body[0].errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
  });
});

// Each persona under the enforced security model, in the preview: the local org answers every request
// as the user picked in the header, with the package's permission sets, sharing model, sharing rule,
// role hierarchy and approval locks. The rep sees approved events (hers and her colleagues') but not a
// colleague's draft, sees the doctors of the practices (Accounts) but not a private Contact, and
// cannot change a pending event's expenses — on screen (why, and no enabled action) or over the API
// (ENTITY_IS_LOCKED). Her manager sees her draft through the role hierarchy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { adminCreate, contextAs, openRecordAs, screenshot, startStage } from './harness.ts';
import type { Stage } from './harness.ts';

let stage: Stage;
const ids: Record<string, string> = {};

const component = (page: Page, name: string) => page.locator(`[data-component="c:${name}"]`);

function userId(username: string): string {
  const user = stage.preview.users.find((u) => u.username === username);
  if (!user) throw new Error(`No user ${username}`);
  return user.id;
}

function tokenOf(username: string): string {
  return stage.preview.users.find((u) => u.username === username)!.accessToken;
}

/** A REST call to the org as `username` (what the API answers that user, not the admin). */
async function apiAs(username: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stage.org.instanceUrl}/services/data/v66.0/${path}`, {
    method,
    headers: { Authorization: `Bearer ${tokenOf(username)}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const eventFields = (name: string, status: string, owner: string, days: number) => {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(4, 0, 0, 0);
  return {
    Name: name,
    Event_Type__c: 'Workshop',
    Format__c: 'In-Person',
    Status__c: status,
    Venue__c: 'JW Marriott',
    City__c: 'Pune',
    Country__c: 'IN',
    Start__c: start.toISOString(),
    End__c: new Date(start.getTime() + 6 * 3_600_000).toISOString(),
    Budget__c: 100000,
    Capacity__c: 30,
    Educational_Need__c: 'Basal insulin titration',
    Therapy_Area__c: 'Diabetes and Endocrinology',
    Rule_Pack__c: stage.packId,
    OwnerId: userId(owner),
    ...(status === 'Approved'
      ? { Submitted_On__c: new Date().toISOString(), Approved_On__c: new Date().toISOString() }
      : {}),
  };
};

before(async () => {
  stage = await startStage();
  // The admin loads the scene (CME_Admin bypasses the lifecycle rules to plant statuses directly).
  ids.approvedByManager = await adminCreate(
    stage.org,
    'CME_Event__c',
    eventFields('Approved Workshop — Manager', 'Approved', 'manager@cme.local', 30),
  );
  ids.draftOfCompliance = await adminCreate(
    stage.org,
    'CME_Event__c',
    eventFields('Draft Roundtable — Compliance', 'Draft', 'compliance@cme.local', 32),
  );
  ids.repDraft = await adminCreate(
    stage.org,
    'CME_Event__c',
    eventFields('Rep Draft Workshop', 'Draft', 'rep@cme.local', 40),
  );
  ids.privateDoctor = await adminCreate(stage.org, 'Contact', {
    FirstName: 'Private',
    LastName: 'Practitioner',
    CME_Specialty__c: 'Cardiology',
    MailingCity: 'Pune',
  });
  ids.expense = await adminCreate(stage.org, 'CME_Expense__c', {
    Event__c: ids.repDraft,
    Category__c: 'Venue',
    Amount__c: 40000,
    Stage__c: 'Estimated',
    Incurred_On__c: new Date().toISOString().slice(0, 10),
    Expense_Key__c: `${ids.repDraft}:venue`,
  });
  // The rep submits her draft for approval: from now on it and its children are locked.
  const submitted = await apiAs('rep@cme.local', 'POST', 'process/approvals', {
    requests: [{ actionType: 'Submit', contextId: ids.repDraft }],
  });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
});

after(async () => {
  await stage?.stop();
});

describe('each persona sees and may do what the security model allows', () => {
  it('the rep sees approved events and her own, not a colleague’s draft', async () => {
    const { context, page } = await contextAs(stage, 'rep@cme.local');
    await page.goto(`${stage.preview.url}#/home`);
    const planner = component(page, 'cmeEventPlanner').first();
    await planner.locator('[data-id="event-row"]').first().waitFor({ timeout: 20_000 });
    const names = await planner.locator('[data-id="event-link"]').allInnerTexts();
    assert.ok(
      names.some((n) => n.includes('Approved Workshop — Manager')),
      names.join(' | '),
    );
    assert.ok(
      names.some((n) => n.includes('Rep Draft Workshop')),
      names.join(' | '),
    );
    assert.ok(!names.some((n) => n.includes('Draft Roundtable — Compliance')), names.join(' | '));
    await screenshot(page, '21-rep-planner');
    // The org agrees: the colleague's draft is not found for her.
    const hidden = await apiAs('rep@cme.local', 'GET', `sobjects/CME_Event__c/${ids.draftOfCompliance}`);
    assert.equal(hidden.status, 404);
    await context.close();
  });

  it('her manager sees her pending event through the role hierarchy', async () => {
    const seen = await apiAs('manager@cme.local', 'GET', `sobjects/CME_Event__c/${ids.repDraft}`);
    assert.equal(seen.status, 200);
    assert.equal((seen.body as { Status__c: string }).Status__c, 'Pending Approval');
  });

  it('offers Approve and Reject only to the approver of the pending step, not to the submitter', async () => {
    const buttonsFor = async (username: string) => {
      const { context, page } = await openRecordAs(stage, username, ids.repDraft);
      await page.locator('[data-id="approval-step"]').waitFor({ timeout: 20_000 });
      // The step line is written after the check of who may act, so the buttons are settled now.
      const shown = {
        approve: await page.locator('[data-id="approve"]').count(),
        reject: await page.locator('[data-id="reject"]').count(),
      };
      await context.close();
      return shown;
    };
    assert.deepEqual(await buttonsFor('rep@cme.local'), { approve: 0, reject: 0 });
    assert.deepEqual(await buttonsFor('compliance@cme.local'), { approve: 0, reject: 0 });
    assert.deepEqual(await buttonsFor('manager@cme.local'), { approve: 1, reject: 1 });
  });

  it('the rep finds the practices’ doctors to invite, not a Contact without an Account', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', ids.approvedByManager, { tab: 'inviteTab' });
    const invite = component(page, 'cmeInviteDoctors');
    await invite.locator('[role="row"][data-doctor-id]').first().waitFor({ timeout: 20_000 });
    const shown = await invite
      .locator('[role="row"][data-doctor-id]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-doctor-id')));
    for (const doctor of stage.doctors.slice(0, 5)) assert.ok(shown.includes(doctor.id), `${doctor.name} missing`);
    assert.ok(!shown.includes(ids.privateDoctor), 'a private Contact was listed to the rep');
    await screenshot(page, '22-rep-invite');
    await context.close();
  });

  it('the rep cannot change a pending event’s expenses: the screen says why, the org refuses', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', ids.repDraft, { tab: 'expensesTab' });
    const expenses = component(page, 'cmeEventExpenses');
    const notice = expenses.locator('[data-id="locked-notice"]');
    await notice.waitFor({ timeout: 20_000 });
    assert.match(await notice.innerText(), /approval/i);
    const enabled = await expenses
      .locator('button:not([disabled]), input:not([disabled]), select:not([disabled])')
      .evaluateAll((els) => els.filter((el) => !el.closest('[data-id="locked-notice"]')).length);
    assert.equal(enabled, 0, 'an expense control is enabled on a locked event');
    await screenshot(page, '23-rep-locked-expenses');
    await context.close();

    const edit = await apiAs('rep@cme.local', 'PATCH', `sobjects/CME_Expense__c/${ids.expense}`, { Amount__c: 45000 });
    assert.equal(edit.status, 400, JSON.stringify(edit.body));
    assert.equal((edit.body as { errorCode: string }[])[0].errorCode, 'ENTITY_IS_LOCKED');
    const added = await apiAs('rep@cme.local', 'POST', 'sobjects/CME_Expense__c', {
      Event__c: ids.repDraft,
      Category__c: 'Audio Visual',
      Amount__c: 5000,
      Stage__c: 'Estimated',
    });
    assert.equal((added.body as { errorCode: string }[])[0].errorCode, 'ENTITY_IS_LOCKED');
  });
});

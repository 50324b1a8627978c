// A field rep's whole journey in the local Lightning preview, in Chromium: create an event, submit
// it, approve it as the manager and as the compliance officer, invite five doctors (one already
// invited meanwhile is reported), mark three accepted, check in two (a walk-in and a signature), add
// expenses, see the funnel and budget update, see the cap warning for an HCP over the limit, create
// follow-ups. Each screen is saved to test-artifacts/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { adminInvite, contextAs, openRecordAs, openTab, screenshot, startStage, waitUntil } from './harness.ts';
import type { Stage } from './harness.ts';

let stage: Stage;
let eventId = '';

before(async () => {
  stage = await startStage();
});

after(async () => {
  await stage?.stop();
});

const byId = (scope: Page | Locator, id: string) => scope.locator(`[data-id="${id}"]`);

async function fill(scope: Page | Locator, id: string, value: string): Promise<void> {
  await byId(scope, id).locator('input, textarea').first().fill(value);
}

async function choose(scope: Page | Locator, id: string, label: string): Promise<void> {
  await byId(scope, id).locator('[role="combobox"]').first().click();
  await byId(scope, id).locator('[role="option"]', { hasText: label }).first().click();
}

async function toast(page: Page, variant: string): Promise<string> {
  const found = page.locator(`preview-toasts [data-variant="${variant}"]`).last();
  await found.waitFor({ timeout: 15_000 });
  return (await found.innerText()).replace(/\s+/g, ' ');
}

/** The event's status as the org has it (what every screen reads). */
function statusOf(id: string): string {
  return (
    stage.org.engine.db.prepare('SELECT "Status__c" AS s FROM "CME_Event__c" WHERE "Id" = ?').get(id) as { s: string }
  ).s;
}

const component = (page: Page, name: string) => page.locator(`[data-component="c:${name}"]`);

function count(sql: string, ...params: string[]): number {
  return (stage.org.engine.db.prepare(sql).get(...params) as { n: number }).n;
}

function eventField(field: string): unknown {
  return (
    stage.org.engine.db.prepare(`SELECT "${field}" AS v FROM "CME_Event__c" WHERE "Id" = ?`).get(eventId) as {
      v: unknown;
    }
  ).v;
}

function invitationOf(doctorId: string): string {
  return (
    stage.org.engine.db
      .prepare('SELECT "Id" FROM "CME_Invitation__c" WHERE "Event__c" = ? AND "Doctor__c" = ?')
      .get(eventId, doctorId) as { Id: string }
  ).Id;
}

function statusOfInvitation(id: string): string {
  return (
    stage.org.engine.db.prepare('SELECT "Status__c" AS s FROM "CME_Invitation__c" WHERE "Id" = ?').get(id) as {
      s: string;
    }
  ).s;
}

function attendanceOf(doctorId: string): Record<string, unknown> | undefined {
  return stage.org.engine.db
    .prepare('SELECT * FROM "CME_Attendance__c" WHERE "Event__c" = ? AND "Doctor__c" = ?')
    .get(eventId, doctorId) as Record<string, unknown> | undefined;
}

async function approveAs(username: string): Promise<void> {
  const { context, page } = await openRecordAs(stage, username, eventId);
  await byId(page, 'approve').locator('button').click();
  assert.match(await toast(page, 'success'), /Approved/);
  await context.close();
}

describe('a rep plans, gets approval for, runs and follows up an event', () => {
  it('creates an event from the planner and lands on its record page', async () => {
    const { context, page } = await contextAs(stage, 'rep@cme.local');
    await page.goto(`${stage.preview.url}#/home`);
    await byId(page, 'new-event').first().locator('button').click();
    await fill(page, 'field-name', 'Diabetes Care Update — Pune');
    await choose(page, 'field-event-type', 'Workshop');
    await fill(page, 'field-venue', 'JW Marriott');
    await fill(page, 'field-city', 'Pune');
    await fill(page, 'field-country', 'IN');
    await choose(page, 'field-therapy-area', 'Diabetes and Endocrinology');
    await fill(page, 'field-topic', 'Insulin titration');
    await fill(page, 'field-educational-need', 'New ADA guidance on basal insulin titration');
    await fill(page, 'field-capacity', '20');
    await fill(page, 'field-budget', '120000');
    await choose(page, 'field-rule-pack', 'UCPMP');
    await screenshot(page, '01-planner-new-event');
    await byId(page, 'form-save').locator('button').click();
    await page.waitForURL(/#\/r\/\w{18}/, { timeout: 20_000 });
    eventId = /#\/r\/(\w{18})/.exec(page.url())![1];
    await byId(page, 'submit-for-approval').waitFor();
    assert.equal(statusOf(eventId), 'Draft');
    await context.close();
  });

  it('submits it; the manager, then compliance approve', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', eventId);
    await byId(page, 'submit-for-approval').locator('button').click();
    assert.match(await toast(page, 'success'), /Submitted/);
    assert.equal(statusOf(eventId), 'Pending Approval');
    await screenshot(page, '02-event-submitted');
    await context.close();

    await approveAs('manager@cme.local');
    assert.equal(statusOf(eventId), 'Pending Approval');
    await approveAs('compliance@cme.local');
    assert.equal(statusOf(eventId), 'Approved');
  });

  it('invites five doctors: one invited meanwhile by a colleague is reported, not duplicated; the HCP over the cap is flagged', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', eventId, { tab: 'inviteTab' });
    const invite = component(page, 'cmeInviteDoctors');
    await invite.locator('[role="row"][data-doctor-id]').first().waitFor({ timeout: 20_000 });

    const overCapWarnings = invite.locator(`[role="row"][data-doctor-id="${stage.overCap.id}"] .warnings`);
    await overCapWarnings.waitFor({ timeout: 20_000 });
    assert.match(await overCapWarnings.innerText(), /cap/i);

    // A colleague invites the first doctor after this screen loaded.
    const [first, ...others] = stage.doctors.slice(0, 5);
    await adminInvite(stage.org, eventId, first.id, { Status__c: 'Invited' });
    for (const doctor of [first, ...others])
      await invite.locator(`[role="row"][data-doctor-id="${doctor.id}"] label`).first().click();
    await screenshot(page, '03-invite-doctors');
    await byId(invite, 'invite-button').locator('button').click();
    assert.match(await toast(page, 'success'), /Invited: 4\. Already invited: 1\. Failed: 0\./);
    assert.equal(count(`SELECT COUNT(*) AS n FROM "CME_Invitation__c" WHERE "Event__c" = ?`, eventId), 5);
    await context.close();
  });

  it('marks three invitations accepted in the RSVP tracker', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', eventId, { tab: 'rsvpsTab' });
    const rsvp = component(page, 'cmeRsvpTracker');
    for (const doctor of stage.doctors.slice(1, 4)) {
      const id = invitationOf(doctor.id);
      const select = rsvp.locator(`[data-id="status-select"][data-invitation-id="${id}"]`);
      await select.waitFor({ timeout: 20_000 });
      await select.locator('[role="combobox"]').click();
      await select.locator('[role="option"]', { hasText: 'Accepted' }).click();
      await waitUntil(() => statusOfInvitation(id) === 'Accepted');
    }
    await waitUntil(() => eventField('Accepted_Count__c') === 3);
    await screenshot(page, '04-rsvp-tracker');
    await context.close();
  });

  it('checks in an invitee with a typed signature, and registers a walk-in', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', eventId, { tab: 'checkInTab' });
    const checkIn = component(page, 'cmeCheckIn');
    const vikram = stage.doctors[1];
    await fill(checkIn, 'search', 'Vikram');
    await checkIn.locator(`[data-id="check-in"][data-key="${vikram.id}"]`).click();
    await fill(checkIn, 'signed-name', 'Vikram Nair');
    await byId(checkIn, 'sign').click();
    await waitUntil(() => !!attendanceOf(vikram.id)?.Signature_SHA256__c);
    const signed = attendanceOf(vikram.id)!;
    assert.equal(signed.Sign_In_Method__c, 'E-Signature');
    assert.equal(signed.Signed_Name__c, 'Vikram Nair');
    assert.match(String(signed.Signature_SHA256__c), /^[0-9a-f]{64}$/);

    await byId(checkIn, 'walk-in-toggle').click();
    await fill(checkIn, 'walk-in-first-name', 'Nikhil');
    await fill(checkIn, 'walk-in-last-name', 'Bhatt');
    await fill(checkIn, 'walk-in-city', 'Pune');
    await fill(checkIn, 'walk-in-registration', 'MMC-7788');
    await byId(checkIn, 'walk-in-submit').click();
    await waitUntil(() => eventField('Attended_Count__c') === 2);
    const walkIns = count(
      `SELECT COUNT(*) AS n FROM "CME_Attendance__c" WHERE "Event__c" = ? AND "Walk_In__c" = 1`,
      eventId,
    );
    assert.equal(walkIns, 1);
    await screenshot(page, '05-check-in');
    await context.close();
  });

  it('adds expenses; the budget bar and the funnel show them', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', eventId, { tab: 'expensesTab' });
    const expenses = component(page, 'cmeEventExpenses');
    for (const [category, amount] of [
      ['Venue', '45000'],
      ['Food and Beverage', '18000'],
    ]) {
      await byId(expenses, 'add-expense').click();
      await choose(expenses, 'expense-category', category);
      await fill(expenses, 'expense-amount', amount);
      await choose(expenses, 'expense-stage', 'Committed');
      await byId(expenses, 'expense-save').click();
      await byId(expenses, 'expense-form').waitFor({ state: 'detached', timeout: 15_000 });
    }
    await waitUntil(() => eventField('Committed_Spend__c') === 63000);
    // The form closes before the refreshed expense query lands: wait for the screen, not just the org.
    await waitUntil(async () => /63,000/.test(await byId(expenses, 'budget-summary').innerText()));
    // The funnel is on the Overview tab, loaded with the page and kept up to date while hidden.
    await openTab(page, 'overviewTab');
    const summary = component(page, 'cmeEventSummary');
    await waitUntil(async () => /5\s*Invited/i.test(await summary.innerText()));
    const text = (await summary.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /3 Accepted/i);
    assert.match(text, /2 Attended/i);
    await screenshot(page, '06-expenses-and-summary');
    await context.close();
  });

  it('creates follow-ups for the attendees and sees them open', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', eventId, { tab: 'followUpsTab' });
    const followUps = component(page, 'cmeEventFollowUps');
    await byId(followUps, 'select-all').locator('label').first().click();
    await byId(followUps, 'create').locator('button').click();
    assert.match(await toast(page, 'success'), /2/);
    assert.equal(count(`SELECT COUNT(*) AS n FROM "Task" WHERE "WhatId" = ?`, eventId), 2);
    await followUps.locator('[data-id="follow-up"]').first().waitFor({ timeout: 15_000 });
    await screenshot(page, '07-follow-ups');
    await page.goto(`${stage.preview.url}#/r/${stage.overCap.id}`);
    await component(page, 'cmeHcpPanel').locator('[data-id="tov-total"]').waitFor({ timeout: 20_000 });
    await screenshot(page, '08-hcp-panel');
    await page.goto(`${stage.preview.url}#/home`);
    await component(page, 'cmeMyFollowUps').locator('[data-id="follow-up-row"]').first().waitFor({ timeout: 20_000 });
    // Each follow-up's event is a link with the event's address (NavigationMixin.GenerateUrl), not a button.
    const eventLink = component(page, 'cmeMyFollowUps').locator(`a[data-id="open-event"][data-record-id="${eventId}"]`);
    await waitUntil(async () => (await eventLink.first().getAttribute('href')) === `#/r/${eventId}`);
    await screenshot(page, '09-home');
    await context.close();
  });
});

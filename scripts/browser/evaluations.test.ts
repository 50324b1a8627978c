// The Evaluations tab of the event page in the local Lightning preview, in Chromium at a phone's width:
// the rep opens a completed event she owns, sees who has evaluated it, fills in the evaluation of a
// doctor who has not (tapping the 1–5 ratings and the practice-change answer), saves it, and sees the
// summary and the doctor's status change; the org holds the evaluation as written. The compliance
// officer, whose permission set reads evaluations only, sees them without a form.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { adminCreate, adminInvite, openRecordAs, screenshot, startStage, waitUntil } from './harness.ts';
import type { Stage } from './harness.ts';

let stage: Stage;
let eventId = '';
const attendances: string[] = [];

const PHONE = { width: 390, height: 844 };

const byId = (scope: Page | Locator, id: string) => scope.locator(`[data-id="${id}"]`);

function repId(): string {
  return stage.preview.users.find((u) => u.username === 'rep@cme.local')!.id;
}

function attendanceField(id: string, field: string): unknown {
  return (
    stage.org.engine.db.prepare(`SELECT "${field}" AS v FROM "CME_Attendance__c" WHERE "Id" = ?`).get(id) as {
      v: unknown;
    }
  ).v;
}

/**
 * Opens a tab from the tab bar's overflow menu, as on a phone, where lightning-tab-bar moves the tabs
 * that do not fit into its "More" lightning-button-menu, one lightning-menu-item each.
 */
async function openTabFromOverflow(page: Page, value: string, label: string): Promise<void> {
  await page.locator('li[data-overflow] lightning-button-menu button').click();
  await page.locator('[role="menuitem"]', { hasText: label }).click();
  await page.locator(`lightning-tab[data-tab="${value}"].slds-show`).waitFor({ timeout: 15_000 });
}

/** Taps the choice labelled `label` of the radio group `id` (its buttons are labels over hidden radios). */
async function tap(scope: Page | Locator, id: string, label: string): Promise<void> {
  await byId(scope, id)
    .locator('label', { hasText: new RegExp(`^\\s*${label}\\s*$`) })
    .click();
}

const EVALUATION = {
  Feedback_Rating__c: 5,
  Evaluation_Relevance__c: 5,
  Evaluation_Speaker__c: 4,
  Evaluation_Practice_Change__c: 'Yes',
};

/**
 * A completed event of the rep's, two days ago, with two doctors checked in; the first `evaluated`
 * of them have evaluated it. Returns the event and its attendance Ids.
 */
async function completedEvent(name: string, evaluated: number): Promise<{ eventId: string; attendances: string[] }> {
  const start = new Date(Date.now() - 2 * 86_400_000);
  start.setUTCHours(4, 0, 0, 0);
  const id = await adminCreate(stage.org, 'CME_Event__c', {
    Name: name,
    Event_Type__c: 'Workshop',
    Format__c: 'In-Person',
    Status__c: 'Completed',
    Venue__c: 'JW Marriott',
    City__c: 'Pune',
    Country__c: 'IN',
    Start__c: start.toISOString(),
    End__c: new Date(start.getTime() + 4 * 3_600_000).toISOString(),
    Budget__c: 100000,
    Educational_Need__c: 'Statin intolerance',
    Rule_Pack__c: stage.packId,
    Submitted_On__c: new Date(start.getTime() - 20 * 86_400_000).toISOString(),
    Approved_On__c: new Date(start.getTime() - 15 * 86_400_000).toISOString(),
    OwnerId: repId(),
  });
  const ids: string[] = [];
  for (const [i, doctor] of stage.doctors.slice(0, 2).entries()) {
    const invitation = await adminInvite(stage.org, id, doctor.id, { Status__c: 'Accepted' });
    ids.push(
      await adminCreate(stage.org, 'CME_Attendance__c', {
        Event__c: id,
        Invitation__c: invitation,
        Doctor__c: doctor.id,
        Mode__c: 'In-Person',
        Sign_In_Method__c: 'Paper Sheet',
        Checked_In_At__c: new Date(start.getTime() + 5 * 60_000).toISOString(),
        Attendance_Key__c: `${id}:${doctor.id}`,
        ...(i < evaluated
          ? { ...EVALUATION, Evaluated_On__c: new Date(start.getTime() + 5 * 3_600_000).toISOString() }
          : {}),
      }),
    );
  }
  return { eventId: id, attendances: ids };
}

before(async () => {
  stage = await startStage();
  const seeded = await completedEvent('Lipid Clinic Update', 1);
  eventId = seeded.eventId;
  attendances.push(...seeded.attendances);
});

after(async () => {
  await stage?.stop();
});

describe('evaluations on the event page', () => {
  it('the rep completes a doctor’s evaluation on a phone and sees the summary change', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', eventId, { viewport: PHONE });
    await openTabFromOverflow(page, 'evaluationsTab', 'Evaluations');
    const screen = page.locator('[data-component="c:cmeEvaluations"]');
    const summary = byId(screen, 'summary');
    await summary.waitFor({ timeout: 20_000 });
    assert.match(await summary.innerText(), /1 of 2 evaluations completed/);
    assert.match(await summary.innerText(), /Average overall rating\s*5\.0/);
    await screenshot(page, '40-evaluations-list-phone');

    const pending = screen.locator(`button[data-attendance-id="${attendances[1]}"]`);
    assert.match(await pending.innerText(), /Not yet/);
    await pending.click();
    await byId(screen, 'evaluation-form').waitFor();
    await tap(screen, 'evaluation-overall', '4');
    await tap(screen, 'evaluation-relevance', '5');
    await tap(screen, 'evaluation-speaker', '3');
    await tap(screen, 'evaluation-practiceChange', 'Unsure');
    await byId(screen, 'evaluation-comments').locator('textarea').fill('More patient cases next time.');
    await screenshot(page, '41-evaluation-form-phone');
    await byId(screen, 'save').click();

    await waitUntil(() => attendanceField(attendances[1], 'Evaluated_On__c') !== null);
    assert.equal(attendanceField(attendances[1], 'Feedback_Rating__c'), 4);
    assert.equal(attendanceField(attendances[1], 'Evaluation_Relevance__c'), 5);
    assert.equal(attendanceField(attendances[1], 'Evaluation_Speaker__c'), 3);
    assert.equal(attendanceField(attendances[1], 'Evaluation_Practice_Change__c'), 'Unsure');
    assert.equal(attendanceField(attendances[1], 'Evaluation_Comments__c'), 'More patient cases next time.');
    await waitUntil(async () => /2 of 2 evaluations completed/.test(await summary.innerText()));
    assert.match(await summary.innerText(), /Average overall rating\s*4\.5/);
    assert.match(await pending.innerText(), /Completed/);
    await screenshot(page, '42-evaluations-saved-phone');
    await context.close();
  });

  describe('for the compliance officer', () => {
    // An event of its own with both evaluations done, so this test does not rely on the rep's save.
    let evaluatedEvent = '';
    before(async () => {
      evaluatedEvent = (await completedEvent('Hypertension Round-Up', 2)).eventId;
    });

    it('the compliance officer reads the evaluations but is offered no form', async () => {
      const { context, page } = await openRecordAs(stage, 'compliance@cme.local', evaluatedEvent, {
        tab: 'evaluationsTab',
      });
      const screen = page.locator('[data-component="c:cmeEvaluations"]');
      const notice = byId(screen, 'read-only');
      await notice.waitFor({ timeout: 20_000 });
      assert.match(await notice.innerText(), /your access does not let you record or change them/);
      assert.match(await byId(screen, 'summary').innerText(), /2 of 2 evaluations completed/);
      assert.equal(await screen.locator('button[data-id="attendee"]').count(), 0);
      assert.equal(await screen.locator('[data-id="attendee"]').count(), 2);
      await screenshot(page, '43-evaluations-compliance');
      await context.close();
    });
  });
});

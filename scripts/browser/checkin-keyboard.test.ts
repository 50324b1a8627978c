// The check-in screen at phone width (375 px) with the keyboard alone: reach the Check-in tab with the
// arrow keys (SLDS tabs), find an invitee by typing, check them in with Enter, sign with the typed-name
// alternative to the canvas, and nothing on the screen scrolls sideways. And with a finger: the
// Check-in tab is in the tab bar in the first screen of the page, one tap from the top.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  adminCreate,
  adminInvite,
  openRecordAs,
  openTab,
  screenshot,
  startStage,
  tabLink,
  waitUntil,
} from './harness.ts';
import type { Stage } from './harness.ts';

let stage: Stage;
let eventId = '';

before(async () => {
  stage = await startStage();
  // An approved event today with three accepted invitees (the admin may set the status directly).
  const start = new Date();
  start.setUTCHours(3, 30, 0, 0);
  eventId = await adminCreate(stage.org, 'CME_Event__c', {
    Name: 'Hypertension Roundtable',
    Event_Type__c: 'Roundtable',
    Format__c: 'In-Person',
    Status__c: 'Approved',
    Venue__c: 'Hotel Sayaji',
    City__c: 'Pune',
    Country__c: 'IN',
    Start__c: start.toISOString(),
    End__c: new Date(start.getTime() + 3 * 3600_000).toISOString(),
    Budget__c: 50000,
    Capacity__c: 12,
    Educational_Need__c: 'Resistant hypertension work-up',
    Rule_Pack__c: stage.packId,
  });
  for (const doctor of stage.doctors.slice(2, 5))
    await adminInvite(stage.org, eventId, doctor.id, { Status__c: 'Accepted' });
});

after(async () => {
  await stage?.stop();
});

describe('check-in at 375 px by keyboard', () => {
  it('checks in and signs an invitee without a pointer, and fits the phone', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', eventId, {
      viewport: { width: 375, height: 812 },
    });
    // The page opens on Overview; the arrow key moves to the next tab and shows it (SLDS tabs).
    const overview = tabLink(page, 'overviewTab');
    await overview.waitFor({ timeout: 20_000 });
    assert.equal(await overview.getAttribute('aria-selected'), 'true');
    await overview.focus();
    await page.keyboard.press('ArrowRight');
    await waitUntil(async () => (await tabLink(page, 'checkInTab').getAttribute('aria-selected')) === 'true');
    const checkIn = page.locator('[data-component="c:cmeCheckIn"]');
    const search = checkIn.locator('[data-id="search"] input');
    await search.waitFor({ timeout: 20_000 });
    // Where a user lands after tabbing to the screen; from here on, only keys.
    await search.focus();
    const meera = stage.doctors[2];
    await page.keyboard.type('Meera');
    await page.keyboard.press('Enter');
    const attendance = () =>
      stage.org.engine.db
        .prepare('SELECT * FROM "CME_Attendance__c" WHERE "Event__c" = ? AND "Doctor__c" = ?')
        .get(eventId, meera.id) as Record<string, unknown> | undefined;
    await waitUntil(() => attendance() !== undefined);

    // Enter moved the focus to the signer's name: type it, then Tab to Sign and press Enter.
    // The innermost focused element's data-id (through shadow roots), read in the page.
    const focusedId = () =>
      page.evaluate(() => {
        interface Focusable {
          shadowRoot: { activeElement: Focusable | null } | null;
          closest(selector: string): { getAttribute(name: string): string | null } | null;
        }
        const doc = (globalThis as unknown as { document: { activeElement: Focusable | null } }).document;
        let element = doc.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        return element?.closest('[data-id]')?.getAttribute('data-id') ?? null;
      });
    await waitUntil(async () => (await focusedId()) === 'signed-name');
    await page.keyboard.type('Meera Iyer');
    for (let i = 0; i < 5 && (await focusedId()) !== 'sign'; i++) await page.keyboard.press('Tab');
    assert.equal(await focusedId(), 'sign');
    await page.keyboard.press('Enter');
    await waitUntil(() => !!attendance()?.Signature_SHA256__c);
    assert.equal(attendance()!.Signed_Name__c, 'Meera Iyer');
    assert.equal(attendance()!.Sign_In_Method__c, 'E-Signature');

    const overflow = await checkIn.evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.ok(overflow <= 0, `the check-in screen scrolls sideways by ${overflow} px at 375 px`);
    await screenshot(page, '10-check-in-phone-keyboard');
    await context.close();
  });

  it('shows the Check-in tab in the first screen at 375 px, not in the More menu: one tap opens it', async () => {
    const { context, page } = await openRecordAs(stage, 'rep@cme.local', eventId, {
      viewport: { width: 375, height: 812 },
    });
    const link = tabLink(page, 'checkInTab');
    await link.waitFor({ timeout: 20_000 });
    // lightning-tab-bar moves the tabs that do not fit into its More menu once it has measured them:
    // at this width the last one (Follow-ups) is among them.
    await waitUntil(async () => (await tabLink(page, 'followUpsTab').count()) === 0);
    const box = await link.boundingBox();
    assert.ok(box && box.width > 0, 'the Check-in tab is drawn in the tab bar');
    assert.ok(box.x >= 0 && box.x + box.width <= 375, `the Check-in tab is within the screen's width (${box.x})`);
    assert.ok(box.y + box.height <= 812, `the Check-in tab is in the first screen (at ${box.y} px)`);
    assert.equal(await page.locator('[data-component="c:cmeCheckIn"]').count(), 0, 'Check-in loads when chosen');
    await openTab(page, 'checkInTab');
    await page.locator('[data-component="c:cmeCheckIn"] [data-id="search"] input').waitFor({ timeout: 20_000 });
    await context.close();
  });
});

// What the browser tests share: a local org with the rule packs and a small, known cast of HCPs
// (one already over the annual cap from an earlier event), the preview built and served over it, and
// Chromium driven by playwright-core. Screenshots go to test-artifacts/ (kept by CI as artifacts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { loadPlan } from '../src/localorg/config-data.ts';
import { LocalOrg } from '../src/localorg/server.ts';
import { buildPreview } from '../src/preview/build.ts';
import { startPreviewServer } from '../src/preview/server.ts';
import type { PreviewServer } from '../src/preview/server.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const CHROMIUM = process.env.CME_CHROMIUM ?? '/usr/bin/chromium';

export interface Doctor {
  id: string;
  name: string;
}

export interface Stage {
  org: LocalOrg;
  preview: PreviewServer;
  browser: Browser;
  doctors: Doctor[];
  /** The HCP whose earlier honorarium already exceeds the IN-UCPMP cap this fiscal year. */
  overCap: Doctor;
  packId: string;
  stop(): Promise<void>;
}

const CAST: [string, string, string, string, string][] = [
  ['Asha', 'Rao', 'Cardiology', 'Mumbai', 'West-1'],
  ['Vikram', 'Nair', 'Cardiology', 'Mumbai', 'West-1'],
  ['Meera', 'Iyer', 'Endocrinology', 'Pune', 'West-2'],
  ['Rahul', 'Gupta', 'Cardiology', 'Pune', 'West-2'],
  ['Sunita', 'Desai', 'Internal Medicine', 'Mumbai', 'West-1'],
  ['Karan', 'Malhotra', 'Cardiology', 'Nashik', 'West-3'],
  ['Priya', 'Kulkarni', 'Nephrology', 'Pune', 'West-2'],
  ['Anil', 'Joshi', 'Cardiology', 'Thane', 'West-1'],
  ['Farah', 'Khan', 'Endocrinology', 'Mumbai', 'West-1'],
  ['Deepak', 'Menon', 'Cardiology', 'Mumbai', 'West-1'],
];

/** Creates a record over REST as the admin (who may load history directly); returns its id. */
export async function adminCreate(org: LocalOrg, object: string, fields: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${org.instanceUrl}/services/data/v66.0/sobjects/${object}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${org.identity.accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(fields),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST sobjects/${object}: ${res.status} ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

/** Polls until the condition holds (the org or the page catching up), failing after the timeout. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Doctors, and a completed event earlier this fiscal year that paid one of them over the cap. */
async function plantData(org: LocalOrg): Promise<{ doctors: Doctor[]; overCap: Doctor; packId: string }> {
  const create = (object: string, fields: Record<string, unknown>) => adminCreate(org, object, fields);
  // Each doctor belongs to a practice (the HCO), as in a real CRM: a Contact without an Account is
  // private to its owner, so the rep would not see the admin's doctors at all.
  const practices = new Map<string, string>();
  const practiceIn = async (city: string) => {
    let id = practices.get(city);
    if (!id) {
      id = await create('Account', { Name: `${city} City Hospital` });
      practices.set(city, id);
    }
    return id;
  };
  const doctors: Doctor[] = [];
  for (const [first, last, specialty, city, territory] of CAST) {
    const id = await create('Contact', {
      AccountId: await practiceIn(city),
      Salutation: 'Dr.',
      FirstName: first,
      LastName: last,
      CME_Specialty__c: specialty,
      MailingCity: city,
      CME_Territory__c: territory,
      CME_Registration_Number__c: `MMC-${doctors.length + 1000}`,
      Email: `${first}.${last}@example.in`.toLowerCase(),
      CME_Disclosure_Consent__c: true,
    });
    doctors.push({ id, name: `${first} ${last}` });
  }
  const packId = (
    org.engine.db.prepare(`SELECT "Id" FROM "CME_Rule_Pack__c" WHERE "Code__c" = 'IN-UCPMP-2024'`).get() as {
      Id: string;
    }
  ).Id;
  // The admin holds CME_Admin (lifecycle bypass), so a past, completed event can be planted directly.
  const past = await create('CME_Event__c', {
    Name: 'Heart Failure Masterclass',
    Event_Type__c: 'Conference',
    Format__c: 'In-Person',
    Status__c: 'Completed',
    Venue__c: 'Trident',
    City__c: 'Mumbai',
    Country__c: 'IN',
    Start__c: '2026-09-15T04:00:00.000Z',
    End__c: '2026-09-15T10:00:00.000Z',
    Budget__c: 400000,
    Educational_Need__c: 'Guideline-directed therapy in HFrEF',
    Therapy_Area__c: 'Cardiovascular',
    Rule_Pack__c: packId,
    Submitted_On__c: '2026-08-01T04:00:00.000Z',
    Approved_On__c: '2026-08-05T04:00:00.000Z',
  });
  const overCap = doctors[9];
  const invitation = await adminInvite(org, past, overCap.id, {
    Status__c: 'Accepted',
    Role__c: 'Speaker',
    Invited_On__c: '2026-08-10T04:00:00.000Z',
    Responded_On__c: '2026-08-11T04:00:00.000Z',
  });
  await create('CME_Attendance__c', {
    Event__c: past,
    Invitation__c: invitation,
    Doctor__c: overCap.id,
    Mode__c: 'In-Person',
    Checked_In_At__c: '2026-09-15T04:05:00.000Z',
    Sign_In_Method__c: 'Paper Sheet',
    Attendance_Key__c: `${past}:${overCap.id}`,
  });
  await create('CME_Expense__c', {
    Event__c: past,
    Category__c: 'Speaker Honorarium',
    Amount__c: 160000,
    Stage__c: 'Actual',
    Incurred_On__c: '2026-09-15',
    Doctor__c: overCap.id,
    Payment_Form__c: 'Cash or cash equivalent',
    Receipt_Reference__c: 'RCPT-0915',
    Expense_Key__c: `${past}:001`,
  });
  return { doctors, overCap, packId };
}

/** Builds the preview once per test file and serves it over a fresh org. */
export async function startStage(): Promise<Stage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-browser-'));
  const org = new LocalOrg({ root: ROOT, database: path.join(dir, 'org.sqlite'), port: 0 });
  await org.start();
  loadPlan(org.engine, path.join(ROOT, 'config/rule-packs/plan.json'), { userId: org.identity.userId });
  const planted = await plantData(org);
  const built = await buildPreview(ROOT, path.join(dir, 'preview'));
  const preview = await startPreviewServer({ root: ROOT, org, bundleDir: built.dir, port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    org,
    preview,
    browser,
    ...planted,
    stop: async () => {
      await browser.close();
      await preview.stop();
      await org.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser context acting as `username` (the preview's session cookie). */
export async function contextAs(
  stage: Stage,
  username: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const user = stage.preview.users.find((u) => u.username === username);
  if (!user) throw new Error(`No user ${username}`);
  const context = await stage.browser.newContext({ viewport });
  await context.addCookies([{ name: 'cme_preview_user', value: user.id, url: stage.preview.url }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  return { context, page };
}

/**
 * Invites a doctor to an event as the admin, keyed as the app keys invitations (event id:doctor id),
 * as an attendee unless `fields` says otherwise; `fields` adds the status, role and dates.
 */
export function adminInvite(
  org: LocalOrg,
  eventId: string,
  doctorId: string,
  fields: Record<string, unknown>,
): Promise<string> {
  return adminCreate(org, 'CME_Invitation__c', {
    Event__c: eventId,
    Doctor__c: doctorId,
    Role__c: 'Attendee',
    Invitation_Key__c: `${eventId}:${doctorId}`,
    ...fields,
  });
}

/**
 * A browser signed in as `username` on the preview's record page of `recordId`, and on its tab `tab`
 * (a tab's value, as openTab takes it) when one is given.
 */
export async function openRecordAs(
  stage: Stage,
  username: string,
  recordId: string,
  { tab, viewport }: { tab?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await contextAs(stage, username, viewport);
  await opened.page.goto(`${stage.preview.url}#/r/${recordId}`);
  if (tab) await openTab(opened.page, tab);
  return opened;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * The tab link of a flexipage:tab on the page: lightning-tab-bar writes the tab's value (the
 * flexipage:tab identifier, e.g. `checkInTab`) as data-tab-value on it.
 */
export function tabLink(page: Page, value: string): Locator {
  return page.locator(`a[role="tab"][data-tab-value="${value}"]`);
}

/** Selects a tab of the record page with one click (as a user would) and waits until it is shown. */
export async function openTab(page: Page, value: string): Promise<void> {
  const link = tabLink(page, value);
  await link.click({ timeout: 20_000 });
  await page.locator(`lightning-tab[data-tab="${value}"].slds-show`).waitFor({ timeout: 15_000 });
}

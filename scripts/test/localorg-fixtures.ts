// Shared by the local-org test files: an org started with the rule packs and the demo cast, the REST
// call they make as a given session, and the fields of a valid CME_Event__c. Not a test file itself
// (the runner picks up *.test.ts only).
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlan } from '../src/localorg/config-data.ts';
import { LocalOrg } from '../src/localorg/server.ts';
import { DEMO_USERS } from '../src/localorg/users.ts';
import type { OrgUser, UserSpec } from '../src/localorg/users.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Response bodies are read by path in the assertions; `unknown` at every step would bury them in casts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/**
 * One REST call to the org at `base` with the session `token`; `url` is relative to
 * /services/data/v66.0/ unless it starts with /services or /__ (the admin API). The body is parsed
 * JSON, or undefined when the response has none.
 */
export async function restCall(
  base: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: Body }> {
  const res = await fetch(
    `${base}${url.startsWith('/services') || url.startsWith('/__') ? url : `/services/data/v66.0/${url}`}`,
    {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A valid CME_Event__c: a one-day in-person conference in Mumbai; `extra` adds or overrides fields. */
export const cmeEventFields = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Name: 'Cardiology Update',
  Event_Type__c: 'Conference',
  Format__c: 'In-Person',
  Venue__c: 'Taj',
  City__c: 'Mumbai',
  Country__c: 'IN',
  Start__c: '2027-03-14T04:00:00.000Z',
  End__c: '2027-03-14T12:00:00.000Z',
  ...extra,
});

/**
 * An event that can be submitted for approval (budget, educational need and the given rule pack
 * set): a one-day workshop in Pune on 10 February 2027; `extra` adds or overrides fields.
 */
export const submittableEventFields = (
  rulePack: string | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> =>
  cmeEventFields({
    Name: 'Diabetes Update',
    Event_Type__c: 'Workshop',
    City__c: 'Pune',
    Start__c: '2027-02-10T04:00:00.000Z',
    End__c: '2027-02-10T10:00:00.000Z',
    Budget__c: 150000,
    Educational_Need__c: 'New guidelines on insulin titration',
    Rule_Pack__c: rulePack,
    ...extra,
  });

/** Creates (or updates) a user through the org's admin API, as `npm run org` creates the demo cast. */
export async function adminUser(base: string, spec: UserSpec): Promise<OrgUser> {
  const res = await fetch(`${base}/__admin/users`, { method: 'POST', body: JSON.stringify(spec) });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as OrgUser;
}

/**
 * A fresh in-memory local org whose admin session is `adminToken`, with the rule packs of
 * config/rule-packs/plan.json and the demo cast (DEMO_USERS), each user under their username's part
 * before the @ (rep, manager, compliance, …).
 */
export async function startOrgWithCast(
  adminToken: string,
): Promise<{ org: LocalOrg; base: string; users: Record<string, OrgUser> }> {
  const org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0, accessToken: adminToken });
  const base = await org.start();
  loadPlan(org.engine, path.join(ROOT, 'config/rule-packs/plan.json'), { userId: org.identity.userId });
  const users: Record<string, OrgUser> = {};
  for (const spec of DEMO_USERS) users[spec.username.split('@')[0]] = await adminUser(base, spec);
  return { org, base, users };
}

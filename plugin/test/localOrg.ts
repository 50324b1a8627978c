// What the integration tests share: the local org in this process with the package's rule packs, a
// Connection to it, the seed plan that plants problems, and the whole org read back for the domain core.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuthInfo, Connection } from '@salesforce/core';
import { LocalOrg } from '../../scripts/src/localorg/server.ts';
import { loadPlan } from '../../scripts/src/localorg/config-data.ts';
import type { Attendance, CmeEvent, Doctor, Expense, Invitation } from '../src/domain/cmeDomain.ts';
import { parseSeedPlan } from '../src/schema/seedPlan.ts';
import type { SeedPlan } from '../src/schema/seedPlan.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A fresh in-memory local org with config/rule-packs loaded, and a Connection to it. */
export async function startOrgWithPacks(): Promise<{ org: LocalOrg; conn: Connection }> {
  const org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0 });
  const instanceUrl = await org.start();
  loadPlan(org.engine, path.join(ROOT, 'config/rule-packs/plan.json'), { userId: org.identity.userId });
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.identity.accessToken, instanceUrl, loginUrl: instanceUrl },
  });
  const conn = await Connection.create({ authInfo });
  conn.setApiVersion('66.0');
  return { org, conn };
}

/** A small seed plan where half the events carry a planted problem. */
export function plantedPlan(): SeedPlan {
  const parsed = parseSeedPlan(
    { doctors: 80, events: 24, seed: 11, problemRate: 0.5, from: '2026-03-01', months: 12 },
    new Date(),
  );
  if ('problems' in parsed) throw new Error(parsed.problems.join('; '));
  return parsed.plan;
}

export type OrgEvent = CmeEvent & { Event_Key__c: string; Rule_Pack__r: { Code__c: string } };

/** Every CME record of the org, as the domain core takes them. */
export async function readWorld(conn: Connection): Promise<{
  events: OrgEvent[];
  invitations: Invitation[];
  attendance: Attendance[];
  expenses: Expense[];
  doctors: Doctor[];
}> {
  const q = async <T>(soql: string) =>
    (await conn.query<T & Record<string, unknown>>(soql, { autoFetch: true, maxFetch: 100_000 })).records as T[];
  return {
    events: await q<OrgEvent>(
      'SELECT Id, Name, Event_Key__c, Event_Type__c, Format__c, Status__c, Start__c, End__c, Country__c, Topic__c, Educational_Need__c, Accredited__c, Capacity__c, Budget__c, Rule_Pack__c, Rule_Pack__r.Code__c, Submitted_On__c, Approved_On__c FROM CME_Event__c',
    ),
    invitations: await q<Invitation>(
      'SELECT Id, Event__c, Doctor__c, Status__c, Role__c, Invited_On__c, Responded_On__c, Speaking_Hours__c FROM CME_Invitation__c',
    ),
    attendance: await q<Attendance>(
      'SELECT Id, Event__c, Invitation__c, Doctor__c, Mode__c, Checked_In_At__c, Checked_Out_At__c, Minutes_Attended__c, Sign_In_Method__c, Signature_SHA256__c, Signed_Name__c, Signed_At__c, Meal_Opt_Out__c, Walk_In__c FROM CME_Attendance__c',
    ),
    expenses: await q<Expense>(
      'SELECT Id, Event__c, Category__c, Amount__c, Incurred_On__c, Doctor__c, Stage__c, Payment_Form__c, Receipt_Reference__c FROM CME_Expense__c',
    ),
    doctors: await q<Doctor>(
      'SELECT Id, Name, FirstName, LastName, CME_Specialty__c, CME_Primary_Type__c, CME_Disclosure_Consent__c, CME_NPI__c, MailingCountry FROM Contact',
    ),
  };
}

// Generated seed records as the domain core takes them, before any org has given them ids: each record's
// external id stands in for its Id, so the domain's transfer-of-value allocation can be run on the seed
// itself (to plant disclosure problems on what a disclosure will read, and to test them).
import type { Attendance, CmeEvent, Expense, Invitation } from '../domain/cmeDomain.ts';
import { REGIONS } from './catalog.ts';
import type { Region } from './catalog.ts';
import type { SeedData, SeedRecord } from './generate.ts';

/** One seeded event with its own children, as domain records keyed by external id. */
export interface SeedEventWorld {
  key: string;
  region: Region;
  record: SeedRecord;
  event: CmeEvent;
  invitations: Invitation[];
  attendance: Attendance[];
  expenses: Expense[];
}

/** `{ Event_Key__c: 'EVT-00001' }` → 'EVT-00001'; null for a missing reference. */
export function referencedKey(reference: unknown, field: string): string | null {
  if (!reference || typeof reference !== 'object') return null;
  const value = (reference as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}

const REGION_OF_PACK = new Map(
  (Object.entries(REGIONS) as [Region, { rulePack: string }][]).map(([r, i]) => [i.rulePack, r]),
);

/** Every seeded event (in generated order) with its invitations, attendance and expense lines. */
export function seedEventWorlds(data: SeedData): Map<string, SeedEventWorld> {
  const worlds = new Map<string, SeedEventWorld>();
  for (const record of data.events) {
    const key = String(record.Event_Key__c);
    const region = REGION_OF_PACK.get(String(referencedKey(record.Rule_Pack__r, 'Code__c')));
    if (!region) continue;
    worlds.set(key, { key, region, record, event: asEvent(record), invitations: [], attendance: [], expenses: [] });
  }
  const worldOf = (r: SeedRecord) => worlds.get(String(referencedKey(r.Event__r, 'Event_Key__c')));
  for (const r of data.invitations) worldOf(r)?.invitations.push(asInvitation(r));
  for (const r of data.attendance) worldOf(r)?.attendance.push(asAttendance(r));
  for (const r of data.expenses) worldOf(r)?.expenses.push(asExpense(r));
  return worlds;
}

function asEvent(r: SeedRecord): CmeEvent {
  return { ...(r as Omit<CmeEvent, 'Id'>), Id: String(r.Event_Key__c) };
}

function asInvitation(r: SeedRecord): Invitation {
  return {
    ...(r as Omit<Invitation, 'Id' | 'Event__c' | 'Doctor__c'>),
    Id: String(r.Invitation_Key__c),
    Event__c: String(referencedKey(r.Event__r, 'Event_Key__c')),
    Doctor__c: String(referencedKey(r.Doctor__r, 'CME_HCP_Key__c')),
  };
}

function asAttendance(r: SeedRecord): Attendance {
  return {
    ...(r as Omit<Attendance, 'Id' | 'Event__c'>),
    Id: String(r.Attendance_Key__c),
    Event__c: String(referencedKey(r.Event__r, 'Event_Key__c')),
    Invitation__c: referencedKey(r.Invitation__r, 'Invitation_Key__c'),
    Doctor__c: referencedKey(r.Doctor__r, 'CME_HCP_Key__c'),
  };
}

function asExpense(r: SeedRecord): Expense {
  return {
    ...(r as Omit<Expense, 'Id' | 'Event__c'>),
    Id: String(r.Expense_Key__c),
    Event__c: String(referencedKey(r.Event__r, 'Event_Key__c')),
    Doctor__c: referencedKey(r.Doctor__r, 'CME_HCP_Key__c'),
  };
}

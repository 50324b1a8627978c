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

/** An event's own generated children, as they were generated (references, not copies). */
export interface SeedEventChildren {
  invitations: SeedRecord[];
  attendance: SeedRecord[];
  expenses: SeedRecord[];
}

/** Each event's children by event key, in one pass over each list. */
export function childrenByEvent(data: SeedData): Map<string, SeedEventChildren> {
  const out = new Map<string, SeedEventChildren>();
  const of = (r: SeedRecord) => {
    const key = String(referencedKey(r.Event__r, 'Event_Key__c'));
    let children = out.get(key);
    if (!children) {
      children = { invitations: [], attendance: [], expenses: [] };
      out.set(key, children);
    }
    return children;
  };
  for (const r of data.invitations) of(r).invitations.push(r);
  for (const r of data.attendance) of(r).attendance.push(r);
  for (const r of data.expenses) of(r).expenses.push(r);
  return out;
}

/** The region whose rule pack judges a seeded event (undefined for a pack the catalog does not know). */
export function regionOfEvent(record: SeedRecord): Region | undefined {
  return REGION_OF_PACK.get(String(referencedKey(record.Rule_Pack__r, 'Code__c')));
}

/** One event as domain records; built on demand, so a large seed never holds two copies of every record. */
export function seedEventWorld(
  record: SeedRecord,
  children: SeedEventChildren | undefined,
): SeedEventWorld | undefined {
  const region = regionOfEvent(record);
  if (!region) return undefined;
  return {
    key: String(record.Event_Key__c),
    region,
    record,
    event: asEvent(record),
    invitations: (children?.invitations ?? []).map(asInvitation),
    attendance: (children?.attendance ?? []).map(asAttendance),
    expenses: (children?.expenses ?? []).map(asExpense),
  };
}

/** Every seeded event (in generated order) with its invitations, attendance and expense lines. */
export function seedEventWorlds(data: SeedData): Map<string, SeedEventWorld> {
  const children = childrenByEvent(data);
  const worlds = new Map<string, SeedEventWorld>();
  for (const record of data.events) {
    const world = seedEventWorld(record, children.get(String(record.Event_Key__c)));
    if (world) worlds.set(world.key, world);
  }
  return worlds;
}

function asEvent(r: SeedRecord): CmeEvent {
  return { ...(r as Omit<CmeEvent, 'Id'>), Id: String(r.Event_Key__c) };
}

/** A child record with its external id as Id, and its event and doctor references as ids. */
function asChild(
  r: SeedRecord,
  idField: string,
): SeedRecord & { Id: string; Event__c: string; Doctor__c: string | null } {
  return {
    ...r,
    Id: String(r[idField]),
    Event__c: String(referencedKey(r.Event__r, 'Event_Key__c')),
    Doctor__c: referencedKey(r.Doctor__r, 'CME_HCP_Key__c'),
  };
}

// Every seeded invitation names its doctor, so its Doctor__c is never null.
const asInvitation = (r: SeedRecord) => asChild(r, 'Invitation_Key__c') as unknown as Invitation;
const asAttendance = (r: SeedRecord) =>
  ({
    ...asChild(r, 'Attendance_Key__c'),
    Invitation__c: referencedKey(r.Invitation__r, 'Invitation_Key__c'),
  }) as unknown as Attendance;
const asExpense = (r: SeedRecord) => asChild(r, 'Expense_Key__c') as unknown as Expense;

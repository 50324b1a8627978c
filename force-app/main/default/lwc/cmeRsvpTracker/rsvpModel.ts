/**
 * The RSVP tracker's logic: invitations from GraphQL as rows, counts per status, capacity, whether a
 * status change is allowed, and who is next on the waitlist. Pure functions, unit-tested.
 */
import { hcpName } from 'c/cmeDomain';
import type { Doctor, InvitationStatus } from 'c/cmeDomain';
import { displayOf, mergeByKey, nodesOf, plainRecord } from 'c/cmeRecords';

/** Every invitation status, in the order the tracker lists them. */
export const STATUSES: readonly InvitationStatus[] = Object.freeze([
  'Invited',
  'Accepted',
  'Tentative',
  'Declined',
  'Waitlisted',
  'Cancelled',
] as InvitationStatus[]);

/** Statuses that give a place back when an accepted doctor moves to them. */
export const RELEASING_STATUSES: readonly InvitationStatus[] = Object.freeze([
  'Declined',
  'Cancelled',
] as InvitationStatus[]);

export interface InvitationRow {
  id: string;
  doctorId: string;
  doctorName: string;
  status: InvitationStatus;
  role: string;
  roleLabel: string;
  invitedOn: string | null;
  respondedOn: string | null;
}

interface InvitationRecord {
  Id: string;
  Doctor__c?: string | null;
  Doctor__r?: Doctor | null;
  Status__c?: InvitationStatus | null;
  Role__c?: string | null;
  Invited_On__c?: string | null;
  Responded_On__c?: string | null;
}

/** The event's invitations from the tracker's GraphQL result. */
export function invitationRowsFrom(data: unknown): InvitationRow[] {
  return nodesOf(data, 'CME_Invitation__c').map((node) => {
    const record = plainRecord<InvitationRecord>(node);
    const doctorId = record.Doctor__c ?? '';
    return {
      id: record.Id,
      doctorId,
      doctorName: hcpName(record.Doctor__r ? { ...record.Doctor__r, Id: doctorId } : undefined, doctorId),
      status: record.Status__c ?? 'Invited',
      role: record.Role__c ?? '',
      roleLabel: displayOf(node, 'Role__c'),
      invitedOn: record.Invited_On__c ?? null,
      respondedOn: record.Responded_On__c ?? null,
    };
  });
}

/**
 * Merges a page of rows into what is known, by id, keeping first-seen order (a page fetched again
 * after a refresh updates rows in place). Returns a new list.
 */
export function mergeRows(known: readonly InvitationRow[], page: readonly InvitationRow[]): InvitationRow[] {
  return mergeByKey((row) => row.id, known, page);
}

/** How many invitations have each status (every status present, 0 when none). */
export function countByStatus(rows: readonly InvitationRow[]): Record<InvitationStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<InvitationStatus, number>;
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

/** The rows with one status, or all of them for 'All'. */
export function filterByStatus(rows: readonly InvitationRow[], status: InvitationStatus | 'All'): InvitationRow[] {
  return status === 'All' ? [...rows] : rows.filter((r) => r.status === status);
}

export interface CapacityState {
  /** Capacity__c, or null when the event has none (no limit). */
  capacity: number | null;
  accepted: number;
  /** Places still free (0 when full or over); null without a capacity. */
  free: number | null;
  full: boolean;
  /** Accepted beyond capacity (entered elsewhere); 0 when within. */
  over: number;
}

/** Accepted invitations against the event's capacity. */
export function capacityOf(capacity: number | null | undefined, rows: readonly InvitationRow[]): CapacityState {
  const accepted = rows.filter((r) => r.status === 'Accepted').length;
  if (capacity === null || capacity === undefined || !Number.isFinite(capacity))
    return { capacity: null, accepted, free: null, full: false, over: 0 };
  return {
    capacity,
    accepted,
    free: Math.max(0, capacity - accepted),
    full: accepted >= capacity,
    over: Math.max(0, accepted - capacity),
  };
}

export type StatusCheck = { allowed: true } | { allowed: false; reason: 'full' | 'unchanged' };

/**
 * Whether an invitation may move to a status now. Accepting is refused when every place is taken
 * (the doctor can be waitlisted instead); every other move is allowed.
 */
export function checkStatusChange(
  rows: readonly InvitationRow[],
  id: string,
  status: InvitationStatus,
  capacity: number | null | undefined,
): StatusCheck {
  const row = rows.find((r) => r.id === id);
  if (!row || row.status === status) return { allowed: false, reason: 'unchanged' };
  if (status === 'Accepted' && capacityOf(capacity, rows).full) return { allowed: false, reason: 'full' };
  return { allowed: true };
}

function instant(value: string | null): number {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** The waitlisted invitation that waited longest (oldest Invited_On__c; undated last; then by id). */
export function nextFromWaitlist(rows: readonly InvitationRow[]): InvitationRow | undefined {
  return rows
    .filter((r) => r.status === 'Waitlisted')
    .sort((a, b) => instant(a.invitedOn) - instant(b.invitedOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

/** Whether to offer promoting from the waitlist: a place is free and someone is waiting. */
export function canPromote(rows: readonly InvitationRow[], capacity: number | null | undefined): boolean {
  const state = capacityOf(capacity, rows);
  return state.capacity !== null && (state.free ?? 0) > 0 && nextFromWaitlist(rows) !== undefined;
}

/** The fields of the update for a status change: a response time now, cleared when back to Invited. */
export function statusUpdateFields(id: string, status: InvitationStatus, now: string): Record<string, unknown> {
  return { Id: id, Status__c: status, Responded_On__c: status === 'Invited' ? null : now };
}

/** The rows with one invitation's status (and response time) changed. Returns a new list. */
export function withStatus(
  rows: readonly InvitationRow[],
  id: string,
  status: InvitationStatus,
  respondedOn: string | null,
): InvitationRow[] {
  return rows.map((r) => (r.id === id ? { ...r, status, respondedOn } : r));
}

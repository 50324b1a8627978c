// Realistic owners for seeded events: the org's field reps and event managers, round robin, so each rep
// owns her drafts and pending events (Private org-wide default: her managers see them through the role
// hierarchy). With none in the org, the running user keeps ownership, and the command says so.
import type { SeedRecord } from './generate.ts';

/** The permission sets whose holders own events in a real org. */
export const EVENT_OWNER_PERMISSION_SETS = ['CME_Field_Rep', 'CME_Event_Manager'] as const;

export interface EventOwner {
  id: string;
  username: string;
}

/** SOQL for the active holders of the owner permission sets (Object Reference: PermissionSetAssignment). */
export const EVENT_OWNERS_SOQL =
  'SELECT AssigneeId, Assignee.Username FROM PermissionSetAssignment ' +
  `WHERE PermissionSet.Name IN (${EVENT_OWNER_PERMISSION_SETS.map((n) => `'${n}'`).join(', ')}) ` +
  'AND Assignee.IsActive = true';

/** One owner per user, ordered by username, so the same org gives the same assignment every run. */
export function eventOwnersFrom(rows: readonly Record<string, unknown>[]): EventOwner[] {
  const byId = new Map<string, EventOwner>();
  for (const row of rows) {
    const id = row.AssigneeId;
    const username = (row.Assignee as { Username?: unknown } | null | undefined)?.Username;
    if (typeof id === 'string' && id) byId.set(id, { id, username: typeof username === 'string' ? username : id });
  }
  return [...byId.values()].sort((a, b) => a.username.localeCompare(b.username) || a.id.localeCompare(b.id));
}

/** Events in generated order get owners round robin; with no owners, the events are left as they are. */
export function assignEventOwners(events: readonly SeedRecord[], owners: readonly EventOwner[]): SeedRecord[] {
  if (!owners.length) return [...events];
  return events.map((event, i) => ({ ...event, OwnerId: owners[i % owners.length].id }));
}

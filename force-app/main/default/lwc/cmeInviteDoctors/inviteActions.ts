/**
 * Who is invited already: the invitations query's answer merged into what the screen knew, which
 * invitations to ask for, and the selection as a set. Pure. (Sending is c-cme-invite-bar's.)
 */
import type { InvitationRole } from 'c/cmeDomain';
import { recordsOf } from 'c/cmeRecords';

/** Who is invited to the event, and as what, as far as the screen knows. */
export interface Invited {
  ids: Set<string>;
  roles: Map<string, InvitationRole>;
}

/**
 * The invitations query's answer merged into what was known: the answer is the truth for the doctors
 * asked about (`askedIds`); what is known of others stays. Returns new sets.
 */
export function invitedFrom(data: unknown, askedIds: readonly string[], known: Invited): Invited {
  const asked = new Set(askedIds);
  const ids = new Set([...known.ids].filter((id) => !asked.has(id)));
  const roles = new Map([...known.roles].filter(([id]) => !asked.has(id)));
  for (const row of recordsOf<{ Doctor__c: string; Role__c?: InvitationRole | null }>(data, 'CME_Invitation__c')) {
    if (!row.Doctor__c) continue;
    ids.add(row.Doctor__c);
    if (row.Role__c) roles.set(row.Doctor__c, row.Role__c);
  }
  return { ids, roles };
}

/** `selected` with `ids` added (`add`) or taken out: a new set, for the screen's selection. */
export function withIds(selected: ReadonlySet<string>, ids: readonly string[], add: boolean): Set<string> {
  const next = new Set(selected);
  for (const id of ids) {
    if (add) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** The doctors whose invitations to ask for: those on screen, unless `current` already asks for them. */
export function invitationVarsFor(
  eventId: string | undefined,
  doctors: readonly { id: string }[],
  current: { eventId: string; doctorIds: string[] } | undefined,
): { eventId: string; doctorIds: string[] } | undefined {
  if (!eventId || doctors.length === 0) return undefined;
  const doctorIds = doctors.map((d) => d.id);
  if (current?.eventId === eventId && current.doctorIds.join() === doctorIds.join()) return undefined;
  return { eventId, doctorIds };
}

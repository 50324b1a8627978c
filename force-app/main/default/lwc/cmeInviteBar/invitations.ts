/**
 * Sending invitations: the record each invitation is created with, the one-per-doctor-per-event key,
 * telling "someone invited them meanwhile" (a duplicate key) from a real failure, and the outcome
 * counts the screen reports. Pure apart from the create function passed in.
 */
import { codedErrorsOf, reduceErrors } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';

/** `${eventId}:${doctorId}`: Invitation_Key__c is unique, so a doctor is invited once per event. */
export function invitationKey(eventId: string, doctorId: string): string {
  return `${eventId}:${doctorId}`;
}

export interface InvitationDraft {
  eventId: string;
  doctorId: string;
  userId: string | null | undefined;
  channel?: string | null;
  /** ISO datetime of sending. */
  now: string;
}

/** The CME_Invitation__c fields for createRecord (API names as keys). */
export function invitationFields(draft: InvitationDraft): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    Event__c: draft.eventId,
    Doctor__c: draft.doctorId,
    Status__c: 'Invited',
    Role__c: 'Attendee',
    Invited_On__c: draft.now,
    Invitation_Key__c: invitationKey(draft.eventId, draft.doctorId),
  };
  if (draft.userId) fields.Invited_By__c = draft.userId;
  if (draft.channel) fields.Channel__c = draft.channel;
  return fields;
}

/**
 * Whether a createRecord failure means the invitation already exists: a DUPLICATE_VALUE error (the
 * unique Invitation_Key__c), however the UI API placed it (page error or field error).
 */
export function isDuplicateInvitation(error: unknown): boolean {
  return codedErrorsOf(error).some(
    (e) => e.errorCode === 'DUPLICATE_VALUE' || /duplicate value found: Invitation_Key__c/i.test(e.message ?? ''),
  );
}

export interface InviteFailure {
  doctorId: string;
  messages: string[];
}

export interface InviteOutcome {
  invited: string[];
  alreadyInvited: string[];
  failed: InviteFailure[];
}

/**
 * Creates one invitation per doctor, a few at a time, and sorts the results: created, already
 * invited (duplicate key) and failed with the server's reasons. Never rejects.
 */
export async function sendInvitations(
  doctorIds: readonly string[],
  create: (doctorId: string) => Promise<unknown>,
  batchSize = 10,
): Promise<InviteOutcome> {
  const outcome: InviteOutcome = { invited: [], alreadyInvited: [], failed: [] };
  for (let i = 0; i < doctorIds.length; i += batchSize) {
    const batch = doctorIds.slice(i, i + batchSize);
    // One batch after the other keeps the number of requests in flight small.
    // eslint-disable-next-line no-await-in-loop
    const results = await Promise.allSettled(batch.map((id) => create(id)));
    results.forEach((result, j) => {
      const doctorId = batch[j];
      if (result.status === 'fulfilled') outcome.invited.push(doctorId);
      else if (isDuplicateInvitation(result.reason)) outcome.alreadyInvited.push(doctorId);
      else {
        const messages = reduceErrors(result.reason as ErrorLike);
        outcome.failed.push({ doctorId, messages });
      }
    });
  }
  return outcome;
}

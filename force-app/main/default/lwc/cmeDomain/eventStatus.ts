/** What an event's approval status means for changing it and its records. */
import type { EventStatus } from './types';

/** The status while an approval is decided. */
export const PENDING_APPROVAL: EventStatus = 'Pending Approval';

/**
 * Whether Salesforce locks the event, and its master-detail children (invitations, attendance,
 * expenses), for its approval: while it is Pending Approval, only an approver or an admin may edit.
 */
export function isApprovalLocked(status: EventStatus | string | null | undefined): boolean {
  return status === PENDING_APPROVAL;
}

import {
  RELEASING_STATUSES,
  STATUSES,
  canPromote,
  capacityOf,
  checkStatusChange,
  countByStatus,
  filterByStatus,
  invitationRowsFrom,
  mergeRows,
  nextFromWaitlist,
  statusUpdateFields,
  withStatus,
} from '../rsvpModel';
import type { InvitationRow } from '../rsvpModel';
import invitations from './data/invitations.json';
import page1 from './data/invitationsPage1.json';
import page2 from './data/invitationsPage2.json';
import { graphqlData } from '../../../../../test/graphqlData';

const rows = invitationRowsFrom(invitations);
const row = (partial: Partial<InvitationRow> & { id: string }): InvitationRow => ({
  doctorId: `d-${partial.id}`,
  doctorName: `Dr ${partial.id}`,
  status: 'Invited',
  role: 'Attendee',
  roleLabel: 'Attendee',
  invitedOn: null,
  respondedOn: null,
  ...partial,
});

describe('rsvp rows', () => {
  it('reads invitations with the doctor’s name, role label and dates', () => {
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({
      id: 'a02000000000001AAA',
      doctorId: '003000000000001AAA',
      doctorName: 'Dr Asha Rao',
      status: 'Accepted',
      role: 'Speaker',
      roleLabel: 'Speaker',
      invitedOn: '2026-10-02T05:00:00.000Z',
      respondedOn: '2026-10-05T09:30:00.000Z',
    });
    // A pharmacist is not addressed as Dr.
    expect(rows[6].doctorName).toBe('Karan Mehta');
  });

  it('copes with missing doctor and status', () => {
    const [bare] = invitationRowsFrom(graphqlData('CME_Invitation__c', [{ Id: 'a02000000000099AAA' }]));
    expect(bare).toMatchObject({ doctorId: '', doctorName: 'HCP ', status: 'Invited', role: '', roleLabel: '' });
  });

  it('merges pages by id in first-seen order', () => {
    const merged = mergeRows(invitationRowsFrom(page1), invitationRowsFrom(page2));
    expect(merged.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    const again = mergeRows(merged, [{ ...merged[2], status: 'Declined' }]);
    expect(again).toHaveLength(7);
    expect(again[2].status).toBe('Declined');
  });

  it('counts every status, zero included', () => {
    expect(countByStatus(rows)).toEqual({
      Invited: 1,
      Accepted: 2,
      Tentative: 1,
      Declined: 1,
      Waitlisted: 2,
      Cancelled: 0,
    });
    expect(Object.keys(countByStatus([]))).toEqual([...STATUSES]);
  });

  it('lists the six invitation statuses in the order the tracker shows them', () => {
    // Pinned here once: the tracker's test compares its options with STATUSES.
    expect(STATUSES).toEqual(['Invited', 'Accepted', 'Tentative', 'Declined', 'Waitlisted', 'Cancelled']);
  });

  it('filters by status or not at all', () => {
    expect(filterByStatus(rows, 'Waitlisted').map((r) => r.doctorName)).toEqual(['Dr Rahul Das', 'Dr Meera Iyer']);
    expect(filterByStatus(rows, 'All')).toHaveLength(7);
    expect(filterByStatus(rows, 'All')).not.toBe(rows);
  });
});

describe('capacity', () => {
  it('counts accepted invitations against capacity', () => {
    expect(capacityOf(2, rows)).toEqual({ capacity: 2, accepted: 2, free: 0, full: true, over: 0 });
    expect(capacityOf(5, rows)).toEqual({ capacity: 5, accepted: 2, free: 3, full: false, over: 0 });
    expect(capacityOf(1, rows)).toEqual({ capacity: 1, accepted: 2, free: 0, full: true, over: 1 });
    expect(capacityOf(null, rows)).toEqual({ capacity: null, accepted: 2, free: null, full: false, over: 0 });
    expect(capacityOf(undefined, [])).toEqual({ capacity: null, accepted: 0, free: null, full: false, over: 0 });
  });

  it('refuses to accept when full, and allows everything else', () => {
    const jose = 'a02000000000003AAA';
    expect(checkStatusChange(rows, jose, 'Accepted', 2)).toEqual({ allowed: false, reason: 'full' });
    expect(checkStatusChange(rows, jose, 'Accepted', 3)).toEqual({ allowed: true });
    expect(checkStatusChange(rows, jose, 'Accepted', null)).toEqual({ allowed: true });
    expect(checkStatusChange(rows, jose, 'Waitlisted', 2)).toEqual({ allowed: true });
    expect(checkStatusChange(rows, jose, 'Invited', 2)).toEqual({ allowed: false, reason: 'unchanged' });
    expect(checkStatusChange(rows, 'nobody', 'Declined', 2)).toEqual({ allowed: false, reason: 'unchanged' });
    // An accepted doctor may leave a full event.
    expect(checkStatusChange(rows, 'a02000000000001AAA', 'Declined', 2)).toEqual({ allowed: true });
  });
});

describe('waitlist', () => {
  it('picks the oldest waitlisted invitation, undated last, then by id', () => {
    expect(nextFromWaitlist(rows)?.doctorName).toBe('Dr Rahul Das');
    const list = [
      row({ id: 'c', status: 'Waitlisted', invitedOn: null }),
      row({ id: 'b', status: 'Waitlisted', invitedOn: '2026-10-01T00:00:00.000Z' }),
      row({ id: 'a', status: 'Waitlisted', invitedOn: '2026-10-01T00:00:00.000Z' }),
      row({ id: 'z', status: 'Accepted', invitedOn: '2026-01-01T00:00:00.000Z' }),
    ];
    expect(nextFromWaitlist(list)?.id).toBe('a');
    expect(nextFromWaitlist(list.slice(0, 1))?.id).toBe('c');
    expect(
      nextFromWaitlist([
        row({ id: 'x', status: 'Waitlisted', invitedOn: 'not a date' }),
        row({ id: 'w', status: 'Waitlisted', invitedOn: 'not a date' }),
      ])?.id,
    ).toBe('w');
    expect(nextFromWaitlist([])).toBeUndefined();
  });

  it('offers promotion only with a free place and someone waiting', () => {
    expect(canPromote(rows, 2)).toBe(false);
    expect(canPromote(rows, 3)).toBe(true);
    expect(canPromote(rows, null)).toBe(false);
    expect(
      canPromote(
        rows.filter((r) => r.status !== 'Waitlisted'),
        5,
      ),
    ).toBe(false);
    // Declining frees a place.
    const declined = withStatus(rows, 'a02000000000001AAA', 'Declined', '2026-11-20T10:00:00.000Z');
    expect(RELEASING_STATUSES).toContain('Declined');
    expect(canPromote(declined, 2)).toBe(true);
  });
});

describe('updates', () => {
  it('sets the response time, or clears it when back to Invited', () => {
    expect(statusUpdateFields('i1', 'Accepted', 'now')).toEqual({
      Id: 'i1',
      Status__c: 'Accepted',
      Responded_On__c: 'now',
    });
    expect(statusUpdateFields('i1', 'Invited', 'now')).toEqual({
      Id: 'i1',
      Status__c: 'Invited',
      Responded_On__c: null,
    });
  });

  it('changes one row and leaves the list it came from alone', () => {
    const changed = withStatus(rows, 'a02000000000003AAA', 'Tentative', 'now');
    expect(changed[2]).toMatchObject({ status: 'Tentative', respondedOn: 'now' });
    expect(rows[2].status).toBe('Invited');
    expect(changed[0]).toBe(rows[0]);
  });
});

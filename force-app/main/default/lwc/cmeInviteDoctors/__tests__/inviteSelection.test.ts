import { doctorPageFrom, pageRowsOf } from '../doctorSearch';
import { invitationVarsFor, invitedFrom, withIds } from '../inviteActions';
import { inviteBlockOrError, invitePacksFrom } from '../inviteBlock';
import { selectionOf } from '../inviteView';
import type { CmeEvent, RulePack } from 'c/cmeDomain';
import doctorsPage1 from './data/doctorsPage1.json';
import eventInvitations from './data/eventInvitations.json';
import rulePacks from './data/rulePacks.json';

describe('the invite screen model', () => {
  it('reads the page size setting', () => {
    expect(pageRowsOf(10)).toBe(10);
    expect(pageRowsOf(5000)).toBe(200);
    expect(pageRowsOf(-3)).toBe(25);
    expect(pageRowsOf('x')).toBe(25);
  });

  it('reads a page of doctors with its count and next cursor', () => {
    const page = doctorPageFrom(doctorsPage1);
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.totalCount).toBeGreaterThanOrEqual(page.entries.length);
    expect(doctorPageFrom({})).toEqual({ entries: [], totalCount: 0, nextCursor: null });
  });

  it('merges the invitations read back: the truth for the doctors asked, the rest kept', () => {
    const known = { ids: new Set(['other', 'asked-gone']), roles: new Map([['asked-gone', 'Speaker' as const]]) };
    const rows = (
      eventInvitations.uiapi.query.CME_Invitation__c.edges as { node: { Doctor__c: { value: string } } }[]
    ).map((e) => e.node.Doctor__c.value);
    const merged = invitedFrom(eventInvitations, ['asked-gone', ...rows], known);
    expect([...merged.ids].sort()).toEqual(['other', ...rows].sort());
    expect(merged.roles.has('asked-gone')).toBe(false);
    expect(known.ids.has('asked-gone')).toBe(true);
  });

  it('adds and takes ids out of a selection as a new set', () => {
    const start = new Set(['a']);
    expect([...withIds(start, ['b', 'c'], true)]).toEqual(['a', 'b', 'c']);
    expect([...withIds(start, ['a'], false)]).toEqual([]);
    expect([...start]).toEqual(['a']);
  });

  it('says what the selection is and what its controls allow', () => {
    const selection = selectionOf({
      shown: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      selectedIds: new Set(['a', 'b']),
      isInvited: (id) => id === 'c',
      canSelect: true,
      isBlocking: (id) => id === 'b',
    });
    expect(selection).toEqual({
      inviteIds: ['a', 'b'],
      blockingCount: 1,
      selectableShownIds: ['a', 'b'],
      allShownSelected: true,
      selectAllDisabled: false,
    });
    const locked = selectionOf({
      shown: [{ id: 'c' }],
      selectedIds: new Set(['c']),
      isInvited: () => true,
      canSelect: false,
      isBlocking: () => false,
    });
    expect(locked).toMatchObject({
      inviteIds: [],
      blockingCount: 0,
      allShownSelected: false,
      selectAllDisabled: true,
    });
  });

  it('blocks on the status alone, with the failure as the detail, when the rules cannot be judged', () => {
    const event = { Id: 'e1', Status__c: 'Approved' } as CmeEvent;
    const broken = { rules: null } as unknown as RulePack;
    const block = inviteBlockOrError(event, broken, '2027-01-01T00:00:00.000Z');
    expect(block.blocked).toBe(false);
    expect(block.detail).not.toBe('');
    expect(inviteBlockOrError(undefined, undefined, '2027-01-01T00:00:00.000Z')).toEqual({ blocked: true, detail: '' });
  });

  it('asks for the invitations of the doctors on screen only when they changed', () => {
    const doctors = [{ id: 'd1' }, { id: 'd2' }];
    expect(invitationVarsFor(undefined, doctors, undefined)).toBeUndefined();
    expect(invitationVarsFor('e1', [], undefined)).toBeUndefined();
    const vars = invitationVarsFor('e1', doctors, undefined);
    expect(vars).toEqual({ eventId: 'e1', doctorIds: ['d1', 'd2'] });
    expect(invitationVarsFor('e1', doctors, vars)).toBeUndefined();
    expect(invitationVarsFor('e1', [{ id: 'd1' }], vars)).toEqual({ eventId: 'e1', doctorIds: ['d1'] });
  });

  it('reads the rule packs, or says why it cannot judge by them', () => {
    const read = invitePacksFrom(rulePacks);
    expect(read.errors).toEqual([]);
    expect(read.packs.length).toBeGreaterThan(0);
    const truncated = { uiapi: { query: { CME_Rule_Pack__c: { edges: [], pageInfo: { hasNextPage: true } } } } };
    const tooLarge = invitePacksFrom(truncated);
    expect(tooLarge.packs).toEqual([]);
    expect(tooLarge.errors.length).toBe(1);
  });
});

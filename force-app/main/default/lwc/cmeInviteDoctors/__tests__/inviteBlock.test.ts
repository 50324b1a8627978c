import { inviteBlock } from '../inviteBlock';
import { event, pack } from './fixtures';
import { withRule } from '../../../../../test/rulePacks';

const NOW = '2026-11-20T10:00:00.000Z';

describe('approval before invite', () => {
  it('lets an approved event invite', () => {
    expect(inviteBlock(event, pack, NOW)).toEqual({ blocked: false, detail: '' });
  });

  it('blocks any event that is not approved, with the pack’s finding', () => {
    const draft = { ...event, Status__c: 'Draft' as const, Approved_On__c: null };
    const result = inviteBlock(draft, pack, NOW);
    expect(result.blocked).toBe(true);
    expect(result.detail).toContain('has not been approved');
    // Without the rule in the pack the org's validation rule still refuses: blocked, no detail.
    expect(inviteBlock(draft, undefined, NOW)).toEqual({ blocked: true, detail: '' });
  });

  it('blocks an approved event whose approval time is after now when the pack blocks', () => {
    const future = { ...event, Approved_On__c: '2026-12-01T00:00:00.000Z' };
    expect(inviteBlock(future, pack, NOW).blocked).toBe(true);
    const warnOnly = withRule(pack, 'APPROVAL_BEFORE_INVITE', { severity: 'Warn' });
    const warned = inviteBlock(future, warnOnly, NOW);
    expect(warned.blocked).toBe(false);
    expect(warned.detail).toContain('before Heart Failure Update — Mumbai was approved on 2026-12-01');
  });

  it('is blocked while the event is unknown', () => {
    expect(inviteBlock(undefined, pack, NOW)).toEqual({ blocked: true, detail: '' });
  });
});

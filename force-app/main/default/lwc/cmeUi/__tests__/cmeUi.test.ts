import { formatLabel, localTodayIso, statusBadgeClass } from 'c/cmeUi';

describe('c/cmeUi', () => {
  it('fills numbered placeholders and leaves missing ones visible', () => {
    expect(formatLabel('{0} of {1} places taken', 12, 40)).toBe('12 of 40 places taken');
    expect(formatLabel('{1} before {0}', 'b', 'a')).toBe('a before b');
    expect(formatLabel('{0} and {2}', 'x')).toBe('x and {2}');
  });

  it('themes status badges', () => {
    expect(statusBadgeClass('Approved')).toBe('slds-badge slds-theme_success');
    expect(statusBadgeClass('Draft', 'status')).toBe('slds-badge status');
    expect(statusBadgeClass('Unknown')).toBe('slds-badge');
    expect(statusBadgeClass(null)).toBe('slds-badge');
  });
  it('gives today in the user’s time zone', () => {
    expect(localTodayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
    expect(localTodayIso()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

import { PENDING_APPROVAL, isApprovalLocked, moneyOrNumber } from 'c/cmeDomain';

describe('money without a currency, and the approval lock', () => {
  it('writes money in the currency, else as a plain number of at most two decimals', () => {
    expect(moneyOrNumber(1234.5, 'EUR')).toBe('€1,234.50');
    expect(moneyOrNumber(250000, 'INR')).toMatch(/2,50,000|250,000/);
    expect(moneyOrNumber(1234.5, '')).toBe('1,234.5');
    expect(moneyOrNumber(0.5, null)).toBe('0.5');
    expect(moneyOrNumber(1234.567, undefined, 'en-US')).toBe('1,234.57');
    expect(moneyOrNumber(1234.5, undefined, 'de-DE')).toBe('1.234,5');
  });

  it('locks an event only while it is pending approval', () => {
    expect(PENDING_APPROVAL).toBe('Pending Approval');
    expect(isApprovalLocked('Pending Approval')).toBe(true);
    for (const status of ['Draft', 'Approved', 'Rejected', 'Completed', 'Cancelled', 'Closed', '', null, undefined]) {
      expect(isApprovalLocked(status)).toBe(false);
    }
  });
});

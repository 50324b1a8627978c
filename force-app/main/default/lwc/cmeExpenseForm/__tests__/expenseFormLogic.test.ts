import {
  EMPTY_DRAFT,
  EXPENSE_KEY_MAX_LENGTH,
  expenseKey,
  expenseProblems,
  suggestedPaymentForm,
} from '../expenseFormLogic';

const EVENT_ID = 'a01000000000001AAA';
const KAVYA = '003000000000006AAA';

describe('cmeExpenseForm logic', () => {
  it('mirrors the validation rules of CME_Expense__c', () => {
    // A new line's draft (an estimate, a shared cost) with a category and an amount.
    const ok = { ...EMPTY_DRAFT, category: 'Venue', amount: '10' };
    expect(expenseProblems(ok)).toEqual({});
    expect(expenseProblems({ ...ok, amount: '-1' })).toEqual({ Amount__c: 'positive' });
    expect(expenseProblems({ ...ok, amount: 'abc' })).toEqual({ Amount__c: 'positive' });
    expect(expenseProblems({ ...ok, category: 'Speaker Honorarium', doctor: '' })).toEqual({ Doctor__c: 'honorarium' });
    expect(expenseProblems({ ...ok, category: 'Speaker Honorarium', doctor: KAVYA })).toEqual({});
    expect(expenseProblems({ ...ok, stage: 'Actual' })).toEqual({ Incurred_On__c: 'actualDate' });
    expect(expenseProblems({ ...ok, stage: '', category: '', amount: ' ' })).toEqual({
      Category__c: 'required',
      Amount__c: 'required',
      Stage__c: 'required',
    });
  });
  it('suggests the usual form of payment', () => {
    expect(suggestedPaymentForm('Speaker Honorarium')).toBe('Cash or cash equivalent');
    expect(suggestedPaymentForm('Food and Beverage')).toBe('In-kind items and services');
    expect(suggestedPaymentForm('')).toBe('');
  });

  it('makes expense keys that are unique per save and fit the field', () => {
    const a = expenseKey(EVENT_ID, 1800000000000, () => 0.123456789);
    const b = expenseKey(EVENT_ID, 1800000000001, () => 0.123456789);
    const c = expenseKey(EVENT_ID, 1800000000000, () => 0.987654321);
    expect(a).toMatch(new RegExp(`^${EVENT_ID}:[0-9a-z]{14}$`));
    expect(new Set([a, b, c]).size).toBe(3);
    expect(expenseKey(EVENT_ID, 1800000000000, () => 0.5)).toMatch(/:[0-9a-z]{8}i00000$/);
    expect(expenseKey('x'.repeat(100)).length).toBe(EXPENSE_KEY_MAX_LENGTH);
    expect(expenseKey(EVENT_ID)).not.toBe(expenseKey(EVENT_ID));
  });
});

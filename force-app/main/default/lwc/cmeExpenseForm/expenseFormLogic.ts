/**
 * The add-expense form's pure logic: its draft, checks mirroring CME_Expense__c's validation rules
 * (Amount_Positive, Honorarium_Needs_Doctor, Actual_Needs_Date), the usual form of payment, server
 * field errors and the line's unique key.
 */
import { paymentFormFor } from 'c/cmeDomain';
import type { ExpenseCategory, PaymentForm } from 'c/cmeDomain';

/** Expense_Key__c is Text(80), unique. */
export const EXPENSE_KEY_MAX_LENGTH = 80;
/** The doctor combobox value for a shared cost (Doctor__c blank). */
export const SHARED = 'shared';

export interface ExpenseDraft {
  category: string;
  amount: string;
  stage: string;
  doctor: string;
  incurredOn: string;
  paymentForm: string;
  vendor: string;
  receipt: string;
  description: string;
}

export type ExpenseProblem = 'required' | 'positive' | 'honorarium' | 'actualDate';

/** Field API name → what is wrong, mirroring Amount_Positive, Honorarium_Needs_Doctor, Actual_Needs_Date. */
export function expenseProblems(draft: ExpenseDraft): Record<string, ExpenseProblem> {
  const problems: Record<string, ExpenseProblem> = {};
  if (!draft.category) problems.Category__c = 'required';
  const amount = draft.amount.trim() === '' ? NaN : Number(draft.amount);
  if (draft.amount.trim() === '') problems.Amount__c = 'required';
  else if (!Number.isFinite(amount) || amount <= 0) problems.Amount__c = 'positive';
  if (!draft.stage) problems.Stage__c = 'required';
  if (draft.category === 'Speaker Honorarium' && (!draft.doctor || draft.doctor === SHARED))
    problems.Doctor__c = 'honorarium';
  if (draft.stage === 'Actual' && !draft.incurredOn) problems.Incurred_On__c = 'actualDate';
  return problems;
}

/** A new line's draft: an estimate, a shared cost. */
export const EMPTY_DRAFT: Readonly<ExpenseDraft> = Object.freeze({
  category: '',
  amount: '',
  stage: 'Estimated',
  doctor: SHARED,
  incurredOn: '',
  paymentForm: '',
  vendor: '',
  receipt: '',
  description: '',
});

/** Draft property behind each form field (the inputs carry data-field with the API name). */
export const DRAFT_KEY: Readonly<Record<string, keyof ExpenseDraft>> = Object.freeze({
  Category__c: 'category',
  Amount__c: 'amount',
  Stage__c: 'stage',
  Doctor__c: 'doctor',
  Incurred_On__c: 'incurredOn',
  Payment_Form__c: 'paymentForm',
  Vendor__c: 'vendor',
  Receipt_Reference__c: 'receipt',
  Description__c: 'description',
});

/** The usual form of payment for a category: fees in cash, everything else in kind. */
export function suggestedPaymentForm(category: string): PaymentForm | '' {
  if (!category) return '';
  return paymentFormFor({ Id: '', Event__c: '', Category__c: category as ExpenseCategory });
}

/** A unique Expense_Key__c: the event, the time in base 36 and a random tail, at most 80 characters. */
export function expenseKey(eventId: string, now: number = Date.now(), random: () => number = Math.random): string {
  const tail = random().toString(36).slice(2, 8).padEnd(6, '0');
  return `${eventId}:${now.toString(36)}${tail}`.slice(0, EXPENSE_KEY_MAX_LENGTH);
}

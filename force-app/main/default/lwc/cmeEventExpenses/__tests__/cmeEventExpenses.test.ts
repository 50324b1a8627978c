import CmeEventExpenses from 'c/cmeEventExpenses';
import { doctorOptions, linesFrom, totalsOf } from '../expenseLogic';
import {
  createRecord,
  deleteRecord,
  getRecord,
  notifyRecordUpdateAvailable,
  updateRecord,
} from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

import expenses from './data/expenses.json';
import expensesEmpty from './data/expensesEmpty.json';
import eventWithBudget from './data/eventWithBudget.json';
import eventNoRulePack from './data/eventNoRulePack.json';
import eventError from './data/eventError.json';
import objectInfo from './data/objectInfo.json';
import categoryValues from './data/categoryValues.json';
import stageValues from './data/stageValues.json';
import paymentFormValues from './data/paymentFormValues.json';
import saveFieldErrors from '../../cmeExpenseForm/__tests__/data/saveFieldErrors.json';
import { entityLockedError } from '../../../../../test/ldsErrors';
import {
  cleanUpEachTest,
  collectToasts,
  deepActiveElement as activeElement,
  deepQuery as $,
  deepQueryAll as $$,
  flushPromises,
  graphqlWire,
  ldsWire,
  mount as mountComponent,
  recordInputs,
  toastLike,
  trackValidity,
} from '../../../../../test/lwcTest';
import type { WireConfig as Config } from '../../../../../test/lwcTest';

const getRecordAdapter = ldsWire(getRecord);
const objectInfoAdapter = ldsWire(getObjectInfo);
const picklistAdapter = ldsWire(getPicklistValues);
const createRecordMock = createRecord as unknown as jest.Mock;
const updateRecordMock = updateRecord as unknown as jest.Mock;
const deleteRecordMock = deleteRecord as unknown as jest.Mock;
/** The expenses wire's `refresh`, which lightning/graphql puts on each result it emits. */
const refreshMock = jest.fn((): Promise<void> => Promise.resolve());
const notifyMock = notifyRecordUpdateAvailable as unknown as jest.Mock;

const EVENT_ID = 'a01000000000001AAA';
const VENUE = 'a04000000000001AAA';
const FOOD = 'a04000000000002AAA';
const HONORARIUM = 'a04000000000003AAA';
const KAVYA = '003000000000006AAA';

/** The text of the element an aria-describedby names, in the describing element's own shadow root. */
function describedByText(el: Element): string {
  const id = el.getAttribute('aria-describedby');
  const described = id ? (el.getRootNode() as ShadowRoot).querySelector(`[id="${id}"]`) : null;
  return (described?.textContent ?? '').trim();
}
const texts = (el: HTMLElement, selector: string) => $$(el, selector).map((n) => (n.textContent ?? '').trim());
const click = (el: HTMLElement, selector: string) => ($(el, selector) as HTMLButtonElement).click();

/** Three macrotasks by default: a write, what it awaits and the re-render settle. */
const flush = (times = 3) => flushPromises(times);

function eventWith(budget: number | null, display: string | null = null) {
  const copy = JSON.parse(JSON.stringify(eventWithBudget));
  copy.fields.Budget__c = { value: budget, displayValue: display };
  return copy;
}

function eventWithStatus(status: string) {
  const copy = JSON.parse(JSON.stringify(eventWithBudget));
  copy.fields.Status__c = { value: status, displayValue: status };
  return copy;
}

const LOCKED_TEXT =
  'This event is waiting for approval, so its expenses are locked. Lines can be added, changed or deleted again once the approval is decided.';
// c/cmeErrors' sentence for ENTITY_IS_LOCKED (label CME_Error_Entity_Locked).
const ENTITY_LOCKED_TEXT =
  'This record is locked while its event is waiting for approval. Try again once the approval is decided.';

function mount(): HTMLElement {
  return mountComponent('c-cme-event-expenses', CmeEventExpenses, { recordId: EVENT_ID });
}

async function ready({
  event = eventWithBudget as unknown,
  data = expenses as unknown,
  info = objectInfo as unknown,
  /** null: the result carries no refresh. */
  refresh = refreshMock as (() => Promise<void>) | null,
} = {}): Promise<HTMLElement> {
  const element = mount();
  await flush(1);
  getRecordAdapter.emit(event);
  graphqlWire.emit(data, undefined, refresh ?? undefined);
  objectInfoAdapter.emit(info);
  await flush(1);
  const picklist = (name: string) => (config: Config) =>
    (config.fieldApiName as { fieldApiName?: string } | undefined)?.fieldApiName === name;
  picklistAdapter.emit(categoryValues, picklist('Category__c'));
  picklistAdapter.emit(stageValues, picklist('Stage__c'));
  picklistAdapter.emit(paymentFormValues, picklist('Payment_Form__c'));
  await flush();
  return element;
}

function change(input: HTMLElement, value: string) {
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function rowOf(element: HTMLElement, id: string): HTMLElement {
  return $(element, `tr[data-line-id="${id}"]`)!;
}

async function openForm(element: HTMLElement) {
  click(element, '[data-id="add-expense"]');
  await flush(1);
}

/** Presses a line's Change stage (the stage editor opens) or Delete (the confirmation opens). */
async function pressOnLine(element: HTMLElement, lineId: string, button: 'edit-stage' | 'delete-line') {
  click(element, `tr[data-line-id="${lineId}"] [data-id="${button}"]`);
  await flush(1);
}

/** Presses the open stage editor's Save or the open confirmation's Delete, and lets the write settle. */
async function pressAndSettle(element: HTMLElement, button: 'save-stage' | 'confirm-delete') {
  click(element, `[data-id="${button}"]`);
  await flush();
}

const editStage = (element: HTMLElement, lineId: string) => pressOnLine(element, lineId, 'edit-stage');
const saveStage = (element: HTMLElement) => pressAndSettle(element, 'save-stage');
const askToDelete = (element: HTMLElement, lineId: string) => pressOnLine(element, lineId, 'delete-line');
const confirmDelete = (element: HTMLElement) => pressAndSettle(element, 'confirm-delete');

function fill(element: HTMLElement, values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) change($(element, `[data-id="expense-${id}"]`)!, value);
}

function submit(element: HTMLElement) {
  $(element, '[data-id="expense-form"]')!.dispatchEvent(new CustomEvent('submit', { cancelable: true, bubbles: true }));
}

beforeEach(() => {
  createRecordMock.mockReset();
  updateRecordMock.mockReset();
  deleteRecordMock.mockReset();
  createRecordMock.mockResolvedValue({ id: 'a04000000000099AAA' });
  updateRecordMock.mockResolvedValue({});
  deleteRecordMock.mockResolvedValue(undefined);
});

cleanUpEachTest({ restoreSpies: true });

describe('c-cme-event-expenses: states', () => {
  it('shows a spinner until both the event and its expenses have loaded', async () => {
    const element = mount();
    await flush(1);
    expect(($(element, 'lightning-spinner') as HTMLElement & { alternativeText: string }).alternativeText).toBe(
      'Loading expenses',
    );
    getRecordAdapter.emit(eventWithBudget);
    await flush(1);
    expect($(element, 'lightning-spinner')).not.toBeNull();
    expect($(element, '[data-id="add-expense"]')).toBeNull();
  });

  it('reads the budget, the rule pack currency and the status from the event and the lines by event id', async () => {
    mount();
    await flush(1);
    const config = getRecordAdapter.getLastConfig();
    expect(config.recordId).toBe(EVENT_ID);
    expect((config.fields as { fieldApiName: string }[]).map((f) => f.fieldApiName)).toContain('Budget__c');
    // Optional: a user who cannot read the pack or the status still sees the lines.
    expect((config.optionalFields as { fieldApiName: string }[]).map((f) => f.fieldApiName)).toEqual([
      'Rule_Pack__r.Currency_Code__c',
      'Status__c',
    ]);
    const seen: unknown[] = [];
    graphqlWire.emit(expensesEmpty, (c) => {
      seen.push(c.variables);
      return false;
    });
    expect(seen).toContainEqual({ eventId: EVENT_ID });
  });

  it('lists the lines with category, amount, stage, who was paid, vendor, receipt and date', async () => {
    const element = await ready();
    expect($(element, 'lightning-spinner')).toBeNull();
    expect(texts(element, '.expense-row .category')).toEqual([
      'Venue',
      'Travel and Lodging',
      'Speaker Honorarium',
      'Audio Visual',
      'Food and Beverage',
    ]);
    const venue = rowOf(element, VENUE);
    expect(venue.querySelector('.cell-amount')!.textContent!.trim()).toBe('₹200,000');
    expect(venue.querySelector('.stage-badge')!.textContent).toBe('Committed');
    expect(venue.querySelector('.cell-paid-to')!.textContent).toBe('Shared');
    expect(venue.querySelector('.cell-vendor')!.textContent).toBe('Taj Lands End');
    expect(venue.querySelector('.cell-date')!.textContent).toBe('Mar 14, 2027');
    expect(venue.querySelector('.description')!.textContent).toBe('Ballroom, full day');
    const honorarium = rowOf(element, HONORARIUM);
    expect(honorarium.querySelector('.cell-paid-to')!.textContent).toBe('Dr Kavya Shah');
    expect(honorarium.querySelector('.cell-receipt')!.textContent).toBe('INV-2201');
    expect(honorarium.querySelector('.stage-badge')!.className).toContain('slds-theme_success');
    expect(rowOf(element, FOOD).querySelector('.cell-date')!.textContent).toBe('');
    expect(venue.querySelector('[data-id="edit-stage"]')!.getAttribute('aria-label')).toBe(
      'Change stage of Venue, ₹200,000',
    );
    expect(venue.querySelector('[data-id="delete-line"]')!.getAttribute('aria-label')).toBe('Delete Venue, ₹200,000');
    expect(texts(element, 'thead th')).toEqual([
      'Category',
      'Amount',
      'Stage',
      'Paid to',
      'Vendor',
      'Receipt reference',
      'Incurred on',
      'Actions',
    ]);
  });

  it('totals each stage and compares all lines with the budget in the rule pack currency', async () => {
    const element = await ready();
    expect(texts(element, '.legend-text')).toEqual([
      'Actual: ₹68,500.50 · 2 lines',
      'Committed: ₹200,000 · 1 line',
      'Estimated: ₹100,000 · 2 lines',
      'All lines: ₹368,500.50 · 5 lines',
    ]);
    expect($(element, '[data-id="budget-summary"]')!.textContent).toBe(
      'All lines come to ₹368,500.50 of the ₹500,000 budget (74%).',
    );
    const bar = $(element, '.stack')!;
    expect(bar.getAttribute('role')).toBe('img');
    expect(bar.getAttribute('aria-label')).toBe('All lines come to ₹368,500.50 of the ₹500,000 budget (74%).');
    expect($$(element, '.segment').map((s) => s.style.width)).toEqual(['13.7%', '40%', '20%']);
    expect(($(element, '.budget-marker') as HTMLElement).style.left).toBe('100%');
    expect($(element, '[data-id="over-budget"]')).toBeNull();
    expect($(element, '[data-id="remaining"]')!.textContent!.trim()).toBe(
      '₹131,499.50 of the budget is left after all lines.',
    );
  });

  it.each([
    [300000, 'Over budget if every estimate is spent: ₹68,500.50 more than the budget.', 'slds-theme_warning'],
    [
      250000,
      'Over budget: committed and actual spend together are ₹18,500.50 more than the budget.',
      'slds-theme_error',
    ],
    [60000, 'Over budget: actual spend is ₹8,500.50 more than the budget.', 'slds-theme_error'],
  ])('calls out a budget of %s being exceeded, in text', async (budget, message, theme) => {
    const element = await ready({ event: eventWith(budget) });
    const callout = $(element, '[data-id="over-budget"]')!;
    expect(callout.textContent!.trim()).toBe(message);
    expect(callout.className).toContain(theme);
    expect(callout.getAttribute('role')).toBe('status');
    expect($(element, '[data-id="remaining"]')).toBeNull();
  });

  it('scales the bar to the spend when it exceeds the budget and marks where the budget ends', async () => {
    const element = await ready({ event: eventWith(300000) });
    expect($$(element, '.segment').map((s) => s.style.width)).toEqual(['18.6%', '54.3%', '27.1%']);
    expect(($(element, '.budget-marker') as HTMLElement).style.left).toBe('81.4%');
  });

  it('says what to do when the event has no budget, and still totals the stages', async () => {
    const element = await ready({ event: eventWith(null) });
    expect($(element, '[data-id="no-budget"]')!.textContent!.trim()).toBe(
      'No budget is set on this event, so spend cannot be compared with it. Set the budget on the event.',
    );
    expect($(element, '.stack')).toBeNull();
    expect($(element, '[data-id="over-budget"]')).toBeNull();
    expect(texts(element, '.legend-text')[3]).toBe('All lines: ₹368,500.50 · 5 lines');
  });

  it('falls back to the record display values when the event has no rule pack currency', async () => {
    const element = await ready({ event: eventNoRulePack });
    expect(rowOf(element, VENUE).querySelector('.cell-amount')!.textContent!.trim()).toBe('₹200,000.00');
    expect($(element, '[data-id="budget-summary"]')!.textContent).toBe(
      'All lines come to 368,500.5 of the $500,000.00 budget (74%).',
    );
    await openForm(element);
    expect(($(element, '[data-id="expense-amount"]') as HTMLElement & { label: string }).label).toBe('Amount');
  });

  it('shows the empty state with what to do next', async () => {
    const element = await ready({ data: expensesEmpty });
    expect($(element, '[data-id="empty"]')!.textContent).toBe(
      'No expenses yet. Add the venue, catering, travel and honoraria as estimates, then move each line to Committed and Actual as it is contracted and paid.',
    );
    expect($(element, '[data-id="expense-table"]')).toBeNull();
    expect($(element, '[data-id="add-expense"]')).not.toBeNull();
    expect(texts(element, '.legend-text')[3]).toBe('All lines: ₹0 · 0 lines');
    expect($(element, '[data-id="remaining"]')!.textContent!.trim()).toBe(
      '₹500,000 of the budget is left after all lines.',
    );
  });

  it('shows load errors in an alert panel', async () => {
    const element = mount();
    await flush(1);
    getRecordAdapter.emit(eventWithBudget);
    graphqlWire.emitErrors([{ message: 'No such column Vendor__c on CME_Expense__c' }]);
    await flush();
    expect($(element, '[data-id="error-panel"]')!.getAttribute('role')).toBe('alert');
    expect(texts(element, '.error-message')).toEqual(['No such column Vendor__c on CME_Expense__c']);
    expect($(element, '[data-id="add-expense"]')).toBeNull();

    const second = mount();
    await flush(1);
    getRecordAdapter.error(eventError.body, eventError.status, 'Not Found');
    await flush();
    expect(texts(second, '.error-message')).toEqual(['The requested resource does not exist']);
    getRecordAdapter.emit(eventWithBudget);
    await flush();
    expect($(second, '[data-id="error-panel"]')).toBeNull();
  });

  it('is accessible in every state', async () => {
    const loading = mount();
    await flush(1);
    await expect(loading).toBeAccessible();
    document.body.removeChild(loading);

    const element = await ready({ event: eventWith(250000) });
    await expect(element).toBeAccessible();
    await openForm(element);
    await editStage(element, VENUE);
    await askToDelete(element, FOOD);
    await expect(element).toBeAccessible();
    document.body.removeChild(element);

    const empty = await ready({ data: expensesEmpty, event: eventWith(null) });
    await expect(empty).toBeAccessible();
    graphqlWire.emitErrors([{ message: 'Boom' }]);
    await flush();
    await expect(empty).toBeAccessible();
  });
});

describe('c-cme-event-expenses: adding a line', () => {
  it('opens the form with sensible defaults and the doctors of the event', async () => {
    const element = await ready();
    const focus = jest.spyOn(HTMLElement.prototype, 'focus');
    await openForm(element);
    expect($(element, '[data-id="add-expense"]')).toBeNull();
    expect(focus.mock.contexts).toContain($(element, '[data-id="expense-category"]'));
    const stage = $(element, '[data-id="expense-stage"]') as HTMLElement & {
      value: string;
      options: { value: string }[];
    };
    expect(stage.value).toBe('Estimated');
    expect(stage.options.map((o) => o.value)).toEqual(['Estimated', 'Committed', 'Actual']);
    const doctor = $(element, '[data-id="expense-doctor"]') as HTMLElement & { value: string; options: unknown[] };
    expect(doctor.value).toBe('shared');
    expect(doctor.options).toEqual([
      { label: 'Shared cost (split across attendees)', value: 'shared' },
      { label: 'Dr Asha Rao', value: '003000000000001AAA' },
      { label: 'Dr Kavya Shah · Speaker', value: KAVYA },
      { label: 'Dr Priya Desai', value: '003000000000007AAA' },
    ]);
    expect(($(element, '[data-id="expense-amount"]') as HTMLElement & { label: string }).label).toBe('Amount (INR)');
    const payment = $(element, '[data-id="expense-payment-form"]') as HTMLElement & { options: { value: string }[] };
    expect(payment.options.map((o) => o.value)).toEqual(['', 'Cash or cash equivalent', 'In-kind items and services']);
    expect(($(element, '[data-id="expense-category"]') as HTMLElement & { options: unknown[] }).options).toHaveLength(
      9,
    );
  });

  it('suggests the form of payment from the category until the user chooses one', async () => {
    const element = await ready();
    await openForm(element);
    const payment = $(element, '[data-id="expense-payment-form"]') as HTMLElement & { value: string };
    fill(element, { category: 'Speaker Honorarium' });
    await flush(1);
    expect(payment.value).toBe('Cash or cash equivalent');
    fill(element, { category: 'Venue' });
    await flush(1);
    expect(payment.value).toBe('In-kind items and services');
    fill(element, { 'payment-form': '' });
    fill(element, { category: 'Speaker Honorarium' });
    await flush(1);
    expect(payment.value).toBe('');
  });

  it('checks the rules of the object inline before saving', async () => {
    const element = await ready();
    await openForm(element);
    const category = $(element, '[data-id="expense-category"]')!;
    const amount = $(element, '[data-id="expense-amount"]')!;
    const doctor = $(element, '[data-id="expense-doctor"]')!;
    const date = $(element, '[data-id="expense-date"]')!;
    const messages = {
      category: trackValidity(category),
      amount: trackValidity(amount),
      doctor: trackValidity(doctor),
      date: trackValidity(date),
    };
    submit(element);
    await flush();
    expect(messages.category.at(-1)).toBe('Complete this field.');
    expect(messages.amount.at(-1)).toBe('Complete this field.');

    fill(element, { category: 'Speaker Honorarium', amount: '0', stage: 'Actual' });
    submit(element);
    await flush();
    expect(messages.category.at(-1)).toBe('');
    expect(messages.amount.at(-1)).toBe('The amount must be greater than zero.');
    expect(messages.doctor.at(-1)).toBe('Choose the doctor who receives the honorarium.');
    expect(messages.date.at(-1)).toBe('Enter the date the cost was incurred before marking it Actual.');
    expect(createRecordMock).not.toHaveBeenCalled();
  });

  it('saves a direct payment to a doctor with a unique expense key and confirms it', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    await openForm(element);
    fill(element, {
      category: 'Speaker Honorarium',
      amount: '25000.456',
      stage: 'Actual',
      doctor: KAVYA,
      date: '2027-03-14',
      vendor: '  ',
      receipt: 'INV-2250',
      description: 'Second session',
    });
    submit(element);
    await flush();
    const inputs = recordInputs(createRecordMock);
    expect(inputs).toEqual([
      {
        apiName: 'CME_Expense__c',
        fields: {
          Event__c: EVENT_ID,
          Category__c: 'Speaker Honorarium',
          Amount__c: 25000.46,
          Stage__c: 'Actual',
          Doctor__c: KAVYA,
          Incurred_On__c: '2027-03-14',
          Payment_Form__c: 'Cash or cash equivalent',
          Vendor__c: null,
          Receipt_Reference__c: 'INV-2250',
          Description__c: 'Second session',
          Expense_Key__c: expect.stringMatching(new RegExp(`^${EVENT_ID}:[0-9a-z]+$`)),
        },
      },
    ]);
    expect(String(inputs[0].fields.Expense_Key__c).length).toBeLessThanOrEqual(80);
    expect(toasts).toEqual([
      toastLike('success', 'Expense added', 'Speaker Honorarium of ₹25,000.46 added as Actual.'),
    ]);
    expect($(element, '[data-id="expense-form"]')).toBeNull();
    expect(activeElement(element)).toBe($(element, '[data-id="add-expense"]'));
    expect(refreshMock).toHaveBeenCalledTimes(1);
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: EVENT_ID }]);
  });

  it('saves a shared cost without a doctor, and leaves the key out when the user may not set it', async () => {
    const info = JSON.parse(JSON.stringify(objectInfo));
    info.fields.Expense_Key__c.createable = false;
    const element = await ready({ info });
    await openForm(element);
    fill(element, { category: 'Printed Material', amount: '1200' });
    submit(element);
    await flush();
    const fields = createRecordMock.mock.calls[0][0].fields;
    expect(fields.Doctor__c).toBeNull();
    expect(fields.Stage__c).toBe('Estimated');
    expect(fields.Incurred_On__c).toBeNull();
    expect(fields.Payment_Form__c).toBe('In-kind items and services');
    expect('Expense_Key__c' in fields).toBe(false);
  });

  it('shows server errors under their fields and the rest in the form', async () => {
    createRecordMock.mockRejectedValue(saveFieldErrors);
    const element = await ready();
    await openForm(element);
    const amountMessages = trackValidity($(element, '[data-id="expense-amount"]')!);
    fill(element, { category: 'Venue', amount: '5' });
    submit(element);
    await flush();
    expect(amountMessages.at(-1)).toBe('The amount must be greater than zero.');
    expect($(element, '[data-id="form-errors"]')!.getAttribute('role')).toBe('alert');
    expect(texts(element, '.notice-message')).toEqual([
      'duplicate value found: Expense_Key__c',
      'The event is locked for close-out.',
    ]);
    expect($(element, '[data-id="expense-form"]')).not.toBeNull();
    expect(refreshMock).not.toHaveBeenCalled();
  });

  it('shows an error without field details in the form error panel', async () => {
    createRecordMock.mockRejectedValue({ body: { message: 'You do not have access to CME_Expense__c' }, status: 403 });
    const element = await ready();
    await openForm(element);
    fill(element, { category: 'Venue', amount: '5' });
    submit(element);
    await flush();
    expect(texts(element, '.notice-message')).toEqual(['You do not have access to CME_Expense__c']);
    expect(activeElement(element)).toBe($(element, '[data-id="form-errors"]'));
  });

  it('closes the form on Cancel and returns to the Add button', async () => {
    const element = await ready();
    await openForm(element);
    fill(element, { category: 'Venue' });
    click(element, '[data-id="expense-cancel"]');
    await flush(1);
    expect($(element, '[data-id="expense-form"]')).toBeNull();
    expect(activeElement(element)).toBe($(element, '[data-id="add-expense"]'));
    await openForm(element);
    expect(($(element, '[data-id="expense-category"]') as HTMLElement & { value: string }).value).toBe('');
  });
});

describe('c-cme-event-expenses: changing and deleting lines', () => {
  it('moves a committed line to Actual with a date and shows it at once', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    const focus = jest.spyOn(HTMLElement.prototype, 'focus');
    await editStage(element, VENUE);
    const stage = $(element, '[data-id="stage-combobox"]') as HTMLElement & { value: string };
    const date = $(element, '[data-id="stage-date"]') as HTMLElement & { value: string; required: boolean };
    expect(stage.value).toBe('Actual');
    expect(date.value).toBe('2027-03-14');
    expect(date.required).toBe(true);
    expect(focus.mock.contexts).toContain(stage);
    await saveStage(element);
    expect(updateRecordMock).toHaveBeenCalledWith({
      fields: { Id: VENUE, Stage__c: 'Actual', Incurred_On__c: '2027-03-14' },
    });
    expect(toasts).toEqual([toastLike('success', 'Stage changed', 'Venue, ₹200,000 is now Actual.')]);
    expect(rowOf(element, VENUE).querySelector('.stage-badge')!.textContent).toBe('Actual');
    expect(texts(element, '.legend-text')[0]).toBe('Actual: ₹268,500.50 · 3 lines');
    expect(activeElement(element)).toBe($(element, `tr[data-line-id="${VENUE}"] [data-id="edit-stage"]`));
    expect(refreshMock).toHaveBeenCalledTimes(1);
    // The refreshed query replaces the local change.
    graphqlWire.emit(expenses);
    await flush();
    expect(rowOf(element, VENUE).querySelector('.stage-badge')!.textContent).toBe('Committed');
  });

  it('proposes today for an estimate moved to Actual and insists on a date', async () => {
    const element = await ready();
    await editStage(element, FOOD);
    const stage = $(element, '[data-id="stage-combobox"]')!;
    const date = $(element, '[data-id="stage-date"]') as HTMLElement & { value: string };
    expect((stage as HTMLElement & { value: string }).value).toBe('Committed');
    expect(date.value).toBe('');
    change(stage, 'Actual');
    const dateMessages = trackValidity(date);
    await flush(1);
    await saveStage(element);
    expect(dateMessages).toEqual(['Enter the date the cost was incurred before marking it Actual.']);
    expect(updateRecordMock).not.toHaveBeenCalled();
    change(date, '2027-03-13');
    await saveStage(element);
    expect(updateRecordMock).toHaveBeenCalledWith({
      fields: { Id: FOOD, Stage__c: 'Actual', Incurred_On__c: '2027-03-13' },
    });
    expect(rowOf(element, FOOD).querySelector('.cell-date')!.textContent).toBe('Mar 13, 2027');
  });

  it('proposes today as the date of an undated committed line moved to Actual', async () => {
    const undated = JSON.parse(JSON.stringify(expenses));
    undated.uiapi.query.CME_Expense__c.edges[0].node.Incurred_On__c = { value: null, displayValue: null };
    const element = await ready({ data: undated });
    await editStage(element, VENUE);
    const now = new Date();
    const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
      .map((n) => String(n).padStart(2, '0'))
      .join('-');
    expect(($(element, '[data-id="stage-date"]') as HTMLElement & { value: string }).value).toBe(today);
  });

  it('needs a stage, keeps the line on Cancel and reports a refused change', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    await editStage(element, HONORARIUM);
    const stage = $(element, '[data-id="stage-combobox"]')!;
    expect((stage as HTMLElement & { value: string }).value).toBe('Actual');
    const stageMessages = trackValidity(stage);
    change(stage, '');
    await saveStage(element);
    expect(stageMessages.at(-1)).toBe('Complete this field.');
    click(element, '[data-id="cancel-stage"]');
    await flush(1);
    expect($(element, '[data-id="stage-combobox"]')).toBeNull();
    expect(activeElement(element)).toBe($(element, `tr[data-line-id="${HONORARIUM}"] [data-id="edit-stage"]`));

    updateRecordMock.mockRejectedValue({
      body: {
        output: {
          errors: [],
          fieldErrors: {
            Incurred_On__c: [{ message: 'Enter the date the cost was incurred before marking it Actual.' }],
          },
        },
      },
    });
    await editStage(element, VENUE);
    await saveStage(element);
    expect(toasts).toEqual([
      toastLike(
        'error',
        'The stage could not be changed',
        'Enter the date the cost was incurred before marking it Actual.',
      ),
    ]);
    expect($(element, '[data-id="stage-combobox"]')).not.toBeNull();
  });

  it('deletes a line after confirmation', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    await askToDelete(element, FOOD);
    expect($(element, '.confirm-text')!.textContent!.trim()).toBe(
      'Delete Food and Beverage, ₹60,000? This cannot be undone.',
    );
    expect(activeElement(element)).toBe($(element, '[data-id="keep-line"]'));
    await confirmDelete(element);
    expect(deleteRecordMock).toHaveBeenCalledWith(FOOD);
    expect(toasts).toEqual([toastLike('success', 'Expense deleted', 'Food and Beverage, ₹60,000 was deleted.')]);
    expect(rowOf(element, FOOD)).toBeNull();
    expect(texts(element, '.legend-text')[2]).toBe('Estimated: ₹40,000 · 1 line');
    expect(refreshMock).toHaveBeenCalledTimes(1);
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: EVENT_ID }]);
  });

  it('keeps the line when the rep changes their mind or the delete is refused', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    await askToDelete(element, FOOD);
    click(element, '[data-id="keep-line"]');
    await flush(1);
    expect($(element, '.confirm-text')).toBeNull();
    expect(activeElement(element)).toBe($(element, `tr[data-line-id="${FOOD}"] [data-id="delete-line"]`));
    expect(deleteRecordMock).not.toHaveBeenCalled();

    deleteRecordMock.mockRejectedValue({ body: { message: 'insufficient access rights on object id' }, status: 403 });
    await askToDelete(element, FOOD);
    await confirmDelete(element);
    expect(toasts).toEqual([
      toastLike('error', 'The expense could not be deleted', 'insufficient access rights on object id'),
    ]);
    expect(rowOf(element, FOOD)).not.toBeNull();
  });

  it('offers only what the user may do', async () => {
    const info = { ...JSON.parse(JSON.stringify(objectInfo)), createable: false, updateable: false, deletable: false };
    const element = await ready({ info });
    expect($(element, '[data-id="add-expense"]')).toBeNull();
    expect($$(element, '[data-id="edit-stage"]')).toHaveLength(0);
    expect($$(element, '[data-id="delete-line"]')).toHaveLength(0);
    expect($$(element, '.expense-row')).toHaveLength(5);
  });

  it('still confirms a write when refreshing afterwards fails', async () => {
    refreshMock.mockRejectedValueOnce(new Error('offline'));
    const element = await ready();
    const toasts = collectToasts(element);
    await askToDelete(element, FOOD);
    await confirmDelete(element);
    expect(toasts.map((t) => t.variant)).toEqual(['success']);
    expect(rowOf(element, FOOD)).toBeNull();
    expect(refreshMock).toHaveBeenCalledTimes(1);
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: EVENT_ID }]);
  });

  it('still tells the page after a write when no result has carried a refresh', async () => {
    const element = await ready({ refresh: null });
    await askToDelete(element, FOOD);
    await confirmDelete(element);
    expect(deleteRecordMock).toHaveBeenCalledWith(FOOD);
    expect(refreshMock).not.toHaveBeenCalled();
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: EVENT_ID }]);
  });
});

describe('c-cme-event-expenses: approval lock', () => {
  const button = (element: HTMLElement, selector: string) => $<HTMLButtonElement>(element, selector)!;

  it('says why lines cannot change while the event is pending approval, with every action disabled', async () => {
    const element = await ready({ event: eventWithStatus('Pending Approval') });
    const notice = $(element, '[data-id="locked-notice"]')!;
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent!.trim()).toBe(LOCKED_TEXT);
    const actions = [
      button(element, '[data-id="add-expense"]'),
      ...$$(element, '[data-id="edit-stage"]'),
      ...$$(element, '[data-id="delete-line"]'),
    ] as HTMLButtonElement[];
    expect(actions).toHaveLength(11);
    expect(button(element, '[data-id="add-expense"]').getAttribute('aria-describedby')).toBe(notice.getAttribute('id'));
    for (const action of actions) {
      expect(action.disabled).toBe(true);
      // Described by the lock notice, or (in the lines table) by the same sentence beside it.
      expect(describedByText(action)).toBe(LOCKED_TEXT);
    }
    // The lines and the budget still show.
    expect($$(element, '.expense-row')).toHaveLength(5);
    expect($(element, '[data-id="budget-summary"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it.each(['Draft', 'Approved', 'Rejected', 'Completed'])(
    'offers the actions for an event that is %s',
    async (status) => {
      const element = await ready({ event: eventWithStatus(status) });
      expect($(element, '[data-id="locked-notice"]')).toBeNull();
      expect(button(element, '[data-id="add-expense"]').disabled).toBe(false);
      expect(button(element, '[data-id="add-expense"]').getAttribute('aria-describedby')).toBeNull();
      expect(($$(element, '[data-id="edit-stage"]') as HTMLButtonElement[]).every((b) => !b.disabled)).toBe(true);
      expect(($$(element, '[data-id="delete-line"]') as HTMLButtonElement[]).every((b) => !b.disabled)).toBe(true);
    },
  );

  it('locks an open form and stage change when the event goes to approval', async () => {
    const element = await ready({ event: eventWithStatus('Draft') });
    await openForm(element);
    fill(element, { category: 'Printed Material', amount: '1200' });
    await editStage(element, VENUE);

    getRecordAdapter.emit(eventWithStatus('Pending Approval'));
    await flush();
    expect($(element, '[data-id="locked-notice"]')).not.toBeNull();
    expect(button(element, '[data-id="expense-save"]').disabled).toBe(true);
    expect(button(element, '[data-id="save-stage"]').disabled).toBe(true);

    // A submit that still gets through (Enter in a field) says why instead of writing.
    submit(element);
    await flush();
    expect(createRecordMock).not.toHaveBeenCalled();
    expect(texts(element, '.notice-message')).toEqual([LOCKED_TEXT]);
    expect(activeElement(element)).toBe($(element, '[data-id="form-errors"]'));
    await expect(element).toBeAccessible();
  });

  it('disables a delete confirmation opened before the lock', async () => {
    const element = await ready({ event: eventWithStatus('Approved') });
    await askToDelete(element, FOOD);
    getRecordAdapter.emit(eventWithStatus('Pending Approval'));
    await flush();
    expect(button(element, '[data-id="confirm-delete"]').disabled).toBe(true);
    expect(button(element, '[data-id="keep-line"]').disabled).toBe(false);
  });

  it('explains ENTITY_IS_LOCKED from the server when a line is added', async () => {
    createRecordMock.mockRejectedValue(entityLockedError());
    const element = await ready();
    await openForm(element);
    fill(element, { category: 'Printed Material', amount: '1200' });
    submit(element);
    await flush();
    expect(createRecordMock).toHaveBeenCalledTimes(1);
    expect(texts(element, '.notice-message')).toEqual([ENTITY_LOCKED_TEXT]);
    expect(refreshMock).not.toHaveBeenCalled();
  });

  it('explains ENTITY_IS_LOCKED from the server when a stage change or a delete is refused', async () => {
    updateRecordMock.mockRejectedValue(entityLockedError());
    deleteRecordMock.mockRejectedValue({
      status: 400,
      body: [{ errorCode: 'ENTITY_IS_LOCKED', message: 'entity is locked' }],
    });
    const element = await ready();
    const toasts = collectToasts(element);
    await editStage(element, VENUE);
    await saveStage(element);
    await askToDelete(element, FOOD);
    await confirmDelete(element);
    expect(toasts).toEqual([
      toastLike('error', 'The stage could not be changed', ENTITY_LOCKED_TEXT),
      toastLike('error', 'The expense could not be deleted', ENTITY_LOCKED_TEXT),
    ]);
    expect(rowOf(element, FOOD)).not.toBeNull();
    expect(refreshMock).not.toHaveBeenCalled();
  });
});

describe('cmeEventExpenses helpers', () => {
  const lines = linesFrom(expenses);
  it('reads lines newest first, undated last, with the doctor or none', () => {
    expect(lines.map((l) => l.id)).toEqual([VENUE, 'a04000000000004AAA', HONORARIUM, 'a04000000000005AAA', FOOD]);
    expect(lines[2]).toMatchObject({ doctorId: KAVYA, doctorName: 'Dr Kavya Shah', amount: 50000, stage: 'Actual' });
    expect(lines[0].doctorId).toBeNull();
    expect(linesFrom(undefined)).toEqual([]);
  });

  it('totals stages to the cent', () => {
    const totals = totalsOf(lines);
    expect(totals.byStage.Actual).toEqual({ stage: 'Actual', amount: 68500.5, count: 2 });
    expect(totals.total).toBe(368500.5);
    const cents = totalsOf([
      { ...lines[0], amount: 0.1, stage: 'Actual' },
      { ...lines[0], amount: 0.2, stage: 'Actual' },
    ]);
    expect(cents.byStage.Actual.amount).toBe(0.3);
  });

  it('offers live invitees, attendees and doctors already paid', () => {
    const extra = { ...lines[2], doctorId: '003000000000099AAA', doctorName: 'Dr Old Speaker' };
    expect(doctorOptions(expenses, [extra]).map((o) => o.label)).toEqual([
      'Dr Asha Rao',
      'Dr Kavya Shah · Speaker',
      'Dr Old Speaker',
      'Dr Priya Desai',
    ]);
    expect(doctorOptions(undefined)).toEqual([]);
  });
});

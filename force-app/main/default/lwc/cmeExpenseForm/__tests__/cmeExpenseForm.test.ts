import CmeExpenseForm from 'c/cmeExpenseForm';
import { createRecord } from 'lightning/uiRecordApi';
import { $, cleanUpEachTest, click, flushPromises, mountRendered, texts } from '../../../../../test/lwcTest';
import { emitted } from '../../../../../test/events';
import saveFieldErrors from './data/saveFieldErrors.json';
import { entityLockedError } from '../../../../../test/ldsErrors';

type Field = HTMLElement & { value?: string; label?: string; options?: { label: string; value: string }[] };
type Button = HTMLButtonElement;

const EVENT_ID = 'a01000000000001AAA';
const KAVYA = '003000000000006AAA';
const createRecordMock = createRecord as unknown as jest.Mock;

const PROPS = {
  recordId: EVENT_ID,
  currency: 'INR',
  categoryValues: [
    { label: 'Venue', value: 'Venue' },
    { label: 'Speaker Honorarium', value: 'Speaker Honorarium' },
  ],
  stageOptions: [
    { label: 'Estimated', value: 'Estimated' },
    { label: 'Committed', value: 'Committed' },
    { label: 'Actual', value: 'Actual' },
  ],
  paymentFormValues: [
    { label: 'Cash or cash equivalent', value: 'Cash or cash equivalent' },
    { label: 'In-kind items and services', value: 'In-kind items and services' },
  ],
  doctorOptions: [{ label: 'Dr Kavya Shah · Speaker', value: KAVYA }],
  keyCreateable: false,
  locked: false,
};

function form(props: Record<string, unknown> = {}): Promise<HTMLElement> {
  return mountRendered('c-cme-expense-form', CmeExpenseForm, { ...PROPS, ...props });
}

function fill(element: HTMLElement, values: Record<string, string>): void {
  for (const [id, value] of Object.entries(values))
    $(element, `[data-id="expense-${id}"]`)!.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function submit(element: HTMLElement): void {
  $(element, '[data-id="expense-form"]')!.dispatchEvent(new CustomEvent('submit', { cancelable: true, bubbles: true }));
}

/** Records the setCustomValidity messages of a base-component stub. */
function trackValidity(input: HTMLElement): string[] {
  const messages: string[] = [];
  Object.defineProperty(input, 'setCustomValidity', { value: (m: string) => messages.push(m), configurable: true });
  return messages;
}

describe('c-cme-expense-form', () => {
  beforeEach(() => createRecordMock.mockReset());
  cleanUpEachTest();

  it('starts as a shared estimate, the amount in the event currency, the doctors after the shared cost', async () => {
    const focus = jest.spyOn(HTMLElement.prototype, 'focus');
    const element = await form();
    expect($<Field>(element, '[data-id="expense-stage"]')!.value).toBe('Estimated');
    expect($<Field>(element, '[data-id="expense-doctor"]')!.options).toEqual([
      { label: 'Shared cost (split across attendees)', value: 'shared' },
      { label: 'Dr Kavya Shah · Speaker', value: KAVYA },
    ]);
    expect($<Field>(element, '[data-id="expense-amount"]')!.label).toBe('Amount (INR)');
    expect($<Field>(element, '[data-id="expense-payment-form"]')!.options!.map((o) => o.value)).toEqual([
      '',
      'Cash or cash equivalent',
      'In-kind items and services',
    ]);
    expect(focus.mock.contexts).toContain($(element, '[data-id="expense-category"]'));
    focus.mockRestore();
    const plain = await form({ currency: '' });
    expect($<Field>(plain, '[data-id="expense-amount"]')!.label).toBe('Amount');
  });

  it('checks the rules inline and does not save', async () => {
    const element = await form();
    const doctor = trackValidity($(element, '[data-id="expense-doctor"]')!);
    fill(element, { category: 'Speaker Honorarium', amount: '10' });
    submit(element);
    await flushPromises();
    expect(doctor.at(-1)).toBe('Choose the doctor who receives the honorarium.');
    expect(createRecordMock).not.toHaveBeenCalled();
  });

  it('creates the line and emits its category, amount and stage', async () => {
    createRecordMock.mockResolvedValue({ id: 'a04000000000099AAA' });
    const element = await form({ keyCreateable: true });
    const saved = emitted(element, 'saved');
    fill(element, { category: 'Speaker Honorarium', amount: '1000.456', doctor: KAVYA, stage: 'Committed' });
    await flushPromises();
    submit(element);
    await flushPromises();
    const fields = createRecordMock.mock.calls[0][0].fields;
    expect(fields).toMatchObject({
      Event__c: EVENT_ID,
      Category__c: 'Speaker Honorarium',
      Amount__c: 1000.46,
      Doctor__c: KAVYA,
      Payment_Form__c: 'Cash or cash equivalent',
    });
    expect(fields.Expense_Key__c).toMatch(new RegExp(`^${EVENT_ID}:`));
    expect(saved).toEqual([{ category: 'Speaker Honorarium', amount: 1000.46, stage: 'Committed' }]);
  });

  it('shows server errors under the fields and the rest in the form, and a lock in words', async () => {
    createRecordMock.mockRejectedValueOnce(saveFieldErrors).mockRejectedValueOnce(entityLockedError());
    const element = await form();
    const saved = emitted(element, 'saved');
    fill(element, { category: 'Venue', amount: '5' });
    const amount = trackValidity($(element, '[data-id="expense-amount"]')!);
    submit(element);
    await flushPromises();
    expect(amount.at(-1)).toBe('The amount must be greater than zero.');
    expect(texts(element, '.notice-message')).toEqual([
      'duplicate value found: Expense_Key__c',
      'The event is locked for close-out.',
    ]);
    submit(element);
    await flushPromises();
    expect(texts(element, '.notice-message')).toEqual([
      'This record is locked while its event is waiting for approval. Try again once the approval is decided.',
    ]);
    expect(saved).toHaveLength(0);
  });

  it('while locked, disables Save, says why and does not write', async () => {
    const element = await form({ locked: true });
    const save = $<Button>(element, '[data-id="expense-save"]')!;
    expect(save.disabled).toBe(true);
    const describedBy = save.getAttribute('aria-describedby');
    expect(texts(element, `[id="${describedBy}"]`)[0]).toMatch(/waiting for approval/);
    fill(element, { category: 'Venue', amount: '5' });
    submit(element);
    await flushPromises();
    expect(createRecordMock).not.toHaveBeenCalled();
    expect(texts(element, '.notice-message')[0]).toMatch(/waiting for approval/);
    expect(element.shadowRoot!.activeElement).toBe($(element, '[data-id="form-errors"]'));
  });

  it('emits cancel', async () => {
    const element = await form();
    const cancels = emitted(element, 'cancel');
    click($(element, '[data-id="expense-cancel"]'));
    expect(cancels).toHaveLength(1);
  });

  it('is accessible, fresh and with errors', async () => {
    const element = await form();
    await expect(element).toBeAccessible();
    submit(element);
    await flushPromises();
    await expect(element).toBeAccessible();
    const locked = await form({ locked: true });
    await expect(locked).toBeAccessible();
  });
});

import CmeExpenseLines from 'c/cmeExpenseLines';
import { deleteRecord, updateRecord } from 'lightning/uiRecordApi';
import {
  $,
  $$,
  cleanUpEachTest,
  click,
  collectToasts,
  flushPromises,
  mountRendered,
  text,
  texts,
} from '../../../../../test/lwcTest';
import { emitted } from '../../../../../test/events';

const VENUE = 'a04000000000001AAA';
const FOOD = 'a04000000000002AAA';
const updateRecordMock = updateRecord as unknown as jest.Mock;
const deleteRecordMock = deleteRecord as unknown as jest.Mock;

function line(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    category: 'Venue',
    categoryLabel: 'Venue',
    amount: 1500,
    amountDisplay: '₹1,500.00',
    stage: 'Committed',
    stageLabel: 'Committed',
    doctorId: null,
    doctorName: '',
    vendor: 'Taj',
    receipt: '',
    incurredOn: '2027-03-14',
    incurredOnDisplay: '',
    paymentForm: null,
    description: 'Hall A',
    ...overrides,
  };
}

const LINES = [
  line(VENUE),
  line(FOOD, {
    category: 'Food and Beverage',
    categoryLabel: 'Food and Beverage',
    stage: 'Estimated',
    stageLabel: 'Estimated',
    incurredOn: null,
    vendor: '',
    doctorId: '003000000000006AAA',
    doctorName: 'Dr Kavya Shah',
  }),
];
const STAGES = ['Estimated', 'Committed', 'Actual'].map((s) => ({ label: s, value: s }));

function table(props: Record<string, unknown> = {}): Promise<HTMLElement> {
  return mountRendered('c-cme-expense-lines', CmeExpenseLines, {
    lines: LINES,
    currency: 'INR',
    stageOptions: STAGES,
    canEdit: true,
    canDelete: true,
    locked: false,
    ...props,
  });
}

const row = (element: HTMLElement, id: string) => $(element, `tr[data-line-id="${id}"]`)!;
const inRow = (element: HTMLElement, id: string, dataId: string) =>
  row(element, id).querySelector(`[data-id="${dataId}"]`) as HTMLButtonElement;

describe('c-cme-expense-lines', () => {
  beforeEach(() => {
    updateRecordMock.mockReset().mockResolvedValue({});
    deleteRecordMock.mockReset().mockResolvedValue(undefined);
  });
  cleanUpEachTest();

  it('lists each line: category and description, amount, stage, who was paid, vendor, date', async () => {
    const element = await table();
    expect($$(element, '.expense-row')).toHaveLength(2);
    expect(text(row(element, VENUE).querySelector('.category'))).toBe('Venue');
    expect(text(row(element, VENUE).querySelector('.description'))).toBe('Hall A');
    expect(text(row(element, VENUE).querySelector('.cell-amount'))).toMatch(/1,500/);
    expect(text(row(element, VENUE).querySelector('.cell-paid-to'))).toBe('Shared');
    expect(text(row(element, FOOD).querySelector('.cell-paid-to'))).toBe('Dr Kavya Shah');
    expect(text(row(element, VENUE).querySelector('.cell-date'))).toBe('Mar 14, 2027');
    expect(row(element, FOOD).querySelector('.cell-vendor')!.className).toContain('is-empty');
    expect(inRow(element, VENUE, 'edit-stage').getAttribute('aria-label')).toMatch(/Venue/);
  });

  it('changes a stage after the write and emits it', async () => {
    const element = await table();
    const toasts = collectToasts(element);
    const changes = emitted(element, 'stagechange');
    click(inRow(element, VENUE, 'edit-stage'));
    await flushPromises();
    expect(($(element, '[data-id="stage-combobox"]') as HTMLElement & { value: string }).value).toBe('Actual');
    click($(element, '[data-id="save-stage"]'));
    await flushPromises();
    expect(updateRecordMock).toHaveBeenCalledWith({
      fields: { Id: VENUE, Stage__c: 'Actual', Incurred_On__c: '2027-03-14' },
    });
    expect(changes).toEqual([{ id: VENUE, stage: 'Actual', incurredOn: '2027-03-14' }]);
    expect(toasts[0]).toMatchObject({ variant: 'success' });
    expect($(element, '[data-id="stage-combobox"]')).toBeNull();
  });

  it('insists on a date for Actual and keeps the line on Cancel', async () => {
    const element = await table();
    click(inRow(element, FOOD, 'edit-stage'));
    await flushPromises();
    const stage = $(element, '[data-id="stage-combobox"]')!;
    stage.dispatchEvent(new CustomEvent('change', { detail: { value: 'Actual' } }));
    $(element, '[data-id="stage-date"]')!.dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
    await flushPromises();
    click($(element, '[data-id="save-stage"]'));
    await flushPromises();
    expect(updateRecordMock).not.toHaveBeenCalled();
    click($(element, '[data-id="cancel-stage"]'));
    await flushPromises();
    expect($(element, '[data-id="stage-combobox"]')).toBeNull();
  });

  it('deletes a line after confirmation and emits it; a refused delete keeps it', async () => {
    deleteRecordMock.mockRejectedValueOnce({ body: { message: 'Nope' }, status: 400 });
    const element = await table();
    const toasts = collectToasts(element);
    const deletes = emitted(element, 'linedelete');
    click(inRow(element, FOOD, 'delete-line'));
    await flushPromises();
    expect(texts(element, '.confirm-text')[0]).toMatch(/Food and Beverage/);
    click($(element, '[data-id="confirm-delete"]'));
    await flushPromises();
    expect(deletes).toHaveLength(0);
    expect(toasts[0]).toMatchObject({ variant: 'error' });
    click($(element, '[data-id="confirm-delete"]'));
    await flushPromises();
    expect(deleteRecordMock).toHaveBeenLastCalledWith(FOOD);
    expect(deletes).toEqual([{ id: FOOD }]);
    click(inRow(element, VENUE, 'delete-line'));
    await flushPromises();
    click($(element, '[data-id="keep-line"]'));
    await flushPromises();
    expect($(element, '[data-id="confirm-delete"]')).toBeNull();
  });

  it('offers only what the user may do, and while locked disables it saying why', async () => {
    const readOnly = await table({ canEdit: false, canDelete: false });
    expect($(readOnly, '[data-id="edit-stage"]')).toBeNull();
    expect($(readOnly, '[data-id="delete-line"]')).toBeNull();
    const locked = await table({ locked: true });
    const actions = $$<HTMLButtonElement>(locked, '[data-id="edit-stage"], [data-id="delete-line"]');
    expect(actions).toHaveLength(4);
    for (const action of actions) {
      expect(action.disabled).toBe(true);
      expect(texts(locked, `[id="${action.getAttribute('aria-describedby')}"]`)[0]).toMatch(/waiting for approval/);
    }
    click(actions[0]);
    await flushPromises();
    expect($(locked, '[data-id="stage-combobox"]')).toBeNull();
  });

  it('is accessible, with the stage editor and a delete confirmation open', async () => {
    const element = await table();
    await expect(element).toBeAccessible();
    click(inRow(element, VENUE, 'edit-stage'));
    click(inRow(element, FOOD, 'delete-line'));
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});

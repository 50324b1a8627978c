import { updateRecord } from 'lightning/uiRecordApi';
import CmeAttendanceDetails from '../cmeAttendanceDetails';
import type { AttendanceChangeDetail, AttendanceFields } from '../cmeAttendanceDetails';
import { entityLockedError } from '../../../../../test/ldsErrors';
import {
  $ as find,
  change,
  cleanUpEachTest,
  collectToasts,
  flushPromises as flush,
  mount as mountComponent,
  toastLike,
} from '../../../../../test/lwcTest';
import { emitted } from '../../../../../test/events';

type DetailsElement = HTMLElement & {
  attendance?: AttendanceFields;
  name: string;
  showMinutes: boolean;
  readOnly: boolean;
};
type Input = HTMLElement & { checked: boolean; disabled: boolean; value: string };

const updateRecordMock = updateRecord as unknown as jest.Mock;

const ATTENDANCE: AttendanceFields = {
  id: 'a03000000000003AAA',
  mode: 'In-Person',
  method: 'E-Signature',
  mealOptOut: false,
  minutes: null,
};

const $ = <T extends HTMLElement = Input>(el: HTMLElement, selector: string) => find<T>(el, selector);

function mount(props: Partial<DetailsElement> = {}): DetailsElement {
  return mountComponent<DetailsElement>('c-cme-attendance-details', CmeAttendanceDetails, {
    attendance: ATTENDANCE,
    name: 'Dr Priya Desai',
    ...props,
  });
}

function listen(element: HTMLElement) {
  return { changes: emitted<AttendanceChangeDetail>(element, 'attendancechange'), toasts: collectToasts(element) };
}

function tick(element: HTMLElement, checked: boolean) {
  change($(element, '[data-id="meal-opt-out"]'), { checked });
}

function typeMinutes(element: HTMLElement, value: string) {
  change($(element, '[data-id="minutes"]'), { value });
}

beforeEach(() => {
  updateRecordMock.mockReset();
  updateRecordMock.mockResolvedValue({});
});

cleanUpEachTest();

describe('c-cme-attendance-details', () => {
  it('shows the meal opt-out, and the minutes only for virtual and hybrid events', async () => {
    const element = mount({ attendance: { ...ATTENDANCE, mealOptOut: true } });
    await flush();
    const meal = $(element, '[data-id="meal-opt-out"]')!;
    expect(meal.checked).toBe(true);
    expect(meal.disabled).toBe(false);
    expect($(element, '[data-id="minutes"]')).toBeNull();
    await expect(element).toBeAccessible();

    element.showMinutes = true;
    element.attendance = { ...ATTENDANCE, minutes: 45 };
    await flush();
    expect($(element, '[data-id="minutes"]')!.value).toBe('45');
    expect($(element, '[data-id="save-minutes"]')!.textContent!.trim()).toBe('Save minutes');
    await expect(element).toBeAccessible();
  });

  it('is read-only when the event takes no attendance changes', async () => {
    const element = mount({ showMinutes: true, readOnly: true });
    await flush();
    expect($(element, '[data-id="meal-opt-out"]')!.disabled).toBe(true);
    expect($(element, '[data-id="minutes"]')!.disabled).toBe(true);
    expect(($(element, '[data-id="save-minutes"]') as unknown as HTMLButtonElement).disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('saves the meal opt-out at once and emits the change with its sentence', async () => {
    const element = mount();
    const { changes, toasts } = listen(element);
    await flush();
    tick(element, true);
    // Disabled while saving.
    await Promise.resolve();
    expect($(element, '[data-id="meal-opt-out"]')!.disabled).toBe(true);
    await flush();
    expect(updateRecordMock).toHaveBeenCalledWith({ fields: { Id: ATTENDANCE.id, Meal_Opt_Out__c: true } });
    expect(changes).toEqual([
      { attendanceId: ATTENDANCE.id, change: { mealOptOut: true }, message: 'Dr Priya Desai declined the meal.' },
    ]);
    expect(toasts).toEqual([toastLike('success', 'Attendance updated', 'Dr Priya Desai declined the meal.')]);
    expect($(element, '[data-id="meal-opt-out"]')!.disabled).toBe(false);
    tick(element, false);
    await flush();
    expect(changes[1].message).toBe('Dr Priya Desai takes the meal.');
  });

  it('puts the box back and explains ENTITY_IS_LOCKED when the save is refused', async () => {
    updateRecordMock.mockRejectedValueOnce(entityLockedError());
    const element = mount({ attendance: { ...ATTENDANCE, mealOptOut: true } });
    const { changes, toasts } = listen(element);
    await flush();
    const meal = $(element, '[data-id="meal-opt-out"]')!;
    meal.checked = false;
    tick(element, false);
    await flush();
    expect(meal.checked).toBe(true);
    expect(changes).toHaveLength(0);
    expect(toasts).toEqual([
      toastLike(
        'error',
        'The attendance could not be updated',
        'This record is locked while its event is waiting for approval. Try again once the approval is decided.',
      ),
    ]);
  });

  it('checks the minutes, then saves them; a virtual attendee’s log becomes the sign-in evidence', async () => {
    const element = mount({ showMinutes: true, attendance: { ...ATTENDANCE, mode: 'Virtual', method: null } });
    const { changes } = listen(element);
    await flush();
    const minutes = $(element, '[data-id="minutes"]')!;
    const messages: string[] = [];
    Object.defineProperty(minutes, 'setCustomValidity', { value: (m: string) => messages.push(m), configurable: true });
    for (const bad of ['', '12.5', '-1', '100000']) {
      typeMinutes(element, bad);
      // Checked before anything is saved (synchronously).
      ($(element, '[data-id="save-minutes"]') as unknown as HTMLButtonElement).click();
      expect(messages.at(-1)).toBe('Enter a whole number of minutes, 0 or more.');
    }
    expect(updateRecordMock).not.toHaveBeenCalled();
    typeMinutes(element, '95');
    ($(element, '[data-id="save-minutes"]') as unknown as HTMLButtonElement).click();
    await flush();
    expect(messages.at(-1)).toBe('');
    expect(updateRecordMock).toHaveBeenCalledWith({
      fields: { Id: ATTENDANCE.id, Minutes_Attended__c: 95, Sign_In_Method__c: 'Virtual Log' },
    });
    expect(changes).toEqual([
      {
        attendanceId: ATTENDANCE.id,
        change: { minutes: 95, method: 'Virtual Log' },
        message: '95 minutes saved for Dr Priya Desai.',
      },
    ]);
  });

  it('keeps an in-person attendee’s sign-in method and keeps the typed minutes when the save fails', async () => {
    updateRecordMock.mockRejectedValueOnce({ body: { message: 'Minutes attended cannot be negative.' } });
    const element = mount({ showMinutes: true, attendance: { ...ATTENDANCE, minutes: 30 } });
    const { changes, toasts } = listen(element);
    await flush();
    typeMinutes(element, '60');
    ($(element, '[data-id="save-minutes"]') as unknown as HTMLButtonElement).click();
    await flush();
    expect(updateRecordMock).toHaveBeenCalledWith({ fields: { Id: ATTENDANCE.id, Minutes_Attended__c: 60 } });
    expect(toasts[0]).toMatchObject({ variant: 'error', message: 'Minutes attended cannot be negative.' });
    expect(changes).toHaveLength(0);
    expect($(element, '[data-id="minutes"]')!.value).toBe('60');
  });

  it('does nothing without an attendance', async () => {
    const element = mount({ attendance: undefined, showMinutes: true });
    await flush();
    tick(element, true);
    ($(element, '[data-id="save-minutes"]') as unknown as HTMLButtonElement).click();
    await flush();
    expect(updateRecordMock).not.toHaveBeenCalled();
    expect($(element, '[data-id="meal-opt-out"]')!.checked).toBe(false);
  });
});

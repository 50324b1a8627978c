import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import CmeWalkInForm from '../cmeWalkInForm';
import type { WalkInDetail, WalkInErrorDetail } from '../cmeWalkInForm';
import { EMPTY_WALK_IN, pickExistingContact, walkInProblems } from '../walkIn';
import type { WalkInDraft } from '../walkIn';
// The check-in screen's fixtures: the same Contacts and picklist the screen's tests use.
import contactFound from '../../cmeCheckIn/__tests__/data/contactFound.json';
import contactNone from '../../cmeCheckIn/__tests__/data/contactNone.json';
import contactInfo from '../../cmeCheckIn/__tests__/data/contactInfo.json';
import specialtyValues from '../../cmeCheckIn/__tests__/data/specialtyValues.json';
import {
  cleanUpEachTest,
  emitGraphql,
  flushPromises,
  gqlDocuments,
  graphqlWire,
  ldsWire,
  mountRendered,
} from '../../../../../test/lwcTest';
import type { WireConfig as Config } from '../../../../../test/lwcTest';
import { emitted } from '../../../../../test/events';
import { NEW_DOCTOR, fillWalkIn, submitAndOutwaitLookup, submitWalkIn } from './walkInFormDriver';

const objectInfoAdapter = ldsWire(getObjectInfo);
const picklistAdapter = ldsWire(getPicklistValues);
const createRecordMock = createRecord as unknown as jest.Mock;
const isLookup = (config: Config) => !!config.variables;
/** The lookup documents with the fragments they interpolate, read before any test clears the mocks. */
const QUERIES = gqlDocuments();

type FormElement = HTMLElement & { prefill?: Partial<WalkInDraft>; saving: boolean };
type Field = HTMLElement & { value: string; options?: unknown[] };

const $ = <T extends HTMLElement = Field>(el: HTMLElement, selector: string) =>
  el.shadowRoot!.querySelector(selector) as T | null;

/** Three macrotasks by default: a write, what it awaits and the re-render settle. */
const flush = (times = 3) => flushPromises(times);

function mount(props: Partial<FormElement> = {}): Promise<FormElement> {
  return mountRendered<FormElement>('c-cme-walk-in-form', CmeWalkInForm, props);
}

/** The walk-ins, errors and cancels the form emits from now on. */
function listen(element: HTMLElement) {
  const cancels: Event[] = [];
  element.addEventListener('cancel', (e) => cancels.push(e));
  return {
    walkIns: emitted<WalkInDetail>(element, 'walkin'),
    errors: emitted<WalkInErrorDetail>(element, 'walkinerror'),
    cancels,
  };
}

beforeEach(() => {
  createRecordMock.mockReset();
  createRecordMock.mockResolvedValue({ id: '003000000000010AAA' });
});

cleanUpEachTest();

describe('c-cme-walk-in-form', () => {
  it('shows the labelled fields, focused on the first name, with the names it was opened with', async () => {
    const focus = jest.spyOn(HTMLElement.prototype, 'focus');
    const element = await mount({ prefill: { firstName: 'Anil Kumar', lastName: 'Kapoor' } });
    expect($(element, 'h3')!.textContent).toBe('Walk-in registration');
    expect($(element, '[data-id="walk-in-first-name"]')!.value).toBe('Anil Kumar');
    expect($(element, '[data-id="walk-in-last-name"]')!.value).toBe('Kapoor');
    expect($(element, '[data-id="walk-in-city"]')!.value).toBe('');
    expect(focus.mock.contexts[0]).toBe($(element, '[data-id="walk-in-first-name"]'));
    expect($(element, '.walk-in-saving')).toBeNull();
    await expect(element).toBeAccessible();
    focus.mockRestore();
  });

  it('offers the Contact specialty picklist', async () => {
    const element = await mount();
    objectInfoAdapter.emit(contactInfo);
    picklistAdapter.emit(specialtyValues);
    await flush(1);
    expect($(element, '[data-id="walk-in-specialty"]')!.options).toEqual([
      { label: 'Cardiology', value: 'Cardiology' },
      { label: 'Dermatology', value: 'Dermatology' },
    ]);
  });

  it('asks for the Email as @optional in all three lookups', () => {
    const lookups = QUERIES.filter((q) => q.includes('query CmeWalkIn'));
    expect(lookups).toHaveLength(3);
    for (const lookup of lookups) expect(lookup).toMatch(/Email @optional \{/);
  });

  it('reports missing names and a malformed email on the fields, and emits nothing', async () => {
    const element = await mount();
    const { walkIns, errors } = listen(element);
    const messages: Record<string, string[]> = {};
    for (const field of ['first-name', 'last-name', 'email']) {
      const input = $(element, `[data-id="walk-in-${field}"]`)!;
      messages[field] = [];
      Object.defineProperty(input, 'setCustomValidity', {
        value: (m: string) => messages[field].push(m),
        configurable: true,
      });
    }
    fillWalkIn(element, { 'last-name': 'Verma', email: 'not-an-email' });
    submitWalkIn(element);
    await flush();
    expect(messages['first-name'].at(-1)).toBe('Complete this field.');
    expect(messages['last-name'].at(-1)).toBe('');
    expect(messages.email.at(-1)).toBe('Enter a valid email address, like name@example.com.');
    expect(walkIns).toHaveLength(0);
    expect(errors).toHaveLength(0);
    expect(createRecordMock).not.toHaveBeenCalled();
  });

  it('emits the existing Contact found by registration number and email', async () => {
    const element = await mount();
    const { walkIns } = listen(element);
    fillWalkIn(element, { 'first-name': 'Anil', 'last-name': 'Kapoor', registration: 'MMC-9009', email: 'a@b.co' });
    submitWalkIn(element);
    await flush(1);
    expect($(element, '.walk-in-saving')!.textContent).toBe('Looking for the doctor and checking in…');
    expect(($(element, '[data-id="walk-in-submit"]') as unknown as HTMLButtonElement).disabled).toBe(true);
    const asked = emitGraphql(contactFound, isLookup);
    await flush();
    expect(asked).toEqual([{ registration: 'MMC-9009', email: 'a@b.co' }]);
    expect(createRecordMock).not.toHaveBeenCalled();
    expect(walkIns).toEqual([
      {
        doctorId: '003000000000009AAA',
        doctor: expect.objectContaining({ Id: '003000000000009AAA', Name: { value: 'Anil Kapoor' } }),
        name: 'Anil Kapoor',
        draftName: 'Anil Kapoor',
        created: false,
      },
    ]);
    expect($(element, '.walk-in-saving')).toBeNull();
  });

  it('creates the Contact when nobody matches, and reuses it when the check-in is tried again', async () => {
    const element = await mount();
    objectInfoAdapter.emit(contactInfo);
    picklistAdapter.emit(specialtyValues);
    const { walkIns } = listen(element);
    fillWalkIn(element, NEW_DOCTOR);
    submitWalkIn(element);
    await flush();
    graphqlWire.emit(contactNone, isLookup);
    await flush();
    expect(createRecordMock).toHaveBeenCalledWith({
      apiName: 'Contact',
      fields: {
        FirstName: 'Sunita',
        LastName: 'Verma',
        CME_Specialty__c: 'Dermatology',
        MailingCity: 'Nagpur',
        CME_Registration_Number__c: 'MMC-7777',
        Email: 'sunita@example.com',
      },
    });
    expect(walkIns[0]).toMatchObject({ doctorId: '003000000000010AAA', name: 'Sunita Verma', created: true });
    expect(walkIns[0].doctor).toMatchObject({
      CME_Specialty__c: { value: 'Dermatology', displayValue: 'Dermatology' },
      MailingCity: { value: 'Nagpur' },
    });
    // The parent's check-in failed; the rep submits again: the cached lookup and the Contact are reused.
    submitWalkIn(element);
    await flush();
    expect(createRecordMock).toHaveBeenCalledTimes(1);
    expect(walkIns[1]).toMatchObject({ doctorId: '003000000000010AAA', created: true });
  });

  it('creates a Contact whose blank registration number is null, beside the e-mail given', async () => {
    const element = await mount();
    objectInfoAdapter.emit(contactInfo);
    picklistAdapter.emit(specialtyValues);
    fillWalkIn(element, { ...NEW_DOCTOR, registration: '' });
    submitWalkIn(element);
    await flush();
    graphqlWire.emit(contactNone, isLookup);
    await flush();
    expect(createRecordMock).toHaveBeenCalledWith({
      apiName: 'Contact',
      fields: expect.objectContaining({ CME_Registration_Number__c: null, Email: 'sunita@example.com' }),
    });
  });

  it('emits the failure when the lookup or the Contact creation fails', async () => {
    const element = await mount();
    const { walkIns, errors } = listen(element);
    fillWalkIn(element, { 'first-name': 'Anil', 'last-name': 'Kapoor', registration: 'MMC-9009' });
    submitWalkIn(element);
    await flush();
    graphqlWire.emitErrors([{ message: 'Contact is not accessible' }], isLookup);
    await flush();
    expect(errors).toEqual([{ error: [{ message: 'Contact is not accessible' }], draftName: 'Anil Kapoor' }]);

    createRecordMock.mockRejectedValueOnce({ body: { message: 'Request timed out' } });
    fillWalkIn(element, { registration: '' });
    submitWalkIn(element);
    await flush();
    expect(errors[1]).toEqual({ error: { body: { message: 'Request timed out' } }, draftName: 'Anil Kapoor' });
    expect(walkIns).toHaveLength(0);
  });

  it('gives up on a lookup that never answers, and ignores a late answer', async () => {
    const element = await mount();
    const { walkIns, errors } = listen(element);
    fillWalkIn(element, { 'first-name': 'Anil', 'last-name': 'Kapoor', email: 'anil@example.com' });
    await submitAndOutwaitLookup(element);
    await flush();
    expect((errors[0].error as Error).message).toBe(
      'Looking for the doctor took too long. Check the connection and try again.',
    );
    graphqlWire.emit(contactFound, isLookup);
    await flush();
    expect(walkIns).toHaveLength(0);
  });

  it('waits while the check-in screen saves, and emits cancel', async () => {
    const element = await mount({ saving: true });
    const { walkIns, cancels } = listen(element);
    expect(($(element, '[data-id="walk-in-submit"]') as unknown as HTMLButtonElement).disabled).toBe(true);
    expect($(element, '.walk-in-saving')).not.toBeNull();
    fillWalkIn(element, { 'first-name': 'Lata', 'last-name': 'Bose' });
    submitWalkIn(element);
    await flush();
    expect(walkIns).toHaveLength(0);
    await expect(element).toBeAccessible();
    ($(element, '[data-id="walk-in-cancel"]') as unknown as HTMLButtonElement).click();
    expect(cancels).toHaveLength(1);
  });
});

describe('cmeWalkInForm/walkIn', () => {
  it('checks walk-in drafts', () => {
    const draft = { ...EMPTY_WALK_IN, firstName: 'A', lastName: 'B' };
    expect(walkInProblems(draft)).toEqual([]);
    expect(walkInProblems({ ...draft, firstName: ' ', lastName: '', email: 'x@y' })).toEqual([
      'firstName',
      'lastName',
      'email',
    ]);
    expect(walkInProblems({ ...draft, email: 'a@b.co' })).toEqual([]);
  });

  it('prefers the registration number over the email when matching a walk-in', () => {
    const byReg = { Id: '1', CME_Registration_Number__c: 'MMC-1', Email: 'other@example.com' };
    const byEmail = { Id: '2', CME_Registration_Number__c: null, Email: 'A@Example.com' };
    expect(pickExistingContact([byEmail, byReg], 'mmc-1', 'a@example.com')).toBe(byReg);
    expect(pickExistingContact([byEmail, byReg], 'MMC-2', 'a@example.com')).toBe(byEmail);
    expect(pickExistingContact([byEmail, byReg], 'MMC-2', '')).toBeUndefined();
    expect(pickExistingContact([byEmail], '', '')).toBeUndefined();
  });
});

import { createHash, webcrypto } from 'node:crypto';
import { TextEncoder as NodeTextEncoder } from 'node:util';
import CmeCheckIn from 'c/cmeCheckIn';
import {
  attendanceKey,
  buildRoster,
  canRecordAttendance,
  checkInAvailability,
  checkInMethod,
  countRoster,
  defaultMode,
  filterRoster,
  formatClock,
  isDuplicateError,
  sha256Hex,
  splitName,
} from '../checkInLogic';
import { normalise } from 'c/cmeUi';
import { SIGNATURE_MAX_LENGTH } from '../../cmeSignaturePad/signature';
import { createRecord, getRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { entityLockedError } from '../../../../../test/ldsErrors';
import {
  $,
  $$,
  cleanUpEachTest,
  collectToasts,
  emitGraphql,
  flushPromises,
  gqlDocuments,
  graphqlWire,
  ldsWire,
  mount as mountComponent,
  recordInputs,
  stateErrorPanel,
  stateErrors,
  stateSpinner,
  texts,
  toastLike,
  trackValidity,
} from '../../../../../test/lwcTest';
import type { WireConfig } from '../../../../../test/lwcTest';
import { SIGNATURE_URL, canvasContext, stubCanvas } from '../../../../../test/canvas';
import { pointer, pressSign, typeSignedName } from '../../cmeSignaturePad/__tests__/signaturePadDriver';
import {
  NEW_DOCTOR,
  fillWalkIn,
  submitAndOutwaitLookup,
  submitWalkIn,
} from '../../cmeWalkInForm/__tests__/walkInFormDriver';

import rosterData from './data/roster.json';
import rosterEmpty from './data/rosterEmpty.json';
import eventApproved from './data/eventApproved.json';
import eventError from './data/eventError.json';
import contactFound from './data/contactFound.json';
import contactInvited from './data/contactInvited.json';
import contactNone from './data/contactNone.json';
import duplicateError from './data/duplicateError.json';
import validationError from './data/validationError.json';
import attendanceInfoReadOnlyHash from './data/attendanceInfoReadOnlyHash.json';
import contactInfo from './data/contactInfo.json';
import specialtyValues from './data/specialtyValues.json';

type Config = WireConfig;
const getRecordAdapter = ldsWire(getRecord);
const objectInfoAdapter = ldsWire(getObjectInfo);
const picklistAdapter = ldsWire(getPicklistValues);
const createRecordMock = createRecord as unknown as jest.Mock;
const updateRecordMock = updateRecord as unknown as jest.Mock;
/** The roster wire's `refresh`, which lightning/graphql puts on each result it emits. */
const refreshMock = jest.fn((): Promise<void> => Promise.resolve());
const notifyMock = notifyRecordUpdateAvailable as unknown as jest.Mock;

/**
 * The query texts the component tagged with gql (the official stub's gql is a jest.fn), with the
 * c/cmeQueries fragments they interpolate, read before any test clears the mocks.
 */
const QUERIES = gqlDocuments();

/** A copy of a GraphQL answer without one field on every node that has it (as @optional leaves it out). */
function without(data: unknown, field: string): unknown {
  return JSON.parse(JSON.stringify(data), (_name, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && field in value) {
      const rest = { ...value };
      delete rest[field];
      return rest;
    }
    return value;
  });
}

const EVENT_ID = 'a01000000000001AAA';
const isRoster = (config: Config) => config.variables?.eventId === EVENT_ID;
const isLookup = (config: Config) => !!config.variables && !('eventId' in config.variables);
const isObject = (name: string) => (config: Config) =>
  (config.objectApiName as { objectApiName?: string } | undefined)?.objectApiName === name;

type CheckInElement = HTMLElement & { recordId?: string; signInMethod?: string };

/** The check-in screen's children: `$(scope, PAD, selector)` queries inside the child's shadow root. */
const PAD = 'c-cme-signature-pad';
const DETAILS = 'c-cme-attendance-details';
const WALK_IN = 'c-cme-walk-in-form';

/** Three macrotasks by default: a write, what it awaits and the re-render settle. */
const flush = (times = 3) => flushPromises(times);

/** Flushes until `check` holds (Web Crypto answers on its own schedule). */
async function until(check: () => boolean, tries = 50): Promise<void> {
  if (check() || tries <= 0) return;
  await flush(1);
  await until(check, tries - 1);
}

function eventWith(fields: Record<string, string | null>) {
  const copy = JSON.parse(JSON.stringify(eventApproved));
  for (const [name, value] of Object.entries(fields)) copy.fields[name] = { value, displayValue: value };
  return copy;
}

function mount(props: Partial<CheckInElement> = {}): CheckInElement {
  return mountComponent<CheckInElement>('c-cme-check-in', CmeCheckIn, { recordId: EVENT_ID, ...props });
}

async function ready(
  props: Partial<CheckInElement> = {},
  {
    event = eventApproved as unknown,
    roster = rosterData as unknown,
    /** null: the roster result carries no refresh. */
    refresh = refreshMock as (() => Promise<void>) | null,
  } = {},
): Promise<CheckInElement> {
  const element = mount(props);
  // Wire configs reach the adapters a tick after connecting.
  await flush(1);
  getRecordAdapter.emit(event);
  graphqlWire.emit(roster, isRoster, refresh ?? undefined);
  await flush();
  return element;
}

function type(input: HTMLElement, value: string) {
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function key(target: HTMLElement, name: string) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true }));
}

/** Types into the roster search and lets the list filter; the search box, for the keys that follow. */
async function searchFor(element: HTMLElement, query: string): Promise<HTMLElement> {
  const search = $(element, '[data-id="search"]')!;
  type(search, query);
  await flush(1);
  return search;
}

function rowOf(element: HTMLElement, doctorId: string): HTMLElement {
  return $(element, `li[data-key="${doctorId}"]`)!;
}

/** Presses the row's check-in button and lets the write and what follows it settle. */
async function checkIn(element: HTMLElement, doctorId: string): Promise<void> {
  ($(element, `li[data-key="${doctorId}"] [data-id="check-in"]`) as HTMLButtonElement).click();
  await flush();
}

const ASHA = '003000000000001AAA';
const VIKRAM = '003000000000002AAA';
const JOSE = '003000000000003AAA';
const MEERA = '003000000000004AAA';
const RAHUL = '003000000000005AAA';
const KAVYA = '003000000000006AAA';
const PRIYA = '003000000000007AAA';

beforeAll(() => {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
  if (!globalThis.TextEncoder) (globalThis as { TextEncoder?: unknown }).TextEncoder = NodeTextEncoder;
});

beforeEach(() => {
  stubCanvas();
  createRecordMock.mockReset();
  updateRecordMock.mockReset();
  createRecordMock.mockResolvedValue({ id: 'a03000000000099AAA' });
  updateRecordMock.mockResolvedValue({});
});

cleanUpEachTest({ restoreSpies: true });

describe('c-cme-check-in: states', () => {
  it('shows a spinner while the event and its guest list load', async () => {
    const element = mount();
    await flush();
    const spinner = stateSpinner(element)!;
    expect(spinner.alternativeText).toBe('Loading the guest list');
    // The event alone is not enough: the list is still loading.
    getRecordAdapter.emit(eventApproved);
    await flush();
    expect(stateSpinner(element)).not.toBeNull();
    expect($(element, '.roster')).toBeNull();
  });

  it('asks for the event and for its invitations and attendance by event id', async () => {
    mount();
    await flush();
    expect(getRecordAdapter.getLastConfig().recordId).toBe(EVENT_ID);
    const fields = (getRecordAdapter.getLastConfig().fields as { fieldApiName: string }[]).map((f) => f.fieldApiName);
    expect(fields).toEqual(expect.arrayContaining(['Status__c', 'Format__c', 'Time_Zone__c']));
    const roster = jest.fn();
    graphqlWire.emit(rosterEmpty, (config) => {
      if (isRoster(config)) roster(config.variables);
      return false;
    });
    expect(roster).toHaveBeenCalledWith({ eventId: EVENT_ID });
  });

  it('lists invitees and walk-ins by last name with their check-in state and the counts', async () => {
    const element = await ready();
    expect(stateSpinner(element)).toBeNull();
    expect(texts(element, '.row-name')).toEqual([
      'Dr Priya Desai',
      'Dr José Fernandes',
      'Dr Meera Iyer',
      'Dr Vikram Mehta',
      'Dr Rahul Nair',
      'Dr Asha Rao',
      'Dr Kavya Shah',
    ]);
    expect($(element, '[data-id="counts"]')!.textContent!.trim()).toBe(
      '1 of 4 accepted checked in · 1 walk-in · 1 other invitee',
    );
    const asha = rowOf(element, ASHA);
    expect(asha.querySelector('.row-checked-in')!.textContent).toBe('Checked in at 09:12');
    expect(asha.querySelector('.row-evidence')!.textContent).toBe('Signed at 09:13 · No meal');
    expect(asha.querySelector('.row-meta')!.textContent).toBe('Cardiology · Mumbai · Reg. MMC-1001');
    expect(asha.querySelector('[data-id="check-in"]')).toBeNull();
    expect(asha.querySelector('[data-id="details"]')).not.toBeNull();

    const priya = rowOf(element, PRIYA);
    expect(priya.querySelector('.slds-badge')!.textContent).toBe('Walk-in');
    expect(priya.querySelector('.row-evidence')!.textContent).toBe('Signature needed');
    expect(rowOf(element, MEERA).querySelector('.row-evidence')!.textContent).toBe('Paper Sheet');

    const vikram = rowOf(element, VIKRAM);
    expect(vikram.querySelector('.row-checked-in')!.textContent).toBe('Not checked in');
    const button = vikram.querySelector('[data-id="check-in"]')!;
    expect(button.getAttribute('aria-label')).toBe('Check in Dr Vikram Mehta');
    expect(rowOf(element, KAVYA).querySelector('.row-role')!.textContent).toBe('Speaker');
    expect(rowOf(element, KAVYA).querySelector('.slds-badge')!.className).toContain('slds-theme_success');
    expect(rowOf(element, RAHUL).querySelector('.slds-badge')!.textContent).toBe('Declined');
    expect($(element, '[data-id="availability"]')).toBeNull();
  });

  it('shows what to do when nobody is invited yet, and still offers walk-ins', async () => {
    const element = await ready({}, { roster: rosterEmpty });
    expect($(element, '[data-id="empty"]')!.textContent!.trim()).toBe(
      'No invitations for this event yet. Doctors who come anyway can be registered as walk-ins below.',
    );
    expect($(element, '.roster')).toBeNull();
    expect($(element, '[data-id="counts"]')!.textContent!.trim()).toBe('0 of 0 accepted checked in · 0 walk-ins');
    expect($(element, '[data-id="walk-in-toggle"]')).not.toBeNull();
  });

  it('shows the query errors in an alert panel', async () => {
    const element = mount();
    await flush(1);
    getRecordAdapter.emit(eventApproved);
    graphqlWire.emitErrors([{ message: 'No such column Walk_In__c on CME_Attendance__c' }], isRoster);
    await flush();
    const panel = stateErrorPanel(element)!;
    expect(panel.getAttribute('role')).toBe('alert');
    expect(stateErrors(element)).toEqual(['No such column Walk_In__c on CME_Attendance__c']);
    expect($(element, '.roster')).toBeNull();
    expect(stateSpinner(element)).toBeNull();
  });

  it('shows the event read error and recovers when data arrives', async () => {
    const element = mount();
    getRecordAdapter.error(eventError.body, eventError.status, 'Not Found');
    await flush();
    expect(stateErrors(element)).toEqual(['The requested resource does not exist']);
    getRecordAdapter.emit(eventApproved);
    await flush(1);
    graphqlWire.emit(rosterData, isRoster);
    await flush();
    expect(stateErrorPanel(element)).toBeNull();
    expect($$(element, '.roster-row')).toHaveLength(7);
  });

  it('is accessible while loading, with data, empty, in error and with the forms open', async () => {
    const loading = mount();
    await flush();
    await expect(loading).toBeAccessible();
    document.body.removeChild(loading);

    const element = await ready();
    await expect(element).toBeAccessible();
    ($(element, `li[data-key="${PRIYA}"] [data-id="details"]`) as HTMLButtonElement).click();
    ($(element, '[data-id="walk-in-toggle"]') as HTMLButtonElement).click();
    await flush();
    expect($(element, PAD, '[data-id="signature-pad"]')).not.toBeNull();
    expect($(element, WALK_IN, '[data-id="walk-in-form"]')).not.toBeNull();
    await expect(element).toBeAccessible();

    graphqlWire.emit(rosterEmpty, isRoster);
    await flush();
    await expect(element).toBeAccessible();

    graphqlWire.emitErrors([{ message: 'Boom' }], isRoster);
    await flush();
    await expect(element).toBeAccessible();
  });
});

describe('c-cme-check-in: Contact fields a profile may hide', () => {
  it('asks for the doctor’s city and email as @optional, so a hidden one does not fail the query', () => {
    const roster = QUERIES.find((q) => q.includes('query CmeCheckInRoster'))!;
    // Both the invitation's and the attendance's doctor are the DoctorCard, whose city is @optional.
    expect(roster.match(/Doctor__r \{\s*\.\.\.DoctorCard\s*\}/g)).toHaveLength(2);
    const card = roster.split(/(?=fragment )/).find((part) => part.startsWith('fragment DoctorCard on Contact'));
    expect(card).toMatch(/MailingCity @optional \{/);
    expect(roster).not.toMatch(/MailingCity \{/);
    const lookups = QUERIES.filter((q) => q.includes('query CmeWalkIn'));
    expect(lookups).toHaveLength(3);
    for (const lookup of lookups) {
      expect(lookup).toMatch(/Email @optional \{/);
      expect(lookup).not.toMatch(/Email \{/);
    }
  });

  it('lists doctors without a city when the city is left out', async () => {
    const element = await ready({}, { roster: without(rosterData, 'MailingCity') });
    expect(rowOf(element, ASHA).querySelector('.row-meta')!.textContent).toBe('Cardiology · Reg. MMC-1001');
    expect($$(element, '.row-name')).toHaveLength(7);
    await expect(element).toBeAccessible();
  });
});

describe('c-cme-check-in: finding an invitee', () => {
  it('filters in memory as the rep types, ignoring accents and case', async () => {
    const element = await ready();
    const search = await searchFor(element, 'jose');
    expect(texts(element, '.row-name')).toEqual(['Dr José Fernandes']);
    expect($(element, '.result-count')!.textContent).toBe('1 match');

    type(search, 'MUMBAI');
    await flush(1);
    expect(texts(element, '.row-name')).toEqual(['Dr Asha Rao', 'Dr Kavya Shah']);
    expect($(element, '.result-count')!.textContent).toBe('2 matches');

    type(search, 'mmc-1002');
    await flush(1);
    expect(texts(element, '.row-name')).toEqual(['Dr Vikram Mehta']);

    type(search, 'oncology kochi');
    await flush(1);
    expect(texts(element, '.row-name')).toEqual(['Dr Rahul Nair']);

    type(search, 'Zed Unknown');
    await flush(1);
    expect($$(element, '.roster-row')).toHaveLength(0);
    expect($(element, '.result-count')!.textContent).toBe(
      'Nobody on the list matches “Zed Unknown”. Press Enter to register the doctor as a walk-in.',
    );
  });

  it('checks in the single match when Enter is pressed in the search box', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    const search = await searchFor(element, 'vikram');
    key(search, 'Enter');
    await flush();

    expect(recordInputs(createRecordMock)).toEqual([
      {
        apiName: 'CME_Attendance__c',
        fields: {
          Event__c: EVENT_ID,
          Invitation__c: 'a02000000000002AAA',
          Doctor__c: VIKRAM,
          Mode__c: 'In-Person',
          Checked_In_At__c: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          Sign_In_Method__c: 'E-Signature',
          Attendance_Key__c: `${EVENT_ID}:${VIKRAM}`,
          Walk_In__c: false,
        },
      },
    ]);
    expect(toasts).toEqual([
      toastLike('success', 'Checked in', expect.stringMatching(/^Dr Vikram Mehta checked in at \d{2}:\d{2}\.$/)),
    ]);
    // Shown at once, before the refreshed list arrives.
    const row = rowOf(element, VIKRAM);
    expect(row.querySelector('.row-checked-in')!.textContent).toMatch(/^Checked in at \d{2}:\d{2}$/);
    expect($(element, '[data-id="counts"]')!.textContent!.trim()).toBe(
      '2 of 4 accepted checked in · 1 walk-in · 1 other invitee',
    );
    expect(refreshMock).toHaveBeenCalledTimes(1);
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: EVENT_ID }]);
    // E-signature check-in: the signature step opens for the doctor.
    expect($(row, PAD, '[data-id="signature-pad"]')).not.toBeNull();
    expect($(row, PAD, '.signing-for')!.textContent).toBe('Signing for Dr Vikram Mehta');
    expect($(element, '.announcement')!.textContent).toMatch(/^Dr Vikram Mehta checked in at/);
  });

  it('moves from the search box into the list with Enter or ArrowDown and through it with the arrow keys', async () => {
    const element = await ready();
    const search = $(element, '[data-id="search"]')!;
    const searchFocus = jest.spyOn(search, 'focus');
    type(search, 'mumbai');
    await flush(1);
    key(search, 'Enter');
    const ashaDetails = $(element, `li[data-key="${ASHA}"] [data-id="details"]`)!;
    const kavyaCheckIn = $(element, `li[data-key="${KAVYA}"] [data-id="check-in"]`)!;
    expect(element.shadowRoot!.activeElement).toBe(ashaDetails);
    expect(createRecordMock).not.toHaveBeenCalled();

    key(ashaDetails, 'ArrowDown');
    expect(element.shadowRoot!.activeElement).toBe(kavyaCheckIn);
    key(kavyaCheckIn, 'ArrowDown');
    expect(element.shadowRoot!.activeElement).toBe(kavyaCheckIn);
    key(kavyaCheckIn, 'Home');
    expect(element.shadowRoot!.activeElement).toBe(ashaDetails);
    key(ashaDetails, 'End');
    expect(element.shadowRoot!.activeElement).toBe(kavyaCheckIn);
    key(kavyaCheckIn, 'ArrowUp');
    expect(element.shadowRoot!.activeElement).toBe(ashaDetails);
    key(ashaDetails, 'ArrowUp');
    expect(searchFocus).toHaveBeenCalledTimes(1);
    key(kavyaCheckIn, 'Escape');
    expect(searchFocus).toHaveBeenCalledTimes(2);
    // Other keys are left to the browser (Enter/Space press the focused button).
    key(kavyaCheckIn, 'x');
    expect(searchFocus).toHaveBeenCalledTimes(2);

    type(search, '');
    await flush(1);
    key(search, 'ArrowDown');
    expect(element.shadowRoot!.activeElement).toBe($(element, `li[data-key="${PRIYA}"] [data-id="details"]`));
  });

  it('Enter on a single match that is already checked in moves to it instead of checking in twice', async () => {
    const element = await ready();
    const search = await searchFor(element, 'asha');
    key(search, 'Enter');
    expect(createRecordMock).not.toHaveBeenCalled();
    expect(element.shadowRoot!.activeElement).toBe($(element, `li[data-key="${ASHA}"] [data-id="details"]`));
  });

  it('Enter with no match opens the walk-in form with the typed name', async () => {
    const element = await ready();
    const search = await searchFor(element, 'Anil Kumar Kapoor');
    key(search, 'Enter');
    await flush(1);
    expect($(element, WALK_IN, '[data-id="walk-in-form"]')).not.toBeNull();
    expect(($(element, WALK_IN, '[data-id="walk-in-first-name"]') as HTMLElement & { value: string }).value).toBe(
      'Anil Kumar',
    );
    expect(($(element, WALK_IN, '[data-id="walk-in-last-name"]') as HTMLElement & { value: string }).value).toBe(
      'Kapoor',
    );
  });

  it('draws at most 50 rows and says how to narrow the rest', async () => {
    const big = JSON.parse(JSON.stringify(rosterEmpty));
    const [template] = (rosterData as { uiapi: { query: { CME_Invitation__c: { edges: unknown[] } } } }).uiapi.query
      .CME_Invitation__c.edges;
    for (let i = 0; i < 60; i++) {
      const edge = JSON.parse(JSON.stringify(template));
      const id = `003${String(i).padStart(15, '0')}`;
      edge.node.Id = `a02${String(i).padStart(15, '0')}`;
      edge.node.Doctor__c.value = id;
      edge.node.Doctor__r.Id = id;
      edge.node.Doctor__r.LastName.value = `Doctor ${String(i).padStart(2, '0')}`;
      big.uiapi.query.CME_Invitation__c.edges.push(edge);
    }
    const element = await ready({}, { roster: big });
    expect($$(element, '.roster-row')).toHaveLength(50);
    expect($(element, '.more-rows')!.textContent).toBe(
      'Showing the first 50 of 60. Type more of the name to narrow the list.',
    );
    expect($(element, '[data-id="counts"]')!.textContent!.trim()).toBe('0 of 60 accepted checked in · 0 walk-ins');
  });
});

describe('c-cme-check-in: checking in', () => {
  it('checks in from the row with the paper sheet as evidence and keeps focus on the row', async () => {
    const element = await ready({ signInMethod: 'Paper Sheet' });
    await checkIn(element, JOSE);
    expect(createRecordMock.mock.calls[0][0].fields).toMatchObject({
      Doctor__c: JOSE,
      Sign_In_Method__c: 'Paper Sheet',
      Walk_In__c: false,
    });
    const details = $(element, `li[data-key="${JOSE}"] [data-id="details"]`)!;
    expect(element.shadowRoot!.activeElement).toBe(details);
    expect(details.getAttribute('aria-expanded')).toBe('false');
    expect(rowOf(element, JOSE).querySelector('.row-evidence')!.textContent).toBe('Paper Sheet');
  });

  it('keeps the keyboard in the search box after Enter checks in with a paper sheet, ready for the next name', async () => {
    const element = await ready({ signInMethod: 'Paper Sheet' });
    const search = $(element, '[data-id="search"]')!;
    const searchFocus = jest.spyOn(search, 'focus');
    type(search, 'fernandes');
    await flush(1);
    key(search, 'Enter');
    await flush();
    expect(createRecordMock.mock.calls[0][0].fields.Sign_In_Method__c).toBe('Paper Sheet');
    expect(searchFocus).toHaveBeenCalled();
    expect($(element, '[data-id="details-panel"]')).toBeNull();
  });

  it('says sign-in evidence is missing for an attendance recorded without a method', async () => {
    const noMethod = JSON.parse(JSON.stringify(rosterData));
    noMethod.uiapi.query.CME_Attendance__c.edges[1].node.Sign_In_Method__c = { value: null, displayValue: null };
    const element = await ready({}, { roster: noMethod });
    expect(rowOf(element, MEERA).querySelector('.row-evidence')!.textContent).toBe('Sign-in evidence needed');
  });

  it('disables the button while the check-in is being saved', async () => {
    let resolve: (value: unknown) => void = () => undefined;
    createRecordMock.mockReturnValue(new Promise((r) => (resolve = r)));
    const element = await ready();
    const button = $(element, `li[data-key="${JOSE}"] [data-id="check-in"]`) as HTMLButtonElement;
    button.click();
    await flush(1);
    expect(button.disabled).toBe(true);
    expect(button.textContent!.trim()).toBe('Checking in…');
    button.click();
    expect(createRecordMock).toHaveBeenCalledTimes(1);
    resolve({ id: 'a03000000000050AAA' });
    await flush();
    expect($(element, `li[data-key="${JOSE}"] [data-id="check-in"]`)).toBeNull();
  });

  it('treats a duplicate attendance key as "already checked in", not as an error', async () => {
    createRecordMock.mockRejectedValue(duplicateError);
    const element = await ready();
    const toasts = collectToasts(element);
    await checkIn(element, JOSE);
    expect(toasts).toEqual([
      {
        title: 'Already checked in',
        message: 'Dr José Fernandes is already checked in. The list now shows the check-in time.',
        variant: 'info',
      },
    ]);
    expect(refreshMock).toHaveBeenCalledTimes(1);
    // The refreshed list shows the existing check-in.
    const refreshed = JSON.parse(JSON.stringify(rosterData));
    const attendance = JSON.parse(JSON.stringify(refreshed.uiapi.query.CME_Attendance__c.edges[1]));
    attendance.node.Id = 'a03000000000009AAA';
    attendance.node.Doctor__c.value = JOSE;
    attendance.node.Doctor__r = refreshed.uiapi.query.CME_Invitation__c.edges[2].node.Doctor__r;
    attendance.node.Checked_In_At__c.value = '2027-03-14T03:30:00.000Z';
    refreshed.uiapi.query.CME_Attendance__c.edges.push(attendance);
    graphqlWire.emit(refreshed, isRoster);
    await flush();
    expect(rowOf(element, JOSE).querySelector('.row-checked-in')!.textContent).toBe('Checked in at 09:00');
  });

  it('reports a refused check-in with the server message and leaves the row unchanged', async () => {
    createRecordMock.mockRejectedValue(validationError);
    const element = await ready();
    const toasts = collectToasts(element);
    await checkIn(element, JOSE);
    expect(toasts).toEqual([
      toastLike('error', 'Check-in failed', 'Attendance can be recorded only for approved or completed events.'),
    ]);
    expect($(element, `li[data-key="${JOSE}"] [data-id="check-in"]`)).not.toBeNull();
    expect(refreshMock).not.toHaveBeenCalled();
  });

  it('still shows the check-in when refreshing the list fails afterwards', async () => {
    refreshMock.mockRejectedValueOnce(new Error('offline'));
    const element = await ready({ signInMethod: 'Paper Sheet' });
    const toasts = collectToasts(element);
    await checkIn(element, JOSE);
    expect(toasts.map((t) => t.variant)).toEqual(['success']);
    expect(rowOf(element, JOSE).querySelector('[data-id="details"]')).not.toBeNull();
    expect(refreshMock).toHaveBeenCalledTimes(1);
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: EVENT_ID }]);
  });

  it('still tells the page after a check-in when no roster result has carried a refresh', async () => {
    const element = await ready({ signInMethod: 'Paper Sheet' }, { refresh: null });
    await checkIn(element, JOSE);
    expect(createRecordMock).toHaveBeenCalledTimes(1);
    expect(refreshMock).not.toHaveBeenCalled();
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: EVENT_ID }]);
    expect(rowOf(element, JOSE).querySelector('[data-id="details"]')).not.toBeNull();
  });

  it.each([
    [
      'Pending Approval',
      'This event is waiting for approval, so its attendance is locked. Check-in opens once the event is approved.',
    ],
    ['Rejected', 'Check-in opens once the event is approved. It is Rejected now.'],
    ['Draft', 'Check-in opens once the event is approved. It is Draft now.'],
    ['Cancelled', 'This event was cancelled, so attendance cannot be recorded.'],
    ['Closed', 'This event is closed. Attendance can no longer be recorded or changed.'],
    [null, 'Attendance can be recorded only for approved or completed events.'],
  ])('does not offer check-in when the event is %s', async (status, message) => {
    const element = await ready({}, { event: eventWith({ Status__c: status }) });
    expect($(element, '[data-id="availability"]')!.textContent!.trim()).toBe(message);
    expect($(element, '[data-id="availability"]')!.className).toContain('slds-theme_warning');
    expect($$(element, '[data-id="check-in"]')).toHaveLength(0);
    expect($(element, '[data-id="walk-in-toggle"]')).toBeNull();
    // The list still shows who was checked in; their details are read-only.
    ($(element, `li[data-key="${ASHA}"] [data-id="details"]`) as HTMLButtonElement).click();
    await flush(1);
    expect($(element, PAD, '[data-id="signature-pad"]')).toBeNull();
    expect(($(element, DETAILS, '[data-id="meal-opt-out"]') as HTMLElement & { disabled: boolean }).disabled).toBe(
      true,
    );
    // Rows without an action stay reachable with the arrow keys.
    const search = await searchFor(element, 'jose');
    key(search, 'Enter');
    expect(createRecordMock).not.toHaveBeenCalled();
    expect(element.shadowRoot!.activeElement).toBe(rowOf(element, JOSE));
    type(search, 'nobody at all');
    await flush(1);
    key(search, 'Enter');
    await flush(1);
    expect($(element, WALK_IN, '[data-id="walk-in-form"]')).toBeNull();
  });

  it('shows check-in disabled, with the reason, while the event is pending approval', async () => {
    const element = await ready({}, { event: eventWith({ Status__c: 'Pending Approval' }) });
    const notice = $(element, '[data-id="availability"]')!;
    const locked = $$(element, '[data-id="check-in-locked"]') as HTMLButtonElement[];
    // Everyone not yet checked in: José, Vikram, Rahul and Kavya.
    expect(locked).toHaveLength(4);
    for (const button of locked) {
      expect(button.disabled).toBe(true);
      expect(button.getAttribute('aria-describedby')).toBe(notice.getAttribute('id'));
    }
    expect(rowOf(element, JOSE).querySelector('[data-id="check-in-locked"]')!.getAttribute('aria-label')).toBe(
      'Check in Dr José Fernandes',
    );
    expect(rowOf(element, ASHA).querySelector('[data-id="check-in-locked"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it.each(['Draft', 'Approved', 'Cancelled'])('offers no locked check-in when the event is %s', async (status) => {
    const element = await ready({}, { event: eventWith({ Status__c: status }) });
    expect($$(element, '[data-id="check-in-locked"]')).toHaveLength(0);
  });

  it('explains ENTITY_IS_LOCKED when the event went to approval after the screen loaded', async () => {
    createRecordMock.mockRejectedValue(entityLockedError());
    const element = await ready({ signInMethod: 'Paper Sheet' });
    const toasts = collectToasts(element);
    await checkIn(element, JOSE);
    expect(toasts).toEqual([
      toastLike(
        'error',
        'Check-in failed',
        // c/cmeErrors' sentence for ENTITY_IS_LOCKED (label CME_Error_Entity_Locked).
        'This record is locked while its event is waiting for approval. Try again once the approval is decided.',
      ),
    ]);
    expect($(element, `li[data-key="${JOSE}"] [data-id="check-in"]`)).not.toBeNull();
    expect(refreshMock).not.toHaveBeenCalled();
  });

  it('accepts late entries for a completed event and says so', async () => {
    const element = await ready({}, { event: eventWith({ Status__c: 'Completed' }) });
    expect($(element, '[data-id="availability"]')!.textContent!.trim()).toBe(
      'The event is completed. Check-ins recorded now are late entries.',
    );
    expect($(element, '[data-id="availability"]')!.className).toContain('slds-theme_info');
    expect($$(element, '[data-id="check-in"]')).toHaveLength(4);
  });

  it('checks in online attendees of a virtual event without a sign-in method until minutes are known', async () => {
    const element = await ready({}, { event: eventWith({ Format__c: 'Virtual' }) });
    expect($(element, '[data-id="mode"]')).toBeNull();
    await checkIn(element, JOSE);
    expect(createRecordMock.mock.calls[0][0].fields).toMatchObject({ Mode__c: 'Virtual', Sign_In_Method__c: null });
    expect(rowOf(element, JOSE).querySelector('.row-evidence')!.textContent).toBe('Minutes attended needed');
  });

  it('lets the rep of a hybrid event switch between venue and online check-in', async () => {
    const element = await ready({}, { event: eventWith({ Format__c: 'Hybrid' }) });
    const mode = $(element, '[data-id="mode"]') as HTMLElement & { value: string; options: { value: string }[] };
    expect(mode.value).toBe('In-Person');
    expect(mode.options.map((o) => o.value)).toEqual(['In-Person', 'Virtual']);
    mode.dispatchEvent(new CustomEvent('change', { detail: { value: 'Virtual' } }));
    await flush(1);
    await checkIn(element, JOSE);
    expect(createRecordMock.mock.calls[0][0].fields.Mode__c).toBe('Virtual');
    mode.dispatchEvent(new CustomEvent('change', { detail: { value: 'In-Person' } }));
    await flush(1);
    await checkIn(element, VIKRAM);
    expect(createRecordMock.mock.calls[1][0].fields.Mode__c).toBe('In-Person');
  });
});

describe('c-cme-check-in: walk-ins', () => {
  async function openWalkIn(element: HTMLElement) {
    ($(element, '[data-id="walk-in-toggle"]') as HTMLButtonElement).click();
    await flush(1);
  }

  const walkInForm = (element: HTMLElement) => $(element, WALK_IN)!;

  function fill(element: HTMLElement, values: Record<string, string>) {
    fillWalkIn(walkInForm(element), values);
  }

  function submit(element: HTMLElement) {
    submitWalkIn(walkInForm(element));
  }

  /** Opens the walk-in form, fills it in, submits it and lets what follows settle. */
  async function registerWalkIn(element: HTMLElement, values: Record<string, string>) {
    await openWalkIn(element);
    fill(element, values);
    submit(element);
    await flush();
  }

  it('still finds a walk-in by registration number when the email is left out', async () => {
    const element = await ready();
    await registerWalkIn(element, { 'first-name': 'Anil', 'last-name': 'Kapoor', registration: 'MMC-9009' });
    graphqlWire.emit(without(contactFound, 'Email'), isLookup);
    await flush();
    expect(createRecordMock).toHaveBeenCalledTimes(1);
    expect(createRecordMock.mock.calls[0][0].fields).toMatchObject({
      Doctor__c: '003000000000009AAA',
      Walk_In__c: true,
    });
  });

  it('finds no existing doctor, creates the Contact and checks the walk-in in without an invitation', async () => {
    const element = await ready({ signInMethod: 'Paper Sheet' });
    const toasts = collectToasts(element);
    createRecordMock
      .mockResolvedValueOnce({ id: '003000000000010AAA' })
      .mockResolvedValueOnce({ id: 'a03000000000010AAA' });
    await openWalkIn(element);
    // The walk-in form reads the Contact specialty picklist when it opens.
    objectInfoAdapter.emit(contactInfo, isObject('Contact'));
    picklistAdapter.emit(specialtyValues);
    await flush(1);
    const toggle = $(element, '[data-id="walk-in-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const specialty = $(element, WALK_IN, '[data-id="walk-in-specialty"]') as HTMLElement & { options: unknown[] };
    expect(specialty.options).toEqual([
      { label: 'Cardiology', value: 'Cardiology' },
      { label: 'Dermatology', value: 'Dermatology' },
    ]);
    fill(element, NEW_DOCTOR);
    submit(element);
    await flush();
    expect($(element, WALK_IN, '.walk-in-saving')!.textContent).toBe('Looking for the doctor and checking in…');
    expect(createRecordMock).not.toHaveBeenCalled();
    const lookups = emitGraphql(contactNone, isLookup);
    await flush();
    expect(lookups).toEqual([{ registration: 'MMC-7777', email: 'sunita@example.com' }]);
    // The walk-in form creates the Contact (its fields: the form's own tests), then the screen checks them in.
    expect(createRecordMock.mock.calls.map(([input]) => input.apiName)).toEqual(['Contact', 'CME_Attendance__c']);
    expect(createRecordMock.mock.calls[1][0].fields).toMatchObject({
      Doctor__c: '003000000000010AAA',
      Invitation__c: null,
      Walk_In__c: true,
      Attendance_Key__c: `${EVENT_ID}:003000000000010AAA`,
    });
    expect(toasts).toEqual([
      toastLike('success', 'Walk-in checked in', 'Sunita Verma was added as a new doctor and checked in.'),
    ]);
    expect($(element, WALK_IN, '[data-id="walk-in-form"]')).toBeNull();
    const row = rowOf(element, '003000000000010AAA');
    expect(row.querySelector('.row-name')!.textContent).toBe('Dr Sunita Verma');
    expect(row.querySelector('.row-meta')!.textContent).toBe('Dermatology · Nagpur · Reg. MMC-7777');
    expect(row.querySelector('.slds-badge')!.textContent).toBe('Walk-in');
    expect($(element, '[data-id="counts"]')!.textContent!.trim()).toBe(
      '1 of 4 accepted checked in · 2 walk-ins · 1 other invitee',
    );
    expect(element.shadowRoot!.activeElement).toBe(row.querySelector('[data-id="details"]'));
  });

  it('checks in an existing doctor found by registration number without creating a Contact', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    await registerWalkIn(element, { 'first-name': 'Anil', 'last-name': 'Kapoor', registration: 'mmc-9009' });
    const lookups = emitGraphql(contactFound, isLookup);
    await flush();
    expect(lookups).toEqual([{ registration: 'mmc-9009' }]);
    expect(createRecordMock).toHaveBeenCalledTimes(1);
    expect(createRecordMock.mock.calls[0][0].fields).toMatchObject({
      Doctor__c: '003000000000009AAA',
      Invitation__c: null,
      Walk_In__c: true,
      Sign_In_Method__c: 'E-Signature',
    });
    expect(toasts[0].message).toBe('Anil Kapoor was found among your doctors and checked in as a walk-in.');
    // E-signature: the new row opens for signing.
    expect($(rowOf(element, '003000000000009AAA'), PAD, '[data-id="signature-pad"]')).not.toBeNull();
  });

  it('checks an invited doctor who came to the desk as a walk-in in with the invitation', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    await registerWalkIn(element, { 'first-name': 'Vikram', 'last-name': 'Mehta', email: 'VIKRAM@example.com' });
    graphqlWire.emit(contactInvited, isLookup);
    await flush();
    expect(createRecordMock.mock.calls[0][0].fields).toMatchObject({
      Doctor__c: VIKRAM,
      Invitation__c: 'a02000000000002AAA',
      Walk_In__c: false,
    });
    expect(toasts[0].message).toBe('Dr Vikram Mehta is on the invitation list and was checked in with the invitation.');
  });

  it('does not check in twice a walk-in who is already checked in', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    await registerWalkIn(element, { 'first-name': 'Asha', 'last-name': 'Rao', registration: 'MMC-1001' });
    graphqlWire.emit(
      {
        uiapi: {
          query: { Contact: { edges: [{ node: { Id: ASHA, CME_Registration_Number__c: { value: 'MMC-1001' } } }] } },
        },
      },
      isLookup,
    );
    await flush();
    expect(createRecordMock).not.toHaveBeenCalled();
    expect(toasts).toEqual([expect.objectContaining({ variant: 'info', title: 'Already checked in' })]);
    expect($(element, WALK_IN, '[data-id="walk-in-form"]')).toBeNull();
  });

  it('creates the Contact straight away when neither registration number nor email is given', async () => {
    const element = await ready();
    createRecordMock
      .mockResolvedValueOnce({ id: '003000000000011AAA' })
      .mockResolvedValueOnce({ id: 'a03000000000011AAA' });
    await registerWalkIn(element, { 'first-name': 'Lata', 'last-name': 'Bose' });
    expect(createRecordMock.mock.calls.map((c) => c[0].apiName)).toEqual(['Contact', 'CME_Attendance__c']);
    expect(createRecordMock.mock.calls[0][0].fields).toMatchObject({
      CME_Specialty__c: null,
      MailingCity: null,
      CME_Registration_Number__c: null,
      Email: null,
    });
  });

  it('checks the required names and the email format before looking anything up', async () => {
    const element = await ready();
    await openWalkIn(element);
    const first = $(element, WALK_IN, '[data-id="walk-in-first-name"]')!;
    const last = $(element, WALK_IN, '[data-id="walk-in-last-name"]')!;
    const email = $(element, WALK_IN, '[data-id="walk-in-email"]')!;
    const firstMessages = trackValidity(first);
    const lastMessages = trackValidity(last);
    const emailMessages = trackValidity(email);
    const firstFocus = jest.spyOn(first, 'focus');
    fill(element, { 'last-name': 'Verma', email: 'not-an-email' });
    submit(element);
    await flush();
    expect(firstMessages.at(-1)).toBe('Complete this field.');
    expect(lastMessages.at(-1)).toBe('');
    expect(emailMessages.at(-1)).toBe('Enter a valid email address, like name@example.com.');
    expect(firstFocus).toHaveBeenCalled();
    expect(createRecordMock).not.toHaveBeenCalled();
  });

  it('reuses the Contact it created when the attendance failed and the rep tries again', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    createRecordMock
      .mockResolvedValueOnce({ id: '003000000000012AAA' })
      .mockRejectedValueOnce({ body: { message: 'Request timed out' }, status: 504 })
      .mockResolvedValueOnce({ id: 'a03000000000012AAA' });
    await registerWalkIn(element, { 'first-name': 'Omar', 'last-name': 'Sheikh' });
    expect(toasts).toEqual([toastLike('error', 'The walk-in could not be registered', 'Request timed out')]);
    expect($(element, WALK_IN, '[data-id="walk-in-form"]')).not.toBeNull();
    submit(element);
    await flush();
    expect(createRecordMock.mock.calls.map((c) => c[0].apiName)).toEqual([
      'Contact',
      'CME_Attendance__c',
      'CME_Attendance__c',
    ]);
    expect(createRecordMock.mock.calls[2][0].fields.Doctor__c).toBe('003000000000012AAA');
    expect(toasts[1].variant).toBe('success');
  });

  it('says so when the lookup of existing doctors fails', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    await registerWalkIn(element, { 'first-name': 'Anil', 'last-name': 'Kapoor', registration: 'MMC-9009' });
    graphqlWire.emitErrors([{ message: 'Contact is not accessible' }], isLookup);
    await flush();
    expect(toasts).toEqual([toastLike('error', 'The walk-in could not be registered', 'Contact is not accessible')]);
    expect(createRecordMock).not.toHaveBeenCalled();
  });

  it('gives up on a lookup that never answers with a clear message', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    await openWalkIn(element);
    fill(element, { 'first-name': 'Anil', 'last-name': 'Kapoor', email: 'anil@example.com' });
    await submitAndOutwaitLookup(walkInForm(element));
    await flush();
    expect(toasts).toEqual([
      expect.objectContaining({
        message: 'Looking for the doctor took too long. Check the connection and try again.',
        variant: 'error',
      }),
    ]);
    // A late answer is ignored.
    graphqlWire.emit(contactFound, isLookup);
    await flush();
    expect(createRecordMock).not.toHaveBeenCalled();
  });

  it('reuses the previous lookup answer for the same registration number and email', async () => {
    const element = await ready();
    createRecordMock.mockRejectedValueOnce(validationError);
    await registerWalkIn(element, { 'first-name': 'Anil', 'last-name': 'Kapoor', registration: 'MMC-9009' });
    graphqlWire.emit(contactFound, isLookup);
    await flush();
    expect(createRecordMock).toHaveBeenCalledTimes(1);
    submit(element);
    await flush();
    expect(createRecordMock).toHaveBeenCalledTimes(2);
    expect(createRecordMock.mock.calls[1][0].fields.Doctor__c).toBe('003000000000009AAA');
  });

  it('treats a duplicate walk-in attendance as already checked in', async () => {
    const element = await ready();
    const toasts = collectToasts(element);
    createRecordMock.mockResolvedValueOnce({ id: '003000000000013AAA' }).mockRejectedValueOnce(duplicateError);
    await registerWalkIn(element, { 'first-name': 'Omar', 'last-name': 'Sheikh' });
    expect(toasts).toEqual([
      expect.objectContaining({
        variant: 'info',
        message: 'Omar Sheikh is already checked in. The list now shows the check-in time.',
      }),
    ]);
  });

  it('closes the form with Cancel or the toggle and returns focus to the toggle', async () => {
    const element = await ready();
    await openWalkIn(element);
    fill(element, { 'first-name': 'Omar' });
    ($(element, WALK_IN, '[data-id="walk-in-cancel"]') as HTMLButtonElement).click();
    await flush(1);
    expect($(element, WALK_IN, '[data-id="walk-in-form"]')).toBeNull();
    const toggle = $(element, '[data-id="walk-in-toggle"]')!;
    expect(element.shadowRoot!.activeElement).toBe(toggle);
    await openWalkIn(element);
    expect(($(element, WALK_IN, '[data-id="walk-in-first-name"]') as HTMLElement & { value: string }).value).toBe('');
    await openWalkIn(element);
    expect($(element, WALK_IN, '[data-id="walk-in-form"]')).toBeNull();
  });
});

describe('c-cme-check-in: signature, meal and minutes', () => {
  async function openPriya(props: Partial<CheckInElement> = {}, event: unknown = eventApproved) {
    const element = await ready(props, { event });
    ($(element, `li[data-key="${PRIYA}"] [data-id="details"]`) as HTMLButtonElement).click();
    await flush(1);
    return element;
  }

  it('saves a drawn signature with the SHA-256 of the stored data URL, the printed name and the event key', async () => {
    const element = await openPriya();
    const toasts = collectToasts(element);
    const details = $(element, `li[data-key="${PRIYA}"] [data-id="details"]`)!;
    expect(details.getAttribute('aria-expanded')).toBe('true');
    const pad = $(element, PAD, '[data-id="signature-pad"]')!;
    expect(pad.getAttribute('width')).toBe('600');
    expect(pad.getAttribute('aria-label')).toBe('Signature area');
    pointer(pad, 'pointerdown', 10, 10);
    pointer(pad, 'pointermove', 40, 30);
    pointer(pad, 'pointermove', 80, 20);
    pointer(pad, 'pointerup', 80, 20);
    pointer(pad, 'pointermove', 120, 20);
    expect(canvasContext.lineTo).toHaveBeenCalledTimes(2);
    typeSignedName($(element, PAD)!, '  Priya Desai ');
    pressSign($(element, PAD)!);
    await until(() => updateRecordMock.mock.calls.length > 0);
    await flush();
    expect(canvasContext.fillText).not.toHaveBeenCalled();
    expect(updateRecordMock).toHaveBeenCalledWith({
      fields: {
        Id: 'a03000000000003AAA',
        Signature_Data__c: SIGNATURE_URL,
        Signature_SHA256__c: createHash('sha256').update(`${SIGNATURE_URL}|Priya Desai|EVT-2027-0042`).digest('hex'),
        Signed_Name__c: 'Priya Desai',
        Signed_At__c: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        Sign_In_Method__c: 'E-Signature',
      },
    });
    expect(toasts).toEqual([
      toastLike(
        'success',
        'Signature saved',
        'The signature of Dr Priya Desai was saved with its SHA-256 fingerprint.',
      ),
    ]);
    expect($(element, PAD, '[data-id="signature-pad"]')).toBeNull();
    expect($(element, '.signed-text')!.textContent).toMatch(/^Signed by Priya Desai at \d{2}:\d{2}$/);
    expect(rowOf(element, PRIYA).querySelector('.row-evidence')!.textContent).toMatch(/^Signed at \d{2}:\d{2}$/);
    expect(element.shadowRoot!.activeElement).toBe(details);
    expect(refreshMock).toHaveBeenCalledTimes(1);
  });

  it('lets a keyboard user sign with the typed name (Enter in the name field)', async () => {
    const element = await openPriya();
    const name = $(element, PAD, '[data-id="signed-name"]')!;
    type(name, 'Priya Desai');
    key(name, 'Enter');
    await until(() => updateRecordMock.mock.calls.length > 0);
    expect(canvasContext.fillText).toHaveBeenCalledWith('Priya Desai', 300, 100);
    expect(updateRecordMock.mock.calls[0][0].fields.Signed_Name__c).toBe('Priya Desai');
    key(name, 'a');
    expect(updateRecordMock).toHaveBeenCalledTimes(1);
  });

  it('shrinks the typed signature font until a long name fits the pad', async () => {
    canvasContext.measureText.mockImplementation(() => ({
      width: canvasContext.font.startsWith('italic 64px') ? 900 : 300,
    }));
    const element = await openPriya();
    typeSignedName($(element, PAD)!, 'Priya Desai');
    pressSign($(element, PAD)!);
    await until(() => updateRecordMock.mock.calls.length > 0);
    expect(canvasContext.font).toMatch(/^italic 60px/);
    canvasContext.measureText.mockImplementation(() => ({ width: 200 }));
  });

  it('asks for the printed name before signing', async () => {
    const element = await openPriya();
    const name = $(element, PAD, '[data-id="signed-name"]')!;
    const messages = trackValidity(name);
    pressSign($(element, PAD)!);
    await flush();
    expect(messages).toEqual(["Type the signer's name to sign."]);
    expect(updateRecordMock).not.toHaveBeenCalled();
  });

  it('scales a large signature down to fit the field, and refuses one that never fits', async () => {
    const big = `data:image/png;base64,${'A'.repeat(SIGNATURE_MAX_LENGTH)}`;
    const small = `data:image/png;base64,${'B'.repeat(5000)}`;
    (HTMLCanvasElement.prototype.toDataURL as jest.Mock).mockImplementation(function (this: HTMLCanvasElement) {
      return this.width === 600 ? big : small;
    });
    const element = await openPriya();
    typeSignedName($(element, PAD)!, 'Priya Desai');
    pressSign($(element, PAD)!);
    await until(() => updateRecordMock.mock.calls.length > 0);
    expect(updateRecordMock.mock.calls[0][0].fields.Signature_Data__c).toBe(small);
    expect(canvasContext.drawImage).toHaveBeenCalled();

    (HTMLCanvasElement.prototype.toDataURL as jest.Mock).mockImplementation(() => big);
    const second = await openPriya();
    const toasts = collectToasts(second);
    typeSignedName($(second, PAD)!, 'Priya Desai');
    pressSign($(second, PAD)!);
    await flush();
    expect(toasts).toEqual([
      toastLike(
        'error',
        'The signature could not be saved',
        'The signature image is too large to store. Clear it and sign again.',
      ),
    ]);
    expect(updateRecordMock).toHaveBeenCalledTimes(1);
  });

  it('reports a refused signature with the server message', async () => {
    updateRecordMock.mockRejectedValue({
      body: {
        output: {
          errors: [],
          fieldErrors: {
            Signed_Name__c: [
              {
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                message:
                  "A signature needs the signer's printed name and its SHA-256 fingerprint. Capture the signature again.",
              },
            ],
          },
        },
      },
    });
    const element = await openPriya();
    const toasts = collectToasts(element);
    typeSignedName($(element, PAD)!, 'Priya Desai');
    pressSign($(element, PAD)!);
    await until(() => toasts.length > 0);
    expect(toasts[0]).toMatchObject({
      title: 'The signature could not be saved',
      message: "A signature needs the signer's printed name and its SHA-256 fingerprint. Capture the signature again.",
      variant: 'error',
    });
    expect($(element, PAD, '[data-id="signature-pad"]')).not.toBeNull();
  });

  it('says when this browser cannot draw, and clears the pad on request', async () => {
    const element = await openPriya();
    ($(element, PAD, '[data-id="clear-signature"]') as HTMLButtonElement).click();
    expect(canvasContext.clearRect).toHaveBeenCalledWith(0, 0, 600, 200);
    (HTMLCanvasElement.prototype.getContext as jest.Mock).mockImplementation(() => null);
    const toasts = collectToasts(element);
    pointer($(element, PAD, '[data-id="signature-pad"]')!, 'pointerdown', 1, 1);
    typeSignedName($(element, PAD)!, 'Priya Desai');
    pressSign($(element, PAD)!);
    await flush();
    expect(toasts[0].message).toBe(
      'This browser cannot capture signatures. Record the signature on the paper sign-in sheet.',
    );
    expect(updateRecordMock).not.toHaveBeenCalled();
  });

  it('hides the pad and explains when the signature fingerprint is read-only for the user', async () => {
    const element = mount();
    await flush(1);
    objectInfoAdapter.emit(attendanceInfoReadOnlyHash, isObject('CME_Attendance__c'));
    getRecordAdapter.emit(eventApproved);
    graphqlWire.emit(rosterData, isRoster);
    await flush();
    ($(element, `li[data-key="${PRIYA}"] [data-id="details"]`) as HTMLButtonElement).click();
    await flush(1);
    expect($(element, PAD, '[data-id="signature-pad"]')).toBeNull();
    expect($(element, '.signature-no-access')!.textContent!.trim()).toBe(
      'You cannot save e-signatures: the signature fingerprint field is read-only for you. Ask your Salesforce admin.',
    );
    // A check-in does not open a signature step the user cannot complete.
    await checkIn(element, JOSE);
    expect(rowOf(element, JOSE).querySelector('.details')).toBeNull();
    expect(element.shadowRoot!.activeElement).toBe($(element, `li[data-key="${JOSE}"] [data-id="details"]`));
  });

  it('saves the meal opt-out at once and puts it back when the save fails', async () => {
    const element = await openPriya();
    const toasts = collectToasts(element);
    const meal = $(element, DETAILS, '[data-id="meal-opt-out"]') as HTMLElement & { checked: boolean };
    expect(meal.checked).toBe(false);
    meal.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
    await flush();
    expect(updateRecordMock).toHaveBeenCalledWith({ fields: { Id: 'a03000000000003AAA', Meal_Opt_Out__c: true } });
    expect(toasts[0]).toMatchObject({ title: 'Attendance updated', message: 'Dr Priya Desai declined the meal.' });
    expect(rowOf(element, PRIYA).querySelector('.row-evidence')!.textContent).toBe('Signature needed · No meal');

    updateRecordMock.mockRejectedValueOnce({ body: { message: 'Record is locked' } });
    meal.dispatchEvent(new CustomEvent('change', { detail: { checked: false } }));
    await flush();
    expect(toasts[1]).toMatchObject({ title: 'The attendance could not be updated', message: 'Record is locked' });
    expect(meal.checked).toBe(true);

    meal.dispatchEvent(new CustomEvent('change', { detail: { checked: false } }));
    await flush();
    expect(toasts[2]).toMatchObject({ message: 'Dr Priya Desai takes the meal.' });
  });

  it('saves minutes attended for virtual attendees as the virtual log', async () => {
    const virtualRoster = JSON.parse(JSON.stringify(rosterData));
    const priya = virtualRoster.uiapi.query.CME_Attendance__c.edges[2].node;
    priya.Mode__c = { value: 'Virtual', displayValue: 'Virtual' };
    priya.Sign_In_Method__c = { value: null, displayValue: null };
    const element = await ready({}, { event: eventWith({ Format__c: 'Hybrid' }), roster: virtualRoster });
    ($(element, `li[data-key="${PRIYA}"] [data-id="details"]`) as HTMLButtonElement).click();
    await flush(1);
    const toasts = collectToasts(element);
    const minutes = $(element, DETAILS, '[data-id="minutes"]')!;
    const messages = trackValidity(minutes);
    type(minutes, '12.5');
    ($(element, DETAILS, '[data-id="save-minutes"]') as HTMLButtonElement).click();
    await flush();
    expect(messages.at(-1)).toBe('Enter a whole number of minutes, 0 or more.');
    expect(updateRecordMock).not.toHaveBeenCalled();

    type(minutes, '95');
    ($(element, DETAILS, '[data-id="save-minutes"]') as HTMLButtonElement).click();
    await flush();
    expect(updateRecordMock).toHaveBeenCalledWith({
      fields: { Id: 'a03000000000003AAA', Minutes_Attended__c: 95, Sign_In_Method__c: 'Virtual Log' },
    });
    expect(toasts[0].message).toBe('95 minutes saved for Dr Priya Desai.');
    expect(rowOf(element, PRIYA).querySelector('.row-evidence')!.textContent).toBe('Online for 95 min');
  });

  it('saves minutes of an in-person attendee without changing the sign-in method, and reports failures', async () => {
    const element = await openPriya({}, eventWith({ Format__c: 'Hybrid' }));
    const toasts = collectToasts(element);
    type($(element, DETAILS, '[data-id="minutes"]')!, '60');
    updateRecordMock.mockRejectedValueOnce({
      body: { message: 'Minutes attended and questions asked cannot be negative.' },
    });
    ($(element, DETAILS, '[data-id="save-minutes"]') as HTMLButtonElement).click();
    await flush();
    expect(updateRecordMock.mock.calls[0][0]).toEqual({
      fields: { Id: 'a03000000000003AAA', Minutes_Attended__c: 60 },
    });
    expect(toasts[0]).toMatchObject({ variant: 'error', title: 'The attendance could not be updated' });
  });

  it('does not show minutes for an in-person event and collapses the details on a second press', async () => {
    const element = await openPriya();
    expect($(element, DETAILS, '[data-id="minutes"]')).toBeNull();
    const details = $(element, `li[data-key="${PRIYA}"] [data-id="details"]`) as HTMLButtonElement;
    details.click();
    await flush(1);
    expect($(element, '[data-id="details-panel"]')).toBeNull();
    expect(details.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows an existing signature instead of the pad', async () => {
    const element = await ready();
    ($(element, `li[data-key="${ASHA}"] [data-id="details"]`) as HTMLButtonElement).click();
    await flush(1);
    expect($(element, PAD, '[data-id="signature-pad"]')).toBeNull();
    expect($(element, '.signed-text')!.textContent).toBe('Signed by Asha Rao at 09:13');
    expect(($(element, DETAILS, '[data-id="meal-opt-out"]') as HTMLElement & { checked: boolean }).checked).toBe(true);
  });
});

describe('cmeCheckIn helpers', () => {
  it('hashes text with SHA-256 as lower-case hex (FIPS 180-2 test vectors)', async () => {
    await expect(sha256Hex('abc')).resolves.toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    await expect(sha256Hex('')).resolves.toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    await expect(sha256Hex('José')).resolves.toBe(createHash('sha256').update('José', 'utf8').digest('hex'));
  });

  it('fails clearly without Web Crypto', async () => {
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    await expect(sha256Hex('abc')).rejects.toThrow('Web Crypto is not available');
    Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
  });

  it('builds the roster from invitations and attendance, with walk-ins and local additions', () => {
    const roster = buildRoster(rosterData, [
      {
        doctorNode: { Id: '003000000000020AAA', LastName: { value: 'Zed' } },
        attendance: { ...buildRoster(rosterData)[0].attendance!, id: 'local' },
      },
      // Already in the query: the query wins.
      { doctorNode: { Id: ASHA }, attendance: { ...buildRoster(rosterData)[0].attendance!, id: 'stale' } },
    ]);
    expect(roster.map((e) => e.key)).toEqual([PRIYA, JOSE, MEERA, VIKRAM, RAHUL, ASHA, KAVYA, '003000000000020AAA']);
    expect(roster.find((e) => e.key === ASHA)!.attendance!.id).toBe('a03000000000001AAA');
    expect(roster.at(-1)!.name).toBe('Dr Zed');
    expect(buildRoster(undefined)).toEqual([]);
    // Same last name: first name, then id, decides.
    const twins = buildRoster({
      uiapi: {
        query: {
          CME_Attendance__c: {
            edges: ['003B', '003A', '003C'].map((id, i) => ({
              node: {
                Id: `a03${i}`,
                Doctor__c: { value: id },
                Doctor__r: { Id: id, FirstName: { value: id === '003C' ? 'Anu' : 'Ravi' }, LastName: { value: 'Rao' } },
              },
            })),
          },
        },
      },
    });
    expect(twins.map((e) => e.key)).toEqual(['003C', '003A', '003B']);
  });

  it('counts accepted invitees, other invitees and walk-ins who checked in', () => {
    expect(countRoster(buildRoster(rosterData))).toEqual({
      accepted: 4,
      acceptedCheckedIn: 1,
      otherInviteesCheckedIn: 1,
      walkIns: 1,
      checkedIn: 3,
    });
  });

  it('matches every typed word, accents and case aside', () => {
    const roster = buildRoster(rosterData);
    expect(filterRoster(roster, '  ').length).toBe(7);
    expect(filterRoster(roster, 'FERNANDES goa').map((e) => e.key)).toEqual([JOSE]);
    expect(filterRoster(roster, 'rao pune')).toEqual([]);
    expect(normalise('  Zoë   Ünal ')).toBe('zoe unal');
    expect(normalise(null)).toBe('');
  });

  it('knows when an event takes attendance', () => {
    expect(checkInAvailability('Approved')).toBe('open');
    expect(checkInAvailability('Completed')).toBe('late');
    expect(checkInAvailability('Rejected')).toBe('not-yet');
    expect(checkInAvailability('Pending Approval')).toBe('locked');
    expect(checkInAvailability('Cancelled')).toBe('cancelled');
    expect(checkInAvailability('Closed')).toBe('closed');
    expect(checkInAvailability(undefined)).toBe('unknown');
    expect(
      ['open', 'late', 'not-yet', 'locked', 'cancelled', 'closed', 'unknown'].map((a) =>
        canRecordAttendance(a as never),
      ),
    ).toEqual([true, true, false, false, false, false, false]);
  });

  it('builds the attendance key, mode and sign-in method', () => {
    expect(attendanceKey('a01000000000001AAA', '003000000000001AAA')).toBe('a01000000000001AAA:003000000000001AAA');
    expect(attendanceKey('e'.repeat(60), 'd'.repeat(60))).toHaveLength(80);
    expect(defaultMode('Virtual')).toBe('Virtual');
    expect(defaultMode('Hybrid')).toBe('In-Person');
    expect(defaultMode(null)).toBe('In-Person');
    expect(checkInMethod('Virtual', 'E-Signature')).toBeNull();
    expect(checkInMethod('In-Person', 'Paper Sheet')).toBe('Paper Sheet');
    expect(checkInMethod('In-Person', 'anything else')).toBe('E-Signature');
  });

  it('recognises a duplicate key in every UI API error shape', () => {
    expect(isDuplicateError(duplicateError)).toBe(true);
    expect(isDuplicateError({ body: { output: { errors: [{ errorCode: 'DUPLICATE_VALUE' }] } } })).toBe(true);
    expect(isDuplicateError({ body: [{ errorCode: 'DUPLICATE_VALUE', message: 'dup' }] })).toBe(true);
    expect(isDuplicateError(validationError)).toBe(false);
    expect(isDuplicateError(new Error('x'))).toBe(false);
    expect(isDuplicateError(null)).toBe(false);
  });

  it('splits a name typed in the search into the walk-in form’s first and last name', () => {
    expect(splitName('')).toEqual({ firstName: '', lastName: '' });
    expect(splitName('Kapoor')).toEqual({ firstName: '', lastName: 'Kapoor' });
    expect(splitName(' Anil  Kumar Kapoor ')).toEqual({ firstName: 'Anil Kumar', lastName: 'Kapoor' });
  });

  it('formats the check-in time in the event time zone', () => {
    expect(formatClock('2027-03-14T03:42:00.000Z', 'Asia/Kolkata')).toBe('09:12');
    expect(formatClock('2027-03-14T03:42:00.000Z', 'UTC')).toBe('03:42');
    expect(formatClock('2027-03-14T03:42:00.000Z', 'Not/AZone')).toMatch(/^\d{2}:\d{2}$/);
    expect(formatClock(null)).toBe('');
    expect(formatClock('not a date')).toBe('');
  });
});

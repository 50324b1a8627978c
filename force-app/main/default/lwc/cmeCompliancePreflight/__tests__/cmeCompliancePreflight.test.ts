import CmeCompliancePreflight from 'c/cmeCompliancePreflight';
import {
  $,
  $$,
  flushPromises,
  graphqlConfigs,
  graphqlWire,
  mountRendered,
  stateErrorPanel,
  stateErrorTitle,
  stateErrors,
  stateSpinner,
  text,
} from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';
import type { WireConfig as Config } from '../../../../../test/lwcTest';

import eventCompleted from './data/eventCompleted.json';
import historyDoctors from './data/historyDoctors.json';
import historyEvents from './data/historyEvents.json';
import eventUpcoming from './data/eventUpcoming.json';
import historyEmpty from './data/historyEmpty.json';
import eventNoPack from './data/eventNoPack.json';
import eventInactivePack from './data/eventInactivePack.json';
import eventBadPack from './data/eventBadPack.json';
import eventMissing from './data/eventMissing.json';
import graphqlErrors from './data/graphqlErrors.json';

/** Each wire's `refresh`, which lightning/graphql puts on each result it emits. */
const refreshEvent = jest.fn((): Promise<void> => Promise.resolve());
const refreshHistory = jest.fn((): Promise<void> => Promise.resolve());
const refreshHistoryEvents = jest.fn((): Promise<void> => Promise.resolve());

const EVENT_ID = 'a01000000000001AAA';
// Each of the three queries has its own variables, so a test answers exactly one of them.
const isEvent = (c: Config) => c.variables?.eventId === EVENT_ID && !c.variables?.doctorIds;
const isHistory = (c: Config) => Array.isArray(c.variables?.doctorIds);
const isHistoryEvents = (c: Config) => Array.isArray(c.variables?.historyEventIds);

// Only the clock's date is fixed: timers stay real so LWC and axe run as usual.
const NOW = new Date('2026-11-20T09:00:00.000Z');

/** Mounts the component and lets its wires receive their first config. */
const mount = (recordId = EVENT_ID) =>
  mountRendered('c-cme-compliance-preflight', CmeCompliancePreflight, { recordId });

/** Mounts the component and answers the event query with `data` alone. */
async function withEvent(data: unknown): Promise<HTMLElement> {
  const element = await mount();
  graphqlWire.emit(data, isEvent);
  await flushPromises();
  return element;
}

/** The completed event with its doctors' history, as the three queries answer in turn. */
async function loadCompleted(element: HTMLElement): Promise<void> {
  graphqlWire.emit(eventCompleted, isEvent, refreshEvent);
  await flushPromises();
  graphqlWire.emit(historyDoctors, isHistory, refreshHistory);
  await flushPromises();
  graphqlWire.emit(historyEvents, isHistoryEvents, refreshHistoryEvents);
  await flushPromises();
  expect(stateSpinner(element)).toBeNull();
}

describe('c-cme-compliance-preflight', () => {
  todayEachTest(NOW);

  it('shows a spinner until the event has loaded', async () => {
    const element = await mount();
    await flushPromises();
    expect(stateSpinner(element)!.alternativeText).toBe('Checking compliance');
    expect($(element, '[data-id="summary"]')).toBeNull();
  });

  it('asks for the event first, then its doctors’ cap-year history, then those events', async () => {
    const element = await withEvent(eventCompleted);
    // Still loading: the history is needed before anything is judged.
    expect(stateSpinner(element)).not.toBeNull();
    const history = graphqlConfigs().filter(isHistory).pop()!;
    expect(history.variables).toEqual({
      eventId: EVENT_ID,
      doctorIds: ['003000000000001AAA', '003000000000002AAA', '003000000000003AAA', '003000000000004AAA'],
      // IN-UCPMP-2024 counts fiscal years from April; REPEAT_TOPIC is off, so no longer look-back.
      from: '2026-04-01T00:00:00.000Z',
      to: '2027-03-31T23:59:59.999Z',
    });
    graphqlWire.emit(historyDoctors, isHistory);
    await flushPromises();
    expect(stateSpinner(element)).not.toBeNull();
    const events = graphqlConfigs().filter(isHistoryEvents).pop()!;
    expect(events.variables).toEqual({ historyEventIds: ['a01000000000002AAA'] });
  });

  it('lists blocking findings before warnings, with rule, HCP, amount and limit', async () => {
    const element = await mount();
    await loadCompleted(element);

    expect(text($(element, '[data-id="summary"]'))).toBe('4 blocking, 1 warning');
    expect(text($(element, '[data-id="rule-pack"]'))).toBe(
      'Checked against India UCPMP 2024 (IN-UCPMP-2024), version 2024.1',
    );
    expect($$(element, '[data-id="group-heading"]').map(text)).toEqual(['Blocking (4)', 'Warnings (1)']);

    const findings = $$(element, '[data-id="finding"]');
    expect(findings.map((f) => `${f.dataset.severity} ${f.dataset.rule}`)).toEqual([
      'block MEAL_CAP',
      'block HONORARIUM_FMV',
      'block SPEAKER_ONLY_TRAVEL',
      'block ATTENDANCE_EVIDENCE',
      'warn HCP_ANNUAL_CAP',
    ]);
    // Severity is written out, not only coloured.
    expect(findings.map((f) => text(f.querySelector('.severity')))).toEqual([
      'Blocking',
      'Blocking',
      'Blocking',
      'Blocking',
      'Warning',
    ]);

    const honorarium = findings[1];
    expect(text(honorarium.querySelector('.rule-name'))).toBe('Honorarium at fair-market value');
    expect(text(honorarium.querySelector('.rule-id'))).toBe('HONORARIUM_FMV');
    expect(text(honorarium.querySelector('.hcp'))).toBe('Dr Asha Rao');
    expect(text(honorarium.querySelector('.amount'))).toBe('₹25,000');
    expect(text(honorarium.querySelector('.limit'))).toBe('₹20,000');
    expect(text(honorarium.querySelector('.message'))).toContain('exceeds the fair-market value');

    const evidence = findings[3];
    expect(text(evidence.querySelector('.hcp'))).toBe('Dr Vikram Shah');
    expect(text(evidence.querySelector('.amount'))).toBe('20 minutes');
    expect(text(evidence.querySelector('.limit'))).toBe('30 minutes');
  });

  it('counts the doctors’ other events towards the annual cap, sharing dinners among all who came', async () => {
    const element = await mount();
    await loadCompleted(element);
    const cap = $$(element, '[data-id="finding"]').find((f) => f.dataset.rule === 'HCP_ANNUAL_CAP')!;
    // ₹130,000 registration in June + half of a ₹4,000 dinner shared with another doctor + ₹15,000 travel.
    expect(text(cap.querySelector('.amount'))).toBe('₹147,000');
    expect(text(cap.querySelector('.limit'))).toBe('₹150,000');
    expect(text(cap.querySelector('.message'))).toBe(
      'Dr Vikram Shah would receive ₹147,000 in FY2026-27, 98% of the ₹150,000 cap (warning from 80%).',
    );
  });

  it('expands and collapses a finding’s evidence by keyboard-operable button', async () => {
    const element = await mount();
    await loadCompleted(element);
    const toggle = $$(element, '[data-id="evidence-toggle"]')[1];
    expect(toggle.tagName).toBe('BUTTON');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(text(toggle)).toBe('Show evidence (6)');
    expect(toggle.getAttribute('aria-controls')).toBeTruthy();

    toggle.click();
    await flushPromises();
    const opened = $$(element, '[data-id="evidence-toggle"]')[1];
    expect(opened.getAttribute('aria-expanded')).toBe('true');
    expect(text(opened)).toBe('Hide evidence');
    const finding = $$(element, '[data-id="finding"]')[1];
    const keys = [...finding.querySelectorAll('.evidence dt')].map((d) => text(d as HTMLElement));
    const values = [...finding.querySelectorAll('.evidence dd')].map((d) => text(d as HTMLElement));
    expect(keys).toEqual(['Speaking hours', 'Rate per hour', 'Allowed', 'Honorarium', 'Invitation ID', 'Expense IDs']);
    expect(values).toEqual(['2', '10000', '20000', '25000', 'a02000000000001AAA', 'a04000000000003AAA']);
    // The other findings stay closed.
    expect($$(element, '.evidence')).toHaveLength(1);

    opened.click();
    await flushPromises();
    expect($$(element, '.evidence')).toHaveLength(0);
  });

  it('shows the close-out checklist of an ended event with counts', async () => {
    const element = await mount();
    await loadCompleted(element);
    const items = $$(element, '[data-id="checklist-item"]');
    expect(items.map((i) => i.dataset.check)).toEqual(['attendance', 'evidence', 'receipts', 'signatures', 'budget']);
    expect(items.map((i) => text(i.querySelector('.check-mark')))).toEqual(['✓', '✗', '✗', '✓', '✓']);
    expect(items.map((i) => text(i.querySelector('.slds-assistive-text')))).toEqual([
      'Done:',
      'Missing:',
      'Missing:',
      'Done:',
      'Done:',
    ]);
    expect(items.map((i) => text(i.querySelector('.check-detail')))).toEqual([
      '3 attendances recorded',
      '2 of 3 attendances have evidence',
      '2 of 3 paid expense lines have a receipt reference',
      '1 of 1 e-signature sign-ins are signed with name and fingerprint',
      '₹106,000 paid or committed of a ₹200,000 budget',
    ]);
    expect(text($(element, '[data-id="checklist-progress"]'))).toBe('3 of 5 close-out items done');
  });

  it('says the event is ready when nothing is found, and waits for the end before the checklist', async () => {
    const element = await withEvent(eventUpcoming);
    graphqlWire.emit(historyEmpty, isHistory);
    await flushPromises();
    // No other events in the history: the third query never runs.
    expect(graphqlConfigs().filter(isHistoryEvents)).toHaveLength(0);
    expect(text($(element, '[data-id="summary"]'))).toBe('No findings: ready');
    expect($(element, '[data-id="summary"]')!.className).toContain('slds-text-color_success');
    expect($$(element, '[data-id="finding"]')).toHaveLength(0);
    expect($$(element, '[data-id="checklist-item"]')).toHaveLength(0);
    expect(text($(element, '.checklist-not-ended'))).toBe('The close-out checklist opens once the event has ended.');
  });

  it('says which choice is missing when no rule pack applies, and still needs no history', async () => {
    const element = await withEvent(eventNoPack);
    expect(stateSpinner(element)).toBeNull();
    expect(graphqlConfigs().filter(isHistory)).toHaveLength(0);
    expect(text($(element, '[data-id="no-pack"]'))).toBe(
      "No rule pack applies: this event names none and 2 packs are active. Set the event's Rule Pack to check it.",
    );
    expect($(element, '[data-id="summary"]')).toBeNull();
  });

  it('does not silently swap an inactive pack for another, but still shows the checklist', async () => {
    const element = await withEvent(eventInactivePack);
    expect(text($(element, '[data-id="no-pack"]'))).toContain('this event names India UCPMP 2019, which is not active');
    // Without a pack the virtual-log minimum is one minute, so Dr Shah's 20 minutes count as evidence.
    const evidence = $$(element, '[data-id="checklist-item"]').find((i) => i.dataset.check === 'evidence')!;
    expect(text(evidence.querySelector('.check-detail'))).toBe('3 of 3 attendances have evidence');
    const budget = $$(element, '[data-id="checklist-item"]').find((i) => i.dataset.check === 'budget')!;
    expect(text(budget.querySelector('.check-detail'))).toBe('106,000 paid or committed of a 200,000 budget');
  });

  it('says when no rule pack is active at all', async () => {
    const element = await mount();
    const none = JSON.parse(JSON.stringify(eventNoPack));
    none.uiapi.query.CME_Rule_Pack__c.edges = [];
    none.uiapi.query.CME_Rule__c.edges = [];
    graphqlWire.emit(none, isEvent);
    await flushPromises();
    expect(text($(element, '[data-id="no-pack"]'))).toBe(
      'No rule pack applies: no rule pack is active. Ask a CME admin to activate the pack for your country.',
    );
  });

  it('shows data the rules cannot read as an error instead of a partial verdict', async () => {
    const element = await withEvent(eventCompleted);
    graphqlWire.emit(historyDoctors, isHistory);
    await flushPromises();
    const broken = JSON.parse(JSON.stringify(historyEvents));
    broken.uiapi.query.CME_Event__c.edges[0].node.Start__c.value = 'next Tuesday';
    graphqlWire.emit(broken, isHistoryEvents);
    await flushPromises();
    expect(stateErrors(element)).toEqual(['Not an ISO date or datetime: "next Tuesday"']);
    expect($$(element, '[data-id="finding"]')).toHaveLength(0);
  });

  it('shows a rule pack that cannot be read as an error naming the pack and field', async () => {
    const element = await withEvent(eventBadPack);
    const panel = stateErrorPanel(element)!;
    expect(panel.getAttribute('role')).toBe('alert');
    expect(stateErrors(element)).toEqual([
      'Rule pack IN-UCPMP-2024: Currency_Code__c must be an ISO 4217 code such as INR.',
    ]);
    expect($(element, '[data-id="summary"]')).toBeNull();
  });

  it('shows the error panel when the event query fails, and recovers on fresh data', async () => {
    const element = await mount();
    graphqlWire.emitErrors(graphqlErrors, isEvent);
    await flushPromises();
    expect(stateSpinner(element)).toBeNull();
    expect(stateErrorTitle(element)).toBe('The compliance check could not run');
    expect(stateErrors(element)).toEqual([graphqlErrors[0].message]);

    graphqlWire.emit(eventNoPack, isEvent);
    await flushPromises();
    expect(stateErrorPanel(element)).toBeNull();
    expect($(element, '[data-id="no-pack"]')).not.toBeNull();
  });

  it('shows an error when the history cannot be loaded rather than judging without it', async () => {
    const element = await withEvent(eventCompleted);
    graphqlWire.emitErrors([{ message: 'Request timed out' }], isHistory);
    await flushPromises();
    expect(stateErrors(element)).toEqual(['Request timed out']);
    expect($$(element, '[data-id="finding"]')).toHaveLength(0);
  });

  it('shows an error when the history events cannot be loaded', async () => {
    const element = await withEvent(eventCompleted);
    graphqlWire.emit(historyDoctors, isHistory);
    await flushPromises();
    graphqlWire.emitErrors([{ message: 'Insufficient access to CME_Event__c' }], isHistoryEvents);
    await flushPromises();
    expect(stateErrors(element)).toEqual(['Insufficient access to CME_Event__c']);
  });

  it('says when the event cannot be read', async () => {
    const element = await withEvent(eventMissing);
    expect(stateErrors(element)).toEqual([
      'This event could not be read. It may have been deleted, or you may not have access to it.',
    ]);
  });

  it('warns when the history was cut at the query limit', async () => {
    const element = await withEvent(eventCompleted);
    const cut = JSON.parse(JSON.stringify(historyDoctors));
    cut.uiapi.query.CME_Attendance__c.pageInfo.hasNextPage = true;
    graphqlWire.emit(cut, isHistory);
    await flushPromises();
    graphqlWire.emit(historyEvents, isHistoryEvents);
    await flushPromises();
    expect(text($(element, '.truncated'))).toContain('Only the first 2,000 records');
  });

  it('re-runs every query with Check again', async () => {
    const element = await mount();
    await loadCompleted(element);
    const button = $(element, 'c-cme-screen-card', '[data-id="refresh"]') as HTMLElement & { alternativeText?: string };
    expect(button.alternativeText).toBe('Check again');
    button.click();
    await flushPromises();
    expect(refreshEvent).toHaveBeenCalledTimes(1);
    expect(refreshHistory).toHaveBeenCalledTimes(1);
    expect(refreshHistoryEvents).toHaveBeenCalledTimes(1);
  });

  it('re-runs only the queries whose results carried a refresh', async () => {
    const element = await mount();
    graphqlWire.emitErrors(graphqlErrors, isEvent, refreshEvent);
    await flushPromises();
    $(element, 'c-cme-screen-card', '[data-id="refresh"]')!.click();
    await flushPromises();
    expect(refreshEvent).toHaveBeenCalledTimes(1);
    expect(refreshHistory).not.toHaveBeenCalled();
    expect(refreshHistoryEvents).not.toHaveBeenCalled();
    expect(stateErrorPanel(element)).not.toBeNull();
  });

  it('reports a refresh that fails', async () => {
    const element = await mount();
    await loadCompleted(element);
    refreshHistory.mockRejectedValueOnce({ body: { message: 'Session expired' } });
    $(element, 'c-cme-screen-card', '[data-id="refresh"]')!.click();
    await flushPromises();
    expect(stateErrors(element)).toEqual(['Session expired']);
  });

  it('is accessible in every state', async () => {
    const element = await mount();
    await flushPromises();
    await expect(element).toBeAccessible();

    await loadCompleted(element);
    $$(element, '[data-id="evidence-toggle"]')[0].click();
    await flushPromises();
    await expect(element).toBeAccessible();

    graphqlWire.emit(eventNoPack, isEvent);
    await flushPromises();
    await expect(element).toBeAccessible();

    graphqlWire.emitErrors(graphqlErrors, isEvent);
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});

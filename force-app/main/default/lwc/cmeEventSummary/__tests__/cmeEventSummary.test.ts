import CmeEventSummary, { buildFunnel } from 'c/cmeEventSummary';
import { getRecord } from 'lightning/uiRecordApi';
import {
  $,
  cleanUpEachTest,
  $$,
  flushPromises,
  ldsWire,
  mount as mountComponent,
  stateErrorPanel,
  stateErrors,
  stateSpinner,
} from '../../../../../test/lwcTest';

import approved from './data/getRecordApproved.json';
import draftEmpty from './data/getRecordDraftEmpty.json';
import overBudget from './data/getRecordOverBudget.json';
import notFound from './data/getRecordError.json';

const getRecordAdapter = ldsWire(getRecord);

function mount(recordId = 'a01000000000001AAA'): HTMLElement & { recordId?: string } {
  return mountComponent<{ recordId?: string }>('c-cme-event-summary', CmeEventSummary, { recordId });
}

describe('c-cme-event-summary', () => {
  cleanUpEachTest();

  it('shows a spinner while the record loads', async () => {
    const element = mount();
    await flushPromises();
    const spinner = stateSpinner(element);
    expect(spinner).not.toBeNull();
    expect(spinner!.alternativeText).toBe('Loading event summary');
    expect($(element, '.funnel')).toBeNull();
  });

  it('asks LDS for the event by id with the fields it shows', async () => {
    mount('a01000000000009AAA');
    await flushPromises();
    const config = getRecordAdapter.getLastConfig();
    expect(config.recordId).toBe('a01000000000009AAA');
    const fields = (config.fields as { fieldApiName: string }[]).map((f) => f.fieldApiName);
    expect(fields).toEqual(
      expect.arrayContaining([
        'Status__c',
        'Invited_Count__c',
        'Accepted_Count__c',
        'Attended_Count__c',
        'Budget_Utilization__c',
      ]),
    );
  });

  it('renders status, dates, format and the invited → accepted → attended funnel', async () => {
    const element = mount();
    getRecordAdapter.emit(approved);
    await flushPromises();

    expect(stateSpinner(element)).toBeNull();
    expect($(element, '.event-name')!.textContent).toBe('Heart Failure Update — Mumbai');
    const status = $(element, '.status')!;
    expect(status.textContent).toBe('Approved');
    expect(status.className).toContain('slds-theme_success');
    expect($(element, '.event-format')!.textContent).toBe('Hybrid');
    expect($(element, '.event-type')!.textContent).toBe('Conference');

    const dates = $$(element, 'c-cme-date') as (HTMLElement & {
      value?: string;
      timeZone?: string;
    })[];
    expect(dates.map((d) => d.value)).toEqual(['2027-03-14T04:00:00.000Z', '2027-03-14T12:00:00.000Z']);
    expect(dates[0].timeZone).toBe('Asia/Kolkata');

    const steps = $$(element, '.funnel-step');
    expect(steps.map((s) => s.dataset.step)).toEqual(['invited', 'accepted', 'attended']);
    expect(steps.map((s) => $(element, `[data-step="${s.dataset.step}"] .funnel-count`)!.textContent)).toEqual([
      '80',
      '52',
      '39',
    ]);
    // 52/80 = 65 %, 39/52 = 75 %.
    expect(steps.map((s) => s.querySelector('.funnel-conversion')!.textContent)).toEqual(['', '65%', '75%']);
    expect($(element, '.capacity')!.textContent).toBe('52 of 60 places taken');
  });

  it('draws the budget bar from the utilisation percent', async () => {
    const element = mount();
    getRecordAdapter.emit(approved);
    await flushPromises();
    const bar = $(element, 'c-cme-progress-bar', '[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('46');
    expect(bar.getAttribute('aria-label')).toBe('₹227,500.00 spent of ₹500,000.00 budget (45.5%)');
    expect($(element, 'c-cme-progress-bar', '.slds-progress-bar__value')!.style.width).toBe('45.5%');
    expect($(element, '.over-budget')).toBeNull();
  });

  it('caps the bar at 100% and warns when the event is over budget', async () => {
    const element = mount();
    getRecordAdapter.emit(overBudget);
    await flushPromises();
    const value = $(element, 'c-cme-progress-bar', '.slds-progress-bar__value')!;
    expect(value.style.width).toBe('100%');
    expect(value.className).toContain('tone-error');
    expect($(element, '.over-budget')!.textContent).toBe('Over budget by 12.5%');
    // Nobody attended yet: 0 of 20 accepted is 0 %, not blank.
    expect($$(element, '.funnel-conversion').map((c) => c.textContent)).toEqual(['', '80%', '0%']);
  });

  it('shows the empty state of a new draft: nobody invited, no budget', async () => {
    const element = mount();
    getRecordAdapter.emit(draftEmpty);
    await flushPromises();
    expect($(element, '.funnel')).toBeNull();
    expect($(element, '.no-invitations')!.textContent).toBe('No doctors invited yet.');
    expect($(element, '.no-budget')!.textContent).toBe('No budget set yet. Add one before submitting for approval.');
    expect($(element, 'c-cme-progress-bar')).toBeNull();
    expect($(element, '.event-city')!.textContent).toBe('');
  });

  it('shows the error panel with the server message when the record cannot be read', async () => {
    const element = mount();
    getRecordAdapter.error(notFound.body, notFound.status, 'Not Found');
    await flushPromises();
    const panel = stateErrorPanel(element)!;
    expect(panel.getAttribute('role')).toBe('alert');
    expect(stateErrors(element)).toEqual(['The requested resource does not exist']);
    expect($(element, '.funnel')).toBeNull();
    expect(stateSpinner(element)).toBeNull();
  });

  it('recovers from an error when fresh data arrives', async () => {
    const element = mount();
    getRecordAdapter.error(notFound.body, 404, 'Not Found');
    await flushPromises();
    getRecordAdapter.emit(approved);
    await flushPromises();
    expect(stateErrorPanel(element)).toBeNull();
    expect($(element, '.status')!.textContent).toBe('Approved');
  });

  it('is accessible in every state', async () => {
    const element = mount();
    await flushPromises();
    await expect(element).toBeAccessible();
    getRecordAdapter.emit(approved);
    await flushPromises();
    await expect(element).toBeAccessible();
    getRecordAdapter.emit(draftEmpty);
    await flushPromises();
    await expect(element).toBeAccessible();
    getRecordAdapter.error(notFound.body, 404, 'Not Found');
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});

describe('cmeEventSummary helpers', () => {
  it('computes each funnel step as a share of the one before', () => {
    expect(buildFunnel(10, 4, 3).map((s) => s.conversion)).toEqual([null, 40, 75]);
    expect(buildFunnel(0, 0, 0).map((s) => s.conversion)).toEqual([null, null, null]);
    expect(buildFunnel(3, 0, 0).map((s) => s.conversion)).toEqual([null, 0, null]);
  });
});

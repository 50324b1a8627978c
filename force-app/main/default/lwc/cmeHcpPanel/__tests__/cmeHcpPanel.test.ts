import CmeHcpPanel from 'c/cmeHcpPanel';
import {
  $,
  $$,
  flushPromises,
  graphqlConfigs,
  graphqlWire,
  mountRendered,
  stateEmpty,
  stateErrorPanel,
  stateErrorTitle,
  stateErrors,
  stateSpinner,
  text,
  texts,
} from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';
import type { WireConfig as Config } from '../../../../../test/lwcTest';

import panel from './data/panel.json';
import panelNeverInvited from './data/panelNeverInvited.json';
import transfers from './data/transfers.json';

/** Each wire's `refresh`, which lightning/graphql puts on each result it emits. */
const refreshPanel = jest.fn((): Promise<void> => Promise.resolve());
const refreshTransfers = jest.fn((): Promise<void> => Promise.resolve());

const SHAH = '003000000000002AAA';
const isPanel = (c: Config) => !!c.variables?.contactId && !c.variables?.eventIds;
const isTransfers = (c: Config) => Array.isArray(c.variables?.eventIds);
const NOW = new Date('2026-11-20T09:00:00.000Z');

const mount = (props: Record<string, unknown> = {}) =>
  mountRendered('c-cme-hcp-panel', CmeHcpPanel, { recordId: SHAH, ...props });

async function loaded(props: Record<string, unknown> = {}, data: unknown = panel): Promise<HTMLElement> {
  const element = await mount(props);
  graphqlWire.emit(data, isPanel, refreshPanel);
  await flushPromises();
  graphqlWire.emit(transfers, isTransfers, refreshTransfers);
  await flushPromises();
  return element;
}

/** The panel answer with only some rule packs active (and their rules). */
function withPacks(codes: string[], change?: (rule: Record<string, { value: unknown }>) => void) {
  const copy = JSON.parse(JSON.stringify(panel));
  const q = copy.uiapi.query;
  q.CME_Rule_Pack__c.edges = q.CME_Rule_Pack__c.edges.filter((e: { node: { Code__c: { value: string } } }) =>
    codes.includes(e.node.Code__c.value),
  );
  q.CME_Rule__c.edges = q.CME_Rule__c.edges.filter((e: { node: { Rule_Key__c: { value: string } } }) =>
    codes.some((c) => e.node.Rule_Key__c.value.startsWith(`${c}:`)),
  );
  if (change) for (const e of q.CME_Rule__c.edges) change(e.node);
  return copy;
}

const tile = (el: HTMLElement, id: string) => $(el, `[data-id="${id}"] .tile-value`);
const detail = (el: HTMLElement, id: string) => $(el, `[data-id="${id}"] .tile-detail`);
/** Each tile's share of a grid row, in order: "2" for slds-size_1-of-2 (phones), or of slds-medium-size_1-of-N. */
const tileShares = (el: HTMLElement, size: 'size' | 'medium-size') =>
  $$(el, '.tiles > div')
    .map((t) => new RegExp(`\\bslds-${size}_1-of-(\\d+)`).exec(t.className)?.[1])
    .join(' ');

/** The panel answer with no evaluation completed: the two completed ones only started (their first answer kept). */
function withoutCompletedEvaluations() {
  const copy = JSON.parse(JSON.stringify(panel));
  for (const { node } of copy.uiapi.query.CME_Attendance__c.edges as { node: Record<string, { value: unknown }> }[])
    if (node.Evaluated_On__c.value) {
      node.Evaluated_On__c.value = null;
      node.Evaluation_Speaker__c.value = null;
      node.Evaluation_Practice_Change__c.value = null;
    }
  return copy;
}

describe('c-cme-hcp-panel', () => {
  todayEachTest(NOW);

  it('shows a spinner while the doctor’s records load, and asks for this contact', async () => {
    const element = await mount();
    expect(stateSpinner(element)!.alternativeText).toBe('Loading CME engagement');
    expect(graphqlConfigs().filter(isPanel)[0].variables).toEqual({ contactId: SHAH });
  });

  it('asks for the cap year’s events with all their attendance once the pack is known', async () => {
    const element = await mount();
    graphqlWire.emit(panel, isPanel);
    await flushPromises();
    // FY2026-27 (April–March): the events attended from January (payments can lag) and those with direct lines.
    expect(graphqlConfigs().filter(isTransfers)[0].variables).toEqual({
      contactId: SHAH,
      eventIds: ['a01000000000001AAA', 'a01000000000002AAA', 'a01000000000003AAA'],
    });
    const spinner = $(element, '.transfers c-cme-state-panel', 'lightning-spinner') as HTMLElement & {
      alternativeText?: string;
    };
    expect(spinner.alternativeText).toBe('Loading transfers of value');
  });

  it('shows engagement: attendance rate, minutes, questions, feedback and score', async () => {
    const element = await loaded();
    expect(text(tile(element, 'attendance-rate'))).toBe('75%');
    expect(text($(element, '[data-id="attendance-rate"] .tile-detail'))).toBe('3 of 4 accepted invitations attended');
    expect(text(tile(element, 'total-minutes'))).toBe('500');
    expect(text(tile(element, 'questions'))).toBe('6');
    // Two completed evaluations (4 and 5) and a check-in rating from before evaluations (3); the
    // started evaluation's 1 is not counted.
    expect(text(tile(element, 'feedback'))).toBe('4.0 / 5');
    expect(text($(element, '[data-id="feedback"] .tile-detail'))).toBe('from 3 ratings');
    expect(text(tile(element, 'score'))).toBe('73 / 100');
    expect(text($(element, '[data-id="score"] .tile-detail'))).toBe('average of 3 events');
  });

  it('shows what the completed evaluations say, each tile a term, its value and its basis', async () => {
    const element = await loaded();
    const tiles = $$(element, '.tiles > div');
    expect(tiles.map((t) => t.dataset.id)).toEqual([
      'attendance-rate',
      'total-minutes',
      'questions',
      'feedback',
      'score',
      'evaluations',
      'relevance',
      'speaker',
      'practice-change',
    ]);
    expect(
      tiles
        .slice(5)
        .map((t) => [
          text(t.querySelector('dt')),
          text(t.querySelector('.tile-value')),
          text(t.querySelector('.tile-detail')),
        ]),
    ).toEqual([
      ['Evaluations completed', '2', 'of 4 events attended'],
      ['Content relevance', '4.5 / 5', 'from 2 evaluations'],
      ['Speaker quality', '4.0 / 5', 'from 2 evaluations'],
      ['Intends to change practice', '1 of 2', 'completed evaluations answered Yes'],
    ]);
    // Phones: two tiles a row and the ninth across the width; wider screens: five, then four.
    expect(tileShares(element, 'size')).toBe('2 2 2 2 2 2 2 2 1');
    expect(tileShares(element, 'medium-size')).toBe('5 5 5 5 5 4 4 4 4');
  });

  it('shows no evaluation figures before an evaluation is completed, and leaves started ratings out', async () => {
    const element = await loaded({}, withoutCompletedEvaluations());
    expect(text(tile(element, 'evaluations'))).toBe('None yet');
    expect(detail(element, 'evaluations')).toBeNull();
    for (const id of ['relevance', 'speaker', 'practice-change']) expect($(element, `[data-id="${id}"]`)).toBeNull();
    // Only the check-in rating from before evaluations counts now.
    expect(text(tile(element, 'feedback'))).toBe('3.0 / 5');
    expect(tileShares(element, 'size')).toBe('2 2 2 2 2 2');
  });

  it('totals this cap year’s transfers of value against the pack’s cap, by category', async () => {
    const element = await loaded();
    expect(text($(element, '[data-id="tov-heading"]'))).toBe('Transfers of value, FY2026-27');
    expect(text($(element, '[data-id="rule-pack"]'))).toBe(
      'Cap from India UCPMP 2024 (IN-UCPMP-2024), the rule pack of Heart Failure Update — Mumbai',
    );
    // ₹130,000 registration + ₹2,000 (half a shared dinner) + ₹15,000 committed travel; the March
    // workshop belongs to the previous fiscal year and the virtual attendee shares no venue or meal.
    expect(text($(element, '[data-id="tov-total"]'))).toBe('₹147,000 of the ₹150,000 annual cap (98%)');
    const bar = $(element, '[data-id="tov-bar"]', '.slds-progress-bar')!;
    expect(bar.getAttribute('role')).toBe('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('98');
    expect(bar.getAttribute('aria-label')).toBe('₹147,000 of the ₹150,000 annual cap (98%)');
    const value = bar.querySelector('.slds-progress-bar__value') as HTMLElement;
    expect(value.style.width).toBe('98%');
    expect(value.className).toContain('tone-warning');
    expect(text($(element, '[data-id="tov-status"]'))).toBe(
      'At or above the 80% warning level: check before committing more spend.',
    );
    expect(text($(element, '.tov-split'))).toBe('₹132,000 paid, ₹15,000 committed');
    const categories = $$(element, '[data-id="category"]');
    expect(
      categories.map((r) => [text(r.querySelector('.category-label')), text(r.querySelector('.category-amount'))]),
    ).toEqual([
      ['Registration Fee', '₹130,000'],
      ['Travel and Lodging', '₹15,000'],
      ['Food and Beverage', '₹2,000'],
    ]);
  });

  it('uses the only active pack when the latest event’s pack is not active, and flags a cap exceeded', async () => {
    const element = await loaded({}, withPacks(['US-PHRMA-OPENPAYMENTS']));
    expect(text($(element, '[data-id="rule-pack"]'))).toBe(
      'Cap from US PhRMA Code and Open Payments (US-PHRMA-OPENPAYMENTS), the only active rule pack',
    );
    expect(text($(element, '[data-id="tov-heading"]'))).toBe('Transfers of value, 2026');
    // Calendar 2026 also counts the March workshop's printed material (₹2,000 shared by four).
    expect(text($(element, '[data-id="tov-total"]'))).toBe('$147,500 of the $5,000 annual cap (2950%)');
    const value = $(element, '[data-id="tov-bar"]', '.slds-progress-bar__value')!;
    expect(value.style.width).toBe('100%');
    expect(value.className).toContain('tone-error');
    expect(text($(element, '[data-id="tov-status"]'))).toBe('Over the annual cap by $142,500.');
    expect($(element, '[data-id="tov-status"]')!.className).toContain('slds-text-color_error');
  });

  it('shows the total without a bar when the pack sets no annual cap', async () => {
    const offCap = withPacks(['IN-UCPMP-2024'], (rule) => {
      if (rule.Rule_Id__c.value === 'HCP_ANNUAL_CAP') rule.Severity__c.value = 'Off';
    });
    const element = await loaded({}, offCap);
    expect(text($(element, '[data-id="tov-total"]'))).toBe('₹147,000 this year; IN-UCPMP-2024 sets no annual cap.');
    expect($(element, '[data-id="tov-bar"]')).toBeNull();
    expect(text($(element, '[data-id="tov-status"]'))).toBe('');
  });

  it('says when no rule pack applies instead of guessing a cap', async () => {
    const element = await loaded({}, withPacks(['US-PHRMA-OPENPAYMENTS', 'EU-EFPIA']));
    expect(text($(element, '[data-id="rule-pack"]'))).toContain('No rule pack applies, so no cap is shown');
    expect($(element, '[data-id="tov-total"]')).toBeNull();
    expect(graphqlConfigs().filter(isTransfers)).toHaveLength(0);
    // The rest of the panel still shows.
    expect($$(element, '[data-id="history-row"]')).toHaveLength(8);
  });

  it('says when nothing was transferred this year', async () => {
    const quiet = JSON.parse(JSON.stringify(panel));
    // Only the 2025 walk-in and the declined invitation remain.
    quiet.uiapi.query.CME_Attendance__c.edges = quiet.uiapi.query.CME_Attendance__c.edges.slice(3);
    quiet.uiapi.query.CME_Expense__c.edges = [];
    const element = await loaded({}, quiet);
    expect(graphqlConfigs().filter(isTransfers)).toHaveLength(0);
    expect(text($(element, '.tov-none'))).toBe('No transfers of value in FY2026-27.');
    expect(text(tile(element, 'attendance-rate'))).toBe('0%');
  });

  it('shows a transfers error inside its section and keeps the rest', async () => {
    const element = await mount();
    graphqlWire.emit(panel, isPanel);
    await flushPromises();
    graphqlWire.emitErrors([{ message: 'Insufficient access to CME_Expense__c' }], isTransfers);
    await flushPromises();
    const error = $(element, '.transfers c-cme-state-panel', '[data-id="error-panel"]')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(text(error.querySelector('.error-title'))).toBe('Transfers of value could not be loaded.');
    expect(texts(element, '.transfers c-cme-state-panel', '.error-message')).toEqual([
      'Insufficient access to CME_Expense__c',
    ]);
    expect($(element, '[data-id="tov-total"]')).toBeNull();
    expect(stateErrorPanel(element)).toBeNull();
    expect(text(tile(element, 'attendance-rate'))).toBe('75%');
  });

  it('lists upcoming invitations soonest first with their status', async () => {
    const element = await loaded();
    const rows = $$(element, '[data-id="upcoming"]');
    expect(rows.map((r) => text(r.querySelector('.upcoming-name')))).toEqual([
      'Atrial Fibrillation Masterclass',
      'Heart Failure Summit 2027',
    ]);
    expect(rows.map((r) => text(r.querySelector('.upcoming-status')))).toEqual(['Invited', 'Accepted']);
    expect(rows.map((r) => text(r.querySelector('.upcoming-role')))).toEqual(['Attendee', 'Speaker']);
    const date = rows[0].querySelector('c-cme-date') as Element & {
      value?: string;
      timeZone?: string;
    };
    expect(date.value).toBe('2026-12-15T04:30:00.000Z');
    expect(date.timeZone).toBe('Asia/Kolkata');
  });

  it('lists the CME history newest first, with walk-ins and no-shows', async () => {
    const element = await loaded();
    const rows = $$(element, '[data-id="history-row"]');
    const cells = (r: HTMLElement) =>
      ['.event-name', '.status', '.role', '.attended', '.minutes'].map((c) => text(r.querySelector(c)));
    expect(rows.map(cells)).toEqual([
      ['Heart Failure Summit 2027', 'Accepted', 'Speaker', 'No', ''],
      ['Atrial Fibrillation Masterclass', 'Invited', 'Attendee', 'No', ''],
      ['Heart Failure Update — Mumbai', 'Accepted', 'Attendee', 'Yes', '20'],
      ['Diabetes Roundtable — Nashik', 'Accepted', 'Attendee', 'No', ''],
      ['Cardiology Evening — Pune', 'Accepted', 'Attendee', 'Yes', '180'],
      ['Lipid Management Workshop', 'Accepted', 'Attendee', 'Yes', '240'],
      ['Oncology Update for Physicians', 'Declined', 'Attendee', 'No', ''],
      ['Hospital Grand Rounds — KEM', 'Walk-in', '', 'Yes', '60'],
    ]);
    expect($$(element, '.history th[scope="col"]').map(text)).toEqual([
      'Event',
      'Date',
      'Status',
      'Role',
      'Attended',
      'Minutes',
    ]);
    expect($(element, '[data-id="history-toggle"]')).toBeNull();
  });

  it('shows the first rows of a long history and the rest on request', async () => {
    const element = await loaded({ maxHistoryRows: 3 });
    expect($$(element, '[data-id="history-row"]')).toHaveLength(3);
    const toggle = $(element, '[data-id="history-toggle"]') as HTMLElement & { label?: string };
    expect(toggle.label).toBe('Show all 8 events');
    toggle.click();
    await flushPromises();
    expect($$(element, '[data-id="history-row"]')).toHaveLength(8);
    expect(($(element, '[data-id="history-toggle"]') as HTMLElement & { label?: string }).label).toBe('Show fewer');
    $(element, '[data-id="history-toggle"]')!.click();
    await flushPromises();
    expect($$(element, '[data-id="history-row"]')).toHaveLength(3);
  });

  it('says what to do for a doctor never invited', async () => {
    const element = await mount();
    graphqlWire.emit(panelNeverInvited, isPanel);
    await flushPromises();
    expect(text(stateEmpty(element))).toBe(
      "Dr Asha Rao has not been invited to any CME event yet. Invite them from an event's Invite Doctors panel.",
    );
    expect($(element, '.engagement')).toBeNull();
    expect(graphqlConfigs().filter(isTransfers)).toHaveLength(0);
  });

  it('shows the error panel when the doctor’s records cannot be loaded, and recovers', async () => {
    const element = await mount();
    graphqlWire.emitErrors([{ message: 'Insufficient access to CME_Invitation__c' }], isPanel);
    await flushPromises();
    expect(stateErrorPanel(element)!.getAttribute('role')).toBe('alert');
    expect(stateErrorTitle(element)).toBe('CME engagement could not be loaded');
    expect(stateErrors(element)).toEqual(['Insufficient access to CME_Invitation__c']);
    expect($(element, '.engagement')).toBeNull();
    graphqlWire.emit(panel, isPanel);
    await flushPromises();
    expect(stateErrorPanel(element)).toBeNull();
  });

  it('names a rule pack that cannot be read', async () => {
    const bad = JSON.parse(JSON.stringify(panel));
    bad.uiapi.query.CME_Rule_Pack__c.edges[0].node.Fiscal_Year_Start_Month__c.value = 13;
    const element = await mount();
    graphqlWire.emit(bad, isPanel);
    await flushPromises();
    expect(stateErrors(element)).toEqual([
      'Rule pack IN-UCPMP-2024: a Fiscal Year pack needs Fiscal_Year_Start_Month__c 1–12.',
    ]);
  });

  it('refreshes both queries, and reports a refresh that fails', async () => {
    const element = await loaded();
    $(element, 'c-cme-screen-card', '[data-id="refresh"]')!.click();
    await flushPromises();
    expect(refreshPanel).toHaveBeenCalledTimes(1);
    expect(refreshTransfers).toHaveBeenCalledTimes(1);
    refreshTransfers.mockRejectedValueOnce({ body: { message: 'Session expired' } });
    $(element, 'c-cme-screen-card', '[data-id="refresh"]')!.click();
    await flushPromises();
    expect(refreshPanel).toHaveBeenCalledTimes(2);
    expect(stateErrors(element)).toEqual(['Session expired']);
    expect($(element, '.engagement')).toBeNull();
  });

  it('refreshes only the wires that have given a result with a refresh', async () => {
    const element = await mount();
    graphqlWire.emitErrors([{ message: 'Insufficient access to CME_Invitation__c' }], isPanel, refreshPanel);
    await flushPromises();
    $(element, 'c-cme-screen-card', '[data-id="refresh"]')!.click();
    await flushPromises();
    expect(refreshPanel).toHaveBeenCalledTimes(1);
    expect(refreshTransfers).not.toHaveBeenCalled();
    expect(stateErrors(element)).toEqual(['Insufficient access to CME_Invitation__c']);
  });

  it('is accessible in every state', async () => {
    const element = await mount();
    await expect(element).toBeAccessible();
    graphqlWire.emit(panel, isPanel);
    await flushPromises();
    await expect(element).toBeAccessible();
    graphqlWire.emit(transfers, isTransfers);
    await flushPromises();
    await expect(element).toBeAccessible();
    graphqlWire.emitErrors([{ message: 'Failed' }], isTransfers);
    await flushPromises();
    await expect(element).toBeAccessible();
    // No completed evaluation: the evaluation tiles' empty state.
    graphqlWire.emit(withoutCompletedEvaluations(), isPanel);
    await flushPromises();
    expect(text(tile(element, 'evaluations'))).toBe('None yet');
    await expect(element).toBeAccessible();
    graphqlWire.emit(panelNeverInvited, isPanel);
    await flushPromises();
    await expect(element).toBeAccessible();
    graphqlWire.emitErrors([{ message: 'Failed' }], isPanel);
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});

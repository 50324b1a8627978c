import { createElement } from 'lwc';
import CmeInviteDoctors, { INSIGHT_DELAY_MS } from 'c/cmeInviteDoctors';
import { graphql } from 'lightning/graphql';
import { createRecord, getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

import eventApproved from './data/eventApproved.json';
import eventDraft from './data/eventDraft.json';
import eventNotFound from './data/eventNotFound.json';
import doctorsPage1 from './data/doctorsPage1.json';
import doctorsPage2 from './data/doctorsPage2.json';
import doctorsNone from './data/doctorsNone.json';
import eventInvitations from './data/eventInvitations.json';
import rulePacks from './data/rulePacks.json';
import rulePacksInvalid from './data/rulePacksInvalid.json';
import rulePacksNone from './data/rulePacksNone.json';
import history from './data/history.json';
import historyEmpty from './data/historyEmpty.json';
import sharedCosts from './data/sharedCosts.json';
import channelPicklist from './data/channelPicklist.json';
import invitationObjectInfo from './data/invitationObjectInfo.json';
import duplicateError from './data/duplicateError.json';
import validationError from './data/validationError.json';

interface WireConfig {
  variables?: Record<string, unknown>;
}
type Filter = (config: WireConfig) => boolean;

type Refresh = () => Promise<void>;
// sfdx-lwc-jest's graphql stub: emit(value, filterFn, refreshFn) puts `refresh: refreshFn` on the
// result, as lightning/graphql does; the component refreshes through it.
const gqlWire = graphql as unknown as {
  emit(value: unknown, filter?: Filter, refresh?: Refresh): void;
  emitErrors(errors: unknown, filter?: Filter, refresh?: Refresh): void;
};
const refreshInvitations = jest.fn(() => Promise.resolve());
const refreshHistory = jest.fn(() => Promise.resolve());
const refreshShared = jest.fn(() => Promise.resolve());
const recordWire = getRecord as unknown as { emit(v: unknown): void; error(body?: unknown, status?: number): void };
const objectInfoWire = getObjectInfo as unknown as { emit(v: unknown): void };
const picklistWire = getPicklistValues as unknown as {
  emit(v: unknown): void;
  getLastConfig(): Record<string, unknown>;
};

// Each GraphQL wire of the component has its own variables, so a test can address one of them.
const has =
  (key: string): Filter =>
  (config) =>
    !!config.variables && key in config.variables;
const DOCTORS = has('cursor');
const INVITATIONS = has('eventId');
const PACKS = has('active');
const HISTORY = has('ids');
const SHARED = has('eventIds');

/** The current config of the wire the filter selects (read through emit's filter, emitting nothing). */
function configOf(filter: Filter): WireConfig | undefined {
  let found: WireConfig | undefined;
  gqlWire.emit(undefined, (config) => {
    if (filter(config)) found = config;
    return false;
  });
  return found;
}

const EVENT = 'a01000000000001AAA';
const D1 = '003000000000001AAA';
const D2 = '003000000000002AAA';
const D3 = '003000000000003AAA';
const D4 = '003000000000004AAA';

// A macrotask: lets wire callbacks, re-renders and the component's awaited promises settle.
function flush(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits for the pause after which the component fetches the history of the rows on screen. */
function afterRowsSettle(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, INSIGHT_DELAY_MS + 20));
}

type Element = HTMLElement & { recordId?: string; rowsPerPage?: number };

async function mount(props: Partial<Element> = {}): Promise<Element> {
  const element = createElement('c-cme-invite-doctors', { is: CmeInviteDoctors }) as Element;
  element.recordId = EVENT;
  Object.assign(element, props);
  document.body.appendChild(element);
  await flush();
  return element;
}

interface LoadOptions {
  event?: unknown;
  packs?: unknown;
  invitations?: unknown;
  page2?: boolean;
}

async function load(options: LoadOptions = {}): Promise<void> {
  recordWire.emit(options.event ?? eventApproved);
  gqlWire.emit(options.packs ?? rulePacks, PACKS);
  gqlWire.emit(options.invitations ?? eventInvitations, INVITATIONS, refreshInvitations);
  gqlWire.emit(doctorsPage1, DOCTORS);
  await flush();
  if (options.page2 !== false) {
    gqlWire.emit(doctorsPage2, (c) => DOCTORS(c) && c.variables!.cursor === 'djE6Mw==');
    await flush();
  }
  await afterRowsSettle();
}

/** Loads everything and answers the history and shared-cost queries for the first rows. */
async function loadWithInsights(options: LoadOptions = {}): Promise<void> {
  await load(options);
  gqlWire.emit(history, HISTORY);
  await flush();
  gqlWire.emit(sharedCosts, SHARED);
  await flush();
}

// Inside the component's shadow root, or inside an element already found there (a row).
const $ = (el: HTMLElement, selector: string) => (el.shadowRoot ?? el).querySelector(selector) as HTMLElement | null;
const $$ = (el: HTMLElement, selector: string) =>
  [...(el.shadowRoot ?? el).querySelectorAll(selector)] as HTMLElement[];
const text = (el: HTMLElement | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rowOf = (el: HTMLElement, doctorId: string) => $(el, `tr[data-doctor-id="${doctorId}"]`)!;
const names = (el: HTMLElement) => $$(el, '.doctor-name').map((n) => n.textContent);
const checkbox = (el: HTMLElement, doctorId: string) =>
  $(el, `input[data-id="row-checkbox"][data-doctor-id="${doctorId}"]`) as HTMLInputElement;

async function typeSearch(el: HTMLElement, value: string): Promise<void> {
  $(el, '[data-id="search-input"]')!.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
}

async function pick(el: HTMLElement, dataId: string, value: string): Promise<void> {
  $(el, `[data-id="${dataId}"]`)!.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
}

async function toggle(input: HTMLInputElement, checked: boolean): Promise<void> {
  input.checked = checked;
  input.dispatchEvent(new CustomEvent('change'));
  await flush();
}

async function click(el: HTMLElement, dataId: string): Promise<void> {
  $(el, `[data-id="${dataId}"]`)!.click();
  await flush();
  await flush();
}

function collectToasts(el: HTMLElement): { title: string; message: string; variant: string }[] {
  const toasts: { title: string; message: string; variant: string }[] = [];
  el.addEventListener('lightning__showtoast', (e) => toasts.push((e as CustomEvent).detail));
  return toasts;
}

describe('c-cme-invite-doctors', () => {
  beforeAll(() => {
    // Only the clock is fixed (the cap year depends on today); timers stay real.
    jest.useFakeTimers({
      now: new Date('2026-11-20T10:00:00.000Z'),
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });

  afterAll(() => {
    jest.useRealTimers();
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('loading and states', () => {
    it('shows a spinner until the first page of doctors arrives', async () => {
      const element = await mount();
      const spinner = $(element, 'lightning-spinner') as HTMLElement & { alternativeText?: string };
      expect(spinner.alternativeText).toBe('Loading doctors');
      expect($(element, 'table')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('asks for a small first page of doctors, the event, its invitations and the active packs', async () => {
      await mount();
      // A small first page shows rows at once; the rest come in pages of 2000.
      expect(configOf(DOCTORS)!.variables).toEqual({ cursor: null, pageSize: 200 });
      expect(configOf(INVITATIONS)!.variables).toEqual({ eventId: EVENT });
      expect(configOf(PACKS)!.variables).toEqual({ active: true });
      // No history is asked for before there is anything to show.
      expect(configOf(HISTORY)?.variables).toBeUndefined();
      const recordConfig = (getRecord as unknown as { getLastConfig(): Record<string, unknown> }).getLastConfig();
      expect(recordConfig.recordId).toBe(EVENT);
    });

    it('shows the first page at once and chains the next page by its cursor', async () => {
      const element = await mount();
      await load({ page2: false });
      expect($(element, 'lightning-spinner')).toBeNull();
      expect(names(element)).toEqual(['Dr Asha Rao', 'Dr Vikram Shah', 'Dr José Fernandes']);
      expect(text($(element, '[data-id="match-count"]'))).toBe('Showing 3 of 3 matches');
      expect(text($(element, '[data-id="loading-more"]'))).toBe('Loading more doctors: 3 of 5 loaded…');
      expect(configOf(DOCTORS)!.variables).toEqual({ cursor: 'djE6Mw==', pageSize: 2000 });

      gqlWire.emit(doctorsPage2, DOCTORS);
      await flush();
      expect(names(element)).toHaveLength(5);
      expect($(element, '[data-id="loading-more"]')).toBeNull();
      expect(text($(element, '[data-id="match-count"]'))).toBe('Showing 5 of 5 matches');
    });

    it('does not list a doctor twice when a page is fetched again', async () => {
      const element = await mount();
      await load();
      gqlWire.emit(doctorsPage2, DOCTORS);
      await flush();
      expect(names(element)).toHaveLength(5);
    });

    it('says what to do when there are no doctors at all', async () => {
      const element = await mount();
      recordWire.emit(eventApproved);
      gqlWire.emit(doctorsNone, DOCTORS);
      await flush();
      expect(text($(element, '[data-id="no-doctors"]'))).toBe(
        'No doctors found. Doctors are contacts with a specialty or an HCP type; ask your admin to load them.',
      );
      expect($(element, '[data-id="search-input"]')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the load error panel when the doctors cannot be read', async () => {
      const element = await mount();
      gqlWire.emitErrors([{ message: 'Field CME_Territory__c is not accessible' }], DOCTORS);
      await flush();
      const panel = $(element, '[data-id="load-error"]')!;
      expect(panel.getAttribute('role')).toBe('alert');
      expect($$(element, '.error-message').map((m) => m.textContent)).toEqual([
        'Field CME_Territory__c is not accessible',
      ]);
      expect($(element, 'lightning-spinner')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the load error panel when the event cannot be read', async () => {
      const element = await mount();
      recordWire.error(eventNotFound.body, 404);
      gqlWire.emit(doctorsPage1, DOCTORS);
      await flush();
      expect($$(element, '.error-message').map((m) => m.textContent)).toEqual([
        'The requested resource does not exist',
      ]);
      expect($(element, 'table')).toBeNull();
    });

    it('keeps what it has and says so when a later page fails', async () => {
      const element = await mount();
      await load({ page2: false });
      gqlWire.emitErrors([{ message: 'Request timed out' }], DOCTORS);
      await flush();
      expect(names(element)).toHaveLength(3);
      expect(text($(element, '.load-incomplete'))).toBe('Only 3 of 5 doctors could be loaded: Request timed out');
      expect($(element, '[data-id="loading-more"]')).toBeNull();
    });
  });

  describe('search', () => {
    it('filters in memory by name, specialty, territory and city as the user types', async () => {
      const element = await mount();
      await load();
      await typeSearch(element, 'cardio');
      expect(names(element)).toEqual(['Dr Asha Rao', 'Dr Vikram Shah']);
      expect(text($(element, '[data-id="match-count"]'))).toBe('Showing 2 of 2 matches');

      await typeSearch(element, 'MUMBAI');
      expect(names(element)).toEqual(['Dr Asha Rao']);

      await typeSearch(element, 'chennai south');
      expect(names(element)).toEqual(['Dr Meera Iyer']);

      // Accents do not matter.
      await typeSearch(element, 'jose goa');
      expect(names(element)).toEqual(['Dr José Fernandes']);
      // No new request for filtering: still the same doctors query.
      expect(configOf(DOCTORS)!.variables).toEqual({ cursor: 'djE6Mw==', pageSize: 2000 });
    });

    it('filters by the specialty and territory pickers built from the doctors', async () => {
      const element = await mount();
      await load();
      const specialty = $(element, '[data-id="specialty-filter"]') as HTMLElement & {
        options: { label: string; value: string }[];
      };
      expect(specialty.options.map((o) => o.label)).toEqual([
        'All specialties',
        'Cardiology',
        'Endocrinology',
        'Neurology',
        'Oncology',
      ]);
      await pick(element, 'specialty-filter', 'Cardiology');
      expect(names(element)).toEqual(['Dr Asha Rao', 'Dr Vikram Shah']);
      await pick(element, 'territory-filter', 'Pune Central');
      expect(names(element)).toEqual(['Dr Vikram Shah']);
      await pick(element, 'specialty-filter', '');
      await pick(element, 'territory-filter', '');
      expect(names(element)).toHaveLength(5);
    });

    it('shows the empty search state and clears the filters from it', async () => {
      const element = await mount();
      await load();
      await typeSearch(element, 'zzz');
      expect($(element, 'table')).toBeNull();
      expect(text($(element, '[data-id="no-matches"] p'))).toBe(
        'No doctors match your search. Try fewer words or clear the filters.',
      );
      expect(text($(element, '[data-id="match-count"]'))).toBe('Showing 0 of 0 matches');
      await expect(element).toBeAccessible();
      await click(element, 'clear-filters');
      expect(names(element)).toHaveLength(5);
      expect(($(element, '[data-id="search-input"]') as HTMLInputElement).value).toBe('');
    });

    it('renders a page of rows at a time with "Show more"', async () => {
      const element = await mount({ rowsPerPage: 2 });
      await load();
      expect(names(element)).toEqual(['Dr Asha Rao', 'Dr Vikram Shah']);
      expect(text($(element, '[data-id="match-count"]'))).toBe('Showing 2 of 5 matches');
      const more = $(element, '[data-id="show-more"]') as HTMLElement & { label: string };
      expect(more.label).toBe('Show 2 more');
      await click(element, 'show-more');
      expect(names(element)).toHaveLength(4);
      expect(($(element, '[data-id="show-more"]') as HTMLElement & { label: string }).label).toBe('Show 1 more');
      await click(element, 'show-more');
      expect($(element, '[data-id="show-more"]')).toBeNull();
      // A new search starts from one page again.
      await typeSearch(element, 'dr');
      expect(names(element)).toHaveLength(2);
    });
  });

  describe('transfers of value and warnings', () => {
    it('loads the history of the doctors on screen only, for the cap year and the repeat-topic window', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await load();
      expect(configOf(HISTORY)!.variables).toEqual({
        ids: [D1, D2, D3],
        from: '2026-01-15T00:00:00.000Z',
        to: '2027-03-31T23:59:59.999Z',
        fromDay: '2026-01-15',
        toDay: '2027-03-31',
      });
      expect(text($(rowOf(element, D1), '.checking'))).toBe('Checking…');
      gqlWire.emit(history, HISTORY);
      await flush();
      // Shared costs of the events they attended come next.
      expect(configOf(SHARED)!.variables).toEqual({ eventIds: ['a01000000000002AAA'] });
    });

    it('shows value against the cap, events this year and warnings per doctor', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await loadWithInsights();

      const asha = rowOf(element, D1);
      expect(text($(asha, '.tov-text'))).toBe('₹85,000 of ₹1,00,000 (85%)');
      const bar = $(asha, '[role="progressbar"]')!;
      expect(bar.getAttribute('aria-valuenow')).toBe('85');
      expect(($(asha, '.slds-progress-bar__value') as HTMLElement).className).toContain('bar-near');
      expect(text($(asha, '.events'))).toBe('1 attended');
      expect($$(asha, '.warning-title').map((w) => w.textContent)).toEqual([
        'Near the annual cap',
        'Repeat topic',
        'Too many events this year',
      ]);
      expect($$(asha, '.warning-severity').map((w) => w.textContent)).toEqual(['Warning:', 'Warning:', 'Warning:']);
      expect(text($$(asha, '.warning-message')[0])).toBe(
        '₹85,000 of the ₹1,00,000 cap in FY2026-27 (85%), paid and committed.',
      );
      expect(text($$(asha, '.warning-message')[1])).toContain('again 219 days after HFpEF Masterclass — Pune');

      const vikram = rowOf(element, D2);
      expect(text($(vikram, '.tov-text'))).toBe('₹1,20,000 of ₹1,00,000 (120%)');
      expect(($(vikram, '[role="progressbar"]') as HTMLElement).getAttribute('aria-valuenow')).toBe('100');
      expect(($(vikram, '.slds-progress-bar__value') as HTMLElement).style.width).toBe('100%');
      expect($$(vikram, '.warning-title').map((w) => w.textContent)).toEqual([
        'Over the annual cap',
        'Too many events this year',
        'No disclosure consent',
      ]);
      expect($$(vikram, '.warning-severity')[0].textContent).toBe('Blocks:');

      const jose = rowOf(element, D3);
      expect(text($(jose, '.tov-text'))).toBe('₹0 of ₹1,00,000 (0%)');
      expect(text($(jose, '.no-warnings'))).toBe('No warnings');
      expect(text($(jose, '.events'))).toBe('0 attended');

      expect(text($(element, '.year-note'))).toBe(
        'Value and events in FY2026-27 (paid and committed spend) under the India UCPMP 2024 rule pack.',
      );
      await expect(element).toBeAccessible();
    });

    it('loads the next rows when more are shown, without asking again for the first ones', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await loadWithInsights();
      await click(element, 'show-more');
      await afterRowsSettle();
      expect(configOf(HISTORY)!.variables!.ids).toEqual([D4, '003000000000005AAA']);
      gqlWire.emit(historyEmpty, HISTORY);
      await flush();
      expect(text($(rowOf(element, D4), '.tov-text'))).toBe('₹0 of ₹1,00,000 (0%)');
      // The earlier rows kept their figures.
      expect(text($(rowOf(element, D1), '.tov-text'))).toBe('₹85,000 of ₹1,00,000 (85%)');
    });

    it('waits until the rows stop changing before fetching their history', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await load();
      const first = configOf(HISTORY)!.variables;
      expect(first!.ids).toEqual([D1, D2, D3]);
      gqlWire.emit(historyEmpty, HISTORY);
      await flush();
      // Typing: Meera, then Rahul are on screen for a moment each; nothing is asked for meanwhile.
      await typeSearch(element, 'onc');
      expect(names(element)).toEqual(['Dr Meera Iyer']);
      expect(configOf(HISTORY)!.variables).toBe(first);
      await typeSearch(element, 'neuro');
      expect(configOf(HISTORY)!.variables).toBe(first);
      await afterRowsSettle();
      // One request, for the row that stayed on screen.
      expect(configOf(HISTORY)!.variables!.ids).toEqual(['003000000000005AAA']);
    });

    it('reuses shared costs it already has instead of asking again', async () => {
      const element = await mount({ rowsPerPage: 1 });
      await load();
      gqlWire.emit(history, HISTORY);
      await flush();
      gqlWire.emit(sharedCosts, SHARED);
      await flush();
      await click(element, 'show-more');
      await afterRowsSettle();
      const sharedBefore = configOf(SHARED)!.variables;
      // Vikram's history names the same attended event; its costs are known.
      gqlWire.emit(history, HISTORY);
      await flush();
      expect(configOf(SHARED)!.variables).toBe(sharedBefore);
      expect(text($(rowOf(element, D2), '.tov-text'))).toBe('₹1,20,000 of ₹1,00,000 (120%)');
    });

    it('says when the history cannot be loaded and retries on request', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await load();
      gqlWire.emitErrors([{ message: 'Too many requests' }], HISTORY, refreshHistory);
      await flush();
      expect(text($(element, '.insight-error p'))).toBe("Doctors' history could not be loaded: Too many requests");
      expect(text($(rowOf(element, D1), '.not-available'))).toBe('Not available');
      await expect(element).toBeAccessible();

      await click(element, 'retry-insights');
      expect(refreshHistory).toHaveBeenCalledTimes(1);
      expect($(element, '.insight-error')).toBeNull();
      gqlWire.emit(history, HISTORY);
      await flush();
      gqlWire.emit(sharedCosts, SHARED);
      await flush();
      expect(text($(rowOf(element, D1), '.tov-text'))).toBe('₹85,000 of ₹1,00,000 (85%)');
    });

    it('retries a failed shared-cost query by refreshing it', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await load();
      gqlWire.emit(history, HISTORY);
      await flush();
      gqlWire.emitErrors([{ message: 'Timeout' }], SHARED, refreshShared);
      await flush();
      expect(text($(element, '.insight-error p'))).toBe("Doctors' history could not be loaded: Timeout");
      await click(element, 'retry-insights');
      expect(refreshShared).toHaveBeenCalledTimes(1);
      gqlWire.emit(sharedCosts, SHARED);
      await flush();
      expect(text($(rowOf(element, D1), '.tov-text'))).toBe('₹85,000 of ₹1,00,000 (85%)');
    });

    it('starts a fresh batch on retry when other rows are on screen by then', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await load();
      gqlWire.emitErrors([{ message: 'Too many requests' }], HISTORY, refreshHistory);
      await flush();
      await typeSearch(element, 'oncology');
      await click(element, 'retry-insights');
      await afterRowsSettle();
      expect(refreshHistory).not.toHaveBeenCalled();
      expect(configOf(HISTORY)!.variables!.ids).toEqual([D4]);
    });

    it('reports a failed refresh on retry as a history error again', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await load();
      gqlWire.emitErrors([{ message: 'Too many requests' }], HISTORY, refreshHistory);
      await flush();
      refreshHistory.mockRejectedValueOnce(new Error('Offline'));
      await click(element, 'retry-insights');
      expect(text($(element, '.insight-error p'))).toBe("Doctors' history could not be loaded: Offline");
    });

    it('shows values without caps or warnings when no rule pack applies', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await loadWithInsights({ packs: rulePacksNone });
      expect(text($(rowOf(element, D1), '.tov-text'))).toBe('85,000');
      expect($(rowOf(element, D1), '[role="progressbar"]')).toBeNull();
      expect(text($(rowOf(element, D1), '.no-warnings'))).toBe('No warnings');
      expect(text($(element, '.year-note'))).toBe(
        'No rule pack applies to this event, so caps and compliance warnings are not shown. Value and events are for 2026.',
      );
    });

    it('says when the rule packs cannot be read and still lists doctors', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await load({ packs: rulePacksInvalid });
      expect(text($(element, '.pack-error'))).toBe(
        'Compliance rules could not be loaded, so warnings are not shown: Rule pack IN-UCPMP-2024: Currency_Code__c must be an ISO 4217 code such as INR.',
      );
      expect(names(element)).toHaveLength(3);
      gqlWire.emitErrors([{ message: 'No access to CME_Rule__c' }], PACKS);
      await flush();
      expect(text($(element, '.pack-error'))).toContain('No access to CME_Rule__c');
    });
  });

  describe('approval', () => {
    it('blocks inviting for an event that is not approved, while browsing still works', async () => {
      const element = await mount();
      await load({ event: eventDraft });
      const panel = $(element, '[data-id="invite-blocked"]')!;
      expect(text(panel)).toContain(
        'Doctors can be invited only once the event is approved. This event is Draft. You can still search doctors and check their history.',
      );
      expect($(element, '.blocked-detail')).toBeNull();
      expect(checkbox(element, D1).disabled).toBe(true);
      expect(($(element, '[data-id="select-all"]') as HTMLInputElement).disabled).toBe(true);
      expect(($(element, '[data-id="invite-button"]') as HTMLElement & { disabled: boolean }).disabled).toBe(true);
      await typeSearch(element, 'cardio');
      expect(names(element)).toHaveLength(2);
      await expect(element).toBeAccessible();
    });

    it('blocks an approved event whose approval is dated after now, with the pack’s reason', async () => {
      const element = await mount();
      const future = JSON.parse(JSON.stringify(eventApproved));
      future.fields.Approved_On__c.value = '2026-12-01T00:00:00.000Z';
      await load({ event: future });
      expect($(element, '[data-id="invite-blocked"]')).not.toBeNull();
      expect(text($(element, '.blocked-detail'))).toContain(
        'before Heart Failure Update — Mumbai was approved on 2026-12-01',
      );
    });

    it('lets an approved event invite', async () => {
      const element = await mount();
      await load();
      expect($(element, '[data-id="invite-blocked"]')).toBeNull();
      expect(checkbox(element, D1).disabled).toBe(false);
    });
  });

  describe('selection and inviting', () => {
    it('marks doctors already invited and does not let them be selected', async () => {
      const element = await mount();
      await load();
      const meera = rowOf(element, D4);
      expect(text($(meera, '.invited-badge'))).toBe('Invited');
      expect(checkbox(element, D4).disabled).toBe(true);
      expect(text($(meera, '.slds-checkbox .slds-assistive-text'))).toBe('Dr Meera Iyer is already invited');
      expect(text($(rowOf(element, D1), '.slds-checkbox .slds-assistive-text'))).toBe('Select Dr Asha Rao');
    });

    it('selects rows one by one or all shown, and clears the selection', async () => {
      const element = await mount();
      await load();
      const button = () =>
        $(element, '[data-id="invite-button"]') as HTMLElement & { label: string; disabled: boolean };
      expect(button().label).toBe('Invite 0 doctors');
      expect(button().disabled).toBe(true);

      await toggle(checkbox(element, D1), true);
      expect(button().label).toBe('Invite 1 doctor');
      expect(button().disabled).toBe(false);
      expect(text($(element, '[data-id="selected-count"]'))).toBe('1 selected');

      const all = $(element, '[data-id="select-all"]') as HTMLInputElement;
      await toggle(all, true);
      // Everyone shown except Meera, who is invited already.
      expect(button().label).toBe('Invite 4 doctors');
      expect(($(element, '[data-id="select-all"]') as HTMLInputElement).checked).toBe(true);

      await toggle(checkbox(element, D2), false);
      expect(button().label).toBe('Invite 3 doctors');
      expect(($(element, '[data-id="select-all"]') as HTMLInputElement).checked).toBe(false);

      await toggle(all, false);
      expect(button().label).toBe('Invite 0 doctors');

      await toggle(checkbox(element, D3), true);
      await click(element, 'clear-selection');
      expect(button().label).toBe('Invite 0 doctors');
      expect($(element, '[data-id="clear-selection"]')).toBeNull();
    });

    it('uses native, labelled checkboxes that work from the keyboard', async () => {
      const element = await mount();
      await load();
      const box = checkbox(element, D1);
      expect(box.tagName).toBe('INPUT');
      expect(box.type).toBe('checkbox');
      expect(box.getAttribute('tabindex')).toBeNull();
      // The label is tied to the checkbox, so a screen reader names it and a tap on the label toggles it.
      const label = box.parentElement!.querySelector('label')!;
      expect(label.getAttribute('for')).toBe(box.id);
      // Space on a focused checkbox fires click, which checks it and fires change.
      box.focus();
      box.click();
      await flush();
      expect(($(element, '[data-id="invite-button"]') as HTMLElement & { label: string }).label).toBe(
        'Invite 1 doctor',
      );
    });

    it('keeps a selection across searches', async () => {
      const element = await mount();
      await load();
      await toggle(checkbox(element, D1), true);
      await typeSearch(element, 'oncology');
      expect(($(element, '[data-id="invite-button"]') as HTMLElement & { label: string }).label).toBe(
        'Invite 1 doctor',
      );
      await typeSearch(element, '');
      expect(checkbox(element, D1).checked).toBe(true);
    });

    it('notes selected doctors with blocking warnings', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await loadWithInsights();
      await toggle(checkbox(element, D2), true);
      expect(text($(element, '.selected-blocking'))).toBe(
        '1 of the selected doctors have warnings that block under the rule pack. Check with compliance before inviting.',
      );
    });

    it('creates one invitation per selected doctor and confirms with counts', async () => {
      (createRecord as jest.Mock).mockImplementation(({ fields }) =>
        Promise.resolve({ id: `a02-${String(fields.Doctor__c)}` }),
      );
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      objectInfoWire.emit(invitationObjectInfo);
      await flush();
      expect(picklistWire.getLastConfig().recordTypeId).toBe('012000000000000AAA');
      picklistWire.emit(channelPicklist);
      await flush();
      const channel = $(element, '[data-id="channel"]') as HTMLElement & {
        value: string;
        options: unknown[];
        disabled: boolean;
      };
      expect(channel.value).toBe('Email');
      expect(channel.options).toHaveLength(3);
      // Chosen before any doctor is selected.
      expect(channel.disabled).toBe(false);
      await pick(element, 'channel', 'Phone');

      await toggle(checkbox(element, D1), true);
      await toggle(checkbox(element, D3), true);
      await click(element, 'invite-button');

      expect(createRecord).toHaveBeenCalledTimes(2);
      const [first] = (createRecord as jest.Mock).mock.calls[0];
      expect(first.apiName).toBe('CME_Invitation__c');
      expect(first.fields).toEqual({
        Event__c: EVENT,
        Doctor__c: D1,
        Status__c: 'Invited',
        Role__c: 'Attendee',
        Invited_By__c: '005000000000000000',
        Invited_On__c: '2026-11-20T10:00:00.000Z',
        Channel__c: 'Phone',
        Invitation_Key__c: `${EVENT}:${D1}`,
      });
      expect(toasts).toEqual([
        { title: 'Invitations sent', message: 'Invited: 2. Already invited: 0. Failed: 0.', variant: 'success' },
      ]);
      expect(refreshInvitations).toHaveBeenCalledTimes(1);
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: EVENT }]);
      // Marked invited at once, selection cleared.
      expect(text($(rowOf(element, D1), '.invited-badge'))).toBe('Invited');
      expect(checkbox(element, D1).disabled).toBe(true);
      expect(($(element, '[data-id="invite-button"]') as HTMLElement & { label: string }).label).toBe(
        'Invite 0 doctors',
      );
    });

    it('reports doctors invited meanwhile as already invited and keeps failures selected', async () => {
      (createRecord as jest.Mock).mockImplementation(({ fields }) => {
        if (fields.Doctor__c === D2) return Promise.reject({ ...duplicateError, ok: false });
        if (fields.Doctor__c === D3) return Promise.reject({ ...validationError, ok: false });
        return Promise.resolve({ id: 'a02000000000001AAA' });
      });
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await toggle(checkbox(element, D1), true);
      await toggle(checkbox(element, D2), true);
      await toggle(checkbox(element, D3), true);
      await click(element, 'invite-button');

      expect(toasts).toHaveLength(1);
      expect(toasts[0].variant).toBe('error');
      expect(toasts[0].title).toBe('Some invitations were not sent');
      expect(toasts[0].message).toBe(
        'Invited: 1. Already invited: 1. Failed: 1. Dr José Fernandes: Doctors can be invited only once the event is approved.',
      );
      expect(text($(rowOf(element, D2), '.invited-badge'))).toBe('Invited');
      expect($(rowOf(element, D3), '.invited-badge')).toBeNull();
      expect(checkbox(element, D3).checked).toBe(true);
      expect(($(element, '[data-id="invite-button"]') as HTMLElement & { label: string }).label).toBe(
        'Invite 1 doctor',
      );
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(1);
    });

    it('does not refresh when nothing was created', async () => {
      (createRecord as jest.Mock).mockRejectedValue({ body: { message: 'Insufficient access' }, ok: false });
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await toggle(checkbox(element, D1), true);
      await click(element, 'invite-button');
      expect(toasts[0].message).toBe('Invited: 0. Already invited: 0. Failed: 1. Dr Asha Rao: Insufficient access');
      expect(refreshInvitations).not.toHaveBeenCalled();
      expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
    });

    it('names a failure without a message', async () => {
      (createRecord as jest.Mock).mockRejectedValue({});
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await toggle(checkbox(element, D1), true);
      await click(element, 'invite-button');
      expect(toasts[0].message).toBe('Invited: 0. Already invited: 0. Failed: 1. Dr Asha Rao: Unknown error.');
    });

    it('still confirms the invitations when the refresh afterwards fails', async () => {
      (createRecord as jest.Mock).mockResolvedValue({ id: 'a02000000000001AAA' });
      refreshInvitations.mockRejectedValueOnce(new Error('offline'));
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await toggle(checkbox(element, D1), true);
      await click(element, 'invite-button');
      expect(toasts.map((t) => t.variant)).toEqual(['success']);
    });

    it('disables the controls while sending', async () => {
      let resolve: (v: unknown) => void = () => {};
      (createRecord as jest.Mock).mockImplementation(() => new Promise((r) => (resolve = r)));
      const element = await mount();
      await load();
      await toggle(checkbox(element, D1), true);
      $(element, '[data-id="invite-button"]')!.click();
      await flush();
      expect(($(element, '[data-id="invite-button"]') as HTMLElement & { disabled: boolean }).disabled).toBe(true);
      expect(checkbox(element, D3).disabled).toBe(true);
      expect($(element, '.sending')).not.toBeNull();
      await expect(element).toBeAccessible();
      resolve({ id: 'a02000000000001AAA' });
      await flush();
      await flush();
      expect($(element, '.sending')).toBeNull();
    });

    it('marks doctors invited by someone else once the invitations refresh', async () => {
      const element = await mount();
      await load();
      await toggle(checkbox(element, D1), true);
      const refreshed = JSON.parse(JSON.stringify(eventInvitations));
      refreshed.uiapi.query.CME_Invitation__c.edges.push({
        node: {
          Id: 'a02000000000011AAA',
          Doctor__c: { value: D1 },
          Status__c: { value: 'Invited' },
          Role__c: { value: null },
        },
      });
      gqlWire.emit(refreshed, INVITATIONS);
      await flush();
      expect(text($(rowOf(element, D1), '.invited-badge'))).toBe('Invited');
      expect(($(element, '[data-id="invite-button"]') as HTMLElement & { label: string }).label).toBe(
        'Invite 0 doctors',
      );
    });

    it('says when existing invitations cannot be loaded', async () => {
      const element = await mount();
      await load({ page2: false });
      gqlWire.emitErrors([{ message: 'No access' }], INVITATIONS);
      await flush();
      expect(text($(element, '.invitations-error'))).toBe(
        'Existing invitations could not be loaded, so doctors already invited are not marked: No access',
      );
    });
  });
});

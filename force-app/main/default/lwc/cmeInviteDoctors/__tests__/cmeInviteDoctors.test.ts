import CmeInviteDoctors from 'c/cmeInviteDoctors';
import { HCP_FILTER } from '../doctorSearch';
import { MAX_LOADED_ROWS } from '../inviteView';
import { word } from './fixtures';
import { INSIGHT_DELAY_MS } from 'c/cmeDoctorInsights';
import { SEARCH_DELAY_MS } from 'c/cmeDoctorFilters';
import { createRecord, getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { entityLockedError } from '../../../../../test/ldsErrors';
import {
  $,
  $$,
  collectToasts,
  flushPromises as flush,
  graphqlConfigs,
  graphqlWire,
  ldsWire,
  mountRendered,
  stateErrorPanel,
  stateErrors,
  stateSpinner,
  text,
} from '../../../../../test/lwcTest';
import type { WireConfig } from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';

import eventApproved from './data/eventApproved.json';
import eventDraft from './data/eventDraft.json';
import eventNotFound from './data/eventNotFound.json';
import doctorsPage1 from './data/doctorsPage1.json';
import doctorsPage2 from './data/doctorsPage2.json';
import doctorsNone from './data/doctorsNone.json';
import specialtyPicklist from './data/specialtyPicklist.json';
import contactObjectInfo from './data/contactObjectInfo.json';
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

type Filter = (config: WireConfig) => boolean;

// graphqlWire.emit(value, filterFn, refreshFn) puts `refresh: refreshFn` on the result, as
// lightning/graphql does; the component refreshes through it.
const refreshInvitations = jest.fn(() => Promise.resolve());
const refreshDoctors = jest.fn(() => Promise.resolve());
const refreshHistory = jest.fn(() => Promise.resolve());
const refreshShared = jest.fn(() => Promise.resolve());
const recordWire = ldsWire(getRecord);
type LdsFilter = Filter;
const objectInfoWire = ldsWire(getObjectInfo);
const picklistWire = ldsWire(getPicklistValues);
// Schema imports reach the wires as { objectApiName, fieldApiName } objects.
const onObject =
  (name: string): LdsFilter =>
  (config) =>
    (config.objectApiName as { objectApiName?: string } | undefined)?.objectApiName === name;
const onField =
  (name: string): LdsFilter =>
  (config) =>
    (config.fieldApiName as { fieldApiName?: string } | undefined)?.fieldApiName === name;

// Each GraphQL wire of the component has its own variables, so a test can address one of them.
const has =
  (key: string): Filter =>
  (config) =>
    !!config.variables && key in config.variables;
const DOCTORS = has('where');
const INVITATIONS = has('eventId');
const PACKS = has('active');
const HISTORY = has('ids');
const SHARED = has('eventIds');

/** The current config of the wire the filter selects. */
function configOf(filter: Filter): WireConfig | undefined {
  return graphqlConfigs().filter(filter).pop();
}

const EVENT = 'a01000000000001AAA';
const D1 = '003000000000001AAA';
const D2 = '003000000000002AAA';
const D3 = '003000000000003AAA';
const D4 = '003000000000004AAA';

/** Waits for the pause after which the component fetches the history of the rows on screen. */
function afterRowsSettle(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, INSIGHT_DELAY_MS + 20));
}

type Element = HTMLElement & { recordId?: string; rowsPerPage?: number };

const mount = (props: Partial<Element> = {}) =>
  mountRendered<Element>('c-cme-invite-doctors', CmeInviteDoctors, { recordId: EVENT, ...props });

type Node = (typeof doctorsPage1)['uiapi']['query']['Contact']['edges'][number]['node'];
const NODES: Node[] = [...doctorsPage1.uiapi.query.Contact.edges, ...doctorsPage2.uiapi.query.Contact.edges].map(
  (e) => e.node,
);

/** A page of the doctors query with these doctors, as the server would answer a search. */
function pageOf(ids: string[], options: { total?: number; next?: string | null } = {}): unknown {
  return {
    uiapi: {
      query: {
        Contact: {
          edges: ids.map((id) => ({ node: NODES.find((n) => n.Id === id)! })),
          totalCount: options.total ?? ids.length,
          pageInfo: { hasNextPage: !!options.next, endCursor: options.next ?? null },
        },
      },
    },
  };
}

interface LoadOptions {
  event?: unknown;
  packs?: unknown;
  invitations?: unknown;
  page2?: boolean;
}

/** The event, the packs, the first page of doctors and (unless page2 is false) the second, then invitations. */
async function load(options: LoadOptions = {}, element?: HTMLElement): Promise<void> {
  recordWire.emit(options.event ?? eventApproved);
  graphqlWire.emit(options.packs ?? rulePacks, PACKS);
  graphqlWire.emit(doctorsPage1, DOCTORS, refreshDoctors);
  await flush();
  if (options.page2 !== false) {
    const el = element ?? (document.body.querySelector('c-cme-invite-doctors') as HTMLElement);
    await click(el, 'show-more');
    graphqlWire.emit(doctorsPage2, DOCTORS, refreshDoctors);
    await flush();
  }
  graphqlWire.emit(options.invitations ?? eventInvitations, INVITATIONS, refreshInvitations);
  await flush();
  await afterRowsSettle();
}

/** Mounts the screen and loads the event, the packs, the first page of doctors and the invitations. */
async function mountFirstPage(props: Partial<Element> = {}): Promise<Element> {
  const element = await mount(props);
  await load({ page2: false });
  return element;
}

/** The first three doctors, whose history query failed (Too many requests). */
async function historyFailed(): Promise<Element> {
  const element = await mountFirstPage({ rowsPerPage: 3 });
  graphqlWire.emitErrors([{ message: 'Too many requests' }], HISTORY, refreshHistory);
  await flush();
  return element;
}

/** Loads the first three doctors and answers the history and shared-cost queries for them. */
async function loadWithInsights(options: LoadOptions = {}): Promise<void> {
  await load({ page2: false, ...options });
  graphqlWire.emit(history, HISTORY, refreshHistory);
  await flush();
  graphqlWire.emit(sharedCosts, SHARED, refreshShared);
  await flush();
}

/** Waits for the pause after which the typed search goes to the server. */
function afterTypingPause(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, SEARCH_DELAY_MS + 20));
}

/** The search labels: the picker's values and the words that match specialties. */
async function giveSpecialties(): Promise<void> {
  objectInfoWire.emit(contactObjectInfo, onObject('Contact'));
  await flush();
  picklistWire.emit(specialtyPicklist, onField('CME_Specialty__c'));
  await flush();
}

/** The where the doctors query was last asked with. */
const whereOf = () => configOf(DOCTORS)!.variables!.where;

// $ and $$ search inside the component's shadow root, or inside an element already found there (a row).
/** The insights' error notice with its Retry (in c-cme-doctor-insights). */
/** The doctors' history notice (a c-cme-retry-notice in c-cme-doctor-insights), and a part inside it. */
const insightError = (el: HTMLElement, ...inside: string[]) =>
  $(el, 'c-cme-doctor-insights', '.insight-error', ...inside);
/** The filter bar (c-cme-doctor-filters), and a control inside it. */
const filters = (el: HTMLElement) => $(el, 'c-cme-doctor-filters');
const filterControl = (el: HTMLElement, dataId: string) => $(filters(el)!, `[data-id="${dataId}"]`);
// A doctor's row (c-cme-doctor-row, role="row"); $ and $$ on a row search inside its shadow root.
const rowOf = (el: HTMLElement, doctorId: string) => $(el, `[role="row"][data-doctor-id="${doctorId}"]`)!;
const names = (el: HTMLElement) => $$(el, 'c-cme-doctor-row').map((row) => $(row, '.doctor-name')!.textContent);
const checkbox = (el: HTMLElement, doctorId: string) =>
  $(rowOf(el, doctorId), `input[data-id="row-checkbox"][data-doctor-id="${doctorId}"]`) as HTMLInputElement;
/** The action bar (c-cme-invite-bar: channel, selection count, Clear, Invite, sending), and its Invite button. */
const BAR = 'c-cme-invite-bar';
const inviteButton = (el: HTMLElement) =>
  $<HTMLElement & { label: string; disabled: boolean }>(el, BAR, '[data-id="invite-button"]')!;
/** The doctors' table (an ARIA table: role="table"). */
const TABLE = '[data-id="doctor-table"][role="table"]';

/** Types into a text box (no pause: the search waits for one). */
async function type(el: HTMLElement, value: string, dataId = 'search-input'): Promise<void> {
  filterControl(el, dataId)!.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
}

/** Types and waits for the pause: the search goes to the server, unanswered. */
async function typeAndPause(el: HTMLElement, value: string, dataId = 'search-input'): Promise<void> {
  await type(el, value, dataId);
  await afterTypingPause();
}

/** Types, waits for the pause and answers the search with these doctors. */
async function search(el: HTMLElement, value: string, ids: string[], dataId = 'search-input'): Promise<void> {
  await typeAndPause(el, value, dataId);
  graphqlWire.emit(pageOf(ids), DOCTORS, refreshDoctors);
  await flush();
}

async function pick(el: HTMLElement, dataId: string, value: string): Promise<void> {
  // The channel picker is in the action bar; the specialty picker is in the filter bar.
  const control = $(el, BAR, `[data-id="${dataId}"]`) ?? filterControl(el, dataId);
  control!.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
}

async function toggle(input: HTMLInputElement, checked: boolean): Promise<void> {
  input.checked = checked;
  input.dispatchEvent(new CustomEvent('change'));
  await flush();
}

/** Clicks the element with that data-id; `within` steps into child components first, as $ does. */
async function click(el: HTMLElement, dataId: string, ...within: string[]): Promise<void> {
  $(el, ...within, `[data-id="${dataId}"]`)!.click();
  await flush();
  await flush();
}

describe('c-cme-invite-doctors', () => {
  // Only the clock is fixed (the cap year depends on today); timers stay real.
  todayEachTest('2026-11-20T10:00:00.000Z');

  describe('loading and states', () => {
    it('shows a spinner until the first page of doctors arrives', async () => {
      const element = await mount();
      const spinner = stateSpinner(element)!;
      expect(spinner.alternativeText).toBe('Loading doctors');
      expect($(element, TABLE)).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('asks the server for one page of HCPs, the event and the active packs', async () => {
      await mount();
      // HCPs only, a page of rowsPerPage: never the whole list.
      expect(configOf(DOCTORS)!.variables).toEqual({ where: HCP_FILTER, cursor: null, pageSize: 25 });
      expect(configOf(PACKS)!.variables).toEqual({ active: true });
      // Invitations and history are asked for the doctors on screen, so not before there are any.
      expect(configOf(INVITATIONS)?.variables).toBeUndefined();
      expect(configOf(HISTORY)?.variables).toBeUndefined();
      const recordConfig = recordWire.getLastConfig();
      expect(recordConfig.recordId).toBe(EVENT);
    });

    it('caps a page at 200 rows and ignores a rowsPerPage that is not a positive whole number', async () => {
      await mount({ rowsPerPage: 5000 });
      expect(configOf(DOCTORS)!.variables!.pageSize).toBe(200);
      document.body.removeChild(document.body.firstChild!);
      await mount({ rowsPerPage: -3 });
      expect(configOf(DOCTORS)!.variables!.pageSize).toBe(25);
    });

    it('shows the first page with the count of all matches and loads the next page by its cursor', async () => {
      const element = await mountFirstPage();
      expect(stateSpinner(element)).toBeNull();
      expect(names(element)).toEqual(['Dr Asha Rao', 'Dr Vikram Shah', 'Dr José Fernandes']);
      // An ARIA table: column headers, then one row component per doctor (table > rowgroup > row).
      expect($$(element, '[role="columnheader"]')).toHaveLength(8);
      for (const row of $$(element, 'c-cme-doctor-row')) {
        expect(row.getAttribute('role')).toBe('row');
        expect(row.parentElement!.getAttribute('role')).toBe('rowgroup');
        expect(row.parentElement!.parentElement!.matches(TABLE)).toBe(true);
      }
      expect(text($(element, '[data-id="match-count"]'))).toBe('Showing 3 of 5 matches');
      // The invitations of exactly the doctors on screen.
      expect(configOf(INVITATIONS)!.variables).toEqual({ eventId: EVENT, doctorIds: [D1, D2, D3] });
      const more = $(element, '[data-id="show-more"]') as HTMLElement & { label: string };
      expect(more.label).toBe('Show 2 more');

      await click(element, 'show-more');
      expect(configOf(DOCTORS)!.variables).toEqual({ where: HCP_FILTER, cursor: 'djE6Mw==', pageSize: 25 });
      expect(text($(element, '[data-id="loading-more"]'))).toBe('Loading more doctors: 3 of 5 loaded…');
      expect($(element, '[data-id="show-more"]')).toBeNull();
      await expect(element).toBeAccessible();

      graphqlWire.emit(doctorsPage2, DOCTORS);
      await flush();
      expect(names(element)).toHaveLength(5);
      expect($(element, '[data-id="loading-more"]')).toBeNull();
      expect($(element, '[data-id="show-more"]')).toBeNull();
      expect(text($(element, '[data-id="match-count"]'))).toBe('Showing 5 of 5 matches');
      expect(configOf(INVITATIONS)!.variables!.doctorIds).toEqual([D1, D2, D3, D4, '003000000000005AAA']);
    });

    it('does not list a doctor twice when a page arrives again', async () => {
      const element = await mount();
      await load();
      graphqlWire.emit(doctorsPage2, DOCTORS);
      await flush();
      expect(names(element)).toHaveLength(5);
    });

    it('says what to do when there are no doctors at all', async () => {
      const element = await mount();
      recordWire.emit(eventApproved);
      graphqlWire.emit(doctorsNone, DOCTORS);
      await flush();
      expect(text($(element, '[data-id="no-doctors"]'))).toBe(
        'No doctors found. Doctors are contacts with a specialty or an HCP type; ask your admin to load them.',
      );
      expect(filters(element)).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the load error panel when the doctors cannot be read', async () => {
      const element = await mount();
      graphqlWire.emitErrors([{ message: 'Field CME_Territory__c is not accessible' }], DOCTORS);
      await flush();
      const panel = stateErrorPanel(element)!;
      expect(panel.getAttribute('role')).toBe('alert');
      expect(stateErrors(element)).toEqual(['Field CME_Territory__c is not accessible']);
      expect(stateSpinner(element)).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the load error panel when the event cannot be read', async () => {
      const element = await mount();
      recordWire.error(eventNotFound.body, 404);
      graphqlWire.emit(doctorsPage1, DOCTORS);
      await flush();
      expect(stateErrors(element)).toEqual(['The requested resource does not exist']);
      expect($(element, TABLE)).toBeNull();
    });

    it('keeps what it has and says so when the next page fails, and lets the user ask again', async () => {
      const element = await mountFirstPage();
      await click(element, 'show-more');
      graphqlWire.emitErrors([{ message: 'Request timed out' }], DOCTORS);
      await flush();
      expect(names(element)).toHaveLength(3);
      expect(text($(element, '.load-incomplete'))).toBe('Only 3 of 5 doctors could be loaded: Request timed out');
      expect($(element, '[data-id="loading-more"]')).toBeNull();
      expect($(element, '[data-id="show-more"]')).not.toBeNull();
    });

    it(`stops at ${MAX_LOADED_ROWS} rows and asks for a narrower search`, async () => {
      const element = await mount({ rowsPerPage: 200 });
      recordWire.emit(eventApproved);
      const many = Array.from({ length: MAX_LOADED_ROWS }, (_, i) => ({
        node: { ...NODES[0], Id: `003${String(i).padStart(12, '0')}AAA` },
      }));
      graphqlWire.emit(
        {
          uiapi: {
            query: {
              Contact: { edges: many, totalCount: 50000, pageInfo: { hasNextPage: true, endCursor: 'djE6NTAw' } },
            },
          },
        },
        DOCTORS,
      );
      await flush();
      expect(names(element)).toHaveLength(MAX_LOADED_ROWS);
      expect(text($(element, '[data-id="match-count"]'))).toBe('Showing 500 of 50,000 matches');
      expect($(element, '[data-id="show-more"]')).toBeNull();
      expect(text($(element, '[data-id="refine"]'))).toBe(
        'Showing the first 500 of 50,000 matches. Narrow the search to find the others.',
      );
    });
  });

  describe('search', () => {
    it('sends the words to the server once typing pauses, each word in the name, territory, city or specialty', async () => {
      const element = await mountFirstPage();
      await giveSpecialties();
      const before = configOf(DOCTORS)!.variables;
      // Keystrokes: nothing goes out while the user types.
      await type(element, 'c');
      await type(element, 'card');
      await type(element, 'cardio mum');
      expect(configOf(DOCTORS)!.variables).toBe(before);
      await afterTypingPause();
      expect(whereOf()).toEqual({ and: [HCP_FILTER, word('cardio', ['Cardiology']), word('mum')] });
      expect(configOf(DOCTORS)!.variables!.cursor).toBeNull();
      // The rows of the previous search stay, dimmed, until the answer arrives.
      expect(text($(element, '[data-id="searching"]'))).toBe('Searching…');
      expect($(element, TABLE)!.className).toContain('is-searching');
      await expect(element).toBeAccessible();

      graphqlWire.emit(pageOf([D1]), DOCTORS);
      await flush();
      expect(names(element)).toEqual(['Dr Asha Rao']);
      expect(text($(element, '[data-id="match-count"]'))).toBe('Showing 1 of 1 matches');
      expect($(element, '[data-id="searching"]')).toBeNull();
      expect($(element, TABLE)!.className).not.toContain('is-searching');
    });

    it('matches what users read in the specialty label, accents and case aside', async () => {
      const element = await mountFirstPage();
      await giveSpecialties();
      await typeAndPause(element, 'GYNAE');
      expect(whereOf()).toEqual({ and: [HCP_FILTER, word('GYNAE', ['Obstetrics and Gynecology'])] });
    });

    it('searches again when the specialty labels arrive after the words were typed', async () => {
      const element = await mountFirstPage();
      await typeAndPause(element, 'onco');
      expect(whereOf()).toEqual({ and: [HCP_FILTER, word('onco')] });
      await giveSpecialties();
      expect(whereOf()).toEqual({ and: [HCP_FILTER, word('onco', ['Oncology'])] });
    });

    it('does not send the same search twice, and keeps LIKE wildcards out of it', async () => {
      const element = await mountFirstPage();
      await typeAndPause(element, 'rao');
      const sent = configOf(DOCTORS)!.variables;
      await typeAndPause(element, '  rao ');
      expect(configOf(DOCTORS)!.variables).toBe(sent);
      await typeAndPause(element, '100%_rao');
      expect(whereOf()).toEqual({ and: [HCP_FILTER, word('100'), word('rao')] });
    });

    it('filters by the specialty picker at once and by the territory box after a pause', async () => {
      const element = await mountFirstPage();
      await giveSpecialties();
      const specialty = filterControl(element, 'specialty-filter') as HTMLElement & {
        options: { label: string; value: string }[];
      };
      // The picklist's values, not just those of the doctors on screen.
      expect(specialty.options.map((o) => o.label)).toEqual([
        'All specialties',
        'Cardiology',
        'Endocrinology',
        'Oncology',
        'Neurology',
        'Obstetrics & Gynaecology',
      ]);
      await pick(element, 'specialty-filter', 'Cardiology');
      expect(whereOf()).toEqual({ and: [HCP_FILTER, { CME_Specialty__c: { eq: 'Cardiology' } }] });
      graphqlWire.emit(pageOf([D1, D2]), DOCTORS);
      await flush();
      expect(names(element)).toEqual(['Dr Asha Rao', 'Dr Vikram Shah']);

      await search(element, 'pune', [D2], 'territory-filter');
      expect(whereOf()).toEqual({
        and: [HCP_FILTER, { CME_Specialty__c: { eq: 'Cardiology' } }, { CME_Territory__c: { like: '%pune%' } }],
      });
      expect(names(element)).toEqual(['Dr Vikram Shah']);
    });

    it('shows the empty search state and clears the filters from it', async () => {
      const element = await mount();
      await load();
      await search(element, 'zzz', []);
      expect($(element, TABLE)).toBeNull();
      expect(text($(element, '[data-id="no-matches"] p'))).toBe(
        'No doctors match your search. Try fewer words or clear the filters.',
      );
      expect(text($(element, '[data-id="match-count"]'))).toBe('Showing 0 of 0 matches');
      await expect(element).toBeAccessible();
      await click(element, 'clear-filters');
      expect(whereOf()).toEqual(HCP_FILTER);
      expect((filterControl(element, 'search-input') as HTMLInputElement).value).toBe('');
      graphqlWire.emit(pageOf([D1, D2, D3], { total: 5, next: 'djE6Mw==' }), DOCTORS);
      await flush();
      expect(names(element)).toHaveLength(3);
    });

    it('says when a search fails, keeps the rows and retries through the wire’s refresh', async () => {
      const element = await mountFirstPage();
      await typeAndPause(element, 'asha');
      graphqlWire.emitErrors([{ message: 'Query timed out' }], DOCTORS, refreshDoctors);
      await flush();
      expect(text($(element, '[data-id="search-error"]', '.message'))).toBe(
        'The search could not be run: Query timed out',
      );
      expect($(element, '[data-id="search-error"]', '[role="alert"]')).not.toBeNull();
      expect(names(element)).toHaveLength(3);
      expect($(element, '[data-id="searching"]')).toBeNull();
      await expect(element).toBeAccessible();

      await click(element, 'retry', '[data-id="search-error"]');
      expect(refreshDoctors).toHaveBeenCalledTimes(1);
      expect($(element, '[data-id="search-error"]')).toBeNull();
      graphqlWire.emit(pageOf([D1]), DOCTORS);
      await flush();
      expect(names(element)).toEqual(['Dr Asha Rao']);
    });

    it('reports a retry that fails', async () => {
      const element = await mountFirstPage();
      await typeAndPause(element, 'asha');
      graphqlWire.emitErrors([{ message: 'Query timed out' }], DOCTORS, refreshDoctors);
      await flush();
      refreshDoctors.mockRejectedValueOnce(new Error('Offline'));
      await click(element, 'retry', '[data-id="search-error"]');
      expect(text($(element, '[data-id="search-error"]', '.message'))).toBe('The search could not be run: Offline');
    });

    it('starts a new search from its first page', async () => {
      const element = await mount({ rowsPerPage: 2 });
      await load({ page2: false });
      await search(element, 'dr', [D1, D2]);
      expect(configOf(DOCTORS)!.variables!.cursor).toBeNull();
      expect(configOf(DOCTORS)!.variables!.pageSize).toBe(2);
      expect(names(element)).toEqual(['Dr Asha Rao', 'Dr Vikram Shah']);
    });
  });
  describe('transfers of value and warnings', () => {
    it('loads the history of the doctors on screen only, for the cap year and the repeat-topic window', async () => {
      const element = await mountFirstPage({ rowsPerPage: 3 });
      expect(configOf(HISTORY)!.variables).toEqual({
        ids: [D1, D2, D3],
        from: '2026-01-15T00:00:00.000Z',
        to: '2027-03-31T23:59:59.999Z',
        fromDay: '2026-01-15',
        toDay: '2027-03-31',
      });
      expect(text($(rowOf(element, D1), '.checking'))).toBe('Checking…');
      graphqlWire.emit(history, HISTORY);
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
      graphqlWire.emit(doctorsPage2, DOCTORS);
      await flush();
      await afterRowsSettle();
      expect(configOf(HISTORY)!.variables!.ids).toEqual([D4, '003000000000005AAA']);
      graphqlWire.emit(historyEmpty, HISTORY);
      await flush();
      expect(text($(rowOf(element, D4), '.tov-text'))).toBe('₹0 of ₹1,00,000 (0%)');
      // The earlier rows kept their figures.
      expect(text($(rowOf(element, D1), '.tov-text'))).toBe('₹85,000 of ₹1,00,000 (85%)');
    });

    it('waits until the rows stop changing before fetching their history', async () => {
      const element = await mountFirstPage({ rowsPerPage: 3 });
      const first = configOf(HISTORY)!.variables;
      expect(first!.ids).toEqual([D1, D2, D3]);
      graphqlWire.emit(historyEmpty, HISTORY);
      await flush();
      // Two answers in quick succession: Meera, then Rahul are on screen for a moment each.
      await typeAndPause(element, 'onc');
      graphqlWire.emit(pageOf([D4]), DOCTORS);
      await flush();
      expect(names(element)).toEqual(['Dr Meera Iyer']);
      expect(configOf(HISTORY)!.variables).toBe(first);
      graphqlWire.emit(pageOf(['003000000000005AAA']), DOCTORS);
      await flush();
      expect(configOf(HISTORY)!.variables).toBe(first);
      await afterRowsSettle();
      // One request, for the row that stayed on screen.
      expect(configOf(HISTORY)!.variables!.ids).toEqual(['003000000000005AAA']);
    });

    it('reuses shared costs it already has instead of asking again', async () => {
      const element = await mount({ rowsPerPage: 1 });
      recordWire.emit(eventApproved);
      graphqlWire.emit(rulePacks, PACKS);
      graphqlWire.emit(pageOf([D1], { total: 5, next: 'djE6MQ==' }), DOCTORS);
      await flush();
      await afterRowsSettle();
      graphqlWire.emit(history, HISTORY);
      await flush();
      graphqlWire.emit(sharedCosts, SHARED);
      await flush();
      await click(element, 'show-more');
      graphqlWire.emit(pageOf([D2], { total: 5, next: 'djE6Mg==' }), DOCTORS);
      await flush();
      await afterRowsSettle();
      expect(configOf(HISTORY)!.variables!.ids).toEqual([D2]);
      const sharedBefore = configOf(SHARED)!.variables;
      // Vikram's history names the same attended event; its costs are known.
      graphqlWire.emit(history, HISTORY);
      await flush();
      expect(configOf(SHARED)!.variables).toBe(sharedBefore);
      expect(text($(rowOf(element, D2), '.tov-text'))).toBe('₹1,20,000 of ₹1,00,000 (120%)');
    });

    it('says when the history cannot be loaded and retries on request', async () => {
      const element = await historyFailed();
      expect(text(insightError(element, '.message'))).toBe("Doctors' history could not be loaded: Too many requests");
      expect(text($(rowOf(element, D1), '.not-available'))).toBe('Not available');
      await expect(element).toBeAccessible();

      await click(element, 'retry', 'c-cme-doctor-insights', '.insight-error');
      expect(refreshHistory).toHaveBeenCalledTimes(1);
      expect(insightError(element)).toBeNull();
      graphqlWire.emit(history, HISTORY);
      await flush();
      graphqlWire.emit(sharedCosts, SHARED);
      await flush();
      expect(text($(rowOf(element, D1), '.tov-text'))).toBe('₹85,000 of ₹1,00,000 (85%)');
    });

    it('retries a failed shared-cost query by refreshing it', async () => {
      const element = await mountFirstPage({ rowsPerPage: 3 });
      graphqlWire.emit(history, HISTORY);
      await flush();
      graphqlWire.emitErrors([{ message: 'Timeout' }], SHARED, refreshShared);
      await flush();
      expect(text(insightError(element, '.message'))).toBe("Doctors' history could not be loaded: Timeout");
      await click(element, 'retry', 'c-cme-doctor-insights', '.insight-error');
      expect(refreshShared).toHaveBeenCalledTimes(1);
      graphqlWire.emit(sharedCosts, SHARED);
      await flush();
      expect(text($(rowOf(element, D1), '.tov-text'))).toBe('₹85,000 of ₹1,00,000 (85%)');
    });

    it('starts a fresh batch on retry when other rows are on screen by then', async () => {
      const element = await historyFailed();
      await search(element, 'oncology', [D4]);
      await click(element, 'retry', 'c-cme-doctor-insights', '.insight-error');
      await afterRowsSettle();
      expect(refreshHistory).not.toHaveBeenCalled();
      expect(configOf(HISTORY)!.variables!.ids).toEqual([D4]);
    });

    it('reports a failed refresh on retry as a history error again', async () => {
      const element = await historyFailed();
      refreshHistory.mockRejectedValueOnce(new Error('Offline'));
      await click(element, 'retry', 'c-cme-doctor-insights', '.insight-error');
      expect(text(insightError(element, '.message'))).toBe("Doctors' history could not be loaded: Offline");
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
      await load({ packs: rulePacksInvalid, page2: false });
      expect(text($(element, '.pack-error'))).toBe(
        'Compliance rules could not be loaded, so warnings are not shown: Rule pack IN-UCPMP-2024: Currency_Code__c must be an ISO 4217 code such as INR.',
      );
      expect(names(element)).toHaveLength(3);
      graphqlWire.emitErrors([{ message: 'No access to CME_Rule__c' }], PACKS);
      await flush();
      expect(text($(element, '.pack-error'))).toContain('No access to CME_Rule__c');
    });

    it('does not judge by part of the rules when they fill more than a page', async () => {
      const element = await mount({ rowsPerPage: 3 });
      const cut = JSON.parse(JSON.stringify(rulePacks));
      cut.uiapi.query.CME_Rule__c.pageInfo = { hasNextPage: true };
      await load({ packs: cut, page2: false });
      expect(text($(element, '.pack-error'))).toBe(
        'Compliance rules could not be loaded, so warnings are not shown: The active rule packs have more rules than this screen reads at once.',
      );
      expect(names(element)).toHaveLength(3);
    });
  });

  describe('more history than one page', () => {
    /** The history fixture with one connection saying more records follow. */
    const cut = (data: unknown, object: string) => {
      const copy = JSON.parse(JSON.stringify(data));
      copy.uiapi.query[object].pageInfo = { hasNextPage: true };
      return copy;
    };

    it('asks again for half the doctors when their history fills a page, never summing a cut list', async () => {
      const element = await mountFirstPage({ rowsPerPage: 3 });
      expect(configOf(HISTORY)!.variables!.ids).toEqual([D1, D2, D3]);
      graphqlWire.emit(cut(history, 'CME_Expense__c'), HISTORY);
      await flush();
      expect(configOf(HISTORY)!.variables!.ids).toEqual([D1, D2]);
      expect($(rowOf(element, D1), '.tov-text')).toBeNull();
      graphqlWire.emit(history, HISTORY);
      await flush();
      graphqlWire.emit(sharedCosts, SHARED);
      await flush();
      expect(text($(rowOf(element, D1), '.tov-text'))).toBe('₹85,000 of ₹1,00,000 (85%)');
      // The doctor left out comes in the next batch.
      await afterRowsSettle();
      expect(configOf(HISTORY)!.variables!.ids).toEqual([D3]);
    });

    it('reports a single doctor whose history fills a page', async () => {
      const element = await mount({ rowsPerPage: 1 });
      recordWire.emit(eventApproved);
      graphqlWire.emit(rulePacks, PACKS);
      graphqlWire.emit(pageOf([D1], { total: 1 }), DOCTORS);
      await flush();
      await afterRowsSettle();
      graphqlWire.emit(cut(history, 'CME_Invitation__c'), HISTORY);
      await flush();
      expect(text(insightError(element, '.message'))).toBe(
        "Doctors' history could not be loaded: There are too many records to check this doctor's value and events here. Ask compliance for a report.",
      );
      expect(text($(rowOf(element, D1), '.not-available'))).toBe('Not available');
    });

    it('reports an attended event whose attendance or shared lines fill a page', async () => {
      const element = await mountFirstPage({ rowsPerPage: 3 });
      graphqlWire.emit(history, HISTORY);
      await flush();
      const big = JSON.parse(JSON.stringify(sharedCosts));
      big.uiapi.query.CME_Event__c.edges[0].node.Attendances__r.pageInfo = { hasNextPage: true };
      graphqlWire.emit(big, SHARED);
      await flush();
      expect(text(insightError(element, '.message'))).toContain('There are too many records to check');
      expect($(rowOf(element, D1), '.tov-text')).toBeNull();
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
      expect(inviteButton(element).disabled).toBe(true);
      await search(element, 'cardio', [D1, D2]);
      expect(names(element)).toHaveLength(2);
      await expect(element).toBeAccessible();
    });

    it('says invitations are locked while the event is pending approval, and disables inviting', async () => {
      const element = await mount();
      const pending = JSON.parse(JSON.stringify(eventApproved));
      pending.fields.Status__c = { value: 'Pending Approval', displayValue: 'Pending Approval' };
      await load({ event: pending });
      expect(text($(element, '[data-id="invite-blocked"] .blocked-reason'))).toBe(
        'This event is waiting for approval, so its invitations are locked: doctors can be invited once it is approved. You can still search doctors and check their history.',
      );
      expect(checkbox(element, D1).disabled).toBe(true);
      expect(inviteButton(element).disabled).toBe(true);
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
      const button = () => inviteButton(element);
      expect(button().label).toBe('Invite 0 doctors');
      expect(button().disabled).toBe(true);

      await toggle(checkbox(element, D1), true);
      expect(button().label).toBe('Invite 1 doctor');
      expect(button().disabled).toBe(false);
      expect(text($(element, BAR, '[data-id="selected-count"]'))).toBe('1 selected');

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
      await click(element, 'clear-selection', BAR);
      expect(button().label).toBe('Invite 0 doctors');
      expect($(element, BAR, '[data-id="clear-selection"]')).toBeNull();
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
      expect(inviteButton(element).label).toBe('Invite 1 doctor');
    });

    it('keeps a selection across searches', async () => {
      const element = await mount();
      await load();
      await toggle(checkbox(element, D1), true);
      await search(element, 'oncology', [D4]);
      expect(inviteButton(element).label).toBe('Invite 1 doctor');
      await search(element, '', [D1, D2, D3]);
      expect(checkbox(element, D1).checked).toBe(true);
    });

    it('notes selected doctors with blocking warnings', async () => {
      const element = await mount({ rowsPerPage: 3 });
      await loadWithInsights();
      await toggle(checkbox(element, D2), true);
      expect(text($(element, BAR, '.selected-blocking'))).toBe(
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
      const channel = $(element, BAR, '[data-id="channel"]') as HTMLElement & {
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
      await click(element, 'invite-button', BAR);

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
      expect(inviteButton(element).label).toBe('Invite 0 doctors');
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
      await click(element, 'invite-button', BAR);

      expect(toasts).toHaveLength(1);
      expect(toasts[0].variant).toBe('error');
      expect(toasts[0].title).toBe('Some invitations were not sent');
      expect(toasts[0].message).toBe(
        'Invited: 1. Already invited: 1. Failed: 1. Dr José Fernandes: Doctors can be invited only once the event is approved.',
      );
      expect(text($(rowOf(element, D2), '.invited-badge'))).toBe('Invited');
      expect($(rowOf(element, D3), '.invited-badge')).toBeNull();
      expect(checkbox(element, D3).checked).toBe(true);
      expect(inviteButton(element).label).toBe('Invite 1 doctor');
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['with its message', { body: { message: 'Insufficient access' }, ok: false }, 'Insufficient access'],
      ['without a message, as an unknown error', {}, 'Unknown error.'],
    ])('names a failure %s, and does not refresh when nothing was created', async (_case, failure, reason) => {
      (createRecord as jest.Mock).mockRejectedValue(failure);
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await toggle(checkbox(element, D1), true);
      await click(element, 'invite-button', BAR);
      expect(toasts[0].message).toBe(`Invited: 0. Already invited: 0. Failed: 1. Dr Asha Rao: ${reason}`);
      expect(refreshInvitations).not.toHaveBeenCalled();
      expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
    });

    it('still confirms the invitations when the refresh afterwards fails', async () => {
      (createRecord as jest.Mock).mockResolvedValue({ id: 'a02000000000001AAA' });
      refreshInvitations.mockRejectedValueOnce(new Error('offline'));
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await toggle(checkbox(element, D1), true);
      await click(element, 'invite-button', BAR);
      expect(toasts.map((t) => t.variant)).toEqual(['success']);
    });

    it('disables the controls while sending', async () => {
      let resolve: (v: unknown) => void = () => {};
      (createRecord as jest.Mock).mockImplementation(() => new Promise((r) => (resolve = r)));
      const element = await mount();
      await load();
      await toggle(checkbox(element, D1), true);
      inviteButton(element).click();
      await flush();
      expect(inviteButton(element).disabled).toBe(true);
      expect(checkbox(element, D3).disabled).toBe(true);
      expect($(element, BAR, '.sending')).not.toBeNull();
      await expect(element).toBeAccessible();
      resolve({ id: 'a02000000000001AAA' });
      await flush();
      await flush();
      expect($(element, BAR, '.sending')).toBeNull();
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
      graphqlWire.emit(refreshed, INVITATIONS);
      await flush();
      expect(text($(rowOf(element, D1), '.invited-badge'))).toBe('Invited');
      expect(inviteButton(element).label).toBe('Invite 0 doctors');
    });

    it('explains a write refused because the event is locked by its approval (ENTITY_IS_LOCKED)', async () => {
      (createRecord as jest.Mock).mockRejectedValue(entityLockedError());
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await toggle(checkbox(element, D1), true);
      await click(element, 'invite-button', BAR);
      expect(toasts[0].message).toBe(
        'Invited: 0. Already invited: 0. Failed: 1. Dr Asha Rao: This record is locked while its event is waiting for approval. Try again once the approval is decided.',
      );
    });

    it('says when existing invitations cannot be loaded', async () => {
      const element = await mountFirstPage();
      graphqlWire.emitErrors([{ message: 'No access' }], INVITATIONS);
      await flush();
      expect(text($(element, '.invitations-error'))).toBe(
        'Existing invitations could not be loaded, so doctors already invited are not marked: No access',
      );
    });
  });
});

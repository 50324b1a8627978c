import CmeEventPlanner from 'c/cmeEventPlanner';
import {
  NO_FILTERS,
  buildEventWhere,
  dayInZone,
  eventsFrom,
  hasActiveFilters,
  rulePackOptions,
  whereText,
} from '../plannerModel';
import { localTodayIso } from 'c/cmeUi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { createRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';

import upcomingEvents from './data/upcomingEvents.json';
import upcomingEventsOne from './data/upcomingEventsOne.json';
import upcomingEventsFirstPage from './data/upcomingEventsFirstPage.json';
import upcomingEventsEmpty from './data/upcomingEventsEmpty.json';
import graphqlErrors from './data/graphqlErrors.json';
import activeRulePacks from './data/activeRulePacks.json';
import activeRulePacksTwo from './data/activeRulePacksTwo.json';
import objectInfo from './data/objectInfo.json';
import objectInfoError from './data/objectInfoError.json';
import picklistEventType from './data/picklistEventType.json';
import picklistFormat from './data/picklistFormat.json';
import picklistStatus from './data/picklistStatus.json';
import picklistTherapyArea from './data/picklistTherapyArea.json';
import createRecordFieldErrors from '../../cmeNewEventForm/__tests__/data/createRecordFieldErrors.json';
import createRecordForbidden from '../../cmeNewEventForm/__tests__/data/createRecordForbidden.json';
import createRecordSuccess from '../../cmeNewEventForm/__tests__/data/createRecordSuccess.json';
import {
  click,
  deepQuery as $,
  deepQueryAll as $$,
  flushPromises,
  graphqlConfigs,
  graphqlWire,
  ldsWire,
  mountRendered,
  text,
} from '../../../../../test/lwcTest';
import type { WireConfig as Config } from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';
import { key } from '../../../../../test/events';
import { expectRecordLink, mockGenerateUrl, mockNavigate, recordPage } from '../../../../../test/navigation';

jest.mock('lightning/navigation', () => ({
  NavigationMixin: jest.requireActual('../../../../../test/navigation').NavigationMixin,
}));

const objectInfoAdapter = ldsWire(getObjectInfo);
const picklistAdapter = ldsWire(getPicklistValues);

// @salesforce/user/Id in jest.
const USER_ID = '005000000000000000';

/** The events wire's `refresh`, which lightning/graphql puts on each result it emits. */
const refreshEvents = jest.fn((): Promise<void> => Promise.resolve());

const isEvents = (config: Config) => config.operationName === 'UpcomingEvents';
const isRulePacks = (config: Config) => config.operationName === 'ActiveRulePacks';
const forField = (field: string) => (config: Config) =>
  (config.fieldApiName as { fieldApiName: string } | undefined)?.fieldApiName === field;

type PlannerElement = HTMLElement & {
  defaultView?: string;
  mineByDefault?: boolean;
  pageSize?: number;
  firstDayOfWeek?: string;
};

/** Mounts the planner and lets its wires receive their configs (reactive ones update asynchronously). */
function mount(props: Partial<PlannerElement> = {}): Promise<PlannerElement> {
  return mountRendered<PlannerElement>('c-cme-event-planner', CmeEventPlanner, props);
}

function emitOptions(): void {
  objectInfoAdapter.emit(objectInfo);
  picklistAdapter.emit(picklistEventType, forField('Event_Type__c'));
  picklistAdapter.emit(picklistFormat, forField('Format__c'));
  picklistAdapter.emit(picklistStatus, forField('Status__c'));
  picklistAdapter.emit(picklistTherapyArea, forField('Therapy_Area__c'));
  graphqlWire.emit(activeRulePacks, isRulePacks);
}

async function mountWithEvents(data: unknown = upcomingEvents, props: Partial<PlannerElement> = {}) {
  const element = await mount(props);
  emitOptions();
  await flushPromises();
  graphqlWire.emit(data, isEvents, refreshEvents);
  await flushPromises();
  return element;
}

function lastEventsConfig(): { variables: { where: { and: Config[] }; first: number } } {
  const found = graphqlConfigs().filter(isEvents).pop();
  return found as unknown as { variables: { where: { and: Config[] }; first: number } };
}

// $ and $$ query the planner and the children it is made of (filter bar, calendar, form).

/** Sets the value (or checked) a base-component stub would have, then fires its `change`. */
function change(target: HTMLElement, detail: Record<string, unknown>): void {
  if ('value' in detail) (target as HTMLElement & { value?: unknown }).value = detail.value;
  if ('checked' in detail) (target as HTMLElement & { checked?: unknown }).checked = detail.checked;
  target.dispatchEvent(new CustomEvent('change', { detail }));
}

type Validatable = HTMLElement & {
  setCustomValidity: jest.Mock;
  reportValidity: jest.Mock;
  value?: string;
  options?: { label: string; value: string }[];
  required?: boolean;
  fieldLevelHelp?: string;
};

/** Spies on every form field's setCustomValidity, by API name. */
function spyFields(element: HTMLElement): Record<string, Validatable> {
  const fields: Record<string, Validatable> = {};
  for (const field of $$<Validatable>(element, '[data-field]')) {
    field.setCustomValidity = jest.fn();
    field.reportValidity = jest.fn(() => true);
    fields[field.dataset.field as string] = field;
  }
  return fields;
}

/** The message each field was last given ('' = valid). */
function validityMessages(fields: Record<string, Validatable>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, field] of Object.entries(fields)) {
    const calls = field.setCustomValidity.mock.calls;
    if (calls.length && calls[calls.length - 1][0]) out[name] = calls[calls.length - 1][0];
  }
  return out;
}

/** The elements focus() was last called on (base components' hosts are not focusable in jsdom). */
function lastFocused(spy: jest.SpyInstance): unknown {
  return spy.mock.contexts[spy.mock.contexts.length - 1];
}

async function openForm(element: HTMLElement, dataId = 'new-event'): Promise<void> {
  click($(element, `[data-id="${dataId}"]`));
  await flushPromises();
}

async function fill(element: HTMLElement, values: Record<string, string>): Promise<void> {
  // One field at a time, as a user types: each change re-renders before the next.
  for (const [field, value] of Object.entries(values)) {
    change($(element, `[data-field="${field}"]`)!, { value });
    // eslint-disable-next-line no-await-in-loop
    await flushPromises();
  }
}

const VALID_IN_PERSON = {
  Name: 'Lipids Masterclass',
  Venue__c: 'Taj Lands End',
  City__c: 'Mumbai',
  Country__c: 'in',
  Capacity__c: '40',
  Budget__c: '250000',
  Topic__c: 'Familial hypercholesterolaemia',
  Educational_Need__c: 'Under-diagnosis of FH in primary care.',
};

describe('c-cme-event-planner', () => {
  // Only Date is faked: "today" is Wednesday 10 March 2027, 10:00 local time.
  todayEachTest(new Date(2027, 2, 10, 10, 0, 0));

  describe('loading and data', () => {
    it('shows a spinner until the events arrive', async () => {
      const element = await mount();
      await flushPromises();
      const spinner = $<HTMLElement & { alternativeText?: string }>(element, 'lightning-spinner');
      expect(spinner!.alternativeText).toBe('Loading events');
      expect($(element, '.event-list')).toBeNull();
      expect(text($(element, '[data-id="event-count"]'))).toBe('');
    });

    it('asks GraphQL for events that have not ended, by start, 200 at a time', async () => {
      await mount();
      await flushPromises();
      const config = lastEventsConfig();
      expect(config.variables).toEqual({ where: { and: [{ End__c: { gte: { literal: 'TODAY' } } }] }, first: 200 });
    });

    it('lists each event with its dates, place, format, type and status badge', async () => {
      const element = await mountWithEvents();
      const rows = $$(element, '[data-id="event-row"]');
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => text(r.querySelector('.event-name')))).toEqual([
        'Heart Failure Update — Mumbai',
        'Insulin Titration Workshop',
        'Asthma Biologics Webinar',
        'Oncology Tumour Board Roundtable',
      ]);
      const first = rows[0];
      expect(text(first.querySelector('.event-where'))).toBe('Mumbai, IN');
      expect(text(first.querySelector('.event-format'))).toBe('Hybrid');
      expect(text(first.querySelector('.event-type'))).toBe('Conference');
      const badge = first.querySelector('.event-status')!;
      expect(text(badge)).toBe('Approved');
      expect(badge.className).toContain('slds-badge');
      expect(badge.className).toContain('slds-theme_success');
      const dates = [...first.querySelectorAll('c-cme-date')] as (HTMLElement & {
        value?: string;
        timeZone?: string;
        withTime?: boolean;
      })[];
      expect(dates.map((d) => d.value)).toEqual(['2027-03-14T04:00:00.000Z', '2027-03-14T12:00:00.000Z']);
      expect(dates.map((d) => [d.timeZone, d.withTime])).toEqual([
        ['Asia/Kolkata', true],
        ['Asia/Kolkata', true],
      ]);
      // A virtual event without a city is "Online".
      expect(text(rows[2].querySelector('.event-where'))).toBe('Online');
      expect(text(rows[3].querySelector('.event-status'))).toBe('Cancelled');
      expect(text($(element, '[data-id="event-count"]'))).toBe('4 upcoming events');
      expect($(element, '.showing')).toBeNull();
    });

    it('says "1 upcoming event" for one', async () => {
      const element = await mountWithEvents(upcomingEventsOne);
      expect(text($(element, '[data-id="event-count"]'))).toBe('1 upcoming event');
    });

    it('opens the event record when its name is clicked', async () => {
      const element = await mountWithEvents();
      click($$(element, '[data-id="event-link"]')[2]);
      expect(mockNavigate).toHaveBeenCalledWith(recordPage('a02000000000003AAA'));
    });

    it('links each event by its address, so it opens in a new tab; a modified click is left to the browser', async () => {
      const element = await mountWithEvents();
      await flushPromises();
      const link = $$(element, '[data-id="event-link"]')[2];
      expect(link.getAttribute('href')).toBe('/lightning/r/CME_Event__c/a02000000000003AAA/view');
      expectRecordLink(link, 'a02000000000003AAA');
    });

    it("asks each event's address once, and links an event whose address could not be had to its record page", async () => {
      mockGenerateUrl.mockClear();
      mockGenerateUrl.mockImplementationOnce(() => Promise.reject(new Error('no address')));
      mockGenerateUrl.mockImplementation((ref) => Promise.resolve(`/generated/${ref.attributes.recordId}`));
      const element = await mountWithEvents();
      await flushPromises();
      graphqlWire.emit(upcomingEvents, isEvents, refreshEvents);
      await flushPromises();
      expect(mockGenerateUrl).toHaveBeenCalledTimes(4);
      const links = $$(element, '[data-id="event-link"]');
      // Without GenerateUrl's answer the link keeps the record page address: focusable, Enter follows it.
      expect(links[0].getAttribute('href')).toBe('/lightning/r/CME_Event__c/a02000000000001AAA/view');
      expect(links[1].getAttribute('href')).toBe('/generated/a02000000000002AAA');
      mockGenerateUrl.mockReset();
      mockGenerateUrl.mockImplementation((ref) =>
        Promise.resolve(`/lightning/r/${ref.attributes.objectApiName}/${ref.attributes.recordId}/view`),
      );
      click(links[0]);
      expect(mockNavigate).toHaveBeenLastCalledWith(
        expect.objectContaining({ attributes: expect.objectContaining({ recordId: 'a02000000000001AAA' }) }),
      );
    });

    it('says how many of how many are shown and loads the next page on "Show more"', async () => {
      const element = await mountWithEvents(upcomingEventsFirstPage);
      expect(text($(element, '.showing'))).toBe('Showing the first 4 of 250 events. Narrow the filters or show more.');
      expect(text($(element, '[data-id="event-count"]'))).toBe('250 upcoming events');
      click($(element, '[data-id="show-more"]'));
      await flushPromises();
      expect(lastEventsConfig().variables.first).toBe(400);
      expect($(element, '.refresh-spinner')).not.toBeNull();
      graphqlWire.emit(upcomingEvents, isEvents);
      await flushPromises();
      expect($(element, '.refresh-spinner')).toBeNull();
    });

    it('uses the page size set in the App Builder', async () => {
      await mount({ pageSize: 50 });
      await flushPromises();
      expect(lastEventsConfig().variables.first).toBe(50);
    });
  });

  describe('filters', () => {
    it('offers "All" plus each picklist value of type, format, status and therapy area', async () => {
      const element = await mountWithEvents();
      const options = (id: string) => ($<Validatable>(element, `[data-id="${id}"]`)!.options ?? []).map((o) => o.label);
      expect(options('filter-type')).toEqual([
        'All',
        'Conference',
        'Workshop',
        'Webinar',
        'Roundtable',
        'Hospital Meeting',
        'Specialty Session',
      ]);
      expect(options('filter-format')).toEqual(['All', 'In-Person', 'Virtual', 'Hybrid']);
      expect(options('filter-status')[0]).toBe('All');
      expect(options('filter-status')).toContain('Pending Approval');
      expect(options('filter-therapy-area')).toEqual([
        'All',
        'Cardiovascular',
        'Oncology',
        'Diabetes and Endocrinology',
        'Respiratory',
      ]);
      expect(($<Validatable>(element, '[data-id="filter-type"]') as { value?: string }).value).toBe('');
    });

    it('asks for the picklists of the default record type', async () => {
      await mount();
      objectInfoAdapter.emit(objectInfo);
      await flushPromises();
      let recordTypeId: unknown;
      picklistAdapter.emit(picklistEventType, (config) => {
        recordTypeId = config.recordTypeId;
        return false;
      });
      expect(recordTypeId).toBe('012000000000000AAA');
    });

    it('puts each chosen filter into the GraphQL where clause', async () => {
      const element = await mountWithEvents();
      change($(element, '[data-id="filter-type"]')!, { value: 'Workshop' });
      change($(element, '[data-id="filter-format"]')!, { value: 'In-Person' });
      change($(element, '[data-id="filter-status"]')!, { value: 'Draft' });
      change($(element, '[data-id="filter-therapy-area"]')!, { value: 'Oncology' });
      change($(element, '[data-id="filter-mine"]')!, { checked: true });
      await flushPromises();
      expect(lastEventsConfig().variables.where.and).toEqual([
        { End__c: { gte: { literal: 'TODAY' } } },
        { Event_Type__c: { eq: 'Workshop' } },
        { Format__c: { eq: 'In-Person' } },
        { Status__c: { eq: 'Draft' } },
        { Therapy_Area__c: { eq: 'Oncology' } },
        { OwnerId: { eq: USER_ID } },
      ]);
      // The list stays while the new answer loads, under a spinner.
      expect($(element, '.refresh-spinner')).not.toBeNull();
      expect($$(element, '[data-id="event-row"]')).toHaveLength(4);
    });

    it('keeps the list as it is when a filter is set to the value it already has', async () => {
      const element = await mountWithEvents();
      change($(element, '[data-id="filter-type"]')!, { value: '' });
      await flushPromises();
      expect($(element, '.refresh-spinner')).toBeNull();
    });

    it('"Clear filters" removes every filter', async () => {
      const element = await mountWithEvents();
      expect($(element, '[data-id="clear-filters"]')).toBeNull();
      change($(element, '[data-id="filter-format"]')!, { value: 'Virtual' });
      change($(element, '[data-id="filter-mine"]')!, { checked: true });
      await flushPromises();
      click($(element, '[data-id="clear-filters"]'));
      await flushPromises();
      expect(lastEventsConfig().variables.where.and).toEqual([{ End__c: { gte: { literal: 'TODAY' } } }]);
      expect(($(element, '[data-id="filter-mine"]') as HTMLElement & { checked?: boolean }).checked).toBe(false);
      expect($(element, '[data-id="clear-filters"]')).toBeNull();
    });

    it('starts with "Only my events" on when the page sets it', async () => {
      const element = await mount({ mineByDefault: true });
      await flushPromises();
      expect(lastEventsConfig().variables.where.and).toContainEqual({ OwnerId: { eq: USER_ID } });
      expect(($(element, '[data-id="filter-mine"]') as HTMLElement & { checked?: boolean }).checked).toBe(true);
    });

    it('says when nothing matches the filters and offers to clear them', async () => {
      const element = await mountWithEvents();
      change($(element, '[data-id="filter-status"]')!, { value: 'Rejected' });
      graphqlWire.emit(upcomingEventsEmpty, isEvents);
      await flushPromises();
      expect(text($(element, '.empty-filtered'))).toBe(
        'No upcoming events match these filters. Clear the filters to see every upcoming event.',
      );
      expect($(element, '[data-id="empty-new-event"]')).toBeNull();
      click($(element, '[data-id="empty-clear-filters"]'));
      await flushPromises();
      expect(lastEventsConfig().variables.where.and).toHaveLength(1);
    });

    it('warns when the picklist values cannot be loaded, and still lists events', async () => {
      const element = await mount();
      objectInfoAdapter.error(objectInfoError.body, objectInfoError.status, 'Server Error');
      graphqlWire.emit(upcomingEvents, isEvents);
      await flushPromises();
      expect(text($(element, '[data-id="option-errors"]'))).toBe('The object info service is unavailable.');
      expect($(element, '[data-id="option-errors"]')!.getAttribute('role')).toBe('alert');
      expect($$(element, '[data-id="event-row"]')).toHaveLength(4);
    });

    it('warns when a picklist cannot be loaded', async () => {
      const element = await mount();
      objectInfoAdapter.emit(objectInfo);
      picklistAdapter.error([{ errorCode: 'NOT_FOUND', message: 'No picklist Format__c' }], 404, 'Not Found');
      await flushPromises();
      expect($$(element, '.notice-message').map(text)).toEqual(['No picklist Format__c']);
    });
  });

  describe('empty and error states', () => {
    it('invites to create the first event when nothing is planned', async () => {
      const element = await mountWithEvents(upcomingEventsEmpty);
      expect(text($(element, '.empty-title'))).toBe('No upcoming events');
      expect(text($(element, '.empty-body'))).toBe(
        'Plan your next CME event: create it here, then invite doctors and submit it for approval.',
      );
      expect(text($(element, '[data-id="event-count"]'))).toBe('0 upcoming events');
      await openForm(element, 'empty-new-event');
      expect($(element, 'section[role="dialog"]')).not.toBeNull();
    });

    it('shows the GraphQL errors in an alert panel and retries on request', async () => {
      const element = await mount();
      graphqlWire.emitErrors(graphqlErrors, isEvents, refreshEvents);
      await flushPromises();
      const panel = $(element, '.error-panel')!;
      expect(panel.getAttribute('role')).toBe('alert');
      expect(text(panel.querySelector('.slds-text-heading_small'))).toBe('Events could not be loaded');
      expect($$(element, '.error-message').map(text)).toEqual([graphqlErrors[0].message]);
      expect($(element, '.event-list')).toBeNull();
      expect($(element, 'lightning-spinner')).toBeNull();

      click($(element, '[data-id="retry"]'));
      await flushPromises();
      expect(refreshEvents).toHaveBeenCalledTimes(1);
      graphqlWire.emit(upcomingEvents, isEvents, refreshEvents);
      await flushPromises();
      expect($(element, '.error-panel')).toBeNull();
      expect($$(element, '[data-id="event-row"]')).toHaveLength(4);
    });

    it('reports a retry that fails', async () => {
      refreshEvents.mockRejectedValueOnce(new Error('Network unreachable'));
      const element = await mount();
      graphqlWire.emitErrors(graphqlErrors, isEvents, refreshEvents);
      await flushPromises();
      click($(element, '[data-id="retry"]'));
      await flushPromises();
      expect(refreshEvents).toHaveBeenCalledTimes(1);
      expect($$(element, '.error-message').map(text)).toEqual(['Network unreachable']);
      expect($(element, '.refresh-spinner')).toBeNull();
    });

    it('retries through the refresh of the latest result, and without one stops the spinner', async () => {
      const element = await mount();
      graphqlWire.emitErrors(graphqlErrors, isEvents);
      await flushPromises();
      click($(element, '[data-id="retry"]'));
      await flushPromises();
      expect($(element, '.refresh-spinner')).toBeNull();
      expect($(element, '.error-panel')).not.toBeNull();

      const older = jest.fn((): Promise<void> => Promise.resolve());
      graphqlWire.emitErrors(graphqlErrors, isEvents, older);
      graphqlWire.emitErrors(graphqlErrors, isEvents, refreshEvents);
      await flushPromises();
      click($(element, '[data-id="retry"]'));
      await flushPromises();
      expect(refreshEvents).toHaveBeenCalledTimes(1);
      expect(older).not.toHaveBeenCalled();
    });
  });

  describe('calendar', () => {
    async function calendar(props: Partial<PlannerElement> = {}) {
      const element = await mountWithEvents(upcomingEvents, props);
      change($(element, '[data-id="view-switch"]')!, { value: 'calendar' });
      await flushPromises();
      return element;
    }
    const cell = (element: HTMLElement, iso: string) => $(element, `td[data-date="${iso}"]`)!;

    it('switches between list and month calendar', async () => {
      const element = await calendar();
      expect($(element, '.event-list')).toBeNull();
      expect($(element, 'table[role="grid"]')).not.toBeNull();
      change($(element, '[data-id="view-switch"]')!, { value: 'list' });
      await flushPromises();
      expect($(element, 'table[role="grid"]')).toBeNull();
      expect($(element, '.event-list')).not.toBeNull();
    });

    it('draws the month grid with weekday headers and the events on their start days', async () => {
      const element = await calendar();
      expect(text($(element, '.month-title'))).toBe('March 2027');
      const headers = $$(element, 'th[scope="col"]');
      expect(headers.map(text)).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
      expect(headers[0].getAttribute('abbr')).toBe('Sunday');
      // March 2027 starts on a Monday: the grid opens with Sunday 28 February and has 5 weeks.
      expect($$(element, 'tbody tr')).toHaveLength(5);
      expect($$(element, 'td')[0].dataset.date).toBe('2027-02-28');
      expect($$(element, 'td')[0].className).toContain('calendar-day_outside');
      const the14th = cell(element, '2027-03-14');
      expect([...the14th.querySelectorAll('.calendar-event-name')].map(text)).toEqual([
        'Heart Failure Update — Mumbai',
        'Insulin Titration Workshop',
      ]);
      expect([...the14th.querySelectorAll('.calendar-event-status')].map(text)).toEqual(['Approved', 'Draft']);
      expect(cell(element, '2027-03-20').querySelectorAll('.calendar-event')).toHaveLength(1);
      expect(cell(element, '2027-03-15').querySelectorAll('.calendar-event')).toHaveLength(0);
    });

    it('marks today in words and as the current date, and makes it the tab stop', async () => {
      const element = await calendar();
      const today = cell(element, '2027-03-10');
      expect(today.getAttribute('aria-current')).toBe('date');
      expect(text(today.querySelector('.today-marker'))).toBe('Today');
      expect(today.getAttribute('tabindex')).toBe('0');
      expect($$(element, 'td[tabindex="0"]')).toHaveLength(1);
      expect(cell(element, '2027-03-11').getAttribute('aria-current')).toBeNull();
    });

    it('pages months with the previous/next buttons and comes back with "Today"', async () => {
      const element = await calendar();
      click($(element, '[data-id="next-month"]'));
      await flushPromises();
      expect(text($(element, '.month-title'))).toBe('April 2027');
      expect(cell(element, '2027-04-02').querySelectorAll('.calendar-event')).toHaveLength(1);
      // Not this month: the 1st holds the tab stop.
      expect(cell(element, '2027-04-01').getAttribute('tabindex')).toBe('0');
      click($(element, '[data-id="previous-month"]'));
      click($(element, '[data-id="previous-month"]'));
      await flushPromises();
      expect(text($(element, '.month-title'))).toBe('February 2027');
      click($(element, '[data-id="today"]'));
      await flushPromises();
      expect(text($(element, '.month-title'))).toBe('March 2027');
      expect(cell(element, '2027-03-10').getAttribute('tabindex')).toBe('0');
    });

    it("links the calendar's events by their addresses", async () => {
      const element = await calendar();
      await flushPromises();
      const link = cell(element, '2027-03-20').querySelector('[data-id="calendar-event"]') as HTMLAnchorElement;
      expect(link.getAttribute('href')).toBe('/lightning/r/CME_Event__c/a02000000000003AAA/view');
      expect($$(element, '[data-id="agenda-event"]')[0].getAttribute('href')).toBe(
        '/lightning/r/CME_Event__c/a02000000000001AAA/view',
      );
    });

    it('opens an event from the grid and from the agenda', async () => {
      const element = await calendar();
      click(cell(element, '2027-03-20').querySelector('[data-id="calendar-event"]') as HTMLElement);
      expect(mockNavigate).toHaveBeenLastCalledWith(
        expect.objectContaining({ attributes: expect.objectContaining({ recordId: 'a02000000000003AAA' }) }),
      );
      click($$(element, '[data-id="agenda-event"]')[0]);
      expect(mockNavigate).toHaveBeenLastCalledWith(
        expect.objectContaining({ attributes: expect.objectContaining({ recordId: 'a02000000000001AAA' }) }),
      );
    });

    it('lists the month as an agenda for phones, days in order with their events', async () => {
      const element = await calendar();
      const days = $$(element, '.agenda-day');
      expect(days.map((d) => d.dataset.date)).toEqual(['2027-03-14', '2027-03-20']);
      expect(text(days[0].querySelector('.agenda-day-title'))).toBe('Sunday, March 14');
      expect([...days[0].querySelectorAll('.agenda-event-name')].map(text)).toEqual([
        'Heart Failure Update — Mumbai',
        'Insulin Titration Workshop',
      ]);
      expect(text(days[0].querySelector('.event-status'))).toBe('Approved');
      click($(element, '[data-id="next-month"]'));
      click($(element, '[data-id="next-month"]'));
      await flushPromises();
      expect($$(element, '.agenda-day')).toHaveLength(0);
      expect(text($(element, '.agenda-empty'))).toBe('No upcoming events start this month.');
    });

    it('marks today in the agenda', async () => {
      const element = await mount();
      emitOptions();
      graphqlWire.emit(
        {
          uiapi: {
            query: {
              CME_Event__c: {
                edges: [
                  {
                    node: {
                      ...upcomingEventsOne.uiapi.query.CME_Event__c.edges[0].node,
                      Start__c: { value: '2027-03-10T12:00:00.000Z' },
                      Time_Zone__c: { value: null },
                    },
                  },
                ],
                totalCount: 1,
              },
            },
          },
        },
        isEvents,
      );
      await flushPromises();
      change($(element, '[data-id="view-switch"]')!, { value: 'calendar' });
      await flushPromises();
      expect(text($(element, '.agenda-day .today-marker'))).toBe('Today');
    });

    it('opens as a calendar starting on Monday when the page says so', async () => {
      const element = await mountWithEvents(upcomingEvents, { defaultView: 'Calendar', firstDayOfWeek: 'Monday' });
      expect($(element, 'table[role="grid"]')).not.toBeNull();
      expect(text($$(element, 'th[scope="col"]')[0])).toBe('Mon');
      expect($$(element, 'td')[0].dataset.date).toBe('2027-03-01');
    });
  });

  describe('new event form', () => {
    it('opens with sensible defaults: next week 09:00–17:00, the default type and format, the only rule pack', async () => {
      const focus = jest.spyOn(HTMLElement.prototype, 'focus');
      const element = await mountWithEvents();
      await openForm(element);
      const dialog = $(element, 'section[role="dialog"]')!;
      expect(dialog.getAttribute('aria-modal')).toBe('true');
      const value = (field: string) => ($(element, `[data-field="${field}"]`) as Validatable).value;
      expect(value('Name')).toBe('');
      expect(value('Event_Type__c')).toBe('Conference');
      // The local org gives no picklist default for Format__c: the first value is used.
      expect(value('Format__c')).toBe('In-Person');
      expect(value('Start__c')).toBe(new Date(2027, 2, 17, 9, 0).toISOString());
      expect(value('End__c')).toBe(new Date(2027, 2, 17, 17, 0).toISOString());
      expect(value('Time_Zone__c')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
      expect(value('Rule_Pack__c')).toBe('a05000000000001AAA');
      const rulePack = $<Validatable>(element, '[data-field="Rule_Pack__c"]')!;
      expect(rulePack.options!.map((o) => o.label)).toEqual(['None', 'India UCPMP 2024 (IN-UCPMP-2024)']);
      expect($<Validatable>(element, '[data-field="Therapy_Area__c"]')!.options!.map((o) => o.label)[0]).toBe('None');
      // In-person: venue, city and country are required; no virtual URL needed.
      expect($<Validatable>(element, '[data-field="Venue__c"]')!.required).toBe(true);
      expect($<Validatable>(element, '[data-field="Virtual_Url__c"]')!.required).toBe(false);
      expect(lastFocused(focus)).toBe($(element, '[data-field="Name"]'));
      focus.mockRestore();
    });

    it('leaves the rule pack to the user when several are active', async () => {
      const element = await mountWithEvents();
      graphqlWire.emit(activeRulePacksTwo, isRulePacks);
      await openForm(element);
      expect(($(element, '[data-field="Rule_Pack__c"]') as Validatable).value).toBe('');
    });

    it('explains in the rule pack help when the packs cannot be loaded', async () => {
      const element = await mountWithEvents();
      graphqlWire.emitErrors([{ message: 'No access to CME_Rule_Pack__c' }], isRulePacks);
      await openForm(element);
      expect($<Validatable>(element, '[data-field="Rule_Pack__c"]')!.fieldLevelHelp).toBe(
        'Rule packs could not be loaded: No access to CME_Rule_Pack__c',
      );
    });

    it('checks the form before saving and puts each message under its field', async () => {
      const focus = jest.spyOn(HTMLElement.prototype, 'focus');
      const element = await mountWithEvents();
      await openForm(element);
      await fill(element, { Format__c: 'Hybrid', Capacity__c: '0', Budget__c: '-5', Time_Zone__c: 'Mars/Olympus' });
      const fields = spyFields(element);
      click($(element, '[data-id="form-save"]'));
      await flushPromises();
      expect(createRecord).not.toHaveBeenCalled();
      expect(validityMessages(fields)).toEqual({
        Name: 'Complete this field.',
        Venue__c: 'In-person and hybrid events need a venue, a city and a country.',
        City__c: 'In-person and hybrid events need a venue, a city and a country.',
        Country__c: 'In-person and hybrid events need a venue, a city and a country.',
        Virtual_Url__c: 'Virtual and hybrid events need a virtual URL so attendees can join.',
        Capacity__c: 'Capacity must be a whole number of at least 1, or left blank.',
        Budget__c: 'The budget cannot be negative.',
        Time_Zone__c: 'Enter a time zone such as Asia/Kolkata or America/New_York.',
      });
      expect(fields.Name.reportValidity).toHaveBeenCalled();
      const panel = $(element, '[data-id="form-errors"]')!;
      expect(panel.getAttribute('role')).toBe('alert');
      expect($$(element, '.notice-message').map(text)).toEqual([
        'Fix the 8 highlighted fields, then create the event again.',
      ]);
      expect(lastFocused(focus)).toBe(fields.Name);
      focus.mockRestore();
    });

    it('re-checks as the user corrects the form, and says when one field is left', async () => {
      const element = await mountWithEvents();
      await openForm(element);
      await fill(element, { Format__c: 'Virtual', Virtual_Url__c: 'zoom meeting' });
      const fields = spyFields(element);
      click($(element, '[data-id="form-save"]'));
      await flushPromises();
      expect(validityMessages(fields)).toEqual({
        Name: 'Complete this field.',
        Virtual_Url__c: 'Enter a full web address that starts with https://.',
      });
      await fill(element, { Name: 'Asthma update' });
      expect(validityMessages(fields)).toEqual({
        Virtual_Url__c: 'Enter a full web address that starts with https://.',
      });
      click($(element, '[data-id="form-save"]'));
      await flushPromises();
      expect($$(element, '.notice-message').map(text)).toEqual([
        'Fix the highlighted field, then create the event again.',
      ]);
    });

    it('refuses an end that is not after the start', async () => {
      const element = await mountWithEvents();
      await openForm(element);
      await fill(element, {
        Format__c: 'Virtual',
        Name: 'Webinar',
        Virtual_Url__c: 'https://meet.example.com/abc',
        End__c: new Date(2027, 2, 17, 8, 0).toISOString(),
      });
      const fields = spyFields(element);
      click($(element, '[data-id="form-save"]'));
      await flushPromises();
      expect(validityMessages(fields)).toEqual({
        End__c: 'The event must end after it starts. Check the start and end times.',
      });
      expect(createRecord).not.toHaveBeenCalled();
    });

    it('moves the end with the start so the event keeps its length', async () => {
      const element = await mountWithEvents();
      await openForm(element);
      await fill(element, { Start__c: new Date(2027, 2, 19, 9, 0).toISOString() });
      expect(($(element, '[data-field="End__c"]') as Validatable).value).toBe(
        new Date(2027, 2, 19, 17, 0).toISOString(),
      );
      await fill(element, { Start__c: new Date(2027, 2, 19, 8, 0).toISOString() });
      expect(($(element, '[data-field="End__c"]') as Validatable).value).toBe(
        new Date(2027, 2, 19, 17, 0).toISOString(),
      );
    });

    it('creates the event, confirms it, refreshes the list and opens the new record', async () => {
      (createRecord as jest.Mock).mockResolvedValue(createRecordSuccess);
      const element = await mountWithEvents();
      const toasts: CustomEvent[] = [];
      element.addEventListener('lightning__showtoast', (e) => toasts.push(e as CustomEvent));
      await openForm(element);
      await fill(element, { ...VALID_IN_PERSON, Therapy_Area__c: 'Cardiovascular' });
      expect(($(element, '[data-field="Country__c"]') as Validatable).value).toBe('IN');
      click($(element, '[data-id="form-save"]'));
      await flushPromises();

      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'CME_Event__c',
        fields: {
          Name: 'Lipids Masterclass',
          Event_Type__c: 'Conference',
          Format__c: 'In-Person',
          Start__c: new Date(2027, 2, 17, 9, 0).toISOString(),
          End__c: new Date(2027, 2, 17, 17, 0).toISOString(),
          Time_Zone__c: Intl.DateTimeFormat().resolvedOptions().timeZone,
          Venue__c: 'Taj Lands End',
          City__c: 'Mumbai',
          Country__c: 'IN',
          Therapy_Area__c: 'Cardiovascular',
          Topic__c: 'Familial hypercholesterolaemia',
          Educational_Need__c: 'Under-diagnosis of FH in primary care.',
          Capacity__c: 40,
          Budget__c: 250000,
          Rule_Pack__c: 'a05000000000001AAA',
        },
      });
      expect(toasts).toHaveLength(1);
      expect(toasts[0].detail).toMatchObject({
        title: 'Event created',
        message:
          '“Lipids Masterclass” is saved as a draft. Invite doctors and submit it for approval when it is ready.',
        variant: 'success',
      });
      expect(refreshEvents).toHaveBeenCalledTimes(1);
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: 'a02000000000099AAA' }]);
      expect(mockNavigate).toHaveBeenCalledWith(recordPage('a02000000000099AAA'));
      expect($(element, 'section[role="dialog"]')).toBeNull();
    });

    it('still opens the new event when the list refresh fails', async () => {
      (createRecord as jest.Mock).mockResolvedValue(createRecordSuccess);
      refreshEvents.mockRejectedValueOnce(new Error('offline'));
      const element = await mountWithEvents();
      await openForm(element);
      await fill(element, VALID_IN_PERSON);
      click($(element, '[data-id="form-save"]'));
      await flushPromises();
      expect(mockNavigate).toHaveBeenCalledTimes(1);
      expect($(element, 'section[role="dialog"]')).toBeNull();
    });

    it('shows server field errors under their fields and the rest in the error panel', async () => {
      (createRecord as jest.Mock).mockRejectedValue(createRecordFieldErrors);
      const element = await mountWithEvents();
      const toasts: Event[] = [];
      element.addEventListener('lightning__showtoast', (e) => toasts.push(e));
      await openForm(element);
      await fill(element, VALID_IN_PERSON);
      const fields = spyFields(element);
      click($(element, '[data-id="form-save"]'));
      await flushPromises();
      expect(validityMessages(fields)).toEqual({
        Venue__c: 'In-person and hybrid events need a venue, a city and a country.',
        Capacity__c: 'Capacity must be at least 1, or left blank.',
      });
      expect($$(element, '.notice-message').map(text)).toEqual([
        'Use Submit for Approval: only the approval process can set the status to Pending Approval, Approved or Rejected.',
        'An event with this key already exists.',
        'Fix the 2 highlighted fields, then create the event again.',
      ]);
      expect($(element, 'section[role="dialog"]')).not.toBeNull();
      expect(toasts).toHaveLength(0);
      expect(mockNavigate).not.toHaveBeenCalled();
      expect(($(element, '[data-id="form-save"]') as HTMLElement & { disabled?: boolean }).disabled).toBe(false);

      // Editing a field clears its server message.
      fields.Capacity__c.setCustomValidity.mockClear();
      await fill(element, { Capacity__c: '30' });
      expect(fields.Capacity__c.setCustomValidity).toHaveBeenLastCalledWith('');
    });

    it('shows an error without field detail in the panel', async () => {
      (createRecord as jest.Mock).mockRejectedValue(createRecordForbidden);
      const element = await mountWithEvents();
      await openForm(element);
      await fill(element, VALID_IN_PERSON);
      click($(element, '[data-id="form-save"]'));
      await flushPromises();
      expect($$(element, '.notice-message').map(text)).toEqual(['You do not have access to create CME events.']);
    });

    it('shows "Creating event…" and ignores a second click while saving', async () => {
      let resolve: (value: unknown) => void = () => undefined;
      (createRecord as jest.Mock).mockReturnValue(new Promise((r) => (resolve = r)));
      const element = await mountWithEvents();
      await openForm(element);
      await fill(element, VALID_IN_PERSON);
      const save = $(element, '[data-id="form-save"]') as HTMLElement & { label?: string; disabled?: boolean };
      click(save);
      await flushPromises();
      expect(save.label).toBe('Creating event…');
      expect(save.disabled).toBe(true);
      click(save);
      // Escape does not close the form while it saves.
      key($(element, 'section[role="dialog"]')!, 'Escape');
      await flushPromises();
      expect(createRecord).toHaveBeenCalledTimes(1);
      expect($(element, 'section[role="dialog"]')).not.toBeNull();
      resolve(createRecordSuccess);
      await flushPromises();
      expect($(element, 'section[role="dialog"]')).toBeNull();
    });

    it('closes with Cancel, the close button or Escape, and gives focus back to "New event"', async () => {
      const focus = jest.spyOn(HTMLElement.prototype, 'focus');
      const element = await mountWithEvents();
      await openForm(element);
      click($(element, '[data-id="form-cancel"]'));
      await flushPromises();
      expect($(element, 'section[role="dialog"]')).toBeNull();
      expect(lastFocused(focus)).toBe($(element, '[data-id="new-event"]'));
      focus.mockRestore();

      await openForm(element);
      click($(element, '[data-id="form-close"]'));
      await flushPromises();
      expect($(element, 'section[role="dialog"]')).toBeNull();

      await openForm(element);
      key($(element, '[data-field="Name"]')!, 'Escape');
      await flushPromises();
      expect($(element, 'section[role="dialog"]')).toBeNull();
      expect(createRecord).not.toHaveBeenCalled();
    });

    it('keeps Tab and Shift+Tab inside the dialog', async () => {
      const focus = jest.spyOn(HTMLElement.prototype, 'focus');
      const element = await mountWithEvents();
      await openForm(element);
      const dialog = $(element, 'section[role="dialog"]')!;
      const close = $(element, '[data-id="form-close"]')!;
      const save = $(element, '[data-id="form-save"]')!;
      let active: Element | null = save;
      Object.defineProperty($(element, 'c-cme-new-event-form')!.shadowRoot, 'activeElement', {
        configurable: true,
        get: () => active,
      });

      const tab = (shiftKey: boolean) => {
        const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true });
        dialog.dispatchEvent(event);
        return event;
      };
      expect(tab(false).defaultPrevented).toBe(true);
      expect(lastFocused(focus)).toBe(close);
      active = close;
      expect(tab(true).defaultPrevented).toBe(true);
      expect(lastFocused(focus)).toBe(save);
      // In between, Tab moves as usual.
      active = $(element, '[data-field="Name"]');
      expect(tab(false).defaultPrevented).toBe(false);
      expect(tab(true).defaultPrevented).toBe(false);
      focus.mockRestore();
    });

    it('starts afresh each time it opens', async () => {
      const element = await mountWithEvents();
      await openForm(element);
      await fill(element, { Name: 'Half-typed' });
      click($(element, '[data-id="form-cancel"]'));
      await flushPromises();
      await openForm(element);
      expect(($(element, '[data-field="Name"]') as Validatable).value).toBe('');
    });
  });

  describe('accessibility', () => {
    it('is accessible while loading, with data, as a calendar, empty and in error', async () => {
      const element = await mount();
      await flushPromises();
      await expect(element).toBeAccessible();

      emitOptions();
      graphqlWire.emit(upcomingEvents, isEvents);
      await flushPromises();
      await expect(element).toBeAccessible();

      change($(element, '[data-id="view-switch"]')!, { value: 'calendar' });
      await flushPromises();
      await expect(element).toBeAccessible();

      graphqlWire.emit(upcomingEventsEmpty, isEvents);
      await flushPromises();
      await expect(element).toBeAccessible();

      graphqlWire.emitErrors(graphqlErrors, isEvents);
      await flushPromises();
      await expect(element).toBeAccessible();
    });

    it('is accessible with the form open and showing errors', async () => {
      const element = await mountWithEvents();
      await openForm(element);
      await expect(element).toBeAccessible();
      click($(element, '[data-id="form-save"]'));
      await fill(element, { Name: '' });
      click($(element, '[data-id="form-save"]'));
      await flushPromises();
      expect($(element, '[data-id="form-errors"]')).not.toBeNull();
      await expect(element).toBeAccessible();
    });
  });
});

describe('cmeEventPlanner helpers', () => {
  it('builds the where clause from the filters, "Mine" only with a user', () => {
    expect(buildEventWhere(NO_FILTERS, USER_ID)).toEqual({ and: [{ End__c: { gte: { literal: 'TODAY' } } }] });
    expect(buildEventWhere({ ...NO_FILTERS, format: 'Hybrid', mineOnly: true }, USER_ID).and).toEqual([
      { End__c: { gte: { literal: 'TODAY' } } },
      { Format__c: { eq: 'Hybrid' } },
      { OwnerId: { eq: USER_ID } },
    ]);
    expect(buildEventWhere({ ...NO_FILTERS, mineOnly: true }, '').and).toHaveLength(1);
    expect(hasActiveFilters(NO_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...NO_FILTERS, therapyArea: 'Oncology' })).toBe(true);
  });

  it('reads the events of a GraphQL answer', () => {
    const events = eventsFrom(upcomingEvents, 'Online');
    expect(events[0]).toEqual({
      id: 'a02000000000001AAA',
      name: 'Heart Failure Update — Mumbai',
      status: 'Approved',
      statusLabel: 'Approved',
      statusClass: 'slds-badge event-status slds-theme_success',
      eventType: 'Conference',
      format: 'Hybrid',
      formatValue: 'Hybrid',
      where: 'Mumbai, IN',
      start: '2027-03-14T04:00:00.000Z',
      end: '2027-03-14T12:00:00.000Z',
      timeZone: 'Asia/Kolkata',
      day: '2027-03-14',
    });
    expect(events[3].timeZone).toBeUndefined();
    expect(eventsFrom(undefined, 'Online')).toEqual([]);
  });

  it('says where an event is', () => {
    expect(whereText('Pune', 'IN', 'In-Person', 'Online')).toBe('Pune, IN');
    expect(whereText('Pune', '', 'Hybrid', 'Online')).toBe('Pune');
    expect(whereText('', '', 'Virtual', 'Online')).toBe('Online');
    expect(whereText('', 'DE', 'In-Person', 'Online')).toBe('DE');
  });

  it('takes the start day in the event time zone', () => {
    // 20:00 UTC on 14 March is already 15 March in Tokyo, still the 14th in New York.
    expect(dayInZone('2027-03-14T20:00:00.000Z', 'Asia/Tokyo')).toBe('2027-03-15');
    expect(dayInZone('2027-03-14T20:00:00.000Z', 'America/New_York')).toBe('2027-03-14');
    expect(dayInZone('2027-03-14T12:00:00.000Z', 'Not/AZone')).toBe(
      localTodayIso(new Date('2027-03-14T12:00:00.000Z')),
    );
    expect(dayInZone('', 'Asia/Tokyo')).toBe('');
    expect(dayInZone('not a date')).toBe('');
  });

  it('names rule packs with their code', () => {
    expect(rulePackOptions(activeRulePacksTwo)).toEqual([
      { value: 'a05000000000002AAA', label: 'EU EFPIA (EU-EFPIA)' },
      { value: 'a05000000000001AAA', label: 'India UCPMP 2024 (IN-UCPMP-2024)' },
    ]);
    expect(
      rulePackOptions({
        uiapi: {
          query: {
            CME_Rule_Pack__c: { edges: [{ node: { Id: 'x', Name: { value: 'EU' }, Code__c: { value: 'EU' } } }] },
          },
        },
      }),
    ).toEqual([{ value: 'x', label: 'EU' }]);
  });
});

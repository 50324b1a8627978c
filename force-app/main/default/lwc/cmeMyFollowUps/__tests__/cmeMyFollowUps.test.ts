import CmeMyFollowUps from 'c/cmeMyFollowUps';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import {
  $,
  $$,
  collectToasts,
  flushPromises,
  graphqlWire,
  ldsWire,
  mountRendered,
  stateEmpty,
  stateErrorPanel,
  stateErrorTitle,
  stateErrors,
  stateRetry,
  stateSpinner,
  text,
} from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';
import { expectRecordLink, mockNavigate, recordPage } from '../../../../../test/navigation';
import type { WireConfig as Config } from '../../../../../test/lwcTest';
import { notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';

import myFollowUps from './data/myFollowUps.json';
import myFollowUpsTruncated from './data/myFollowUpsTruncated.json';
import myFollowUpsEmpty from './data/myFollowUpsEmpty.json';
import myFollowUpsOtherObjects from './data/myFollowUpsOtherObjects.json';
import myFollowUpsNothingOverdue from './data/myFollowUpsNothingOverdue.json';
import eventNames from './data/eventNames.json';
import objectInfo from './data/objectInfo.json';
import graphqlErrors from './data/graphqlErrors.json';
import updateRecordError from './data/updateRecordError.json';

jest.mock('lightning/navigation', () => ({
  NavigationMixin: jest.requireActual('../../../../../test/navigation').NavigationMixin,
}));

/** The tasks wire's `refresh`, which lightning/graphql puts on each result it emits. */
const refreshTasks = jest.fn((): Promise<void> => Promise.resolve());
const objectInfoAdapter = ldsWire(getObjectInfo);

// @salesforce/user/Id in jest.
const USER_ID = '005000000000000000';
const isTasks = (config: Config) => config.operationName === 'MyFollowUps';
const isEventNames = (config: Config) => config.operationName === 'FollowUpEventNames';

type FollowUpsElement = HTMLElement & { defaultFilter?: string; firstDayOfWeek?: string };

const mount = (props: Partial<FollowUpsElement> = {}) =>
  mountRendered<FollowUpsElement>('c-cme-my-follow-ups', CmeMyFollowUps, props);

async function mountWith(data: unknown = myFollowUps, props: Partial<FollowUpsElement> = {}) {
  const element = await mount(props);
  objectInfoAdapter.emit(objectInfo);
  graphqlWire.emit(data, isTasks, refreshTasks);
  await flushPromises();
  return element;
}

function configOf(match: (config: Config) => boolean): Config | undefined {
  let found: Config | undefined;
  graphqlWire.emit(undefined, (config) => {
    if (match(config)) found = config;
    return false;
  });
  return found;
}

const subjects = (el: HTMLElement) => $$(el, '[data-id="follow-up-row"] .subject').map(text);

function setFilter(element: HTMLElement, value: string): void {
  const group = $(element, '[data-id="filter"]') as HTMLElement & { value?: string };
  group.value = value;
  group.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function row(element: HTMLElement, taskId: string): HTMLElement {
  return $(element, `[data-id="follow-up-row"][data-task-id="${taskId}"]`)!;
}

describe('c-cme-my-follow-ups', () => {
  // Only Date is faked: "today" is Wednesday 10 March 2027.
  todayEachTest(new Date(2027, 2, 10, 9, 30));

  it('shows a spinner until both the tasks and the event key prefix are known', async () => {
    const element = await mount();
    expect(stateSpinner(element)!.alternativeText).toBe('Loading your follow-ups');
    graphqlWire.emit(myFollowUps, isTasks);
    await flushPromises();
    expect(stateSpinner(element)).not.toBeNull();
    objectInfoAdapter.emit(objectInfo);
    await flushPromises();
    expect(stateSpinner(element)).toBeNull();
  });

  it("asks GraphQL for the user's open Tasks that relate to a record", async () => {
    await mount();
    expect(configOf(isTasks)!.variables).toEqual({ ownerId: USER_ID, first: 500 });
  });

  it('lists only the follow-ups on CME events, by due date, with doctor, event and due date', async () => {
    const element = await mountWith();
    expect(subjects(element)).toEqual([
      'Send CME certificate',
      "Share the speaker's slides",
      'Call back about the dosing question',
      'Confirm travel and lodging',
      'Remind attendees of the survey',
      'Send the feedback survey',
      '(No subject)',
    ]);
    // The task on an account is not a CME follow-up.
    expect(text($(element, '.follow-up-list'))).not.toContain('Quarterly account review');
    const first = row(element, '00T000000000001AAA');
    expect(text(first.querySelector('.doctor'))).toBe('Dr Asha Rao');
    expect(text(first.querySelector('[data-id="open-event"]'))).toBe('Heart Failure Update — Mumbai');
    expect(first.querySelector('[data-id="open-event"]')!.getAttribute('aria-label')).toBe(
      'Open event Heart Failure Update — Mumbai',
    );
    const due = first.querySelector('c-cme-date') as HTMLElement & {
      value?: string;
      timeZone?: string;
    };
    expect(due.value).toBe('2027-03-05');
    expect(due.timeZone).toBe('UTC');
    expect(text(first.querySelector('.priority'))).toBe('High priority');
    expect(text(row(element, '00T000000000002AAA').querySelector('.doctor'))).toBe('No doctor');
    expect(row(element, '00T000000000002AAA').querySelector('.priority')).toBeNull();
    expect(text(row(element, '00T000000000007AAA').querySelector('.no-due-date'))).toBe('No due date');
    expect(text($(element, '[data-id="follow-up-count"]'))).toBe('7 open follow-ups');
  });

  it('marks overdue follow-ups in words, not only in colour, and today’s as due today', async () => {
    const element = await mountWith();
    const overdue = row(element, '00T000000000001AAA');
    expect(text(overdue.querySelector('.due-note'))).toBe('Overdue by 5 days');
    expect(overdue.className).toContain('follow-up_overdue');
    expect(overdue.querySelector('.due-note')!.className).toContain('slds-text-color_error');
    expect(text(row(element, '00T000000000002AAA').querySelector('.due-note'))).toBe('Overdue by 1 day');
    const today = row(element, '00T000000000003AAA');
    expect(text(today.querySelector('.due-note'))).toBe('Due today');
    expect(today.className).not.toContain('follow-up_overdue');
    expect(row(element, '00T000000000006AAA').querySelector('.due-note')).toBeNull();
  });

  it('filters Overdue / This week / All, with the counts on the buttons', async () => {
    const element = await mountWith();
    const group = $(element, '[data-id="filter"]') as HTMLElement & {
      options?: { label: string; value: string }[];
      value?: string;
    };
    expect(group.options!.map((o) => o.label)).toEqual(['Overdue (2)', 'This week (2)', 'All (7)']);
    expect(group.value).toBe('all');

    setFilter(element, 'overdue');
    await flushPromises();
    expect(subjects(element)).toEqual(['Send CME certificate', "Share the speaker's slides"]);

    setFilter(element, 'week');
    await flushPromises();
    // Sunday-started week: today (Wed 10th) to Saturday 13th.
    expect(subjects(element)).toEqual(['Call back about the dosing question', 'Confirm travel and lodging']);

    setFilter(element, 'nonsense');
    await flushPromises();
    expect(subjects(element)).toHaveLength(2);

    setFilter(element, 'all');
    await flushPromises();
    expect(subjects(element)).toHaveLength(7);
  });

  it('ends "This week" on Sunday when weeks start on Monday, and opens on the chosen filter', async () => {
    const element = await mountWith(myFollowUps, { firstDayOfWeek: 'Monday', defaultFilter: 'This week' });
    expect(subjects(element)).toEqual([
      'Call back about the dosing question',
      'Confirm travel and lodging',
      'Remind attendees of the survey',
    ]);
  });

  it('says when a filter has nothing to show', async () => {
    const element = await mountWith(myFollowUpsNothingOverdue, { defaultFilter: 'Overdue' });
    expect($(element, '.follow-up-list')).toBeNull();
    expect(text($(element, '.filtered-empty'))).toBe('Nothing is overdue. Choose All to see every open follow-up.');
    setFilter(element, 'all');
    await flushPromises();
    expect(subjects(element)).toEqual(['Confirm travel and lodging', 'Send the feedback survey']);
  });

  it('looks up the names of events the Task query could not name', async () => {
    const element = await mountWith();
    const config = configOf(isEventNames)!;
    expect(config.variables).toEqual({ ids: ['a02000000000003AAA'] });
    const link = () => row(element, '00T000000000004AAA').querySelector('[data-id="open-event"]');
    expect(text(link())).toBe('CME event');
    graphqlWire.emit(eventNames, isEventNames);
    await flushPromises();
    expect(text(link())).toBe('Asthma Biologics Webinar');
    // Nothing left to look up: the lookup has no query, so it does not run.
    expect(configOf(isEventNames)!.variables).toEqual({ ids: [] });
  });

  it('does not look up names when every event is named', async () => {
    await mountWith(myFollowUpsTruncated);
    expect(configOf(isEventNames)!.variables).toEqual({ ids: [] });
  });

  it('opens the event record', async () => {
    const element = await mountWith();
    (row(element, '00T000000000002AAA').querySelector('[data-id="open-event"]') as HTMLElement).click();
    expect(mockNavigate).toHaveBeenCalledWith(recordPage('a02000000000002AAA'));
  });

  it('links each event by its address, so it opens in a new tab; a modified click is left to the browser', async () => {
    const element = await mountWith();
    await flushPromises();
    const link = row(element, '00T000000000002AAA').querySelector('[data-id="open-event"]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/lightning/r/CME_Event__c/a02000000000002AAA/view');
    expectRecordLink(link, 'a02000000000002AAA');
  });

  it('says when only the first tasks are shown', async () => {
    const element = await mountWith(myFollowUpsTruncated);
    expect(text($(element, '.truncated'))).toBe('Showing your first 500 open tasks. Close some to see the rest.');
  });

  describe('Mark done', () => {
    const markDone = (element: HTMLElement, taskId: string) =>
      row(element, taskId).querySelector('[data-id="mark-done"]') as HTMLElement & {
        disabled?: boolean;
        title?: string;
      };

    it('completes the task, confirms it, takes it off the list and refreshes', async () => {
      (updateRecord as jest.Mock).mockResolvedValue({ id: '00T000000000002AAA' });
      const focus = jest.spyOn(HTMLElement.prototype, 'focus');
      const element = await mountWith();
      const toasts = collectToasts(element);
      expect(markDone(element, '00T000000000002AAA').getAttribute('aria-label')).toBe(
        "Mark done: Share the speaker's slides",
      );

      markDone(element, '00T000000000002AAA').click();
      await flushPromises();

      expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: '00T000000000002AAA', Status: 'Completed' } });
      expect(toasts).toHaveLength(1);
      expect(toasts[0]).toMatchObject({
        title: 'Follow-up done',
        message: "“Share the speaker's slides” is marked as completed.",
        variant: 'success',
      });
      expect(row(element, '00T000000000002AAA')).toBeNull();
      expect(text($(element, '[data-id="follow-up-count"]'))).toBe('6 open follow-ups');
      expect(
        ($(element, '[data-id="filter"]') as HTMLElement & { options?: { label: string }[] }).options![0].label,
      ).toBe('Overdue (1)');
      expect(refreshTasks).toHaveBeenCalledTimes(1);
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([
        { recordId: '00T000000000002AAA' },
        { recordId: 'a02000000000002AAA' },
      ]);
      // Focus moves on to the next follow-up's button rather than being lost.
      expect(focus.mock.contexts[focus.mock.contexts.length - 1]).toBe(markDone(element, '00T000000000003AAA'));
      focus.mockRestore();
    });

    it('disables the button while saving and ignores a second tap', async () => {
      let resolve: (value: unknown) => void = () => undefined;
      (updateRecord as jest.Mock).mockReturnValue(new Promise((r) => (resolve = r)));
      const element = await mountWith();
      markDone(element, '00T000000000001AAA').click();
      await flushPromises();
      expect(markDone(element, '00T000000000001AAA').disabled).toBe(true);
      markDone(element, '00T000000000001AAA').click();
      expect(updateRecord).toHaveBeenCalledTimes(1);
      resolve({});
      await flushPromises();
      expect(row(element, '00T000000000001AAA')).toBeNull();
    });

    it('keeps the task and shows an error toast when the update fails', async () => {
      (updateRecord as jest.Mock).mockRejectedValue(updateRecordError);
      const element = await mountWith();
      const toasts = collectToasts(element);
      markDone(element, '00T000000000003AAA').click();
      await flushPromises();
      expect(toasts).toHaveLength(1);
      expect(toasts[0]).toMatchObject({
        title: 'The follow-up could not be marked done',
        message: 'insufficient access rights on object id',
        variant: 'error',
        mode: 'sticky',
      });
      expect(row(element, '00T000000000003AAA')).not.toBeNull();
      expect(markDone(element, '00T000000000003AAA').disabled).toBe(false);
      expect(refreshTasks).not.toHaveBeenCalled();
    });

    it('keeps the task off the list when the refresh after the update fails', async () => {
      (updateRecord as jest.Mock).mockResolvedValue({});
      refreshTasks.mockRejectedValueOnce(new Error('offline'));
      const element = await mountWith();
      markDone(element, '00T000000000007AAA').click();
      await flushPromises();
      expect(row(element, '00T000000000007AAA')).toBeNull();
      expect(subjects(element)).toHaveLength(6);
    });

    it('moves focus to the count when the last follow-up is done', async () => {
      (updateRecord as jest.Mock).mockResolvedValue({});
      const focus = jest.spyOn(HTMLElement.prototype, 'focus');
      const element = await mountWith(myFollowUpsNothingOverdue, { defaultFilter: 'This week' });
      markDone(element, '00T000000000004AAA').click();
      await flushPromises();
      expect(focus.mock.contexts[focus.mock.contexts.length - 1]).toBe($(element, '[data-id="follow-up-count"]'));
      expect(text($(element, '[data-id="follow-up-count"]'))).toBe('1 open follow-up');
      expect(text($(element, '.filtered-empty'))).toBe(
        'Nothing is due this week. Choose All to see every open follow-up.',
      );
      focus.mockRestore();
    });
  });

  describe('empty and error states', () => {
    it('says there are no open follow-ups', async () => {
      const element = await mountWith(myFollowUpsEmpty);
      expect(text($(element, 'c-cme-screen-card', 'c-cme-state-panel', '.empty-message'))).toBe('No open follow-ups');
      expect(text($(element, 'c-cme-screen-card', 'c-cme-state-panel', '.empty-detail'))).toBe(
        'You are all caught up. Follow-up tasks you own on CME events appear here.',
      );
      // Centred, as a heading over its detail line.
      expect(stateEmpty(element)!.classList.contains('slds-text-align_center')).toBe(true);
      expect($(element, '[data-id="filter"]')).toBeNull();
    });

    it('treats tasks on other objects as no follow-ups', async () => {
      const element = await mountWith(myFollowUpsOtherObjects);
      expect(text($(element, 'c-cme-screen-card', 'c-cme-state-panel', '.empty-message'))).toBe('No open follow-ups');
    });

    it('shows the GraphQL errors in an alert panel and retries', async () => {
      const element = await mount();
      objectInfoAdapter.emit(objectInfo);
      graphqlWire.emitErrors(graphqlErrors, isTasks, refreshTasks);
      await flushPromises();
      const panel = stateErrorPanel(element)!;
      expect(panel.getAttribute('role')).toBe('alert');
      expect(stateErrorTitle(element)).toBe('Follow-ups could not be loaded');
      expect(stateErrors(element)).toEqual(["Field 'Task' in type 'RecordQuery' is undefined"]);
      expect(stateSpinner(element)).toBeNull();

      stateRetry(element)!.click();
      await flushPromises();
      expect(refreshTasks).toHaveBeenCalledTimes(1);
      graphqlWire.emit(myFollowUps, isTasks);
      await flushPromises();
      expect(stateErrorPanel(element)).toBeNull();
      expect(subjects(element)).toHaveLength(7);
    });

    it('reports a retry that fails', async () => {
      refreshTasks.mockRejectedValueOnce(new Error('Network unreachable'));
      const element = await mount();
      graphqlWire.emitErrors(graphqlErrors, isTasks, refreshTasks);
      await flushPromises();
      stateRetry(element)!.click();
      await flushPromises();
      expect(refreshTasks).toHaveBeenCalledTimes(1);
      expect(stateErrors(element)).toEqual(['Network unreachable']);
    });

    it('keeps the error panel when retrying before any result carried a refresh', async () => {
      const element = await mount();
      objectInfoAdapter.emit(objectInfo);
      graphqlWire.emitErrors(graphqlErrors, isTasks);
      await flushPromises();
      stateRetry(element)!.click();
      await flushPromises();
      expect(refreshTasks).not.toHaveBeenCalled();
      expect(stateErrors(element)).toEqual(["Field 'Task' in type 'RecordQuery' is undefined"]);
    });

    it('shows an error when the event object cannot be described', async () => {
      const element = await mount();
      objectInfoAdapter.error(
        [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'No access to CME Event' }],
        403,
        'Forbidden',
      );
      graphqlWire.emit(myFollowUps, isTasks);
      await flushPromises();
      expect(stateErrors(element)).toEqual(['No access to CME Event']);
      objectInfoAdapter.emit(objectInfo);
      await flushPromises();
      expect(stateErrorPanel(element)).toBeNull();
      expect(subjects(element)).toHaveLength(7);
    });
  });

  it('is accessible while loading, with data, filtered empty, empty and in error', async () => {
    const element = await mount();
    await expect(element).toBeAccessible();

    objectInfoAdapter.emit(objectInfo);
    graphqlWire.emit(myFollowUps, isTasks);
    await flushPromises();
    await expect(element).toBeAccessible();

    graphqlWire.emit(myFollowUpsNothingOverdue, isTasks);
    setFilter(element, 'overdue');
    await flushPromises();
    expect($(element, '.filtered-empty')).not.toBeNull();
    await expect(element).toBeAccessible();

    graphqlWire.emit(myFollowUpsEmpty, isTasks);
    await flushPromises();
    await expect(element).toBeAccessible();

    graphqlWire.emitErrors(graphqlErrors, isTasks);
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});

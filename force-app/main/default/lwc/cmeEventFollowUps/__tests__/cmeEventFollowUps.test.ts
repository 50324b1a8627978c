import CmeEventFollowUps from 'c/cmeEventFollowUps';
import { createRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import {
  $ as query,
  $$ as queryAll,
  change,
  collectToasts,
  flushPromises,
  graphqlWire,
  mountRendered,
  stateErrorPanel,
  stateErrorTitle,
  stateErrors,
  stateSpinner,
  text,
} from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';

import followUps from './data/followUps.json';
import followUpsEmpty from './data/followUpsEmpty.json';
import createError from './data/createError.json';
import updateError from './data/updateError.json';

/** The wire's `refresh`, which lightning/graphql puts on each result it emits. */
const refreshMock = jest.fn((): Promise<void> => Promise.resolve());
const createMock = createRecord as unknown as jest.Mock;
const updateMock = updateRecord as unknown as jest.Mock;
const notifyMock = notifyRecordUpdateAvailable as unknown as jest.Mock;

const EVENT_ID = 'a01000000000001AAA';
// What @salesforce/user/Id gives in jest.
const USER_ID = '005000000000000000';
const NOW = new Date('2026-11-20T09:00:00.000Z');

type Input = HTMLElement & {
  value?: string;
  checked?: boolean;
  label?: string;
  disabled?: boolean;
  options?: { label: string; value: string }[];
  setCustomValidity: (m: string) => void;
  reportValidity: () => boolean;
};

const mount = (props: Record<string, unknown> = {}) =>
  mountRendered('c-cme-event-follow-ups', CmeEventFollowUps, { recordId: EVENT_ID, ...props });

async function loaded(props: Record<string, unknown> = {}, data: unknown = followUps): Promise<HTMLElement> {
  const element = await mount(props);
  graphqlWire.emit(data, undefined, refreshMock);
  await flushPromises();
  return element;
}

const $ = (el: HTMLElement, selector: string) => query<Input>(el, selector);
const $$ = (el: HTMLElement, selector: string) => queryAll<Input>(el, selector);

async function select(element: HTMLElement, ...doctorIds: string[]) {
  for (const id of doctorIds) change($(element, `[data-doctor-id="${id}"]`)!, { checked: true });
  await flushPromises();
}

const ASHA = '003000000000001AAA';
const KIRAN = '003000000000004AAA';

describe('c-cme-event-follow-ups', () => {
  todayEachTest(NOW);

  it('shows a spinner while loading and asks for this event', async () => {
    const element = await mount();
    expect(stateSpinner(element)!.alternativeText).toBe('Loading follow-ups');
    expect(graphqlWire.getLastConfig().variables).toEqual({ eventId: EVENT_ID });
  });

  it('lists the doctors who attended, by name, with what they asked', async () => {
    const element = await loaded();
    const boxes = $$(element, '[data-id="attendee-checkbox"]');
    expect(boxes.map((b) => b.label)).toEqual(['Dr Asha Rao', 'Dr Kiran Das', 'Dr Vikram Shah', 'Leela Menon']);
    expect(boxes.every((b) => !b.checked)).toBe(true);
    expect($$(element, '.attendee-questions').map(text)).toEqual(['2 questions asked', '', '', '1 question asked']);
    expect($$(element, '.attendee-specialty').map(text)).toEqual([
      'Cardiology',
      'Internal Medicine',
      'Cardiology',
      'Cardiology',
    ]);
    expect(text($(element, '[data-id="selected-count"]'))).toBe('0 of 4 selected');
    const create = $(element, '[data-id="create"]')!;
    expect(create.label).toBe('Create follow-ups');
    expect(create.disabled).toBe(true);
  });

  it('fills the default template for this event', async () => {
    const element = await loaded();
    expect($(element, '[data-id="template"]')!.value).toBe('slides');
    expect($(element, '[data-id="template"]')!.options!.map((o) => o.label)).toEqual([
      'Send slides',
      'Thank you note',
      'Share CME certificate',
      'Schedule 1:1 visit',
      'Answer an open question',
    ]);
    expect($(element, '[data-id="subject"]')!.value).toBe('Send slides from Heart Failure Update — Mumbai');
    expect($(element, '[data-id="due-date"]')!.value).toBe('2026-11-22');
    expect($(element, '[data-id="priority"]')!.value).toBe('Normal');
    expect($(element, '[data-id="description"]')!.value).toBe(
      'Send the doctor the slides presented at Heart Failure Update — Mumbai.',
    );
  });

  it('starts from the template the page designer chose, or the first one when it is unknown', async () => {
    let element = await loaded({ defaultTemplate: 'question' });
    expect($(element, '[data-id="priority"]')!.value).toBe('High');
    expect($(element, '[data-id="subject"]')!.value).toBe('Answer open question from Heart Failure Update — Mumbai');
    document.body.removeChild(element);
    element = await loaded({ defaultTemplate: 'fax' });
    expect($(element, '[data-id="template"]')!.value).toBe('slides');
  });

  it('refills subject, due date and priority when the template changes', async () => {
    const element = await loaded();
    change($(element, '[data-id="template"]')!, { value: 'visit' });
    await flushPromises();
    expect($(element, '[data-id="subject"]')!.value).toBe('Schedule a 1:1 visit after Heart Failure Update — Mumbai');
    expect($(element, '[data-id="due-date"]')!.value).toBe('2026-12-04');
    expect($(element, '[data-id="priority"]')!.value).toBe('Normal');
  });

  it('selects and clears every attendee with Select all', async () => {
    const element = await loaded();
    const all = $(element, '[data-id="select-all"]')!;
    expect(all.label).toBe('Select all (4)');
    change(all, { checked: true });
    await flushPromises();
    expect($$(element, '[data-id="attendee-checkbox"]').every((b) => b.checked)).toBe(true);
    expect($(element, '[data-id="select-all"]')!.checked).toBe(true);
    expect(text($(element, '[data-id="selected-count"]'))).toBe('4 of 4 selected');
    expect($(element, '[data-id="create"]')!.label).toBe('Create 4 follow-ups');

    change(all, { checked: false });
    await flushPromises();
    expect($$(element, '[data-id="attendee-checkbox"]').some((b) => b.checked)).toBe(false);
    expect($(element, '[data-id="create"]')!.disabled).toBe(true);
  });

  it('selects doctors one at a time', async () => {
    const element = await loaded();
    await select(element, KIRAN);
    expect($(element, '[data-id="create"]')!.label).toBe('Create 1 follow-up');
    await select(element, ASHA);
    expect(text($(element, '[data-id="selected-count"]'))).toBe('2 of 4 selected');
    change($(element, `[data-doctor-id="${KIRAN}"]`)!, { checked: false });
    await flushPromises();
    expect($$(element, '[data-id="attendee-checkbox"]').map((b) => !!b.checked)).toEqual([true, false, false, false]);
  });

  it('creates one task per selected doctor with the edited subject and due date', async () => {
    createMock.mockResolvedValueOnce({ id: '00T000000000010AAA' }).mockResolvedValueOnce({ id: '00T000000000011AAA' });
    const element = await loaded();
    const seen = collectToasts(element);
    await select(element, ASHA, KIRAN);
    change($(element, '[data-id="subject"]')!, { value: '  Slides and references  ' });
    change($(element, '[data-id="due-date"]')!, { value: '2026-11-25' });
    change($(element, '[data-id="priority"]')!, { value: 'High' });
    change($(element, '[data-id="description"]')!, { value: 'Include the ESC 2025 summary.' });
    await flushPromises();

    $(element, '[data-id="create"]')!.click();
    await flushPromises();

    expect(createMock).toHaveBeenCalledTimes(2);
    expect(createMock.mock.calls.map((c) => c[0])).toEqual([
      {
        apiName: 'Task',
        fields: {
          Subject: 'Slides and references',
          WhatId: EVENT_ID,
          WhoId: ASHA,
          OwnerId: USER_ID,
          ActivityDate: '2026-11-25',
          Priority: 'High',
          Status: 'Not Started',
          Description: 'Include the ESC 2025 summary.',
        },
      },
      expect.objectContaining({ fields: expect.objectContaining({ WhoId: KIRAN, Subject: 'Slides and references' }) }),
    ]);
    expect(seen).toEqual([{ title: 'Follow-ups created', message: 'Created 2 follow-up tasks.', variant: 'success' }]);
    expect(refreshMock).toHaveBeenCalledTimes(1);
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: EVENT_ID }]);
    // Done doctors are cleared for the next batch.
    expect(text($(element, '[data-id="selected-count"]'))).toBe('0 of 4 selected');
    expect($(element, '[data-id="failures"]')).toBeNull();
  });

  it('says it is working and blocks a second click while the tasks are being created', async () => {
    let finish: (value: unknown) => void = () => undefined;
    createMock.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    const element = await loaded();
    await select(element, ASHA);
    $(element, '[data-id="create"]')!.click();
    await flushPromises();
    expect(text($(element, '.saving'))).toBe('Creating follow-ups…');
    expect($(element, '.saving')!.getAttribute('role')).toBe('status');
    expect($(element, '[data-id="create"]')!.disabled).toBe(true);
    $(element, '[data-id="create"]')!.click();
    finish({ id: '00T000000000010AAA' });
    await flushPromises();
    expect(createMock).toHaveBeenCalledTimes(1);
    expect($(element, '.saving')).toBeNull();
  });

  it('says which doctors failed, keeps them selected, and reports the counts', async () => {
    createMock.mockResolvedValueOnce({ id: '00T000000000010AAA' }).mockRejectedValueOnce(createError);
    const element = await loaded();
    const seen = collectToasts(element);
    await select(element, ASHA, KIRAN);
    $(element, '[data-id="create"]')!.click();
    await flushPromises();

    expect(seen).toEqual([
      {
        title: 'Created 1 of 2 follow-ups; 1 failed',
        message: 'Name ID: id value of incorrect type: 003000000000004AAA',
        variant: 'error',
        mode: 'sticky',
      },
    ]);
    const failures = $(element, '[data-id="failures"]')!;
    expect(failures.getAttribute('role')).toBe('alert');
    expect($$(element, '[data-id="failures"] .notice-message').map(text)).toEqual([
      'Dr Kiran Das: Name ID: id value of incorrect type: 003000000000004AAA',
    ]);
    expect($$(element, '[data-id="attendee-checkbox"]').map((b) => !!b.checked)).toEqual([false, true, false, false]);
    expect(refreshMock).toHaveBeenCalledTimes(1);
  });

  it('says nothing was created when every write fails, and does not reload', async () => {
    createMock.mockRejectedValue({ body: { message: 'You do not have permission to create tasks.' } });
    const element = await loaded();
    const seen = collectToasts(element);
    await select(element, ASHA);
    $(element, '[data-id="create"]')!.click();
    await flushPromises();
    expect(seen.map((t) => [t.title, t.message])).toEqual([
      ['No follow-ups were created', 'You do not have permission to create tasks.'],
    ]);
    expect(refreshMock).not.toHaveBeenCalled();
    createMock.mockReset();
  });

  it('checks subject and due date before writing', async () => {
    const element = await loaded();
    await select(element, ASHA);
    const subject = $(element, '[data-id="subject"]')!;
    const due = $(element, '[data-id="due-date"]')!;
    const subjectValidity = jest.spyOn(subject, 'setCustomValidity');
    const dueValidity = jest.spyOn(due, 'setCustomValidity');

    change(subject, { value: '   ' });
    change(due, { value: '2026-11-19' });
    await flushPromises();
    $(element, '[data-id="create"]')!.click();
    await flushPromises();
    expect(subjectValidity).toHaveBeenLastCalledWith('Enter a subject.');
    expect(dueValidity).toHaveBeenLastCalledWith('Choose today or a later date.');
    expect(createMock).not.toHaveBeenCalled();

    change(subject, { value: 'x'.repeat(256) });
    change(due, { value: '' });
    await flushPromises();
    $(element, '[data-id="create"]')!.click();
    await flushPromises();
    expect(subjectValidity).toHaveBeenLastCalledWith('Keep the subject to 255 characters.');
    expect(dueValidity).toHaveBeenLastCalledWith('Choose a due date.');
    expect(createMock).not.toHaveBeenCalled();

    // A new template clears the messages.
    change($(element, '[data-id="template"]')!, { value: 'thanks' });
    await flushPromises();
    expect(subjectValidity).toHaveBeenLastCalledWith('');
    expect(dueValidity).toHaveBeenLastCalledWith('');
  });

  it('lists open follow-ups soonest first, flagging overdue ones', async () => {
    const element = await loaded();
    expect(text($(element, '[data-id="open-heading"]'))).toBe('Open follow-ups (3)');
    const rows = $$(element, '[data-id="follow-up"]');
    expect(rows.map((r) => r.dataset.taskId)).toEqual([
      '00T000000000001AAA',
      '00T000000000002AAA',
      '00T000000000003AAA',
    ]);
    expect(rows.map((r) => text(r.querySelector('.doctor')))).toEqual(['Dr Asha Rao', 'Dr Vikram Shah', 'No doctor']);
    expect(rows.map((r) => text(r.querySelector('.owner')))).toEqual(['Priya Nair', 'Priya Nair', 'Priya Nair']);
    expect(rows.map((r) => text(r.querySelector('.overdue')))).toEqual(['Overdue', '', '']);
    const dates = rows.map((r) => r.querySelector('c-cme-date') as (Element & { value?: string }) | null);
    expect(dates.map((d) => d?.value ?? null)).toEqual(['2026-11-18', '2026-11-22', null]);
    expect(text(rows[2].querySelector('.no-due'))).toBe('No due date');
    const markDone = $$(element, '[data-id="mark-done"]');
    expect(markDone[0].getAttribute('aria-label')).toBe(
      'Mark done: Send slides from Heart Failure Update — Mumbai, Dr Asha Rao',
    );
    // Table headers for screen readers.
    expect($$(element, 'th[scope="col"]').map(text)).toEqual(['Doctor', 'Subject', 'Due', 'Owner', 'Action']);
  });

  it('marks a follow-up done and reloads the list', async () => {
    updateMock.mockResolvedValueOnce({});
    const element = await loaded();
    const seen = collectToasts(element);
    $$(element, '[data-id="mark-done"]')[1].click();
    await flushPromises();
    expect(updateMock).toHaveBeenCalledWith({ fields: { Id: '00T000000000002AAA', Status: 'Completed' } });
    expect(seen).toEqual([
      {
        title: 'Follow-up done',
        message: '"Answer open question from Heart Failure Update — Mumbai" for Dr Vikram Shah is completed.',
        variant: 'success',
      },
    ]);
    expect(refreshMock).toHaveBeenCalledTimes(1);
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: EVENT_ID }, { recordId: '00T000000000002AAA' }]);
    expect($$(element, '[data-id="mark-done"]')[1].disabled).toBeFalsy();
  });

  it('reports a follow-up that cannot be marked done', async () => {
    updateMock.mockRejectedValueOnce(updateError);
    const element = await loaded();
    const seen = collectToasts(element);
    $$(element, '[data-id="mark-done"]')[0].click();
    await flushPromises();
    expect(seen).toEqual([
      {
        title: 'The follow-up could not be marked done',
        message: 'You do not have access to edit this task.',
        variant: 'error',
        mode: 'sticky',
      },
    ]);
    expect(refreshMock).not.toHaveBeenCalled();
  });

  it('shows a failed reload after a write in the error panel', async () => {
    updateMock.mockResolvedValueOnce({});
    refreshMock.mockRejectedValueOnce({ body: { message: 'Session expired' } });
    const element = await loaded();
    $$(element, '[data-id="mark-done"]')[0].click();
    await flushPromises();
    expect(stateErrors(element)).toEqual(['Session expired']);
  });

  it('still tells the page after a write when no result has carried a refresh', async () => {
    updateMock.mockResolvedValueOnce({});
    const element = await mount();
    graphqlWire.emit(followUps);
    await flushPromises();
    $$(element, '[data-id="mark-done"]')[0].click();
    await flushPromises();
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: EVENT_ID }, { recordId: '00T000000000001AAA' }]);
    expect(refreshMock).not.toHaveBeenCalled();
    expect(stateErrorPanel(element)).toBeNull();
  });

  it('says what to do when nobody attended and nothing is open', async () => {
    const element = await loaded({}, followUpsEmpty);
    expect(text($(element, '.no-attendees'))).toBe(
      'No attendance recorded yet. Check doctors in at the event, then send them follow-ups here.',
    );
    expect($(element, '[data-id="create"]')).toBeNull();
    expect(text($(element, '.no-follow-ups'))).toBe(
      'No open follow-ups for this event. Select doctors and a template above to create some.',
    );
    expect(text($(element, '[data-id="open-heading"]'))).toBe('Open follow-ups (0)');
  });

  it('shows the error panel when loading fails', async () => {
    const element = await mount();
    graphqlWire.emitErrors([{ message: 'Task is not supported in this release' }]);
    await flushPromises();
    expect(stateErrorPanel(element)!.getAttribute('role')).toBe('alert');
    expect(stateErrorTitle(element)).toBe('Follow-ups could not be loaded');
    expect(stateErrors(element)).toEqual(['Task is not supported in this release']);
    expect(stateSpinner(element)).toBeNull();
  });

  it('is accessible in every state', async () => {
    const element = await mount();
    await expect(element).toBeAccessible();
    graphqlWire.emit(followUps);
    await flushPromises();
    await select(element, ASHA);
    await expect(element).toBeAccessible();
    createMock.mockRejectedValueOnce(createError);
    $(element, '[data-id="create"]')!.click();
    await flushPromises();
    await expect(element).toBeAccessible();
    graphqlWire.emit(followUpsEmpty);
    await flushPromises();
    await expect(element).toBeAccessible();
    graphqlWire.emitErrors([{ message: 'Failed' }]);
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});

import CmeEvaluations from 'c/cmeEvaluations';
import { notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import {
  $ as query,
  $$ as queryAll,
  change,
  collectToasts,
  flushPromises,
  graphqlWire,
  ldsWire,
  mountRendered,
  stateEmpty,
  stateErrorPanel,
  stateErrorTitle,
  stateErrors,
  stateSpinner,
  text,
  trackValidity,
} from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';

import evaluations from './data/evaluations.json';
import saveFieldError from './data/saveFieldError.json';
import saveRecordError from './data/saveRecordError.json';

const refreshMock = jest.fn((): Promise<void> => Promise.resolve());
const updateMock = updateRecord as unknown as jest.Mock;
const notifyMock = notifyRecordUpdateAvailable as unknown as jest.Mock;

const objectInfoAdapter = ldsWire(getObjectInfo);

/** CME_Attendance__c's object info as a user sees it: whether the object and Evaluated_On__c are editable. */
const objectInfo = (updateable: boolean, evaluatedOnUpdateable: boolean) => ({
  apiName: 'CME_Attendance__c',
  updateable,
  fields: { Evaluated_On__c: { apiName: 'Evaluated_On__c', updateable: evaluatedOnUpdateable } },
});

const EVENT_ID = 'a01000000000001AAA';
const ASHA = 'a03000000000001AAA';
const KIRAN = 'a03000000000002AAA';
const LEELA = 'a03000000000003AAA';
const VIKRAM = 'a03000000000004AAA';
const NOW = new Date('2026-11-20T09:00:00.000Z');

type Input = HTMLElement & {
  value?: string;
  label?: string;
  options?: { label: string; value: string }[];
  required?: boolean;
  disabled?: boolean;
  type?: string;
};

const $ = (el: HTMLElement, selector: string) => query<Input>(el, selector);
const $$ = (el: HTMLElement, selector: string) => queryAll<Input>(el, selector);

/** The recorded answer with the event's fields changed (its status, its start). */
function withEvent(fields: Record<string, unknown>, attendances = evaluations.uiapi.query.CME_Attendance__c.edges) {
  const copy = JSON.parse(JSON.stringify(evaluations));
  Object.assign(copy.uiapi.query.CME_Event__c.edges[0].node, fields);
  copy.uiapi.query.CME_Attendance__c.edges = attendances;
  return copy;
}

const mount = () => mountRendered('c-cme-evaluations', CmeEvaluations, { recordId: EVENT_ID });

async function loaded(data: unknown = evaluations): Promise<HTMLElement> {
  const element = await mount();
  graphqlWire.emit(data, undefined, refreshMock);
  await flushPromises();
  return element;
}

/** The wire answers again (a reload), and the screen re-renders. */
async function reemit(data: unknown) {
  graphqlWire.emit(data, undefined, refreshMock);
  await flushPromises();
}

async function open(element: HTMLElement, attendanceId: string) {
  $(element, `button[data-attendance-id="${attendanceId}"]`)!.click();
  await flushPromises();
}

async function answer(element: HTMLElement, answers: Record<string, string>) {
  for (const [id, value] of Object.entries(answers)) change($(element, `[data-id="${id}"]`)!, { value });
  await flushPromises();
}

async function save(element: HTMLElement) {
  $(element, '[data-id="save"]')!.click();
  await flushPromises();
}

describe('c-cme-evaluations', () => {
  todayEachTest(NOW);

  it('shows a spinner while loading and asks for this event', async () => {
    const element = await mount();
    expect(stateSpinner(element)!.alternativeText).toBe('Loading evaluations');
    expect(graphqlWire.getLastConfig().variables).toEqual({
      eventId: EVENT_ID,
      cursor: undefined,
      pageSize: 2000,
      upperBound: 50000,
    });
  });

  it('lists every attendee by name with the state of their evaluation', async () => {
    const element = await loaded();
    const rows = $$(element, '[data-id="attendee"]');
    expect(rows.map((r) => text(r.querySelector('.name')))).toEqual([
      'Dr Asha Rao',
      'Dr Kiran Das',
      'Dr Vikram Shah',
      'Leela Menon',
    ]);
    expect(rows.map((r) => text(r.querySelector('.status')))).toEqual([
      'Completed',
      'Not yet',
      'No check-in',
      'Completed',
    ]);
    // Attendees with a check-in or minutes are buttons; without either there is nothing to evaluate.
    expect(rows.map((r) => r.tagName.toLowerCase())).toEqual(['button', 'button', 'div', 'button']);
    expect(rows[1].getAttribute('aria-label')).toBe('Evaluate Dr Kiran Das (Not yet)');
    expect(rows[0].dataset.attendanceId).toBe(ASHA);
  });

  it('sums up completed of all attendees and the average overall rating of the completed ones', async () => {
    const element = await loaded();
    expect(text($(element, '.summary-count'))).toBe('2 of 4 evaluations completed');
    expect(text($(element, '.summary-average'))).toContain('Average overall rating');
    // Asha's 5 and Leela's 4; Kiran's 3 is a rating without a completed evaluation.
    expect(($(element, '[data-id="average"]') as Input & { value?: number }).value).toBe(4.5);
  });

  it('reads every page of a large event, by cursor up to the upper bound, and counts them all', async () => {
    const edges = evaluations.uiapi.query.CME_Attendance__c.edges;
    const page = (from: number, to: number, next: string | null) => {
      const copy = withEvent({}, edges.slice(from, to));
      copy.uiapi.query.CME_Attendance__c.pageInfo = { hasNextPage: next !== null, endCursor: next };
      copy.uiapi.query.CME_Attendance__c.totalCount = edges.length;
      return copy;
    };
    const element = await loaded(page(0, 2, 'cursor-2'));
    expect(graphqlWire.getLastConfig().variables).toEqual({
      eventId: EVENT_ID,
      cursor: 'cursor-2',
      pageSize: 2000,
      upperBound: 50000,
    });
    await reemit(page(2, 4, null));
    expect(text($(element, '.summary-count'))).toBe('2 of 4 evaluations completed');
    expect($$(element, '[data-id="attendee"]')).toHaveLength(4);
    expect(graphqlWire.getLastConfig().variables).toMatchObject({ cursor: 'cursor-2' });
  });

  it('leaves the average out while no evaluation is completed', async () => {
    const attendances = evaluations.uiapi.query.CME_Attendance__c.edges.filter((e) => !e.node.Evaluated_On__c.value);
    const element = await loaded(withEvent({}, attendances));
    expect(text($(element, '.summary-count'))).toBe('0 of 2 evaluations completed');
    expect($(element, '[data-id="average"]')).toBeNull();
  });

  it('opens a form with the 1–5 ratings, the practice change and comments as tap choices', async () => {
    const element = await loaded();
    await open(element, KIRAN);
    expect($(element, '[data-id="attendee"]')).toBeNull();
    expect(text($(element, '[data-id="form-heading"]'))).toBe('Evaluation by Dr Kiran Das');
    const groups = $$(element, 'lightning-radio-group');
    expect(groups.map((g) => g.label)).toEqual([
      'Overall rating (1 poor, 5 excellent)',
      "Relevance of the content to the doctor's practice (1 not relevant, 5 highly relevant)",
      'Quality of the speakers (1 poor, 5 excellent)',
      'Does the doctor intend to change their practice?',
    ]);
    expect(groups.every((g) => g.type === 'button' && g.required)).toBe(true);
    expect(groups[0].options!.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(groups[3].options!.map((o) => o.label)).toEqual(['Yes', 'No', 'Unsure']);
    // What is already recorded starts the draft: Kiran's overall 3.
    expect(groups.map((g) => g.value)).toEqual(['3', '', '', '']);
    expect($(element, '[data-id="evaluation-comments"]')!.label).toBe('Comments');
  });

  it('starts a completed evaluation from its answers, to correct it', async () => {
    const element = await loaded();
    await open(element, ASHA);
    expect($$(element, 'lightning-radio-group').map((g) => g.value)).toEqual(['5', '4', '5', 'Yes']);
    expect($(element, '[data-id="evaluation-comments"]')!.value).toBe('Clear dosing guidance.');
  });

  it('saves the answers with updateRecord, completing the evaluation now, then reloads', async () => {
    updateMock.mockResolvedValueOnce({});
    const element = await loaded();
    const seen = collectToasts(element);
    await open(element, KIRAN);
    await answer(element, {
      'evaluation-overall': '4',
      'evaluation-relevance': '5',
      'evaluation-speaker': '3',
      'evaluation-practiceChange': 'No',
    });
    change($(element, '[data-id="evaluation-comments"]')!, { value: '  More cases, please.  ' });
    await flushPromises();
    await save(element);

    expect(updateMock).toHaveBeenCalledWith({
      fields: {
        Id: KIRAN,
        Feedback_Rating__c: 4,
        Evaluation_Relevance__c: 5,
        Evaluation_Speaker__c: 3,
        Evaluation_Practice_Change__c: 'No',
        Evaluation_Comments__c: 'More cases, please.',
        Evaluated_On__c: NOW.toISOString(),
      },
    });
    expect(seen).toEqual([
      { title: 'Evaluation saved', message: 'The evaluation by Dr Kiran Das is completed.', variant: 'success' },
    ]);
    expect(refreshMock).toHaveBeenCalledTimes(1);
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: KIRAN }, { recordId: EVENT_ID }]);
    // Back on the list, the focus on the doctor just evaluated.
    expect($(element, 'form')).toBeNull();
    expect(element.shadowRoot!.activeElement).toBe($(element, `button[data-attendance-id="${KIRAN}"]`));
  });

  it('keeps the completion time on record when a completed evaluation is corrected', async () => {
    updateMock.mockResolvedValueOnce({});
    const asha = evaluations.uiapi.query.CME_Attendance__c.edges.find((e) => e.node.Id === ASHA)!.node;
    expect(asha.Evaluated_On__c.value).toBeTruthy();
    const element = await loaded();
    await open(element, ASHA);
    await answer(element, { 'evaluation-overall': '3' });
    await save(element);
    expect(updateMock).toHaveBeenCalledWith({
      fields: expect.objectContaining({ Id: ASHA, Feedback_Rating__c: 3, Evaluated_On__c: asha.Evaluated_On__c.value }),
    });
    expect(asha.Evaluated_On__c.value).not.toBe(NOW.toISOString());
  });

  it.each(['Draft', 'Rejected'])(
    'shows a %s event read-only: the org takes no attendance changes there',
    async (status) => {
      const element = await loaded(withEvent({ Status__c: { value: status, displayValue: status } }));
      expect($(element, 'button[data-id="attendee"]')).toBeNull();
      expect($$(element, '[data-id="attendee"]')).toHaveLength(4);
      await expect(element).toBeAccessible();
    },
  );

  it('says it is saving and blocks a second tap meanwhile', async () => {
    let finish: (value: unknown) => void = () => undefined;
    updateMock.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    const element = await loaded();
    await open(element, ASHA);
    await save(element);
    expect(text($(element, '.saving'))).toBe('Saving the evaluation…');
    expect($(element, '.saving')!.getAttribute('role')).toBe('status');
    expect($(element, '[data-id="save"]')!.disabled).toBe(true);
    await save(element);
    finish({});
    await flushPromises();
    expect(updateMock).toHaveBeenCalledTimes(1);
  });

  it('asks for every answer a completed evaluation needs before writing', async () => {
    const element = await loaded();
    await open(element, KIRAN);
    const tracked = ['overall', 'relevance', 'speaker', 'practiceChange'].map((key) =>
      trackValidity($(element, `[data-id="evaluation-${key}"]`)!),
    );
    await save(element);
    expect(updateMock).not.toHaveBeenCalled();
    expect(tracked.map((messages) => messages.at(-1))).toEqual([
      '',
      'Choose a rating from 1 to 5.',
      'Choose a rating from 1 to 5.',
      'Choose Yes, No or Unsure.',
    ]);
    // Answering clears the message under that question.
    await answer(element, { 'evaluation-relevance': '2' });
    expect(tracked[1].at(-1)).toBe('');
  });

  it('shows a validation rule refusing the save under its field, and stays on the form', async () => {
    updateMock.mockRejectedValueOnce(saveFieldError);
    const element = await loaded();
    const seen = collectToasts(element);
    await open(element, ASHA);
    const relevance = trackValidity($(element, '[data-id="evaluation-relevance"]')!);
    await save(element);
    expect(relevance.at(-1)).toBe('A completed evaluation needs the content relevance. Rate it from 1 to 5.');
    expect(seen).toEqual([]);
    expect(refreshMock).not.toHaveBeenCalled();
    expect($(element, 'form')).not.toBeNull();
  });

  it('shows a refusal on a field the form does not show in its notice, and focuses it', async () => {
    updateMock.mockRejectedValueOnce(saveRecordError);
    const element = await loaded();
    await open(element, ASHA);
    await save(element);
    await flushPromises();
    const notice = $(element, '[data-id="form-errors"]')!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(text(notice.querySelector('.notice-title'))).toBe('The evaluation could not be saved');
    expect($$(element, '[data-id="form-errors"] .notice-message').map(text)).toEqual([
      'Only a doctor who attended can evaluate the event. Record the check-in or the minutes attended first.',
    ]);
    expect(element.shadowRoot!.activeElement).toBe(notice);
  });

  it('goes back to the list without writing', async () => {
    const element = await loaded();
    await open(element, LEELA);
    $(element, '[data-id="back"]')!.click();
    await flushPromises();
    expect($(element, 'form')).toBeNull();
    expect(updateMock).not.toHaveBeenCalled();
    expect(element.shadowRoot!.activeElement).toBe($(element, `button[data-attendance-id="${LEELA}"]`));
  });

  it('does not open a form for an attendee without check-in or minutes', async () => {
    const element = await loaded();
    $(element, `[data-attendance-id="${VIKRAM}"]`)!.click();
    await flushPromises();
    expect($(element, 'form')).toBeNull();
  });

  it('lists a closed event’s evaluations read-only', async () => {
    const element = await loaded(withEvent({ Status__c: { value: 'Closed', displayValue: 'Closed' } }));
    expect(text($(element, '[data-id="read-only"] .notice-message'))).toBe(
      'This event takes no more attendance changes: its evaluations are read-only.',
    );
    expect($$(element, 'button[data-id="attendee"]')).toEqual([]);
    expect($$(element, '[data-id="attendee"]')).toHaveLength(4);
  });

  it('lists evaluations read-only for a user who may not edit them, and asks for the attendance object', async () => {
    const element = await loaded();
    expect(objectInfoAdapter.getLastConfig()).toEqual({ objectApiName: { objectApiName: 'CME_Attendance__c' } });
    objectInfoAdapter.emit(objectInfo(true, false));
    await flushPromises();
    expect(text($(element, '[data-id="read-only"] .notice-message'))).toBe(
      'You can read these evaluations, but your access does not let you record or change them.',
    );
    expect($$(element, 'button[data-id="attendee"]')).toEqual([]);
    objectInfoAdapter.emit(objectInfo(false, true));
    await flushPromises();
    expect($$(element, 'button[data-id="attendee"]')).toEqual([]);
    objectInfoAdapter.emit(objectInfo(true, true));
    await flushPromises();
    expect($(element, '[data-id="read-only"]')).toBeNull();
    expect($$(element, 'button[data-id="attendee"]')).toHaveLength(3);
  });

  it('waits for the event to start, saying so', async () => {
    const element = await loaded(withEvent({ Start__c: { value: '2026-11-21T04:00:00.000Z' } }, []));
    expect(text(stateEmpty(element)!.querySelector('.empty-message'))).toBe('Evaluations open when the event starts.');
    expect(text(stateEmpty(element)!.querySelector('.empty-detail'))).toBe(
      "Come back once the event has begun to collect each attendee's evaluation.",
    );
    expect($(element, '[data-id="summary"]')).toBeNull();
  });

  it('says what to do when nobody attended', async () => {
    const element = await loaded(withEvent({}, []));
    expect(text(stateEmpty(element)!.querySelector('.empty-message'))).toBe('No attendance recorded yet.');
    expect(text(stateEmpty(element)!.querySelector('.empty-detail'))).toBe(
      'Check doctors in at the event, then collect their evaluations here.',
    );
  });

  it('shows the error panel when loading fails', async () => {
    const element = await mount();
    graphqlWire.emitErrors([{ message: 'Field Evaluated_On__c is not accessible' }]);
    await flushPromises();
    expect(stateErrorPanel(element)!.getAttribute('role')).toBe('alert');
    expect(stateErrorTitle(element)).toBe('Evaluations could not be loaded');
    expect(stateErrors(element)).toEqual(['Field Evaluated_On__c is not accessible']);
    expect(stateSpinner(element)).toBeNull();
  });

  it('is accessible in every state', async () => {
    const element = await mount();
    await expect(element).toBeAccessible();
    graphqlWire.emit(evaluations, undefined, refreshMock);
    await flushPromises();
    await expect(element).toBeAccessible();
    await open(element, KIRAN);
    await expect(element).toBeAccessible();
    await save(element);
    await expect(element).toBeAccessible();
    updateMock.mockRejectedValueOnce(saveRecordError);
    await answer(element, {
      'evaluation-relevance': '5',
      'evaluation-speaker': '3',
      'evaluation-practiceChange': 'No',
    });
    await save(element);
    await expect(element).toBeAccessible();
    await reemit(withEvent({ Status__c: { value: 'Closed', displayValue: 'Closed' } }));
    await expect(element).toBeAccessible();
    await reemit(withEvent({ Start__c: { value: '2026-11-21T04:00:00.000Z' } }, []));
    await expect(element).toBeAccessible();
    await reemit(withEvent({}, []));
    await expect(element).toBeAccessible();
    graphqlWire.emitErrors([{ message: 'Failed' }]);
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});

import CmeNewEventForm from 'c/cmeNewEventForm';
import { createRecord } from 'lightning/uiRecordApi';
import { $, $$, click, flushPromises, mountRendered, texts } from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';
import { emitted } from '../../../../../test/events';
import createRecordFieldErrors from './data/createRecordFieldErrors.json';
import createRecordSuccess from './data/createRecordSuccess.json';

type Field = HTMLElement & {
  value?: string;
  options?: { label: string; value: string }[];
  required?: boolean;
  fieldLevelHelp?: string;
  label?: string;
  disabled?: boolean;
  setCustomValidity: jest.Mock;
  reportValidity: jest.Mock;
};

const PROPS = {
  typeValues: [
    { label: 'Conference', value: 'Conference' },
    { label: 'Webinar', value: 'Webinar' },
  ],
  formatValues: [
    { label: 'In-Person', value: 'In-Person' },
    { label: 'Virtual', value: 'Virtual' },
  ],
  therapyAreaValues: [{ label: 'Oncology', value: 'Oncology' }],
  typeDefault: 'Webinar',
  formatDefault: 'Virtual',
  rulePacks: [{ label: 'India UCPMP 2024 (IN-UCPMP-2024)', value: 'a05000000000001AAA' }],
  rulePackErrors: [],
};

function form(props: Record<string, unknown> = {}): Promise<HTMLElement> {
  return mountRendered('c-cme-new-event-form', CmeNewEventForm, { ...PROPS, ...props });
}

const field = (element: HTMLElement, name: string) => $<Field>(element, `[data-field="${name}"]`)!;

async function fill(element: HTMLElement, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    field(element, name).dispatchEvent(new CustomEvent('change', { detail: { value } }));
    // eslint-disable-next-line no-await-in-loop
    await flushPromises();
  }
}

/** Spies on each field's custom validity; returns the last message each was given ('' left out). */
function spyValidity(element: HTMLElement): () => Record<string, string> {
  const fields = $$<Field>(element, '[data-field]');
  for (const f of fields) {
    f.setCustomValidity = jest.fn();
    f.reportValidity = jest.fn(() => true);
  }
  return () =>
    Object.fromEntries(
      fields
        .map((f) => [f.dataset.field as string, f.setCustomValidity.mock.calls.at(-1)?.[0] as string])
        .filter(([, message]) => message),
    );
}

describe('c-cme-new-event-form', () => {
  // Today is Wednesday 10 March 2027.
  todayEachTest(new Date(2027, 2, 10, 10, 0, 0));

  it('opens as a modal dialog with the defaults it is given and the only rule pack', async () => {
    const element = await form();
    const dialog = $(element, 'section[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(field(element, 'Event_Type__c').value).toBe('Webinar');
    expect(field(element, 'Format__c').value).toBe('Virtual');
    expect(field(element, 'Start__c').value).toBe(new Date(2027, 2, 17, 9, 0).toISOString());
    expect(field(element, 'Rule_Pack__c').value).toBe('a05000000000001AAA');
    expect(field(element, 'Therapy_Area__c').options!.map((o) => o.label)).toEqual(['None', 'Oncology']);
    // Virtual: a URL is needed, no venue.
    expect(field(element, 'Virtual_Url__c').required).toBe(true);
    expect(field(element, 'Venue__c').required).toBe(false);
  });

  it('leaves the rule pack open with several, and says why none could be loaded', async () => {
    const element = await form({
      rulePacks: [...PROPS.rulePacks, { label: 'EU', value: 'a05000000000002AAA' }],
      rulePackErrors: ['No access'],
    });
    expect(field(element, 'Rule_Pack__c').value).toBe('');
    expect(field(element, 'Rule_Pack__c').fieldLevelHelp).toBe('Rule packs could not be loaded: No access');
  });

  it('puts each problem under its field and does not save', async () => {
    const element = await form();
    await fill(element, { Capacity__c: '0' });
    const messages = spyValidity(element);
    click($(element, '[data-id="form-save"]'));
    await flushPromises();
    expect(createRecord).not.toHaveBeenCalled();
    expect(messages()).toEqual({
      Name: 'Complete this field.',
      Virtual_Url__c: 'Virtual and hybrid events need a virtual URL so attendees can join.',
      Capacity__c: 'Capacity must be a whole number of at least 1, or left blank.',
    });
    expect(texts(element, '.notice-message')).toEqual(['Fix the 3 highlighted fields, then create the event again.']);
  });

  it('creates the event and emits its id and name', async () => {
    (createRecord as jest.Mock).mockResolvedValue(createRecordSuccess);
    const element = await form();
    const created = emitted(element, 'created');
    await fill(element, { Name: ' Asthma update ', Virtual_Url__c: 'https://meet.example.com/a' });
    click($(element, '[data-id="form-save"]'));
    await flushPromises();
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'CME_Event__c',
      fields: expect.objectContaining({
        Name: 'Asthma update',
        Format__c: 'Virtual',
        Rule_Pack__c: 'a05000000000001AAA',
      }),
    });
    expect(created).toEqual([{ recordId: 'a02000000000099AAA', name: 'Asthma update' }]);
  });

  it('shows the server field errors under their fields and clears one when it is edited', async () => {
    (createRecord as jest.Mock).mockRejectedValue(createRecordFieldErrors);
    const element = await form({ formatDefault: 'In-Person' });
    const created = emitted(element, 'created');
    await fill(element, { Name: 'Lipids', Venue__c: 'Hall', City__c: 'Pune', Country__c: 'in' });
    const messages = spyValidity(element);
    click($(element, '[data-id="form-save"]'));
    await flushPromises();
    expect(messages()).toEqual({
      Venue__c: 'In-person and hybrid events need a venue, a city and a country.',
      Capacity__c: 'Capacity must be at least 1, or left blank.',
    });
    expect(texts(element, '.notice-message')).toHaveLength(3);
    expect(created).toHaveLength(0);
    await fill(element, { Capacity__c: '30' });
    expect(messages()).toEqual({ Venue__c: 'In-person and hybrid events need a venue, a city and a country.' });
  });

  it('emits cancel from Cancel, the close button and Escape, but not while saving', async () => {
    (createRecord as jest.Mock).mockReturnValue(new Promise(() => undefined));
    const element = await form();
    const cancels = emitted(element, 'cancel');
    click($(element, '[data-id="form-cancel"]'));
    click($(element, '[data-id="form-close"]'));
    field(element, 'Name').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(cancels).toHaveLength(3);
    await fill(element, { Name: 'Webinar', Virtual_Url__c: 'https://meet.example.com/a' });
    click($(element, '[data-id="form-save"]'));
    await flushPromises();
    expect($<Field>(element, '[data-id="form-save"]')!.label).toBe('Creating event…');
    expect($<Field>(element, '[data-id="form-cancel"]')!.disabled).toBe(true);
    field(element, 'Name').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    click($(element, '[data-id="form-save"]'));
    expect(cancels).toHaveLength(3);
    expect(createRecord).toHaveBeenCalledTimes(1);
  });

  it('is accessible, empty and with errors', async () => {
    const element = await form();
    await expect(element).toBeAccessible();
    click($(element, '[data-id="form-save"]'));
    await flushPromises();
    expect($(element, '[data-id="form-errors"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});

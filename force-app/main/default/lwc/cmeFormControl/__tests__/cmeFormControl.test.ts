import CmeFormControl from 'c/cmeFormControl';
import type { FormControl } from 'c/cmeFormControl';
import { $, change, flushPromises, mount, resetDom } from '../../../../../test/lwcTest';
import { emitted } from '../../../../../test/events';

type Control = HTMLElement & {
  type?: string;
  label?: string;
  value?: string;
  required?: boolean;
  maxLength?: number;
  fieldLevelHelp?: string;
  placeholder?: string;
  options?: { label: string; value: string }[];
  messageWhenRangeUnderflow?: string;
  setCustomValidity: (message: string) => void;
};

async function render(control: FormControl): Promise<HTMLElement> {
  const element = mount('c-cme-form-control', CmeFormControl, { control });
  await flushPromises();
  return element;
}

/** The fieldchange details the control emits from now on. */
const changes = (element: HTMLElement) => emitted(element, 'fieldchange');

describe('c-cme-form-control', () => {
  afterEach(resetDom);

  it('renders a text input by default, in light DOM so the form that uses it reaches the input', async () => {
    const element = await render({ field: 'Name', id: 'field-name', label: 'Event name', maxLength: 80 });
    expect(element.shadowRoot).toBeNull();
    const input = element.querySelector<Control>('lightning-input[data-field="Name"]')!;
    expect(input.dataset.id).toBe('field-name');
    expect(input.type).toBe('text');
    expect(input.label).toBe('Event name');
    expect(input.maxLength).toBe(80);
    // Not required unless said.
    expect(input.required).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('shows the placeholder it is given on an input and on a combobox', async () => {
    const search = await render({
      field: 'search',
      id: 'search',
      label: 'Search',
      type: 'search',
      placeholder: 'Name or city',
    });
    expect($<Control>(search, 'lightning-input')!.placeholder).toBe('Name or city');
    const picker = await render({
      field: 'Kind',
      id: 'kind',
      label: 'Kind',
      kind: 'combobox',
      options: [],
      placeholder: 'All kinds',
    });
    expect($<Control>(picker, 'lightning-combobox')!.placeholder).toBe('All kinds');
  });

  it('renders the constraints and messages it is given on a typed input', async () => {
    const element = await render({
      field: 'Capacity__c',
      id: 'field-capacity',
      label: 'Capacity',
      type: 'number',
      required: true,
      value: '20',
      underflowMessage: 'At least 1',
    });
    const input = $<Control>(element, 'lightning-input')!;
    expect([input.type, input.required, input.value, input.messageWhenRangeUnderflow]).toEqual([
      'number',
      true,
      '20',
      'At least 1',
    ]);
    await expect(element).toBeAccessible();
  });

  it('renders a combobox with its options, placeholder and help', async () => {
    const options = [{ label: 'Oncology', value: 'Oncology' }];
    const element = await render({
      field: 'Therapy_Area__c',
      id: 'field-therapy-area',
      label: 'Therapy area',
      kind: 'combobox',
      options,
      placeholder: 'Choose one',
      help: 'Used for reports',
    });
    expect($(element, 'lightning-input')).toBeNull();
    const combobox = $<Control>(element, 'lightning-combobox[data-id="field-therapy-area"]')!;
    expect(combobox.options).toEqual(options);
    expect(combobox.placeholder).toBe('Choose one');
    expect(combobox.fieldLevelHelp).toBe('Used for reports');
    await expect(element).toBeAccessible();
  });

  it('renders a textarea, empty when the draft has no value', async () => {
    const element = await render({
      field: 'Description__c',
      id: 'expense-description',
      label: 'Description',
      kind: 'textarea',
    });
    const textarea = $<Control>(element, 'lightning-textarea[data-field="Description__c"]')!;
    expect(textarea.value).toBeUndefined();
    expect(textarea.label).toBe('Description');
    await expect(element).toBeAccessible();
  });

  it('on a change, clears the control’s error message and emits the field and its value as text', async () => {
    const element = await render({ field: 'Amount__c', id: 'expense-amount', label: 'Amount', type: 'number' });
    const seen = changes(element);
    const input = $<Control>(element, 'lightning-input')!;
    const messages: string[] = [];
    input.setCustomValidity = (message) => messages.push(message);
    change(input, { value: 12.5 });
    change(input, { value: null });
    expect(messages).toEqual(['', '']);
    expect(seen).toEqual([
      { field: 'Amount__c', value: '12.5' },
      { field: 'Amount__c', value: '' },
    ]);
  });

  it('reads the value from the control when the change carries none', async () => {
    const element = await render({ field: 'City__c', id: 'field-city', label: 'City' });
    const seen = changes(element);
    const input = $<Control>(element, 'lightning-input')!;
    input.value = 'Pune';
    input.dispatchEvent(new CustomEvent('change'));
    expect(seen).toEqual([{ field: 'City__c', value: 'Pune' }]);
  });
});

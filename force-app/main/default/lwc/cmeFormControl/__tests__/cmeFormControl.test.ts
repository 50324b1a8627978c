import CmeFormControl from 'c/cmeFormControl';
import type { FormControl } from 'c/cmeFormControl';
import { $, change, cleanUpEachTest, mountRendered } from '../../../../../test/lwcTest';
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

function render(control: FormControl): Promise<HTMLElement> {
  return mountRendered('c-cme-form-control', CmeFormControl, { control });
}

/** The fieldchange details the control emits from now on. */
const changes = (element: HTMLElement) => emitted(element, 'fieldchange');

describe('c-cme-form-control', () => {
  cleanUpEachTest();

  it('renders in light DOM, so the form that uses it reaches the control', async () => {
    const element = await render({ field: 'Name', id: 'field-name', label: 'Event name' });
    expect(element.shadowRoot).toBeNull();
    expect(element.querySelector('lightning-input[data-field="Name"]')).not.toBeNull();
  });

  const OPTIONS = [{ label: 'Oncology', value: 'Oncology' }];
  it.each<[string, FormControl, string, Partial<Control>]>([
    [
      'a text input by default, not required unless said',
      { field: 'Name', id: 'field-name', label: 'Event name', maxLength: 80 },
      'lightning-input',
      { type: 'text', label: 'Event name', maxLength: 80, required: false },
    ],
    [
      'a typed input with the constraints and messages it is given',
      {
        field: 'Capacity__c',
        id: 'field-capacity',
        label: 'Capacity',
        type: 'number',
        required: true,
        value: '20',
        underflowMessage: 'At least 1',
      },
      'lightning-input',
      { type: 'number', required: true, value: '20', messageWhenRangeUnderflow: 'At least 1' },
    ],
    [
      'a combobox with its options, placeholder and help',
      {
        field: 'Therapy_Area__c',
        id: 'field-therapy-area',
        label: 'Therapy area',
        kind: 'combobox',
        options: OPTIONS,
        placeholder: 'Choose one',
        help: 'Used for reports',
      },
      'lightning-combobox',
      { options: OPTIONS, placeholder: 'Choose one', fieldLevelHelp: 'Used for reports' },
    ],
    [
      'a textarea, empty when the draft has no value',
      { field: 'Description__c', id: 'expense-description', label: 'Description', kind: 'textarea' },
      'lightning-textarea',
      { value: undefined, label: 'Description' },
    ],
  ])('renders %s', async (_what, control, tag, expected) => {
    const element = await render(control);
    const rendered = element.querySelectorAll<Control>('lightning-input, lightning-combobox, lightning-textarea');
    expect(rendered).toHaveLength(1);
    const base = rendered[0];
    expect([base.tagName.toLowerCase(), base.dataset.id, base.dataset.field]).toEqual([tag, control.id, control.field]);
    const props = Object.keys(expected) as (keyof Control)[];
    expect(Object.fromEntries(props.map((prop) => [prop, base[prop]]))).toEqual(expected);
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

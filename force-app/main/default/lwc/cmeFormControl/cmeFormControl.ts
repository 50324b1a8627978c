import { LightningElement, api } from 'lwc';

/**
 * What a form says about one of its fields: the field it edits (data-field, the name its change
 * event carries), the data-id tests and browser tests find it by, its label and value, and the
 * base component's constraints. A lightning-input (of `type`, text by default) unless `kind` says
 * combobox or textarea.
 */
export interface FormControl {
  field: string;
  id: string;
  label: string;
  value?: string;
  kind?: 'combobox' | 'textarea';
  type?: 'text' | 'search' | 'number' | 'date' | 'datetime' | 'email' | 'url';
  required?: boolean;
  help?: string;
  placeholder?: string;
  options?: { label: string; value: string }[];
  maxLength?: number;
  min?: number;
  step?: number;
  autocomplete?: 'off';
  underflowMessage?: string;
  stepMismatchMessage?: string;
  typeMismatchMessage?: string;
}

/** The `fieldchange` event's detail. */
export interface FieldChangeDetail {
  field: string;
  value: string;
}

type Validatable = HTMLElement & { value?: unknown; setCustomValidity?(message: string): void };

/**
 * One form field from a descriptor. It renders in light DOM (LWC Developer Guide, "Light DOM"), so
 * the control stays in the form's own shadow tree: the form checks it (setCustomValidity,
 * reportValidity), focuses it and finds it by data-field as if it had written it itself. A change
 * clears the control's custom message and emits `fieldchange` ({ field, value }).
 */
export default class CmeFormControl extends LightningElement {
  static renderMode = 'light' as const;

  @api control: FormControl = { field: '', id: '', label: '' };

  get isCombobox(): boolean {
    return this.control?.kind === 'combobox';
  }

  get isComboboxWithPlaceholder(): boolean {
    return this.isCombobox && this.control.placeholder !== undefined;
  }

  get isTextarea(): boolean {
    return this.control?.kind === 'textarea';
  }

  get type(): string {
    return this.control?.type ?? 'text';
  }

  get required(): boolean {
    return this.control?.required ?? false;
  }

  handleChange(event: CustomEvent<{ value?: unknown }>): void {
    const target = event.currentTarget as Validatable;
    const raw = event.detail && event.detail.value !== undefined ? event.detail.value : target.value;
    target.setCustomValidity?.('');
    const detail: FieldChangeDetail = {
      field: this.control.field,
      value: raw === null || raw === undefined ? '' : String(raw),
    };
    this.dispatchEvent(new CustomEvent<FieldChangeDetail>('fieldchange', { detail }));
  }
}

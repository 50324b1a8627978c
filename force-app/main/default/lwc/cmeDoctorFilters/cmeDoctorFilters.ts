import { LightningElement, api } from 'lwc';
import type { FieldChangeDetail, FormControl } from 'c/cmeFormControl';
import { LABELS } from './labels';

/** How long typing must pause before the filter is sent (one search per pause, not per key). */
export const SEARCH_DELAY_MS = 300;

/** What the bar emits: the words typed, the specialty picked ('' for all) and the territory typed. */
export interface DoctorFilterDetail {
  text: string;
  specialty: string;
  territory: string;
}

interface Option {
  label: string;
  value: string;
}

/** The filter each control sets: its data-field. */
type Filter = keyof DoctorFilterDetail;

/**
 * The bar's controls in keyboard order (see c/cmeFormControl): the search box (half the row from
 * medium screens), the specialty picker and the territory box (a quarter each; half a phone's row).
 * The boxes are not bound to a value (binding would re-render them on every keystroke).
 */
const CONTROLS: readonly (FormControl & { field: Filter; width: string })[] = [
  {
    field: 'text',
    id: 'search-input',
    width: 'slds-col slds-size_1-of-1 slds-medium-size_1-of-2',
    type: 'search',
    label: LABELS.searchLabel,
    placeholder: LABELS.searchPlaceholderLabel,
  },
  {
    field: 'specialty',
    id: 'specialty-filter',
    width: 'slds-col slds-size_1-of-2 slds-medium-size_1-of-4',
    kind: 'combobox',
    label: LABELS.specialtyLabel,
  },
  {
    field: 'territory',
    id: 'territory-filter',
    width: 'slds-col slds-size_1-of-2 slds-medium-size_1-of-4',
    type: 'search',
    label: LABELS.territoryLabel,
    placeholder: LABELS.territoryPlaceholderLabel,
  },
];

/**
 * The invite screen's filter bar: a search box, a specialty picker and a territory box. It emits
 * `filterchange` with the whole filter: at once for the picker, once typing pauses for the boxes.
 */
export default class CmeDoctorFilters extends LightningElement {
  /** The specialty picklist's values; the bar puts "All specialties" first. */
  @api specialties: Option[] = [];

  labels = LABELS;
  text = '';
  territory = '';
  specialty = '';
  timer?: number;

  /** CONTROLS with the picker's options and choice (the boxes keep what is typed in them). */
  get controls(): FormControl[] {
    return CONTROLS.map((control) => {
      if (control.kind !== 'combobox') return control;
      return { ...control, options: this.specialtyOptions, value: this.specialty };
    });
  }

  get specialtyOptions(): Option[] {
    return [{ label: LABELS.allSpecialtiesLabel, value: '' }, ...(this.specialties ?? [])];
  }

  get filter(): DoctorFilterDetail {
    return { text: this.text, specialty: this.specialty, territory: this.territory };
  }

  /** Empties the boxes and the picker and emits the empty filter at once. */
  @api clear(): void {
    // The text boxes are not bound to fields (binding would re-render them on every keystroke).
    for (const box of this.template?.querySelectorAll<HTMLInputElement>('lightning-input') ?? []) box.value = '';
    this.text = '';
    this.territory = '';
    this.specialty = '';
    this.emit();
  }

  /** The picker's choice goes out at once; typing in a box, once the keys pause. */
  handleFilter(event: CustomEvent<FieldChangeDetail>): void {
    const filter = event.detail.field as Filter;
    this[filter] = event.detail.value;
    if (filter === 'specialty') this.emit();
    else this.debounce();
  }

  /** Typing: the filter goes out once the keys pause, not on every key. */
  debounce(): void {
    window.clearTimeout(this.timer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.timer = window.setTimeout(() => this.emit(), SEARCH_DELAY_MS);
  }

  emit(): void {
    window.clearTimeout(this.timer);
    this.timer = undefined;
    this.dispatchEvent(new CustomEvent<DoctorFilterDetail>('filterchange', { detail: this.filter }));
  }

  disconnectedCallback(): void {
    window.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

import { LightningElement, api } from 'lwc';
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

/** The text boxes, by the filter property each sets (data-box). */
type Box = 'text' | 'territory';

/**
 * The bar's controls in keyboard order: the search box (half the row from medium screens), the
 * specialty picker and the territory box (a quarter each; half a phone's row).
 */
const CONTROLS: readonly { id: string; width: string; box?: Box; label?: string; placeholder?: string }[] = [
  {
    id: 'search-input',
    width: 'slds-col slds-size_1-of-1 slds-medium-size_1-of-2',
    box: 'text',
    label: LABELS.searchLabel,
    placeholder: LABELS.searchPlaceholderLabel,
  },
  { id: 'specialty-filter', width: 'slds-col slds-size_1-of-2 slds-medium-size_1-of-4' },
  {
    id: 'territory-filter',
    width: 'slds-col slds-size_1-of-2 slds-medium-size_1-of-4',
    box: 'territory',
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

  get controls() {
    return CONTROLS.map((control) => ({ ...control, isPicker: !control.box }));
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
    for (const box of this.template?.querySelectorAll<HTMLInputElement>('[data-box]') ?? []) box.value = '';
    this.text = '';
    this.territory = '';
    this.specialty = '';
    this.emit();
  }

  /** Typing in the search or the territory box. */
  handleBox(event: CustomEvent<{ value?: string }>): void {
    const box = (event.currentTarget as HTMLElement).dataset.box as Box;
    this[box] = event.detail?.value ?? (event.target as HTMLInputElement).value ?? '';
    this.debounce();
  }

  handleSpecialty(event: CustomEvent<{ value: string }>): void {
    this.specialty = event.detail?.value ?? '';
    this.emit();
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

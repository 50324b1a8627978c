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

  get specialtyOptions(): Option[] {
    return [{ label: LABELS.allSpecialtiesLabel, value: '' }, ...(this.specialties ?? [])];
  }

  get filter(): DoctorFilterDetail {
    return { text: this.text, specialty: this.specialty, territory: this.territory };
  }

  /** Empties the boxes and the picker and emits the empty filter at once. */
  @api clear(): void {
    // The text boxes are not bound to fields (binding would re-render them on every keystroke).
    for (const id of ['search-input', 'territory-filter']) {
      const box = this.template?.querySelector(`[data-id="${id}"]`) as HTMLInputElement | null;
      if (box) box.value = '';
    }
    this.text = '';
    this.territory = '';
    this.specialty = '';
    this.emit();
  }

  handleText(event: CustomEvent<{ value?: string }>): void {
    this.text = valueOf(event);
    this.debounce();
  }

  handleTerritory(event: CustomEvent<{ value?: string }>): void {
    this.territory = valueOf(event);
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

function valueOf(event: CustomEvent<{ value?: string }>): string {
  return event.detail?.value ?? (event.target as HTMLInputElement).value ?? '';
}

import { LightningElement, api } from 'lwc';
import type { PicklistValue } from 'lightning/uiObjectInfoApi';
import type { FieldChangeDetail, FormControl } from 'c/cmeFormControl';
import { picklistOptions } from 'c/cmeUi';

import { isFilterName } from './filterOptions';
import type { EventFilters, FilterName } from './filterOptions';
import { LABELS } from './labels';

/** The filters the bar edits: the planner keeps them, and imports their type from here. */
export type { EventFilters } from './filterOptions';

const NONE: EventFilters = Object.freeze({ eventType: '', format: '', status: '', therapyArea: '', mineOnly: false });

/**
 * The planner's filter bar: event type, format, status and therapy area ("All" or one value) and
 * "Only my events". Shows the filters it is given and emits `filterchange` with the one the user
 * changed ({ changes: { format: 'Virtual' } }); the parent owns the filters and merges the change.
 */
export default class CmeEventFilters extends LightningElement {
  /** Picklist values of Event_Type__c, Format__c, Status__c and Therapy_Area__c. */
  @api typeValues: PicklistValue[] = [];
  @api formatValues: PicklistValue[] = [];
  @api statusValues: PicklistValue[] = [];
  @api therapyAreaValues: PicklistValue[] = [];
  /** The filters in force. */
  @api filters: EventFilters = NONE;

  labels = LABELS;

  /** The four pickers in order (see c/cmeFormControl): the filter each sets, its data-id, label and options ("All" first). */
  get pickers(): FormControl[] {
    const picker = (field: FilterName, id: string, label: string, values: PicklistValue[]): FormControl => ({
      field,
      id,
      label,
      kind: 'combobox',
      options: picklistOptions(values, LABELS.filterAllLabel),
      value: (this.filters ?? NONE)[field],
    });
    return [
      picker('eventType', 'filter-type', LABELS.filterTypeLabel, this.typeValues),
      picker('format', 'filter-format', LABELS.filterFormatLabel, this.formatValues),
      picker('status', 'filter-status', LABELS.filterStatusLabel, this.statusValues),
      picker('therapyArea', 'filter-therapy-area', LABELS.filterTherapyLabel, this.therapyAreaValues),
    ];
  }

  handleFilterChange(event: CustomEvent<FieldChangeDetail>): void {
    const { field, value } = event.detail;
    if (isFilterName(field)) this.emit({ [field]: value });
  }

  handleMineChange(event: Event): void {
    const detail = (event as CustomEvent<{ checked?: boolean }>).detail;
    this.emit({ mineOnly: Boolean(detail?.checked ?? (event.target as HTMLInputElement).checked) });
  }

  private emit(changes: Partial<EventFilters>): void {
    this.dispatchEvent(new CustomEvent('filterchange', { detail: { changes } }));
  }
}

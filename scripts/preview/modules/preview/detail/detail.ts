// Stand-in for force:detailPanel: every field of the record with its label and display value, read
// from the UI API and refreshed after writes.
import { apiFetch, objectInfoOf } from 'preview/lds';
import RecordPanel from 'preview/recordPanel';
import type { UiRecord } from 'preview/recordPanel';

const HIDDEN = new Set(['Id', 'IsDeleted', 'SystemModstamp', 'Signature_Data__c']);

export default class Detail extends RecordPanel {
  record?: UiRecord;
  labels: Record<string, { label: string }> = {};

  async load(): Promise<void> {
    if (!this.recordIdValue) return;
    try {
      const record = (await apiFetch(`ui-api/records/${this.recordIdValue}`)) as UiRecord;
      const info = (await objectInfoOf(record.apiName)) as {
        fields: Record<string, { label: string }>;
      };
      this.labels = info.fields;
      this.record = record;
    } catch {
      this.record = undefined;
    }
  }

  get fields() {
    const record = this.record;
    if (!record) return [];
    return Object.entries(record.fields)
      .filter(
        ([name, v]) =>
          !HIDDEN.has(name) &&
          typeof v === 'object' &&
          v !== null &&
          'value' in v &&
          !(v.value && typeof v.value === 'object'),
      )
      .map(([name, v]) => ({
        apiName: name,
        label: this.labels[name]?.label ?? name,
        value: v.displayValue ?? (v.value === null || v.value === undefined ? '' : String(v.value)),
      }));
  }
}

// Stand-in for force:detailPanel: every field of the record with its label and display value, read
// from the UI API and refreshed after writes.
import { LightningElement, api } from 'lwc';
import { apiFetch, objectInfoOf, onRecordsChanged } from 'preview/lds';

interface UiRecord {
  apiName: string;
  fields: Record<string, { value: unknown; displayValue: string | null }>;
}

const HIDDEN = new Set(['Id', 'IsDeleted', 'SystemModstamp', 'Signature_Data__c']);

export default class Detail extends LightningElement {
  record?: UiRecord;
  labels: Record<string, { label: string }> = {};
  private recordIdValue?: string;
  private unsubscribe?: () => void;

  @api
  get recordId(): string | undefined {
    return this.recordIdValue;
  }
  set recordId(value: string | undefined) {
    this.recordIdValue = value;
    void this.load();
  }

  connectedCallback(): void {
    this.unsubscribe = onRecordsChanged(() => void this.load());
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
  }

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

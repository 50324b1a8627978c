// The base of the preview's record stand-ins (force:detailPanel, force:highlightsPanel): the page
// hands them a recordId, they (re)load the record when it changes and after any write in the preview.
import { LightningElement, api } from 'lwc';
import { onRecordsChanged } from 'preview/lds';

export interface UiRecord {
  apiName: string;
  fields: Record<string, { value: unknown; displayValue: string | null }>;
}

export default abstract class RecordPanel extends LightningElement {
  protected recordIdValue?: string;
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

  abstract load(): Promise<void>;
}

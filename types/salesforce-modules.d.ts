// Shims for platform modules that @salesforce/lightning-types does not cover (see toolchain.md).
// Only what the package's components use; shapes follow the LWC developer guide.

declare module '@salesforce/schema/*' {
  /** `@salesforce/schema/Object` gives `{ objectApiName }`; `Object.Field__c` adds `fieldApiName`. */
  const id: { objectApiName: string; fieldApiName: string };
  export default id;
}

declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

declare module 'lightning/uiRecordApi' {
  export interface FieldId {
    objectApiName: string;
    fieldApiName: string;
  }
  export interface FieldValueRepresentation {
    displayValue: string | null;
    value: unknown;
  }
  export interface RecordRepresentation {
    apiName: string;
    id: string;
    fields: Record<string, FieldValueRepresentation>;
    lastModifiedDate?: string;
    systemModstamp?: string;
  }
  export interface RecordInput {
    apiName?: string;
    fields: Record<string, unknown>;
  }
  /** A wire adapter: use with `@wire(getRecord, { recordId: '$recordId', fields })`. */
  export const getRecord: import('lwc').WireAdapterConstructor<
    { recordId?: string; fields?: FieldId[] | string[]; optionalFields?: FieldId[] | string[] },
    { data?: RecordRepresentation; error?: unknown }
  >;
  export function getFieldValue(record: RecordRepresentation | undefined, field: FieldId | string): unknown;
  export function getFieldDisplayValue(
    record: RecordRepresentation | undefined,
    field: FieldId | string,
  ): string | null;
  export function createRecord(input: RecordInput): Promise<RecordRepresentation>;
  export function updateRecord(input: RecordInput): Promise<RecordRepresentation>;
  export function deleteRecord(recordId: string): Promise<void>;
  export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void>;
}

declare module 'lightning/platformShowToastEvent' {
  export class ShowToastEvent extends CustomEvent<{
    title: string;
    message?: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
  }> {
    constructor(init: {
      title: string;
      message?: string;
      variant?: 'info' | 'success' | 'warning' | 'error';
      mode?: 'dismissible' | 'pester' | 'sticky';
    });
  }
}

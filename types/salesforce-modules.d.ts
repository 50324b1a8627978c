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

// @salesforce/lightning-types has no lightning/graphql. Exports follow sfdx-lwc-jest's official stub
// (src/lightning-stubs/graphql/graphql.js): `graphql` and `gql`; `refreshGraphQL` is lightning/uiGraphQLApi's.
declare module 'lightning/graphql' {
  export interface GraphqlResult<T = unknown> {
    data?: T;
    errors?: unknown[];
    /**
     * Re-runs the wire's query; resolves once the new result is in. On each emitted result (the stub's
     * `emit(value, filterFn, refreshFn)`; lwc-recipes graphqlRefresh), absent until the wire has one.
     */
    refresh?: () => Promise<void>;
  }
  /** Tags a GraphQL query for the `graphql` wire adapter. */
  export function gql(strings: TemplateStringsArray, ...values: unknown[]): string;
  /** A wire adapter: use with `@wire(graphql, { query: '$query', variables: '$variables' })`. */
  export const graphql: import('lwc').WireAdapterConstructor<
    { query?: string; variables?: Record<string, unknown>; operationName?: string },
    GraphqlResult
  >;
}

declare module 'lightning/uiObjectInfoApi' {
  export interface PicklistValue {
    label: string;
    value: string;
  }
  export interface ObjectInfo {
    apiName: string;
    label: string;
    defaultRecordTypeId: string;
    fields: Record<
      string,
      { apiName: string; label: string; dataType: string; required: boolean; updateable: boolean }
    >;
  }
  export const getObjectInfo: import('lwc').WireAdapterConstructor<
    { objectApiName?: string | { objectApiName: string } },
    { data?: ObjectInfo; error?: unknown }
  >;
  export const getPicklistValues: import('lwc').WireAdapterConstructor<
    { recordTypeId?: string; fieldApiName?: string | { objectApiName: string; fieldApiName: string } },
    { data?: { defaultValue: PicklistValue | null; values: PicklistValue[] }; error?: unknown }
  >;
}

declare module 'lightning/navigation' {
  // Only what is marked export is exported (without this, every declaration in the block would be).
  export {};
  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, unknown>;
  }
  const Navigate: unique symbol;
  const GenerateUrl: unique symbol;
  interface Navigator {
    [Navigate](pageReference: PageReference, replace?: boolean): void;
    [GenerateUrl](pageReference: PageReference): Promise<string>;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type AnyConstructor = new (...args: any[]) => object;
  /** `class X extends NavigationMixin(LightningElement)`, then `this[NavigationMixin.Navigate](ref)`. */
  export const NavigationMixin: {
    <T extends AnyConstructor>(
      base: T,
    ): Omit<T, 'prototype'> & {
      new (...args: ConstructorParameters<T>): InstanceType<T> & Navigator;
      readonly prototype: InstanceType<T> & Navigator;
    };
    readonly Navigate: typeof Navigate;
    readonly GenerateUrl: typeof GenerateUrl;
  };
}

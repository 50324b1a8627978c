// lightning/uiRecordApi for the preview, over the local org's UI API: getRecord, getFieldValue,
// getFieldDisplayValue, createRecord, updateRecord, deleteRecord, notifyRecordUpdateAvailable.
import { RefreshingAdapter, apiFetch, recordsChanged } from 'preview/lds';

interface FieldRef {
  objectApiName: string;
  fieldApiName: string;
}
type FieldId = string | FieldRef;

interface RecordValue {
  value: unknown;
  displayValue: string | null;
}

interface UiRecord {
  apiName: string;
  id: string;
  fields: Record<string, RecordValue>;
}

interface GetRecordConfig {
  recordId?: string;
  fields?: FieldId | FieldId[];
  optionalFields?: FieldId | FieldId[];
  layoutTypes?: string | string[];
}

const qualified = (field: FieldId): string =>
  typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export class getRecord extends RefreshingAdapter<GetRecordConfig, { data?: UiRecord; error?: unknown }> {
  protected ready(config: GetRecordConfig): boolean {
    return !!config.recordId;
  }

  protected async load(config: GetRecordConfig) {
    const params = new URLSearchParams();
    const fields = asList(config.fields).map(qualified);
    const optional = asList(config.optionalFields).map(qualified);
    if (fields.length) params.set('fields', fields.join(','));
    if (optional.length) params.set('optionalFields', optional.join(','));
    const data = (await apiFetch(`ui-api/records/${config.recordId}?${params}`)) as UiRecord;
    return { data, error: undefined };
  }

  protected failed(error: unknown) {
    return { data: undefined, error };
  }
}

/** The value at a field path ('Obj.Field' or 'Obj.Parent__r.Field') of a record, or undefined. */
function fieldAt(record: UiRecord | undefined, field: FieldId): RecordValue | undefined {
  if (!record) return undefined;
  const path = qualified(field).split('.').slice(1);
  let current: UiRecord | undefined = record;
  for (let i = 0; i < path.length; i++) {
    const entry: RecordValue | undefined = current?.fields[path[i]];
    if (!entry) return undefined;
    if (i === path.length - 1) return entry;
    current = entry.value as UiRecord | undefined;
  }
  return undefined;
}

export function getFieldValue(record: UiRecord | undefined, field: FieldId): unknown {
  return fieldAt(record, field)?.value;
}

export function getFieldDisplayValue(record: UiRecord | undefined, field: FieldId): string | null | undefined {
  return fieldAt(record, field)?.displayValue;
}

export async function createRecord(input: { apiName: string; fields: Record<string, unknown> }): Promise<UiRecord> {
  const record = (await apiFetch('ui-api/records', { method: 'POST', body: JSON.stringify(input) })) as UiRecord;
  recordsChanged();
  return record;
}

export async function updateRecord(input: { fields: Record<string, unknown> }): Promise<UiRecord> {
  const { Id, ...fields } = input.fields;
  const record = (await apiFetch(`ui-api/records/${String(Id)}`, {
    method: 'PATCH',
    body: JSON.stringify({ fields }),
  })) as UiRecord;
  recordsChanged();
  return record;
}

export async function deleteRecord(recordId: string): Promise<void> {
  await apiFetch(`ui-api/records/${recordId}`, { method: 'DELETE' });
  recordsChanged();
}

export async function notifyRecordUpdateAvailable(_items: { recordId: string }[]): Promise<void> {
  recordsChanged();
}

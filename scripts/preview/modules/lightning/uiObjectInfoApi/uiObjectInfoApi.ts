// lightning/uiObjectInfoApi for the preview: getObjectInfo and getPicklistValues.
import { RefreshingAdapter, apiFetch, objectInfoOf } from 'preview/lds';

type ObjectRef = string | { objectApiName: string };
type FieldRef = string | { objectApiName: string; fieldApiName: string };
interface Result {
  data?: unknown;
  error?: unknown;
}

const objectName = (ref: ObjectRef) => (typeof ref === 'string' ? ref : ref.objectApiName);

export class getObjectInfo extends RefreshingAdapter<{ objectApiName?: ObjectRef }, Result> {
  protected ready(config: { objectApiName?: ObjectRef }): boolean {
    return !!config.objectApiName;
  }

  protected async load(config: { objectApiName?: ObjectRef }): Promise<Result> {
    return { data: await objectInfoOf(objectName(config.objectApiName as ObjectRef)) };
  }

  protected failed(error: unknown): Result {
    return { error };
  }
}

export class getPicklistValues extends RefreshingAdapter<{ recordTypeId?: string; fieldApiName?: FieldRef }, Result> {
  protected ready(config: { recordTypeId?: string; fieldApiName?: FieldRef }): boolean {
    return !!config.recordTypeId && !!config.fieldApiName;
  }

  protected async load(config: { recordTypeId?: string; fieldApiName?: FieldRef }): Promise<Result> {
    const ref = config.fieldApiName as FieldRef;
    const [object, field] = typeof ref === 'string' ? ref.split('.') : [ref.objectApiName, ref.fieldApiName];
    return { data: await apiFetch(`ui-api/object-info/${object}/picklist-values/${config.recordTypeId}/${field}`) };
  }

  protected failed(error: unknown): Result {
    return { error };
  }
}

// The UI API that Lightning Data Service calls, over the same engine and SOQL compiler as the REST
// API, so field checks, validation rules, roll-ups and errors are the ones every other client sees:
//   GET    ui-api/records/{id}?fields=…&optionalFields=…   (getRecord)
//   POST   ui-api/records                                  (createRecord)
//   PATCH  ui-api/records/{id}                             (updateRecord)
//   DELETE ui-api/records/{id}                             (deleteRecord)
//   GET    ui-api/object-info/{object}                     (getObjectInfo)
//   GET    ui-api/object-info/{object}/picklist-values/{recordTypeId}[/{field}]  (getPicklistValues…)
//   POST   ui-api/graphql                                  (lightning/graphql; see graphql.ts)
// Field values come as { value, displayValue }: picklists show their label, numbers, money, percents,
// dates and datetimes their en-US form (the org's locale), parent records nest under the relationship.
import type { Engine } from './engine.ts';
import { SfError, asSfErrors } from './errors.ts';
import { json } from './http.ts';
import type { ApiRequest, ApiResponse } from './http.ts';
import { SEGMENT } from './routes.ts';
import type { RouteRegistrar } from './routes.ts';
import { normaliseId } from './ids.ts';
import { findField, findObject } from './schema.ts';
import type { FieldDef, ObjectDef } from './schema.ts';
import type { PreparedQuery } from './soql/index.ts';
import type { UserAccess } from './security.ts';

/** The master record type every object has when it defines none. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

export interface UiField {
  value: unknown;
  displayValue: string | null;
}

export interface UiRecord {
  apiName: string;
  childRelationships: Record<string, unknown>;
  eTag: string;
  fields: Record<string, UiField>;
  id: string;
  lastModifiedById: string | null;
  lastModifiedDate: string | null;
  recordTypeId: string;
  recordTypeInfo: null;
  systemModstamp: string | null;
  weakEtag: number;
}

const MONEY = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 18 });
const DATE = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** The text Lightning shows for a value of this field (null where the UI API gives none). */
export function displayValueOf(field: FieldDef, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'picklist':
      return field.picklistValues?.find((p) => p.value === value)?.label ?? String(value);
    case 'multipicklist':
      return String(value)
        .split(';')
        .map((v) => field.picklistValues?.find((p) => p.value === v)?.label ?? v)
        .join(';');
    case 'currency':
      return typeof value === 'number' ? MONEY.format(value) : null;
    case 'percent':
      return typeof value === 'number' ? `${NUMBER.format(value)}%` : null;
    case 'double':
    case 'int':
      return typeof value === 'number' ? NUMBER.format(value) : null;
    case 'date':
      return DATE.format(new Date(`${String(value)}T00:00:00Z`));
    case 'datetime':
      return DATE_TIME.format(new Date(String(value)));
    default:
      return null;
  }
}

/** The value as the UI API gives it: datetimes in ISO form with Z (REST gives +0000). */
export function uiValueOf(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'datetime') return new Date(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
  return value;
}

/** UI API dataType names. */
export function uiDataType(field: FieldDef): string {
  const types: Record<string, string> = {
    id: 'Id',
    string: field.type === 'string' && field.name === 'Email' ? 'Email' : 'String',
    textarea: 'TextArea',
    picklist: 'Picklist',
    multipicklist: 'MultiPicklist',
    boolean: 'Boolean',
    currency: 'Currency',
    percent: 'Percent',
    double: 'Double',
    int: 'Int',
    date: 'Date',
    datetime: 'DateTime',
    reference: 'Reference',
    email: 'Email',
    phone: 'Phone',
    url: 'Url',
  };
  return types[field.type] ?? 'String';
}

/**
 * Turns a REST-shaped query record into the UI API's fields map. Parent relationships become
 * { value: <nested record>, displayValue: <its name> }; child subqueries are left to the caller.
 */
export function uiFields(
  object: ObjectDef,
  rest: Record<string, unknown>,
  lookup: ObjectLookup,
): Record<string, UiField> {
  const out: Record<string, UiField> = {};
  for (const [key, raw] of Object.entries(rest)) {
    if (key === 'attributes') continue;
    const field = findField(object, key);
    if (field) {
      out[field.name] = { value: uiValueOf(field, raw), displayValue: displayValueOf(field, raw) };
      continue;
    }
    const parentField = [...object.fields.values()].find(
      (f) => f.relationshipName?.toLowerCase() === key.toLowerCase(),
    );
    if (!parentField) continue;
    if (raw === null || raw === undefined) {
      out[parentField.relationshipName as string] = { value: null, displayValue: null };
      continue;
    }
    const nested = raw as Record<string, unknown>;
    const type = String((nested.attributes as { type?: string } | undefined)?.type ?? parentField.referenceTo[0]);
    const parent = lookup(type);
    const record = uiRecord(parent, nested, lookup);
    const name = record.fields.Name?.value;
    out[parentField.relationshipName as string] = { value: record, displayValue: name ? String(name) : null };
  }
  return out;
}

export type ObjectLookup = (name: string) => ObjectDef;

export function uiRecord(object: ObjectDef, rest: Record<string, unknown>, lookup: ObjectLookup): UiRecord {
  const fields = uiFields(object, rest, lookup);
  const modstamp = (rest.SystemModstamp ?? rest.LastModifiedDate ?? null) as string | null;
  return {
    apiName: object.name,
    childRelationships: {},
    eTag: `${String(rest.Id ?? '')}:${modstamp ?? ''}`,
    fields,
    id: String(rest.Id ?? ''),
    lastModifiedById: (rest.LastModifiedById as string | undefined) ?? null,
    lastModifiedDate: (rest.LastModifiedDate as string | undefined) ?? null,
    recordTypeId: MASTER_RECORD_TYPE_ID,
    recordTypeInfo: null,
    systemModstamp: modstamp,
    weakEtag: modstamp ? Date.parse(modstamp) : 0,
  };
}

/** An error in the shape LDS hands to components ({ body: { message, output: { errors, fieldErrors } } }). */
function recordError(error: unknown): ApiResponse {
  const errors = asSfErrors(error);
  const status = errors[0]?.status ?? 400;
  if (status >= 500) throw error;
  const output = {
    errors: [] as { errorCode: string; message: string }[],
    fieldErrors: {} as Record<string, { errorCode: string; field: string; message: string }[]>,
  };
  for (const e of errors) {
    if (e.fields.length)
      for (const field of e.fields)
        (output.fieldErrors[field] ??= []).push({ errorCode: e.errorCode, field, message: e.message });
    else output.errors.push({ errorCode: e.errorCode, message: e.message });
  }
  return json(status, {
    enhancedErrorType: 'RecordError',
    message: 'An error occurred while trying to update the record. Please try again.',
    output,
  });
}

export interface UiApiOptions {
  engine: Engine;
  prepare: (soql: string) => PreparedQuery;
  userId: () => string;
}

export class UiApiResources {
  private readonly options: UiApiOptions;

  constructor(options: UiApiOptions) {
    this.options = options;
  }

  private get engine(): Engine {
    return this.options.engine;
  }

  /** The running user's access (undefined for the admin, who sees everything). */
  private get access(): UserAccess | undefined {
    return this.engine.security.restricted(this.options.userId());
  }

  private readable(object: ObjectDef, field: FieldDef): boolean {
    return this.access?.canReadField(object, field) ?? true;
  }

  /** An object the user cannot read does not exist for them. */
  readonly objectOf: ObjectLookup = (name) => {
    const object = findObject(this.engine.schema, name);
    if (!object || (this.access && !this.access.canReadObject(object)))
      throw new SfError('NOT_FOUND', `The requested resource does not exist: object ${name}`, [], 404);
    return object;
  };

  registerRoutes(route: RouteRegistrar): void {
    const SEG = SEGMENT;
    route('GET', `ui-api/records/${SEG}`, (req, [id]) => this.getRecord(req, id));
    route('POST', 'ui-api/records', (req) => this.createRecord(req));
    route('PATCH', `ui-api/records/${SEG}`, (req, [id]) => this.updateRecord(req, id));
    route('DELETE', `ui-api/records/${SEG}`, (_req, [id]) => this.deleteRecord(id));
    route('GET', `ui-api/object-info/${SEG}`, (_req, [name]) => json(200, this.objectInfo(this.objectOf(name))));
    route('GET', `ui-api/object-info/${SEG}/picklist-values/${SEG}`, (_req, [name]) =>
      json(200, { picklistFieldValues: this.picklists(this.objectOf(name)) }),
    );
    route('GET', `ui-api/object-info/${SEG}/picklist-values/${SEG}/${SEG}`, (_req, [name, , fieldName]) => {
      const object = this.objectOf(name);
      const values = this.picklists(object)[findField(object, fieldName)?.name ?? ''];
      if (!values) throw new SfError('NOT_FOUND', `${name}.${fieldName} is not a picklist`, [], 404);
      return json(200, values);
    });
  }

  /** The record with the requested fields; all fields when none are named (layoutTypes=Full). */
  getRecord(req: ApiRequest, rawId: string): ApiResponse {
    const id = normaliseId(rawId);
    const object = id ? this.engine.objectForId(id) : undefined;
    if (!id || !object || !this.engine.row(object, id) || (this.access && !this.access.canReadObject(object)))
      throw new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    const list = (name: string) =>
      (req.query.get(name) ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const required = list('fields').map((f) => this.relativePath(object, f, true));
    const optional = list('optionalFields')
      .map((f) => this.relativePath(object, f, false))
      .filter((p): p is string => p !== undefined && this.pathExists(object, p));
    const paths = [...required, ...optional] as string[];
    return json(200, this.read(object, id, paths.length ? paths : this.allFieldPaths(object)));
  }

  createRecord(req: ApiRequest): ApiResponse {
    const body = (req.body ?? {}) as { apiName?: string; fields?: Record<string, unknown> };
    if (!body.apiName) throw new SfError('INVALID_INPUT', 'apiName is required', [], 400);
    const object = this.objectOf(body.apiName);
    let id: string;
    try {
      id = this.engine.insert(object.name, { ...(body.fields ?? {}) }, { userId: this.options.userId() });
    } catch (error) {
      return recordError(error);
    }
    return json(201, this.read(object, id, this.allFieldPaths(object)));
  }

  updateRecord(req: ApiRequest, rawId: string): ApiResponse {
    const id = normaliseId(rawId);
    const object = id ? this.engine.objectForId(id) : undefined;
    if (!id || !object) throw new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    const fields = { ...(((req.body ?? {}) as { fields?: Record<string, unknown> }).fields ?? {}) };
    delete fields.Id;
    try {
      this.engine.update(object.name, id, fields, { userId: this.options.userId() });
    } catch (error) {
      return recordError(error);
    }
    return json(200, this.read(object, id, this.allFieldPaths(object)));
  }

  deleteRecord(rawId: string): ApiResponse {
    const id = normaliseId(rawId);
    const object = id ? this.engine.objectForId(id) : undefined;
    if (!id || !object) throw new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    try {
      this.engine.remove(object.name, id, { userId: this.options.userId() });
    } catch (error) {
      return recordError(error);
    }
    return json(204);
  }

  private read(object: ObjectDef, id: string, paths: string[]): UiRecord {
    const soql = `SELECT ${[...new Set(['Id', ...paths])].join(', ')} FROM ${object.name} WHERE Id = '${id}'`;
    const [rest] = [...this.options.prepare(soql).records(this.engine.db, '66.0')];
    if (!rest) throw new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    return uiRecord(object, rest, this.objectOf);
  }

  /** 'CME_Event__c.Owner.Name' → 'Owner.Name'; a path on another object is an error (or skipped). */
  private relativePath(object: ObjectDef, qualified: string, required: boolean): string | undefined {
    const [head, ...rest] = qualified.split('.');
    if (head.toLowerCase() !== object.name.toLowerCase() || !rest.length) {
      if (!required) return undefined;
      throw new SfError('INVALID_FIELD', `${qualified} is not a field of ${object.name}`, [], 400);
    }
    const path = rest.join('.');
    if (required && !this.pathExists(object, path))
      throw new SfError('INVALID_FIELD', `No such column '${path}' on sobject of type ${object.name}`, [], 400);
    return path;
  }

  private pathExists(object: ObjectDef, path: string): boolean {
    const parts = path.split('.');
    let current = object;
    for (let i = 0; i < parts.length - 1; i++) {
      const reference = [...current.fields.values()].find(
        (f) => f.relationshipName?.toLowerCase() === parts[i].toLowerCase(),
      );
      const target = reference?.referenceTo[0] && findObject(this.engine.schema, reference.referenceTo[0]);
      if (!target || !reference || !this.readable(current, reference)) return false;
      if (this.access && !this.access.canReadObject(target)) return false;
      current = target;
    }
    const field = findField(current, parts[parts.length - 1]);
    return !!field && this.readable(current, field);
  }

  /** Every field the user can read (layoutTypes=Full). */
  private allFieldPaths(object: ObjectDef): string[] {
    return [...object.fields.values()].filter((f) => this.readable(object, f)).map((f) => f.name);
  }

  /**
   * Object info as the user sees it: fields they cannot read are absent; createable, updateable and
   * deletable (object and field) say what their permissions allow.
   */
  objectInfo(object: ObjectDef): Record<string, unknown> {
    const access = this.access;
    const editable = (f: FieldDef) => !access || access.canEditField(object, f);
    const p = access?.objectPermissions(object);
    const fields: Record<string, unknown> = {};
    for (const f of object.fields.values()) {
      if (!this.readable(object, f)) continue;
      fields[f.name] = {
        apiName: f.name,
        calculated: f.calculated,
        createable: f.createable && editable(f),
        custom: f.custom,
        dataType: uiDataType(f),
        externalId: f.externalId,
        label: f.label,
        length: f.length ?? 0,
        nameField: f.nameField,
        precision: f.precision ?? 0,
        reference: f.type === 'reference',
        referenceToInfos: f.referenceTo.map((apiName) => ({ apiName, nameFields: ['Name'] })),
        relationshipName: f.relationshipName ?? null,
        required: f.required,
        scale: f.scale ?? 0,
        sortable: f.type !== 'textarea',
        filterable: f.type !== 'textarea',
        unique: f.unique,
        updateable: f.updateable && editable(f),
      };
    }
    const readableChild = (c: ObjectDef['childRelationships'][number]) => {
      const child = this.engine.schema.objects.get(c.childSObject);
      return !access || !child || (access.canReadObject(child) && this.readable(child, child.fields.get(c.field)!));
    };
    return {
      apiName: object.name,
      childRelationships: object.childRelationships.filter(readableChild).map((c) => ({
        childObjectApiName: c.childSObject,
        fieldName: c.field,
        relationshipName: c.relationshipName ?? null,
      })),
      createable: object.createable && (!p || p.allowCreate),
      custom: object.custom,
      defaultRecordTypeId: MASTER_RECORD_TYPE_ID,
      deletable: object.deletable && (!p || p.allowDelete),
      fields,
      keyPrefix: object.keyPrefix,
      label: object.label,
      labelPlural: object.labelPlural,
      nameFields: object.fields.has('Name') ? ['Name'] : [],
      queryable: object.queryable,
      recordTypeInfos: {
        [MASTER_RECORD_TYPE_ID]: {
          available: true,
          defaultRecordTypeMapping: true,
          master: true,
          name: 'Master',
          recordTypeId: MASTER_RECORD_TYPE_ID,
        },
      },
      updateable: object.updateable && (!p || p.allowEdit),
    };
  }

  private picklists(object: ObjectDef): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of object.fields.values())
      if (f.picklistValues?.length && this.readable(object, f))
        out[f.name] = {
          controllerValues: {},
          defaultValue: null,
          url: `/services/data/v66.0/ui-api/object-info/${object.name}/picklist-values/${MASTER_RECORD_TYPE_ID}/${f.name}`,
          values: f.picklistValues.map((p) => ({ attributes: null, label: p.label, validFor: [], value: p.value })),
        };
    return out;
  }
}

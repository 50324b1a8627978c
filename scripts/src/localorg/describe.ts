// describeGlobal and sObject describe in the shapes jsforce, the sf CLI and LDS read, as the running
// user sees them: objects they cannot read are absent, and so are fields they cannot read; the
// createable/updateable/deletable flags say what their permissions allow ("fields that are not
// visible to a given user are not returned in a query() or describeSObjects() call": Object Reference,
// Factors that Affect Data Access).
import type { Engine } from './engine.ts';
import { json } from './http.ts';
import { API_NAME } from './routes.ts';
import type { RouteRegistrar } from './routes.ts';
import type { FieldDef, ObjectDef, OrgSchema } from './schema.ts';
import type { UserAccess } from './security.ts';

const urlsOf = (object: ObjectDef, v: string) => ({
  sobject: `/services/data/v${v}/sobjects/${object.name}`,
  describe: `/services/data/v${v}/sobjects/${object.name}/describe`,
  rowTemplate: `/services/data/v${v}/sobjects/${object.name}/{ID}`,
});

function basics(object: ObjectDef, v: string, access?: UserAccess) {
  const p = access?.objectPermissions(object);
  return {
    activateable: false,
    createable: object.createable && (!p || p.allowCreate),
    custom: object.custom,
    customSetting: false,
    deletable: object.deletable && (!p || p.allowDelete),
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: true,
    mergeable: false,
    mruEnabled: true,
    name: object.name,
    queryable: object.queryable,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: true,
    updateable: object.updateable && (!p || p.allowEdit),
    urls: urlsOf(object, v),
  };
}

/** Without `access` (the admin) every object; otherwise those the user can read. */
export function describeGlobal(schema: OrgSchema, v: string, access?: UserAccess) {
  const objects = [...schema.objects.values()].filter((o) => !access || access.canReadObject(o));
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: objects.map((o) => basics(o, v, access)) };
}

function describeField(field: FieldDef, editable = true) {
  const isText = [
    'string',
    'textarea',
    'picklist',
    'multipicklist',
    'url',
    'email',
    'phone',
    'id',
    'reference',
  ].includes(field.type);
  return {
    aggregatable: field.type !== 'textarea',
    autoNumber: field.autoNumber !== undefined,
    byteLength: isText ? (field.length ?? 18) * 3 : 0,
    calculated: field.calculated,
    calculatedFormula: field.formula ?? null,
    cascadeDelete: field.masterDetail,
    caseSensitive: field.caseSensitive,
    createable: field.createable && editable,
    custom: field.custom,
    defaultValue: field.defaultValue ?? null,
    defaultedOnCreate:
      field.defaultValue !== undefined ||
      field.system ||
      field.name === 'OwnerId' ||
      field.type === 'boolean' ||
      field.autoNumber !== undefined,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: 0,
    externalId: field.externalId,
    filterable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
    groupable: !['double', 'currency', 'percent', 'textarea', 'datetime'].includes(field.type),
    htmlFormatted: false,
    idLookup: field.name === 'Id' || field.externalId || field.unique,
    inlineHelpText: null,
    label: field.label,
    length: isText ? (field.length ?? 18) : 0,
    name: field.name,
    nameField: field.nameField,
    namePointing: field.referenceTo.length > 1,
    nillable: field.nillable,
    permissionable: field.permissionable === true,
    picklistValues: (field.picklistValues ?? []).map((p) => ({
      active: p.active,
      defaultValue: p.defaultValue,
      label: p.label,
      validFor: null,
      value: p.value,
    })),
    precision: field.precision ?? 0,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName ?? null,
    relationshipOrder: field.masterDetail ? 0 : null,
    restrictedPicklist: field.restrictedPicklist,
    scale: field.scale ?? 0,
    soapType: soapTypeOf(field),
    sortable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
    type: field.type,
    unique: field.unique,
    updateable: field.updateable && editable,
    writeRequiresMasterRead: field.writeRequiresMasterRead === true,
  };
}

function soapTypeOf(field: FieldDef): string {
  const map: Record<string, string> = {
    id: 'tns:ID',
    reference: 'tns:ID',
    boolean: 'xsd:boolean',
    double: 'xsd:double',
    currency: 'xsd:double',
    percent: 'xsd:double',
    int: 'xsd:int',
    date: 'xsd:date',
    datetime: 'xsd:dateTime',
  };
  return map[field.type] ?? 'xsd:string';
}

export function describeSObject(object: ObjectDef, v: string, access?: UserAccess, schema?: OrgSchema) {
  const readableChild = (c: ObjectDef['childRelationships'][number]) => {
    const child = schema?.objects.get(c.childSObject);
    return !access || !child || (access.canReadObject(child) && access.canReadField(child, child.fields.get(c.field)!));
  };
  return {
    ...basics(object, v, access),
    actionOverrides: [],
    childRelationships: object.childRelationships.filter(readableChild).map((c) => ({
      cascadeDelete: c.cascadeDelete,
      childSObject: c.childSObject,
      deprecatedAndHidden: false,
      field: c.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: c.relationshipName ?? null,
      restrictedDelete: c.restrictedDelete,
    })),
    compactLayoutable: true,
    fields: [...object.fields.values()]
      .filter((f) => !access || access.canReadField(object, f))
      .map((f) => describeField(f, !access || access.canEditField(object, f))),
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `/services/data/v${v}/sobjects/${object.name}/describe/layouts/012000000000000AAA` },
      },
    ],
    sobjectDescribeOption: 'FULL',
    supportedScopes: [{ label: 'All', name: 'everything' }],
    urls: { ...urlsOf(object, v), layouts: `/services/data/v${v}/sobjects/${object.name}/describe/layouts` },
  };
}

/**
 * GET sobjects, sobjects/<object>/describe and sobjects/<object> (its basic information), as the
 * running user sees them (`access()`: undefined for the admin). Register before the record routes:
 * sobjects/<object>/describe would otherwise read as a record id.
 */
export function registerDescribeRoutes(
  route: RouteRegistrar,
  engine: Engine,
  access: () => UserAccess | undefined,
): void {
  route('GET', 'sobjects', (req) => json(200, describeGlobal(engine.schema, req.version, access())));
  route('GET', `sobjects/${API_NAME}/describe`, (req, [o]) =>
    json(200, describeSObject(engine.object(o, access()), req.version, access(), engine.schema)),
  );
  route('GET', `sobjects/${API_NAME}`, (req, [o]) =>
    json(200, {
      objectDescribe: describeGlobal(
        { ...engine.schema, objects: new Map([[o, engine.object(o, access())]]) },
        req.version,
        access(),
      ).sobjects[0],
      recentItems: [],
    }),
  );
}

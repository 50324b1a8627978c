// The local org's schema: every object the package defines (read from force-app at start) plus the
// standard objects the package and the sf CLI touch, in the shapes describe and the engine need.
import { loadProject } from '../sfmodel/project.ts';
import type { FieldInfo, ObjectInfo } from '../sfmodel/project.ts';
import { childText, childrenNamed, descendants } from '../sfmodel/xml.ts';
import type { XmlElement } from '../sfmodel/xml.ts';

/** Field types as describe reports them. */
export type SoapType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'double'
  | 'int'
  | 'currency'
  | 'percent'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'url'
  | 'email'
  | 'phone';

export interface PicklistValue {
  value: string;
  label: string;
  defaultValue: boolean;
  active: boolean;
}

export interface SummaryDef {
  operation: 'count' | 'sum' | 'min' | 'max';
  childObject: string;
  /** The master-detail field on the child that points here. */
  foreignKey: string;
  summarizedField?: string;
  filters: { field: string; operation: string; value: string }[];
}

export interface FieldDef {
  name: string;
  label: string;
  type: SoapType;
  custom: boolean;
  length?: number;
  precision?: number;
  scale?: number;
  /** Required on create (not nillable and not defaulted). */
  required: boolean;
  nillable: boolean;
  unique: boolean;
  externalId: boolean;
  caseSensitive: boolean;
  createable: boolean;
  updateable: boolean;
  calculated: boolean;
  formula?: string;
  summary?: SummaryDef;
  autoNumber?: { displayFormat: string; start: number };
  picklistValues?: PicklistValue[];
  restrictedPicklist: boolean;
  defaultValue?: string | number | boolean;
  referenceTo: string[];
  /** Name of the parent relationship from this record (Event__r for Event__c, Owner for OwnerId). */
  relationshipName?: string;
  /** For custom lookups: the child relationship name the parent sees (Invitations__r). */
  childRelationshipName?: string;
  /** Master-detail (cascade delete, required, not reparentable unless set). */
  masterDetail: boolean;
  deleteConstraint?: 'Restrict' | 'SetNull' | 'Cascade';
  /** Name field of the object (Name). */
  nameField: boolean;
  /** System fields (Id, CreatedDate…) are set by the server only. */
  system: boolean;
  /**
   * Field-level security applies (a custom field that is not universally required): only such fields
   * appear in permission sets' fieldPermissions (Metadata API, PermissionSetFieldPermissions).
   */
  permissionable?: boolean;
  /** Master-detail: read access to the master suffices to create, edit or delete the detail. */
  writeRequiresMasterRead?: boolean;
}

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName?: string;
  cascadeDelete: boolean;
  restrictedDelete: boolean;
}

export interface ValidationRuleDef {
  name: string;
  formula: string;
  message: string;
  errorDisplayField?: string;
  active: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  /** Field definitions by API name (use `field()` for case-insensitive lookup). */
  fields: Map<string, FieldDef>;
  childRelationships: ChildRelationship[];
  validationRules: ValidationRuleDef[];
  sharingModel: string;
  /** Tasks can relate to it (enableActivities). */
  activities: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
}

export interface ObjectPermissionsDef {
  allowCreate: boolean;
  allowRead: boolean;
  allowEdit: boolean;
  allowDelete: boolean;
  viewAllRecords: boolean;
  modifyAllRecords: boolean;
}

export interface PermissionSetDef {
  label: string;
  customPermissions: string[];
  /** objectPermissions by object API name. */
  objects: Map<string, ObjectPermissionsDef>;
  /** fieldPermissions by 'Object.Field'. */
  fields: Map<string, { readable: boolean; editable: boolean }>;
}

/** A criteria-based sharing rule (SharingRules metadata, sharingCriteriaRules). */
export interface SharingRuleDef {
  object: string;
  name: string;
  accessLevel: 'Read' | 'Edit';
  /** allInternalUsers, group, role, roleAndSubordinates, roleAndSubordinatesInternal with a DeveloperName. */
  sharedTo: { type: string; name?: string }[];
  criteria: { field: string; operation: string; value: string }[];
  booleanFilter?: string;
}

export interface OrgSchema {
  objects: Map<string, ObjectDef>;
  /** Permission sets of the package: custom permissions, object and field permissions. */
  permissionSets: Map<string, PermissionSetDef>;
  /** Criteria-based sharing rules of the package (sharingRules/*). */
  sharingRules: SharingRuleDef[];
  /** Active and inactive approval processes of the package (approvalProcesses/*). */
  approvalProcesses: ApprovalProcessDef[];
  /** Workflow field updates by full name (workflows/*), the actions approval processes run. */
  fieldUpdates: Map<string, FieldUpdateDef>;
  /** Queues and public groups (queues/*, groups/*) with the groups inside each queue. */
  groups: GroupDef[];
}

export interface ApprovalStepDef {
  name: string;
  label: string;
  /** userHierarchyField: the submitter's (or owner's) manager; queue / user: a named approver. */
  approver: { type: 'userHierarchyField' | 'queue' | 'user'; name?: string };
}

export interface ApprovalProcessDef {
  /** CME_Event__c.CME_Event_Approval → object CME_Event__c, name CME_Event_Approval. */
  object: string;
  name: string;
  label: string;
  active: boolean;
  entryFormula: string | undefined;
  allowedSubmitters: string[];
  steps: ApprovalStepDef[];
  initialSubmissionActions: string[];
  finalApprovalActions: string[];
  finalRejectionActions: string[];
  recallActions: string[];
  /** Who may edit the record while it is pending: AdminOnly (the default) or AdminOrCurrentApprover. */
  recordEditability: 'AdminOnly' | 'AdminOrCurrentApprover';
}

export interface FieldUpdateDef {
  object: string;
  name: string;
  field: string;
  operation: 'Literal' | 'Formula' | 'Null';
  literalValue?: string;
  formula?: string;
}

export interface GroupDef {
  developerName: string;
  name: string;
  type: 'Queue' | 'Regular';
  /** Public groups that are members of this queue. */
  memberGroups: string[];
}

/** The entry named `name` in a map keyed by API name: the exact key first, else case-insensitively. */
function findByName<T extends { name: string }>(map: Map<string, T>, name: string): T | undefined {
  const exact = map.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const entry of map.values()) if (entry.name.toLowerCase() === lower) return entry;
  return undefined;
}

/** Case-insensitive object lookup, as Salesforce resolves API names. */
export function findObject(schema: OrgSchema, name: string): ObjectDef | undefined {
  return findByName(schema.objects, name);
}

/** Case-insensitive field lookup. */
export function findField(object: ObjectDef, name: string): FieldDef | undefined {
  return findByName(object.fields, name);
}

/** The lookup/master-detail field whose relationshipName is `name` (case-insensitive). */
export function findRelationship(object: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  for (const field of object.fields.values())
    if (field.type === 'reference' && field.relationshipName?.toLowerCase() === lower) return field;
  return undefined;
}

export function findChildRelationship(object: ObjectDef, name: string): ChildRelationship | undefined {
  const lower = name.toLowerCase();
  return object.childRelationships.find((c) => c.relationshipName?.toLowerCase() === lower);
}

/** A field definition with Salesforce's defaults for a plain, nillable, editable standard field. */
export function baseField(name: string, label: string, type: SoapType, extra: Partial<FieldDef> = {}): FieldDef {
  return {
    name,
    label,
    type,
    custom: false,
    required: false,
    nillable: true,
    unique: false,
    externalId: false,
    caseSensitive: false,
    createable: true,
    updateable: true,
    calculated: false,
    restrictedPicklist: false,
    referenceTo: [],
    masterDetail: false,
    nameField: false,
    system: false,
    ...extra,
  };
}

const systemField = (name: string, label: string, type: SoapType, extra: Partial<FieldDef> = {}) =>
  baseField(name, label, type, { createable: false, updateable: false, nillable: false, system: true, ...extra });

const userRef = (name: string, label: string, relationshipName: string) =>
  systemField(name, label, 'reference', { referenceTo: ['User'], relationshipName });

/** Fields every object has: Id and the audit fields Salesforce maintains. */
function auditFields(): FieldDef[] {
  return [
    systemField('Id', 'Record ID', 'id', { length: 18 }),
    systemField('IsDeleted', 'Deleted', 'boolean'),
    systemField('CreatedDate', 'Created Date', 'datetime'),
    userRef('CreatedById', 'Created By ID', 'CreatedBy'),
    systemField('LastModifiedDate', 'Last Modified Date', 'datetime'),
    userRef('LastModifiedById', 'Last Modified By ID', 'LastModifiedBy'),
    systemField('SystemModstamp', 'System Modstamp', 'datetime'),
  ];
}

function ownerField(): FieldDef {
  // Owner is settable (defaults to the running user), like Salesforce.
  return lookup('OwnerId', 'Owner ID', ['User'], 'Owner', { nillable: false, deleteConstraint: 'Restrict' });
}

/** A lookup field to `referenceTo` whose relationship is `relationshipName` (Contact.AccountId → Account). */
const lookup = (
  name: string,
  label: string,
  referenceTo: string[],
  relationshipName: string,
  extra: Partial<FieldDef> = {},
) => baseField(name, label, 'reference', { referenceTo, relationshipName, ...extra });
const text = (name: string, label: string, length: number, extra: Partial<FieldDef> = {}) =>
  baseField(name, label, 'string', { length, ...extra });
const picklist = (name: string, label: string, values: string[], def?: string, extra: Partial<FieldDef> = {}) =>
  baseField(name, label, 'picklist', {
    length: 255,
    picklistValues: values.map((v) => ({ value: v, label: v, defaultValue: v === def, active: true })),
    defaultValue: def,
    ...extra,
  });

/** The standard objects the package and the sf CLI use, with the fields they read and write. */
function standardObjects(): ObjectDef[] {
  const make = (
    name: string,
    label: string,
    labelPlural: string,
    keyPrefix: string,
    fields: FieldDef[],
    sharingModel = 'ReadWrite',
  ): ObjectDef => {
    const map = new Map<string, FieldDef>();
    for (const f of [...auditFields(), ...fields]) map.set(f.name, f);
    return {
      name,
      label,
      labelPlural,
      keyPrefix,
      custom: false,
      fields: map,
      childRelationships: [],
      validationRules: [],
      sharingModel,
      activities: name === 'Account' || name === 'Contact',
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
    };
  };
  const address = (prefix: string, label: string) => [
    baseField(`${prefix}Street`, `${label} Street`, 'textarea', { length: 255 }),
    text(`${prefix}City`, `${label} City`, 40),
    text(`${prefix}State`, `${label} State/Province`, 80),
    text(`${prefix}PostalCode`, `${label} Zip/Postal Code`, 20),
    text(`${prefix}Country`, `${label} Country`, 80),
  ];
  return [
    make('Organization', 'Organization', 'Organizations', '00D', [
      text('Name', 'Name', 80, { nameField: true }),
      baseField('FiscalYearStartMonth', 'Fiscal Year Starts In', 'int', { precision: 2, scale: 0 }),
      text('DefaultLocaleSidKey', 'Locale', 40),
      text('TimeZoneSidKey', 'Default Time Zone', 40),
      text('LanguageLocaleKey', 'Language', 40),
      text('OrganizationType', 'Edition', 40),
      baseField('IsSandbox', 'Is Sandbox', 'boolean'),
      text('InstanceName', 'Instance Name', 5),
      text('NamespacePrefix', 'Namespace Prefix', 15),
      baseField('TrialExpirationDate', 'Trial Expiration Date', 'datetime'),
    ]),
    make('Profile', 'Profile', 'Profiles', '00e', [
      text('Name', 'Name', 255, { nameField: true, required: true, nillable: false }),
    ]),
    make(
      'User',
      'User',
      'Users',
      '005',
      [
        text('Username', 'Username', 80, { required: true, nillable: false, unique: true }),
        text('FirstName', 'First Name', 40),
        text('LastName', 'Last Name', 80, { required: true, nillable: false }),
        text('Name', 'Full Name', 121, { nameField: true, calculated: true, createable: false, updateable: false }),
        baseField('Email', 'Email', 'email', { length: 128, required: true, nillable: false }),
        text('Alias', 'Alias', 8, { required: true, nillable: false }),
        baseField('IsActive', 'Active', 'boolean', { defaultValue: true }),
        lookup('ManagerId', 'Manager ID', ['User'], 'Manager', { deleteConstraint: 'SetNull' }),
        lookup('ProfileId', 'Profile ID', ['Profile'], 'Profile'),
        text('TimeZoneSidKey', 'Time Zone', 40),
        text('LocaleSidKey', 'Locale', 40),
        text('LanguageLocaleKey', 'Language', 40),
        text('EmailEncodingKey', 'Email Encoding', 40),
        text('Title', 'Title', 80),
        lookup('UserRoleId', 'Role ID', ['UserRole'], 'UserRole', { deleteConstraint: 'SetNull' }),
      ],
      'Read',
    ),
    // Permission sets and who holds them (Object Reference, PermissionSet: Name, Label; key prefix 0PS;
    // PermissionSetAssignment: AssigneeId, PermissionSetId; key prefix 0Pa). Read-only over the API here:
    // the org's own users API assigns them.
    make(
      'PermissionSet',
      'Permission Set',
      'Permission Sets',
      '0PS',
      [
        text('Name', 'Name', 80, { required: true, nillable: false, unique: true }),
        text('Label', 'Label', 80, { nameField: true }),
      ],
      'Read',
    ),
    make(
      'PermissionSetAssignment',
      'Permission Set Assignment',
      'Permission Set Assignments',
      '0Pa',
      [
        lookup('AssigneeId', 'Assignee ID', ['User'], 'Assignee', { nillable: false }),
        lookup('PermissionSetId', 'Permission Set ID', ['PermissionSet'], 'PermissionSet', { nillable: false }),
      ],
      'Read',
    ),
    // The role hierarchy (Object Reference, UserRole: Name, DeveloperName, ParentRoleId).
    make(
      'UserRole',
      'Role',
      'Roles',
      '00E',
      [
        text('Name', 'Name', 80, { nameField: true, required: true, nillable: false }),
        text('DeveloperName', 'Developer Name', 80),
        lookup('ParentRoleId', 'Parent Role ID', ['UserRole'], 'ParentRole', { deleteConstraint: 'SetNull' }),
      ],
      'Read',
    ),
    make('Account', 'Account', 'Accounts', '001', [
      text('Name', 'Account Name', 255, { nameField: true, required: true, nillable: false }),
      ownerField(),
      ...address('Billing', 'Billing'),
    ]),
    make(
      'Contact',
      'Contact',
      'Contacts',
      '003',
      [
        picklist('Salutation', 'Salutation', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']),
        text('FirstName', 'First Name', 40),
        text('LastName', 'Last Name', 80, { required: true, nillable: false }),
        text('Name', 'Full Name', 121, { nameField: true, calculated: true, createable: false, updateable: false }),
        baseField('Email', 'Email', 'email', { length: 80 }),
        baseField('Phone', 'Business Phone', 'phone', { length: 40 }),
        baseField('MobilePhone', 'Mobile Phone', 'phone', { length: 40 }),
        text('Title', 'Title', 128),
        text('Department', 'Department', 80),
        lookup('AccountId', 'Account ID', ['Account'], 'Account', { deleteConstraint: 'SetNull' }),
        ownerField(),
        ...address('Mailing', 'Mailing'),
      ],
      'ControlledByParent',
    ),
    make(
      'Task',
      'Task',
      'Tasks',
      '00T',
      [
        text('Subject', 'Subject', 255),
        picklist(
          'Status',
          'Status',
          ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
          'Not Started',
          { required: false, nillable: false },
        ),
        picklist('Priority', 'Priority', ['High', 'Normal', 'Low'], 'Normal', { nillable: false }),
        baseField('ActivityDate', 'Due Date Only', 'date'),
        lookup('WhatId', 'Related To ID', [], 'What', { deleteConstraint: 'SetNull' }),
        lookup('WhoId', 'Name ID', ['Contact'], 'Who', { deleteConstraint: 'SetNull' }),
        baseField('Description', 'Description', 'textarea', { length: 32000 }),
        baseField('IsClosed', 'Closed', 'boolean', {
          calculated: true,
          createable: false,
          updateable: false,
          formula: 'ISPICKVAL(Status, "Completed")',
        }),
        ownerField(),
      ],
      'ControlledByParent',
    ),
    make('Group', 'Group', 'Groups', '00G', [
      text('Name', 'Name', 40, { nameField: true, required: true, nillable: false }),
      text('DeveloperName', 'Developer Name', 80),
      picklist('Type', 'Type', ['Regular', 'Queue', 'Role', 'Organization'], 'Regular'),
    ]),
    make('GroupMember', 'Group Member', 'Group Members', '011', [
      lookup('GroupId', 'Group ID', ['Group'], 'Group', { nillable: false }),
      // A user or a group (public groups inside a queue).
      baseField('UserOrGroupId', 'User/Group ID', 'reference', { referenceTo: ['User', 'Group'], nillable: false }),
    ]),
    // Approval history, written only by the approval engine (process/approvals), as in Salesforce.
    make('ProcessInstance', 'Process Instance', 'Process Instances', '04g', [
      systemField('TargetObjectId', 'Target Object ID', 'reference', {
        referenceTo: [],
        relationshipName: 'TargetObject',
      }),
      systemField('Status', 'Status', 'picklist', {
        length: 255,
        picklistValues: [
          'Approved',
          'Rejected',
          'Removed',
          'Fault',
          'Pending',
          'Held',
          'Reassigned',
          'Started',
          'NoResponse',
        ].map((v) => ({ value: v, label: v, defaultValue: false, active: true })),
      }),
      systemField('ProcessDefinitionName', 'Process Definition', 'string', { length: 120 }),
      userRef('SubmittedById', 'Submitted By ID', 'SubmittedBy'),
      systemField('CompletedDate', 'Completed Date', 'datetime', { nillable: true }),
    ]),
    make('ProcessInstanceWorkitem', 'Approval Request', 'Approval Requests', '04i', [
      systemField('ProcessInstanceId', 'Process Instance ID', 'reference', {
        referenceTo: ['ProcessInstance'],
        relationshipName: 'ProcessInstance',
      }),
      systemField('ActorId', 'Actor ID', 'reference', { referenceTo: ['User', 'Group'], relationshipName: 'Actor' }),
      systemField('OriginalActorId', 'Original Actor ID', 'reference', {
        referenceTo: ['User', 'Group'],
        relationshipName: 'OriginalActor',
      }),
      systemField('StepName', 'Step', 'string', { length: 120 }),
    ]),
    make('ProcessInstanceStep', 'Approval Step', 'Approval Steps', '04h', [
      systemField('ProcessInstanceId', 'Process Instance ID', 'reference', {
        referenceTo: ['ProcessInstance'],
        relationshipName: 'ProcessInstance',
      }),
      systemField('StepStatus', 'Status', 'string', { length: 40 }),
      systemField('ActorId', 'Actor ID', 'reference', { referenceTo: ['User', 'Group'], relationshipName: 'Actor' }),
      systemField('OriginalActorId', 'Original Actor ID', 'reference', {
        referenceTo: ['User', 'Group'],
        relationshipName: 'OriginalActor',
      }),
      systemField('StepName', 'Step', 'string', { length: 120, nillable: true }),
      systemField('Comments', 'Comments', 'textarea', { length: 4000, nillable: true }),
    ]),
  ];
}

/** Describe type of a metadata field type. */
function soapType(field: FieldInfo, summaryTarget?: SoapType): SoapType {
  switch (field.type) {
    case 'Text':
    case 'AutoNumber':
      return 'string';
    case 'TextArea':
    case 'LongTextArea':
    case 'Html':
      return 'textarea';
    case 'Picklist':
      return 'picklist';
    case 'MultiselectPicklist':
      return 'multipicklist';
    case 'Number':
      return 'double';
    case 'Currency':
      return 'currency';
    case 'Percent':
      return 'percent';
    case 'Checkbox':
      return 'boolean';
    case 'Date':
      return 'date';
    case 'DateTime':
      return 'datetime';
    case 'Lookup':
    case 'MasterDetail':
      return 'reference';
    case 'Url':
      return 'url';
    case 'Email':
      return 'email';
    case 'Phone':
      return 'phone';
    case 'Summary':
      return summaryTarget ?? 'double';
    default:
      return 'string';
  }
}

const num = (el: FieldInfo['el'], tag: string) => {
  const t = el ? childText(el, tag) : undefined;
  return t === undefined ? undefined : Number(t);
};

function customField(info: FieldInfo): FieldDef {
  const el = info.el!;
  const formula = info.formula;
  const isSummary = info.type === 'Summary';
  const calculated = formula !== undefined || isSummary || info.type === 'AutoNumber';
  let summary: SummaryDef | undefined;
  if (isSummary) {
    const [childObject, foreignKey] = (childText(el, 'summaryForeignKey') ?? '').split('.');
    summary = {
      operation: (childText(el, 'summaryOperation') ?? 'count') as SummaryDef['operation'],
      childObject,
      foreignKey,
      summarizedField: childText(el, 'summarizedField')?.split('.')[1],
      filters: childrenNamed(el, 'summaryFilterItems').map((f) => ({
        field: (childText(f, 'field') ?? '').split('.')[1],
        operation: childText(f, 'operation') ?? 'equals',
        value: childText(f, 'value') ?? '',
      })),
    };
  }
  const valueSet = childrenNamed(el, 'valueSet')[0];
  const picklistValues = valueSet
    ? descendants(valueSet, 'value').map((v) => ({
        value: childText(v, 'fullName') ?? '',
        label: childText(v, 'label') ?? childText(v, 'fullName') ?? '',
        defaultValue: childText(v, 'default') === 'true',
        active: childText(v, 'isActive') !== 'false',
      }))
    : undefined;
  const type = soapType(info);
  const masterDetail = info.type === 'MasterDetail';
  const required = masterDetail || info.required;
  const checkboxDefault = info.type === 'Checkbox' && !formula ? childText(el, 'defaultValue') === 'true' : undefined;
  const picklistDefault = picklistValues?.find((v) => v.defaultValue)?.value;
  const def: FieldDef = baseField(info.name, childText(el, 'label') ?? info.name, type, {
    custom: true,
    length:
      type === 'string' || type === 'textarea' || type === 'url' || type === 'email' || type === 'phone'
        ? (num(el, 'length') ?? 255)
        : undefined,
    precision: num(el, 'precision'),
    scale: num(el, 'scale'),
    required: required && !calculated && picklistDefault === undefined,
    nillable: !required && info.type !== 'Checkbox',
    unique: childText(el, 'unique') === 'true',
    externalId: childText(el, 'externalId') === 'true',
    caseSensitive: childText(el, 'caseSensitive') === 'true',
    createable: !calculated,
    updateable: !calculated && !(masterDetail && childText(el, 'reparentableMasterDetail') !== 'true'),
    calculated,
    formula,
    summary,
    picklistValues,
    restrictedPicklist: valueSet ? childText(valueSet, 'restricted') === 'true' : false,
    defaultValue: checkboxDefault ?? picklistDefault,
    referenceTo: info.referenceTo ? [info.referenceTo] : [],
    relationshipName: info.referenceTo ? info.name.replace(/__c$/, '__r') : undefined,
    childRelationshipName: info.relationshipName ? `${info.relationshipName}__r` : undefined,
    masterDetail,
    // Universally required fields and master-detail fields have no field-level security.
    permissionable: !masterDetail && !info.required,
    writeRequiresMasterRead: masterDetail ? childText(el, 'writeRequiresMasterRead') === 'true' : undefined,
    deleteConstraint: masterDetail
      ? 'Cascade'
      : ((childText(el, 'deleteConstraint') as FieldDef['deleteConstraint']) ??
        (info.referenceTo ? 'SetNull' : undefined)),
  });
  return def;
}

function customObject(info: ObjectInfo, keyPrefix: string): ObjectDef {
  const el = info.el!;
  const fields = new Map<string, FieldDef>();
  for (const f of auditFields()) fields.set(f.name, f);
  const sharingModel = childText(el, 'sharingModel') ?? 'ReadWrite';
  if (sharingModel !== 'ControlledByParent') fields.set('OwnerId', ownerField());
  const nameField = childrenNamed(el, 'nameField')[0];
  const nameType = nameField ? childText(nameField, 'type') : 'Text';
  fields.set(
    'Name',
    nameType === 'AutoNumber'
      ? text('Name', childText(nameField!, 'label') ?? 'Name', 80, {
          nameField: true,
          calculated: true,
          createable: false,
          updateable: false,
          nillable: false,
          autoNumber: {
            displayFormat: childText(nameField!, 'displayFormat') ?? '{0}',
            start: Number(childText(nameField!, 'startingNumber') ?? '1'),
          },
        })
      : text('Name', (nameField && childText(nameField, 'label')) ?? 'Name', 80, {
          nameField: true,
          required: true,
          nillable: false,
        }),
  );
  for (const f of info.fields.values()) if (!f.standard) fields.set(f.name, customField(f));
  return {
    name: info.name,
    label: childText(el, 'label') ?? info.name,
    labelPlural: childText(el, 'pluralLabel') ?? info.name,
    keyPrefix,
    custom: true,
    fields,
    childRelationships: [],
    validationRules: [],
    sharingModel,
    activities: childText(el, 'enableActivities') === 'true',
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
  };
}

/** Key prefixes for custom objects: a01, a02, … in name order, so ids are stable across restarts. */
function customKeyPrefix(index: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const n = index + 1;
  return `a${alphabet[Math.floor(n / 62)]}${alphabet[n % 62]}`;
}

/** Builds the org schema from the package source (force-app) plus the standard objects. */
export function loadSchema(root: string, sourceDir = 'force-app'): OrgSchema {
  const project = loadProject(root, sourceDir);
  const objects = new Map<string, ObjectDef>();
  for (const o of standardObjects()) objects.set(o.name, o);
  const customs = [...project.objects.values()]
    .filter((o) => o.custom && o.el)
    .sort((a, b) => a.name.localeCompare(b.name));
  customs.forEach((info, i) => objects.set(info.name, customObject(info, customKeyPrefix(i))));
  // Custom fields the package adds to standard objects (Contact CME_*).
  for (const info of project.objects.values()) {
    const target = objects.get(info.name);
    if (!target || info.custom) continue;
    for (const f of info.fields.values()) if (!f.standard) target.fields.set(f.name, customField(f));
  }
  // Summary fields take their type from the field they summarise (sum of currency is currency).
  for (const object of objects.values()) {
    for (const field of object.fields.values()) {
      if (!field.summary) continue;
      const child = objects.get(field.summary.childObject);
      const target =
        field.summary.summarizedField && child ? child.fields.get(field.summary.summarizedField) : undefined;
      field.type = field.summary.operation === 'count' ? 'double' : (target?.type ?? 'double');
      field.precision = field.precision ?? 18;
      field.scale = field.scale ?? (field.summary.operation === 'count' ? 0 : (target?.scale ?? 2));
      field.nillable = true;
    }
  }
  // Child relationships, from every reference field.
  for (const object of objects.values()) {
    for (const field of object.fields.values()) {
      if (field.type !== 'reference' || field.system) continue;
      for (const target of field.referenceTo) {
        objects.get(target)?.childRelationships.push({
          childSObject: object.name,
          field: field.name,
          relationshipName: field.custom ? field.childRelationshipName : undefined,
          cascadeDelete: field.masterDetail,
          restrictedDelete: field.deleteConstraint === 'Restrict',
        });
      }
    }
  }
  // Standard child relationships the CLI and screens use.
  for (const [childSObject, relationshipName] of [
    ['ProcessInstanceWorkitem', 'Workitems'],
    ['ProcessInstanceStep', 'Steps'],
  ])
    objects.get('ProcessInstance')?.childRelationships.push({
      childSObject,
      field: 'ProcessInstanceId',
      relationshipName,
      cascadeDelete: true,
      restrictedDelete: false,
    });
  objects.get('Account')?.childRelationships.push({
    childSObject: 'Contact',
    field: 'AccountId',
    relationshipName: 'Contacts',
    cascadeDelete: false,
    restrictedDelete: false,
  });
  for (const o of objects.values()) {
    if (o.activities) {
      o.childRelationships.push({
        childSObject: 'Task',
        field: o.name === 'Contact' ? 'WhoId' : 'WhatId',
        relationshipName: 'Tasks',
        cascadeDelete: true,
        restrictedDelete: false,
      });
    }
  }
  // Validation rules.
  for (const file of project.files) {
    const match = /\/objects\/([^/]+)\/validationRules\/([^/]+)\.validationRule-meta\.xml$/.exec(file.file);
    if (!match) continue;
    objects.get(match[1])?.validationRules.push({
      name: match[2],
      formula: childText(file.root, 'errorConditionFormula') ?? 'false',
      message: childText(file.root, 'errorMessage') ?? '',
      errorDisplayField: childText(file.root, 'errorDisplayField'),
      active: childText(file.root, 'active') === 'true',
    });
  }
  // Task.WhatId is polymorphic over every object with activities.
  const task = objects.get('Task');
  const whatId = task?.fields.get('WhatId');
  if (whatId)
    whatId.referenceTo = [...objects.values()].filter((o) => o.activities && o.name !== 'Contact').map((o) => o.name);
  const permissionSets = new Map<string, PermissionSetDef>();
  for (const file of project.files) {
    const match = /\/permissionsets\/([^/]+)\.permissionset-meta\.xml$/.exec(file.file);
    if (!match) continue;
    const granted = childrenNamed(file.root, 'customPermissions').filter((p) => childText(p, 'enabled') === 'true');
    const flag = (el: XmlElement, name: string) => childText(el, name) === 'true';
    permissionSets.set(match[1], {
      label: childText(file.root, 'label') ?? match[1],
      customPermissions: granted.map((p) => childText(p, 'name') ?? ''),
      objects: new Map(
        childrenNamed(file.root, 'objectPermissions').map((p) => [
          childText(p, 'object') ?? '',
          {
            allowCreate: flag(p, 'allowCreate'),
            allowRead: flag(p, 'allowRead'),
            allowEdit: flag(p, 'allowEdit'),
            allowDelete: flag(p, 'allowDelete'),
            viewAllRecords: flag(p, 'viewAllRecords'),
            modifyAllRecords: flag(p, 'modifyAllRecords'),
          },
        ]),
      ),
      fields: new Map(
        childrenNamed(file.root, 'fieldPermissions').map((p) => [
          childText(p, 'field') ?? '',
          { readable: flag(p, 'readable'), editable: flag(p, 'editable') },
        ]),
      ),
    });
  }
  return { objects, permissionSets, sharingRules: sharingRules(project.files), ...automation(project.files) };
}

type ProjectFiles = ReturnType<typeof loadProject>['files'];

/** Criteria-based sharing rules (Metadata API SharingRules: sharingCriteriaRules with criteriaItems). */
function sharingRules(files: ProjectFiles): SharingRuleDef[] {
  const rules: SharingRuleDef[] = [];
  for (const file of files) {
    const match = /\/sharingRules\/([^/]+)\.sharingRules-meta\.xml$/.exec(file.file);
    if (!match) continue;
    for (const rule of childrenNamed(file.root, 'sharingCriteriaRules')) {
      const sharedTo = childrenNamed(rule, 'sharedTo').flatMap((to) =>
        to.children.map((c) => ({ type: c.name, name: c.text.trim() || undefined })),
      );
      rules.push({
        object: match[1],
        name: childText(rule, 'fullName') ?? '',
        accessLevel: childText(rule, 'accessLevel') === 'Edit' ? 'Edit' : 'Read',
        sharedTo,
        criteria: childrenNamed(rule, 'criteriaItems').map((c) => ({
          field: childText(c, 'field') ?? '',
          operation: childText(c, 'operation') ?? 'equals',
          value: childText(c, 'value') ?? '',
        })),
        booleanFilter: childText(rule, 'booleanFilter'),
      });
    }
  }
  return rules;
}

/** Approval processes, workflow field updates, queues and groups from the package source. */
function automation(files: ProjectFiles): Pick<OrgSchema, 'approvalProcesses' | 'fieldUpdates' | 'groups'> {
  const approvalProcesses: ApprovalProcessDef[] = [];
  const fieldUpdates = new Map<string, FieldUpdateDef>();
  const groups: GroupDef[] = [];
  const actions = (root: XmlElement, name: string) =>
    childrenNamed(root, name).flatMap((list) => childrenNamed(list, 'action').map((a) => childText(a, 'name') ?? ''));
  for (const file of files) {
    let match = /\/approvalProcesses\/([^/.]+)\.([^/]+)\.approvalProcess-meta\.xml$/.exec(file.file);
    if (match) {
      const entry = childrenNamed(file.root, 'entryCriteria')[0];
      approvalProcesses.push({
        object: match[1],
        name: match[2],
        label: childText(file.root, 'label') ?? match[2],
        active: childText(file.root, 'active') === 'true',
        entryFormula: entry ? childText(entry, 'formula') : undefined,
        allowedSubmitters: childrenNamed(file.root, 'allowedSubmitters').map((a) => childText(a, 'type') ?? ''),
        steps: childrenNamed(file.root, 'approvalStep').map((step) => {
          const approver = descendants(step, 'approver')[0];
          return {
            name: childText(step, 'name') ?? '',
            label: childText(step, 'label') ?? childText(step, 'name') ?? '',
            approver: {
              type: (approver
                ? childText(approver, 'type')
                : 'userHierarchyField') as ApprovalStepDef['approver']['type'],
              name: approver ? childText(approver, 'name') : undefined,
            },
          };
        }),
        initialSubmissionActions: actions(file.root, 'initialSubmissionActions'),
        finalApprovalActions: actions(file.root, 'finalApprovalActions'),
        finalRejectionActions: actions(file.root, 'finalRejectionActions'),
        recallActions: actions(file.root, 'recallActions'),
        // Metadata API ApprovalProcess.recordEditability: AdminOnly or AdminOrCurrentApprover.
        recordEditability:
          childText(file.root, 'recordEditability') === 'AdminOrCurrentApprover'
            ? 'AdminOrCurrentApprover'
            : 'AdminOnly',
      });
      continue;
    }
    match = /\/workflows\/([^/]+)\.workflow-meta\.xml$/.exec(file.file);
    if (match) {
      for (const update of childrenNamed(file.root, 'fieldUpdates')) {
        const name = childText(update, 'fullName') ?? '';
        fieldUpdates.set(name, {
          object: match[1],
          name,
          field: childText(update, 'field') ?? '',
          operation: (childText(update, 'operation') ?? 'Literal') as FieldUpdateDef['operation'],
          literalValue: childText(update, 'literalValue'),
          formula: childText(update, 'formula'),
        });
      }
      continue;
    }
    match = /\/(queues|groups)\/([^/]+)\.(queue|group)-meta\.xml$/.exec(file.file);
    if (match)
      groups.push({
        developerName: match[2],
        name: childText(file.root, 'name') ?? match[2],
        type: match[3] === 'queue' ? 'Queue' : 'Regular',
        memberGroups: descendants(file.root, 'publicGroup').map((g) => g.text.trim()),
      });
  }
  return { approvalProcesses, fieldUpdates, groups };
}

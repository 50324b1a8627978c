// Reads force-app into a model the validator's cross-reference checks and the local org's schema
// query: objects and their fields, validation rules, list views, compact layouts, and every other
// metadata file by type.
import fs from 'node:fs';
import path from 'node:path';
import { checkWellFormed, childText, childrenNamed, parseXml } from './xml.ts';
import type { XmlElement } from './xml.ts';

export interface FieldInfo {
  name: string;
  object: string;
  type: string;
  required: boolean;
  file?: string;
  el?: XmlElement;
  picklistValues?: string[];
  referenceTo?: string;
  relationshipName?: string;
  formula?: string;
  standard: boolean;
}

export interface ObjectInfo {
  name: string;
  custom: boolean;
  file?: string;
  el?: XmlElement;
  fields: Map<string, FieldInfo>;
}

export interface MetadataFile {
  /** Path relative to the project root, forward slashes. */
  file: string;
  root: XmlElement;
}

export interface Project {
  root: string;
  sourceDir: string;
  objects: Map<string, ObjectInfo>;
  /** Every well-formed metadata XML file under the source dir, by its folder kind (objects, layouts, …). */
  files: MetadataFile[];
  /** Files that are not well-formed, with the problem (reported by the well-formedness check). */
  malformed: { file: string; line: number; column: number; message: string }[];
}

const CUSTOM_OBJECT_STANDARD_FIELDS: [string, string][] = [
  ['Id', 'Id'],
  ['Name', 'Text'],
  ['OwnerId', 'Lookup'],
  ['CreatedById', 'Lookup'],
  ['CreatedDate', 'DateTime'],
  ['LastModifiedById', 'Lookup'],
  ['LastModifiedDate', 'DateTime'],
  ['SystemModstamp', 'DateTime'],
  ['IsDeleted', 'Checkbox'],
  ['LastActivityDate', 'Date'],
  ['LastViewedDate', 'DateTime'],
  ['LastReferencedDate', 'DateTime'],
];

/** Standard objects the package touches, with the standard fields it may reference. */
export const STANDARD_OBJECTS: Record<string, string[]> = {
  Contact: [
    'Id',
    'Name',
    'FirstName',
    'LastName',
    'Salutation',
    'Title',
    'Email',
    'Phone',
    'MobilePhone',
    'AccountId',
    'OwnerId',
    'MailingStreet',
    'MailingCity',
    'MailingState',
    'MailingPostalCode',
    'MailingCountry',
    'Department',
    'CreatedById',
    'CreatedDate',
    'LastModifiedById',
    'LastModifiedDate',
    'SystemModstamp',
    'IsDeleted',
  ],
  Account: [
    'Id',
    'Name',
    'OwnerId',
    'BillingCity',
    'BillingCountry',
    'CreatedById',
    'CreatedDate',
    'LastModifiedById',
    'LastModifiedDate',
  ],
  User: [
    'Id',
    'Name',
    'FirstName',
    'LastName',
    'Username',
    'Email',
    'Alias',
    'ManagerId',
    'IsActive',
    'ProfileId',
    'UserRoleId',
    'CreatedDate',
  ],
  Task: [
    'Id',
    'Subject',
    'Status',
    'Priority',
    'ActivityDate',
    'WhatId',
    'WhoId',
    'OwnerId',
    'Description',
    'IsClosed',
    'CreatedDate',
  ],
  Organization: ['Id', 'Name', 'FiscalYearStartMonth', 'DefaultLocaleSidKey', 'TimeZoneSidKey'],
};

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === '__tests__') continue;
      out.push(...listFiles(full));
    } else out.push(full);
  }
  return out.sort();
}

export function listProjectFiles(root: string, sourceDir: string): string[] {
  return listFiles(path.join(root, sourceDir)).map((f) => toPosix(path.relative(root, f)));
}

function fieldFromXml(object: string, file: string, el: XmlElement): FieldInfo {
  const name = childText(el, 'fullName') ?? path.basename(file).replace('.field-meta.xml', '');
  const valueSet = childrenNamed(el, 'valueSet')[0];
  const definition = valueSet ? childrenNamed(valueSet, 'valueSetDefinition')[0] : undefined;
  const picklistValues = definition
    ? childrenNamed(definition, 'value').map((v) => childText(v, 'fullName') ?? '')
    : undefined;
  return {
    name,
    object,
    type: childText(el, 'type') ?? '',
    required: childText(el, 'required') === 'true',
    file,
    el,
    picklistValues,
    referenceTo: childText(el, 'referenceTo'),
    relationshipName: childText(el, 'relationshipName'),
    formula: childText(el, 'formula'),
    standard: false,
  };
}

function ensureObject(objects: Map<string, ObjectInfo>, name: string): ObjectInfo {
  let info = objects.get(name);
  if (!info) {
    const custom = name.endsWith('__c');
    info = { name, custom, fields: new Map() };
    const standardFields = custom
      ? CUSTOM_OBJECT_STANDARD_FIELDS
      : (STANDARD_OBJECTS[name] ?? []).map((f) => [f, f.endsWith('Id') ? 'Lookup' : 'Text'] as [string, string]);
    for (const [f, type] of standardFields)
      info.fields.set(f, { name: f, object: name, type, required: false, standard: true });
    objects.set(name, info);
  }
  return info;
}

export function loadProject(root: string, sourceDir = 'force-app'): Project {
  const project: Project = { root, sourceDir, objects: new Map(), files: [], malformed: [] };
  for (const name of Object.keys(STANDARD_OBJECTS)) ensureObject(project.objects, name);

  for (const file of listProjectFiles(root, sourceDir).filter((f) => f.endsWith('.xml'))) {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    const problem = checkWellFormed(source);
    if (problem) {
      project.malformed.push({ file, ...problem });
      continue;
    }
    const el = parseXml(source);
    project.files.push({ file, root: el });
    const objectMatch = /\/objects\/([^/]+)\/(?:([^/]+)\/)?[^/]+$/.exec(file);
    if (!objectMatch) continue;
    const object = ensureObject(project.objects, objectMatch[1]);
    if (file.endsWith('.object-meta.xml')) {
      object.file = file;
      object.el = el;
    } else if (objectMatch[2] === 'fields') {
      const field = fieldFromXml(object.name, file, el);
      object.fields.set(field.name, field);
    }
  }
  // Custom objects: Name is the name field; ControlledByParent objects have no owner.
  for (const object of project.objects.values()) {
    if (!object.custom || !object.el) continue;
    if (childText(object.el, 'sharingModel') === 'ControlledByParent') object.fields.delete('OwnerId');
    if (childText(object.el, 'enableActivities') !== 'true') object.fields.delete('LastActivityDate');
  }
  return project;
}

/** Metadata files whose path matches a pattern, e.g. /\.permissionset-meta\.xml$/. */
export function filesMatching(project: Project, pattern: RegExp): MetadataFile[] {
  return project.files.filter((f) => pattern.test(f.file));
}

/** File name without its folder and metadata suffix: `a/b/CME.app-meta.xml`, `.app-meta.xml` → `CME`. */
export function baseName(file: string, suffix: string): string {
  return file.replace(/^.*\//, '').replace(suffix, '');
}

/** The object a file under objects/<Object>/… belongs to. */
export function objectOfFile(file: string): string | undefined {
  return /\/objects\/([^/]+)\//.exec(file)?.[1];
}

/**
 * Resolves a field path as formulas and LWC schema imports write it (`Status__c`, `Event__r.Status__c`,
 * `Owner.Name`) from an object. Returns the final field, or a message saying which segment is unknown.
 */
export function resolveFieldPath(project: Project, objectName: string, fieldPath: string): FieldInfo | string {
  const segments = fieldPath.split('.');
  let object = project.objects.get(objectName);
  if (!object) return `unknown object ${objectName}`;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (last) {
      const field = findField(object, segment);
      return field ?? `${object.name} has no field ${segment}`;
    }
    const next = relationshipTarget(project, object, segment);
    if (typeof next === 'string') return next;
    object = next;
  }
  return `empty field path`;
}

function findField(object: ObjectInfo, name: string): FieldInfo | undefined {
  for (const field of object.fields.values()) if (field.name.toLowerCase() === name.toLowerCase()) return field;
  return undefined;
}

function relationshipTarget(project: Project, object: ObjectInfo, segment: string): ObjectInfo | string {
  let fieldName: string;
  if (/__r$/i.test(segment)) fieldName = segment.replace(/__r$/i, '__c');
  else fieldName = `${segment}Id`;
  const field = findField(object, fieldName);
  if (!field) return `${object.name} has no relationship ${segment}`;
  const target =
    field.referenceTo ??
    (['OwnerId', 'CreatedById', 'LastModifiedById', 'ManagerId'].includes(field.name)
      ? 'User'
      : field.name === 'AccountId'
        ? 'Account'
        : undefined);
  if (!target) return `${object.name}.${segment} is not a relationship`;
  const targetObject = project.objects.get(target);
  if (!targetObject) return `${object.name}.${segment} points to unknown object ${target}`;
  return targetObject;
}
